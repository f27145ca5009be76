// The measured workloads. Each returns plain numbers for the report; each compares kyoyaku
// with its floor or peer in the same run, on the same data, and checks that both sides give
// the same answer before any figure is kept.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { addDays, appendixItemAddress, canonicalJson, diffDocuments, openKyoyaku, sectionKey, sha256 } from "../packages/core/dist/index.js";
import { parseText, renderDocument } from "../packages/text/dist/index.js";
import { agreementHistory, agreements, documentOf, random, seeds } from "./generate.mjs";
import { gitPeer, jsonPatch, naiveDatabase, rawInserts, rawPeer } from "./peers.mjs";

export const quantile = (xs, q) => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
export const median = (xs) => quantile(xs, 0.5);

/** Milliseconds taken by `f` (its result is passed to `keep`). */
function timed(f, keep) {
  const t = performance.now();
  const r = f();
  const ms = performance.now() - t;
  if (keep !== undefined) keep(r);
  return ms;
}

const DAY = 86_400_000;
const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

/** Every stored version, per agreement: [{ agreementId, from, to, root }]. */
export function listVersions(store) {
  const byAgreement = new Map();
  for (const id of store.agreementIds()) {
    byAgreement.set(id, store.versions(id).map((v) => ({ agreementId: id, from: v.interval.from, to: v.interval.to, root: v.root })));
  }
  return byAgreement;
}

/**
 * Random as-of questions: an agreement, then a day between its first 適用日 and the end of its
 * last version (two years past the last 適用日 when open-ended, one year past a 廃止), with a
 * few days before the first 適用日. Some fall outside every version: not in force.
 */
export function asOfQuestions(byAgreement, ids, count, seed) {
  const r = random(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const id = r.pick(ids);
    const vs = byAgreement.get(id);
    if (vs.length === 0) continue;
    const first = vs[0].from;
    const last = vs[vs.length - 1];
    const end = last.to === null ? addDays(last.from, 730) : addDays(last.to, 365);
    const date = r.chance(0.005) ? addDays(first, -r.int(1, 400)) : addDays(first, r.int(0, daysBetween(first, end) - 1));
    out.push([id, date]);
  }
  return out;
}

/** The as-of version id (asOfVersion; asOf(...).root before it existed), and whether it materialised. */
export function versionLookup(k) {
  if (typeof k.asOfVersion === "function") return { api: "asOfVersion", root: (id, date) => k.asOfVersion(id, date).root };
  return { api: "asOf(…).root (asOfVersion absent: fallback, materialises the document)", root: (id, date) => k.asOf(id, date).root };
}

/**
 * Import in a child process (see import.mjs); returns its report. The child runs with
 * --expose-gc (live heap sampled after forced GCs) and a fixed old-space cap of `heapCapMiB`:
 * finishing under the cap is part of the memory figure.
 */
