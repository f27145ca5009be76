import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAgreement, parseText } from "./parse.js";

const doc = (body: string, preamble = "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。"): string => `連携中枢都市圏形成に係る連携協約書

平成28年10月11日

岡山市
和気町

岡山市及び和気町における連携中枢都市圏形成に係る連携協約

${preamble}

${body}

この連携協約の締結を証するため、本連携協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。

平成28年10月11日

甲 岡山市北区大供一丁目1番1号

岡山市

岡山市長

大森 雅夫

乙 和気郡和気町尺所555番地

和気町

和気町長

大森直徳
`;

describe("articles, paragraphs and items", () => {
  it("reads 項 (「2」「２」) and nested items of every label style", () => {
    const r = parseAgreement(doc(`（事務）

第１条 甲は、次に掲げる事務を行う。
(1) 企画に関すること。
ア 計画の策定
(ア) 原案の作成
(イ) 調整
イ 評価
(2) 連絡調整に関すること。
２ 乙は、次に掲げる事務を行う。
一 広報
二 相談
a 窓口
b 電話
3 前2項の事務は、協議して行う。

第十二条の二 甲及び乙は、協力する。`));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const a1 = r.value.articles[0]!;
    expect(a1.number).toBe("1");
    expect(a1.paragraphs.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(a1.paragraphs[0]!.items).toEqual([
      { label: "(1)", text: "企画に関すること。", items: [
        { label: "ア", text: "計画の策定", items: [{ label: "(ア)", text: "原案の作成", items: [] }, { label: "(イ)", text: "調整", items: [] }] },
        { label: "イ", text: "評価", items: [] },
      ] },
      { label: "(2)", text: "連絡調整に関すること。", items: [] },
    ]);
    expect(a1.paragraphs[1]!.items.map((i) => [i.label, i.items.map((x) => x.label)])).toEqual([["一", []], ["二", ["a", "b"]]]);
    expect(r.value.articles[1]!.number).toBe("12の2");
    // 第1条 → 第12条の2 is a gap, reported with its place.
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "parse.article-gap", location: expect.objectContaining({ address: "article:12の2" }) }));
  });
});

describe("parties and roles", () => {
  it("reads roles from half-width parentheses, whichever party is 甲", () => {
    const text = doc("第1条 甲及び乙は、連携する。", "和気町(以下「甲」という。)及び岡山市(以下「乙」という。)は、次のとおり連携協約を締結する。")
      .replace("甲 岡山市北区大供一丁目1番1号\n\n岡山市\n\n岡山市長\n\n大森 雅夫\n\n乙 和気郡和気町尺所555番地\n\n和気町\n\n和気町長\n\n大森直徳",
        "甲 和気郡和気町尺所555番地\n\n和気町\n\n和気町長\n\n大森直徳\n\n乙 岡山市北区大供一丁目1番1号\n\n岡山市\n\n岡山市長\n\n大森 雅夫");
    const r = parseAgreement(text);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.issues).toEqual([]);
    expect(r.value.parties.map((p) => [p.name, p.role, p.office])).toEqual([["岡山市", "乙", "岡山市長"], ["和気町", "甲", "和気町長"]]);
  });

  it("Given no role anywhere, When read, Then roles are assumed by position with a located warning", () => {
    const text = doc("第1条 両者は、連携する。", "岡山市及び和気町は、次のとおり連携協約を締結する。").replace(/\n甲 .*$/su, "\n");
    const r = parseAgreement(text, { file: "x.txt" });
    expect(r.ok && r.value.parties.map((p) => p.role)).toEqual(["甲", "乙"]);
    expect(r.issues.filter((i) => i.code === "parse.role-assumed").map((i) => i.location.line)).toEqual([5, 6]);
  });
});

