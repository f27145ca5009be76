import { describe, expect, it } from "vitest";
import { parseInstruction, readQuote, startsInstruction } from "./kaimebun.js";

describe("readQuote", () => {
  it("matches nested brackets and keeps 、。 inside", () => {
    expect(readQuote("「A「B」、C。」を", 0)).toEqual({ text: "A「B」、C。", end: 9 });
    expect(readQuote("「unclosed", 0)).toBeUndefined();
  });
});

describe("parseInstruction", () => {
  it("reads 「A」を「B」に、「C」を「D」に改める as two replacements", () => {
    const r = parseInstruction("第3条第2項中「A」を「B」に、「C」を「D」に改める。");
    expect(Array.isArray(r) && r.map((c) => c.kind === "replaceText" && [c.target.paragraph, c.from, c.to])).toEqual([[2, "A", "B"], [2, "C", "D"]]);
  });
  it("follows 同条 to the article named before", () => {
    const r = parseInstruction("第3条中「A」を「B」に改め、同条第2項中「C」を削る。");
    expect(Array.isArray(r) && r.map((c) => [c.kind, c.target.kind, c.target.article, c.target.paragraph])).toEqual([
      ["replaceText", "article", "3", undefined], ["deleteText", "paragraph", "3", 2],
    ]);
  });
  it("reads 最初の「A」 as the first occurrence, kanji numbers and 第N条の2", () => {
    const r = parseInstruction("第十二条の二中最初の「甲」を「乙」に改める。");
    expect(Array.isArray(r) && r[0]).toMatchObject({ kind: "replaceText", occurrence: 1, target: { article: "12の2" } });
  });
  it("reads 号, 附則 and 前文 targets", () => {
    expect(parseInstruction("第3条第1項第2号を削る。")).toMatchObject([{ kind: "delete", target: { kind: "item", article: "3", paragraph: 1, item: 2 } }]);
    expect(parseInstruction("附則第2項を削る。")).toMatchObject([{ kind: "delete", target: { kind: "paragraph", article: "附則", paragraph: 2 } }]);
    expect(parseInstruction("前文中「A」を「B」に改める。")).toMatchObject([{ kind: "replaceText", target: { kind: "preamble" } }]);
  });
  it("reads inserts before, after and at the end", () => {
    expect(parseInstruction("第3条に次の1項を加える。")).toMatchObject([{ kind: "insert", position: "end", unit: "項", count: 1 }]);
    expect(parseInstruction("別表II中「X」の項の前に次のように加える。")).toMatchObject([{ kind: "insert", position: "before", target: { kind: "appendixItem", section: "II", itemName: "X" } }]);
    expect(parseInstruction("第5条の次に次の2条を加える。")).toMatchObject([{ kind: "insert", position: "after", unit: "条", count: 2 }]);
  });
  it("reads full-width roman section labels (別表Ⅱ)", () => {
    expect(parseInstruction("別表Ⅱを次のように改める。")).toMatchObject([{ kind: "replace", target: { kind: "section", section: "II" } }]);
  });
  it("says where an unreadable sentence goes wrong", () => {
    const r = parseInstruction("第3条中「A」を「B」にする。");
    expect(Array.isArray(r)).toBe(false);
    expect(!Array.isArray(r) && r.message).toContain("改める");
    expect(Array.isArray(parseInstruction("この協約は、令和7年4月1日から適用する。"))).toBe(false);
  });
});

describe("startsInstruction", () => {
  it("tells an instruction from an article line", () => {
    expect(startsInstruction("第3条中「A」を「B」に改める。")).toBe(true);
    expect(startsInstruction("別表を次のように改める。")).toBe(true);
    expect(startsInstruction("第3条甲及び乙は")).toBe(false);
  });
});
