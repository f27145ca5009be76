/**
 * Dates for reports: wareki first, ISO beside, e.g. 「令和7年4月1日（2025-04-01）」.
 *
 * @module
 */
import { dateLabel, type IsoDate } from "@kyoyaku/core";

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
