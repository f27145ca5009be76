/**
 * Date types shared by every package. Valid-time dates are calendar days written as ISO
 * strings (`YYYY-MM-DD`), which sort and compare as plain strings; what the document said
 * (wareki, kanji numerals, a blank day) is kept beside the meaning in {@link JpDate}.
 *
 * Intervals are half-open everywhere in kyoyaku: `[from, to)` contains `from` and stops the
 * day before `to`; `to === null` means "open-ended". (date-fns' `isWithinInterval` includes
 * its end: do not use it for these.)
 *
 * @module
 */

/** A calendar day in ISO form, `YYYY-MM-DD` (proleptic Gregorian, no time zone). */
export type IsoDate = string;

/** A system-time instant in ISO 8601 UTC form, e.g. `2026-11-21T09:30:00.000Z`. */
export type Instant = string;

/** The five modern eras (元号) that kyoyaku reads and prints. */
export type EraName = "明治" | "大正" | "昭和" | "平成" | "令和";

/** How much of a date is known. Only `day` dates have an ISO form. */
export type DatePrecision = "day" | "month" | "year" | "none";

/**
 * A date as a document wrote it, with what it means.
 *
 * @example
 * // 令和7年3月 日 (a draft with the day left blank)
 * const d: JpDate = { text: "令和7年3月 日", precision: "month", year: 2025, month: 3,
 *                     era: { name: "令和", year: 7 } };
 */
export interface JpDate {
  /** Exactly as written in the source, e.g. `平成28年10月11日`, `令和○年○月○日`. */
  readonly text: string;
  readonly precision: DatePrecision;
  /** The ISO day; present exactly when `precision === "day"`. */
  readonly iso?: IsoDate;
  /** Gregorian year, when known. */
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  /** The era and era-year as written (平成33年 keeps year 33 even though 平成 ended in 31). */
  readonly era?: { readonly name: EraName; readonly year: number };
}

/**
 * A half-open interval of days `[from, to)`: `from` is included, `to` is not; `to: null`
 * is open-ended. Every interval in kyoyaku (version validity, 廃止, queries) has this shape.
 */
export interface Interval {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}
