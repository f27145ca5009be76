/**
 * A whole day as people type it, for the reads that take a date (as-of, diff, in force,
 * search): the forms the CLI and the HTTP API accept, read by the one date parser.
 *
 * @module
 */
import { issue, type Result } from "../model/issue.js";
import { isIsoDate } from "./calendar.js";
import { parseDate } from "./parse.js";
import type { IsoDate } from "./types.js";

/**
 * A day written as ISO (`2020-04-01`), wareki (`令和2年4月1日`, `令和元年5月1日`), shorthand
 * (`R2.4.1`) or Gregorian (`2020年4月1日`), read to its ISO form. A day that does not exist
 * (`令和2年2月30日`, `平成31年5月1日`) or a date without its day (`令和2年4月`) is refused with
 * the parser's issue (`date.*`, e.g. `date.partial-not-allowed`).
 *
 * @example
 * parseDay("令和2年4月1日"); // { ok: true, value: "2020-04-01", issues: [] }
 * parseDay("R2.4.1");        // { ok: true, value: "2020-04-01", issues: [] }
 * parseDay("令和2年4月").ok;  // false (code date.partial-not-allowed)
 */
export function parseDay(text: string): Result<IsoDate> {
  if (typeof text === "string" && isIsoDate(text)) return { ok: true, value: text, issues: [] };
  const r = parseDate(text, { allowPartial: false });
  if (r.ok && r.value.iso !== undefined) return { ok: true, value: r.value.iso, issues: r.issues };
  if (!r.ok) return r;
  const t = String(text).trim();
  return { ok: false, issues: [issue("error", "date.partial-not-allowed", `「${t}」は日まで書かれた日付ではありません（例: 令和2年4月1日、R2.4.1、2020-04-01）`, { date: t })] };
}
