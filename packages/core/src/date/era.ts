/**
 * The five modern eras (元号) and conversion of ISO days to wareki (和暦).
 *
 * Each era's first day is the day it legally began (proleptic Gregorian). 明治 is read as
 * beginning on 1868-10-23 (明治元年9月8日 in the old calendar, the day of the proclamation)
 * for ISO → wareki; for reading texts, see docs/dates.md (明治 dates before 1873 are read
 * with Gregorian month and day).
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import { addDays, splitIso } from "./calendar.js";
import type { EraName, IsoDate } from "./types.js";

/** One era: its name, first day and last day (inclusive; `null` for the current era). */
export interface Era {
  readonly name: EraName;
  /** First day, inclusive. */
  readonly start: IsoDate;
  /** First day of the next era (exclusive end), or `null` for the current era. */
  readonly end: IsoDate | null;
}

/** The eras in order. Intervals are half-open: `[start, end)`. */
export const ERAS: readonly Era[] = Object.freeze([
  Object.freeze({ name: "明治", start: "1868-10-23", end: "1912-07-30" }),
  Object.freeze({ name: "大正", start: "1912-07-30", end: "1926-12-25" }),
  Object.freeze({ name: "昭和", start: "1926-12-25", end: "1989-01-08" }),
  Object.freeze({ name: "平成", start: "1989-01-08", end: "2019-05-01" }),
  Object.freeze({ name: "令和", start: "2019-05-01", end: null }),
] as const satisfies readonly Era[]);

/** The first day kyoyaku converts to wareki (明治 proclaimed). */
export const FIRST_WAREKI_DAY: IsoDate = "1868-10-23";

/**
 * The era record for a name.
 *
 * @example
 * eraByName("平成").end; // "2019-05-01"
 */
export function eraByName(name: EraName): Era {
  const e = ERAS.find((x) => x.name === name);
  if (!e) throw new KyoyakuError("input.invalid", `元号「${String(name)}」は知らない`);
  return e;
}

/**
 * Gregorian year of the era's 元年.
 *
 * @example
 * eraFirstYear(eraByName("令和")); // 2019
 */
export function eraFirstYear(era: Era): number {
  return Number(era.start.slice(0, 4));
}

/**
 * The era's last era-year, or `undefined` for the current era.
 *
 * @example
 * eraLastYear(eraByName("平成")); // 31
 * eraLastYear(eraByName("昭和")); // 64
 */
export function eraLastYear(era: Era): number | undefined {
  return era.end === null ? undefined : Number(addDays(era.end, -1).slice(0, 4)) - eraFirstYear(era) + 1;
}

/**
 * Write an era year: 元年 for 1, else the number.
 *
 * @example
 * eraYearText(1); // "元"
 */
export function eraYearText(year: number): string {
  return year === 1 ? "元" : String(year);
}

/**
 * The era and era-year of an ISO day. Throws `KyoyakuError("input.invalid")` for a
 * malformed day or one before 1868-10-23.
 *
 * @example
 * eraOf("2019-05-01"); // { name: "令和", year: 1 }
 * eraOf("1989-01-07"); // { name: "昭和", year: 64 }
 */
export function eraOf(iso: IsoDate): { name: EraName; year: number } {
  const p = splitIso(iso);
  if (!p) throw new KyoyakuError("input.invalid", `「${String(iso)}」はYYYY-MM-DD形式の暦日ではない`);
  if (iso < FIRST_WAREKI_DAY) {
    throw new KyoyakuError("input.invalid", `${iso}は明治より前（和暦は${FIRST_WAREKI_DAY}から書ける）`);
  }
  let era: Era = ERAS[0]!;
  for (const e of ERAS) if (e.start <= iso) era = e;
  return { name: era.name, year: p.year - eraFirstYear(era) + 1 };
}

/**
 * Write an ISO day in wareki, as Japanese documents print it: 令和7年4月1日, with 元年 for the
 * first year. Throws `KyoyakuError("input.invalid")` for a malformed ISO day or one before
 * 1868-10-23.
 *
 * @example
 * toWareki("2025-04-01"); // "令和7年4月1日"
 * toWareki("2019-05-01"); // "令和元年5月1日"
 * toWareki("1989-01-07"); // "昭和64年1月7日"
 */
export function toWareki(iso: IsoDate): string {
  const { name, year } = eraOf(iso);
  const p = splitIso(iso)!;
  return `${name}${eraYearText(year)}年${p.month}月${p.day}日`;
}
