// The import workload, run in a child process so that its peak RSS is its own: generate
// agreements one at a time and record them through the engine in batches (recordMany, one
// transaction per batch) into a fresh SQLite file with the default synchronous=FULL.
// Prints one JSON line on stdout: counts, recording time (wall and CPU, generation left
// out), RSS sampled after every batch, and — when run with --expose-gc — the live heap after
// a forced full GC at about 40 points (flat = bounded memory: V8 grows its heap lazily, so RSS
// and heapUsed without a GC climb by garbage not yet collected). The forced GCs are outside
// the timed recordMany calls and their time is reported.
//
// node --expose-gc [--max-old-space-size=MiB] bench/import.mjs --db FILE --agreements N [--seed S] [--batch 2000] [--from 0] [--expected-events N]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openKyoyaku } from "../packages/core/dist/index.js";
import { agreements, seeds } from "./generate.mjs";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    agreements: { type: "string" },
    from: { type: "string", default: "0" },
    seed: { type: "string", default: "20161011" },
    batch: { type: "string", default: "2000" },
    // About how many events the run will record (to spread the ~40 live-heap samples).
    "expected-events": { type: "string" },
    // Write a V8 heap snapshot here at the end of the import, before the engine is closed
    // (summarise it with bench/heap-summary.mjs: where the live heap is, by constructor).
    snapshot: { type: "string" },
    // Print each live-heap sample on stderr as it is taken (to watch a long import).
    progress: { type: "boolean", default: false },
  },
});
if (values.db === undefined || values.agreements === undefined) throw new Error("usage: import.mjs --db FILE --agreements N");
const from = Number(values.from);
const to = from + Number(values.agreements);
const batchSize = Number(values.batch);

// recordedAt must run forward; one second per event from a fixed start keeps files identical between runs.
let clock = Date.parse("2024-01-01T00:00:00Z");
const k = openKyoyaku({ path: values.db, clock: () => new Date((clock += 1000)).toISOString() });
const batched = typeof k.recordMany === "function";

const started = performance.now();
const cpu0 = process.cpuUsage();
let recordMs = 0;
let recordCpuUs = 0;
let events = 0;
let batches = 0;
let outOfOrder = 0;
let retroactive = 0;
let abolished = 0;
const operations = {};
const samples = [];
const live = [];
let gcMs = 0;
const mib = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
const gc = typeof globalThis.gc === "function" ? globalThis.gc : undefined;
const expected = Number(values["expected-events"] ?? 30 * (to - from));
// Every other batch at least: a forced full GC of a ~100 MiB heap costs ~0.2–0.5 s.
const liveEvery = Math.max(2, Math.round(expected / batchSize / 40));

function sample(last = false) {
  const m = process.memoryUsage();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  samples.push({ events, seconds, rssMiB: mib(m.rss), heapMiB: mib(m.heapUsed) });
  if (gc !== undefined && (last || batches % liveEvery === 0)) {
    const t = performance.now();
    gc();
    gcMs += performance.now() - t;
    const g = process.memoryUsage();
    live.push({ events, seconds, liveHeapMiB: mib(g.heapUsed), externalMiB: mib(g.external + g.arrayBuffers), rssMiB: mib(g.rss) });
    if (values.progress) console.error(JSON.stringify({ ...live[live.length - 1], recordSeconds: Math.round(recordMs / 100) / 10 }));
  }
}

function flush(requests) {
  if (requests.length === 0) return;
  const c = process.cpuUsage();
  const t = performance.now();
  const results = batched ? k.recordMany(requests) : requests.map((q) => k.record(q));
  recordMs += performance.now() - t;
  const d = process.cpuUsage(c);
  recordCpuUs += d.user + d.system;
  for (const r of results) {
    if (r.duplicate) throw new Error(`generated event recorded twice: ${r.agreementId} #${r.event.seq}`);
    if (r.issues.some((i) => i.code === "rule.retroactive")) retroactive += 1;
  }
  events += requests.length;
  batches += 1;
  sample();
}

let pending = [];
for (const a of agreements(from, to, { seed: Number(values.seed), parts: seeds() })) {
  outOfOrder += a.outOfOrder;
  for (const event of a.events) {
    if (event.payload.kind === "abolish") abolished += 1;
    for (const o of event.payload.operations ?? []) operations[o.op] = (operations[o.op] ?? 0) + 1;
    pending.push({ agreementId: a.id, event, recordedBy: "bench" });
  }
  if (pending.length >= batchSize) {
    flush(pending);
    pending = [];
  }
}
flush(pending);
sample(true);
if (values.snapshot !== undefined) (await import("node:v8")).writeHeapSnapshot(values.snapshot);
k.close();
const cpu = process.cpuUsage(cpu0);

console.log(JSON.stringify({
  agreements: to - from,
  events,
  batches,
  batchSize,
  recordMany: batched,
  outOfOrder,
  retroactive,
  abolished,
  operations,
  recordSeconds: recordMs / 1000,
  recordCpuSeconds: recordCpuUs / 1e6,
  wallSeconds: (performance.now() - started) / 1000,
  processCpuSeconds: (cpu.user + cpu.system) / 1e6,
  maxRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  heapCapMiB: Number(process.execArgv.find((a) => a.startsWith("--max-old-space-size="))?.split("=")[1] ?? NaN) || null,
  forcedGcSeconds: gcMs / 1000,
  samples,
  live,
}));
