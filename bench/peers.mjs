// The floors and peers kyoyaku is compared with, each built from the same history in the
// same run: a raw better-sqlite3 version table, a table of whole JSON snapshots, a naive
// one-snapshot-per-version database, raw inserts of kyoyaku's own rows, and a git
// repository with one file per agreement and one commit per version (laws-in-git style).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

// better-sqlite3 and fast-json-patch are dependencies of @kyoyaku/core, not of the workspace root.
const require = createRequire(new URL("../packages/core/package.json", import.meta.url));
export const Database = require("better-sqlite3");
export const jsonPatch = require("fast-json-patch");

export const fileBytes = (p) => (existsSync(p) ? statSync(p).size : 0);

/** SQLite file + WAL, after a checkpoint that empties the WAL into the file. */
export function databaseBytes(path) {
  const db = new Database(path);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return fileBytes(path) + fileBytes(`${path}-wal`);
}

/** The same pragmas kyoyaku's store uses for writing (WAL, synchronous=FULL). */
function openLikeKyoyaku(path) {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  return db;
}

/**
 * The raw floor of as-of: one row per version (agreement_id, valid_from, valid_to, root)
 * keyed by (agreement_id, valid_from), plus whole JSON snapshots keyed by root. `versions` is
 * an iterable of { agreementId, from, to, root }; `snapshot(root)` the JSON text or undefined
 * (only versions whose snapshot is given can be read whole).
 */
export function rawPeer(path, versions, snapshot) {
  const db = openLikeKyoyaku(path);
  db.exec(`
    CREATE TABLE versions (agreement_id TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, root TEXT NOT NULL, PRIMARY KEY (agreement_id, valid_from));
    CREATE TABLE snapshots (root TEXT PRIMARY KEY, json TEXT NOT NULL);
  `);
  const insert = db.prepare("INSERT INTO versions VALUES (?, ?, ?, ?)");
  const insertSnapshot = db.prepare("INSERT OR IGNORE INTO snapshots VALUES (?, ?)");
  db.transaction(() => {
    for (const v of versions) {
      insert.run(v.agreementId, v.from, v.to, v.root);
      const json = snapshot(v);
      if (json !== undefined) insertSnapshot.run(v.root, json);
    }
  })();
  // The same half-open lookup as kyoyaku's projection: the last version starting on or before the date, if it still holds.
  const at = db.prepare("SELECT root FROM versions WHERE agreement_id = ? AND valid_from <= ? AND (valid_to IS NULL OR ? < valid_to) ORDER BY valid_from DESC LIMIT 1").pluck();
  const blob = db.prepare("SELECT json FROM snapshots WHERE root = ?").pluck();
  return {
    /** The root in force, or undefined. */
    versionAt: (id, date) => at.get(id, date, date),
    /** The whole document in force (one blob read and JSON.parse), or undefined. */
    documentAt: (id, date) => {
      const root = at.get(id, date, date);
      return root === undefined ? undefined : JSON.parse(blob.get(root));
    },
    close: () => db.close(),
  };
}

/**
 * The naive store: one full JSON snapshot per version. Returns its size in bytes (file +
 * WAL after a checkpoint) and the sum of the JSON texts.
 */
export function naiveDatabase(path, versionsWithJson) {
  // Only its size is measured: no journal and no waiting for the disk (the file's pages are
  // the same as after a WAL checkpoint; writing each page once instead of WAL then file).
  const db = new Database(path);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.exec("CREATE TABLE versions (agreement_id TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, json TEXT NOT NULL, PRIMARY KEY (agreement_id, valid_from))");
  const insert = db.prepare("INSERT INTO versions VALUES (?, ?, ?, ?)");
  let jsonBytes = 0;
  let rows = 0;
  const tx = db.transaction((chunk) => {
    for (const [v, json] of chunk) insert.run(v.agreementId, v.from, v.to, json);
  });
  let chunk = [];
  for (const [v, json] of versionsWithJson) {
    jsonBytes += Buffer.byteLength(json);
    rows += 1;
    chunk.push([v, json]);
    if (chunk.length >= 2000) {
      tx(chunk);
      chunk = [];
    }
  }
  tx(chunk);
  db.close();
  return { bytes: databaseBytes(path), jsonBytes, rows };
}

