// The report: figures against their goals, printed as a table and written as Markdown
// (docs/benchmarks.md) and JSON (docs/benchmarks.json). A missed goal is written as missed.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem, type } from "node:os";

/** The machine and code the figures were measured on. */
export function machine() {
  const git = (args) => {
    try {
      return execFileSync("git", args, { cwd: new URL("..", import.meta.url).pathname, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    commit: git(["rev-parse", "--short", "HEAD"]),
    dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
    /** 1-minute load average when the report was made: other work on the shared machine. */
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}

const us = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
const per = (n) => `${Math.round(n).toLocaleString("en-US")} events/s`;
const mib = (b) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const x = (r) => `${r.toFixed(r < 10 ? 2 : 0)}×`;

/**
 * The rows of the figures table: figure, kyoyaku, compared with, ratio, goal, met.
 * `met` is true, false, or null (no goal).
 */
export function rows(r) {
  const out = [];
  const v = r.asOfVersion;
  for (const q of ["p50", "p99"]) {
    const ratio = v.kyoyakuMs[q] / v.rawMs[q];
    out.push({ id: `asOfVersion.${q}`, figure: `as-of version id, ${q}`, kyoyaku: us(v.kyoyakuMs[q]), peer: `raw indexed point query: ${us(v.rawMs[q])}`, ratio: x(ratio), value: ratio, goal: "≤ 2×", met: ratio <= 2 });
  }
  const d = r.asOfDocument;
  for (const q of ["p50", "p99"]) {
    const ratio = d.kyoyakuMs[q] / d.rawMs[q];
    out.push({ id: `asOfDocument.${q}`, figure: `as-of full document, ${q}`, kyoyaku: us(d.kyoyakuMs[q]), peer: `one JSON blob + JSON.parse: ${us(d.rawMs[q])}`, ratio: x(ratio), value: ratio, goal: "≤ 3×", met: ratio <= 3 });
  }
  const g = r.git;
  const gr = g.gitMs.p50 / g.kyoyakuMs.p50;
  out.push({ id: "git.p50", figure: "as-of full document vs git, p50", kyoyaku: us(g.kyoyakuMs.p50), peer: `git rev-list + git show: ${us(g.gitMs.p50)}`, ratio: `${x(gr)} faster`, value: gr, goal: "≥ 50× faster", met: gr >= 50 });
  const a = r.append;
  const kyRate = a.events / a.recordSeconds;
  const rawRate = a.events / a.raw.seconds;
  out.push({ id: "append.ratio", figure: `append (${a.recordMany ? "recordMany" : "record loop: recordMany absent"}, batches of ${a.batchSize}, synchronous=FULL)`, kyoyaku: per(kyRate), peer: `raw inserts of the same rows, one transaction: ${per(rawRate)}`, ratio: x(kyRate / rawRate), value: kyRate / rawRate, goal: "≥ 0.3×", met: kyRate / rawRate >= 0.3 });
  out.push({ id: "append.rate", figure: "append, absolute", kyoyaku: per(kyRate), peer: "—", ratio: "—", value: kyRate, goal: "≥ 50,000 events/s", met: kyRate >= 50_000 });
  const b = r.rebuild;
  out.push({ id: "rebuild.rate", figure: "projection rebuild from events", kyoyaku: per(b.eventsPerSecond), peer: `raw inserts: ${per(rawRate)}`, ratio: x(b.eventsPerSecond / rawRate), value: b.eventsPerSecond, goal: "≥ 100,000 events/s", met: b.eventsPerSecond >= 100_000 });
  const grows = r.diff.every((row, i) => i === 0 || row.diffDocumentsMs > r.diff[i - 1].diffDocumentsMs);
  for (const row of r.diff) {
    out.push({
      id: `diff.${row.changed}`, figure: `diff, versions 20 amendments apart, ${row.changed} of 120 取組 changed`,
      kyoyaku: `${us(row.diffDocumentsMs)} (engine diff with replay: ${us(row.engineDiffMs)})`, peer: `fast-json-patch compare: ${us(row.compareMs)}`,
      ratio: x(row.diffDocumentsMs / row.compareMs), value: row.diffDocumentsMs / row.compareMs, goal: "grows with the change", met: grows,
    });
  }
  const p = r.parse;
  out.push({ id: "parse.rate", figure: `parse 協約書 text (${p.texts} texts, ${mib(p.bytes)}, median of ${p.runs ?? 1} passes)`, kyoyaku: `${p.mbPerSecond.toFixed(2)} MB/s`, peer: "—", ratio: "—", value: p.mbPerSecond, goal: "≥ 5 MB/s", met: p.mbPerSecond >= 5 });
  const s = r.size;
  const sr = s.kyoyakuBytes / s.naiveBytes;
  out.push({ id: "size.ratio", figure: "database size (file + WAL after checkpoint)", kyoyaku: mib(s.kyoyakuBytes), peer: `one JSON snapshot per version: ${mib(s.naiveBytes)}`, ratio: x(sr), value: sr, goal: "≤ 0.2×", met: sr <= 0.2 });
  const m = r.memory;
  out.push({
    id: "memory.peak", figure: `memory importing ${r.scale.agreements.toLocaleString("en-US")} agreements (live heap after GC; peak RSS)`,
    kyoyaku: `live ${m.liveEndMiB.toFixed(0)} MiB at the end (½: ${m.liveHalfMiB.toFixed(0)}); peak RSS ${m.maxRssMiB.toFixed(0)} MiB`,
    peer: `heap cap ${m.heapCapMiB} MiB, finished under it; RSS at ¼ ½ ¾ end: ${m.quarters.map((q) => q.toFixed(0)).join(" / ")} MiB`,
    ratio: `live end/½: ${x(m.liveGrowth)}`, value: m.maxRssMiB, goal: "bounded: live end ≤ 1.25× live ½, under the cap", met: m.liveGrowth <= 1.25,
  });
  return out;
}

/** At most `n` evenly spaced elements, the last always kept. */
const thin = (xs, n) => (xs.length <= n ? xs : xs.filter((_, i) => i % Math.ceil(xs.length / n) === 0 || i === xs.length - 1));

const mark = (met) => (met === null ? "—" : met ? "met" : "**missed**");

/** Plain-text table for stdout. */
export function text(r, table) {
  const cols = [["figure", (t) => t.figure], ["kyoyaku", (t) => t.kyoyaku], ["compared with", (t) => t.peer], ["ratio", (t) => t.ratio], ["goal", (t) => t.goal], ["met?", (t) => (t.met === null ? "—" : t.met ? "met" : "MISSED")]];
  const widths = cols.map(([h, f]) => Math.max(h.length, ...table.map((t) => f(t).length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  return [
    `kyoyaku bench — size ${r.scale.size}, ${r.scale.events.toLocaleString("en-US")} events, ${r.date}`,
    `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB, ${r.machine.os}, node ${r.machine.node}, commit ${r.machine.commit}${r.machine.dirty ? " (dirty)" : ""}; load average ${r.machine.loadAverage}`,
    `whole bench ${r.benchSeconds.toFixed(0)} s; phases: ${Object.entries(r.phases ?? {}).map(([k, s]) => `${k} ${s} s`).join(", ")}`,
    "",
    line(cols.map(([h]) => h)),
    ...table.map((t) => line(cols.map(([, f]) => f(t)))),
  ].join("\n");
}

/** docs/benchmarks.md: the table, the absolutes, the machine, how each figure was measured. */
export function markdown(r, table, notes, also = []) {
  const m = r.machine;
  const esc = (s) => String(s).replaceAll("|", "\\|");
  const missed = table.filter((t) => t.met === false);
  return `# Benchmarks

Measured by \`pnpm bench --size ${r.scale.size}\` on ${r.date.slice(0, 10)} (${r.date}).
Every ratio compares kyoyaku with its floor or peer **in the same run, on the same data**, with
both answers checked equal; absolute times depend on the machine below, which is shared and
noisy, so read the ratios first. The figures are regenerated by the bench; do not edit them by hand.

- **Size:** ${r.scale.size} — ${r.scale.agreements.toLocaleString("en-US")} agreements, ${r.scale.events.toLocaleString("en-US")} events, ${r.scale.versions.toLocaleString("en-US")} versions (${r.append.outOfOrder.toLocaleString("en-US")} amendments recorded out of order, ${r.append.retroactive.toLocaleString("en-US")} retroactive, ${r.append.abolished} 廃止)
- **Machine:** ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}; 1-minute load average ${m.loadAverage} at the end (${m.loadAverage > m.cores ? "busy: other work shared the cores, so absolute times are inflated and tails are noisy" : "quiet enough"})
- **Code:** commit ${m.commit}${m.dirty ? " (with uncommitted changes)" : ""}
- **Whole bench:** ${r.benchSeconds.toFixed(0)} s${r.scale.size === "small" ? (r.benchSeconds < 60 ? " (goal for small: under a minute — met)" : " (goal for small: under a minute — **missed**)") : ""}${r.phases ? `; by phase: ${Object.entries(r.phases).map(([k, s]) => `${k} ${s} s`).join(", ")}` : ""}

## Figures

| figure | kyoyaku | compared with (same run) | ratio | goal | met? |
|---|---|---|---|---|---|
${table.map((t) => `| ${esc(t.figure)} | ${esc(t.kyoyaku)} | ${esc(t.peer)} | ${esc(t.ratio)} | ${esc(t.goal)} | ${mark(t.met)} |`).join("\n")}

${missed.length === 0 ? "Every goal is met in this run." : `**Missed in this run:** ${missed.map((t) => t.figure).join("; ")}.`}

${also.map(({ r: o, table: t }) => `## Also: the ${o.scale.size} run of ${o.date} (a separate run, its own ratios)

${o.scale.agreements.toLocaleString("en-US")} agreements, ${o.scale.events.toLocaleString("en-US")} events; commit ${o.machine.commit}${o.machine.dirty ? " (with uncommitted changes)" : ""}; 1-minute load average ${o.machine.loadAverage} at the end; whole bench ${o.benchSeconds.toFixed(0)} s${o.scale.size === "small" ? (o.benchSeconds < 60 ? " (goal for small: under a minute — met)" : " (goal for small: under a minute — **missed**)") : ""}${o.phases ? ` (${Object.entries(o.phases).map(([k, s]) => `${k} ${s} s`).join(", ")})` : ""}.

| figure | kyoyaku | compared with (same run) | ratio | goal | met? |
|---|---|---|---|---|---|
${t.map((x) => `| ${esc(x.figure)} | ${esc(x.kyoyaku)} | ${esc(x.peer)} | ${esc(x.ratio)} | ${esc(x.goal)} | ${mark(x.met)} |`).join("\n")}

`).join("")}${diffScaleSection(r.diffScale)}## Absolutes

${notes.absolutes.map((l) => `- ${l}`).join("\n")}

## Memory while importing (live heap after a forced GC, at most 20 rows shown)

| events recorded | seconds | live heap MiB | external MiB | RSS MiB |
|---|---|---|---|---|
${thin(r.memory.live ?? [], 20).map((s) => `| ${s.events.toLocaleString("en-US")} | ${s.seconds} | ${s.liveHeapMiB} | ${s.externalMiB} | ${s.rssMiB} |`).join("\n")}

## How each figure is measured

${notes.method.map((l) => `- ${l}`).join("\n")}

## Notes

${notes.remarks.map((l) => `- ${l}`).join("\n")}
`;
}

/**
 * The growth table of diff and 新旧対照表 (bench/diff-scale.mjs), or "" when the run has none.
 * Time per 条 roughly flat from 1k to 16k 条 means the cost grows with the input, not its square.
 */
function diffScaleSection(d) {
  if (d === undefined || d.rows === undefined || d.rows.length === 0) return "";
  const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  const per = (x, n) => `${((x * 1000) / n).toFixed(0)} µs/条`;
  const first = d.rows[0];
  const last = d.rows[d.rows.length - 1];
  const growth = (f) => (last[f] / last.articles / (first[f] / first.articles)).toFixed(2);
  return `## Growth: diff and 新旧対照表 by number of 条

${d.standalone ? `Measured by \`node bench/diff-scale.mjs\` alone on ${d.date.slice(0, 10)} (${d.date}), commit ${d.commit}${d.dirty ? " (with uncommitted changes)" : ""}${d.loadAverage !== undefined ? `, 1-minute load average ${d.loadAverage}` : ""}` : `Measured in this run (${d.date})`}.
One agreement of N 条 (1–3 項 each, plus the seed's 別表) and one amendment with the same 7 operations
whatever N (the first and the last 条 rewritten, three edited by 改め文, one inserted, one deleted),
recorded through the engine into SQLite. Each time is a fresh engine's first request (nothing cached,
as a server's first read), median of 3: the diff serialised as JSON (what \`GET …/diff?format=json\`
sends), and the 新旧対照表 in HTML as the server makes it (diff + both documents + render). "Whole"
is the table from before the 締結 (every 条 new), timed once.

| 条 | changes | diff, JSON | 新旧対照表 html | whole-document html (bytes) |
|---|---|---|---|---|
${d.rows.map((r) => `| ${r.articles.toLocaleString("en-US")} | ${r.changes} | ${ms(r.jsonMs)} (${per(r.jsonMs, r.articles)}) | ${ms(r.htmlMs)} (${per(r.htmlMs, r.articles)}) | ${ms(r.wholeHtmlMs)} (${per(r.wholeHtmlMs, r.articles)}; ${(r.wholeHtmlBytes / 1e6).toFixed(1)} MB) |`).join("\n")}

Time per 条 at ${last.articles.toLocaleString("en-US")} 条 over time per 条 at ${first.articles.toLocaleString("en-US")}: diff ${growth("jsonMs")}×, 新旧対照表 ${growth("htmlMs")}×, whole ${growth("wholeHtmlMs")}× (1× is linear; a cost quadratic in the number of 条 would give ${(last.articles / first.articles).toFixed(0)}×). See docs/diff.md for the algorithm and its bounds.
${last.termMs === undefined ? "" : `
The checks every record runs, at the same sizes (the least of 5 — milliseconds, on a shared machine): the term-clause check (\`termOf\`, every
provision read once) of an N-条 document; the content-duplicate check of the same 締結 recorded again
from another source (its N-条 document hashed once); and the duplicate check of an amendment against a
history of N amendments whose dates, parties and operation count all equal it (the worst case: every
one hashed).

| N (条, or events) | term check | duplicate check, 締結 of N 条 | duplicate check, N events |
|---|---|---|---|
${d.rows.map((r) => `| ${r.articles.toLocaleString("en-US")} | ${ms(r.termMs)} (${per(r.termMs, r.articles)}) | ${ms(r.duplicateMs)} (${per(r.duplicateMs, r.articles)}) | ${ms(r.duplicateEventsMs)} (${((r.duplicateEventsMs * 1000) / r.articles).toFixed(1)} µs/event) |`).join("\n")}

Per 条 (per event) at ${last.articles.toLocaleString("en-US")} over ${first.articles.toLocaleString("en-US")}: term check ${growth("termMs")}×, duplicate check (締結) ${growth("duplicateMs")}×, duplicate check (events) ${growth("duplicateEventsMs")}× (1× is linear).
`}
`;
}
