/**
 * The reads of the SQLite store: events (through the event cache), projection rows (parsed
 * and expanded once, re-read when another connection commits) and documents (through the
 * node cache).
 *
 * @module
 */
import type Database from "better-sqlite3";
import type { IsoDate } from "../../date/types.js";
import type { StoredEvent } from "../../events/types.js";
import type { AgreementDocument } from "../../model/document.js";
import { KyoyakuError } from "../../model/errors.js";
import { expandVersion, liveSourceEvent, storedAgreement, type LeanAgreement } from "../common.js";
import { decodeDocument, NodeError } from "../nodes.js";
import type { StoredAgreement, StoredVersion } from "../types.js";
import { AGREEMENT_CACHE_SIZE, EventCache, EXPANDED_VERSIONS, lruCache, NODE_BATCH, NODE_CACHE_SIZE } from "./caches.js";
import type { Connection } from "./open.js";
import { rowChars, toEvent, toLeanAgreement, toLeanVersion, type EventRow, type VersionRow } from "./rows.js";

/** Reads of one connection, with the caches they keep. */
export class SqliteReads {
  readonly conn: Connection;
  /** Parsed events (see EventCache); the writes put what they commit. */
  readonly events = new EventCache();
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
  readonly agreementRows = new Map<string, LeanAgreement>();
  #dataVersion = -1;
  /**
   * Versions expanded from their rows (events sliced, flags derived), the last
   * EXPANDED_VERSIONS expanded, by agreement and valid_from; an entry holds while its
   * agreement row (the cached object) is the same, so a repeated lookup is one query.
   */
  readonly #expanded = new Map<string, { lean: LeanAgreement; version: StoredVersion }>();
  /** Every version of an agreement, by its cached agreement row (dropped with it). */
  readonly #versionLists = new WeakMap<LeanAgreement, readonly StoredVersion[]>();
  constructor(conn: Connection) {
    this.conn = conn;
  }

  /** The events of an agreement whose last row is `last`: from the cache while it ends there, else read (and cached). */
  readCached(agreementId: string, last: { seq: number; hash: string } | undefined): readonly StoredEvent[] {
    const hit = this.events.get(agreementId);
    const cached = hit?.events;
    const top = cached?.[cached.length - 1];
    if (hit !== undefined && cached !== undefined && ((last === undefined && cached.length === 0) || (top !== undefined && top.seq === last?.seq && top.hash === last.hash))) {
      this.events.put(agreementId, cached, hit.chars);
      return cached;
    }
    const rows = this.conn.stmts.events.all(agreementId);
    // toEvent freezes each event whole: freezing the list is enough.
    const events = Object.freeze(rows.map(this.toEvent));
    this.events.put(agreementId, events, rows.reduce((n, r) => n + rowChars(r.legal, r.source_text, r.record), 0));
    return events;
  }

  read(agreementId: string): readonly StoredEvent[] {
    return this.readCached(agreementId, this.conn.stmts.last.get(agreementId));
  }

  version(agreementId: string): number {
    return this.conn.stmts.last.get(agreementId)?.seq ?? 0;
  }

  agreementIds(): readonly string[] {
    return this.conn.stmts.ids.all().map((r) => r.agreement_id);
  }

  findBySource(sha256: string): StoredEvent | undefined {
    // Most sources were never recorded: one indexed lookup says so, without a transaction.
    if (this.conn.stmts.hasSource.get(sha256) === undefined) return undefined;
    return this.readProjection(() => {
      const all = this.conn.stmts.bySource.all(sha256).map(this.toEvent);
      return liveSourceEvent(all, (id) => this.read(id)) ?? all[all.length - 1];
    });
  }

  /** Forget cached projection rows when another connection has committed since we last looked. */
  syncCaches(): void {
    const v = this.conn.stmts.dataVersion.get()!;
    if (v !== this.#dataVersion) {
      this.agreementRows.clear();
      this.#dataVersion = v;
    }
  }

