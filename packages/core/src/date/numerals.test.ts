import { describe, expect, it } from "vitest";
import { parseJpNumeral, toKanjiNumeral } from "./numerals.js";

describe("parseJpNumeral", () => {
  const table: [string, number | undefined][] = [
    ["7", 7], ["１２", 12], ["31", 31],
    ["一", 1], ["十", 10], ["十一", 11], ["二十", 20], ["二十二", 22], ["三十一", 31], ["六十四", 64],
    ["百", 100], ["二千二十五", 2025], ["千九百八十九", 1989], ["二千", 2000],
    ["五八", 58], ["三〇", 30], ["二〇二五", 2025], ["〇", 0], ["零", 0],
    ["壱", 1], ["弐拾", 20], ["参拾壱", 31],
    ["", undefined], ["十十", undefined], ["二三十", undefined], ["十百", undefined], ["〇十", undefined], ["a", undefined], ["七x", undefined],
  ];
  it.each(table)("reads %s as %s", (s, n) => {
    expect(parseJpNumeral(s)).toBe(n);
  });

  // The malformed numerals a 改め文 must refuse where they stand (「第十十条」), never read as some number.
  it.each(["十十", "二十五十", "三五十", "十百千", "〇十", "百百", "一〇十", "1十", "十ア"])("refuses the malformed %s", (s) => {
    expect(parseJpNumeral(s)).toBeUndefined();
  });
  it("reads full-width and spaced forms as the same number", () => {
    expect(["１２", "十 二", "十二"].map(parseJpNumeral)).toEqual([12, 12, 12]);
  });

  it("reads back every number it writes, 0–9999", () => {
    for (let n = 0; n <= 9999; n++) expect(parseJpNumeral(toKanjiNumeral(n))).toBe(n);
  });
});

describe("toKanjiNumeral", () => {
  it("writes numbers as dates print them", () => {
    expect([1, 10, 11, 22, 31, 64, 100, 2025].map(toKanjiNumeral)).toEqual(["一", "十", "十一", "二十二", "三十一", "六十四", "百", "二千二十五"]);
  });
  it("refuses what it cannot write", () => {
    expect(() => toKanjiNumeral(-1)).toThrow(RangeError);
    expect(() => toKanjiNumeral(1.5)).toThrow(RangeError);
  });
});
