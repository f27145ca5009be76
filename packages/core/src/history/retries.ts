/**
 * Retries of a ratify or resolve (a lost answer, a double click, a script run twice): the
 * same request sent again records nothing and is answered with the event recorded the first
 * time. The CLI and the HTTP API both ask here, so `kyoyaku ratify` run twice and the same
 * POST sent twice behave alike (docs/http.md, *Writes*; docs/cli.md).
 *
 * @module
 */
import type { HistoryEntry, RecordResult } from "../engine/types.js";
import type { EventDates, Resolutions, StoredEvent } from "../events/types.js";
import { canonicalJson } from "../model/canonical.js";

/** The last record event of `kind` about event `seq`. */
function lastRecord(events: readonly StoredEvent[], seq: number, kind: "ratify" | "resolve"): StoredEvent | undefined {
  return events.findLast((e) => e.record?.kind === kind && e.record.target === seq);
}

/**
 * The ratify already recorded for `target` with exactly these `dates` (the whole dates the
 * ratify would record), if the target is ratified by it; else undefined (ratify for real —
 * other dates for a ratified draft are still refused by the rules).
 *
 * @example
 * const prior = ratifyRetryOf(k.events(id), entry, dates);
 * if (prior !== undefined) return { duplicate: true, event: prior };
 */
export function ratifyRetryOf(events: readonly StoredEvent[], target: HistoryEntry, dates: EventDates): StoredEvent | undefined {
  if (target.status !== "ratified") return undefined;
  const before = lastRecord(events, target.seq, "ratify");
  return before?.record?.kind === "ratify" && canonicalJson(before.record.dates) === canonicalJson(dates) ? before : undefined;
}

/**
 * The record event that gave `target` its 議決日, when every date in `resolutions` is already
 * recorded for it as given (a retry); else undefined (resolve for real).
 *
 * @example
 * resolveRetryOf(k.events("okayama-wake"), entry, { 岡山市: "2016-09-30" }); // the resolve #4 that added it
 */
export function resolveRetryOf(events: readonly StoredEvent[], target: HistoryEntry, resolutions: Resolutions): StoredEvent | undefined {
  const known = target.dates?.resolutions ?? {};
  if (!Object.entries(resolutions).every(([party, date]) => known[party] === date)) return undefined;
  return lastRecord(events, target.seq, "resolve") ?? lastRecord(events, target.seq, "ratify");
}

/**
 * Record unless it is a retry: `prior()` (a {@link ratifyRetryOf} or {@link resolveRetryOf}
 * over fresh events) is asked before, and again if `record()` is refused — another process
 * may have recorded the same request in between (two `kyoyaku ratify` run at once), which
 * makes this one a retry, not a mistake.
 *
 * @example
 * const r = recordUnlessRetry(() => ratifyRetryOf(k.events(id), entryOf(), dates), () => k.ratify(request));
 * r.duplicate; // true when the same ratify was recorded before
 */
export function recordUnlessRetry(prior: () => StoredEvent | undefined, record: () => RecordResult): RecordResult {
  const duplicate = (e: StoredEvent): RecordResult => ({ agreementId: e.agreementId, event: e, duplicate: true, issues: [] });
  const before = prior();
  if (before !== undefined) return duplicate(before);
  try {
    return record();
  } catch (e) {
    const raced = prior();
    if (raced !== undefined) return duplicate(raced);
    throw e;
  }
}
