/**
 * Every 改め文 fixture (tests/fixtures/amendments/) parsed with @kyoyaku/text, applied to the
 * first seed with core's applyOperation, diffed, and rendered: the 新旧対照表 rows are the
 * ones the amendment describes, with the changed characters marked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyOperation, deepFreeze, diffDocuments, EMPTY_DOCUMENT, type AgreementDocument, type DocumentDiff, type ProvisionChange } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import { comparisonRows, renderComparisonTable, type ComparisonRow } from "@kyoyaku/report";
import { seedDocuments } from "./seeds.js";

const dir = fileURLToPath(new URL("../fixtures/amendments/", import.meta.url));
const marked = (l: readonly { text: string; changed: boolean }[]): string => l.map((s) => (s.changed ? `【${s.text}】` : s.text)).join("");

/** Expected rows: [row change, address, a line of 改正後, a line of 改正前] (lines as text with 【】). */
type Expected = [ProvisionChange["change"], string, string, string];

const seed = seedDocuments().before;
// 03 amends 第6条第2項: seed 1 writes 第6条 as one 項, so its base splits the second sentence off.
const seedTwoParagraphs6: AgreementDocument = deepFreeze({
  ...seed,
  articles: seed.articles.map((a) =>
    a.number !== "6"
      ? a
      : { ...a, paragraphs: a.paragraphs[0]!.text.split(/(?<=。)(?=この場合)/u).map((text, i) => ({ number: i + 1, text, items: [] })) },
  ),
});

const EXPECTED: Record<string, { base?: AgreementDocument; rows: Expected[] }> = {
  "01_replace_article.txt": { rows: [["replaced", "article:3", "【2 前項の取組の実施に当たっては、甲及び乙は、必要に応じて他の連携市町と協力するものとする。】", "第3条 （略）"]] },
  "02_replace_text.txt": { rows: [["replaced", "article:5", "第5条 甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度【１回以上】会議を開催するものとする。", "第5条 甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。"]] },
  "03_replace_text_paragraph.txt": {
    base: seedTwoParagraphs6,
    rows: [["replaced", "article:6", "2 この場合において、甲及び乙は、地方自治法第252条の2第4項の規定により、あらかじめ【それぞれの】議会の議決を経なければならない。", "第6条 （略）"]],
  },
  "04_replace_text_section.txt": {
    rows: [
      ["replaced", "appendix:1/section:I/item:圏域全体の戦略的な産業振興に向けた仕組みの構築", "　甲の役割　戦略的な産業振興に向けた仕組みの構築に圏域の中心【的】な【役割を担】って取り組む。", "　甲の役割　戦略的な産業振興に向けた仕組みの構築に圏域の中心【と】なって取り組む。"],
      ["replaced", "appendix:1/section:I/item:強みをいかした新たな産業の創出・育成", "　甲の役割　産業の創出・育成等に圏域の中心【的】な【役割を担】って取り組む。", "　甲の役割　産業の創出・育成等に圏域の中心【と】なって取り組む。"],
      ["replaced", "appendix:1/section:I/item:地域資源をいかした商品や農産物の販路開拓・拡大", "　甲の役割　商品や農産物の販路の開拓・拡大に圏域の中心【的】な【役割を担】って取り組む。", "　甲の役割　商品や農産物の販路の開拓・拡大に圏域の中心【と】なって取り組む。"],
      ["replaced", "appendix:1/section:I/item:国内外に開かれた広域観光の推進", "　甲の役割　広域観光の推進に圏域の中心【的】な【役割を担】って取り組む。", "　甲の役割　広域観光の推進に圏域の中心【と】なって取り組む。"],
    ],
  },
  "05_delete_text.txt": { rows: [["replaced", "article:2", "第2条 甲及び乙は、前条に規定する目的を達成するため、次条に規定する取組において連携を図るものとする。", "第2条 甲及び乙は、前条に規定する目的を達成するため、次条に規定する取組において【相互に】連携を図るものとする。"]] },
  "06_insert_article.txt": { rows: [["added", "article:5の2", "【第5条の2 甲及び乙は、毎年度、連携する取組の成果を評価し、その結果を公表するものとする。】", "（新設）"]] },
  "07_renumber_insert.txt": {
    rows: [
      ["added", "article:6", "【第6条 第5条の会議の事務局は、甲に置く。】", "（新設）"],
      ["moved", "article:7", "（連携協約の変更及び廃止）", "（連携協約の変更及び廃止）"],
    ],
  },
  "08_delete_article.txt": { rows: [["removed", "article:5", "（削る）", "【第5条 甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。】"]] },
  "09_delete_appendix_item.txt": { rows: [["removed", "appendix:1/section:III/item:子育て支援の充実", "（削る）", "【子育て支援の充実】"]] },
  "10_insert_appendix_items.txt": {
    rows: [
      ["added", "appendix:1/section:II/item:デジタル技術を活用した行政サービスの向上", "【デジタル技術を活用した行政サービスの向上】", "（新設）"],
      ["added", "appendix:1/section:II/item:脱炭素社会の実現に向けた取組の推進", "　【取組内容　再生可能エネルギーの導入促進等により、脱炭素社会の実現に取り組む。】", "（新設）"],
    ],
  },
  "11_chained.txt": { rows: [["replaced", "article:1", "経済成長の【牽】引", "経済成長の【けん】引"]] },
  "12_nested_quotes.txt": { rows: [["replaced", "article:6", "甲及び乙の協議によるものと【し、「協議書」を作成】する。", "甲及び乙の協議によるものとする。"]] },
  "13_proviso.txt": {
    rows: [
      ["replaced", "article:3", "第3条 甲及び乙が相互に連携する取組の内容及び役割分担は、別表【第1】に掲げるとおりとする。", "第3条 甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。"],
      ["replaced", "article:5", "毎年度【1回以上】会議を開催する", "毎年度会議を開催する"],
    ],
  },
  "14_effective.txt": { rows: [["replaced", "article:4", "甲及び乙が協議【の上】定める。", "甲及び乙が協議【して】定める。"]] },
};

