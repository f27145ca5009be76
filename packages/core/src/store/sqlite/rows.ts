/**
 * The rows of the SQLite store: their shapes, the events and projection rows they hold, and
 * the prepared statements that read and write them.
 *
 * @module
 */
import type Database from "better-sqlite3";
import type { LegalEventInput, RecordPayload, StoredEvent } from "../../events/types.js";
import { canonicalJson, deepFreeze } from "../../model/canonical.js";
import { expandLegal } from "../chain.js";
import type { LeanAgreement, LeanVersion } from "../common.js";
import { EventNodeError, NodeError } from "../nodes.js";

export interface EventRow {
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

export interface VersionRow {
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
export type VersionTuple = [string, string | null, string, number, string, string | null, string | null];

export interface AgreementRow {
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
export function toEvent(row: EventRow, node: (hash: string) => unknown): StoredEvent {
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
export function rowChars(legal: string | null, sourceText: string | null, record: string | null): number {
  return 200 + (legal?.length ?? 0) + (sourceText?.length ?? 0) + (record?.length ?? 0);
}

export function toLeanVersion(row: VersionRow): LeanVersion {
  return {
    interval: { from: row.valid_from, to: row.valid_to },
    root: row.root,
    events: row.events,
    changedBy: row.changed_by === "" ? [] : row.changed_by.split(",").map(Number),
    unknown: row.unknown === null ? [] : (JSON.parse(row.unknown) as string[]),
    ...(row.meta !== null ? { meta: JSON.parse(row.meta) as NonNullable<LeanVersion["meta"]> } : {}),
  };
}

export function toLeanAgreement(row: AgreementRow): LeanAgreement {
  return deepFreeze({
    summary: JSON.parse(row.summary) as LeanAgreement["summary"],
    applied: JSON.parse(row.applied) as LeanAgreement["applied"],
    missing: JSON.parse(row.missing) as LeanAgreement["missing"],
  });
}

/** The column values of a lean version row; equal values mean an unchanged row. */
export function versionColumns(v: LeanVersion): [string | null, string, number, string, string | null, string | null] {
  return [
    v.interval.to,
    v.root,
    v.events,
    v.changedBy.join(","),
    v.unknown.length === 0 ? null : canonicalJson(v.unknown),
    v.meta === undefined ? null : canonicalJson(v.meta),
  ];
}

type Stmt<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;
type NodeRowOut = { hash: string; kind: string; json: string };

/** The statements of one connection, prepared on first use (a file kept at an older schema lacks some tables). */
export interface Statements {
  readonly last: Stmt<[string], { seq: number; hash: string }>;
  readonly events: Stmt<[string], EventRow>;
  readonly bySource: Stmt<[string], EventRow>;
  readonly hasSource: Stmt<[string], { one: number }>;
  readonly ids: Stmt<[], { agreement_id: string }>;
  readonly allIds: Stmt<[], { agreement_id: string }>;
  readonly insertSource: Stmt;
  readonly insertEvent: Stmt;
  readonly hasNode: Stmt<[string], { one: number }>;
  readonly node: Stmt<[string], { kind: string; json: string }>;
  readonly nodes: (n: number) => Stmt<string[], NodeRowOut>;
  readonly insertNode: Stmt;
  readonly deleteVersion: Stmt;
  readonly insertVersion: Stmt;
  readonly agreement: Stmt<[string], AgreementRow>;
  readonly upsertLean: Stmt;
  readonly dataVersion: Stmt<[], number>;
  readonly pending: Stmt<[], { task: string }>;
  readonly donePending: Stmt;
  readonly versions: Stmt<[string], VersionRow>;
  readonly versionLast: Stmt<[string, string], VersionTuple>;
  readonly versionsOn: Stmt<[string, string], VersionRow>;
  readonly count: (table: string) => Stmt<[], { n: number }>;
}

/**
 * Prepare every statement the store runs.
 *
 * @example
 * prepareStatements(db).last.get("okayama-wake")?.seq; // the agreement's version
 */
export function prepareStatements(db: Database.Database): Statements {
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
