/**
 * The SQLite event store (better-sqlite3): one file, WAL, schema by numbered migrations.
 * See docs/storage.md for the schema, the pragmas and why.
 *
 * @module
 */
import { statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { IsoDate } from "../date/types.js";
import type { LegalEventInput, RecordPayload, StoredEvent } from "../events/types.js";
import { canonicalJson, deepFreeze } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";
import type { VerifyReport } from "../engine/types.js";
import { anchorPath, noteHeads, readAnchor } from "./anchor.js";
import { encodeLegalRow, expandLegal } from "./chain.js";
import { expandVersion, leanProjection, liveSourceEvent, planBatch, storedAgreement, type LeanAgreement, type LeanVersion } from "./common.js";
import { decodeDocument, encodeDocument, EventNodeError, nodeHash, NodeError, type EncodedNode, type NodeCache } from "./nodes.js";
import { verifyStore } from "./verify.js";
import type {
  AgreementProjection, AppendRequest, AppendResult, EventStore, Projector, PutDocumentResult, StoreStats, StoredAgreement,
  StoredVersion,
} from "./types.js";

/**
 * `PRAGMA application_id` of a kyoyaku database: "KYOY" in ASCII.
 *
 * @example
 * db.pragma("application_id", { simple: true }) === APPLICATION_ID; // a kyoyaku file
 */
export const APPLICATION_ID = 0x4b594f59;

/** One schema step. `version` is what `PRAGMA user_version` says after it ran. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const refuse = (table: string, action: "UPDATE" | "DELETE"): string =>
  `CREATE TRIGGER ${table}_refuse_${action.toLowerCase()} BEFORE ${action} ON ${table}
   BEGIN SELECT RAISE(ABORT, 'kyoyaku: ${table} are append-only (${action} refused)'); END;`;

/**
 * The schema, as numbered steps applied in order, each in its own transaction. Never edit
 * a released step: add a new one.
 *
 * @example
 * MIGRATIONS.map((m) => m.version); // [1, 2, 3, 4, 5, 6, 7, 8]
 *
 * Plain rowid tables throughout: rows here are large (documents, source texts, version
 * metadata), and WITHOUT ROWID tables store large rows poorly.
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    name: "events and sources (append-only, hash-chained)",
    sql: `
      CREATE TABLE sources (
        sha256 TEXT PRIMARY KEY,
        text   TEXT NOT NULL
      );
      CREATE TABLE events (
        agreement_id  TEXT    NOT NULL,
        seq           INTEGER NOT NULL CHECK (seq >= 1),
        kind          TEXT    NOT NULL,
        recorded_at   TEXT    NOT NULL,
        recorded_by   TEXT    NOT NULL,
        source_sha256 TEXT    REFERENCES sources (sha256),
        legal         TEXT,   -- LegalEventInput as canonical JSON, source text left out (in sources)
        record        TEXT,   -- RecordPayload as canonical JSON
        prev_hash     TEXT    NOT NULL,
        hash          TEXT    NOT NULL,
        PRIMARY KEY (agreement_id, seq)
      );
      CREATE UNIQUE INDEX events_by_source ON events (source_sha256) WHERE source_sha256 IS NOT NULL;
      ${refuse("events", "UPDATE")}
      ${refuse("events", "DELETE")}
      ${refuse("sources", "UPDATE")}
      ${refuse("sources", "DELETE")}
    `,
  },
  {
    version: 2,
    name: "content-addressed provision nodes",
    sql: `
      CREATE TABLE nodes (
        hash TEXT PRIMARY KEY, -- contentHash of the whole subtree
        kind TEXT NOT NULL,
        json TEXT NOT NULL     -- canonical JSON, children as hashes
      );
      ${refuse("nodes", "UPDATE")}
      ${refuse("nodes", "DELETE")}
    `,
  },
  {
    version: 3,
    name: "projections: agreement summaries and version intervals",
    sql: `
      CREATE TABLE agreements (
        agreement_id TEXT PRIMARY KEY,
        summary      TEXT NOT NULL
      );
      CREATE TABLE versions (
        agreement_id TEXT NOT NULL,
        valid_from   TEXT NOT NULL,
        valid_to     TEXT,          -- NULL: open-ended; the interval is [valid_from, valid_to)
        root         TEXT NOT NULL REFERENCES nodes (hash),
        meta         TEXT NOT NULL, -- {events, changedBy, flags} as canonical JSON
        PRIMARY KEY (agreement_id, valid_from),
        CHECK (valid_to IS NULL OR valid_from < valid_to)
      );
      CREATE INDEX versions_by_date ON versions (valid_from, valid_to);
    `,
  },
  {
    version: 4,
    name: "lean projections: events and flags once per agreement, version rows hold what a lookup needs",
    // The projections are derived data: drop the old shape and mark them for a rebuild from
    // events, which the engine runs when it opens the file (SqliteEventStore#projectionsStale).
    sql: `
      DROP TABLE versions;
      DROP TABLE agreements;
      CREATE TABLE agreements (
        agreement_id TEXT PRIMARY KEY,
        summary      TEXT NOT NULL, -- AgreementSummaryRow as canonical JSON
        applied      TEXT NOT NULL, -- EventRef[] behind the latest version, valid-time order (canonical JSON)
        missing      TEXT NOT NULL  -- per applied event, the parties without a 議決日 (canonical JSON)
      );
      CREATE TABLE versions (
        agreement_id TEXT    NOT NULL,
        valid_from   TEXT    NOT NULL,
        valid_to     TEXT,             -- NULL: open-ended; the interval is [valid_from, valid_to)
        root         TEXT    NOT NULL REFERENCES nodes (hash),
        events       INTEGER NOT NULL CHECK (events >= 0), -- stands on the first n of agreements.applied
        changed_by   TEXT    NOT NULL, -- seqs of the events that made it, e.g. '5' or '5,7'
        unknown      TEXT,             -- JSON list of unknown parts; NULL when fully known
        meta         TEXT,             -- only for a projector whose versions do not fit this shape
        PRIMARY KEY (agreement_id, valid_from),
        CHECK (valid_to IS NULL OR valid_from < valid_to)
      );
      CREATE INDEX versions_by_date ON versions (valid_from, valid_to);
      CREATE TABLE pending (task TEXT PRIMARY KEY);
      INSERT INTO pending (task) SELECT 'rebuild-projections' WHERE EXISTS (SELECT 1 FROM events);
    `,
  },
  {
    version: 5,
    name: "Merkle nodes: every object and list one node, keyed by the SHA-256 of its row",
    // Node keys were sha256 of a whole subtree's canonical JSON; now a node's key is the
    // SHA-256 of its own row (contentHash, model/canonical.ts). Nodes and version roots are
    // derived data: drop them (versions first: versions.root references nodes) and rebuild
    // from events when the engine opens the file, as migration 4 did.
    sql: `
      DROP TABLE versions;
      DROP TABLE nodes;
      DELETE FROM agreements;
      CREATE TABLE nodes (
        hash TEXT PRIMARY KEY, -- contentHash of the node = sha256(json)
        kind TEXT NOT NULL,    -- document, article, paragraph, appendix, section, appendixItem, supplementary, value
        json TEXT NOT NULL     -- contentEncoding: canonical JSON one level deep, children as {"#":hash}
      );
      ${refuse("nodes", "UPDATE")}
      ${refuse("nodes", "DELETE")}
      CREATE TABLE versions (
        agreement_id TEXT    NOT NULL,
        valid_from   TEXT    NOT NULL,
        valid_to     TEXT,             -- NULL: open-ended; the interval is [valid_from, valid_to)
        root         TEXT    NOT NULL REFERENCES nodes (hash),
        events       INTEGER NOT NULL CHECK (events >= 0), -- stands on the first n of agreements.applied
        changed_by   TEXT    NOT NULL, -- seqs of the events that made it, e.g. '5' or '5,7'
        unknown      TEXT,             -- JSON list of unknown parts; NULL when fully known
        meta         TEXT,             -- only for a projector whose versions do not fit this shape
        PRIMARY KEY (agreement_id, valid_from),
        CHECK (valid_to IS NULL OR valid_from < valid_to)
      );
      CREATE INDEX versions_by_date ON versions (valid_from, valid_to);
      INSERT OR IGNORE INTO pending (task) SELECT 'rebuild-projections' WHERE EXISTS (SELECT 1 FROM events);
    `,
  },
  {
    version: 6,
    name: "a source may be recorded again once its events are retracted",
    // The unique index made a retracted source (e.g. recorded into the wrong agreement)
    // impossible to record again. Duplicates are now refused by the store's append, which
    // skips retracted events; the index stays for the lookup.
    sql: `
      DROP INDEX events_by_source;
      CREATE INDEX events_by_source ON events (source_sha256) WHERE source_sha256 IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: "a node row per provision: the values between provisions inline",
    // Schema 5 stored every object and list of a document as a row of its own; now a row
    // holds a provision (document, 条, 別表, section, 取組, 附則) with its lists, 項, fields
    // and other values inline, the next provisions as {"#":hash} references (store/nodes.ts).
    // Keys and version roots are the same content hashes, but the rows differ: derived data,
    // dropped and rebuilt from events when the engine opens the file, as migration 5 did.
    sql: `
      DROP TABLE versions;
      DROP TABLE nodes;
      DELETE FROM agreements;
      CREATE TABLE nodes (
        hash TEXT PRIMARY KEY, -- contentHash of the provision
        kind TEXT NOT NULL,    -- document, article, appendix, section, appendixItem, supplementary
        json TEXT NOT NULL     -- canonical JSON, values inline down to the next provisions, those as {"#":hash}
      );
      ${refuse("nodes", "UPDATE")}
      ${refuse("nodes", "DELETE")}
      CREATE TABLE versions (
        agreement_id TEXT    NOT NULL,
        valid_from   TEXT    NOT NULL,
        valid_to     TEXT,             -- NULL: open-ended; the interval is [valid_from, valid_to)
        root         TEXT    NOT NULL REFERENCES nodes (hash),
        events       INTEGER NOT NULL CHECK (events >= 0), -- stands on the first n of agreements.applied
        changed_by   TEXT    NOT NULL, -- seqs of the events that made it, e.g. '5' or '5,7'
        unknown      TEXT,             -- JSON list of unknown parts; NULL when fully known
        meta         TEXT,             -- only for a projector whose versions do not fit this shape
        PRIMARY KEY (agreement_id, valid_from),
        CHECK (valid_to IS NULL OR valid_from < valid_to)
      );
      CREATE INDEX versions_by_date ON versions (valid_from, valid_to);
      INSERT OR IGNORE INTO pending (task) SELECT 'rebuild-projections' WHERE EXISTS (SELECT 1 FROM events);
    `,
  },
  {
    version: 8,
    name: "event rows refer to the nodes of their payload",
    // From this schema on, an event row's legal JSON writes each document or provision of its
    // payload that the node store holds (a 締結's document, a replaced 取組 or 別表 …) as
    // {"#":hash}, and its rows are written to nodes with the event (encodeLegalRow,
    // store/chain.ts); reading puts them back, and the event hash, over the whole event, is
    // unchanged. Node rows write their references in base64url (43 characters, not 64 hex
    // digits; store/nodes.ts). Rows written before stay as they are and read as before, so
    // nothing is rewritten; the step marks the file so an older kyoyaku, which reads neither
    // form, refuses it. Nodes are no longer derived data only: no later step may drop them.
    sql: `
      -- no table changes shape: see above
    `,
  },
]);

/**
 * The schema version this code writes.
 *
 * @example
 * new SqliteEventStore(path).close(); // the file now has user_version === SCHEMA_VERSION
 */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

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

interface EventRow {
  agreement_id: string;
  seq: number;
  kind: string;
  recorded_at: string;
  recorded_by: string;
  source_sha256: string | null;
  legal: string | null;
  record: string | null;
  prev_hash: string;
  hash: string;
  source_text: string | null;
}

interface VersionRow {
  agreement_id: string;
  valid_from: string;
  valid_to: string | null;
  root: string;
  events: number;
  changed_by: string;
  unknown: string | null;
  meta: string | null;
}

/** A version row as `versionLast` reads it: valid_from, valid_to, root, events, changed_by, unknown, meta. */
type VersionTuple = [string, string | null, string, number, string, string | null, string | null];

interface AgreementRow {
  summary: string;
  applied: string;
  missing: string;
}

const EVENT_COLUMNS = `e.agreement_id, e.seq, e.kind, e.recorded_at, e.recorded_by, e.source_sha256, e.legal, e.record, e.prev_hash, e.hash, s.text AS source_text`;

/**
 * An event from its row. `node(hash)` reads a node the row refers to (schema 8 writes the
 * documents and provisions of a payload as references, `encodeLegalRow` in store/chain.ts);
 * one that cannot be read throws {@link EventNodeError} naming the event.
 */
function toEvent(row: EventRow, node: (hash: string) => unknown): StoredEvent {
  let legal: LegalEventInput | undefined;
  if (row.legal !== null) {
    let parsed = JSON.parse(row.legal) as LegalEventInput & { source?: { name: string; sha256?: string } };
    try {
      parsed = expandLegal(parsed, node);
    } catch (e) {
      if (e instanceof NodeError) throw new EventNodeError(row.agreement_id, row.seq, e);
      throw e;
    }
    // Schema 8 rows leave the source's SHA-256 to the source_sha256 column.
    const source = parsed.source;
    legal = source !== undefined
      ? { ...parsed, source: { ...source, sha256: source.sha256 ?? row.source_sha256 ?? (undefined as unknown as string), text: row.source_text ?? (undefined as unknown as string) } }
      : parsed;
  }
  const event = {
    agreementId: row.agreement_id,
    seq: row.seq,
    kind: row.kind,
    ...(legal !== undefined ? { legal } : {}),
    ...(row.record !== null ? { record: JSON.parse(row.record) as RecordPayload } : {}),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    prevHash: row.prev_hash,
    hash: row.hash,
  } as StoredEvent;
  return deepFreeze(event);
}

/** The characters of an event's stored row: what the event cache counts (EVENT_CACHE_CHARS). */
function rowChars(legal: string | null, sourceText: string | null, record: string | null): number {
  return 200 + (legal?.length ?? 0) + (sourceText?.length ?? 0) + (record?.length ?? 0);
}

function toLeanVersion(row: VersionRow): LeanVersion {
  return {
    interval: { from: row.valid_from, to: row.valid_to },
    root: row.root,
    events: row.events,
    changedBy: row.changed_by === "" ? [] : row.changed_by.split(",").map(Number),
    unknown: row.unknown === null ? [] : (JSON.parse(row.unknown) as string[]),
    ...(row.meta !== null ? { meta: JSON.parse(row.meta) as NonNullable<LeanVersion["meta"]> } : {}),
  };
}

function toLeanAgreement(row: AgreementRow): LeanAgreement {
  return deepFreeze({
    summary: JSON.parse(row.summary) as LeanAgreement["summary"],
    applied: JSON.parse(row.applied) as LeanAgreement["applied"],
    missing: JSON.parse(row.missing) as LeanAgreement["missing"],
  });
}

/** The column values of a lean version row; equal values mean an unchanged row. */
function versionColumns(v: LeanVersion): [string | null, string, number, string, string | null, string | null] {
  return [
    v.interval.to,
    v.root,
    v.events,
    v.changedBy.join(","),
    v.unknown.length === 0 ? null : canonicalJson(v.unknown),
    v.meta === undefined ? null : canonicalJson(v.meta),
  ];
}

/**
 * Committed node hashes a store remembers (about 130 bytes each), so writing a version
 * skips the table lookup for nodes it has just written; older ones are looked up.
 */
const KNOWN_NODES = 100_000;

/**
 * How much event data a store keeps parsed, counted as the characters of the stored rows
 * (payload JSON, source text): the write path re-reads the agreements it appends to, and the
 * engine's step memos live as long as those events do; a long import must not keep every
 * agreement it ever touched, and agreements differ in size by far more than their count says.
 * Parsed and frozen, the events take a few times this in memory.
 */
const EVENT_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * What a batch leaves of the agreements it did not touch (characters, as EVENT_CACHE_CHARS):
 * an import going agreement after agreement keeps only its current ones, one that goes
 * round the same agreements keeps them all.
 */
const EVENT_CACHE_IDLE_CHARS = 2 * 1024 * 1024;

/** Most hashes in one batch read of nodes (a level of a document is usually fewer). */
const NODE_BATCH = 64;

/** Expanded version rows a store keeps (see SqliteEventStore#expanded; well under 1 KB each). */
const EXPANDED_VERSIONS = 32_768;

/** Parsed agreement rows a store keeps (inForce over every agreement reads them all). */
const AGREEMENT_CACHE_SIZE = 20_000;

/** Decoded nodes kept by a store (a document of seed size is about 110 nodes, mostly shared). */
const NODE_CACHE_SIZE = 20_000;

/**
 * A cache of decoded nodes that keeps the recently used ones: two generations, each up to
 * half the limit. A hit in the young one is a plain lookup (a least-recently-used list would
 * move the entry on every hit, and a load hits many nodes); a hit in the old one moves the
 * entry to the young; when the young is full it becomes the old and the old is dropped.
 */
function lruCache(limit: number): NodeCache {
  const half = Math.max(1, limit >> 1);
  let young = new Map<string, unknown>();
  let old = new Map<string, unknown>();
  const put = (hash: string, value: unknown): void => {
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(hash, value);
  };
  return {
    get(hash) {
      const v = young.get(hash);
      if (v !== undefined) return v;
      const w = old.get(hash);
      if (w !== undefined) put(hash, w);
      return w;
    },
    set: put,
  };
}

function schemaError(path: string, message: string): KyoyakuError {
  return new KyoyakuError("store.schema", `${path}: ${message}`, [], { path });
}

/**
 * SQLite's SQLITE_BUSY (another connection kept the write lock past busy_timeout) as a typed
 * error; any other error as it is. The transaction was rolled back: nothing was written.
 */
function busyError(e: unknown, path: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_BUSY")) return e;
  return new KyoyakuError("store.busy", `the database ${path} is busy: another process kept its write lock longer than the busy timeout; nothing was written — try again`, [], { path });
}

function openError(path: string, cause: string): KyoyakuError {
  return new KyoyakuError("input.invalid", `cannot open the database ${path}: ${cause}`, [], { path });
}

/**
 * Name the usual causes of a failed open before SQLite gives its terse "unable to open
 * database file": a directory, a missing parent directory, a missing file when read-only.
 */
function checkPath(path: string, readonly: boolean): void {
  if (typeof path !== "string" || path === "") throw openError(String(path), "give the path of a SQLite file");
  if (path === ":memory:" || path.startsWith("file:")) return;
  const stat = (p: string): Stats | undefined => {
    try {
      return statSync(p);
    } catch {
      return undefined; // ENOENT, ENOTDIR (a file on the way), EACCES: told below or by SQLite
    }
  };
  const st = stat(path);
  if (st?.isDirectory() === true) throw openError(path, "it is a directory, not a file");
  // /dev/null, a FIFO, a socket: SQLite would fail later with a raw I/O error (SQLITE_IOERR_FSYNC).
  if (st !== undefined && !st.isFile()) throw openError(path, "it is not a regular file (a device such as /dev/null, a pipe or a socket): give the path of a database file");
  if (st === undefined) {
    const dir = dirname(resolve(path));
    const parent = stat(dir);
    if (parent === undefined) throw openError(path, `its directory ${dir} does not exist`);
    if (!parent.isDirectory()) throw openError(path, `${dir} is not a directory`);
    if (readonly) throw openError(path, "the file does not exist (a read-only open does not create it)");
  }
}

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
  readonly #db: Database.Database;
  #prepared: ReturnType<SqliteEventStore["prepare"]> | undefined;
  /**
   * Node hashes known to be committed (content-addressed: never removed), the last
   * KNOWN_NODES of them: a hash not here is looked up in the table.
   */
  readonly #knownNodes = new Set<string>();
  /**
   * Events of the agreements used most recently (least recent first), up to
   * EVENT_CACHE_CHARS of stored rows in all (`chars`), each valid while the stream's last
   * (seq, hash) is unchanged.
   */
  readonly #eventCache = new Map<string, { readonly events: readonly StoredEvent[]; readonly chars: number }>();
  #eventCacheChars = 0;
  /**
   * Decoded nodes by hash (content-addressed, so always valid); an LRU of frozen subtrees.
   * Versions share most nodes, so loading one after another reads only the nodes that differ.
   */
  readonly #nodeCache = lruCache(NODE_CACHE_SIZE);
  /** `SELECT … WHERE hash IN (?, …)` statements by their number of hashes. */
  readonly #nodeStatements = new Map<number, Database.Statement<string[], { hash: string; kind: string; json: string }>>();
  /**
   * Parsed agreement rows of the projection, the last AGREEMENT_CACHE_SIZE parsed (first
   * in, first out: a hit costs one Map lookup). Valid while no other connection has
   * committed (`PRAGMA data_version` unchanged); this connection's writes drop their rows.
   */
  readonly #agreementCache = new Map<string, LeanAgreement>();
  #dataVersion = -1;
  /**
   * Versions expanded from their rows (events sliced, flags derived), the last
   * EXPANDED_VERSIONS expanded, by agreement and valid_from; an entry holds while its
   * agreement row (the cached object) is the same, so a repeated lookup is one query.
   */
  readonly #expanded = new Map<string, { lean: LeanAgreement; version: StoredVersion }>();
  /** Every version of an agreement, by its cached agreement row (dropped with it). */
  readonly #versionLists = new WeakMap<LeanAgreement, readonly StoredVersion[]>();
  /** The anchor file, if any (store/anchor.ts). */
  readonly #anchor: string | undefined;
  /**
   * Event rows refer to their payload's nodes (schema 8 and later); a file kept at an older
   * schema (`migrateTo`) gets whole rows, as that schema wrote them.
   */
  readonly #compact: boolean;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.path = path;
    this.readonly = options.readonly === true;
    const file = path !== ":memory:" && typeof path === "string" && !path.startsWith("file:");
    this.#anchor = typeof options.anchor === "string" ? options.anchor : options.anchor !== false && file ? anchorPath(resolve(path)) : undefined;
    checkPath(path, this.readonly);
    let db: Database.Database | undefined;
    try {
      db = new Database(path, this.readonly ? { readonly: true, fileMustExist: true } : {});
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
      this.#checkSchema(db, options.migrateTo ?? SCHEMA_VERSION);
      if (!this.readonly) {
        db.pragma("journal_mode = WAL");
        db.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
        // Freed space is zeroed (FAST: without extra I/O), so no stale copy of a row lingers in
        // the file: a page that splits or a root that grows a level keeps none of the cells it
        // moved. Small event rows (schema 8) share pages and move when they split.
        db.pragma("secure_delete = FAST");
      }
      db.pragma("foreign_keys = ON");
      if (!this.readonly) migrate(db, options.migrateTo ?? SCHEMA_VERSION);
    } catch (e) {
      db?.close();
      if (e instanceof KyoyakuError) throw e;
      const code = (e as { code?: string }).code;
      if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") throw schemaError(path, "not a SQLite database (and so not a kyoyaku database)");
      if (typeof code === "string" && code.startsWith("SQLITE_CANTOPEN")) throw openError(path, `cannot open the file (${(e as Error).message})`);
      if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) {
        throw openError(path, `the file or its directory is not writable (${(e as Error).message}); to read it, open it read-only`);
      }
      if (e instanceof TypeError) throw openError(path, e.message);
      throw e;
    }
    this.#db = db;
    this.#compact = (db.pragma("user_version", { simple: true }) as number) >= 8;
  }

  /** Refuse a write on a read-only store (nothing is attempted). */
  #writable(): void {
    if (this.readonly) throw new KyoyakuError("input.invalid", `database opened read-only: ${this.path}`, [], { path: this.path });
  }

  // Prepared on first use: a database opened with `migrateTo` below the current schema
  // lacks some tables.
  get #stmts(): ReturnType<SqliteEventStore["prepare"]> {
    this.#prepared ??= this.prepare();
    return this.#prepared;
  }

  #checkSchema(db: Database.Database, target: number): void {
    const appId = db.pragma("application_id", { simple: true }) as number;
    const userVersion = db.pragma("user_version", { simple: true }) as number;
    const objects = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n;
    if (appId === 0 && userVersion === 0) {
      if (this.readonly) throw schemaError(this.path, objects > 0 ? "not a kyoyaku database (it has tables of another application)" : "not a kyoyaku database (it is empty)");
      if (objects > 0) throw schemaError(this.path, "not a kyoyaku database (it has tables of another application)");
      return;
    }
    if (appId !== APPLICATION_ID) throw schemaError(this.path, `not a kyoyaku database (application_id ${appId})`);
    // kyoyaku's application_id on another program's tables: a raw "no such table" later otherwise.
    const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
    if (userVersion === 0 ? objects > 0 : !hasEvents) {
      throw schemaError(this.path, "not a kyoyaku database: it carries kyoyaku's application_id but not its tables (no table events) — another program's file, or a damaged one; restore the database from a backup");
    }
    if (userVersion > SCHEMA_VERSION) {
      throw schemaError(this.path, `created by a newer kyoyaku (schema version ${userVersion}; this version reads up to ${SCHEMA_VERSION}): upgrade kyoyaku`);
    }
    if (userVersion > target) throw schemaError(this.path, `schema version ${userVersion} is past the requested ${target}`);
    if (this.readonly && userVersion < target) {
      throw schemaError(this.path, `schema version ${userVersion} needs migrating to ${target}, which a read-only open cannot do: open it writable once (with a kyoyaku of this version), then read-only`);
    }
  }

  private prepare() {
    const db = this.#db;
    return {
      last: db.prepare<[string], { seq: number; hash: string }>("SELECT seq, hash FROM events WHERE agreement_id = ? ORDER BY seq DESC LIMIT 1"),
      events: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN sources s ON s.sha256 = e.source_sha256 WHERE e.agreement_id = ? ORDER BY e.seq`),
      bySource: db.prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN sources s ON s.sha256 = e.source_sha256 WHERE e.source_sha256 = ? ORDER BY e.rowid`,
      ),
      hasSource: db.prepare<[string], { one: number }>("SELECT 1 AS one FROM events WHERE source_sha256 = ? LIMIT 1"),
      ids: db.prepare<[], { agreement_id: string }>("SELECT DISTINCT agreement_id FROM events ORDER BY agreement_id"),
      allIds: db.prepare<[], { agreement_id: string }>(
        "SELECT agreement_id FROM events UNION SELECT agreement_id FROM versions UNION SELECT agreement_id FROM agreements ORDER BY agreement_id",
      ),
      insertSource: db.prepare("INSERT OR IGNORE INTO sources (sha256, text) VALUES (?, ?)"),
      insertEvent: db.prepare(
        "INSERT INTO events (agreement_id, seq, kind, recorded_at, recorded_by, source_sha256, legal, record, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      hasNode: db.prepare<[string], { one: number }>("SELECT 1 AS one FROM nodes WHERE hash = ?"),
      node: db.prepare<[string], { kind: string; json: string }>("SELECT kind, json FROM nodes WHERE hash = ?"),
      // Many nodes by hash, `n` at a time (prepared once per n): a level of a document.
      nodes: (n: number) => db.prepare<string[], { hash: string; kind: string; json: string }>(`SELECT hash, kind, json FROM nodes WHERE hash IN (${"?,".repeat(n - 1)}?)`),
      insertNode: db.prepare("INSERT OR IGNORE INTO nodes (hash, kind, json) VALUES (?, ?, ?)"),
      deleteVersion: db.prepare("DELETE FROM versions WHERE agreement_id = ? AND valid_from = ?"),
      insertVersion: db.prepare(
        "INSERT INTO versions (agreement_id, valid_from, valid_to, root, events, changed_by, unknown, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      agreement: db.prepare<[string], AgreementRow>("SELECT summary, applied, missing FROM agreements WHERE agreement_id = ?"),
      upsertLean: db.prepare(
        `INSERT INTO agreements (agreement_id, summary, applied, missing) VALUES (?, ?, ?, ?)
         ON CONFLICT (agreement_id) DO UPDATE SET summary = excluded.summary, applied = excluded.applied, missing = excluded.missing`,
      ),
      dataVersion: db.prepare<[], number>("PRAGMA data_version").pluck(),
      pending: db.prepare<[], { task: string }>("SELECT task FROM pending WHERE task = 'rebuild-projections'"),
      donePending: db.prepare("DELETE FROM pending WHERE task = 'rebuild-projections'"),
      versions: db.prepare<[string], VersionRow>("SELECT * FROM versions WHERE agreement_id = ? ORDER BY valid_from"),
      // Half-open as-of lookup: the primary key (agreement_id, valid_from) finds the last
      // version starting on or before the date, one descent (the caller checks valid_to). Raw
      // rows (arrays): building an object per row costs about as much as the lookup.
      versionLast: db.prepare<[string, string], VersionTuple>(
        "SELECT valid_from, valid_to, root, events, changed_by, unknown, meta FROM versions WHERE agreement_id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1",
      ).raw(true),
      versionsOn: db.prepare<[string, string], VersionRow>(
        "SELECT * FROM versions WHERE valid_from <= ? AND (valid_to IS NULL OR ? < valid_to) ORDER BY agreement_id",
      ),
      count: (table: string) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`),
    };
  }

  append(request: AppendRequest, project: Projector): AppendResult {
    return this.#appendMany([request], project, false)[0]!;
  }

  appendMany(requests: readonly AppendRequest[], project: Projector): readonly AppendResult[] {
    return this.#appendMany(requests, project, true);
  }

  #appendMany(requests: readonly AppendRequest[], project: Projector, indexed: boolean): readonly AppendResult[] {
    this.#writable();
    if (requests.length === 0) return [];
    const s = this.#stmts;
    const batchNodes = new Set<string>();
    let streams: ReadonlyMap<string, readonly StoredEvent[]> = new Map();
    /** Characters of the stored rows of each stream (see EVENT_CACHE_CHARS). */
    const chars = new Map<string, number>();
    const run = this.#db.transaction((): readonly AppendResult[] => {
      const plan = planBatch(requests, {
        stream: (id) => {
          const events = this.#readCached(id, s.last.get(id));
          chars.set(id, this.#eventCache.get(id)?.chars ?? 0);
          return events;
        },
        bySource: (sha) => (s.hasSource.get(sha) === undefined ? [] : s.bySource.all(sha).map(this.#toEvent)),
        keepLegalJson: true,
      }, indexed);
      for (const e of plan.sealed) {
        const source = e.legal?.source;
        if (source !== undefined) s.insertSource.run(source.sha256, source.text);
        const row = encodeLegalRow(e, (h) => batchNodes.has(h) || this.#hasNode(h), this.#compact);
        if (row !== undefined) this.#putNodes(row.nodes, batchNodes);
        const legal = row?.json ?? null;
        const record = e.record === undefined ? null : canonicalJson(e.record);
        s.insertEvent.run(e.agreementId, e.seq, e.kind, e.recordedAt, e.recordedBy, source?.sha256 ?? null, legal, record, e.prevHash, e.hash);
        chars.set(e.agreementId, (chars.get(e.agreementId) ?? 0) + rowChars(legal, source?.text ?? null, record));
      }
      // Each agreement projected once, after all its events of the batch.
      for (const [id, stream] of plan.streams) this.#writeProjection(id, project(id, stream), batchNodes);
      streams = plan.streams;
      return plan.results;
    });
    try {
      // IMMEDIATE: take the write lock before reading the streams' versions, so two writers
      // cannot both read version n and race (the second waits, then sees n + 1).
      this.#syncCaches();
      const results = run.immediate();
      // Committed: only now do the caches learn what was written.
      for (const h of batchNodes) this.#knowNode(h);
      for (const [id, stream] of streams) this.#cacheEvents(id, stream, chars.get(id) ?? 0);
      if (requests.length > 1) this.#trimEvents(streams);
      this.#noteAnchor(streams);
      // The agreement rows changed: a read parses them again (a bulk import reads none).
      for (const id of streams.keys()) this.#agreementCache.delete(id);
      return results;
    } catch (e) {
      for (const r of requests) {
        this.#uncacheEvents(r?.agreementId);
        this.#agreementCache.delete(r?.agreementId);
      }
      throw busyError(e, this.path);
    }
  }

  /** After a commit (never before, so it never runs ahead): advance the anchor to the new heads. */
  #noteAnchor(streams: ReadonlyMap<string, readonly StoredEvent[]>): void {
    if (this.#anchor === undefined || streams.size === 0) return;
    const heads = [...streams.values()].flatMap((events) => {
      const head = events[events.length - 1];
      return head === undefined ? [] : [{ agreementId: head.agreementId, seq: head.seq, hash: head.hash }];
    });
    noteHeads(this.#anchor, heads, (id, seq) => streams.get(id)?.[seq - 1]?.hash ?? this.read(id)[seq - 1]?.hash);
  }

  /** Write the projection of one agreement: new nodes, changed version rows, the agreement row. */
  #writeProjection(agreementId: string, projection: AgreementProjection, batchNodes: Set<string>): void {
    const s = this.#stmts;
    const has = (h: string): boolean => batchNodes.has(h) || this.#hasNode(h);
    for (const v of projection.versions) {
      // A stored root means its whole tree is stored (content addressing): nothing to encode.
      if (!has(v.root)) this.#putNodes(encodeDocument(v.document, has), batchNodes);
    }
    const lean = leanProjection(projection);
    // Write only the rows that changed: most appends add or end one version and leave the
    // earlier ones as they were.
    const stale = new Map(s.versions.all(agreementId).map((r) => [r.valid_from, r]));
    for (const v of lean.versions) {
      const cols = versionColumns(v);
      const old = stale.get(v.interval.from);
      stale.delete(v.interval.from);
      if (old !== undefined && old.valid_to === cols[0] && old.root === cols[1] && old.events === cols[2] && old.changed_by === cols[3]
        && old.unknown === cols[4] && old.meta === cols[5]) continue;
      if (old !== undefined) s.deleteVersion.run(agreementId, v.interval.from);
      s.insertVersion.run(agreementId, v.interval.from, ...cols);
    }
    for (const from of stale.keys()) s.deleteVersion.run(agreementId, from);
    s.upsertLean.run(agreementId, canonicalJson(lean.agreement.summary), canonicalJson(lean.agreement.applied), canonicalJson(lean.agreement.missing));
  }

  #hasNode(hash: string): boolean {
    return this.#knownNodes.has(hash) || this.#stmts.hasNode.get(hash) !== undefined;
  }

  #putNodes(nodes: readonly EncodedNode[], written: Set<string>): number {
    let added = 0;
    for (const n of nodes) {
      added += this.#stmts.insertNode.run(n.hash, n.kind, n.json).changes;
      written.add(n.hash);
    }
    return added;
  }

  /** Remember a committed node hash; the oldest are forgotten past KNOWN_NODES (the table still has them). */
  #knowNode(hash: string): void {
    if (this.#knownNodes.has(hash)) return;
    this.#knownNodes.add(hash);
    if (this.#knownNodes.size > KNOWN_NODES) this.#knownNodes.delete(this.#knownNodes.values().next().value!);
  }

  /**
   * Cache the events of an agreement (`chars`: the characters of their stored rows), now the
   * most recently used; past EVENT_CACHE_CHARS the least recently used go (the last one stays).
   */
  #cacheEvents(agreementId: string, events: readonly StoredEvent[], chars: number): void {
    this.#uncacheEvents(agreementId);
    this.#eventCache.set(agreementId, { events, chars });
    this.#eventCacheChars += chars;
    while (this.#eventCacheChars > EVENT_CACHE_CHARS && this.#eventCache.size > 1) this.#uncacheEvents(this.#eventCache.keys().next().value!);
  }

  /** After a batch: of the agreements it did not touch, keep the most recent EVENT_CACHE_IDLE_CHARS. */
  #trimEvents(touched: ReadonlyMap<string, unknown>): void {
    let idle = this.#eventCacheChars;
    for (const id of touched.keys()) idle -= this.#eventCache.get(id)?.chars ?? 0;
    // Least recent first; the touched ones were just made the most recent.
    for (const [id, { chars }] of this.#eventCache) {
      if (idle <= EVENT_CACHE_IDLE_CHARS || touched.has(id)) break;
      this.#uncacheEvents(id);
      idle -= chars;
    }
  }

  #uncacheEvents(agreementId: string | undefined): void {
    const cached = agreementId === undefined ? undefined : this.#eventCache.get(agreementId);
    if (cached === undefined) return;
    this.#eventCache.delete(agreementId!);
    this.#eventCacheChars -= cached.chars;
  }

  #readCached(agreementId: string, last: { seq: number; hash: string } | undefined): readonly StoredEvent[] {
    const hit = this.#eventCache.get(agreementId);
    const cached = hit?.events;
    const top = cached?.[cached.length - 1];
    if (hit !== undefined && cached !== undefined && ((last === undefined && cached.length === 0) || (top !== undefined && top.seq === last?.seq && top.hash === last.hash))) {
      this.#cacheEvents(agreementId, cached, hit.chars);
      return cached;
    }
    const rows = this.#stmts.events.all(agreementId);
    // toEvent freezes each event whole: freezing the list is enough.
    const events = Object.freeze(rows.map(this.#toEvent));
    this.#cacheEvents(agreementId, events, rows.reduce((n, r) => n + rowChars(r.legal, r.source_text, r.record), 0));
    return events;
  }

  read(agreementId: string): readonly StoredEvent[] {
    return this.#readCached(agreementId, this.#stmts.last.get(agreementId));
  }

  version(agreementId: string): number {
    return this.#stmts.last.get(agreementId)?.seq ?? 0;
  }

  agreementIds(): readonly string[] {
    return this.#stmts.ids.all().map((r) => r.agreement_id);
  }

  findBySource(sha256: string): StoredEvent | undefined {
    // Most sources were never recorded: one indexed lookup says so, without a transaction.
    if (this.#stmts.hasSource.get(sha256) === undefined) return undefined;
    return this.#readProjection(() => {
      const all = this.#stmts.bySource.all(sha256).map(this.#toEvent);
      return liveSourceEvent(all, (id) => this.read(id)) ?? all[all.length - 1];
    });
  }

  /** Forget cached projection rows when another connection has committed since we last looked. */
  #syncCaches(): void {
    const v = this.#stmts.dataVersion.get()!;
    if (v !== this.#dataVersion) {
      this.#agreementCache.clear();
      this.#dataVersion = v;
    }
  }

  /** The parsed agreement row (cached); call inside a read transaction after #syncCaches. */
  #lean(agreementId: string): LeanAgreement | undefined {
    const cached = this.#agreementCache.get(agreementId);
    if (cached !== undefined) return cached;
    const row = this.#stmts.agreement.get(agreementId);
    if (row === undefined) return undefined;
    const lean = toLeanAgreement(row);
    this.#agreementCache.set(agreementId, lean);
    if (this.#agreementCache.size > AGREEMENT_CACHE_SIZE) this.#agreementCache.delete(this.#agreementCache.keys().next().value!);
    return lean;
  }

  /**
   * Read projection rows as {@link #readProjection} does, without a transaction of our own
   * when none is open: each statement is atomic, and `PRAGMA data_version` read after says
   * whether another connection committed since this one last looked — only then is `f` run
   * again in one read transaction. BEGIN and COMMIT cost more than the lookup they wrap.
   */
  #readQuick<T>(f: () => T): T {
    if (this.#db.inTransaction) return this.#readProjection(f);
    // `data_version` read once, after: unchanged since this connection last read it (when its
    // caches were last known good), no other connection committed in between, so the caches
    // and what `f` read are one state. Otherwise read again in a transaction, caches synced.
    let out: T;
    try {
      out = f();
    } catch (e) {
      if (this.#stmts.dataVersion.get() === this.#dataVersion) throw e;
      return this.#readProjection(f);
    }
    return this.#stmts.dataVersion.get() === this.#dataVersion ? out : this.#readProjection(f);
  }

  /** Read projection rows in one read transaction (one consistent snapshot). */
  #readProjection<T>(f: () => T): T {
    return this.#db.transaction(() => {
      this.#syncCaches();
      return f();
    }).deferred();
  }

  #expand(row: VersionRow): StoredVersion {
    const lean = this.#lean(row.agreement_id);
    if (lean === undefined) {
      throw new KyoyakuError("store.integrity", `the version row of ${row.agreement_id} from ${row.valid_from} has no agreement row: run verify, then rebuild the projections`);
    }
    // A row expands to the same version while its agreement row is the same cached object:
    // version rows are written only together with their agreement row, which replaces the
    // cached object (this connection's writes) or clears the cache (another's, seen by
    // data_version). First in, first out: moving an entry on every hit costs more than the
    // rare re-expansion.
    const key = `${row.agreement_id}\u0000${row.valid_from}`;
    const hit = this.#expanded.get(key);
    if (hit !== undefined && hit.lean === lean) return hit.version;
    const version = expandVersion(row.agreement_id, lean, toLeanVersion(row));
    this.#expanded.delete(key);
    this.#expanded.set(key, { lean, version });
    if (this.#expanded.size > EXPANDED_VERSIONS) this.#expanded.delete(this.#expanded.keys().next().value!);
    return version;
  }

  agreement(agreementId: string): StoredAgreement | undefined {
    return this.#readQuick(() => {
      const lean = this.#lean(agreementId);
      return lean === undefined ? undefined : storedAgreement(agreementId, lean);
    });
  }

  versions(agreementId: string): readonly StoredVersion[] {
    return this.#readQuick(() => {
      // The same list while the agreement row is the same cached object (version rows are
      // written only with it): a diff or a timeline read again costs no query.
      const lean = this.#lean(agreementId);
      const cached = lean === undefined ? undefined : this.#versionLists.get(lean);
      if (cached !== undefined) return cached;
      const list = Object.freeze(this.#stmts.versions.all(agreementId).map((r) => this.#expand(r)));
      if (lean !== undefined) this.#versionLists.set(lean, list);
      return list;
    });
  }

  versionAt(agreementId: string, date: IsoDate): StoredVersion | undefined {
    return this.#readQuick(() => {
      // Versions do not overlap (each ends where the next begins, or earlier), so when the last
      // one starting on or before the date has ended, nothing is in force.
      const r = this.#stmts.versionLast.get(agreementId, date);
      if (r === undefined || (r[1] !== null && date >= r[1])) return undefined;
      return this.#expand({ agreement_id: agreementId, valid_from: r[0], valid_to: r[1], root: r[2], events: r[3], changed_by: r[4], unknown: r[5], meta: r[6] });
    });
  }

  versionsOn(date: IsoDate): readonly StoredVersion[] {
    return this.#readProjection(() => this.#stmts.versionsOn.all(date, date).map((r) => this.#expand(r)));
  }

  /**
   * True when the projections must be rebuilt from events before they answer: a migration
   * changed their shape (schema 4). `openKyoyaku` rebuilds them when it opens the file.
   *
   * @example
   * if (store.projectionsStale()) store.rebuildProjections(projectAgreement);
   */
  projectionsStale(): boolean {
    return this.#stmts.pending.get() !== undefined;
  }

  putDocument(document: AgreementDocument): PutDocumentResult {
    this.#writable();
    const written = new Set<string>();
    const added = this.#db.transaction(() => this.#putNodes(encodeDocument(document, (h) => this.#hasNode(h)), written)).immediate();
    for (const h of written) this.#knowNode(h);
    return { root: nodeHash(document), added };
  }

  /** Node rows by hash, in statements of up to NODE_BATCH hashes. */
  #nodesByHash(hashes: readonly string[]): { hash: string; kind: string; json: string }[] {
    const out: { hash: string; kind: string; json: string }[] = [];
    for (let i = 0; i < hashes.length; i += NODE_BATCH) {
      const part = hashes.slice(i, i + NODE_BATCH);
      let stmt = this.#nodeStatements.get(part.length);
      if (stmt === undefined) {
        stmt = this.#stmts.nodes(part.length);
        this.#nodeStatements.set(part.length, stmt);
      }
      out.push(...stmt.all(...part));
    }
    return out;
  }

  /** An event from its row, the nodes it refers to decoded through the node cache. */
  readonly #toEvent = (row: EventRow): StoredEvent =>
    toEvent(row, (h) => decodeDocument(h, (x) => this.#stmts.node.get(x), false, this.#nodeCache, (hashes) => this.#nodesByHash(hashes)));

  load(root: string): AgreementDocument | undefined {
    try {
      return decodeDocument(root, (h) => this.#stmts.node.get(h), false, this.#nodeCache, (hashes) => this.#nodesByHash(hashes));
    } catch (e) {
      if (e instanceof NodeError && e.code === "node.missing" && e.hash === root) return undefined;
      throw e;
    }
  }

  rebuildProjections(project: Projector): void {
    this.#writable();
    const written = new Set<string>();
    this.#agreementCache.clear();
    try {
      this.#db.transaction(() => {
        this.#db.exec("DELETE FROM versions; DELETE FROM agreements;");
        for (const id of this.agreementIds()) this.#writeProjection(id, project(id, this.read(id)), written);
        this.#stmts.donePending.run();
      }).immediate();
    } catch (e) {
      throw busyError(e, this.path);
    }
    for (const h of written) this.#knowNode(h);
  }

  verify(project: Projector): VerifyReport {
    const s = this.#stmts;
    // Read in one transaction so the picture is consistent; no caches: verify reads what is on disk.
    const unreadable = new Map<string, EventNodeError>();
    return this.#db.transaction(() =>
      verifyStore(
        {
          agreementIds: s.allIds.all().map((r) => r.agreement_id),
          // Nodes an event refers to read from disk and checked row by row (no cache); an
          // event whose nodes cannot be read is given with its references left in.
          events: (id) =>
            s.events.all(id).map((r) => {
              try {
                return toEvent(r, (h) => decodeDocument(h, (x) => s.node.get(x), true));
              } catch (e) {
                if (!(e instanceof EventNodeError)) throw e;
                if (!unreadable.has(id)) unreadable.set(id, e);
                return toEvent(r, (h) => ({ "#": h }));
              }
            }),
          unreadable: (id) => {
            const e = unreadable.get(id);
            return e === undefined ? undefined : { seq: e.seq, code: e.problem.code, message: e.problem.message };
          },
          agreement: (id) => {
            const row = s.agreement.get(id);
            return row === undefined ? undefined : toLeanAgreement(row);
          },
          versions: (id) => s.versions.all(id).map(toLeanVersion),
          node: (h) => s.node.get(h),
          ...(this.#anchor !== undefined ? { anchor: this.#readAnchor(this.#anchor) } : {}),
        },
        project,
      ),
    ).deferred();
  }

  /** The anchor as verify compares it: absent when there is no file yet. */
  #readAnchor(file: string): NonNullable<Parameters<typeof verifyStore>[0]["anchor"]> | undefined {
    try {
      const anchor = readAnchor(file);
      return anchor === undefined ? undefined : { file, anchor };
    } catch (e) {
      return { file, error: (e as Error).message };
    }
  }

  /**
   * The connection's settings, as SQLite reports them.
   *
   * @example
   * new SqliteEventStore("k.db").pragmas().journalMode; // "wal"
   */
  pragmas(): { journalMode: string; synchronous: "OFF" | "NORMAL" | "FULL" | "EXTRA"; foreignKeys: boolean; busyTimeoutMs: number } {
    const sync = this.#db.pragma("synchronous", { simple: true }) as number;
    return {
      journalMode: this.#db.pragma("journal_mode", { simple: true }) as string,
      synchronous: (["OFF", "NORMAL", "FULL", "EXTRA"] as const)[sync] ?? "OFF",
      foreignKeys: this.#db.pragma("foreign_keys", { simple: true }) === 1,
      busyTimeoutMs: this.#db.pragma("busy_timeout", { simple: true }) as number,
    };
  }

  stats(): StoreStats {
    const c = (t: string): number => this.#stmts.count(t).get()!.n;
    return {
      agreements: this.#stmts.ids.all().length,
      events: c("events"),
      sources: c("sources"),
      nodes: c("nodes"),
      versions: c("versions"),
    };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/**
 * Apply the migrations above `user_version` up to `target`, each in its own transaction.
 * Internal (tests build older files with it): its parameter is better-sqlite3's type, which
 * must not reach the published .d.ts (a consumer without @types/better-sqlite3 gets TS7016).
 *
 * @example
 * migrate(new Database(":memory:"), SCHEMA_VERSION);
 * @internal
 */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
