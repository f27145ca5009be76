/**
 * Provision numbers as written in 条・項・号・別表 references: ASCII, full-width or kanji
 * (第十二条, 第3条の2, 第２項), and 別表 section labels in Roman numerals (I, Ⅳ, ＩＩ). The numerals
 * are read by `@kyoyaku/core`'s `parseJpNumeral`, the one reader dates use too.
 *
 * @module
 */

import { NUMERAL_CHARS, parseJpNumeral } from "@kyoyaku/core";

/**
 * Characters a provision number may be written with (core's {@link NUMERAL_CHARS}).
 *
 * @example
 * new RegExp(`第[${NUMBER_CHARS}]+条`).test("第十二条"); // true
 */
export const NUMBER_CHARS = NUMERAL_CHARS;

/**
 * Read a provision number written in ASCII, full-width or kanji digits; `undefined` if it is not
 * one, including a malformed kanji numeral (十十, 二十五十, 三五十, 十百千, 〇十) and zero (〇, 0: provisions
 * are numbered from 1). This is core's `parseJpNumeral`: dates and provision numbers share one reader.
 *
 * @example
 * readNumber("十二"); // 12
 * readNumber("２"); // 2
 * readNumber("二〇"); // 20
 * readNumber("十十"); // undefined
 * readNumber("〇"); // undefined
 */
export function readNumber(s: string): number | undefined {
  const n = parseJpNumeral(s);
  // Provisions are numbered from 1: 「第〇条」「第0項」 are no provision, never article 0.
  return n === 0 ? undefined : n;
}

/**
 * Read a section label written in Roman numerals (ASCII I V X, full-width ＩＶＸ, or the
 * numeral signs Ⅰ…Ⅻ) into its ASCII form; `undefined` when it is not a well-formed numeral
 * from I to XXXIX (IIII, VX, IIV are refused).
 *
 * @example
 * romanLabel("Ⅳ"); // "IV"
 * romanLabel("ＩＩ"); // "II"
 * romanLabel("IIII"); // undefined
 */
export function romanLabel(s: string): string | undefined {
  const ascii = s.normalize("NFKC");
  return ascii !== "" && /^X{0,3}(?:IX|IV|V?I{0,3})$/u.test(ascii) ? ascii : undefined;
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

/**
 * True for a 区分 label in lowercase Roman numerals (ii, ⅱ, ｉｉ): refused, never read as its
 * uppercase form — 別表 区分 are written I, II, Ⅱ, and lowercase i, ii label 号-like lists, so a
 * lowercase label may not name a 区分 at all.
 *
 * @example
 * lowerRoman("ⅱ"); // true
 * lowerRoman("II"); // false
 */
export function lowerRoman(s: string): boolean {
  const ascii = s.normalize("NFKC");
  return ascii !== "" && /^x{0,3}(?:ix|iv|v?i{0,3})$/u.test(ascii);
}

/**
 * The refusal of a lowercase 区分 label, where it was written.
 *
 * @example
 * LOWER_ROMAN_MESSAGE("別表ii", "ii"); // "「別表ii」の区分「ii」は小文字のローマ数字で…"
 */
export const LOWER_ROMAN_MESSAGE = (where: string, label: string): string =>
  `「${where}」の区分「${label}」は小文字のローマ数字で、区分として読めない（別表の区分は大文字 I, II, Ⅱ … で書く。小文字の i, ii は号などの列挙に使われるため、大文字として読み替えない）`;
