/**
 * System-time instants (for "known at" queries) and today's date in Japan.
 *
 * Japan is taken as UTC+09:00 throughout (JST). Japan observed summer time in 1948–1951;
 * kyoyaku ignores it, so "the end of a day in Japan" is always 15:00 UTC minus 1 ms.
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import { issue, type Result } from "../model/issue.js";
import { daysInMonth, splitIso } from "./calendar.js";
import { parseDate } from "./parse.js";
import type { Instant, IsoDate } from "./types.js";

const JST_MS = 9 * 3_600_000;

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/u;

function utcMs(year: number, month: number, day: number, h = 0, min = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, min, s, ms);
  return d.getTime();
}

function toInstant(ms: number): Instant | undefined {
  const s = new Date(ms).toISOString();
  return /^\d{4}-/u.test(s) ? s : undefined; // years outside 0000–9999 print as ±YYYYYY
}

/**
 * The last millisecond of an ISO day in Japan: next day 00:00+09:00 minus 1 ms, in UTC.
 *
 * @example
 * endOfDayInJapan("2025-04-01"); // "2025-04-01T14:59:59.999Z"
 */
export function endOfDayInJapan(iso: IsoDate): Instant {
  const p = splitIso(iso);
  if (!p) throw new KyoyakuError("input.invalid", `「${String(iso)}」はYYYY-MM-DD形式の暦日ではない`);
  const out = toInstant(utcMs(p.year, p.month, p.day + 1) - JST_MS - 1);
  if (out === undefined) throw new KyoyakuError("input.invalid", `${iso}は扱える範囲の外`);
  return out;
}

/**
 * Read an instant for a "known at" query.
 *
 * - A full ISO 8601 timestamp with a zone (`2026-11-21T09:30:00+09:00`, `…Z`) is returned in
 *   UTC with milliseconds (`2026-11-21T00:30:00.000Z`); digits past milliseconds are cut.
 *   A timestamp without a zone is refused (`instant.no-zone`): it would mean different
 *   instants on different machines.
 * - Any date {@link parseDate} accepts (令和7年4月1日, 2025-04-01 …) means the end of that day
 *   in Japan: the instant just before the next day 00:00 JST, `2025-04-01T14:59:59.999Z`.
 *
 * Never throws.
 *
 * @example
 * parseInstant("2026-11-21T09:30:00+09:00"); // ok, "2026-11-21T00:30:00.000Z"
 * parseInstant("令和7年4月1日");              // ok, "2025-04-01T14:59:59.999Z"
 */
export function parseInstant(text: string): Result<Instant> {
  const t = typeof text === "string" ? text.trim() : "";
  const m = TIMESTAMP.exec(t);
  if (m) {
    const bad = (why: string): Result<Instant> => ({ ok: false, issues: [issue("error", "instant.invalid", `「${t}」は日時として読めない: ${why}`, { date: t })] });
    const [year, month, day, h, min] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
    const sec = m[6] === undefined ? 0 : Number(m[6]);
    const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3));
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return bad(`${m[1]}-${m[2]}-${m[3]}という日はない`);
    if (h > 23 || min > 59 || sec > 59) return bad("時刻が範囲外");
    if (m[8] === undefined && m[9] === undefined) {
      return { ok: false, issues: [issue("error", "instant.no-zone", `「${t}」に時間帯がない。Z か +09:00 のような時差を付けること`, { date: t })] };
    }
    let offsetMin = 0;
    if (m[9] !== undefined) {
      const oh = Number(m[10]);
      const om = m[11] === undefined ? 0 : Number(m[11]);
      if (oh > 23 || om > 59) return bad("時差が範囲外");
      offsetMin = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
    }
    const out = toInstant(utcMs(year, month, day, h, min, sec, ms) - offsetMin * 60_000);
    return out === undefined ? bad("扱える範囲の外") : { ok: true, value: out, issues: [] };
  }
  const d = parseDate(t);
  if (!d.ok) {
    if (d.issues.some((i) => i.code === "date.unrecognized")) {
      return { ok: false, issues: [issue("error", "instant.invalid", `「${t}」は時間帯付きの日時（2026-11-21T09:30:00+09:00）としても日付（令和7年4月1日、2025-04-01）としても読めない`, { date: t })] };
    }
    return { ok: false, issues: d.issues };
  }
  return { ok: true, value: endOfDayInJapan(d.value.iso!), issues: d.issues };
}

/**
 * Today's date in Japan (UTC+09:00) at `now` (default: the current time).
 *
 * @example
 * todayInJapan(new Date("2025-03-31T15:00:00Z")); // "2025-04-01"
 */
export function todayInJapan(now: Date = new Date()): IsoDate {
  const ms = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new KyoyakuError("input.invalid", "todayInJapan: 有効な Date ではない");
  return new Date(ms + JST_MS).toISOString().slice(0, 10);
}
