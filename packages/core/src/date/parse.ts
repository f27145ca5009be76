/**
 * Reading dates as Japanese documents write them: wareki (明治…令和, 元年), Gregorian
 * (2025年4月1日), ISO (2025-04-01, 2025/4/1) and mixed (2015年(平成27年)3月25日), with
 * Arabic, full-width or kanji numerals, spaces inside, and blank parts in drafts
 * (令和7年3月 日, 令和○年○月○日). The rules are in docs/dates.md.
 *
 * @module
 */
import { issue, type Issue, type Location, type Result } from "../model/issue.js";
import { addDays, daysInMonth, isoOf } from "./calendar.js";
import { eraByName, eraFirstYear, eraLastYear, eraYearText, toWareki, type Era } from "./era.js";
import { NUMERAL_CHARS, parseJpNumeral } from "./numerals.js";
import type { DatePrecision, EraName, IsoDate, JpDate } from "./types.js";

/** Options of {@link parseDate}. */
export interface ParseDateOptions {
  /** Accept dates with blank parts (令和7年3月 日), as drafts (案) print them. Default false. */
  readonly allowPartial?: boolean;
  /** Source file, for the issues' location. */
  readonly file?: string;
  /** 1-based source line, for the issues' location. */
  readonly line?: number;
}

/** A date expression found in running text by {@link findDates}: `text.slice(start, end)`. */
export interface DateSpan {
  /** Offset of the first character (UTF-16 code units, as `String.prototype.slice`). */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  readonly text: string;
}

// ---------------------------------------------------------------------------------------
// Patterns. Written against the original text (full-width forms included) so that
// findDates can report offsets into it.

const S = "[ \\t\\u3000]*";
const NUM = `[${NUMERAL_CHARS}]+`;
const BLANK_CHARS = "○◯●×＿_";
const BLANK = `[${BLANK_CHARS}]+`;
const ERA = "(明治|大正|昭和|平成|令和|㍾|㍽|㍼|㍻|㋿)";
// A part and the white space after it; white space before it belongs to the preceding
// `S`. (Two adjacent `S` around an empty part would make matching quadratic in the length of a
// run of spaces.)
const YEAR_FIELD = `(?:(元|${NUM}|${BLANK})${S})?`;
const FIELD = `(?:(${NUM}|${BLANK})${S})?`;
// A Gregorian year: four Arabic digits, or kanji of any length (二千, 二〇二〇, 千九百九十三);
// a kanji year below 1000 is refused in interpret (no 協約 is dated 九十三年: an era was lost).
const G_YEAR = "([0-9０-９]{4}|[〇零一壱二弐三参四五六七八九十拾百千]+)";
const OPEN = "[(（]";
const CLOSE = "[)）]";
const MD_FULL = `${S}${FIELD}月${S}${FIELD}日`;
const MD_OPT = `(?:${S}${FIELD}月(?:${S}${FIELD}日)?)?`;

const LIGATURE: Readonly<Record<string, EraName>> = { "㍾": "明治", "㍽": "大正", "㍼": "昭和", "㍻": "平成", "㋿": "令和" };

type Kind = "era" | "mixedG" | "mixedE" | "greg" | "iso" | "initial" | "compact";
interface Pattern {
  readonly kind: Kind;
  readonly exact: RegExp;
  readonly sticky: RegExp;
}

function pattern(kind: Kind, head: string, tailExact: string, tailFind: string): Pattern {
  return { kind, exact: new RegExp(`^${head}${tailExact}$`, "u"), sticky: new RegExp(`${head}${tailFind}`, "uy") };
}

const ISO_BODY = "([0-9０-９]{4})([-/－／])([0-9０-９]{1,2})\\2([0-9０-９]{1,2})";

// Longest first where two could start at the same place (a mixed form before a plain one).
const PATTERNS: readonly Pattern[] = [
  pattern("mixedG", `${G_YEAR}${S}年${S}${OPEN}${S}${ERA}${S}(元|${NUM})${S}年${S}${CLOSE}`, MD_OPT, MD_FULL),
  pattern("mixedE", `${ERA}${S}(元|${NUM})${S}年${S}${OPEN}${S}${G_YEAR}${S}年${S}${CLOSE}`, MD_OPT, MD_FULL),
  pattern("era", `${ERA}${S}${YEAR_FIELD}年`, MD_OPT, MD_FULL),
  pattern("greg", `${G_YEAR}${S}年`, MD_OPT, MD_FULL),
  { kind: "iso", exact: new RegExp(`^${ISO_BODY}$`, "u"), sticky: new RegExp(ISO_BODY, "uy") },
];

