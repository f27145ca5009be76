/**
 * The options of the SQLite store, apart from the modules that use better-sqlite3: this is the
 * part of the store's public types a consumer's compiler reads, and it must not need
 * @types/better-sqlite3 (TS7016 with skipLibCheck false).
 *
 * @module
 */

/** Options of {@link SqliteEventStore}. */
export interface SqliteStoreOptions {
  /**
   * `FULL` (default) syncs the WAL on every commit: a recorded event survives a power cut.
   * `NORMAL` is safe against corruption but may lose the last commits on power loss; use it
   * only for bulk loads you can repeat.
   */
  readonly synchronous?: "FULL" | "NORMAL";
  /** Milliseconds to wait for another writer's lock (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Apply migrations only up to this version (tests of the migration path). */
  readonly migrateTo?: number;
  /**
   * Open read-only (an auditor's copy, a file in a directory one cannot write): no
   * migrations, no pragmas that write; every write throws `input.invalid`. A file whose
   * schema is older than this code throws `store.schema` (open it writable once).
   */
  readonly readonly?: boolean;
  /**
   * The anchor file (store/anchor.ts) written after every commit and compared by `verify`:
   * default `<path>.anchor` for a file, none for `:memory:`; `false` for none; a string for
   * another file. A read-only open still compares with it.
   */
  readonly anchor?: boolean | string;
}
