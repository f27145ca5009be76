/**
 * The event store contract: an append-only, hash-chained list of events per agreement, a
 * content-addressed node store for documents, and the projections (version intervals and
 * agreement summaries) that answer the default as-of question without a replay.
 *
 * Two implementations keep the same contract: {@link SqliteEventStore} (one SQLite file)
 * and {@link MemoryEventStore} (tests, embedding, throw-away sessions).
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import type { EventKind, EventRef, LegalEventInput, RecordPayload, StoredEvent } from "../events/types.js";
import type { AgreementDocument } from "../model/document.js";
import type { AsOfFlags, NoticeState, TermState, Version } from "../history/types.js";

/** An event to append: the envelope minus what the store assigns (seq, prevHash, hash). */
export interface NewEvent {
  readonly kind: EventKind;
  readonly legal?: LegalEventInput;
  readonly record?: RecordPayload;
  readonly recordedAt: Instant;
  readonly recordedBy: string;
}

/** One append: events for one agreement, written in one transaction with their projections. */
export interface AppendRequest {
  readonly agreementId: string;
  /**
   * Optimistic concurrency: the last seq the caller saw (0 for a new agreement). A mismatch
   * throws `KyoyakuError('concurrency.conflict')`. Absent: no check.
   */
  readonly expectedVersion?: number;
  readonly events: readonly NewEvent[];
}

/** What an append did. */
export type AppendResult =
  | { readonly duplicate: false; readonly events: readonly StoredEvent[]; readonly version: number }
  /** A source with the same SHA-256 is recorded (anywhere) in an event not retracted: nothing was written. */
  | { readonly duplicate: true; readonly existing: StoredEvent; readonly version: number };

/** One version as a projector computes it (the document goes to the node store). */
export interface ProjectedVersion extends Version {
  /** The flags of an as-of answer that falls in this version (default view). */
  readonly flags: AsOfFlags;
}

/** Summary of one agreement in the default view (ratified events, everything recorded). */
export interface AgreementSummaryRow {
  readonly title?: string;
  readonly parties: readonly string[];
  /** First 適用日 of a ratified event. */
  readonly firstAppliesFrom?: IsoDate;
  readonly abolishedFrom?: IsoDate;
  readonly abolishedBy?: EventRef;
  /** Why nothing is in force from `abolishedFrom` when a 通告 (not a 廃止) ended it. */
  readonly endReason?: string;
  /** The 通告 of the agreement with their 失効日 (see Timeline.notices). */
  readonly notices?: readonly NoticeState[];
  /** The fixed term (期間の定め), when the text has one (see Timeline.term). */
  readonly term?: TermState;
  readonly draftsExcluded: readonly EventRef[];
  readonly draftsApplied: readonly EventRef[];
}

/** The whole projection of one agreement. */
export interface AgreementProjection {
  readonly summary: AgreementSummaryRow;
  /** In date order, gap-free. */
  readonly versions: readonly ProjectedVersion[];
}

/**
 * Computes the projection of one agreement from its events alone (seq order). It must be
 * pure: `rebuildProjections` and `verify` call it again and expect the same answer.
 */
export type Projector = (agreementId: string, events: readonly StoredEvent[]) => AgreementProjection;

/** A stored version row (without its document; load it by `root`). */
export interface StoredVersion extends Omit<ProjectedVersion, "document"> {
  readonly agreementId: string;
}

/** A stored agreement summary row. */
export interface StoredAgreement extends AgreementSummaryRow {
  readonly agreementId: string;
}

/** Result of storing a document in the node store. */
export interface PutDocumentResult {
  readonly root: string;
  /** Nodes that were not there before. */
  readonly added: number;
}

/** Row counts, for benchmarks and reports. */
export interface StoreStats {
  readonly agreements: number;
  readonly events: number;
  readonly sources: number;
  readonly nodes: number;
  readonly versions: number;
}

/**
 * The event store. Every method is synchronous; every append is one transaction in which
 * the events AND their projections land whole or not at all.
 *
 * @example
 * const store = new MemoryEventStore();
 * store.append({ agreementId: "a", expectedVersion: 0, events: [event] }, projector);
 * store.read("a")[0]?.seq; // 1
 */
