// Child of concurrency.test.ts: reads while the writers write, until STOP exists, and checks
// that every answer is internally consistent. Usage: node concurrency-reader.mjs DB SEED STOP IDS
import { existsSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rng } from "./workload.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const { openKyoyaku, SqliteEventStore, contentHash, isKyoyakuError } = await import(join(repo, "packages/core/dist/index.js"));

const [db, seed, stop, ids] = process.argv.slice(2);
const random = rng(Number(seed));
const agreements = ids.split(",");
const say = (o) => writeSync(1, JSON.stringify(o) + "\n");
const bad = (what) => {
  say({ violation: what });
  process.exit(4);
};
const dateAt = () => new Date(Date.parse("2016-01-01") + Math.floor(random() * 4400) * 86_400_000).toISOString().slice(0, 10);

const k = openKyoyaku({ path: db, readonly: true });
const store = new SqliteEventStore(db, { readonly: true });
let checks = 0;
let versionsSeen = 0;
while (!existsSync(stop)) {
  const id = agreements[Math.floor(random() * agreements.length)];
  try {
    // One read transaction: the version rows of one moment.
    const versions = store.versions(id);
    const after = store.version(id);
    for (let i = 0; i < versions.length; i++) {
      const v = versions[i];
      if (v.interval.to !== null && !(v.interval.from < v.interval.to)) bad(`${id}: empty interval [${v.interval.from}, ${v.interval.to})`);
      const next = versions[i + 1];
      if (next !== undefined && v.interval.to !== next.interval.from) bad(`${id}: versions ${i} and ${i + 1} leave a gap or overlap`);
      if (next === undefined && v.interval.to !== null) bad(`${id}: the last version ends at ${v.interval.to} without a 廃止`);
      for (const e of v.events) if (e.seq > after) bad(`${id}: a version stands on #${e.seq}, past the stream's #${after}`);
    }
    versionsSeen += versions.length;
    if (versions.length > 0) {
      const v = versions[Math.floor(random() * versions.length)];
      const doc = store.load(v.root);
      if (doc === undefined || contentHash(doc) !== v.root) bad(`${id}: version from ${v.interval.from} loads a document that does not hash to its root`);
    }
    const date = dateAt();
    const a = k.asOf(id, date);
    const top = k.version(id);
    if (a.inForce) {
      if (contentHash(a.document) !== a.root) bad(`${id} on ${date}: the document does not hash to the answer's root`);
      if (!(a.interval.from <= date && (a.interval.to === null || date < a.interval.to))) bad(`${id} on ${date}: the answer's interval does not hold the date`);
      for (const e of a.events) if (e.seq > top) bad(`${id} on ${date}: the answer stands on #${e.seq}, past #${top}`);
    }
    checks += 1;
  } catch (e) {
    if (isKyoyakuError(e) && e.code === "not-found.agreement") continue; // not written yet
    say({ raw: { name: e?.name, code: e?.code, message: String(e?.message ?? e) } });
    process.exit(2);
  }
}
k.close();
store.close();
say({ done: { checks, versionsSeen } });
