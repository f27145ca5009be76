import type { Interval, IsoDate } from "../date/types.js";
import type { EventRef } from "../events/types.js";
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
