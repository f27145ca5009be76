/**
 * Helpers for end-to-end tests: run the BUILT `kyoyaku` binary as a user would (a child
 * process in a temporary directory), and look inside its SQLite file.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const BIN = join(REPO, "packages/cli/dist/bin.js");
export const SEEDS = join(REPO, "tests/fixtures/seeds");
export const SEED_CONCLUDE = "000_0d517b853e764d1a.txt";
export const SEED_DRAFT = "001_6d3949d91c26715e.txt";

/** What one run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary working directory with the two seeds copied in. */
export function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "kyoyaku-e2e-"));
  copyFileSync(join(SEEDS, SEED_CONCLUDE), join(dir, SEED_CONCLUDE));
  copyFileSync(join(SEEDS, SEED_DRAFT), join(dir, SEED_DRAFT));
  return dir;
}

/**
 * Run `node packages/cli/dist/bin.js ARGS` in `cwd`, without colours and without the
 * caller's KYOYAKU_* settings (unless given in `env`).
 */
export function kyoyaku(cwd: string, args: readonly string[], env: Record<string, string> = {}): RunResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx tsc -b\` first (the root test script does)`);
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("KYOYAKU_")) base[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...base, NO_COLOR: "1", USER: "e2e-tester", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parse stdout as JSON, with the output in the error when it is not JSON. */
export function json<T = Record<string, unknown>>(r: RunResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
}

interface Statement {
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): unknown;
}
/** The small part of better-sqlite3 the tests use. */
export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  close(): void;
}

// better-sqlite3 is a dependency of @kyoyaku/core, not of the tests: load it from there.
const requireFromCore = createRequire(join(REPO, "packages/core/package.json"));
const Database = requireFromCore("better-sqlite3") as new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Db;

/** Create a new, empty SQLite file (e.g. one of another application). */
export function createDb(path: string): Db {
  return new Database(path);
}

/** Open a database file directly (for dumps and tampering). */
export function openDb(path: string, readonly = true): Db {
  return new Database(path, { readonly, fileMustExist: true });
}

/** Every row of every table, in a stable order: equal dumps mean equal contents. */
export function dumpDb(path: string): string {
  const db = openDb(path);
  try {
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table','index','trigger','view') ORDER BY type, name")
      .all();
    const parts: string[] = [JSON.stringify(tables)];
    for (const t of tables) {
      const name = String(t.name);
      if (!String(t.sql ?? "").startsWith("CREATE TABLE")) continue;
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/gu, '""')}"`).all();
      const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("hex") : typeof v === "bigint" ? String(v) : v)));
      lines.sort();
      parts.push(`${name} (${rows.length})\n${lines.join("\n")}`);
    }
    return parts.join("\n\n");
  } finally {
    db.close();
  }
}