export interface EventStore {
  readonly kind: "sqlite" | "memory";
  /** Append events with optimistic concurrency and source idempotency; projects in the same transaction. */
  append(request: AppendRequest, project: Projector): AppendResult;
  /**
   * Append many requests (any agreements) in ONE transaction: all land or none. Each request
   * is handled as `append` would, against the state the requests before it leave: a source
   * recorded before — in the store or earlier in the batch — makes it a duplicate (nothing
   * written for it), `expectedVersion` is compared with the version the earlier requests
   * left. Each agreement is projected once, after all its events of the batch. A refusal
   * throws the code `append` would, with `details.index` and `details.agreementId` naming the
   * request, and writes nothing. Results in request order; `[]` for no requests.
   *
   * @example
   * store.appendMany([
   *   { agreementId: "a", expectedVersion: 0, events: [conclude] },
   *   { agreementId: "a", expectedVersion: 1, events: [amend] },
   * ], projector).map((r) => r.version); // [1, 2]
   */
  appendMany(requests: readonly AppendRequest[], project: Projector): readonly AppendResult[];
  /** The events of one agreement in seq order (empty when unknown). */
  read(agreementId: string): readonly StoredEvent[];
  /** Last seq of the agreement, 0 when it has no events. */
  version(agreementId: string): number;
  /** Ids of every agreement with events, sorted. */
  agreementIds(): readonly string[];
  /**
   * The event recorded from a source with this SHA-256: the live one (not retracted by a
   * 訂正) if any, else the last one recorded; `undefined` when the source was never recorded.
   */
  findBySource(sha256: string): StoredEvent | undefined;
  /** Stored summary row of one agreement. */
  agreement(agreementId: string): StoredAgreement | undefined;
  /** Stored version rows of one agreement, in date order. */
  versions(agreementId: string): readonly StoredVersion[];
  /** The stored version in force on `date` (half-open lookup), if any. */
  versionAt(agreementId: string, date: IsoDate): StoredVersion | undefined;
  /** The stored versions of every agreement in force on `date`, by agreement id. */
  versionsOn(date: IsoDate): readonly StoredVersion[];
  /** Store a document as content-addressed nodes (idempotent). */
  putDocument(document: AgreementDocument): PutDocumentResult;
  /** Rebuild a document from its nodes; undefined when the root is not stored. */
  load(root: string): AgreementDocument | undefined;
  /** Drop the projections and rebuild them from events alone (one transaction). */
  rebuildProjections(project: Projector): void;
  /**
   * True when the projections must be rebuilt before they can answer (a schema migration
   * changed their shape). Optional: a store without it never needs that.
   */
  projectionsStale?(): boolean;
  /** Recompute the hash chain and the projections and compare; nothing is written. */
  verify(project: Projector): VerifyReport;
  stats(): StoreStats;
  close(): void;
}

/** A problem `verify` found. */
export interface VerifyProblem {
  readonly agreementId: string;
  readonly seq: number;
  readonly code:
    | "chain.hash-mismatch" | "chain.prev-mismatch" | "chain.seq-gap" | "projection.mismatch" | "node.missing" | "node.hash-mismatch"
    /** An anchored head (store/anchor.ts) is missing or differs: the database was rolled back or rewritten. */
    | "chain.rollback"
    /** The anchor file beside the database cannot be read (`agreementId` is "", `seq` 0). */
    | "anchor.unreadable";
  readonly message: string;
}

/** Result of `verify`. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly agreements: number;
  readonly events: number;
  /** First problem per agreement, by sequence number. */
  readonly problems: readonly VerifyProblem[];
  /**
   * Each agreement's head (last seq and its hash), by agreement id. A truncated tail cannot be
   * seen from the file alone: note these outside the database and compare later.
   */
  readonly heads?: readonly VerifyHead[];
}

/** The last event of one agreement's hash chain, as `verify` read it. */
export interface VerifyHead {
  readonly agreementId: string;
  readonly seq: number;
  readonly hash: string;
}