/**
 * Office shorthand, read only as a whole field (a form, a command-line option), never found in
 * running text: an era initial with dots (R2.4.1, H31.4.30, 令2.4.1; also / or -) and eight
 * digits (20200401). Matched against the NFKC form, so Ｒ２．４．１ reads the same.
 */
const SHORTHAND: readonly { readonly kind: Kind; readonly exact: RegExp }[] = [
  { kind: "initial", exact: /^([MTSHRmtshr明大昭平令])\s*(元|[0-9]{1,2})([./-])([0-9]{1,2})\3([0-9]{1,2})$/u },
  { kind: "compact", exact: /^([0-9]{4})([0-9]{2})([0-9]{2})$/u },
];

const INITIAL: Readonly<Record<string, EraName>> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和", 明: "明治", 大: "大正", 昭: "昭和", 平: "平成", 令: "令和" };

// ---------------------------------------------------------------------------------------

/** A date part: a number, `null` when left blank, or `"bad"` when not a readable numeral. */
type Part = number | null | "bad";

function part(raw: string | undefined): Part {
  if (raw === undefined || raw === "") return null;
  if (new RegExp(`^${BLANK}$`, "u").test(raw) || /^〇+$/u.test(raw)) return null; // 令和○年○月○日, 〇年〇月〇日
  if (raw === "元") return 1;
  return parseJpNumeral(raw) ?? "bad";
}

function eraName(raw: string): EraName {
  return LIGATURE[raw] ?? (raw as EraName);
}

/** What a match says, before validation. */
interface Reading {
  readonly era?: EraName;
  readonly eraYear?: Part;
  readonly gregYear?: Part;
  /** The Gregorian year is written in kanji (二千, 二〇二〇), not in Arabic digits. */
  readonly gregYearKanji?: boolean;
  readonly month: Part;
  readonly day: Part;
}

const kanjiYear = (raw: string | undefined): boolean => raw !== undefined && !/^[0-9０-９]+$/u.test(raw);

function reading(kind: Kind, m: RegExpExecArray): Reading {
  const g = (i: number): string | undefined => m[i];
  switch (kind) {
    case "mixedG":
      return { gregYear: part(g(1)), gregYearKanji: kanjiYear(g(1)), era: eraName(g(2)!), eraYear: part(g(3)), month: part(g(4)), day: part(g(5)) };
    case "mixedE":
      return { era: eraName(g(1)!), eraYear: part(g(2)), gregYear: part(g(3)), gregYearKanji: kanjiYear(g(3)), month: part(g(4)), day: part(g(5)) };
    case "era":
      return { era: eraName(g(1)!), eraYear: part(g(2)), month: part(g(3)), day: part(g(4)) };
    case "greg":
      return { gregYear: part(g(1)), gregYearKanji: kanjiYear(g(1)), month: part(g(2)), day: part(g(3)) };
    case "iso":
      return { gregYear: part(g(1)), month: part(g(3)), day: part(g(4)) };
    case "initial":
      return { era: INITIAL[g(1)!.toUpperCase()]!, eraYear: part(g(2)), month: part(g(4)), day: part(g(5)) };
    case "compact":
      return { gregYear: part(g(1)), month: part(g(2)), day: part(g(3)) };
  }
}

/** 明治 dates are read from the first day of 明治元年 (the era was made to apply from then). */
const MEIJI_READ_FROM: IsoDate = "1868-01-01";
/** Japan switched to the Gregorian calendar on 明治6年1月1日 = 1873-01-01. */
const GREGORIAN_ADOPTED: IsoDate = "1873-01-01";

function precisionWords(p: DatePrecision): string {
  return p === "month" ? "日が空欄" : p === "year" ? "月日が空欄" : "年月日が空欄";
}

