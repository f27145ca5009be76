import { describe, expect, it } from "vitest";
import { readBackGlyphs, unifyRadicals } from "./radicals.js";

describe("unifyRadicals", () => {
  it("maps Kangxi radicals and supplement radicals to the kanji they stand for", () => {
    expect(unifyRadicals("平成28年10⽉11⽇ 岡⼭市⻑ 住⺠ ⻄")).toBe("平成28年10月11日 岡山市長 住民 西");
  });
  it("changes nothing else (full-width digits, kana, ideographs, U+2E80 without an equivalent)", () => {
    expect(unifyRadicals("第１条　ＥＳＤ ⺀")).toBe("第１条　ＥＳＤ ⺀");
  });
});

describe("readBackGlyphs", () => {
  it("reads Skia's shared glyphs back only in a Skia PDF, and counts every replacement", () => {
    const seen = new Map<string, number>();
    expect(readBackGlyphs("瀬⼾内市‧岡⼭市", true, seen)).toBe("瀬戸内市・岡山市");
    expect([...seen]).toEqual([["⼾→戸", 1], ["‧→・", 1], ["⼭→山", 1]]);
    expect(readBackGlyphs("瀬⼾", false, new Map())).toBe("瀬戶");
    expect(readBackGlyphs("瀬戶内市‧", false, new Map())).toBe("瀬戶内市‧");
  });
});
