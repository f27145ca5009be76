/**
 * Shared helpers of the reliability tests: the mode (normal or long), seeds that are printed
 * on failure, the built packages the child processes run, and the figures each test reports.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AgreementDocument } from "@kyoyaku/core";
import { parseAgreement } from "@kyoyaku/text";

export const HERE = resolve(fileURLToPath(new URL(".", import.meta.url)));
export const REPO = resolve(HERE, "../..");
export const BIN = join(REPO, "packages/cli/dist/bin.js");
export const SEED_TEXT = join(REPO, "tests/fixtures/seeds/000_0d517b853e764d1a.txt");
export const DRAFT_TEXT = join(REPO, "tests/fixtures/seeds/001_6d3949d91c26715e.txt");

/** `KYOYAKU_LONG=1` (or `pnpm test:long`): many more kills, writers and fuzz cases. */
export const LONG = process.env.KYOYAKU_LONG === "1";

/** Pick the normal or the long figure. */
export const scale = (normal: number, long: number): number => (LONG ? long : normal);

/** The seed of a test: `KYOYAKU_SEED` to replay one, else a fresh one. */
export function seedOf(): number {
  const env = process.env.KYOYAKU_SEED;
  return env !== undefined && env !== "" ? Number(env) >>> 0 : (Date.now() ^ (process.pid << 8)) >>> 0;
}

/** Run `f`; a failure names the seed and how to replay it. */
export async function withSeed<T>(name: string, seed: number, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    err.message = `[${name}: seed ${seed} — replay with KYOYAKU_SEED=${seed}] ${err.message}`;
    throw err;
  }
}

/** The child processes run the built packages: make sure they are there. */
export function requireBuilt(): void {
  for (const f of ["packages/core/dist/index.js", "packages/text/dist/index.js", "packages/cli/dist/bin.js"]) {
    if (!existsSync(join(REPO, f))) throw new Error(`${f} is missing: run \`npx tsc -b\` first (the root test script does)`);
  }
}

/** The seed 連携協約書 as a document. */
export function seedDocument(): AgreementDocument {
  const r = parseAgreement(readFileSync(SEED_TEXT, "utf8"), { file: "000.txt" });
  if (!r.ok) throw new Error("the seed does not parse");
  return r.value;
}

/** Write one test's figures to tests/reliability/results/NAME.json (gitignored) and print them. */
export function reportFigures(name: string, figures: Record<string, unknown>): void {
  const dir = join(HERE, "results");
  mkdirSync(dir, { recursive: true });
  const body = { test: name, mode: LONG ? "long" : "normal", at: new Date().toISOString(), ...figures };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(body, null, 2) + "\n");
  console.log(`[reliability] ${name}: ${JSON.stringify(figures)}`);
}

/** Sleep synchronously (child processes and retry loops). */
export function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
