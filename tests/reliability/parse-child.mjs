// Child of input.test.ts: parse one generated huge text with the BUILT parser and report
// the outcome, the time and the peak RSS. Usage: node parse-child.mjs KIND
import { readFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const { parseText } = await import(join(repo, "packages/text/dist/index.js"));
const seed = readFileSync(join(repo, "tests/fixtures/seeds/000_0d517b853e764d1a.txt"), "utf8");
const kind = process.argv[2];
const texts = {
  // one line of 10 MB that is no agreement
  line: () => "あ".repeat(Math.ceil(10_000_000 / 3)),
  // the seed with a 10 MB 見出し line: still an agreement
  seedline: () => seed.replace("（目的）", `（目的${"い".repeat(Math.ceil(10_000_000 / 3))}）`),
  // 50 MB: the seed again and again
  big: () => seed.repeat(Math.ceil(50_000_000 / Buffer.byteLength(seed))),
};
const text = texts[kind]();
const bytes = Buffer.byteLength(text);
const t = process.hrtime.bigint();
const r = parseText(text, { file: `${kind}.txt` });
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const issues = r.issues.filter((i) => i.severity === "error").map((i) => ({ code: i.code, line: i.location.line ?? null }));
const caption = r.ok ? r.value.document?.articles[0]?.caption.length ?? null : null;
writeSync(1, JSON.stringify({ kind, bytes, ok: r.ok, errors: issues.slice(0, 3), caption, ms, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
