// Child of concurrency.test.ts: appends OPS events, alternately to the shared agreement (with
// expectedVersion from a fresh read; a conflict is retried) and to its own one. Prints one JSON
// line per outcome. MODE "free": every append goes to the agreement "free" WITHOUT an
// expectedVersion (the engine must still keep the rules and the time order under the race).
// Usage: node concurrency-writer.mjs DB SEED WRITER OPS [MODE]
import { readFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { concludeFor, rng, writerAmendment } from "./workload.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const { openKyoyaku, isKyoyakuError } = await import(join(repo, "packages/core/dist/index.js"));
const { parseAgreement } = await import(join(repo, "packages/text/dist/index.js"));

const [db, seed, writer, ops, mode = "expected"] = process.argv.slice(2);
const free = mode === "free";
const w = Number(writer);
const random = rng(Number(seed) * 31 + w);
const base = parseAgreement(readFileSync(join(repo, "tests/fixtures/seeds/000_0d517b853e764d1a.txt"), "utf8")).value;
const say = (o) => writeSync(1, JSON.stringify(o) + "\n");
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const k = openKyoyaku({ path: db });
const own = `own-${w}`;
let conflicts = 0;
let refusals = 0;
for (let i = 0; i < Number(ops); i++) {
  const shared = free || i % 2 === 0;
  const id = free ? "free" : shared ? "shared" : own;
  const event = !shared && k.version(own) === 0 ? concludeFor(base, own) : writerAmendment(base, w, i, random);
  for (let attempt = 0; ; attempt++) {
    const expectedVersion = k.version(id);
    // A little time between the read and the write, as a user's session would take: conflicts happen.
    if (shared) pause(Math.floor(random() * 3));
    try {
      const r = k.record({ agreementId: id, event, recordedBy: `writer-${w}`, ...(free ? {} : { expectedVersion }) });
      say({ ok: { agreementId: id, seq: r.event.seq, sha: event.source.sha256, duplicate: r.duplicate } });
      break;
    } catch (e) {
      if (!isKyoyakuError(e)) {
        say({ raw: { name: e?.name, code: e?.code, message: String(e?.message ?? e) } });
        process.exit(2);
      }
      if (e.code === "concurrency.conflict") {
        conflicts += 1;
        // Typed and about this agreement. Without an expectedVersion the engine retries by itself;
        // a conflict that still comes out (its retries exhausted under heavy contention) names the
        // version its own check read, not ours.
        if (e.details?.agreementId !== id || (!free && e.details?.expected !== expectedVersion)) say({ badConflict: e.details });
      } else {
        refusals += 1;
        say({ refused: { code: e.code, message: e.message } });
      }
      if (attempt > 200) {
        say({ gaveUp: id });
        process.exit(3);
      }
    }
  }
}
k.close();
say({ done: { conflicts, refusals } });