describe("drafts and 附則 of a 締結 text", () => {
  it("Given a blank-day date in an unmarked text, When read, Then it is a draft with a warning", () => {
    const r = parseText(doc("第1条 甲及び乙は、連携する。").replaceAll("平成28年10月11日", "令和7年3月 日"), { file: "d.txt" });
    expect(r.ok && r.value.event.draft).toBe(true);
    expect(r.ok && r.value.event.dates.concludedOn).toBeUndefined();
    expect(r.issues.map((i) => i.code)).toContain("parse.unmarked-draft");
    const quiet = parseText(doc("第1条 甲及び乙は、連携する。").replaceAll("平成28年10月11日", "令和○年○月○日"), { allowDraft: true });
    expect(quiet.ok && quiet.value.event.draft).toBe(true);
    expect(quiet.issues).toEqual([]);
  });

  it("Given a 附則 with an 適用日, When read, Then appliesFrom follows it, not the 締結日", () => {
    const r = parseText(doc("第1条 甲及び乙は、連携する。\n\n附 則\n\nこの連携協約は、平成28年11月1日から適用する。"));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.event.dates).toMatchObject({ concludedOn: "2016-10-11", appliesFrom: "2016-11-01" });
    expect(r.value.document?.supplementary).toEqual({ heading: "附 則", paragraphs: [{ number: 1, text: "この連携協約は、平成28年11月1日から適用する。", items: [] }] });
  });
});

describe("messy but equivalent writings of seed 1", () => {
  const seed = readFileSync(fileURLToPath(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url)), "utf8");
  it.each([
    ["CRLF line ends", seed.replace(/\n/gu, "\r\n")],
    ["kanji-numeral dates", seed.replaceAll("平成28年10月11日", "平成二十八年十月十一日")],
    ["Gregorian full-width dates", seed.replaceAll("平成28年10月11日", "２０１６年１０月１１日")],
    ["a full-width article number and space", seed.replace("第1条 ", "第１条　")],
  ])("%s give the same articles and 締結日", (_name, text) => {
    const r = parseText(text);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.issues).toEqual([]);
    expect(r.value.event.dates.concludedOn).toBe("2016-10-11");
    expect(r.value.document?.articles.map((a) => [a.number, a.caption])).toEqual([
      ["1", "目的"], ["2", "基本方針"], ["3", "連携する取組及び役割分担"], ["4", "費用分担"], ["5", "連絡会議"], ["6", "連携協約の変更及び廃止"],
    ]);
  });
});

describe("a line after the 別表, past a blank line", () => {
  const seed = readFileSync(fileURLToPath(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url)), "utf8");
  it("is no wrap of the last cell (a page footer, 「Copyright 備北市」): refused, never joined to 乙の役割's text", () => {
    const r = parseText(`${seed.trimEnd()}\n\nCopyright 岡山市\n`, { file: "s.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.message])).toEqual([["parse.appendix-item-no-fields", "取組「Copyright 岡山市」に欄がない（表が切れているか、この行が取組名でない）"]]);
  });
  it("while a wrapped cell right under its row still continues it", () => {
    const wrapped = seed.trimEnd().replace(/(乙の役割\t[^\n]*?)(取り組む。)$/u, "$1\n$2");
    expect(wrapped).not.toBe(seed.trimEnd());
    const r = parseText(wrapped);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.document?.appendices.at(-1)?.sections.at(-1)?.items.at(-1)?.fields.at(-1)?.text).toMatch(/取り組む。$/u);
  });
});

describe("a 別表 line with a long run of tabs inside it", () => {
  it("is read in time linear in the line — /\\t[ \\t]*$/ on it was quadratic (100,000 tabs: over a minute; found by the file-reader fuzz, a colspan of 99999)", () => {
    const seed = readFileSync(fileURLToPath(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url)), "utf8");
    // A field's text with the tabs inside, and a line after a field (indented, too long for a field name) with them too.
    const odd = ` ${"あ".repeat(31)}${"\t".repeat(100_000)}続く。`;
    const text = seed.replace("取組内容\t圏域全体として", `取組内容${"\t".repeat(100_000)}圏域全体として`).replace(/^(甲の役割\t.*)$/mu, `$1\n${odd}`);
    expect(text.length - seed.length).toBe(odd.length + 1 + 99_999);
    const t = performance.now();
    const r = parseText(text, { file: "tabs.txt" });
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(r.issues.map((i) => i.code)).not.toContain("parse.internal");
    const first = parseText(seed.replace("取組内容\t圏域全体として", `取組内容${"\t".repeat(100_000)}圏域全体として`), { file: "tabs.txt" });
    expect(first.ok && first.value.document?.appendices[0]?.sections[0]?.items[0]?.fields[0]?.text).toBe("圏域全体として戦略的な産業振興施策を検討するため、圏域住民の消費行動や生産活動をマクロ的に把握・分析する仕組みの構築に取り組む。");
  });
});
