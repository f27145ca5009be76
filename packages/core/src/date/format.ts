/**
 * Printing a {@link JpDate} in wareki, ISO, or as the source wrote it.
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import { isoOf } from "./calendar.js";
import { ERAS, eraFirstYear, eraLastYear, eraYearText, toWareki, type Era } from "./era.js";
import type { EraName, JpDate } from "./types.js";

/** The blank printed for a missing part in wareki (a full-width space, as drafts print it). */
const BLANK = "\u3000";

const ERA_IN_TEXT = /(明治|大正|昭和|平成|令和|㍾|㍽|㍼|㍻|㋿)/u;
const LIGATURE: Readonly<Record<string, EraName>> = { "㍾": "明治", "㍽": "大正", "㍼": "昭和", "㍻": "平成", "㋿": "令和" };

/** The era of a partial date: as written when the written year is inside it, else the era of the period's first day (明治 counted from 1868-01-01). */
function eraForPeriod(d: JpDate, year: number, month: number | undefined): { name: EraName; year: number } {
  if (d.era) {
    const e = ERAS.find((x) => x.name === d.era!.name)!;
    const last = eraLastYear(e);
    if (last === undefined || d.era.year <= last) return d.era;
  }
  const first = isoOf(year, month ?? 1, 1);
  if (first < "1868-01-01") {
    throw new KyoyakuError("input.invalid", `formatJpDate: ${first.slice(0, month === undefined ? 4 : 7)}は明治より前で和暦で書けない`);
  }
  let era: Era = ERAS[0]!;
  for (const e of ERAS) if (e.start <= first) era = e;
  return { name: era.name, year: year - eraFirstYear(era) + 1 };
}

/**
 * Print a date.
 *
 * - `"original"`: the text as the source wrote it.
 * - `"wareki"`: 令和7年4月1日 (元年 for the first year). A day is printed in the era it falls in
 *   (平成33年4月1日 prints as 令和3年4月1日); partial dates print each blank part as one
 *   full-width space (U+3000): `令和7年3月\u3000日`, `令和7年\u3000月\u3000日`,
 *   `令和\u3000年\u3000月\u3000日`.
 * - `"iso"`: `2025-04-01`; partial dates print what is known: `2025-03`, `2025`, and `""`
 *   when nothing is.
 *
 * Throws `KyoyakuError("input.invalid")` for wareki of a date before 明治.
 *
 * @example
 * const d = parseDate("令和7年3月 日", { allowPartial: true });
 * if (d.ok) formatJpDate(d.value, "wareki"); // "令和7年3月\u3000日"
 * if (d.ok) formatJpDate(d.value, "iso");    // "2025-03"
 */
export function formatJpDate(d: JpDate, style: "wareki" | "iso" | "original"): string {
  switch (style) {
    case "original":
      return d.text;
    case "iso":
      if (d.precision === "day" && d.iso !== undefined) return d.iso;
      if (d.precision === "month" && d.year !== undefined && d.month !== undefined) return isoOf(d.year, d.month, 1).slice(0, 7);
      if (d.precision === "year" && d.year !== undefined) return String(d.year).padStart(4, "0");
      return "";
    case "wareki": {
      if (d.precision === "day" && d.iso !== undefined) {
        if (d.era && d.month !== undefined && d.day !== undefined) {
          const e = ERAS.find((x) => x.name === d.era!.name)!;
          const last = eraLastYear(e);
          // Keep the written era for 明治 days before 1868-10-23 that toWareki cannot print.
          if (last === undefined || d.era.year <= last) return `${d.era.name}${eraYearText(d.era.year)}年${d.month}月${d.day}日`;
        }
        return toWareki(d.iso);
      }
      if ((d.precision === "month" || d.precision === "year") && d.year !== undefined) {
        const e = eraForPeriod(d, d.year, d.precision === "month" ? d.month : undefined);
        const m = d.precision === "month" ? `${d.month}月` : `${BLANK}月`;
        return `${e.name}${eraYearText(e.year)}年${m}${BLANK}日`;
      }
      const named = ERA_IN_TEXT.exec(d.text)?.[1];
      const name = named === undefined ? "" : (LIGATURE[named] ?? named);
      return `${name}${BLANK}年${BLANK}月${BLANK}日`;
    }
  }
}