  /** The parsed agreement row (cached); call inside a read transaction after syncCaches. */
  #lean(agreementId: string): LeanAgreement | undefined {
    const cached = this.agreementRows.get(agreementId);
    if (cached !== undefined) return cached;
    const row = this.conn.stmts.agreement.get(agreementId);
    if (row === undefined) return undefined;
    const lean = toLeanAgreement(row);
    this.agreementRows.set(agreementId, lean);
    if (this.agreementRows.size > AGREEMENT_CACHE_SIZE) this.agreementRows.delete(this.agreementRows.keys().next().value!);
    return lean;
  }

  /**
   * Read projection rows as {@link readProjection} does, without a transaction of our own
   * when none is open: each statement is atomic, and `PRAGMA data_version` read after says
   * whether another connection committed since this one last looked — only then is `f` run
   * again in one read transaction. BEGIN and COMMIT cost more than the lookup they wrap.
   */
  #readQuick<T>(f: () => T): T {
    if (this.conn.db.inTransaction) return this.readProjection(f);
    // `data_version` read once, after: unchanged since this connection last read it (when its
    // caches were last known good), no other connection committed in between, so the caches
    // and what `f` read are one state. Otherwise read again in a transaction, caches synced.
    let out: T;
    try {
      out = f();
    } catch (e) {
      if (this.conn.stmts.dataVersion.get() === this.#dataVersion) throw e;
      return this.readProjection(f);
    }
    return this.conn.stmts.dataVersion.get() === this.#dataVersion ? out : this.readProjection(f);
  }

  /** Read projection rows in one read transaction (one consistent snapshot). */
  readProjection<T>(f: () => T): T {
    return this.conn.db.transaction(() => {
      this.syncCaches();
      return f();
    }).deferred();
  }

  #expand(row: VersionRow): StoredVersion {
    const lean = this.#lean(row.agreement_id);
    if (lean === undefined) {
      throw new KyoyakuError("store.integrity", `${row.agreement_id} の ${row.valid_from} からの版の行に、協約の行がない。verify を実行してから射影を再構築すること`);
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
      const list = Object.freeze(this.conn.stmts.versions.all(agreementId).map((r) => this.#expand(r)));
      if (lean !== undefined) this.#versionLists.set(lean, list);
      return list;
    });
  }

  versionAt(agreementId: string, date: IsoDate): StoredVersion | undefined {
    return this.#readQuick(() => {
      // Versions do not overlap (each ends where the next begins, or earlier), so when the last
      // one starting on or before the date has ended, nothing is in force.
      const r = this.conn.stmts.versionLast.get(agreementId, date);
      if (r === undefined || (r[1] !== null && date >= r[1])) return undefined;
      return this.#expand({ agreement_id: agreementId, valid_from: r[0], valid_to: r[1], root: r[2], events: r[3], changed_by: r[4], unknown: r[5], meta: r[6] });
    });
  }

  versionsOn(date: IsoDate): readonly StoredVersion[] {
    return this.readProjection(() => this.conn.stmts.versionsOn.all(date, date).map((r) => this.#expand(r)));
  }

  /**
   * True when the projections must be rebuilt from events before they answer: a migration
   * changed their shape (schema 4). `openKyoyaku` rebuilds them when it opens the file.
   *
   * @example
   * if (store.projectionsStale()) store.rebuildProjections(projectAgreement);
   */
  projectionsStale(): boolean {
    return this.conn.stmts.pending.get() !== undefined;
  }

  /** Node rows by hash, in statements of up to NODE_BATCH hashes. */
  #nodesByHash(hashes: readonly string[]): { hash: string; kind: string; json: string }[] {
    const out: { hash: string; kind: string; json: string }[] = [];
    for (let i = 0; i < hashes.length; i += NODE_BATCH) {
      const part = hashes.slice(i, i + NODE_BATCH);
      let stmt = this.#nodeStatements.get(part.length);
      if (stmt === undefined) {
        stmt = this.conn.stmts.nodes(part.length);
        this.#nodeStatements.set(part.length, stmt);
      }
      out.push(...stmt.all(...part));
    }
    return out;
  }

  /** An event from its row, the nodes it refers to decoded through the node cache. */
  readonly toEvent = (row: EventRow): StoredEvent =>
    toEvent(row, (h) => decodeDocument(h, (x) => this.conn.stmts.node.get(x), false, this.#nodeCache, (hashes) => this.#nodesByHash(hashes)));

  load(root: string): AgreementDocument | undefined {
    try {
      return decodeDocument(root, (h) => this.conn.stmts.node.get(h), false, this.#nodeCache, (hashes) => this.#nodesByHash(hashes));
    } catch (e) {
      if (e instanceof NodeError && e.code === "node.missing" && e.hash === root) return undefined;
      throw e;
    }
  }
}
