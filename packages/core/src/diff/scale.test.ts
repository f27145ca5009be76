import jsonpatch from "fast-json-patch";
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { canonicalJson, deepFreeze } from "../model/canonical.js";
import type { AgreementDocument, Article } from "../model/document.js";
import { diffDocuments } from "./documents.js";
import type { DiffStats } from "./hash.js";

// Linearity by counting work, not time: documents of N 条 with the same few changes (the
// first and the last 条 rewritten, two edited, one inserted, one deleted). The old alignment
// filled an N × N LCS table here (first and last differ, so nothing is trimmed).

const PHRASES = ["広域的な連携により", "関係機関と協力して", "情報の共有を進め", "事業の効果を検証しつつ"];
const article = (i: number): Article => ({
  number: String(i),
  caption: `第${i}の事務`,
  paragraphs: Array.from({ length: 1 + (i % 3) }, (_x, p) => ({ number: p + 1, text: `甲及び乙は、${PHRASES[(i + p) % 4]}、整理番号${i}の${p + 1}の事務を行う。`, items: [] })),
});
const big = (n: number): AgreementDocument =>
  deepFreeze({ title: "連携協約書", parties: [], preamble: "", articles: Array.from({ length: n }, (_x, k) => article(k + 1)), appendices: [], unknown: [] });

function amended(doc: AgreementDocument): AgreementDocument {
  const n = doc.articles.length;
  return produce(doc, (d) => {
    d.articles[0]!.paragraphs[0]!.text += "（改正）";
    d.articles[n - 1]!.caption = "改正後の見出し";
    d.articles[Math.floor(n * 0.3)]!.paragraphs[0]!.text = "甲及び乙は、協議して定める。";
    d.articles[Math.floor(n * 0.7)]!.paragraphs[0]!.text += "ただし、別に定める場合を除く。";
    d.articles.splice(Math.floor(n * 0.6), 1);
    d.articles.splice(Math.floor(n / 2), 0, { number: `${Math.floor(n / 2)}の2`, caption: "新設", paragraphs: [{ number: 1, text: "新たに連携する。", items: [] }] });
  });
}

function measure(n: number, plain: boolean): { stats: DiffStats; changes: number } {
  const before = big(n);
  const after = amended(before);
  // plain: unshared JSON copies, so every node must be hashed (the counters then grow with N).
  const a = plain ? (JSON.parse(JSON.stringify(before)) as AgreementDocument) : before;
  const b = plain ? (JSON.parse(JSON.stringify(after)) as AgreementDocument) : after;
  const stats: DiffStats = { hashed: 0, descended: 0 };
  const { patch, changes } = diffDocuments(a, b, { stats });
  const got = jsonpatch.applyPatch(JSON.parse(JSON.stringify(a)) as AgreementDocument, patch as jsonpatch.Operation[], false, true).newDocument;
  expect(canonicalJson(got)).toBe(canonicalJson(b));
  return { stats, changes: changes.length };
}

describe("diff cost grows with the document, not its square", () => {
  it("Given 1,000 and 4,000 条 sharing structure with a few changes, When diffed, Then the LCS work stays small and the work done is the same", () => {
    const small = measure(1_000, false);
    const large = measure(4_000, false);
    expect(large.changes).toBe(small.changes);
    // An N × N table would be 1,000,000 and 16,000,000 cells.
    expect(small.stats.lcsCells ?? 0).toBeLessThan(1_000);
    expect(large.stats.lcsCells ?? 0).toBeLessThan(1_000);
    expect(large.stats.descended).toBe(small.stats.descended);
  });

  it("Given unshared copies of 1,000 and 4,000 条, When diffed, Then hashing grows at most linearly (×4 size, ≤ ×4.5 work)", () => {
    const small = measure(1_000, true);
    const large = measure(4_000, true);
    expect(large.changes).toBe(small.changes);
    expect(large.stats.hashed / small.stats.hashed).toBeLessThan(4.5);
    expect(large.stats.lcsCells ?? 0).toBeLessThan(1_000);
  });
});