export async function importChild(db, agreements, seed, batch, heapCapMiB, progress = false) {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["--expose-gc", `--max-old-space-size=${heapCapMiB}`, new URL("./import.mjs", import.meta.url).pathname, "--db", db, "--agreements", String(agreements), "--seed", String(seed), "--batch", String(batch), ...(progress ? ["--progress"] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the import child failed (exit ${code})`);
  return JSON.parse(out.trim().split("\n").pop());
}

/** Raw inserts of the rows kyoyaku wrote, in one transaction: the floor of append. */
export function appendFloor(db, dir) {
  return rawInserts(db, join(dir, "raw-inserts.db"));
}

/**
 * As-of version id: kyoyaku vs a raw indexed point query on a one-row-per-version table
 * holding the same versions. Interleaved question by question, order alternating, after a
 * warm-up; every answer checked.
 */
export function asOfVersionFigure(k, raw, questions, warmup) {
  const lookup = versionLookup(k);
  for (const [id, date] of questions.slice(0, warmup)) {
    lookup.root(id, date);
    raw.versionAt(id, date);
  }
  const ky = [];
  const rw = [];
  let a, b;
  let notInForce = 0;
  questions.forEach(([id, date], i) => {
    if (i % 2 === 0) {
      ky.push(timed(() => (a = lookup.root(id, date))));
      rw.push(timed(() => (b = raw.versionAt(id, date))));
    } else {
      rw.push(timed(() => (b = raw.versionAt(id, date))));
      ky.push(timed(() => (a = lookup.root(id, date))));
    }
    if (a !== b) throw new Error(`as-of version ${id} ${date}: kyoyaku ${a}, raw ${b}`);
    if (a === undefined) notInForce += 1;
  });
  return { api: lookup.api, queries: questions.length, notInForce, kyoyakuMs: stats(ky), rawMs: stats(rw) };
}

function stats(ms) {
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), mean: ms.reduce((s, x) => s + x, 0) / ms.length };
}

/**
 * As-of whole document: kyoyaku's asOf(...).document (rebuilt from content-addressed nodes)
 * vs one JSON blob per version read and parsed. Same questions, interleaved; answers checked
 * (canonical JSON) on the first `check` questions and in-force agreement on all.
 */
export function asOfDocumentFigure(k, naive, questions, warmup, check) {
  for (const [id, date] of questions.slice(0, warmup)) {
    k.asOf(id, date);
    naive.documentAt(id, date);
  }
  const ky = [];
  const rw = [];
  let a, b;
  questions.forEach(([id, date], i) => {
    if (i % 2 === 0) {
      ky.push(timed(() => (a = k.asOf(id, date).document)));
      rw.push(timed(() => (b = naive.documentAt(id, date))));
    } else {
      rw.push(timed(() => (b = naive.documentAt(id, date))));
      ky.push(timed(() => (a = k.asOf(id, date).document)));
    }
    if ((a === undefined) !== (b === undefined)) throw new Error(`as-of document ${id} ${date}: in force differs`);
    if (i < check && a !== undefined && canonicalJson(a) !== canonicalJson(b)) throw new Error(`as-of document ${id} ${date}: documents differ`);
  });
  return { queries: questions.length, checked: Math.min(check, questions.length), kyoyakuMs: stats(ky), rawMs: stats(rw) };
}

/**
 * The generator's own version documents with their whole JSON, one agreement at a time (for
 * the naive store; regenerating is far cheaper than loading every version from kyoyaku).
 * Every version's interval must be the one kyoyaku stored; the documents themselves are
 * checked against kyoyaku's answers by the as-of document figure.
 */
export function* versionsWithJson(byAgreement, count, seed) {
  for (const a of agreements(0, count, { seed })) {
    const stored = byAgreement.get(a.id) ?? [];
    if (stored.length !== a.versions.length) throw new Error(`${a.id}: kyoyaku stored ${stored.length} versions, the generator made ${a.versions.length}`);
    a.versions.forEach((v, i) => {
      if (stored[i].from !== v.from || stored[i].to !== v.to) throw new Error(`${a.id}: version ${i} is [${stored[i].from}, ${stored[i].to}) in kyoyaku, [${v.from}, ${v.to}) generated`);
    });
    for (const v of a.versions) yield [v, JSON.stringify(v.doc)];
  }
}

/** The naive one-snapshot-per-version database (also the JSON-blob peer of as-of document). */
export function buildNaive(path, byAgreement, count, seed) {
  const t = performance.now();
  const r = naiveDatabase(path, versionsWithJson(byAgreement, count, seed));
  return { ...r, buildSeconds: (performance.now() - t) / 1000 };
}

/** The raw one-row-per-version table (version id floor) and the naive JSON blobs as readers. */
export function buildRawPeer(path, byAgreement) {
  function* all() {
    for (const vs of byAgreement.values()) yield* vs;
  }
  return rawPeer(path, all(), () => undefined);
}

/**
 * The git peer on a sample of agreements (by generator index): questions answered by
 * `git rev-list -1 --before` + `git show` (and JSON.parse) vs kyoyaku asOf, answers checked.
 */
export function gitFigure(k, sample, seed, questions, dir) {
  // The generator's documents of each version (checked equal to kyoyaku's answers below).
  const parts = seeds();
  const versions = [];
  for (const index of sample) {
    for (const v of agreementHistory(index, { seed, parts }).versions) versions.push({ ...v, text: canonicalJson(v.doc) });
  }
  const peer = gitPeer(dir, versions);
  const ky = [];
  const gt = [];
  for (const [id, date] of questions) {
    let text, doc;
    gt.push(timed(() => {
      text = peer.documentAt(id, date);
      if (text !== undefined) JSON.parse(text);
    }));
    ky.push(timed(() => (doc = k.asOf(id, date).document)));
    if ((text === undefined) !== (doc === undefined)) throw new Error(`git peer ${id} ${date}: in force differs (git ${text !== undefined}, kyoyaku ${doc !== undefined})`);
    if (doc !== undefined && canonicalJson(doc) !== text) throw new Error(`git peer ${id} ${date}: documents differ`);
  }
  return { agreements: sample.length, commits: peer.commits, repoBytes: peer.bytes(), buildSeconds: peer.buildSeconds, lookups: questions.length, kyoyakuMs: stats(ky), gitMs: stats(gt) };
}

/** Projection rebuild from events alone: the whole store. */
export function rebuildFigure(k, events) {
  const c = process.cpuUsage();
  const ms = timed(() => k.rebuildProjections());
  const cpu = process.cpuUsage(c);
  return { events, seconds: ms / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, eventsPerSecond: events / (ms / 1000) };
}

/**
 * Diff of two versions far apart (20 amendments between them) of agreements whose 別表 has
 * 120 取組, where 1, 10 or 100 取組 differ between the two: kyoyaku's diffDocuments on the two
 * stored versions and the engine's diff (which replays the timeline) vs fast-json-patch's
 * compare of the two whole documents.
 */
export function diffFigure(dir, reps) {
  const parts = seeds();
  const k = openKyoyaku({ path: join(dir, "diff.db") });
  const rows = [];
  try {
    for (const changed of [1, 10, 100]) {
      const r = random(7_000 + changed);
      const id = `diff-${changed}`;
      const doc = documentOf(r, parts.base, parts.pool, "備前市", 120);
      const parties = ["岡山市", "備前市"];
      const res = (d) => ({ 岡山市: addDays(d, -10), 備前市: addDays(d, -10) });
      const sourceOf = (label) => ({ name: `${id}-${label}.txt`, text: `${id}-${label}`, sha256: sha256(`${id}-${label}`) });
      const d0 = "2016-10-11";
      k.record({ agreementId: id, recordedBy: "bench", event: { payload: { kind: "conclude", document: doc }, dates: { concludedOn: d0, resolutions: res(d0) }, draft: false, parties, source: sourceOf("0") } });
      // The 取組 that will differ, spread over the sections.
      const all = doc.appendices[0].sections.flatMap((s, si) => s.items.map((item) => ({ key: sectionKey(s, si), item })));
      const targets = all.filter((_, i) => i % Math.floor(all.length / changed) === 0).slice(0, changed);
      let day = d0;
      const edits = new Map();
      for (let n = 1; n <= 20; n++) {
        day = addDays(day, 90);
        // Amendment n rewrites its share of the targets (every target at least once over the 20).
        const mine = changed >= 20 ? targets.filter((_, i) => i % 20 === n - 1) : [targets[(n - 1) % changed]];
        const operations = mine.map(({ key, item }) => {
          const prev = edits.get(item.name) ?? item;
          const node = { ...prev, fields: prev.fields.map((f, fi) => (fi === 0 ? { ...f, text: `${item.fields[0].text}（第${n}次変更）` } : f)) };
          edits.set(item.name, node);
          return { op: "replace", target: appendixItemAddress(1, key, item.name), node };
        });
        k.record({ agreementId: id, recordedBy: "bench", event: { payload: { kind: "amend", operations }, dates: { concludedOn: day, appliesFrom: day, resolutions: res(day) }, draft: false, parties, source: sourceOf(String(n)) } });
      }
      const before = k.asOf(id, d0).document;
      const after = k.asOf(id, day).document;
      const d = diffDocuments(before, after);
      const items = d.changes.filter((c) => c.level === "appendixItem").length;
      if (items !== changed) throw new Error(`diff-${changed}: ${items} 取組 changes, expected ${changed}`);
      // The peer diffs two whole documents as read from JSON (no shared subtrees): compare
      // skips identical objects, so on kyoyaku's shared versions it would borrow kyoyaku's sharing.
      const plainBefore = JSON.parse(JSON.stringify(before));
      const plainAfter = JSON.parse(JSON.stringify(after));
      const patch = jsonPatch.compare(plainBefore, plainAfter);
      // A JSON copy: structuredClone would keep the subtrees the node store shares, and a patch would change them all.
      const check = jsonPatch.applyPatch(JSON.parse(JSON.stringify(before)), d.patch).newDocument;
      if (canonicalJson(check) !== canonicalJson(after)) throw new Error(`diff-${changed}: kyoyaku's patch does not give the later version`);
      const core = [];
      const peer = [];
      const engine = [];
      for (let i = 0; i < reps; i++) {
        core.push(timed(() => diffDocuments(before, after)));
        peer.push(timed(() => jsonPatch.compare(plainBefore, plainAfter)));
      }
      for (let i = 0; i < Math.max(3, Math.floor(reps / 10)); i++) engine.push(timed(() => k.diff(id, d0, day)));
      rows.push({ changed, patchOps: d.patch.length, peerPatchOps: patch.length, diffDocumentsMs: median(core), engineDiffMs: median(engine), compareMs: median(peer) });
    }
  } finally {
    k.close();
  }
  return rows;
}

