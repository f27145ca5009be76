// kyoyaku benchmark: a large synthetic history on seed-sized documents, recorded through the
// engine into one SQLite file, then as-of latency via the version projection vs a full
// replay (in the same run), known-at latency, inForce, search, verify, node dedup, database
// size and peak RSS. Prints a table and writes the same numbers as JSON to
// bench/results/latest.json (gitignored) so a later run can be compared with it.
//
// Run: pnpm bench   (= tsc -b && node bench/run.mjs)
// Scale: BENCH_AGREEMENTS (default 200), BENCH_AMENDMENTS (default 50), BENCH_QUERIES (default
// 1000 projection lookups), BENCH_REPLAYS (default 300 full replays and known-at replays),
// BENCH_SYNC (FULL or NORMAL), BENCH_KEEP=1 keeps the database. The default takes about a
// minute and a half on a small 2-core machine. Speed targets live here, never in unit tests.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { addDays, openKyoyaku, sha256, SqliteEventStore } from "../packages/core/dist/index.js";
import { parseText } from "../packages/text/dist/index.js";

// better-sqlite3 is a dependency of @kyoyaku/core, not of the workspace root.
const Database = createRequire(new URL("../packages/core/package.json", import.meta.url))("better-sqlite3");

const AGREEMENTS = Number(process.env.BENCH_AGREEMENTS ?? 200);
const AMENDMENTS = Number(process.env.BENCH_AMENDMENTS ?? 50);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 300);
const started = performance.now();

// A small deterministic PRNG (mulberry32), so every run records the same history.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20161011);
const pick = (list) => list[Math.floor(random() * list.length)];