function interpret(r: Reading, text: string, options: ParseDateOptions): Result<JpDate> {
  const loc: Location = { ...(options.file !== undefined && { file: options.file }), ...(options.line !== undefined && { line: options.line }), date: text };
  const err = (code: string, message: string): Result<JpDate> => ({ ok: false, issues: [issue("error", code, message, loc)] });
  const q = `「${text}」`;
  const issues: Issue[] = [];

  for (const p of [r.eraYear, r.gregYear, r.month, r.day]) {
    if (p === "bad") return err("date.invalid", `${q}は日付でない：数字が読めない`);
  }
  const eraYear = r.eraYear as number | null | undefined;
  const gregYearWritten = r.gregYear as number | null | undefined;
  const month = r.month as number | null;
  const day = r.day as number | null;
  const era: Era | undefined = r.era === undefined ? undefined : eraByName(r.era);

  // The year: from the era, or as written, and both must agree in a mixed form.
  let year: number | undefined;
  if (era && typeof eraYear === "number") {
    if (eraYear < 1) return err("date.invalid", `${q}は日付でない：${era.name}${eraYear}年はない`);
    year = eraFirstYear(era) + eraYear - 1;
    // Past the end of the calendar the ISO form (and toWareki) cannot go: 明治99999年 is no date.
    if (year > 9999) return err("date.invalid", `${q}は日付でない：${era.name}${eraYear}年は西暦${year}年となり、範囲外`);
    if (typeof gregYearWritten === "number" && gregYearWritten !== year) {
      return err("date.era-year-mismatch", `${q}：二つの年が一致しない（${era.name}${eraYearText(eraYear)}年は${year}年で、${gregYearWritten}年でない）`);
    }
  } else if (typeof gregYearWritten === "number") {
    if (gregYearWritten < 1 || gregYearWritten > 9999) return err("date.invalid", `${q}は日付でない：${gregYearWritten}年は範囲外`);
    // 九十三年四月一日 is a date with its era cut off (平成九十三年? 昭和?), not the year 93.
    if (gregYearWritten < 1000 && r.gregYearKanji === true) {
      return err("date.invalid", `${q}は日付として読めない: 漢数字の西暦年は4桁（二千二十五年、二〇二五年）で、${gregYearWritten}年ではない（元号が抜けていないか）`);
    }
    year = gregYearWritten;
  }

  // Precision: a blank part may only be followed by blank parts.
  let precision: DatePrecision;
  if (year === undefined) precision = "none";
  else if (month === null) precision = "year";
  else if (day === null) precision = "month";
  else precision = "day";
  if ((precision === "none" && (month !== null || day !== null)) || (precision === "year" && day !== null)) {
    return err("date.invalid", `${q}は日付でない：空欄の後に数字がある`);
  }

  if (month !== null && (month < 1 || month > 12)) return err("date.invalid", `${q}は日付でない：${month}月はない（月は1〜12）`);
  if (day !== null && (day < 1 || day > 31)) return err("date.invalid", `${q}は日付でない：${day}日はない（日は1〜31）`);
  if (year !== undefined && month !== null && day !== null && day > daysInMonth(year, month)) {
    return err("date.invalid-day", `${q}は存在しない日付：${year}年${month}月は${daysInMonth(year, month)}日まで`);
  }

  // The era's bounds.
  if (era && typeof eraYear === "number" && year !== undefined) {
    const last = eraLastYear(era);
    const readFrom = era.name === "明治" ? MEIJI_READ_FROM : era.start;
    if (last !== undefined && eraYear > last) {
      const endDay = addDays(era.end!, -1);
      issues.push(issue("warning", "date.past-era-end",
        `${q}：${era.name}は${toWareki(endDay)}（${endDay}）までのため、${era.name}${eraYear}年を西暦${year}年として読んだ` +
        (precision === "day" ? `（${toWareki(isoOf(year, month!, day!))}）` : ""), loc));
    } else if (month !== null) {
      const first = isoOf(year, month, day ?? 1);
      const lastDay = isoOf(year, month, day ?? daysInMonth(year, month));
      if (lastDay < readFrom) {
        return err("date.not-in-era", `${q}は存在しない日付：${era.name}は${toWareki(era.start)}（${era.start}）から`);
      }
      if (era.end !== null && first >= era.end) {
        const endDay = addDays(era.end, -1);
        return err("date.not-in-era", `${q}は存在しない日付：${era.name}は${toWareki(endDay)}（${endDay}）まで`);
      }
    }
    if (era.name === "明治" && isoOf(year, month ?? 1, day ?? 1) < GREGORIAN_ADOPTED) {
      issues.push(issue("info", "date.lunisolar-period",
        `${q}は太陰太陽暦が使われていた明治6年（1873年）より前の日付：月日をグレゴリオ暦として読んだ`, loc));
    }
  }

  if (precision !== "day" && !options.allowPartial) {
    return err("date.partial-not-allowed", `${q}は日付の一部が空欄（${precisionWords(precision)}）：空欄のある日付は案（案）でだけ受け付ける`);
  }

  const value: JpDate = Object.freeze({
    text,
    precision,
    ...(precision === "day" && { iso: isoOf(year!, month!, day!) }),
    ...(year !== undefined && { year }),
    ...(month !== null && { month }),
    ...(day !== null && { day }),
    ...(era && typeof eraYear === "number" && { era: Object.freeze({ name: era.name, year: eraYear }) }),
  });
  return { ok: true, value, issues };
}

