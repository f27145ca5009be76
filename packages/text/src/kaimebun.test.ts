import { toKanjiNumeral } from "@kyoyaku/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeLine } from "./lines.js";
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
  // The argument is the normalised line (full-width digits and Ⅳ are ASCII there).
  it.each([
    "第五条中「A」を「B」に改める。", "第六条を第七条とし、第五条の次に次の一条を加える。", "第十二条の二中「A」を削る。",
    "第三条第二項第一号を削る。", "別表第二を次のように改める。", "別表第二IV中「A」を「B」に改める。", "附則第二項を削る。",
    "第五条の見出し中「A」を「B」に改める。", "第五条に見出しとして「(X)」を付する。", "第十十条を削る。", "第百三条を削る。",
  ])("recognises %s whatever the script of its numbers (a malformed one too, to refuse it at its line)", (line) => {
    expect(startsInstruction(line)).toBe(true);
  });
  it.each(["第五条 甲及び乙は、", "五 第三条に規定する", "第五条甲及び乙は"])("does not take %s for an instruction", (line) => {
    expect(startsInstruction(line)).toBe(false);
  });
});

describe("numbers in any script", () => {
  const targets = (s: string): unknown => {
    const r = parseInstruction(s);
    return Array.isArray(r) ? r.map((c) => ({ ...c.target, kind: c.kind, written: undefined })) : r;
  };
  it("reads kanji 条・項・号, 枝番号 and 別表 numbers as their ASCII forms", () => {
    expect(targets("第五条中「A」を「B」に改める。")).toMatchObject([{ kind: "replaceText", article: "5" }]);
    expect(targets("第十二条の二を削る。")).toMatchObject([{ kind: "delete", article: "12の2" }]);
    expect(targets("第三条第二項第一号を削る。")).toMatchObject([{ kind: "delete", article: "3", paragraph: 2, item: 1 }]);
    expect(targets("別表第二を削る。")).toMatchObject([{ kind: "delete", appendix: 2 }]);
    expect(targets("附則第二項を削る。")).toMatchObject([{ kind: "delete", article: "附則", paragraph: 2 }]);
    expect(targets("第５条第２項を削る。")).toMatchObject([{ kind: "delete", article: "5", paragraph: 2 }]);
  });
  it("reads a renumber and an insert written in kanji, with the inserted article and the count in kanji", () => {
    expect(parseInstruction("第六条を第七条とし、第五条の次に次の一条を加える。")).toMatchObject([
      { kind: "renumber", target: { article: "6" }, to: { article: "7" } },
      { kind: "insert", target: { article: "5" }, position: "after", unit: "条", count: 1 },
    ]);
    expect(parseInstruction("第五条の二の次に次の二項を加える。")).toMatchObject([{ kind: "insert", target: { article: "5の2" }, count: 2, unit: "項" }]);
    expect(parseInstruction("第三条に次の十二号を加える。")).toMatchObject([{ kind: "insert", count: 12, unit: "号" }]);
  });
  it.each([["別表I", "I"], ["別表Ⅳ", "IV"], ["別表ＩＶ", "IV"], ["別表Ⅹ", "X"], ["別表IX", "IX"], ["別表第二Ⅲ", "III"]])("reads the section of %s as %s", (w, label) => {
    expect(parseInstruction(`${w}中「A」を「B」に改める。`)).toMatchObject([{ target: { kind: "section", section: label, written: w } }]);
  });
  it.each([
    ["第十十条を削る。", "十十"], ["第二十五十条中「A」を削る。", "二十五十"], ["第三五十条を削る。", "三五十"], ["第三条第十百千項を削る。", "十百千"],
    ["第〇十条を削る。", "〇十"], ["別表第十十を削る。", "十十"], ["第五条の十十を削る。", "十十"], ["附則第十十項を削る。", "十十"],
    ["第五条の次に次の十十条を加える。", "十十"], ["第六条を第十十条とする。", "十十"], ["第3条中「A」を「B」に改め、第十十条を削る。", "十十"],
  ])("refuses %s: the numeral 「%s」 is malformed, never read as some number", (s, numeral) => {
    const r = parseInstruction(s);
    expect(Array.isArray(r)).toBe(false);
    if (Array.isArray(r)) return;
    expect(r.code).toBe("amend.numeral-malformed");
    expect(r.message).toContain(`「${numeral}」`);
    expect(r.message).toContain("正しい漢数字でない");
  });
  it("refuses a malformed Roman section label (IIII, VX)", () => {
    for (const s of ["別表IIII中「A」を削る。", "別表VX中「A」を削る。"]) {
      const r = parseInstruction(s);
      expect(!Array.isArray(r) && [r.code, r.message.includes("ローマ数字")]).toEqual(["amend.numeral-malformed", true]);
    }
  });
});

