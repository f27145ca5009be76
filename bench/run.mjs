// kyoyaku benchmark: how fast and how small, against a raw floor and a git-based peer, every
// figure a ratio measured in the same run (the machines are shared and noisy).
//
//   pnpm bench                  (= tsc -b packages/core packages/text && node bench/run.mjs; default --size small)
//   pnpm bench --size small     1,000 agreements (~30,000 events): the quick check
//   pnpm bench --size large     20,000 agreements (~600,000 events): many minutes, not for CI
//   node bench/run.mjs --size tiny --out DIR   20 agreements: the CI smoke test (no timing asserted)
//
// Options: --out DIR (default docs/: benchmarks.md and benchmarks.json), --seed N, --batch N
// (events per recordMany), --keep (keep the temporary databases and git repository),
// --render FILE.json (re-write benchmarks.md beside it from its figures, measuring nothing).
// Modules: generate.mjs (seeded histories), import.mjs (the import, in a child process for its
// own peak RSS), peers.mjs (raw SQLite floors, naive snapshots, git peer), workloads.mjs (the
// measurements), report.mjs (tables, Markdown, JSON).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openKyoyaku, SqliteEventStore } from "../packages/core/dist/index.js";
import { databaseBytes, fileBytes, naiveReader } from "./peers.mjs";
import { diffScaleFigure } from "./diff-scale.mjs";
import { machine, markdown, rows, text } from "./report.mjs";
import {
  appendFloor, asOfDocumentFigure, asOfQuestions, asOfVersionFigure, buildNaive, buildRawPeer, diffFigure, gitFigure, importChild,
  listVersions, parseFigure, rebuildFigure,
} from "./workloads.mjs";

const SIZES = {
  // questions: as-of version id questions (cheap); documentQuestions: the first of them also asked
  // for the whole document (~1 ms each side); heapCapMiB: --max-old-space-size of the import child.
  // diffScale: the 条 counts of the growth phase (bench/diff-scale.mjs).
  tiny: { agreements: 20, questions: 400, documentQuestions: 400, warmup: 50, check: 400, gitSample: 5, gitLookups: 20, diffReps: 5, parseBytes: 150_000, heapCapMiB: 256, diffScale: [250, 1_000] },
  small: { agreements: 1_000, questions: 10_000, documentQuestions: 5_000, warmup: 1_000, check: 2_000, gitSample: 100, gitLookups: 60, diffReps: 50, parseBytes: 3_000_000, heapCapMiB: 384, diffScale: [1_000, 4_000, 16_000] },
  large: { agreements: 20_000, questions: 100_000, documentQuestions: 10_000, warmup: 5_000, check: 5_000, gitSample: 300, gitLookups: 200, diffReps: 50, parseBytes: 5_000_000, heapCapMiB: 1024, diffScale: [1_000, 4_000, 16_000] },
};

