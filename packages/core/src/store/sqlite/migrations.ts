/**
 * The SQLite schema: numbered migrations, and the check that a file is a kyoyaku database
 * this code can open. See docs/storage.md for the schema and why.
 *
 * @module
 */
import type Database from "better-sqlite3";
import { KyoyakuError } from "../../model/errors.js";

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

export function schemaError(path: string, message: string): KyoyakuError {
  return new KyoyakuError("store.schema", `${path}: ${message}`, [], { path });
}

/**
 * Refuse a file that is not a kyoyaku database, or whose schema this code cannot open at
 * `target` (newer, past the target, or older on a read-only open).
 * @internal (the store opens with it; its parameter is better-sqlite3's type)
 */
export function checkSchema(db: Database.Database, path: string, readonly: boolean, target: number): void {
  const appId = db.pragma("application_id", { simple: true }) as number;
  const userVersion = db.pragma("user_version", { simple: true }) as number;
  const objects = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n;
  if (appId === 0 && userVersion === 0) {
    if (readonly) throw schemaError(path, objects > 0 ? "kyoyaku のデータベースではない（別のアプリケーションの表がある）" : "kyoyaku のデータベースではない（空である）");
    if (objects > 0) throw schemaError(path, "kyoyaku のデータベースではない（別のアプリケーションの表がある）");
    return;
  }
  if (appId !== APPLICATION_ID) throw schemaError(path, `kyoyaku のデータベースではない（application_id ${appId}）`);
  // kyoyaku's application_id on another program's tables: a raw "no such table" later otherwise.
  const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
  if (userVersion === 0 ? objects > 0 : !hasEvents) {
    throw schemaError(path, "kyoyaku のデータベースではない: kyoyaku の application_id を持つが、その表がない（表 events がない） — 別のプログラムのファイルか、壊れたファイルである。バックアップからデータベースを復元すること");
  }
  if (userVersion > SCHEMA_VERSION) {
    throw schemaError(path, `新しい版の kyoyaku で作られている（スキーマの版 ${userVersion}。この版が読めるのは ${SCHEMA_VERSION} まで）。kyoyaku を更新すること`);
  }
  if (userVersion > target) throw schemaError(path, `スキーマの版 ${userVersion} は求められた版 ${target} より新しい`);
  if (readonly && userVersion < target) {
    throw schemaError(path, `スキーマの版 ${userVersion} は ${target} への移行が要るが、読取り専用で開くときは移行できない。一度（この版の kyoyaku で）書込み可能で開いてから、読取り専用で開くこと`);
  }
}
