// Numbers in any script in 改め文 (kanji, full-width, Roman) and 見出し changes: each fixture in
// tests/fixtures/amendments/kanji/ yields exactly the operations asserted here, and each near-miss
// is refused at its own line.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Operation } from "@kyoyaku/core";
import { parseAgreement, parseText, type ParsedText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const seed1 = parseAgreement(read("seeds/000_0d517b853e764d1a.txt"));
if (!seed1.ok) throw new Error("seed 1 does not parse");
const base = seed1.value;

function parsed(file: string, withBase = false): ParsedText {
  const r = parseText(read(`amendments/kanji/${file}`), { file, ...(withBase ? { base } : {}) });
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  expect(r.issues).toEqual([]);
  expect(r.value.kind).toBe("amend");
  return r.value;
}
const ops = (p: ParsedText): readonly Operation[] => (p.event.payload.kind === "amend" ? p.event.payload.operations : []);

describe("改め文 with numbers in kanji, full-width and Roman (amendments/kanji/)", () => {
  it("01 「第三条第一項中…」「第五条中…」「第六条を第七条とし、第五条の次に次の一条を加える。」「別表Ⅲ中…」, a kanji 附則 and ただし書", () => {
    for (const withBase of [false, true]) {
      const p = parsed("01_kanji_numbers.txt", withBase);
      expect(ops(p)).toStrictEqual([
        { op: "replaceText", target: "article:3/paragraph:1", from: "別表", to: "別表第一" },
        { op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度一回以上", appliesFrom: "2025-10-01" },
        { op: "renumber", target: "article:6", to: "article:7" },
        { op: "insert", parent: "articles", after: "article:5", node: { number: "6", caption: "事務局", paragraphs: [{ number: 1, text: "第五条の会議の事務局は、甲に置く。", items: [] }] } },
        { op: "replaceText", target: "appendix:1/section:III/item:子育て支援の充実", from: "子育て支援に取り組む", to: "子育て支援の充実に取り組む" },
      ]);
      expect(p.event.dates).toMatchObject({ concludedOn: "2025-03-25", appliesFrom: "2025-04-01" });
      expect(p.event.payload.kind === "amend" && p.event.payload.base).toMatchObject({ date: { iso: "2016-10-11" } });
    }
  });

  it("02 「第三条に次の二項を加える。」 (full-width ２ ３), 「第五条の次に次の一条を加える。」 + 第五条の二, 「別表ＩＩ中…の項を削る。」, a ただし書 naming the insert with a kanji Gregorian date", () => {
    expect(ops(parsed("02_insert_branch.txt", true))).toStrictEqual([
      { op: "insert", parent: "article:3", node: { number: 2, text: "前項の取組の実施に当たっては、甲及び乙は、必要に応じて他の連携市町と協力するものとする。", items: [] } },
      { op: "insert", parent: "article:3", after: "article:3/paragraph:2", node: { number: 3, text: "甲及び乙は、前二項の取組の実施状況を、毎年度、住民に公表するものとする。", items: [] } },
      { op: "insert", parent: "articles", after: "article:5", appliesFrom: "2025-10-01", node: {
        number: "5の2", caption: "評価", paragraphs: [{ number: 1, text: "甲及び乙は、毎年度、連携する取組の成果を評価し、その結果を公表するものとする。", items: [] }],
      } },
      { op: "delete", target: "appendix:1/section:II/item:市民活動の広域展開と市民協働の推進" },
    ]);
  });

  it("02 with 「次の三項」 while two follow: the count in kanji is checked (amend.content-mismatch at the sentence)", () => {
    const r = parseText(read("amendments/kanji/02_insert_branch.txt").replace("第三条に次の二項を加える。", "第三条に次の三項を加える。"), { file: "x.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "amend.content-mismatch", location: expect.objectContaining({ line: 12 }) }));
  });

  it("a malformed kanji numeral (第十十条) is refused at its line, saying the numeral is malformed; nothing is read from the text", () => {
    const r = parseText(read("amendments/kanji/bad_malformed_numeral.txt"), { file: "bad_malformed_numeral.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error")).toStrictEqual([expect.objectContaining({
      code: "amend.numeral-malformed",
      message: expect.stringContaining("「第十十条」の数字「十十」は正しい漢数字でない"),
      location: { file: "bad_malformed_numeral.txt", line: 14 },
    })]);
  });

  it.each([
    ["二十五十", "第二十五十条中"], ["三五十", "第三五十条中"], ["十百千", "第十百千条中"], ["〇十", "第〇十条中"], ["〇", "第〇条中"],
  ])("「%s」 standing for 第五条 is refused at line 14, never read as some number", (numeral, written) => {
    const r = parseText(read("amendments/kanji/bad_malformed_numeral.txt").replace("第十十条中", written), { file: "b.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "amend.numeral-malformed", message: expect.stringContaining(`「${numeral}」`), location: { file: "b.txt", line: 14 } }));
  });

  it.each([["十十", "第十十条"], ["〇", "第〇条"], ["三五十", "第三五十条"]])("a malformed number 「%s」 in a ただし書 (%sの改正規定) is refused at the 附則 line with the numeral's own message", (numeral, written) => {
    const r = parseText(read("amendments/kanji/01_kanji_numbers.txt").replace("ただし、第五条の改正規定", `ただし、${written}の改正規定`), { file: "p.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({
      code: "amend.numeral-malformed", message: expect.stringContaining(`ただし書の「${written}」の数字「${numeral}」は正しい漢数字でない`), location: expect.objectContaining({ file: "p.txt", line: 28 }),
    })]);
  });
});

describe("見出し changes (amendments/kanji/03, 04)", () => {
  it("03 「第二条の見出しを削る。」「第四条の見出しを「（…）」に改める。」「第五条の見出し中「A」を「B」に改め、同条中…」", () => {
    for (const withBase of [false, true]) {
      expect(ops(parsed("03_caption.txt", withBase))).toStrictEqual([
        { op: "delete", target: "article:2/caption" },
        { op: "replace", target: "article:4/caption", node: "費用の負担" },
        { op: "replaceText", target: "article:5/caption", from: "連絡会議", to: "連絡調整会議" },
        { op: "replaceText", target: "article:5", from: "連絡調整", to: "連絡調整及び情報共有" },
      ]);
    }
  });

  it("04 「第２条に見出しとして「（…）」を付する。」 is an insert of the 見出し into article:2", () => {
    expect(ops(parsed("04_caption_attach.txt"))).toStrictEqual([{ op: "insert", parent: "article:2", node: "連携の基本方針" }]);
    // The reading (kyoyaku import --dry-run) names the 見出し, not the 条 (「追加 article:2」 read as a new 第2条).
    expect(parsed("04_caption_attach.txt").reading.find((x) => x.line === 12)?.as).toMatchObject({ kind: "operation", operations: [{ op: "insert", target: "article:2/caption" }] });
  });

  it("04 against seed 1 (第2条 has its 見出し): 付する is refused at its line (amend.caption-exists)", () => {
    const r = parseText(read("amendments/kanji/04_caption_attach.txt"), { file: "04.txt", base });
    expect(r.ok).toBe(false);
    expect(r.issues).toStrictEqual([expect.objectContaining({ code: "amend.caption-exists", message: expect.stringContaining("（基本方針）"), location: { file: "04.txt", line: 12, address: "article:2/caption" } })]);
  });

  it("「第五条の見出し中「X」を…」 where X is not in the 見出し is refused at its line naming the 見出し (amend.text-missing)", () => {
    const r = parseText(read("amendments/kanji/bad_caption_text.txt"), { file: "bad_caption_text.txt", base });
    expect(r.ok).toBe(false);
    expect(r.issues).toStrictEqual([expect.objectContaining({
      code: "amend.text-missing", message: expect.stringContaining("第五条の見出し「（連絡会議）」に「連絡調整会議」がない"),
      location: { file: "bad_caption_text.txt", line: 16, address: "article:5/caption" },
    })]);
  });

  it("a 見出し change on an article the base does not have, or without one, is amend.target-missing", () => {
    const r = parseText(read("amendments/kanji/03_caption.txt").replace("第四条の見出し", "第九条の見出し"), { file: "t.txt", base });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "amend.target-missing", location: expect.objectContaining({ address: "article:9/caption" }) }));
  });

  it.each([
    ["第四条の見出しを「（費用の負担）」に改める。", "第四条の見出しを「費用の負担」に改める。"],
    ["第四条の見出しを「（費用の負担）」に改める。", "第四条の見出しを次のように改める。"],
    ["第二条の見出しを削る。", "第二条の見出しの次に次の一項を加える。"],
  ])("near-miss: 「%s」 written 「%s」 is refused at line 14 or 12 (amend.caption-unread)", (from, to) => {
    const r = parseText(read("amendments/kanji/03_caption.txt").replace(from, to), { file: "n.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "amend.caption-unread", location: { file: "n.txt", line: from.startsWith("第四条") ? 14 : 12 } }));
  });
});

describe("lowercase Roman 区分 labels (i, ii, ⅰ, ⅱ) are refused, never read as I, II nor folded into the 区分 before", () => {
  it.each(["ii", "ⅱ", "ｉｉ"])("a 協約書 別表 heading 「%s 高次の都市機能…」 is refused at its line", (label) => {
    const r = parseAgreement(read("seeds/000_0d517b853e764d1a.txt").replace("\nII 高次", `\n${label} 高次`), { file: "s.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({
      code: "parse.numeral-malformed", message: expect.stringContaining(`区分「${label}」は小文字のローマ数字`), location: expect.objectContaining({ file: "s.txt", line: 83 }),
    })]);
  });
  it.each(["i", "ⅰ"])("an 改め文 「別表%s中「…」を…」 is refused at its line with the numeral's message", (label) => {
    const r = parseText(read("amendments/04_replace_text_section.txt").replace("別表I中", `別表${label}中`), { file: "a.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({
      code: "amend.numeral-malformed", message: expect.stringContaining(`区分「${label}」は小文字のローマ数字`), location: { file: "a.txt", line: 12 },
    })]);
  });
  it("uppercase forms (II, Ⅱ, ＩＩ) are read as before", () => {
    for (const label of ["Ⅱ", "ＩＩ"]) {
      const r = parseAgreement(read("seeds/000_0d517b853e764d1a.txt").replace("\nII 高次", `\n${label} 高次`));
      expect(r.ok && r.value.appendices[0]!.sections.map((x) => x.label)).toEqual(["I", "II", "III"]);
    }
  });
});

