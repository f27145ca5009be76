/**
 * The in-memory event store: the same contract as the SQLite store, for tests, embedding
 * and throw-away sessions. Atomicity: an append (or a batch of them) computes everything
 * (events, projections, nodes) into fresh values first and commits them with plain
 * assignments that cannot fail.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { StoredEvent } from "../events/types.js";
import type { AgreementDocument } from "../model/document.js";
import { deepFreeze } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { covers, expandVersion, leanProjection, liveSourceEvent, planBatch, storedAgreement, type LeanAgreement, type LeanProjection, type LeanVersion } from "./common.js";
import { decodeDocument, encodeDocument, nodeHash, type EncodedNode } from "./nodes.js";
import { verifyStore } from "./verify.js";
import type {
  AgreementProjection, AppendRequest, AppendResult, EventStore, Projector, PutDocumentResult, StoreStats, StoredAgreement, StoredVersion, VerifyReport,
} from "./types.js";

/**
 * An event store held in memory.
 *
 * @example
 * const store = new MemoryEventStore();
 * store.append({ agreementId: "a", events: [event] }, projector).duplicate; // false
 */
export class MemoryEventStore implements EventStore {
  readonly kind = "memory" as const;
  #events = new Map<string, readonly StoredEvent[]>();
  /** Every event recorded from a source, in recording order (a retracted source may be recorded again). */
  #bySource = new Map<string, readonly StoredEvent[]>();
  #nodes = new Map<string, EncodedNode>();
  /** The projections in their lean form, as the SQLite store keeps them (expanded on read). */
  #versions = new Map<string, readonly LeanVersion[]>();
  #agreements = new Map<string, LeanAgreement>();
  #closed = false;

  append(request: AppendRequest, project: Projector): AppendResult {
    return this.#appendMany([request], project, false)[0]!;
  }

  appendMany(requests: readonly AppendRequest[], project: Projector): readonly AppendResult[] {
    return this.#appendMany(requests, project, true);
  }

