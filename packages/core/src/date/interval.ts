/**
 * Half-open intervals of days, `[from, to)`; `to: null` is open-ended. (date-fns'
 * `isWithinInterval` includes its end, which is why it is not used here.)
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import { isIsoDate } from "./calendar.js";
import type { Interval, IsoDate } from "./types.js";

/**
 * Build an interval `[from, to)`. Throws `KyoyakuError("input.invalid")` when a day is
 * malformed or `to <= from` (an empty interval is always a mistake here).
 *
 * @example
 * interval("2016-10-11", "2025-04-01"); // { from: "2016-10-11", to: "2025-04-01" }
 * interval("2025-04-01", null);          // open-ended
 */
export function interval(from: IsoDate, to: IsoDate | null): Interval {
  if (!isIsoDate(from)) throw new KyoyakuError("input.invalid", `interval: 「${String(from)}」はYYYY-MM-DD形式の暦日ではない`);
  if (to !== null && !isIsoDate(to)) throw new KyoyakuError("input.invalid", `interval: 「${String(to)}」はYYYY-MM-DD形式の暦日ではない`);
  if (to !== null && to <= from) throw new KyoyakuError("input.invalid", `interval: 終わり${to}は始まり${from}より後でなければならない（期間は[from, to)）`);
  return Object.freeze({ from, to });
}

/**
 * True when the day is in `[from, to)`.
 *
 * @example
 * intervalContains(interval("2016-10-11", "2025-04-01"), "2025-03-31"); // true
 * intervalContains(interval("2016-10-11", "2025-04-01"), "2025-04-01"); // false (the end is excluded)
 */
export function intervalContains(i: Interval, date: IsoDate): boolean {
  return i.from <= date && (i.to === null || date < i.to);
}

/**
 * True when two intervals share at least one day. Touching intervals (`a.to === b.from`)
 * do not overlap.
 *
 * @example
 * intervalsOverlap(interval("2020-01-01", "2021-01-01"), interval("2021-01-01", null)); // false
 */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return (b.to === null || a.from < b.to) && (a.to === null || b.from < a.to);
}
