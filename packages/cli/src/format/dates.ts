/**
 * Dates as the CLI prints them: wareki first (the legal reading), ISO beside it — core's
 * dateLabel and warekiLabel, the same forms the reports and messages use.
 *
 * @module
 */
import { addDays, dateLabel, warekiLabel, type Instant, type Interval, type IsoDate } from "@kyoyaku/core";

/**
 * `令和2年4月1日（2020-04-01）`: core's `dateLabel(iso)`.
 *
 * @example
 * jpDate("2019-05-01"); // "令和元年5月1日（2019-05-01）"
 */
export function jpDate(iso: IsoDate): string {
  return dateLabel(iso);
}

/**
 * A half-open version interval `[from, to)` in legal style: the last day in force is the
 * day before `to`.
 *
 * @example
 * jpInterval({ from: "2016-10-11", to: "2025-04-01" });
 * // "平成28年10月11日から令和7年3月31日まで [2016-10-11, 2025-04-01)"
 * jpInterval({ from: "2016-10-11", to: null });
 * // "平成28年10月11日から（終期なし） [2016-10-11, …)"
 */
export function jpInterval(i: Interval): string {
  const iso = `[${i.from}, ${i.to ?? "…"})`;
  if (i.to === null) return `${warekiLabel(i.from)}から（終期なし） ${iso}`;
  return `${warekiLabel(i.from)}から${warekiLabel(addDays(i.to, -1))}まで ${iso}`;
}

/**
 * An instant as UTC ISO plus Japan time, e.g. `2026-11-21T09:30:00.000Z（日本時間 2026-11-21 18:30:00）`.
 *
 * @example
 * jpInstant("2026-11-21T09:30:00.000Z"); // "2026-11-21T09:30:00.000Z（日本時間 2026-11-21 18:30:00）"
 */
export function jpInstant(instant: Instant): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const jst = new Date(t + 9 * 3600_000).toISOString().replace("T", " ").slice(0, 19);
  return `${instant}（日本時間 ${jst}）`;
}
