/**
 * Periods of time as the 民法 counts them (第140条〜第143条), for the clauses of an agreement
 * that end it a fixed time after an act: 「通告した日から起算して2年を経過した日」,
 * 「通告の日の属する年度の末日」.
 *
 * - 第140条: a period in days, weeks, months or years does not count its first day
 *   (初日不算入), unless it begins at midnight. In drafting, 「…の日から起算して」 says the
 *   first day is counted: the 起算日 is that day. Without 起算して, the 起算日 is the next day.
 * - 第141条: a period ends at the end of its last day.
 * - 第143条: weeks, months and years follow the calendar; the period ends on the day before
 *   the day of the last month or year that corresponds to the 起算日 (応当日). When the last
 *   month has no such day (a 31st, or 2月29日 in a common year), it ends on that month's last day.
 * - 「…を経過した日」 is the day after the period's last day.
 *
 * Pure functions on ISO days; no time zone is involved.
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import { addDays, daysInMonth, isoOf, splitIso } from "./calendar.js";
import { eraByName, eraFirstYear } from "./era.js";
import { parseJpNumeral } from "./numerals.js";
import type { EraName, IsoDate } from "./types.js";

/** The unit of a period: 年, 月 (箇月・か月・ヶ月), 週, 日. */
export type PeriodUnit = "year" | "month" | "week" | "day";

/** A length of time such as 2年 or 6箇月. */
export interface Period {
  readonly amount: number;
  readonly unit: PeriodUnit;
}

function split(iso: IsoDate, what: string): { year: number; month: number; day: number } {
  const d = splitIso(iso);
  if (d === undefined) throw new KyoyakuError("input.invalid", `${what}: ${JSON.stringify(iso)}は暦日（YYYY-MM-DD）ではない`);
  return d;
}

/**
 * The last day of a period whose first counted day (起算日) is `start` (民法第143条).
 *
 * @example
 * periodLastDay("2024-04-01", { amount: 2, unit: "year" }); // "2026-03-31"
 * periodLastDay("2024-02-29", { amount: 1, unit: "year" }); // "2025-02-28" (no 2月29日 in 2025: the month's last day)
 * periodLastDay("2024-01-31", { amount: 1, unit: "month" }); // "2024-02-29"
 * periodLastDay("2024-04-01", { amount: 10, unit: "day" }); // "2024-04-10"
 */
export function periodLastDay(start: IsoDate, period: Period): IsoDate {
  if (!Number.isInteger(period.amount) || period.amount < 1) {
    throw new KyoyakuError("input.invalid", `periodLastDay: 期間${String(period.amount)}は正の整数ではない`);
  }
  const s = split(start, "periodLastDay");
  if (period.unit === "day") return addDays(start, period.amount - 1);
  if (period.unit === "week") return addDays(start, period.amount * 7 - 1);
  const months = period.unit === "year" ? period.amount * 12 : period.amount;
  const index = s.month - 1 + months;
  const year = s.year + Math.floor(index / 12);
  const month = (index % 12) + 1;
  // No corresponding day in the last month: the period ends on that month's last day.
  if (s.day > daysInMonth(year, month)) return isoOf(year, month, daysInMonth(year, month));
  return addDays(isoOf(year, month, s.day), -1);
}

/**
 * The day a period counted from `from` has passed (「…を経過した日」): the day after its last day.
 * `countFirstDay` is true for 「…の日から起算して」 (the first day counts); false applies
 * 民法第140条 (初日不算入: counting starts the next day).
 *
 * @example
 * dayAfterPeriod("2025-03-10", { amount: 2, unit: "year" }, true); // "2027-03-10"
 * dayAfterPeriod("2025-03-10", { amount: 2, unit: "year" }, false); // "2027-03-11"
 * dayAfterPeriod("2024-02-29", { amount: 1, unit: "year" }, true); // "2025-03-01"
 */
export function dayAfterPeriod(from: IsoDate, period: Period, countFirstDay: boolean): IsoDate {
  const start = countFirstDay ? from : addDays(from, 1);
  return addDays(periodLastDay(start, period), 1);
}

/**
 * The last day (3月31日) of the 年度 (April to March) that `date` falls in, `offset` 年度 later
 * (1 for 「翌年度の末日」).
 *
 * @example
 * fiscalYearEnd("2025-04-01"); // "2026-03-31"
 * fiscalYearEnd("2026-03-31"); // "2026-03-31"
 * fiscalYearEnd("2026-01-15", 1); // "2027-03-31"
 */
export function fiscalYearEnd(date: IsoDate, offset = 0): IsoDate {
  const d = split(date, "fiscalYearEnd");
  const fy = d.month >= 4 ? d.year : d.year - 1;
  return isoOf(fy + 1 + offset, 3, 31);
}

/**
 * The first day out of force for a day a text names as the last in force: 「令和8年3月31日限り」,
 * 「…をもって」, 「年度の末日限り」 — in force through that day (民法第141条: to its end), gone
 * from the next. The one place this day is computed (廃止 「…限り」, 通告 「…末日限り」, 期間満了).
 *
 * @example
 * outOfForceFrom("2026-03-31"); // "2026-04-01"
 * outOfForceFrom("2028-02-29"); // "2028-03-01"
 */
export function outOfForceFrom(lastDayInForce: IsoDate): IsoDate {
  return addDays(lastDayInForce, 1);
}

/** The era-year of a 年度 as written: 「令和7年度」 → 令和, 7 (「元年度」 is 1). */
const FISCAL_WRITTEN = /^(明治|大正|昭和|平成|令和)([元0-9０-９一二三四五六七八九十〇]+)年度(?:の)?末日$/u;

/**
 * 「令和7年度の末日」: the last day of that 年度, 3月31日 of the next calendar year (a 年度 runs
 * from 4月1日 to 3月31日) — `undefined` when the words are not a 年度の末日 or the numeral is
 * malformed.
 *
 * @example
 * fiscalYearLastDay("令和7年度の末日"); // "2026-03-31"
 * fiscalYearLastDay("平成30年度末日"); // "2019-03-31"
 * fiscalYearLastDay("令和元年度の末日"); // "2020-03-31"
 */
export function fiscalYearLastDay(words: string): IsoDate | undefined {
  const m = FISCAL_WRITTEN.exec(words.normalize("NFKC").replace(/[ \u3000]+/gu, ""));
  if (!m) return undefined;
  const n = m[2] === "元" ? 1 : parseJpNumeral(m[2]!);
  if (n === undefined || n < 1) return undefined;
  const start = eraFirstYear(eraByName(m[1] as EraName)) + n - 1;
  return isoOf(start + 1, 3, 31);
}