/** The first row whose lines contain the expected texts (a line may be matched by a part of it). */
function expectRows(rows: readonly ComparisonRow[], expected: readonly Expected[]): void {
  const changes = rows.filter((r): r is ComparisonRow & { kind: "change" } => r.kind === "change");
  expect(changes.map((r) => [r.change, r.address])).toEqual(expected.map(([c, a]) => [c, a]));
  changes.forEach((r, i) => {
    const [, , after, before] = expected[i]!;
    expect(r.cells.after.map(marked).some((l) => l.includes(after))).toBe(true);
    expect(r.cells.before.map(marked).some((l) => l.includes(before))).toBe(true);
  });
  // Unchanged provisions around the change are elided.
  expect(rows.some((r) => r.kind === "elided")).toBe(true);
}

function amended(file: string, base: AgreementDocument): { after: AgreementDocument; diff: DocumentDiff } {
  const parsed = parseText(readFileSync(`${dir}${file}`, "utf8"), { file });
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
  const payload = parsed.value.event.payload;
  if (payload.kind !== "amend") throw new Error(`${file}: not an amendment`);
  let doc = base;
  for (const op of payload.operations) {
    const r = applyOperation(doc, op);
    if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
    doc = r.value;
  }
  const { patch, changes } = diffDocuments(base, doc);
  return { after: doc, diff: { from: "2025-03-31", to: "2025-04-01", patch, changes } };
}

describe("新旧対照表 of every 改め文 fixture applied to seed 1", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();

  it("covers every fixture (a new fixture needs its expected rows here)", () => {
    expect(files).toEqual([...Object.keys(EXPECTED), "15_restate.txt", "16_abolish.txt"].sort());
  });

  for (const [file, { base, rows }] of Object.entries(EXPECTED)) {
    it(`${file}: the rows show what it amends, changed characters marked`, () => {
      const b = base ?? seed;
      const { after, diff } = amended(file, b);
      expectRows(comparisonRows(diff, b, after), rows);
      // Every format renders (and the text table keeps the marks).
      const text = renderComparisonTable(diff, { format: "text", before: b, after });
      expect(text).toContain("| 改正後");
      expect(text).toContain("【");
    });
  }

  it("15_restate.txt: a 全部変更 shows the document-level parts, removed 条 and the renumbered 第3条 as moved", () => {
    const { after, diff } = amended("15_restate.txt", seed);
    const rows = comparisonRows(diff, seed, after).filter((r) => r.kind === "change");
    const summary = rows.map((r) => (r.kind === "change" ? `${r.change} ${r.address}` : ""));
    expect(summary).toEqual(expect.arrayContaining(["replaced preamble", "removed article:2", "moved article:2", "removed article:6", "replaced appendix:1", "removed appendix:1/section:II"]));
    const moved = rows.find((r) => r.kind === "change" && r.change === "moved");
    expect(moved?.kind === "change" && moved.cells.after.map(marked)).toContain("第【2】条 甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。");
  });

  it("16_abolish.txt: a 廃止 is not an 改め文; against nothing in force every row says 「（削る）」", () => {
    const parsed = parseText(readFileSync(`${dir}16_abolish.txt`, "utf8"));
    expect(parsed.ok && parsed.value.event.payload.kind).toBe("abolish");
    const { patch, changes } = diffDocuments(seed, EMPTY_DOCUMENT);
    const rows = comparisonRows({ from: "2025-03-31", to: "2025-04-01", patch, changes }, seed, undefined).filter((r) => r.kind === "change");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.kind === "change" && r.change === "removed" && marked(r.cells.after[0]!) === "（削る）")).toBe(true);
  });
});