const { values } = parseArgs({
  // `pnpm bench -- --size large` may pass the "--" through: it is not an option terminator here.
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    size: { type: "string", default: process.env.BENCH_SIZE ?? "small" },
    out: { type: "string", default: new URL("../docs/", import.meta.url).pathname },
    seed: { type: "string", default: "20161011" },
    batch: { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
    // Re-write benchmarks.md from a benchmarks.json (after a change of wording, not of figures).
    render: { type: "string" },
    // With --render: another run's benchmarks.json (e.g. the last small run under a large one),
    // whose figures table is shown below the main run's, and kept in the JSON as `also`.
    also: { type: "string" },
    // With --render: a remark about the run written by whoever reports it (kept in the JSON as `remarks`).
    note: { type: "string", multiple: true },
    // With --render: the JSON written by a run of the growth phase alone (node bench/diff-scale.mjs --json F),
    // kept in the JSON as `diffScale` (with its own date and commit).
    "diff-scale": { type: "string" },
  },
  allowPositionals: true,
});
if (values.render !== undefined) {
  const r = JSON.parse(readFileSync(values.render, "utf8"));
  const rewrite = values.also !== undefined || values.note !== undefined || values["diff-scale"] !== undefined;
  const to = rewrite ? resolve(values.out) : dirname(resolve(values.render));
  if (values.note !== undefined) r.remarks = [...(r.remarks ?? []), ...values.note];
  if (values["diff-scale"] !== undefined) r.diffScale = JSON.parse(readFileSync(values["diff-scale"], "utf8"));
  if (rewrite) {
    if (values.also !== undefined) {
      const o = JSON.parse(readFileSync(values.also, "utf8"));
      r.also = [{ ...o, memory: { ...o.memory, samples: undefined, live: undefined } }];
    }
    mkdirSync(to, { recursive: true });
    writeFileSync(join(to, "benchmarks.json"), JSON.stringify(r, null, 2) + "\n");
  }
  writeFileSync(join(to, "benchmarks.md"), markdown(r, rows(r), notes(r), (r.also ?? []).map((o) => ({ r: o, table: rows(o) }))));
  console.log(`wrote ${join(to, "benchmarks.md")}${rewrite ? " and benchmarks.json" : ""} from ${values.render}${values.also !== undefined ? ` and ${values.also}` : ""}`);
  process.exit(0);
}
const size = SIZES[values.size];
if (size === undefined) throw new Error(`--size must be one of ${Object.keys(SIZES).join(", ")}`);
const seed = Number(values.seed);
const batch = Number(values.batch);
const started = performance.now();
// The code measured is the build at the start (others may commit while the bench runs).
const code = machine();
const dir = mkdtempSync(join(tmpdir(), "kyoyaku-bench-"));
const db = join(dir, "kyoyaku.db");
const log = (s) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${s}`);
// Seconds spent in each phase of the bench (printed as it goes, and reported).
const phases = {};
function phase(name, f) {
  const t = performance.now();
  const r = f();
  const done = (v) => {
    phases[name] = Math.round((performance.now() - t) / 100) / 10;
    log(`${name}: ${phases[name]} s`);
    return v;
  };
  return r instanceof Promise ? r.then(done) : done(r);
}

try {
  // 1. Import in a child process: append throughput and peak memory.
  log(`importing ${size.agreements} agreements (batches of ${batch})`);
  const imported = await phase("import (child: generation + recording)", () => importChild(db, size.agreements, seed, batch, size.heapCapMiB, values.size === "large"));
  log(`imported ${imported.events} events in ${imported.recordSeconds.toFixed(1)} s of recording (${imported.recordMany ? "recordMany" : "record loop"})`);

  // 2. The floor of append: the same rows inserted raw in one transaction.
  const kyoyakuBytes = databaseBytes(db) + fileBytes(`${db}.anchor`);
  const raw = phase("raw inserts floor", () => appendFloor(db, dir));

  let clock = Date.parse("2025-01-01T00:00:00Z");
  const k = openKyoyaku({ path: db, clock: () => new Date((clock += 1000)).toISOString() });
  const store = new SqliteEventStore(db, { readonly: true });
  const byAgreement = phase("list versions", () => listVersions(store));
  const ids = [...byAgreement.keys()];
  const versions = [...byAgreement.values()].reduce((s, vs) => s + vs.length, 0);

  // 3. Size: kyoyaku's file vs one full JSON snapshot per version (which is also the JSON-blob peer).
  const naive = phase("naive snapshots (regenerated)", () => buildNaive(join(dir, "naive.db"), byAgreement, size.agreements, seed));
  log(`naive snapshots: ${naive.rows} versions, ${(naive.bytes / 1024 / 1024).toFixed(0)} MiB`);

  // 4. As-of: version id vs a raw point query; whole document vs one JSON blob.
  const peer = buildRawPeer(join(dir, "raw-versions.db"), byAgreement);
  const questions = asOfQuestions(byAgreement, ids, size.questions + size.warmup, seed + 1);
  const asOfVersion = phase("as-of version id", () => asOfVersionFigure(k, peer, questions, size.warmup));
  peer.close();
  log(`as-of version: ${asOfVersion.api}`);
  const naivePeer = naiveReader(join(dir, "naive.db"));
  // The whole-document questions are a prefix of the same questions (each costs ~1 ms on both sides).
  const asOfDocument = phase("as-of document", () => asOfDocumentFigure(k, naivePeer, questions.slice(0, size.documentQuestions + size.warmup), size.warmup, size.check));
  naivePeer.close();

  // 5. The git peer on a sample of agreements (evenly spread).
  const step = Math.max(1, Math.floor(size.agreements / size.gitSample));
  const sample = Array.from({ length: size.gitSample }, (_, i) => i * step);
  const sampleIds = sample.map((i) => ids[i]);
  const git = phase("git peer", () => gitFigure(k, sample, seed, asOfQuestions(byAgreement, sampleIds, size.gitLookups, seed + 2), join(dir, "git")));
  log(`git peer: ${git.commits} commits`);

  // 6. Projection rebuild from events alone.
  store.close();
  const rebuild = phase("projection rebuild", () => rebuildFigure(k, imported.events));
  k.close();

  // 7. Diff, far apart, 1 / 10 / 100 取組 changed; 8. parse throughput.
  const diff = phase("diff", () => diffFigure(dir, size.diffReps));
  const parse = phase("parse", () => parseFigure(size.parseBytes, seed));
  // 9. Growth of diff and 新旧対照表 with the number of 条 (time per 条 should stay flat).
  const diffScale = phase("diff scale", () => ({ date: new Date().toISOString(), commit: code.commit, dirty: code.dirty, rows: diffScaleFigure(size.diffScale, 3, dir) }));

  const results = {
    date: new Date().toISOString(),
    machine: { ...machine(), commit: code.commit, dirty: code.dirty },
    scale: { size: values.size, agreements: size.agreements, events: imported.events, versions, questions: size.questions, seed },
    append: { ...imported, samples: undefined, live: undefined, raw, eventsPerSecond: imported.events / imported.recordSeconds, rawEventsPerSecond: imported.events / raw.seconds },
    asOfVersion,
    asOfDocument,
    git,
    rebuild,
    diff,
    parse,
    diffScale,
    size: { kyoyakuBytes, naiveBytes: naive.bytes, naiveJsonBytes: naive.jsonBytes, naiveRows: naive.rows },
    memory: memoryFigure(imported),
    phases,
    benchSeconds: 0,
  };
  results.benchSeconds = (performance.now() - started) / 1000;
  const table = rows(results);
  results.figures = table.map(({ id, figure, value, goal, met }) => ({ id, figure, value, goal, met }));
  console.log(text(results, table));
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "benchmarks.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(out, "benchmarks.md"), markdown(results, table, notes(results)));
  console.log(`\nwrote ${join(out, "benchmarks.md")} and benchmarks.json`);
} finally {
  if (values.keep) console.error(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * The memory figure: bounded means the live heap (after a forced full GC) at the end of the
 * import is at most 1.25× the live heap half-way, with the import finishing under a fixed
 * heap cap; peak RSS is stated beside it (it includes garbage V8 has not collected yet,
 * SQLite's page cache and the native heap).
 */
function memoryFigure(imported) {
  const pick = (xs, f) => xs[Math.min(xs.length - 1, Math.round(f * (xs.length - 1)))];
  const live = imported.live ?? [];
  const rss = imported.samples;
  const half = live.length > 0 ? pick(live, 0.5).liveHeapMiB : NaN;
  const end = live.length > 0 ? live[live.length - 1].liveHeapMiB : NaN;
  return {
    maxRssMiB: imported.maxRssMiB,
    heapCapMiB: imported.heapCapMiB,
    forcedGcSeconds: imported.forcedGcSeconds,
    liveHalfMiB: half,
    liveEndMiB: end,
    liveMaxMiB: Math.max(...live.map((s) => s.liveHeapMiB)),
    liveGrowth: end / half,
    quarters: [0.25, 0.5, 0.75, 1].map((f) => pick(rss, f).rssMiB),
    rssGrowth: pick(rss, 1).rssMiB / pick(rss, 0.5).rssMiB,
    samples: rss,
    live,
  };
}

function notes(r) {
  const a = r.append;
  const ms = (x) => `${(x * 1000).toFixed(1)} µs`;
  return {
    absolutes: [
      `Import: ${a.events.toLocaleString("en-US")} events in ${a.batches} batches, ${a.recordSeconds.toFixed(1)} s recording (CPU ${a.recordCpuSeconds.toFixed(1)} s), generation excluded; child process wall ${a.wallSeconds.toFixed(1)} s.`,
      `Raw inserts of the same rows (${Object.entries(a.raw.rows).map(([t, n]) => `${t} ${n.toLocaleString("en-US")}`).join(", ")}): ${a.raw.seconds.toFixed(2)} s.`,
      `Projection rebuild: ${r.rebuild.seconds.toFixed(1)} s (CPU ${r.rebuild.cpuSeconds.toFixed(1)} s).`,
      `As-of version id (${r.asOfVersion.api}), ${r.asOfVersion.queries.toLocaleString("en-US")} questions (${r.asOfVersion.notInForce} not in force): kyoyaku mean ${ms(r.asOfVersion.kyoyakuMs.mean)}, raw mean ${ms(r.asOfVersion.rawMs.mean)}.`,
      `As-of full document, ${r.asOfDocument.queries.toLocaleString("en-US")} questions (${r.asOfDocument.checked} checked field by field): kyoyaku mean ${ms(r.asOfDocument.kyoyakuMs.mean)}, JSON blob mean ${ms(r.asOfDocument.rawMs.mean)}.`,
      `Git peer: ${r.git.agreements} agreements, ${r.git.commits.toLocaleString("en-US")} commits, .git ${(r.git.repoBytes / 1024 / 1024).toFixed(1)} MiB, built by fast-import in ${r.git.buildSeconds.toFixed(1)} s; ${r.git.lookups} lookups: git p50 ${r.git.gitMs.p50.toFixed(2)} ms / p99 ${r.git.gitMs.p99.toFixed(2)} ms, kyoyaku p50 ${ms(r.git.kyoyakuMs.p50)} / p99 ${ms(r.git.kyoyakuMs.p99)}.`,
      `Diff (median of repetitions): ${r.diff.map((d) => `${d.changed} changed: diffDocuments ${ms(d.diffDocumentsMs)}, engine diff ${d.engineDiffMs.toFixed(1)} ms, compare ${ms(d.compareMs)}, ${d.patchOps} patch operations`).join("; ")}.`,
      `Parse: ${r.parse.texts} texts, ${(r.parse.bytes / 1e6).toFixed(2)} MB in ${r.parse.seconds.toFixed(2)} s (median of ${r.parse.runs ?? 1} timed passes; every pass: ${(r.parse.passes ?? []).map((x) => x.toFixed(2)).join(", ")} MB/s); per second of process CPU time, median ${r.parse.cpuMbPerSecond?.toFixed(2)} MB/s.`,
      `Size: kyoyaku ${(r.size.kyoyakuBytes / 1024 / 1024).toFixed(1)} MiB; naive ${(r.size.naiveBytes / 1024 / 1024).toFixed(1)} MiB for ${r.size.naiveRows.toLocaleString("en-US")} snapshots (${(r.size.naiveJsonBytes / 1024 / 1024).toFixed(1)} MiB of JSON).`,
    ],
    method: [
      "Workload (bench/generate.mjs): a seeded generator; each agreement has the seed's 6 条 and a 別表 of 10–20 取組 drawn from both seeds (cloned and renamed), then 0–60 amendments in valid-time order: ~10% whole-別表 replacement, ~35% 改め文 (「A」を「B」に改める in one field), ~20% one 取組 replaced, ~10% one 項 replaced, ~13% a 取組 inserted, the rest a 取組 deleted; ~6% retroactive (適用日 before 締結日), ~5% of agreements end in 廃止, and neighbouring amendments whose edits do not overlap swap places in recording order (recorded out of order). Every event carries a unique small synthetic source (name, text, SHA-256). Agreements stream one at a time; every event is accepted by the engine's rules.",
      "Append: bench/import.mjs in a child process records the agreements through the engine, agreement after agreement, in batches (recordMany; one transaction per batch) into a fresh SQLite file with the store's defaults (WAL, synchronous=FULL); only the recordMany calls are timed. The floor inserts every row of every table kyoyaku wrote (events, sources, nodes, projections …) into an empty copy of its schema without triggers, same pragmas, one transaction; reading the rows is not timed.",
      "As-of version id: random (agreement, day) questions, days spread over each agreement's life (0.5% before it, and a year past each 廃止: not in force). The floor is a better-sqlite3 prepared point query on a table (agreement_id, valid_from, valid_to, root) with primary key (agreement_id, valid_from), filled with kyoyaku's versions. Each question is timed on both sides, alternating which goes first, after a warm-up; the roots must be equal.",
      "As-of full document: the first of the same questions (5,000 at the small size, 10,000 at the large, after the same warm-up); kyoyaku's asOf(...).document (a frozen document assembled from content-addressed nodes, through its node cache) vs one row of the naive snapshot table read and JSON.parse'd. Warm process, random agreements: neither side's cache holds the whole set at the large size; the OS page cache is warm for both.",
      "Git peer: a sample of agreements (evenly spread), one file per agreement holding its canonical JSON, one commit per version dated by its 適用日 at 00:00 +0900 (a 廃止 deletes the file), written in 適用日 order by git fast-import. A lookup is `git rev-list -1 --before=<day> 23:59:59 +0900 HEAD -- <file>` then `git show <commit>:<file>` then JSON.parse, each a child process (spawnSync). The peer keeps no drafts, no events, no retroactivity or recording-order semantics: it only replays the final intervals kyoyaku computed. Answers are checked equal text.",
      "Projection rebuild: k.rebuildProjections() on the whole imported store (every agreement replayed from its events, versions and nodes rewritten).",
      "Diff: three agreements whose 別表 has 120 取組, 20 amendments 90 days apart rewriting 1, 10 or 100 distinct 取組; the first and the last version are diffed. kyoyaku's diffDocuments on the two stored documents (subtrees with equal identity or content hash are skipped) vs fast-json-patch compare of the same two whole documents; median of repetitions. The engine's diff (which replays the timeline first) is shown beside. The goal is met when kyoyaku's time grows with the number of changed 取組.",
      "Parse: the seeds plus generated 協約書 rendered by renderDocument, parsed once to warm up, then parseText over the whole corpus five times; the figure is the median pass; MB are UTF-8 bytes (10^6).",
      "Database size: kyoyaku's file + WAL after a checkpoint (and its anchor file, if any) vs a SQLite file with one row per version holding the whole document's JSON (same pragmas, after a checkpoint). The naive rows are the generator's own documents of every version (regenerated: loading all versions back from kyoyaku would dominate the bench's time); every version's interval is checked equal to kyoyaku's, and the documents are checked equal to kyoyaku's answers on the as-of document questions.",
      "Memory: the import child runs with --expose-gc and a fixed heap cap (--max-old-space-size); after about one batch in 40 (outside the timed recordMany calls) it forces a full GC and samples the live heap, and RSS is sampled after every batch; peak RSS is the child's maxRSS. **Bounded** means: the import finishes under the cap, and the live heap after GC at the end is at most 1.25× the live heap half-way (a flat live heap). RSS is stated, not judged: V8 grows its heap lazily, so RSS and heapUsed without a GC climb with garbage not yet collected, up to what the cap allows.",
    ],
    remarks: [
      "A missed goal stays in the table as missed: the figure is worth more than the goal.",
      ...(r.remarks ?? []),
      `Memory: live heap after GC ${r.memory.liveHalfMiB} MiB half-way, ${r.memory.liveEndMiB} MiB at the end (largest ${r.memory.liveMaxMiB} MiB), under a ${r.memory.heapCapMiB} MiB heap cap; peak RSS ${r.memory.maxRssMiB} MiB. The engine's caches are bounded (events by the size of what they hold, step memos, decoded nodes and parsed agreement rows by count); the forced GCs took ${r.memory.forcedGcSeconds?.toFixed(1)} s, outside the recording time.`,
      "Where the live heap is (one heap snapshot at the end of a 1,000-agreement import, `node --expose-gc bench/import.mjs --agreements 1000 --snapshot F` then `node bench/heap-summary.mjs F --retainers …`, 2026-11-22, not part of this run): 106 MiB live — strings 39 MiB and concatenated strings 17 MiB (the text of documents held by the engine's caches; many are still ropes, as the generator built them by concatenation), arrays 28 MiB (of which the tables of WeakMaps 13.6 MiB, WeakSets 4.0, Sets 2.6: content-hash memos, the deep-frozen set, the known-node set of at most 100,000 hashes), plain objects 11 MiB, code 3.6 MiB. The snapshot says what the heap holds; the live-heap samples over the import say whether it grows.",
      "Sources are small synthetic texts; real 協約書 sources (~10 KB each) would add their size to kyoyaku's file and not to the naive one.",
      r.asOfVersion.api.startsWith("asOfVersion") ? "The version-id figure uses Kyoyaku.asOfVersion (no document materialised)." : "Kyoyaku.asOfVersion was absent in this build: the version-id figure falls back to asOf(...).root, which materialises the document.",
      a.recordMany ? "The append figure uses Kyoyaku.recordMany." : "Kyoyaku.recordMany was absent in this build: the append figure is a loop of record (one transaction per event).",
    ],
  };
}
