/**
 * The writes of the SQLite store: appends (events, sources, nodes and the projections, one
 * transaction per batch), documents, and the rebuild of the projections.
 *
 * @module
 */
import type { StoredEvent } from "../../events/types.js";
import { canonicalJson } from "../../model/canonical.js";
import type { AgreementDocument } from "../../model/document.js";
import { noteHeads } from "../anchor.js";
import { encodeLegalRow } from "../chain.js";
import { leanProjection, planBatch } from "../common.js";
import { encodeDocument, nodeHash, type EncodedNode } from "../nodes.js";
import type { AgreementProjection, AppendRequest, AppendResult, Projector, PutDocumentResult } from "../types.js";
import { KNOWN_NODES } from "./caches.js";
import { busyError, type Connection } from "./open.js";
import type { SqliteReads } from "./reads.js";
import { rowChars, versionColumns } from "./rows.js";

/** Writes of one connection; what they commit goes into the caches of `reads`. */
export class SqliteWrites {
  readonly conn: Connection;
  readonly reads: SqliteReads;
  /**
   * Node hashes known to be committed (content-addressed: never removed), the last
   * KNOWN_NODES of them: a hash not here is looked up in the table.
   */
  readonly #knownNodes = new Set<string>();

  constructor(conn: Connection, reads: SqliteReads) {
    this.conn = conn;
    this.reads = reads;
  }

  /**
   * Append the requests in one transaction (see EventStore.appendMany); `indexed` names the
   * request at fault in a refusal.
   */
  appendMany(requests: readonly AppendRequest[], project: Projector, indexed: boolean): readonly AppendResult[] {
    this.conn.writable();
    if (requests.length === 0) return [];
    const s = this.conn.stmts;
    const batchNodes = new Set<string>();
    let streams: ReadonlyMap<string, readonly StoredEvent[]> = new Map();
    /** Characters of the stored rows of each stream (see EVENT_CACHE_CHARS). */
    const chars = new Map<string, number>();
    const run = this.conn.db.transaction((): readonly AppendResult[] => {
      const plan = planBatch(requests, {
        stream: (id) => {
          const events = this.reads.readCached(id, s.last.get(id));
          chars.set(id, this.reads.events.get(id)?.chars ?? 0);
          return events;
        },
        bySource: (sha) => (s.hasSource.get(sha) === undefined ? [] : s.bySource.all(sha).map(this.reads.toEvent)),
        keepLegalJson: true,
      }, indexed);
      for (const e of plan.sealed) {
        const source = e.legal?.source;
        if (source !== undefined) s.insertSource.run(source.sha256, source.text);
        const row = encodeLegalRow(e, (h) => batchNodes.has(h) || this.#hasNode(h), this.conn.compact);
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
      this.reads.syncCaches();
      const results = run.immediate();
      // Committed: only now do the caches learn what was written.
      for (const h of batchNodes) this.#knowNode(h);
      for (const [id, stream] of streams) this.reads.events.put(id, stream, chars.get(id) ?? 0);
      if (requests.length > 1) this.reads.events.trim(streams);
      this.#noteAnchor(streams);
      // The agreement rows changed: a read parses them again (a bulk import reads none).
      for (const id of streams.keys()) this.reads.agreementRows.delete(id);
      return results;
    } catch (e) {
      for (const r of requests) {
        this.reads.events.drop(r?.agreementId);
        this.reads.agreementRows.delete(r?.agreementId);
      }
      throw busyError(e, this.conn.path);
    }
  }

  /** After a commit (never before, so it never runs ahead): advance the anchor to the new heads. */
  #noteAnchor(streams: ReadonlyMap<string, readonly StoredEvent[]>): void {
    if (this.conn.anchor === undefined || streams.size === 0) return;
    const heads = [...streams.values()].flatMap((events) => {
      const head = events[events.length - 1];
      return head === undefined ? [] : [{ agreementId: head.agreementId, seq: head.seq, hash: head.hash }];
    });
    noteHeads(this.conn.anchor, heads, (id, seq) => streams.get(id)?.[seq - 1]?.hash ?? this.reads.read(id)[seq - 1]?.hash);
  }

  /** Write the projection of one agreement: new nodes, changed version rows, the agreement row. */
  #writeProjection(agreementId: string, projection: AgreementProjection, batchNodes: Set<string>): void {
    const s = this.conn.stmts;
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
    return this.#knownNodes.has(hash) || this.conn.stmts.hasNode.get(hash) !== undefined;
  }

  #putNodes(nodes: readonly EncodedNode[], written: Set<string>): number {
    let added = 0;
    for (const n of nodes) {
      added += this.conn.stmts.insertNode.run(n.hash, n.kind, n.json).changes;
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

  putDocument(document: AgreementDocument): PutDocumentResult {
    this.conn.writable();
    const written = new Set<string>();
    const added = this.conn.db.transaction(() => this.#putNodes(encodeDocument(document, (h) => this.#hasNode(h)), written)).immediate();
    for (const h of written) this.#knowNode(h);
    return { root: nodeHash(document), added };
  }

  rebuildProjections(project: Projector): void {
    this.conn.writable();
    const written = new Set<string>();
    this.reads.agreementRows.clear();
    try {
      this.conn.db.transaction(() => {
        this.conn.db.exec("DELETE FROM versions; DELETE FROM agreements;");
        for (const id of this.reads.agreementIds()) this.#writeProjection(id, project(id, this.reads.read(id)), written);
        this.conn.stmts.donePending.run();
      }).immediate();
    } catch (e) {
      throw busyError(e, this.conn.path);
    }
    for (const h of written) this.#knowNode(h);
  }
}
