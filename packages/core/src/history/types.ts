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
  /** The 廃止 event, when there is one. */
  readonly abolishedBy?: EventRef;
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