/**
 * Parse a date as a Japanese document writes it. Never throws: problems are returned as
 * issues located at `options.file`/`options.line` with the date text.
 *
 * Errors: `date.unrecognized`, `date.invalid` (13月, 32日, unreadable numbers),
 * `date.invalid-day` (2月30日, 4月31日, 2月29日 in a common year), `date.not-in-era`
 * (平成31年5月1日, 令和元年4月30日), `date.era-year-mismatch` (2015年(平成28年)…),
 * `date.partial-not-allowed`. Warnings: `date.past-era-end` (平成33年4月1日 → 2021-04-01).
 *
 * @example
 * parseDate("令和七年四月一日");            // ok, iso "2025-04-01", era { name: "令和", year: 7 }
 * parseDate("2015年（平成27年）3月25日");   // ok, iso "2015-03-25"
 * parseDate("令和7年3月 日", { allowPartial: true }); // ok, precision "month"
 * parseDate("R2.4.1");                       // ok, iso "2020-04-01" (office shorthand; also 20200401)
 * parseDate("平成31年5月1日");               // not ok: date.not-in-era
 */
export function parseDate(text: string, options: ParseDateOptions = {}): Result<JpDate> {
  const t = typeof text === "string" ? text.trim() : "";
  for (const p of PATTERNS) {
    const m = p.exact.exec(t);
    if (m) return interpret(reading(p.kind, m), t, options ?? {});
  }
  const nfkc = t.normalize("NFKC");
  for (const p of SHORTHAND) {
    const m = p.exact.exec(nfkc);
    if (m) return interpret(reading(p.kind, m), t, options ?? {});
  }
  const loc: Location = { ...(options?.file !== undefined && { file: options.file }), ...(options?.line !== undefined && { line: options.line }), date: t };
  return {
    ok: false,
    issues: [issue("error", "date.unrecognized", t === "" ? "日付があるはずの所が空である" : `「${t}」は読める日付でない（例: 令和7年4月1日、2025-04-01、R7.4.1）`, loc)],
  };
}

/**
 * Locate date expressions (complete, or with blank parts as in drafts) in running text,
 * in order, without overlaps. Only expressions with a year, 月 and 日 (or an ISO day) are
 * found, so 「昭和22年法律第67号」 is not a date; a blank part must be visible (a space or
 * ○), so 「令和7年3月日曜日」 is not one either. The spans are not validated: pass each
 * `text` to {@link parseDate}.
 *
 * @example
 * findDates("この協約は、令和7年4月1日から適用する。");
 * // [{ start: 6, end: 14, text: "令和7年4月1日" }]
 */
export function findDates(text: string): DateSpan[] {
  const out: DateSpan[] = [];
  if (typeof text !== "string") return out;
  let i = 0;
  while (i < text.length) {
    let best = 0;
    if (!/[0-9０-９]/u.test(text[i - 1] ?? "")) {
      for (const p of PATTERNS) {
        p.sticky.lastIndex = i;
        const m = p.sticky.exec(text);
        if (m && m[0].length > best) {
          // An ISO day must not run on into more digits (2025-04-011).
          if (p.kind === "iso" && /^[0-9０-９]/u.test(text.slice(i + m[0].length))) continue;
          // In running text a blank part must be visible (a space or ○): 「令和7年3月日曜日」 is not a draft date.
          if (/[年月][月日]/u.test(m[0])) continue;
          best = m[0].length;
        }
      }
    }
    if (best > 0) {
      out.push(Object.freeze({ start: i, end: i + best, text: text.slice(i, i + best) }));
      i += best;
    } else i += 1;
  }
  return out;
}
