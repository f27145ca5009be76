import type { Interval, IsoDate } from "../date/types.js";
import type { EventRef } from "../events/types.js";
import type { Address } from "../model/address.js";

/** The provision levels a change list speaks of. */
export type ProvisionLevel =
  | "document" | "party" | "article" | "paragraph" | "item" | "appendix" | "section" | "appendixItem" | "field" | "supplementary";

/**
 * One provision-level change between two versions.
 */
export interface ProvisionChange {
  readonly address: Address;
  readonly level: ProvisionLevel;
  readonly change: "added" | "removed" | "replaced" | "moved";
  /** The node before (absent when added). */
  readonly before?: unknown;
  /** The node after (absent when removed). */
  readonly after?: unknown;
  /** For `moved`: where it was. */
  readonly movedFrom?: Address;
  /**
   * The address in the older version when it differs from `address`: set for `moved` (same
   * as `movedFrom`) and for a `replaced` node that was renamed (a 取組 whose name changed).
   */
  readonly beforeAddress?: Address;
  /** The event that made the change, with its 適用日. */
  readonly event?: EventRef;
}

/** One RFC 6902 operation (as fast-json-patch produces). */
export interface JsonPatchOperation {
  readonly op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

/** The difference between the versions in force on two dates. */
export interface DocumentDiff {
  readonly agreementId?: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The older version (absent when nothing was in force on `from`). */
  readonly before?: { readonly root: string; readonly interval: Interval };
  readonly after?: { readonly root: string; readonly interval: Interval };
  /** Applying `patch` to the older document gives the newer, exactly. */
  readonly patch: readonly JsonPatchOperation[];
  readonly changes: readonly ProvisionChange[];
}