/**
 * Parse throughput: a corpus of 協約書 texts (the seeds and generated agreements rendered by
 * renderDocument) of about `targetBytes`, parsed once to warm up and then timed over the
 * whole corpus `runs` times; the figure is the median pass (the machine is shared: one pass
 * can land on a burst of other work), every pass is reported.
 */
export function parseFigure(targetBytes, seed, runs = 5) {
  const parts = seeds();
  const texts = [...parts.texts];
  let bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  for (let i = 0; bytes < targetBytes; i++) {
    const { events } = agreementHistory(1_000_000 + i, { seed, parts, amendments: 0 });
    const text = renderDocument(events[0].payload.document);
    texts.push(text);
    bytes += Buffer.byteLength(text);
  }
  for (const t of texts.slice(0, 50)) {
    const r = parseText(t);
    if (!r.ok) throw new Error(`a generated 協約書 does not parse: ${r.issues.map((x) => x.message).join("; ")}`);
  }
  const passes = [];
  const cpuPasses = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const ms = timed(() => {
      for (const t of texts) {
        if (!parseText(t).ok) throw new Error("a corpus text did not parse");
      }
    });
    passes.push(bytes / 1e6 / (ms / 1000));
    const cpu = process.cpuUsage(c);
    cpuPasses.push(bytes / 1e6 / ((cpu.user + cpu.system) / 1e6));
  }
  const mbPerSecond = median(passes);
  // Per second of the process's CPU time (GC threads included): what the parser costs, less the waiting on a busy machine.
  return { texts: texts.length, bytes, runs, passes, cpuMbPerSecond: median(cpuPasses), seconds: bytes / 1e6 / mbPerSecond, mbPerSecond };
}
