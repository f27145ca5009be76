/**
 * Provision numbers as written in 条・項・号・別表 references: ASCII, full-width or kanji
 * (第十二条, 第3条の2, 第２項). Not dates: dates are read by `@kyoyaku/core`'s `parseDate`.
 *
 * @module
 */

const KANJI_DIGIT: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 壱: 1, 二: 2, 弐: 2, 三: 3, 参: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const KANJI_UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 千: 1000 };

/**
 * Characters a provision number may be written with.
 *
 * @example
 * new RegExp(`第[${NUMBER_CHARS}]+条`).test("第十二条"); // true
 */
export const NUMBER_CHARS = "0-9０-９〇零一壱二弐三参四五六七八九十拾百千";

/**
 * Read a provision number written in ASCII, full-width or kanji digits; `undefined` if it is not one.
 *
 * @example
 * readNumber("十二"); // 12
 * readNumber("２"); // 2
 * readNumber("二〇"); // 20
 */
export function readNumber(s: string): number | undefined {
  if (s === "") return undefined;
  const ascii = s.normalize("NFKC");
  if (/^[0-9]+$/u.test(ascii)) return Number(ascii);
  let total = 0;
  let digits = "";
  for (const ch of s) {
    const d = KANJI_DIGIT[ch];
    const u = KANJI_UNIT[ch];
    if (d !== undefined) {
      digits += String(d);
    } else if (u !== undefined) {
      total += (digits === "" ? 1 : Number(digits)) * u;
      digits = "";
    } else return undefined;
  }
  // 二〇 (positional) and 二十三 (with units) both occur.
  return total + (digits === "" ? 0 : Number(digits));
}

/**
 * Read an article number such as `3`, `三`, `3の2`, `十二の三` into the model's form (`"3の2"`).
 *
 * @example
 * articleNumber("三の二"); // "3の2"
 * articleNumber("x"); // undefined
 */
export function articleNumber(s: string): string | undefined {
  const parts = s.split("の");
  const nums = parts.map(readNumber);
  if (nums.some((n) => n === undefined)) return undefined;
  return nums.join("の");
}

/**
 * Compare article numbers (`"3"` < `"3の2"` < `"4"`).
 *
 * @example
 * compareArticleNumbers("3の2", "4"); // negative
 */
export function compareArticleNumbers(a: string, b: string): number {
  const pa = a.split("の").map(Number);
  const pb = b.split("の").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}
