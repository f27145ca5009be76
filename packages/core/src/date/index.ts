// Public surface of this module; re-exported by ../index.ts.
export { addDays, compareIsoDates, daysBetween, daysInMonth, isIsoDate } from "./calendar.js";
export type { Era } from "./era.js";
export { ERAS, eraOf, toWareki } from "./era.js";
export { formatJpDate } from "./format.js";
export { endOfDayInJapan, parseInstant, todayInJapan } from "./instant.js";
export { interval, intervalContains, intervalsOverlap } from "./interval.js";
export { NUMERAL_CHARS, parseJpNumeral, toKanjiNumeral } from "./numerals.js";
export type { DateSpan, ParseDateOptions } from "./parse.js";
export { findDates, parseDate } from "./parse.js";
export { parseDay } from "./day.js";
export type { Period, PeriodUnit } from "./period.js";
export { dayAfterPeriod, fiscalYearEnd, fiscalYearLastDay, outOfForceFrom, periodLastDay } from "./period.js";