  #appendMany(requests: readonly AppendRequest[], project: Projector, indexed: boolean): readonly AppendResult[] {
    this.#open();
    if (requests.length === 0) return [];
    const plan = planBatch(requests, { stream: (id) => this.#events.get(id) ?? [], bySource: (sha) => this.#bySource.get(sha) ?? [] }, indexed);
    // Everything that can fail happens before the first assignment below: each agreement
    // projected once, after all its events of the batch.
    const projected: { id: string; rows: LeanProjection }[] = [];
    const newNodes: EncodedNode[] = [];
    const added = new Set<string>();
    for (const [id, stream] of plan.streams) {
      const projection = project(id, stream);
      projected.push({ id, rows: lean(projection) });
      newNodes.push(...this.#newNodes(projection, added));
    }
    // Commit.
    for (const [id, stream] of plan.streams) this.#events.set(id, stream);
    for (const e of plan.sealed) {
      const sha = e.legal?.source?.sha256;
      if (sha !== undefined) this.#bySource.set(sha, [...(this.#bySource.get(sha) ?? []), e]);
    }
    for (const n of newNodes) this.#nodes.set(n.hash, n);
    for (const { id, rows } of projected) {
      this.#versions.set(id, rows.versions);
      this.#agreements.set(id, rows.agreement);
    }
    return plan.results;
  }

  /** Nodes of the projection's documents that are not stored yet. */
  #newNodes(projection: AgreementProjection, added = new Set<string>()): EncodedNode[] {
    const out: EncodedNode[] = [];
    for (const v of projection.versions) {
      if (this.#nodes.has(v.root) || added.has(v.root)) continue;
      for (const n of encodeDocument(v.document, (h) => this.#nodes.has(h) || added.has(h))) {
        added.add(n.hash);
        out.push(n);
      }
    }
    return out;
  }

  read(agreementId: string): readonly StoredEvent[] {
    this.#open();
    return this.#events.get(agreementId) ?? [];
  }

  version(agreementId: string): number {
    return this.read(agreementId).length;
  }

  agreementIds(): readonly string[] {
    this.#open();
    return [...this.#events.keys()].sort();
  }

  findBySource(sha256: string): StoredEvent | undefined {
    this.#open();
    const all = this.#bySource.get(sha256) ?? [];
    return liveSourceEvent(all, (id) => this.#events.get(id) ?? []) ?? all[all.length - 1];
  }

  agreement(agreementId: string): StoredAgreement | undefined {
    this.#open();
    const a = this.#agreements.get(agreementId);
    return a === undefined ? undefined : storedAgreement(agreementId, a);
  }

  versions(agreementId: string): readonly StoredVersion[] {
    this.#open();
    const a = this.#agreements.get(agreementId);
    return a === undefined ? [] : (this.#versions.get(agreementId) ?? []).map((v) => expandVersion(agreementId, a, v));
  }

  versionAt(agreementId: string, date: IsoDate): StoredVersion | undefined {
    this.#open();
    const a = this.#agreements.get(agreementId);
    const v = (this.#versions.get(agreementId) ?? []).find((x) => covers(x, date));
    return a === undefined || v === undefined ? undefined : expandVersion(agreementId, a, v);
  }

  versionsOn(date: IsoDate): readonly StoredVersion[] {
    return this.agreementIds().flatMap((id) => {
      const v = this.versionAt(id, date);
      return v === undefined ? [] : [v];
    });
  }

  putDocument(document: AgreementDocument): PutDocumentResult {
    this.#open();
    const nodes = encodeDocument(document, (h) => this.#nodes.has(h));
    for (const n of nodes) this.#nodes.set(n.hash, n);
    return { root: nodeHash(document), added: nodes.length };
  }

  load(root: string): AgreementDocument | undefined {
    this.#open();
    if (!this.#nodes.has(root)) return undefined;
    return decodeDocument(root, (h) => this.#nodes.get(h)); // frozen all the way down
  }

  rebuildProjections(project: Projector): void {
    this.#open();
    const versions = new Map<string, readonly LeanVersion[]>();
    const agreements = new Map<string, LeanAgreement>();
    const nodes: EncodedNode[] = [];
    for (const [id, events] of this.#events) {
      const projection = project(id, events);
      const rows = lean(projection);
      versions.set(id, rows.versions);
      agreements.set(id, rows.agreement);
      nodes.push(...this.#newNodes(projection));
    }
    for (const n of nodes) this.#nodes.set(n.hash, n);
    this.#versions = versions;
    this.#agreements = agreements;
  }

  /** Never: the in-memory store has no older files to migrate. */
  projectionsStale(): boolean {
    return false;
  }

  verify(project: Projector): VerifyReport {
    this.#open();
    const ids = [...new Set([...this.#events.keys(), ...this.#versions.keys(), ...this.#agreements.keys()])].sort();
    return verifyStore(
      {
        agreementIds: ids,
        events: (id) => this.#events.get(id) ?? [],
        agreement: (id) => this.#agreements.get(id),
        versions: (id) => this.#versions.get(id) ?? [],
        node: (h) => this.#nodes.get(h),
      },
      project,
    );
  }

  stats(): StoreStats {
    this.#open();
    let events = 0;
    let versions = 0;
    for (const e of this.#events.values()) events += e.length;
    for (const v of this.#versions.values()) versions += v.length;
    return { agreements: this.#events.size, events, sources: this.#bySource.size, nodes: this.#nodes.size, versions };
  }

  close(): void {
    this.#closed = true;
  }

  #open(): void {
    if (this.#closed) throw new KyoyakuError("internal", "the in-memory store is closed");
  }
}

/** The lean rows of a projection, copied and frozen: nothing the projector's caller holds can change them. */
function lean(projection: AgreementProjection): LeanProjection {
  return deepFreeze(structuredClone(leanProjection(projection)));
}
