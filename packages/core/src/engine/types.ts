/**
 * The engine's public request and answer types: what the CLI, the HTTP server and
 * embedding tools see. The engine composes a store (SQLite or in-memory) with the pure
 * history functions.
 *
 * @module
 */
import type { Instant, Interval, IsoDate } from "../date/types.js";
import type { Address } from "../model/address.js";
import type { AgreementDocument } from "../model/document.js";
import type { Issue } from "../model/issue.js";
import type { AsOfAnswer, AsOfOptions, AsOfVersion, HistoryEntry, Timeline } from "../history/types.js";
import type { EndKind } from "../history/labels.js";
import type { VerifyReport } from "../store/types.js";
import type { DocumentDiff } from "../diff/types.js";
import type { EventDates, LegalEventInput, LegalPayload, Resolutions, StoredEvent } from "../events/types.js";

/** Who records and when. `recordedAt` defaults to the engine's clock. */
export interface RecordMeta {
  readonly recordedBy: string;
  readonly recordedAt?: Instant;
  /** Optimistic concurrency: the version (last seq, 0 for a new agreement) the caller last saw. */
  readonly expectedVersion?: number;
}

/** Record a legal event (締結, 変更, 廃止, 現行取込; draft or ratified). */
export interface RecordRequest extends RecordMeta {
  /** Agreement id (slug, e.g. `okayama-wake`); see `inferAgreementId`. */
  readonly agreementId: string;
  readonly event: LegalEventInput;
}

/** What an append did. `duplicate` is true (and nothing was written) when the same source was recorded before. */
export interface RecordResult {
  readonly agreementId: string;
  readonly event: StoredEvent;
  readonly duplicate: boolean;
  /**
   * For a duplicate: the recorded event's status as known now (`ratified`, `draft` pending,
   * never `retracted`: a source whose events are all retracted may be recorded again).
   */
  readonly status?: "ratified" | "draft" | "retracted";
  /**
   * For a duplicate: `source` when the same text (SHA-256) was recorded, `content` when a text
   * with other bytes parsed to the same legal event (operations, dates, parties, base, draft)
   * as the live event `event` of this agreement.
   */
  readonly duplicateBy?: "source" | "content";
  /** Warnings and notes: retroactive application, missing 議決日, etc. */
  readonly issues: readonly Issue[];
}

/** A correction (訂正) of a recorded event. */
export interface CorrectionRequest extends RecordMeta {
  readonly agreementId: string;
  readonly target: number;
  readonly reason: string;
  readonly dates?: EventDates;
  readonly payload?: LegalPayload;
  readonly retract?: boolean;
}

/** An agreement in the store. */
export interface AgreementSummary {
  readonly id: string;
  readonly title?: string;
  readonly parties: readonly string[];
  readonly events: number;
  /** First 適用日 of a ratified event, if any. */
  readonly firstAppliesFrom?: IsoDate;
  /** The first day not in force after a ratified 廃止, 通告による失効 or 期間満了, if any. */
  readonly abolishedFrom?: IsoDate;
  /** What ended it on `abolishedFrom` (see {@link endKindOf}): outputs label the date by it. */
  readonly endedBy?: EndKind;
}

/** One agreement in force on a date. */
export interface InForceEntry {
  readonly agreementId: string;
  readonly title?: string;
  readonly parties: readonly string[];
  readonly interval: Interval;
  readonly root: string;
}

/** A 取組 or 条 matching a search. */
export interface SearchHit {
  readonly agreementId: string;
  readonly address: Address;
  readonly kind: "article" | "item";
  /** 第3条（連携する取組及び役割分担） or the 取組 name. */
  readonly heading: string;
  /** The matching text, whole. */
  readonly text: string;
}

export type { AgreementDocument, LegalEventInput, Resolutions };
// Defined below the engine (the store and history use them too); part of the engine's answers.
export type { AsOfAnswer, AsOfFlags, AsOfOptions, AsOfVersion, HistoryEntry } from "../history/types.js";
export type { VerifyHead, VerifyProblem, VerifyReport } from "../store/types.js";

/** Turn a recorded draft (案) into a ratified event with its full dates. */
export interface RatifyRequest extends RecordMeta {
  readonly agreementId: string;
  readonly target: number;
  readonly dates: EventDates;
}

