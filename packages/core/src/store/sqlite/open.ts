/**
 * Opening a SQLite file as a kyoyaku database: the path checked, the pragmas set, the
 * schema checked and migrated, SQLite's errors named in kyoyaku's terms.
 *
 * @module
 */
import { statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { KyoyakuError } from "../../model/errors.js";
import { anchorPath } from "../anchor.js";
import { checkSchema, migrate, schemaError, SCHEMA_VERSION } from "./migrations.js";
import { prepareStatements, type Statements } from "./rows.js";
import type { SqliteStoreOptions } from "./options.js";

export type { SqliteStoreOptions } from "./options.js";


/**
 * SQLite's SQLITE_BUSY (another connection kept the write lock past busy_timeout) as a typed
 * error; any other error as it is. The transaction was rolled back: nothing was written.
 */
export function busyError(e: unknown, path: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_BUSY")) return e;
  return new KyoyakuError("store.busy", `データベース ${path} は使用中: 別のプロセスが待ち時間（busy timeout）を超えて書込みのロックを持ち続けた。何も書き込んでいない — もう一度実行すること`, [], { path });
}

export function openError(path: string, cause: string): KyoyakuError {
  return new KyoyakuError("input.invalid", `データベース ${path} を開けない: ${cause}`, [], { path });
}

/**
 * Name the usual causes of a failed open before SQLite gives its terse "unable to open
 * database file": a directory, a missing parent directory, a missing file when read-only.
 */
export function checkPath(path: string, readonly: boolean): void {
  if (typeof path !== "string" || path === "") throw openError(String(path), "SQLite のファイルのパスを指定すること");
  if (path === ":memory:" || path.startsWith("file:")) return;
  const stat = (p: string): Stats | undefined => {
    try {
      return statSync(p);
    } catch {
      return undefined; // ENOENT, ENOTDIR (a file on the way), EACCES: told below or by SQLite
    }
  };
  const st = stat(path);
  if (st?.isDirectory() === true) throw openError(path, "それはファイルではなくフォルダである");
  // /dev/null, a FIFO, a socket: SQLite would fail later with a raw I/O error (SQLITE_IOERR_FSYNC).
  if (st !== undefined && !st.isFile()) throw openError(path, "それは通常のファイルではない（/dev/null のようなデバイス、パイプ又はソケット）。データベースのファイルのパスを指定すること");
  if (st === undefined) {
    const dir = dirname(resolve(path));
    const parent = stat(dir);
    if (parent === undefined) throw openError(path, `そのフォルダ ${dir} がない`);
    if (!parent.isDirectory()) throw openError(path, `${dir} はフォルダではない`);
    if (readonly) throw openError(path, "ファイルがない（読取り専用で開くときは作らない）");
  }
}

/**
 * Open `path` as {@link SqliteStoreOptions} say: checked, set up and migrated, or a typed
 * error naming the file (nothing left open).
 *
 * @example
 * const db = openDatabase("kyoyaku.db", {}); // WAL, synchronous FULL, schema SCHEMA_VERSION
 */
export function openDatabase(path: string, options: SqliteStoreOptions): Database.Database {
  const readonly = options.readonly === true;
  checkPath(path, readonly);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    checkSchema(db, path, readonly, options.migrateTo ?? SCHEMA_VERSION);
    if (!readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
      // Freed space is zeroed (FAST: without extra I/O), so no stale copy of a row lingers in
      // the file: a page that splits or a root that grows a level keeps none of the cells it
      // moved. Small event rows (schema 8) share pages and move when they split.
      db.pragma("secure_delete = FAST");
    }
    db.pragma("foreign_keys = ON");
    if (!readonly) migrate(db, options.migrateTo ?? SCHEMA_VERSION);
  } catch (e) {
    db?.close();
    if (e instanceof KyoyakuError) throw e;
    const code = (e as { code?: string }).code;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") throw schemaError(path, "SQLite のデータベースではない（したがって kyoyaku のデータベースでもない）");
    if (typeof code === "string" && code.startsWith("SQLITE_CANTOPEN")) throw openError(path, `ファイルを開けない（${(e as Error).message}）`);
    if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) {
      throw openError(path, `ファイル又はそのフォルダに書き込めない（${(e as Error).message}）。読むだけなら読取り専用で開くこと`);
    }
    if (e instanceof TypeError) throw openError(path, e.message);
    throw e;
  }
  return db;
}

/**
 * The connection's settings, as SQLite reports them.
 *
 * @example
 * pragmas(db).journalMode; // "wal"
 */
export function pragmas(db: Database.Database): { journalMode: string; synchronous: "OFF" | "NORMAL" | "FULL" | "EXTRA"; foreignKeys: boolean; busyTimeoutMs: number } {
  const sync = db.pragma("synchronous", { simple: true }) as number;
  return {
    journalMode: db.pragma("journal_mode", { simple: true }) as string,
    synchronous: (["OFF", "NORMAL", "FULL", "EXTRA"] as const)[sync] ?? "OFF",
    foreignKeys: db.pragma("foreign_keys", { simple: true }) === 1,
    busyTimeoutMs: db.pragma("busy_timeout", { simple: true }) as number,
  };
}

/**
 * One open kyoyaku database and what every part of the store needs of it: the connection,
 * its statements (prepared on first use: a database opened with `migrateTo` below the
 * current schema lacks some tables), and how it was opened.
 */
export class Connection {
  readonly db: Database.Database;
  readonly path: string;
  /** Opened with `readonly: true`: every write throws `input.invalid`. */
  readonly readonly: boolean;
  /** The anchor file, if any (store/anchor.ts). */
  readonly anchor: string | undefined;
  /**
   * Event rows refer to their payload's nodes (schema 8 and later); a file kept at an older
   * schema (`migrateTo`) gets whole rows, as that schema wrote them.
   */
  readonly compact: boolean;
  #prepared: Statements | undefined;

  constructor(path: string, options: SqliteStoreOptions) {
    this.path = path;
    this.readonly = options.readonly === true;
    const file = path !== ":memory:" && typeof path === "string" && !path.startsWith("file:");
    this.anchor = typeof options.anchor === "string" ? options.anchor : options.anchor !== false && file ? anchorPath(resolve(path)) : undefined;
    this.db = openDatabase(path, options);
    this.compact = (this.db.pragma("user_version", { simple: true }) as number) >= 8;
  }

  get stmts(): Statements {
    this.#prepared ??= prepareStatements(this.db);
    return this.#prepared;
  }

  /** Refuse a write on a read-only store (nothing is attempted). */
  writable(): void {
    if (this.readonly) throw new KyoyakuError("input.invalid", `データベースを読取り専用で開いている: ${this.path}`, [], { path: this.path });
  }
}
