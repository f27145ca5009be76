// Child of crash.test.ts: imports a planned sequence of documents into a database until it is
// killed (SIGKILL) or done. Usage: node crash-child.mjs DB SEED UNITS AGREEMENTS FROM
import { readFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crashPlan } from "./workload.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const { openKyoyaku } = await import(join(repo, "packages/core/dist/index.js"));
const { parseAgreement } = await import(join(repo, "packages/text/dist/index.js"));

const [db, seed, units, agreements, from] = process.argv.slice(2);
const parsed = parseAgreement(readFileSync(join(repo, "tests/fixtures/seeds/000_0d517b853e764d1a.txt"), "utf8"));
if (!parsed.ok) throw new Error("seed does not parse");
const plan = crashPlan(Number(seed), Number(units), Number(agreements), parsed.value);

const k = openKyoyaku({ path: db });
const batch = typeof k.recordMany === "function";
writeSync(1, `ready ${batch ? "batch" : "single"}\n`);
for (let j = Number(from); j < plan.length; j++) {
  const unit = plan[j];
  const requests = unit.events.map((event) => ({ agreementId: unit.agreementId, event, recordedBy: "crash-child" }));
  if (batch) k.recordMany(requests);
  else for (const r of requests) k.record(r);
  // Now and then a rebuild of the projections, so that kills land inside one too.
  if (j % 8 === 7) k.rebuildProjections();
  writeSync(1, `unit ${j}\n`);
}
k.close();
writeSync(1, "finished\n");