describe("a malformed numeral in a 協約書 heading (the one reader refuses 十十)", () => {
  it.each([
    ["第6条 この連携協約を変更し", "第十十条 この連携協約を変更し", 36, "「第十十条」"],
    ["第1条 この連携協約は", "第十十条 この連携協約は", 16, "「第十十条」"],
    ["第5条 甲及び乙の長は", "第五条の十十 甲及び乙の長は", 32, "「第五条の十十」"],
    ["別表（第3条関係）", "別表第十十（第3条関係）", 62, "「別表第十十」"],
    ["第5条 甲及び乙の長は", "第〇条 甲及び乙の長は", 32, "「第〇条」"],
  ])("「%s」 written 「%s」 is refused at its line (parse.numeral-malformed), not read as the text around it", (from, to, line, heading) => {
    const r = parseAgreement(read("seeds/000_0d517b853e764d1a.txt").replace(from, to), { file: "s.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "parse.numeral-malformed", message: expect.stringContaining(heading), location: { file: "s.txt", line } }));
  });
  it("a well-formed kanji heading (第六条) is read as before", () => {
    const r = parseAgreement(read("seeds/000_0d517b853e764d1a.txt").replace("第6条 この連携協約を変更し", "第六条　この連携協約を変更し"));
    expect(r.ok && r.value.articles.map((a) => a.number)).toEqual(["1", "2", "3", "4", "5", "6"]);
  });
});
