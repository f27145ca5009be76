import { describe, expect, it } from "vitest";
import { formatAddress, parseAddress } from "./address.js";

describe("addresses", () => {
  it("parse and format are inverse", () => {
    for (const a of ["article:3/paragraph:2", "appendix:1/section:II/item:高度な中心拠点の強化/field:取組内容", "preamble", "article:3の2/paragraph:1/item:1/item:ア", "appendix:1/section:#1/item:a%2Fb"]) {
      const segs = parseAddress(a);
      expect(segs).toBeDefined();
      expect(formatAddress(segs!)).toBe(a);
    }
  });
  it("rejects unknown segment kinds", () => {
    expect(parseAddress("chapter:1")).toBeUndefined();
    expect(parseAddress("")).toBeUndefined();
  });
});
