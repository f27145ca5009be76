import { describe, expect, it } from "vitest";
import { unifyRadicals } from "./radicals.js";

describe("unifyRadicals", () => {
  it("maps Kangxi radicals and supplement radicals to the kanji they stand for", () => {
    expect(unifyRadicals("平成28年10⽉11⽇ 岡⼭市⻑ 住⺠ ⻄")).toBe("平成28年10月11日 岡山市長 住民 西");
  });
  it("changes nothing else (full-width digits, kana, ideographs, U+2E80 without an equivalent)", () => {
    expect(unifyRadicals("第１条　ＥＳＤ ⺀")).toBe("第１条　ＥＳＤ ⺀");
  });
});
