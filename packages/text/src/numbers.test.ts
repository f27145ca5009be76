import { parseJpNumeral } from "@kyoyaku/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { articleNumber, compareArticleNumbers, readNumber, romanLabel } from "./numbers.js";

describe("readNumber (core's parseJpNumeral: one reader for dates and provisions)", () => {
  it.each([
    ["5", 5], ["５", 5], ["十二", 12], ["二十五", 25], ["百三", 103], ["二〇", 20], ["壱", 1], ["弐拾", 20],
  ] as const)("reads %s as %s", (s, n) => {
    expect(readNumber(s)).toBe(n);
  });
  it.each(["十十", "二十五十", "三五十", "十百千", "〇十", "", "x", "1十"])("refuses the malformed %s", (s) => {
    expect(readNumber(s)).toBeUndefined();
  });
  it("agrees with parseJpNumeral on any string of numeral characters, except zero (provisions start at 1)", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(..."〇一二三五九十百千0５"), { maxLength: 6 }), (cs) => {
      const s = cs.join("");
      const n = parseJpNumeral(s);
      expect(readNumber(s)).toBe(n === 0 ? undefined : n);
    }), { numRuns: 150 });
  });
  it.each(["〇", "0", "００"])("%s is no provision number", (s) => expect(readNumber(s)).toBeUndefined());
});

describe("articleNumber", () => {
  it("reads 枝番号 in any script, and refuses a malformed part", () => {
    expect(articleNumber("五の二")).toBe("5の2");
    expect(articleNumber("十二の三")).toBe("12の3");
    expect(articleNumber("５の２")).toBe("5の2");
    expect(articleNumber("十十の二")).toBeUndefined();
    expect(articleNumber("五の十十")).toBeUndefined();
    expect(compareArticleNumbers(articleNumber("五の二")!, "6")).toBeLessThan(0);
  });
});

describe("romanLabel", () => {
  it.each([
    ["I", "I"], ["IV", "IV"], ["X", "X"], ["XIV", "XIV"], ["Ⅰ", "I"], ["Ⅳ", "IV"], ["Ⅸ", "IX"], ["Ⅹ", "X"], ["Ⅻ", "XII"], ["ＩＶ", "IV"], ["ＸＩ", "XI"],
  ] as const)("reads %s as %s", (s, label) => {
    expect(romanLabel(s)).toBe(label);
  });
  it.each(["", "IIII", "VX", "IIV", "VV", "IL", "ⅡⅡ"])("refuses %s", (s) => {
    expect(romanLabel(s)).toBeUndefined();
  });
});
