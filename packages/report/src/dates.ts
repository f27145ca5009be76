/**
 * Dates for reports: wareki first, ISO beside, e.g. 「令和7年4月1日（2025-04-01）」.
 *
 * @module
 */
import { toWareki, type IsoDate } from "@kyoyaku/core";

/**
 * A day in wareki with its ISO form beside it; 「—」 for no date.
 *
 * @example
 * formatDay("2025-04-01"); // "令和7年4月1日（2025-04-01）"
 */
export function formatDay(iso: IsoDate | undefined): string {
  if (iso === undefined || iso === "") return "—";
  try {
    return `${toWareki(iso)}（${iso}）`;
  } catch {
    // Days before 明治 cannot be printed in wareki: ISO alone, never a guess.
    return iso;
  }
}
