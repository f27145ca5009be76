/**
 * ISO calendar days (`YYYY-MM-DD`): validation, comparison and day arithmetic.
 *
 * All arithmetic is done on UTC midnights: a UTC day has no daylight-saving gaps, so the
 * machine's time zone can never shift a day (date-fns' `addDays` works in local time and
 * would, e.g. across a DST change or Pacific/Apia's skipped 2011-12-30).
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import type { IsoDate } from "./types.js";

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const DAY_MS = 86_400_000;

/**
 * True when `year` is a leap year of the proleptic Gregorian calendar.
 *
 * @example
 * isLeapYear(2000); // true
 * isLeapYear(2100); // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (1-based month) of the proleptic Gregorian calendar.
 *
 * @example
 * daysInMonth(2024, 2); // 29
 * daysInMonth(2025, 4); // 30
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * `YYYY-MM-DD` from numbers (zero-padded; no validation).
 *
 * @example
 * isoOf(2025, 4, 1); // "2025-04-01"
 */
export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Split an ISO day into numbers, or `undefined` when it is not a real calendar day.
 *
 * @example
 * splitIso("2025-04-01"); // { year: 2025, month: 4, day: 1 }
 * splitIso("2025-02-29"); // undefined
 */
export function splitIso(iso: string): { year: number; month: number; day: number } | undefined {
  if (typeof iso !== "string") return undefined;
  const m = ISO_RE.exec(iso);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * True when `s` is a real calendar day written `YYYY-MM-DD` (years 0001–9999).
 *
 * @example
 * isIsoDate("2024-02-29"); // true
 * isIsoDate("2025-02-29"); // false (not a leap year)
 * isIsoDate("2025-4-1");   // false (not zero-padded)
 */
export function isIsoDate(s: string): boolean {
  return splitIso(s) !== undefined;
}

/**
 * Compare two ISO days (they sort as strings).
 *
 * @example
 * compareIsoDates("2019-04-30", "2019-05-01"); // -1
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toUtcMs(iso: IsoDate, what: string): number {
  const p = splitIso(iso);
  if (!p) throw new KyoyakuError("input.invalid", `${what}: 「${String(iso)}」はYYYY-MM-DD形式の暦日ではない`);
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day); // setUTCFullYear keeps years 1–99 as written (Date.UTC would map them to 19xx)
  return d.getTime();
}

function fromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Add `n` days (negative to go back) to an ISO day. Throws `KyoyakuError("input.invalid")`
 * for a malformed day, a non-integer `n`, or a result outside years 0001–9999.
 *
 * @example
 * addDays("2019-04-30", 1); // "2019-05-01"
 * addDays("2024-03-01", -1); // "2024-02-29"
 */
export function addDays(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new KyoyakuError("input.invalid", `addDays: ${String(n)}は整数の日数ではない`);
  const out = fromUtcMs(toUtcMs(iso, "addDays") + n * DAY_MS);
  if (!isIsoDate(out)) throw new KyoyakuError("input.invalid", `addDays: ${iso}の${n}日後は0001〜9999年の範囲の外`);
  return out;
}

/**
 * Whole days from `a` to `b` (`b - a`).
 *
 * @example
 * daysBetween("2019-04-30", "2019-05-01"); // 1
 */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b, "daysBetween") - toUtcMs(a, "daysBetween")) / DAY_MS);
}
