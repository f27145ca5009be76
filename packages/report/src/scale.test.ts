import { describe, expect, it } from "vitest";
import { diffDocuments, type AgreementDocument } from "@kyoyaku/core";
import { diffChars } from "diff";
import { comparisonRows } from "./comparison.js";
import { CHAR_DIFF_EXACT, CHAR_DIFF_MIDDLE, markChanges } from "./marks.js";
import { renderComparisonTable } from "./render-comparison.js";

const art = (i: number, text = `甲及び乙は、整理番号${i}の事務を連携して行う。`): AgreementDocument["articles"][number] =>
  ({ number: String(i), caption: `第${i}の事務`, paragraphs: [{ number: 1, text, items: [] }] });
const doc = (articles: AgreementDocument["articles"]): AgreementDocument => ({ title: "協約書", parties: [], preamble: "前文", articles, appendices: [], unknown: [] });

describe("character marking on huge provisions (bounded)", () => {
  it("Given texts under the exact bound, When marked, Then the marks are diffChars' own", () => {
    const before = "甲及び乙は、圏域の住民の利便性の向上を図るため、連携して取り組む。".repeat(20);
    const after = before.replace("利便性", "福祉").replace(/取り組む。$/u, "取り組まなければならない。");
    expect(before.length + after.length).toBeLessThanOrEqual(CHAR_DIFF_EXACT);
    const added = diffChars(before, after).filter((p) => p.added).map((p) => p.value).join("");
    expect(markChanges(before, after).after.filter((s) => s.changed).map((s) => s.text).join("")).toBe(added);
  });

  it("Given a 1 MB 条 with one word changed in the middle, When marked, Then only that word is marked", () => {
    const half = "甲及び乙は、連携して取り組む。".repeat(35_000);
    const m = markChanges(`${half}協力${half}`, `${half}連携${half}`);
    expect(m.after.filter((s) => s.changed).map((s) => s.text)).toEqual(["連携"]);
    expect(m.before.filter((s) => s.changed).map((s) => s.text)).toEqual(["協力"]);
    expect(m.after.map((s) => s.text).join("")).toBe(`${half}連携${half}`);
  });

  it("Given a 条 rewritten throughout (more than the edit bound), When marked, Then its differing middle is one changed run", () => {
    const before = "第1条 甲及び乙は、圏域の住民の利便性の向上を図るため、関係機関と協力して事業を実施する。".repeat(4);
    const after = "第1条 この協約に定めのない事項は、甲乙協議して定めるものとし、その結果を公表する。".repeat(4);
    const m = markChanges(before, after);
    expect(m.after.filter((s) => s.changed)).toHaveLength(1);
    expect(m.after.map((s) => s.text).join("")).toBe(after);
    expect(m.before.map((s) => s.text).join("")).toBe(before);
    expect(m.after[0]).toEqual({ text: "第1条 ", changed: false });
  });

  it("Given a differing middle over the bound, When marked, Then the whole middle is marked as changed (documented fallback)", () => {
    const before = `第1条 ${"あ".repeat(CHAR_DIFF_MIDDLE)}。`;
    const after = `第1条 ${"い".repeat(CHAR_DIFF_MIDDLE)}。`;
    const m = markChanges(before, after);
    expect(m.after).toEqual([{ text: "第1条 ", changed: false }, { text: "い".repeat(CHAR_DIFF_MIDDLE), changed: true }, { text: "。", changed: false }]);
    expect(m.before).toEqual([{ text: "第1条 ", changed: false }, { text: "あ".repeat(CHAR_DIFF_MIDDLE), changed: true }, { text: "。", changed: false }]);
  });
});

describe("a 新旧対照表 of a big agreement", () => {
  it("Given 5,000 条 with the 2nd, the 2,500th and the last changed, When tabled, Then three change rows with （略） between and around them", () => {
    const n = 5_000;
    const before = doc(Array.from({ length: n }, (_x, k) => art(k + 1)));
    const changed = new Set([2, 2_500, n]);
    const after = doc(before.articles.map((a, k) => (changed.has(k + 1) ? art(k + 1, `甲及び乙は、整理番号${k + 1}の事務を協議して行う。`) : a)));
    const diff = { from: "2025-03-31", to: "2025-04-01", patch: [], changes: diffDocuments(before, after).changes };
    const rows = comparisonRows(diff, before, after);
    expect(rows.map((r) => (r.kind === "change" ? `change:${r.address}` : r.kind))).toEqual([
      "elided", "change:article:2", "elided", "change:article:2500", "elided", "change:article:5000",
    ]);
    const html = renderComparisonTable(diff, { format: "html", before, after });
    expect(html.match(/<tr class="change /gu)).toHaveLength(3);
    expect(html).toContain('<u class="changed">協議</u>');
  });
});
