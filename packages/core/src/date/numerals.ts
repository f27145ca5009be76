/**
 * Japanese numerals as written in dates: Arabic (half- or full-width), kanji with units
 * (二十二, 三十一, 二千二十五) and kanji digit by digit (五八, 三〇, 二〇二五), plus the
 * 大字 used in formal documents (壱, 弐, 参, 拾).
 *
 * @module
 */

const DIGIT: Readonly<Record<string, number>> = {
  "〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4,
  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
};
const UNIT: Readonly<Record<string, number>> = { "十": 10, "拾": 10, "百": 100, "千": 1000 };

/**
 * Characters a number may be written with (for building patterns); what they spell is read by
 * {@link parseJpNumeral}, the one reader of numerals in kyoyaku (dates and provision numbers).
 *
 * @example
 * new RegExp(`^第[${NUMERAL_CHARS}]+条$`, "u").test("第十二条"); // true
 */
export const NUMERAL_CHARS = "0-9０-９〇零一壱二弐三参四五六七八九十拾百千";

/**
 * Read a Japanese or Arabic numeral; `undefined` when `s` is not one.
 *
 * @example
 * parseJpNumeral("三十一"); // 31
 * parseJpNumeral("五八");   // 58 (digit by digit)
 * parseJpNumeral("１２");   // 12
 */
export function parseJpNumeral(s: string): number | undefined {
  const t = s.normalize("NFKC").replace(/\s+/gu, "");
  if (t === "") return undefined;
  if (/^[0-9]+$/u.test(t)) return Number(t);
  const chars = [...t];
  if (!chars.some((c) => c in UNIT)) {
    // digit by digit: 五八 = 58, 三〇 = 30
    let n = 0;
    for (const c of chars) {
      const d = DIGIT[c];
      if (d === undefined) return undefined;
      n = n * 10 + d;
    }
    return n;
  }
  // with units: 二千二十五 = 2*1000 + 2*10 + 5; units must descend (十百 is not a number)
  let total = 0;
  let pending: number | undefined;
  let lastUnit = Infinity;
  for (const c of chars) {
    const d = DIGIT[c];
    if (d !== undefined) {
      if (pending !== undefined && pending !== 0) return undefined; // 二三十
      pending = d;
      continue;
    }
    const u = UNIT[c];
    if (u === undefined || u >= lastUnit) return undefined;
    if (pending === 0) return undefined; // 〇十
    total += (pending ?? 1) * u;
    pending = undefined;
    lastUnit = u;
  }
  return total + (pending ?? 0);
}

/**
 * Write a number in kanji with units, as Japanese texts print dates (二十二, 三十一, 二千二十五).
 *
 * @example
 * toKanjiNumeral(31); // "三十一"
 * toKanjiNumeral(2025); // "二千二十五"
 */
export function toKanjiNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`toKanjiNumeral: ${n} is out of range 0–9999`);
  if (n === 0) return "〇";
  const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  let out = "";
  for (const [unit, mark] of [[1000, "千"], [100, "百"], [10, "十"]] as const) {
    const q = Math.floor(n / unit) % 10;
    if (q > 0) out += (q === 1 ? "" : digits[q]) + mark;
  }
  return out + (digits[n % 10] ?? "");
}
