/**
 * Dates in texts, read through `@kyoyaku/core` (`parseDate`, `findDates`): this module only
 * decides where a date is and locates the findings.
 *
 * @module
 */
import { findDates, parseDate, type Issue, type JpDate } from "@kyoyaku/core";
import type { Ctx } from "./context.js";

/**
 * True when the whole line is one date expression (令和7年3月 日, 平成28年10月11日 …).
 *
 * @example
 * isDateLine("平成28年10月11日"); // true
 * isDateLine("平成28年10月11日に締結した"); // false
 */
export function isDateLine(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  // Every form findDates reads ends with 日 or, an ISO day, with a digit; so does the damaged form below.
  const last = t.charCodeAt(t.length - 1);
  // 曰 is 日 as OCR misreads it: a date line still, so that parseDate refuses it at its line instead
  // of the date (and the party and name lines after it) being read into the 前文 without a word.
  if (last !== 0x65e5 /* 日 */ && last !== 0x66f0 /* 曰 */ && !(last >= 0x30 && last <= 0x39) && !(last >= 0xff10 && last <= 0xff19)) return false;
  const spans = findDates(t);
  if (spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === t.length) return true;
  // A damaged date (平成31年5月1日, 令和7年13月1日) is still a date line: parseDate says what is wrong.
  return /^(?:明治|大正|昭和|平成|令和|[0-9０-９]{4})[^。、「」]{0,10}年[^。、「」]{0,6}月[^。、「」]{0,6}[日曰]$/u.test(t);
}

/**
 * Read a date, recording its issues (located at `line`) in the context.
 * Returns `undefined` when the date cannot be read (an error was recorded).
 *
 * @example
 * readDate(ctx, "令和7年4月1日", 5)?.iso; // "2025-04-01"
 */
export function readDate(ctx: Ctx, text: string, line: number | undefined, address?: string): JpDate | undefined {
  const r = parseDate(text.trim(), { allowPartial: true, ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...(line !== undefined ? { line } : {}) });
  const locate = (i: Issue): Issue =>
    Object.freeze({ ...i, location: Object.freeze({ ...i.location, ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...(line !== undefined ? { line } : {}), ...(address !== undefined ? { address } : {}), date: text.trim() }) });
  ctx.issues.push(...r.issues.map(locate));
  return r.ok ? r.value : undefined;
}
