// Growth of diff and 新旧対照表 with the size of the agreement: documents of N 条 (1k, 4k, 16k
// at the small size) with a few 条 changed — the first and the last rewritten, three in
// between edited by 改め文, one inserted, one deleted — recorded through the engine into
// SQLite; then, on a fresh engine each time (a server's first request), the diff as JSON and
// the 新旧対照表 in HTML as the server makes it (diff + both documents + render). Time per 条
// should stay roughly flat.
//
//   node bench/diff-scale.mjs --sizes 1000,4000,16000 [--json F]   (just this phase; prints a table)
//   node bench/run.mjs --render docs/benchmarks.json --diff-scale F  (puts F's figures into docs/benchmarks.md)
//
// Also the generator of big documents for tests: bigDocument(n) and bigAmendment(n).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { findContentDuplicate, openKyoyaku, sha256, termOf } from "../packages/core/dist/index.js";
import { renderComparisonTable } from "../packages/report/dist/index.js";
import { kanji, seeds } from "./generate.mjs";
import { machine } from "./report.mjs";

const PHRASES = ["広域的な連携により", "圏域の住民の利便性の向上を図るため", "関係機関と協力して", "情報の共有を進め", "事業の効果を検証しつつ", "財政負担の平準化に配慮して"];

/** The text of paragraph `p` of 第`i`条: distinct for every 条 (as real ones are). */
const paragraphText = (i, p) => `甲及び乙は、${PHRASES[(i + p) % PHRASES.length]}、第${kanji((i % 999) + 1)}の事務（整理番号${i}の${p}）を${PHRASES[(i * 7 + p) % PHRASES.length]}行うものとする。`;

/** 第`i`条 with its 見出し and one to three 項. */
export function bigArticle(i) {
  const count = 1 + (i % 3);
  return {
    number: String(i),
    caption: `第${kanji((i % 999) + 1)}の事務`,
    paragraphs: Array.from({ length: count }, (_, p) => ({ number: p + 1, text: paragraphText(i, p + 1), items: [] })),
  };
}

/** A 連携協約 of `n` 条 (the seed's title, parties, 前文 and 別表 around them). */
export function bigDocument(n, base = seeds().base) {
  return { ...base, articles: Array.from({ length: n }, (_, k) => bigArticle(k + 1)) };
}

