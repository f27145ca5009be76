import type { Instant, Interval, IsoDate } from "../date/types.js";
import type { EventDates, EventKind, EventRef } from "../events/types.js";
import type { Address } from "../model/address.js";
import type { AgreementDocument } from "../model/document.js";

/**
 * One version of an agreement: the document in force during `interval`, half-open
 * `[from, to)` (`to: null` while nothing later is known).
 */
export interface Version {
  readonly interval: Interval;
  readonly document: AgreementDocument;
  /** Content hash of `document` (canonical JSON), also its root in the node store. */
  readonly root: string;
  /** Every event applied to reach this version, in valid-time order. */
  readonly events: readonly EventRef[];
  /** The events whose (operation's) 適用日 is `interval.from`: what made this version. */
  readonly changedBy: readonly EventRef[];
}

/**
 * The valid-time history of one agreement as seen from a given knowledge state: versions
 * in date order, gap-free, plus what ends or precedes them.
 */
export interface Timeline {
  readonly versions: readonly Version[];
  /** 適用日 of a ratified 廃止: not in force from this date on. */
  readonly abolishedFrom?: IsoDate;
  /** The 廃止 event, when there is one; the 通告 whose 失効日 ended it (`kind: "notice"`, `appliesFrom` the 失効日). */
  readonly abolishedBy?: EventRef;
  /** Why nothing is in force from `abolishedFrom` when it is not a 廃止: 「通告による失効（#3、失効日 …）」. */
  readonly endReason?: string;
  /** The agreement's fixed term (期間の定め), when its text has one, and what became of it. */
  readonly term?: TermState;
  /** Every 通告 that applies, with its 失効日 and what became of it. */
  readonly notices?: readonly NoticeState[];
  /** Drafts that exist and were not applied. */
  readonly draftsExcluded: readonly EventRef[];
  /** Drafts applied because `withDrafts` was asked. */
  readonly draftsApplied: readonly EventRef[];
  /**
   * Why each excluded draft (and any event that could not be placed, e.g. no 適用日) was
   * left out, by seq. Added for drafts that cannot apply (no usable 適用日, a missing
   * target, after the 廃止).
   */
  readonly exclusions?: readonly { readonly seq: number; readonly reason: string }[];
}

/** A 通告 as the timeline reads it. */
export interface NoticeState {
  readonly seq: number;
  readonly party: string;
  /** 通告日. */
  readonly notifiedOn: IsoDate;
  /** 失効日 computed from the 通告 clause in force on the 通告日. */
  readonly expiresOn: IsoDate;
  /** The provision the 失効日 was read from. */
  readonly clause: string;
  /** `ended` the agreement; `withdrawn` (by `withdrawnBy`) or `superseded` (an earlier end came first). */
  readonly outcome: "ended" | "withdrawn" | "superseded";
  readonly withdrawnBy?: number;
}

/** A fixed term (期間の定め) as the timeline reads it. */
export interface TermState {
  /** The term as written: 「…から…までとする」. */
  readonly from: IsoDate;
  readonly until: IsoDate;
  /** The last day in force after the recorded 更新 (renew events). */
  readonly last: IsoDate;
  /** The provision the term was read from. */
  readonly clause: string;
  /** 自動延長: years each extension adds, and how many months before the end an objection must come. */
  readonly autoRenewal?: { readonly years: number; readonly noticeMonths: number };
  /**
   * `expired`: nothing is in force from the day after `last` (期間満了); `running`: `last` is
   * after everything recorded ended or is still ahead; `unrecorded`: the clause renews
   * automatically and neither a 更新 nor a 更新拒絶 is recorded for the end on `last` — the
   * agreement is answered in force from `unrecordedFrom` on, with the flag 自動更新（記録なし）.
   */
  readonly outcome: "expired" | "running" | "unrecorded";
  readonly unrecordedFrom?: IsoDate;
  /** The recorded 更新 events applied, and the 更新拒絶 that ended it. */
  readonly renewedBy: readonly number[];
  readonly declinedBy?: number;
}

// The answers of the as-of and history reads (engine, store projections and history alike).

/** Options shared by every as-of read. */
export interface AsOfOptions {
  /** Answer from what had been recorded by this instant (the audit question). */
  readonly knownAt?: Instant;
  /** Treat pending drafts (案) as ratified as they stand. */
  readonly withDrafts?: boolean;
}

/** Flags on an as-of answer. */
export interface AsOfFlags {
  /** Drafts that exist but were not applied (without `withDrafts`). */
  readonly draftsExcluded: readonly EventRef[];
  /** Drafts applied because of `withDrafts`. */
  readonly draftsApplied: readonly EventRef[];
  /** Events in the answer applied retroactively. */
  readonly retroactive: readonly EventRef[];
  /** Parts of the document that are not known (see AgreementDocument.unknown). */
  readonly unknownParts: readonly Address[];
  /** Parties whose 議決日 is missing for an event in the answer. */
  readonly missingResolutions: readonly { readonly seq: number; readonly party: string }[];
  /**
   * 自動更新（記録なし）: the date is after the last day of a fixed term whose clause renews it
   * automatically, and neither a 更新 nor a 更新拒絶 is recorded: the answer (in force) depends on it.
   */
  readonly renewalUnrecorded?: string;
}

/**
 * Which version was in force on date X, without its document: the answer of
 * `Kyoyaku.asOfVersion`, and everything of an {@link AsOfAnswer} but the document.
 */
export interface AsOfVersion {
  readonly agreementId: string;
  readonly date: IsoDate;
  readonly knownAt?: Instant;
  readonly withDrafts: boolean;
  readonly inForce: boolean;
  /** Why not in force, e.g. 「2016-10-11 (最初の適用日) より前」 or 「2030-04-01 に廃止」. */
  readonly reason?: string;
  /** Content hash of the version's document: its root in the node store. */
  readonly root?: string;
  /** Validity of this version, half-open `[from, to)`. */
  readonly interval?: Interval;
  /** The events that made this version, in valid-time order. */
  readonly events: readonly EventRef[];
  readonly flags: AsOfFlags;
}

/** Answer to "what was in force on date X". */
export interface AsOfAnswer extends AsOfVersion {
  readonly document?: AgreementDocument;
}

/** One line of `history`: an event with both times. */
export interface HistoryEntry {
  readonly seq: number;
  readonly kind: EventKind;
  /** `ratified`, `draft` (pending), or `retracted` (withdrawn by a 訂正). */
  readonly status: "ratified" | "draft" | "retracted";
  /** Effective dates after ratifications, resolutions and corrections known by then. */
  readonly dates?: EventDates;
  readonly parties: readonly string[];
  readonly recordedAt: Instant;
  readonly recordedBy: string;
  readonly sourceName?: string;
  readonly sourceSha256?: string;
  readonly retroactive: boolean;
  /** Recorded after an event with a later 適用日 (an older change registered last). */
  readonly outOfOrder: boolean;
  /** For record events: the event they are about. */
  readonly target?: number;
  /** Seqs of record events (ratify/resolve/correct) that changed this one. */
  readonly amendedBy: readonly number[];
  /** Parties of the event whose 議決日 is not recorded. */
  readonly missingResolutions: readonly string[];
  /** One-line summary of what it changed. */
  readonly summary: string;
}
