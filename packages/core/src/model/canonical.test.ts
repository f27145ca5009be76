import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, deepFreeze, sha256 } from "./canonical.js";

describe("canonicalJson", () => {
  it("sorts keys, drops undefined members and writes no white space", () => {
    expect(canonicalJson({ b: 1, a: [true, undefined, "x"] })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(canonicalJson({ z: { y: 2, x: undefined, w: null } })).toBe('{"z":{"w":null,"y":2}}');
  });

  it("writes scalars as JSON does", () => {
    expect([null, undefined, true, 0, -1.5, "甲", 'a"b\n'].map(canonicalJson)).toEqual(["null", "null", "true", "0", "-1.5", '"甲"', '"a\\"b\\n"']);
  });

  it("keeps array order (order is content)", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("refuses non-finite numbers, which JSON cannot carry", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
  });

  it("is valid JSON that parses back to the same content (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it("does not depend on key insertion order (fast-check)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});

describe("sha256 and contentHash", () => {
  it("hashes UTF-8 bytes (known vectors)", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256("連携協約")).toBe(createHash("sha256").update(Buffer.from("連携協約", "utf8")).digest("hex"));
  });

  it("gives equal content equal hashes and different content different hashes", () => {
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: "1" }));
    expect(contentHash({ name: "E S D" })).not.toBe(contentHash({ name: "ESD" })); // stored text is never normalised
    expect(contentHash({ a: 1 })).toBe(sha256('{"a":1}'));
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/u);
  });
});

describe("deepFreeze", () => {
  it("freezes a value and everything reachable, and returns it", () => {
    const doc = { articles: [{ number: "1", paragraphs: [{ number: 1, items: [{ label: "1", items: [] }] }] }] };
    const out = deepFreeze(doc);
    expect(out).toBe(doc);
    expect(Object.isFrozen(doc)).toBe(true);
    expect(Object.isFrozen(doc.articles)).toBe(true);
    expect(Object.isFrozen(doc.articles[0])).toBe(true);
    expect(Object.isFrozen(doc.articles[0]!.paragraphs[0]!.items[0]!.items)).toBe(true);
    expect(() => {
      (doc.articles as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it("leaves scalars alone and copes with shared sub-objects", () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze("x")).toBe("x");
    const shared = { t: "共有" };
    const v = deepFreeze({ a: shared, b: shared });
    expect(Object.isFrozen(v.b)).toBe(true);
  });
});