describe("見出し (captions)", () => {
  it("reads the three forms and the deletion, in any script", () => {
    expect(parseInstruction("第5条の見出し中「会議」を「調整会議」に改める。")).toMatchObject([{ kind: "replaceText", target: { kind: "caption", article: "5", written: "第5条の見出し" }, from: "会議", to: "調整会議" }]);
    expect(parseInstruction("第五条の見出しを「（連絡調整会議）」に改める。")).toMatchObject([{ kind: "caption", target: { kind: "caption", article: "5" }, caption: "連絡調整会議", attach: false }]);
    expect(parseInstruction("第五条の二に見出しとして「（評価）」を付する。")).toMatchObject([{ kind: "caption", target: { kind: "caption", article: "5の2", written: "第五条の二の見出し" }, caption: "評価", attach: true }]);
    expect(parseInstruction("第5条の見出しを削る。")).toMatchObject([{ kind: "delete", target: { kind: "caption", article: "5" } }]);
    expect(parseInstruction("第5条の見出し中「会議」を「調整会議」に改め、同条中「毎年度」を「毎年度1回以上」に改める。")).toMatchObject([
      { kind: "replaceText", target: { kind: "caption" } }, { kind: "replaceText", target: { kind: "article", article: "5" } },
    ]);
    expect(parseInstruction("第5条中「A」を「B」に改め、同条の見出しを「(X)」に改める。")).toMatchObject([{ kind: "replaceText" }, { kind: "caption", caption: "X" }]);
  });
  it.each([
    ["第5条の見出しを「連絡調整会議」に改める。", "括弧付き"],
    ["第5条に見出しとして「連絡調整会議」を付する。", "括弧付き"],
    ["第5条の見出しを次のように改める。", "読める形がない"],
    ["第5条の見出しの次に次の1項を加える。", "読める形がない"],
    ["第5条の見出しを第6条の見出しとする。", "読める形がない"],
    ["第5条に見出しとして「（X）」を加える。", "付する"],
  ])("refuses the near-miss %s (amend.caption-unread)", (s, says) => {
    const r = parseInstruction(s);
    expect(!Array.isArray(r) && [r.code, r.message.includes(says)]).toEqual(["amend.caption-unread", true]);
  });
});

describe("the script of a number does not change the reading (property)", () => {
  const scripts = (n: number): string[] => [String(n), String(n).replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), toKanjiNumeral(n)];
  it("第N条の M第K項中「A」を「B」に改める。 reads the same target in ASCII, full-width and kanji", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 2 }), (n, m, k, script) => {
      const [a, b, c] = [n, m, k].map((x) => scripts(x)[script]!);
      const sentence = `第${a}条の${b}第${c}項中「A」を「B」に改める。`;
      expect(startsInstruction(normalizeLine(sentence))).toBe(true);
      expect(parseInstruction(sentence)).toMatchObject([{ kind: "replaceText", target: { kind: "paragraph", article: `${n}の${m}`, paragraph: k } }]);
    }), { numRuns: 150 });
  });
});
