/**
 * The day a read is asked about (asOf, asOfVersion, inForce, search, diff), in any form the CLI
 * accepts: `2020-04-01`, `令和2年4月1日`, `R2.4.1`. Dates stored in events stay ISO only: a
 * record is checked as written (see checkDate in engine.ts), never reinterpreted.
 *
 * @module
 */
import { parseDay } from "../date/day.js";
import type { IsoDate } from "../date/types.js";
import { KyoyakuError } from "../model/errors.js";

/**
 * The ISO day of a read's date argument, or `input.invalid` carrying the date parser's issue
 * (its code says why: `date.invalid-day`, `date.not-in-era`, `date.partial-not-allowed`, …).
 *
 * @example
 * readDay("令和2年4月1日", "date"); // "2020-04-01"
 * readDay("令和2年2月30日", "from"); // throws KyoyakuError input.invalid naming from
 */
export function readDay(value: unknown, what: string): IsoDate {
  if (typeof value !== "string") {
    throw new KyoyakuError("input.invalid", `${what} ${JSON.stringify(value) ?? String(value)} は日付ではありません（例: 2020-04-01、令和2年4月1日、R2.4.1）`, [], { [what]: value });
  }
  const r = parseDay(value);
  if (r.ok) return r.value;
  const why = r.issues.find((i) => i.severity === "error");
  throw new KyoyakuError("input.invalid", `${what} ${value}: ${why?.message ?? "日付として読めません"}`, r.issues, { [what]: value });
}