// The seed 連携協約書 (6 articles, 別表 I–III with 14 取組) is the base of every agreement.
const seedFile = new URL("../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url);
const parsed = parseText(readFileSync(seedFile, "utf8"), { file: "000.txt" });
if (!parsed.ok) throw new Error("the seed does not parse: " + parsed.issues.map((i) => i.message).join("; "));
const seedDoc = parsed.value.document;
const items = seedDoc.appendices[0].sections.flatMap((s, si) => s.items.map((it) => ({ section: s.label || `#${si + 1}`, item: it })));

function source(label) {
  const text = `${label}\n(synthetic benchmark text)`;
  return { name: `${label}.txt`, text, sha256: sha256(text) };
}

/** One agreement's history: a 締結 and AMENDMENTS amendments, each changing one 取組 or one article. */
function history(a) {
  const parties = ["岡山市", `町${a}`];
  const d0 = addDays("2010-04-01", Math.floor(random() * 365));
  const doc = { ...seedDoc, parties: seedDoc.parties.map((p, i) => ({ ...p, name: parties[i] ?? p.name })) };
  const res = (day) => Object.fromEntries(parties.map((p) => [p, addDays(day, -7)]));
  const events = [{ payload: { kind: "conclude", document: doc }, dates: { concludedOn: d0, resolutions: res(d0) }, draft: false, parties, source: source(`a${a}-conclude`) }];
  let day = d0;
  for (let i = 1; i <= AMENDMENTS; i++) {
    day = addDays(day, 30 + Math.floor(random() * 60));
    const concludedOn = addDays(day, -10);
    const op = random() < 0.7
      ? (() => {
        const { section, item } = pick(items);
        const fields = item.fields.map((f) => (f.name === "取組内容" ? { ...f, text: `${f.text}（第${i}次変更）` } : f));
        return { op: "replace", target: `appendix:1/section:${section}/item:${item.name.replace(/\s+/gu, "")}`, node: { ...item, fields } };
      })()
      : { op: "replace", target: `article:${1 + Math.floor(random() * 5)}/paragraph:1`, node: { number: 1, text: `第${i}次変更後の本文（協約${a}）。`, items: [] } };
    events.push({ payload: { kind: "amend", operations: [op] }, dates: { concludedOn, appliesFrom: day, resolutions: res(concludedOn) }, draft: false, parties, source: source(`a${a}-amend${i}`) });
  }
  // Out-of-order registration: swap ~10% of neighbouring amendments (an older change registered last).
  for (let i = 2; i < events.length; i++) if (random() < 0.1) [events[i - 1], events[i]] = [events[i], events[i - 1]];
  return events;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const time = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const dir = mkdtempSync(join(tmpdir(), "kyoyaku-bench-"));
const path = join(dir, "bench.db");
let clock = Date.parse("2024-01-01T00:00:00Z");
const SYNC = process.env.BENCH_SYNC ?? "FULL";
const k = openKyoyaku({ path, clock: () => new Date((clock += 1000)).toISOString(), sqlite: { synchronous: SYNC } });

// --- record throughput
const ids = [];
const histories = [];
for (let a = 0; a < AGREEMENTS; a++) {
  ids.push(`bench-${String(a).padStart(4, "0")}`);
  histories.push(history(a));
}
let recorded = 0;
// CPU time as well as wall time: with synchronous=FULL the wall time includes every commit's
// fsync, and on a shared machine other processes; CPU time is what this code costs.
const recordCpu0 = process.cpuUsage();
const recordMs = time(() => {
  // Interleave agreements (as a real office would) rather than one agreement at a time.
  for (let i = 0; i <= AMENDMENTS; i++) {
    for (let a = 0; a < AGREEMENTS; a++) {
      k.record({ agreementId: ids[a], event: histories[a][i], recordedBy: "bench" });
      recorded++;
    }
  }
});
const recordCpu = process.cpuUsage(recordCpu0);
const recordCpuS = (recordCpu.user + recordCpu.system) / 1e6;
const rssAfterRecordMb = process.memoryUsage().rss / 1024 / 1024;
const recordedUntil = new Date(clock).toISOString();

// --- as-of: projection vs full replay (knownAt after everything forces the replay; same answers)
const queries = Array.from({ length: QUERIES }, () => [pick(ids), addDays("2010-06-01", Math.floor(random() * 365 * 12))]);
const proj = [];
const replay = [];
const known = [];
const midway = new Date(Date.parse("2024-01-01T00:00:00Z") + (clock - Date.parse("2024-01-01T00:00:00Z")) / 2).toISOString();
for (const [id, date] of queries) proj.push(time(() => k.asOf(id, date)));
// The replays alternate with projection lookups of the same question, so both see the same
// machine state; every pair must agree.
for (const [id, date] of queries.slice(0, REPLAYS)) {
  let b;
  replay.push(time(() => (b = k.asOf(id, date, { knownAt: recordedUntil }))));
  const a = k.asOf(id, date);
  if (a.root !== b.root || a.inForce !== b.inForce) throw new Error(`projection and replay disagree on ${id} ${date}`);
}
for (const [id, date] of queries.slice(0, REPLAYS)) known.push(time(() => k.asOf(id, date, { knownAt: midway })));

// --- inForce across all agreements (projection) and search over the texts in force
const inForceMs = [];
for (let i = 0; i < 50; i++) inForceMs.push(time(() => k.inForce(addDays("2012-01-01", i * 60))));
const searchMs = [];
let searchHits = 0;
for (let i = 0; i < 20; i++) {
  searchMs.push(time(() => (searchHits += k.search(`第${1 + (i % AMENDMENTS)}次変更`, { on: addDays("2013-01-01", i * 90) }).length)));
}

const verifyMs = time(() => {
  const r = k.verify();
  if (!r.ok) throw new Error("verify failed: " + JSON.stringify(r.problems.slice(0, 3)));
});
k.close();

// --- node dedup: nodes stored vs nodes in all versions. A node is what the store keeps one
// row of: every object and list of a document (schema 5, Merkle nodes); schema 4 kept only
// the document, 条, 項, 別表, sections and 取組 (the node table's `kind` column tells which
// shape this build wrote).
const store = new SqliteEventStore(path);
const stats = store.stats();
let nodesInVersions = 0;
const countAll = (v) => (v !== null && typeof v === "object" ? 1 + Object.values(v).reduce((n, x) => n + countAll(x), 0) : 0);
const countProvisions = (d) => 1 + d.articles.length + d.articles.reduce((n, x) => n + x.paragraphs.length, 0) + d.appendices.length
  + d.appendices.reduce((n, ap) => n + ap.sections.length + ap.sections.reduce((m, s) => m + s.items.length, 0), 0);
const db0 = new Database(path, { readonly: true });
const everyObject = db0.prepare("SELECT count(*) AS n FROM nodes WHERE kind = 'value'").get().n > 0;
const nodeBytes = db0.prepare("SELECT sum(length(CAST(json AS BLOB))) AS b FROM nodes").get().b;
const documentBytes = db0.prepare("SELECT avg(length(CAST(json AS BLOB))) AS b FROM nodes WHERE kind = 'document'").get().b;
db0.close();
for (const id of ids) {
  for (const v of store.versions(id)) nodesInVersions += (everyObject ? countAll : countProvisions)(store.load(v.root));
}
store.close();
const size = (p) => (existsSync(p) ? statSync(p).size : 0);
const dbBytes = size(path) + size(`${path}-wal`);
const rssMb = process.resourceUsage().maxRSS / 1024;
const totalS = (performance.now() - started) / 1000;

const results = {
  date: new Date().toISOString(),
  node: process.version,
  scale: { agreements: AGREEMENTS, amendments: AMENDMENTS, events: recorded, queries: QUERIES, replays: REPLAYS, synchronous: SYNC },
  record: { eventsPerSecond: recorded / (recordMs / 1000), totalSeconds: recordMs / 1000, msPerEvent: recordMs / recorded, cpuSeconds: recordCpuS, cpuMsPerEvent: (recordCpuS * 1000) / recorded },
  asOfProjectionUs: { median: quantile(proj, 0.5) * 1000, p95: quantile(proj, 0.95) * 1000 },
  asOfReplayUs: { median: quantile(replay, 0.5) * 1000, p95: quantile(replay, 0.95) * 1000 },
  replayOverProjection: quantile(replay, 0.5) / quantile(proj, 0.5),
  asOfKnownAtUs: { median: quantile(known, 0.5) * 1000, p95: quantile(known, 0.95) * 1000 },
  inForceUs: { median: quantile(inForceMs, 0.5) * 1000 },
  searchMs: { median: quantile(searchMs, 0.5), hits: searchHits },
  verifySeconds: verifyMs / 1000,
  versions: stats.versions,
  nodes: { stored: stats.nodes, inVersions: nodesInVersions, dedupPercent: (1 - stats.nodes / nodesInVersions) * 100, everyObject, jsonMiB: nodeBytes / 1024 / 1024, documentRowBytes: documentBytes },
  databaseMiB: dbBytes / 1024 / 1024,
  peakRssMiB: rssMb,
  rssAfterRecordMiB: rssAfterRecordMb,
  benchSeconds: totalS,
};

const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
const r = results;
const rows = [
  ["agreements × amendments", `${AGREEMENTS} × ${AMENDMENTS} (${recorded} events, ~10% recorded out of order)`],
  [`record throughput (SQLite, synchronous=${SYNC})`, `${r.record.eventsPerSecond.toFixed(0)} events/s (${r.record.totalSeconds.toFixed(1)} s total, ${r.record.msPerEvent.toFixed(2)} ms/event)`],
  ["record CPU time (user + system)", `${r.record.cpuSeconds.toFixed(1)} s (${r.record.cpuMsPerEvent.toFixed(2)} ms/event)`],
  ["asOf via projection: median / p95", `${us(quantile(proj, 0.5))} / ${us(quantile(proj, 0.95))}`],
  [`asOf via full replay (${REPLAYS}): median / p95`, `${us(quantile(replay, 0.5))} / ${us(quantile(replay, 0.95))}`],
  ["replay / projection (median ratio, this run)", `${r.replayOverProjection.toFixed(1)}×`],
  ["asOf knownAt (mid-history): median / p95", `${us(quantile(known, 0.5))} / ${us(quantile(known, 0.95))}`],
  [`inForce over ${AGREEMENTS} agreements: median`, us(quantile(inForceMs, 0.5))],
  ["search (texts in force): median", `${quantile(searchMs, 0.5).toFixed(1)} ms (${searchHits} hits in 20 searches)`],
  ["verify (chain + projection rebuild + nodes)", `${r.verifySeconds.toFixed(1)} s`],
  ["versions stored", String(stats.versions)],
  [`nodes stored / in all versions (${everyObject ? "every object" : "provisions"})`, `${stats.nodes} / ${nodesInVersions} (${r.nodes.dedupPercent.toFixed(1)}% deduplicated)`],
  ["node rows: JSON bytes / average document row", `${r.nodes.jsonMiB.toFixed(1)} MiB / ${documentBytes.toFixed(0)} B`],
  ["database size (file + WAL)", `${r.databaseMiB.toFixed(1)} MiB`],
  ["peak RSS (RSS right after recording)", `${rssMb.toFixed(0)} MiB (${rssAfterRecordMb.toFixed(0)} MiB)`],
  ["whole bench", `${totalS.toFixed(0)} s`],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\nkyoyaku bench — node ${process.version}, ${new Date().toISOString()}\n`);
for (const [a, b] of rows) console.log(`${a.padEnd(w)}  ${b}`);
const out = new URL("./results/", import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL("latest.json", out), JSON.stringify(results, null, 2) + "\n");
console.log(`\nwrote bench/results/latest.json`);
if (process.env.BENCH_KEEP) console.log(`kept ${path}`);
else rmSync(dir, { recursive: true, force: true });