/** Add 議決日 to a recorded event (recorded as an event, not an edit). */
export interface ResolveRequest extends RecordMeta {
  readonly agreementId: string;
  readonly target: number;
  readonly resolutions: Resolutions;
}

/**
 * The kyoyaku engine: a store plus the pure history functions. Reads are synchronous
 * (better-sqlite3 is synchronous and fast); every write is one transaction.
 *
 * @example
 * const k = openKyoyaku({ path: "kyoyaku.db" });
 * k.record({ agreementId: "okayama-wake", event, recordedBy: "法規担当" });
 * k.asOf("okayama-wake", "2020-04-01").document?.articles.length; // 6
 */
export interface Kyoyaku {
  record(request: RecordRequest): RecordResult;
  /**
   * Record many legal events in ONE transaction: all land or none. Each request is checked
   * as {@link Kyoyaku.record} checks it, against the history before it — earlier requests of
   * the batch included, for any agreement; `expectedVersion` and the forward order of
   * `recordedAt` likewise. A source already recorded, or repeated within the batch, gives a
   * duplicate result as `record` does (`source.recorded-elsewhere` when it is in another
   * agreement). A refusal throws the `KyoyakuError` code `record` would throw, its message
   * and `details` (`index`, `agreementId`, `source`) naming the request, and writes nothing.
   * Results in request order; `[]` for an empty list. Each agreement is re-projected once
   * per call, and there is one commit: the fast way to import many events.
   *
   * @example
   * const results = k.recordMany([
   *   { agreementId: "okayama-wake", event: conclude, recordedBy: "法規担当", expectedVersion: 0 },
   *   { agreementId: "okayama-wake", event: amendment, recordedBy: "法規担当", expectedVersion: 1 },
   * ]);
   * results.map((r) => r.event.seq); // [1, 2]
   */
  recordMany(requests: readonly RecordRequest[]): readonly RecordResult[];
  ratify(request: RatifyRequest): RecordResult;
  resolve(request: ResolveRequest): RecordResult;
  correct(request: CorrectionRequest): RecordResult;
  /** Every agreement in the store. */
  agreements(): readonly AgreementSummary[];
  /** The raw stored events of one agreement, in sequence order. */
  events(agreementId: string): readonly StoredEvent[];
  /** Current version (last seq, 0 when the agreement has no events). */
  version(agreementId: string): number;
  /**
   * What was in force on a day. `date` (as in every read below: asOfVersion, inForce, search's
   * `on`, diff) is a whole day in any form the CLI takes — `2020-04-01`, `令和2年4月1日`,
   * `R2.4.1`; the answer's `date` is its ISO form. A day that does not exist throws
   * `input.invalid` with the date parser's issue.
   *
   * @example
   * k.asOf("okayama-wake", "令和2年4月1日").date; // "2020-04-01"
   */
  asOf(agreementId: string, date: IsoDate | string, options?: AsOfOptions): AsOfAnswer;
  /**
   * {@link Kyoyaku.asOf} without the document: which version was in force (its `root`,
   * `interval`, events and flags) or why none was. Without options it is one indexed lookup
   * in the version projection, nothing decoded; with `knownAt` or `withDrafts` it replays as
   * `asOf` does. Equal to `asOf` minus `document`.
   *
   * @example
   * k.asOfVersion("okayama-wake", "2020-04-01").root; // the same root as asOf(…).root
   */
  asOfVersion(agreementId: string, date: IsoDate | string, options?: AsOfOptions): AsOfVersion;
  timeline(agreementId: string, options?: AsOfOptions): Timeline;
  history(agreementId: string, options?: { readonly knownAt?: Instant }): readonly HistoryEntry[];
  inForce(date: IsoDate | string, options?: AsOfOptions & { readonly party?: string }): readonly InForceEntry[];
  search(text: string, options?: AsOfOptions & { readonly on?: IsoDate | string }): readonly SearchHit[];
  /**
   * What changed between two days (the data of a 新旧対照表); `from` and `to` in any form
   * {@link Kyoyaku.asOf} takes.
   *
   * @example
   * k.diff("okayama-wake", "R7.3.31", "令和7年4月1日").changes.length;
   */
  diff(agreementId: string, from: IsoDate | string, to: IsoDate | string, options?: AsOfOptions): DocumentDiff;
  verify(): VerifyReport;
  /** Drop and rebuild the projections from events alone. */
  rebuildProjections(): void;
  close(): void;
}
