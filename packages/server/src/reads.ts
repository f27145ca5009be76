/**
 * The reads the API and the viewer share: each is the engine call the CLI makes for the
 * same question, with the same options (knownAt, drafts).
 *
 * @module
 */
import { endKindOf, knownBy, type AsOfOptions, type DocumentDiff, type EndKind, type EventRef, type HistoryEntry, type Instant, type Interval, type IsoDate, type Kyoyaku, type StoredEvent } from "@kyoyaku/core";
import { renderAudit, renderComparisonTable } from "@kyoyaku/report";
import { publicEntry, publicEvent } from "./paths.js";

/**
 * The as-of options from the request's knownAt and drafts.
 *
 * @example
 * asOfOptions(undefined, true); // { withDrafts: true }
 */
export function asOfOptions(knownAt: Instant | undefined, drafts: boolean): AsOfOptions {
  return { ...(knownAt !== undefined && { knownAt }), ...(drafts && { withDrafts: true }) };
}

/** One version on the time axis: its interval, root and the events that made it (no document). */
export interface VersionSummary {
  readonly interval: Interval;
  readonly root: string;
  readonly changedBy: readonly EventRef[];
}

/** The timeline of an agreement without documents: versions, 廃止, drafts, and every event with both times. */
export interface TimelineAnswer {
  readonly agreementId: string;
  readonly knownAt?: Instant;
  readonly withDrafts: boolean;
  readonly versions: readonly VersionSummary[];
  readonly abolishedFrom?: IsoDate;
  readonly abolishedBy?: EventRef;
  /** Why nothing is in force from `abolishedFrom` when it is not a 廃止 (通告による失効, 期間満了). */
  readonly endReason?: string;
  /** What ended it on `abolishedFrom`: 廃止, 通告による失効 or 期間満了 (`END_KIND_LABEL`). */
  readonly endedBy?: EndKind;
  readonly draftsExcluded: readonly EventRef[];
  readonly draftsApplied: readonly EventRef[];
  readonly exclusions: readonly { readonly seq: number; readonly reason: string }[];
  /** Every event (as `history` lists them), in valid-time order. */
  readonly entries: readonly HistoryEntry[];
}

/**
 * The timeline of `id` as known at `options.knownAt`.
 *
 * @example
 * timelineAnswer(k, "okayama-wake", {}).versions[0]?.interval.from; // "2016-10-11"
 */
export function timelineAnswer(k: Kyoyaku, id: string, options: AsOfOptions): TimelineAnswer {
  const t = k.timeline(id, options);
  const entries = k.history(id, options.knownAt !== undefined ? { knownAt: options.knownAt } : {}).map(publicEntry);
  return {
    agreementId: id,
    ...(options.knownAt !== undefined && { knownAt: options.knownAt }),
    withDrafts: options.withDrafts === true,
    versions: t.versions.map((v) => ({ interval: v.interval, root: v.root, changedBy: v.changedBy })),
    ...(t.abolishedFrom !== undefined && { abolishedFrom: t.abolishedFrom }),
    ...(t.abolishedBy !== undefined && { abolishedBy: t.abolishedBy }),
    ...(t.endReason !== undefined && { endReason: t.endReason }),
    ...(t.abolishedFrom !== undefined && { endedBy: endKindOf(t)! }),
    draftsExcluded: t.draftsExcluded,
    draftsApplied: t.draftsApplied,
    exclusions: t.exclusions ?? [],
    entries,
  };
}

/**
 * The 新旧対照表 between the versions in force on `from` and `to`, as `kyoyaku diff --format`
 * renders it (the documents let it show headings and elide unchanged provisions).
 *
 * @example
 * comparison(k, "okayama-wake", "2025-03-31", "2025-04-01", {}, "md").text.startsWith("# 新旧対照表"); // true
 */
export function comparison(k: Kyoyaku, id: string, from: IsoDate, to: IsoDate, options: AsOfOptions, format: "html" | "md" | "text"): { diff: DocumentDiff; text: string } {
  const diff = k.diff(id, from, to, options);
  const before = k.asOf(id, from, options).document;
  const after = k.asOf(id, to, options).document;
  const text = renderComparisonTable(diff, { format, ...(before && { before }), ...(after && { after }) });
  return { diff, text };
}

/**
 * The stored events and history entries an audit report is made of, as known at `knownAt`.
 *
 * @example
 * auditInput(k, "okayama-wake").events.length; // every recorded event
 */
export function auditInput(k: Kyoyaku, id: string, knownAt?: Instant): { events: readonly StoredEvent[]; entries: readonly HistoryEntry[] } {
  const events = knownBy(k.events(id), knownAt).map(publicEvent);
  const entries = k.history(id, knownAt !== undefined ? { knownAt } : {}).map(publicEntry);
  return { events, entries };
}

/**
 * The audit report of `id` (renderAudit), in a format.
 *
 * @example
 * audit(k, "okayama-wake", "json", undefined); // "{\n  \"agreementId\": \"okayama-wake\", …"
 */
export function audit(k: Kyoyaku, id: string, format: "json" | "html" | "md" | "text", knownAt?: Instant, knownAtText?: string): string {
  const { events, entries } = auditInput(k, id, knownAt);
  return renderAudit(events, entries, { format, agreementId: id, ...(knownAt !== undefined && { knownAt, knownAtText: knownAtText ?? knownAt }) });
}