/** The operations of an amendment that changes a few 条 of {@link bigDocument}(n): 7 changes whatever n. */
export function bigAmendment(n) {
  const at = (f) => Math.max(2, Math.min(n - 1, Math.round(n * f)));
  const rewrite = (i) => ({ op: "replace", target: `article:${i}`, node: { ...bigArticle(i), caption: `第${kanji((i % 999) + 1)}の事務の改正`, paragraphs: [{ number: 1, text: `${paragraphText(i, 1)}（全部改正）`, items: [] }] } });
  const edit = (i) => ({ op: "replaceText", target: `article:${i}`, from: "行うものとする", to: "行わなければならない" });
  return [
    rewrite(1),
    edit(at(0.2)),
    edit(at(0.4)),
    { op: "insert", parent: "articles", after: `article:${at(0.5)}`, node: { number: `${at(0.5)}の2`, caption: "新設の事務", paragraphs: [{ number: 1, text: "甲及び乙は、新たに連携して事務を行うものとする。", items: [] }] } },
    { op: "delete", target: `article:${at(0.6)}` },
    edit(at(0.8)),
    rewrite(n),
  ];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timed(f) {
  const t = performance.now();
  const v = f();
  return { ms: performance.now() - t, v };
}

/**
 * For each size: record a 締結 of N 条 and one amendment (7 changes) into a SQLite file, then
 * time the first request of a fresh engine on that file (as a server answers it: nothing
 * cached yet), median of `reps` engines: the diff serialised as JSON, and the HTML 新旧対照表
 * (diff + both documents + render). The whole-document table (from before the 締結: every 条
 * new) is timed once. `dir`: where the SQLite files go (a temporary directory by default).
 */
export function diffScaleFigure(sizes, reps = 3, dir = undefined) {
  const base = seeds().base;
  const rows = [];
  const root = dir ?? mkdtempSync(join(tmpdir(), "kyoyaku-diff-scale-"));
  try {
    // A small untimed round first: the first size must not pay for the JIT's warm-up.
    for (const [round, n] of [200, ...sizes].entries()) {
      const path = join(root, `diff-scale-${round}-${n}.db`);
      const id = `scale-${n}`;
      const d0 = "2016-10-11";
      const d1 = "2025-04-01";
      const writer = openKyoyaku({ path });
      let rec;
      try {
        const parties = ["岡山市", "和気町"];
        const source = (label) => ({ name: `${id}-${label}.txt`, text: `${id}-${label}`, sha256: sha256(`${id}-${label}`) });
        const res = (d) => ({ 岡山市: d, 和気町: d });
        rec = timed(() => {
          writer.record({ agreementId: id, recordedBy: "bench", event: { payload: { kind: "conclude", document: bigDocument(n, base) }, dates: { concludedOn: d0, resolutions: res("2016-09-27") }, draft: false, parties, source: source("0") } });
          writer.record({ agreementId: id, recordedBy: "bench", event: { payload: { kind: "amend", operations: bigAmendment(n) }, dates: { concludedOn: "2025-03-25", appliesFrom: d1, resolutions: res("2025-03-10") }, draft: false, parties, source: source("1") } });
        });
      } finally {
        writer.close();
      }
      /** `f` on a fresh engine (cold caches), timed; the engine is closed after. */
      const cold = (f) => {
        const k = openKyoyaku({ path, readonly: true });
        try {
          return timed(() => f(k));
        } finally {
          k.close();
        }
      };
      const table = (k, from, to) => {
        const diff = k.diff(id, from, to);
        const before = k.asOf(id, from).document;
        const after = k.asOf(id, to).document;
        return renderComparisonTable(diff, { format: "html", ...(before && { before }), ...(after && { after }) });
      };
      const jsonMs = [];
      const htmlMs = [];
      let json = "";
      let html = "";
      for (let r = 0; r < reps; r++) {
        const j = cold((k) => JSON.stringify(k.diff(id, "2025-03-31", d1)));
        jsonMs.push(j.ms);
        json = j.v;
        const t = cold((k) => table(k, "2025-03-31", d1));
        htmlMs.push(t.ms);
        html = t.v;
      }
      const whole = cold((k) => table(k, "2016-10-10", d1));
      const checks = checksFigure(n, Math.max(reps, 5), path, id, base);
      if (round === 0) continue;
      rows.push({
        articles: n,
        changes: JSON.parse(json).changes.length,
        recordMs: rec.ms,
        jsonMs: median(jsonMs),
        htmlMs: median(htmlMs),
        htmlBytes: Buffer.byteLength(html),
        wholeHtmlMs: whole.ms,
        wholeHtmlBytes: Buffer.byteLength(whole.v),
        ...checks,
      });
    }
  } finally {
    if (dir === undefined) rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The checks every record runs, at size `n` (the least of `reps`: these take milliseconds, and on a
 * shared machine the least is the figure least disturbed by others' work and by collections):
 * - `termMs`: the term-clause check (termOf) of a fresh N-条 document — every provision is read once;
 * - `duplicateMs`: the content-duplicate check of the same 締結 recorded again (another source)
 *   against the stored history of `path` — the candidate's N-条 document is hashed once;
 * - `duplicateEventsMs`: the same check of an amendment against a history of N amendments whose
 *   dates, parties and operation count all equal the candidate's (the worst case: no cheap field
 *   tells them apart, so every one is hashed) — linear in the number of events.
 */
function checksFigure(n, reps, path, id, base) {
  const termMs = [];
  const duplicateMs = [];
  const duplicateEventsMs = [];
  const k = openKyoyaku({ path, readonly: true });
  try {
    const stored = k.events(id);
    const conclude = stored.find((e) => e.kind === "conclude").legal;
    const dates = { concludedOn: "2025-03-25", appliesFrom: "2025-04-01", resolutions: {} };
    const parties = ["岡山市", "和気町"];
    const amend = (i) => ({ payload: { kind: "amend", operations: [{ op: "replaceText", target: `article:${(i % n) + 1}`, from: "行うものとする", to: `行うもの（${i}）とする` }] }, dates, draft: false, parties });
    const history = Array.from({ length: n }, (_, i) => ({ agreementId: id, seq: i + 1, kind: "amend", legal: amend(i), recordedAt: "2025-03-25T00:00:00.000Z", recordedBy: "bench", prevHash: "", hash: "" }));
    for (let r = 0; r < reps; r++) {
      // Fresh documents each time, built before the clock starts: nothing memoised on them yet.
      const doc = bigDocument(n, base);
      termMs.push(timed(() => termOf(doc)).ms);
      const again = { ...conclude, payload: { kind: "conclude", document: bigDocument(n, base) } };
      const d = timed(() => findContentDuplicate(stored, again));
      if (d.v?.seq !== 1) throw new Error("the 締結 recorded again must be found as a duplicate of #1");
      duplicateMs.push(d.ms);
      const e = timed(() => findContentDuplicate(history, amend(n)));
      if (e.v !== undefined) throw new Error("a new amendment must not be found as a duplicate");
      duplicateEventsMs.push(e.ms);
    }
  } finally {
    k.close();
  }
  const least = (xs) => Math.min(...xs);
  return { termMs: least(termMs), duplicateMs: least(duplicateMs), duplicateEventsMs: least(duplicateEventsMs) };
}

/** The rows as a text table (µs per 条 beside each time). */
export function diffScaleText(rows) {
  const f = (ms, n) => `${ms.toFixed(1)} ms (${((ms * 1000) / n).toFixed(1)} µs/条)`;
  return [
    "条 | changes | diff (JSON) | 新旧対照表 html | whole-document html | term check | duplicate check (締結) | duplicate check (N events)",
    ...rows.map((r) => `${r.articles} | ${r.changes} | ${f(r.jsonMs, r.articles)} | ${f(r.htmlMs, r.articles)} | ${f(r.wholeHtmlMs, r.articles)} | ${f(r.termMs, r.articles)} | ${f(r.duplicateMs, r.articles)} | ${f(r.duplicateEventsMs, r.articles)}`),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sizes: { type: "string", default: "1000,4000,16000" }, reps: { type: "string", default: "3" }, json: { type: "string" } } });
  const code = machine();
  const rows = diffScaleFigure(values.sizes.split(",").map(Number), Number(values.reps));
  console.log(diffScaleText(rows));
  // --json F: what `node bench/run.mjs --render docs/benchmarks.json --diff-scale F` merges into the report.
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), commit: code.commit, dirty: code.dirty, loadAverage: code.loadAverage, standalone: true, rows }, null, 2) + "\n");
}