/** The naive database read as the JSON-blob peer: one indexed row read, one JSON.parse. */
export function naiveReader(path) {
  const db = new Database(path, { readonly: true });
  const at = db.prepare("SELECT json FROM versions WHERE agreement_id = ? AND valid_from <= ? AND (valid_to IS NULL OR ? < valid_to) ORDER BY valid_from DESC LIMIT 1").pluck();
  return {
    documentAt: (id, date) => {
      const json = at.get(id, date, date);
      return json === undefined ? undefined : JSON.parse(json);
    },
    close: () => db.close(),
  };
}

/**
 * Raw inserts of the rows kyoyaku wrote: every table of `source` (events, sources, nodes,
 * projections …) into an empty copy of its schema without triggers, in ONE transaction with
 * the same pragmas. Rows are read in chunks outside the clock; only inserting and the commit
 * are timed.
 */
export function rawInserts(source, target) {
  const src = new Database(source, { readonly: true });
  const db = openLikeKyoyaku(target);
  const schema = src.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY type DESC").all();
  for (const s of schema) db.exec(s.sql);
  const tables = schema.filter((s) => s.type === "table").map((s) => s.name);
  let ms = 0;
  const rows = {};
  const timed = (f) => {
    const t = performance.now();
    f();
    ms += performance.now() - t;
  };
  timed(() => db.exec("BEGIN"));
  for (const table of tables) {
    const columns = src.prepare(`SELECT * FROM "${table}" LIMIT 0`).columns().map((c) => c.name);
    const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    const read = src.prepare(`SELECT rowid AS __rowid, * FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT 20000`).raw();
    let last = -Infinity;
    rows[table] = 0;
    for (;;) {
      const chunk = read.all(last);
      if (chunk.length === 0) break;
      last = chunk[chunk.length - 1][0];
      timed(() => {
        for (const r of chunk) insert.run(r.slice(1));
      });
      rows[table] += chunk.length;
    }
  }
  timed(() => db.exec("COMMIT"));
  src.close();
  db.close();
  return { seconds: ms / 1000, rows };
}

const git = (cwd, args, input) => {
  const r = spawnSync("git", args, { cwd, input, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

/**
 * The git peer, as laws-in-git projects keep statutes: one file per agreement, one commit
 * per version dated by its 適用日 (00:00 +0900), written with `git fast-import` in 適用日 order
 * across all agreements; a version that ends without a successor (廃止) deletes the file.
 * `versions` is [{ agreementId, from, to, text }] for the sample.
 */
export function gitPeer(dir, versions) {
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "-b", "main"]);
  const starts = new Set(versions.map((v) => `${v.agreementId}@${v.from}`));
  const changes = [];
  for (const v of versions) {
    changes.push({ date: v.from, file: `${v.agreementId}.json`, text: v.text });
    if (v.to !== null && !starts.has(`${v.agreementId}@${v.to}`)) changes.push({ date: v.to, file: `${v.agreementId}.json`, text: null });
  }
  changes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const parts = [];
  for (const c of changes) {
    const when = `${Date.parse(`${c.date}T00:00:00+09:00`) / 1000} +0900`;
    const message = `${c.file} ${c.date}`;
    parts.push(`commit refs/heads/main\nauthor bench <bench@example.invalid> ${when}\ncommitter bench <bench@example.invalid> ${when}\ndata ${Buffer.byteLength(message)}\n${message}\n`);
    if (c.text === null) parts.push(`D ${c.file}\n\n`);
    else parts.push(`M 100644 inline ${c.file}\ndata ${Buffer.byteLength(c.text)}\n${c.text}\n\n`);
  }
  const t = performance.now();
  git(dir, ["fast-import", "--quiet"], parts.join(""));
  const buildSeconds = (performance.now() - t) / 1000;
  git(dir, ["checkout", "-q", "main"]);
  return {
    commits: changes.length,
    buildSeconds,
    /** The text of the agreement's file as of the date, or undefined when there is none. */
    documentAt(id, date) {
      const file = `${id}.json`;
      const commit = git(dir, ["rev-list", "-1", `--before=${date} 23:59:59 +0900`, "HEAD", "--", file]).trim();
      if (commit === "") return undefined;
      const r = spawnSync("git", ["show", `${commit}:${file}`], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
      return r.status === 0 ? r.stdout : undefined; // deleted in that commit: not in force
    },
    bytes: () => dirBytes(join(dir, ".git")),
  };
}

function dirBytes(dir) {
  const r = spawnSync("du", ["-sb", dir], { encoding: "utf8" });
  return Number(r.stdout.split("\t")[0]);
}
