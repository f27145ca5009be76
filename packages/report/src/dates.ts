/**
 * Dates for reports: wareki first, ISO beside, e.g. 「令和7年4月1日（2025-04-01）」.
 *
 * @module
 */
import { dateLabel, type Instant, type IsoDate } from "@kyoyaku/core";

/**
 * A day in wareki with its ISO form beside it (core's dateLabel, wareki first); 「—」 for
 * no date. Days before 明治 are printed in ISO alone, never a guess.
 *
 * @example
 * formatDay("2025-04-01"); // "令和7年4月1日（2025-04-01）"
 * formatDay(undefined); // "—"
 */
export function formatDay(iso: IsoDate | undefined): string {
  if (iso === undefined || iso === "") return "—";
  return dateLabel(iso);
}

/**
 * An instant in Japan time with the ISO instant beside it, as history and the timeline print
 * 記録日時; an instant that does not parse is returned as it is.
 *
 * @example
 * formatInstant("2026-11-21T09:30:00.000Z"); // "2026-11-21 18:30:00 日本時間（2026-11-21T09:30:00.000Z）"
 */
export function formatInstant(instant: Instant): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  return `${new Date(t + 9 * 3_600_000).toISOString().replace("T", " ").slice(0, 19)} 日本時間（${instant}）`;
}
