/**
 * The SQLite event store (better-sqlite3): one file, WAL, schema by numbered migrations.
 * See docs/storage.md for the schema, the pragmas and why. The jobs live in sqlite/:
 * migrations.ts (schema), open.ts (opening a file), rows.ts (rows and statements),
 * caches.ts, reads.ts, writes.ts and verify.ts; this class composes them.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { StoredEvent } from "../events/types.js";
import type { AgreementDocument } from "../model/document.js";
import type {
  AppendRequest, AppendResult, EventStore, Projector, PutDocumentResult, StoreStats, StoredAgreement, StoredVersion, VerifyReport,
} from "./types.js";
import { Connection, pragmas } from "./sqlite/open.js";
import type { SqliteStoreOptions } from "./sqlite/options.js";
import { SqliteReads } from "./sqlite/reads.js";
import { verifySqlite } from "./sqlite/verify.js";
import { SqliteWrites } from "./sqlite/writes.js";

export { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from "./sqlite/migrations.js";
export type { Migration } from "./sqlite/migrations.js";
export type { SqliteStoreOptions } from "./sqlite/options.js";

/**
 * The SQLite event store. `path` is a file (created when absent) or `:memory:`.
 *
 * @example
 * const store = new SqliteEventStore("kyoyaku.db");
 * store.version("okayama-wake"); // 0 on a new file
 * store.close();
 */
export class SqliteEventStore implements EventStore {
  readonly kind = "sqlite" as const;
  readonly path: string;
  /** Opened with `readonly: true`: every write throws `input.invalid`. */
  readonly readonly: boolean;
  readonly #conn: Connection;
  readonly #reads: SqliteReads;
  readonly #writes: SqliteWrites;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.readonly = options.readonly === true;
    this.#conn = new Connection(path, options);
    this.#reads = new SqliteReads(this.#conn);
    this.#writes = new SqliteWrites(this.#conn, this.#reads);
  }

  append(request: AppendRequest, project: Projector): AppendResult {
    return this.#writes.appendMany([request], project, false)[0]!;
  }

  appendMany(requests: readonly AppendRequest[], project: Projector): readonly AppendResult[] {
    return this.#writes.appendMany(requests, project, true);
  }

  read(agreementId: string): readonly StoredEvent[] {
    return this.#reads.read(agreementId);
  }

  version(agreementId: string): number {
    return this.#reads.version(agreementId);
  }

  agreementIds(): readonly string[] {
    return this.#reads.agreementIds();
  }

  findBySource(sha256: string): StoredEvent | undefined {
    return this.#reads.findBySource(sha256);
  }

  agreement(agreementId: string): StoredAgreement | undefined {
    return this.#reads.agreement(agreementId);
  }

  versions(agreementId: string): readonly StoredVersion[] {
    return this.#reads.versions(agreementId);
  }

  versionAt(agreementId: string, date: IsoDate): StoredVersion | undefined {
    return this.#reads.versionAt(agreementId, date);
  }

  versionsOn(date: IsoDate): readonly StoredVersion[] {
    return this.#reads.versionsOn(date);
  }

  /**
   * True when the projections must be rebuilt from events before they answer: a migration
   * changed their shape (schema 4). `openKyoyaku` rebuilds them when it opens the file.
   *
   * @example
   * if (store.projectionsStale()) store.rebuildProjections(projectAgreement);
   */
  projectionsStale(): boolean {
    return this.#reads.projectionsStale();
  }

  putDocument(document: AgreementDocument): PutDocumentResult {
    return this.#writes.putDocument(document);
  }

  load(root: string): AgreementDocument | undefined {
    return this.#reads.load(root);
  }

  rebuildProjections(project: Projector): void {
    this.#writes.rebuildProjections(project);
  }

  verify(project: Projector): VerifyReport {
    return verifySqlite(this.#conn, project);
  }

  /**
   * The connection's settings, as SQLite reports them.
   *
   * @example
   * new SqliteEventStore("k.db").pragmas().journalMode; // "wal"
   */
  pragmas(): { journalMode: string; synchronous: "OFF" | "NORMAL" | "FULL" | "EXTRA"; foreignKeys: boolean; busyTimeoutMs: number } {
    return pragmas(this.#conn.db);
  }

  stats(): StoreStats {
    const s = this.#conn.stmts;
    const c = (t: string): number => s.count(t).get()!.n;
    return {
      agreements: s.ids.all().length,
      events: c("events"),
      sources: c("sources"),
      nodes: c("nodes"),
      versions: c("versions"),
    };
  }

  close(): void {
    if (this.#conn.db.open) this.#conn.db.close();
  }
}
