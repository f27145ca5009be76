/**
 * Word's automatic numbering, rendered as the text Word shows: `word/numbering.xml` gives
 * each list (`w:num`) an abstract definition whose levels (`w:lvl`) have a start, a number
 * format (`w:numFmt`: decimal, 全角, ①, アイウ, イロハ, 甲乙丙, 一二三, roman, letters) and a
 * text pattern (`w:lvlText`, e.g. 「（%1）」 or 「第%1条」). A format this module does not
 * know is `undefined`, and the reader refuses the paragraph instead of guessing its number.
 *
 * @module
 */
import type { Element } from "domhandler";

/** One level of a list definition. */
interface Level {
  readonly start: number;
  readonly format: string;
  readonly text: string;
  /** What follows the number: a tab (shown as a space), a space, or nothing. */
  readonly suffix: "tab" | "space" | "nothing";
}

const IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";
const AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const KAN = "〇一二三四五六七八九";
const JIKKAN = "甲乙丙丁戊己庚辛壬癸";

/** 1 → 一, 10 → 十, 21 → 二十一 (Word's japaneseCounting, up to 99). */
function kanji(n: number): string | undefined {
  if (n < 1 || n > 99) return undefined;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? "" : tens === 1 ? "十" : `${KAN[tens]}十`}${ones === 0 ? "" : KAN[ones]}`;
}

function roman(n: number): string | undefined {
  if (n < 1 || n > 3999) return undefined;
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let s = "";
  for (const [v, r] of table) while (n >= v) { s += r; n -= v; }
  return s;
}

function letter(n: number): string | undefined {
  // Word repeats the letter past z: 27 → aa.
  return n < 1 ? undefined : String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

const fullWidth = (s: string): string => s.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** The number `n` in Word's format `format`, or `undefined` for a format not known here. */
export function formatNumber(n: number, format: string): string | undefined {
  switch (format) {
    case "decimal": return String(n);
    case "decimalFullWidth": case "decimalFullWidth2": return fullWidth(String(n));
    case "decimalZero": return String(n).padStart(2, "0");
    case "decimalEnclosedCircle": case "decimalEnclosedCircleChinese": return n >= 1 && n <= 20 ? String.fromCodePoint(0x245f + n) : undefined;
    case "decimalEnclosedParen": return n >= 1 && n <= 20 ? String.fromCodePoint(0x2473 + n) : undefined;
    case "aiueo": case "aiueoFullWidth": return AIUEO[n - 1];
    case "iroha": case "irohaFullWidth": return IROHA[n - 1];
    case "ideographTraditional": return JIKKAN[n - 1];
    case "japaneseCounting": case "ideographDigital": return kanji(n);
    case "lowerRoman": return roman(n)?.toLowerCase();
    case "upperRoman": return roman(n);
    case "lowerLetter": return letter(n);
    case "upperLetter": return letter(n)?.toUpperCase();
    case "none": return "";
    default: return undefined;
  }
}

/** A child element by (prefixed) name. */
export function child(e: Element | undefined, name: string): Element | undefined {
  return e?.children.find((c): c is Element => c.type === "tag" && (c as Element).name === name);
}

/** All child elements by name. */
export function children(e: Element | undefined, name: string): Element[] {
  return (e?.children ?? []).filter((c): c is Element => c.type === "tag" && (c as Element).name === name);
}

/** The `w:val` of a child element. */
export function val(e: Element | undefined, name: string): string | undefined {
  return child(e, name)?.attribs["w:val"];
}

/** The deepest list level Word writes (w:ilvl 0–8). */
const MAX_LEVEL = 8;

/** The lists of a document, and the counters as the paragraphs are read in order. */
export class Numbering {
  readonly #levels = new Map<string, Map<number, Level>>();
  readonly #counters = new Map<string, number[]>();

  /** Read `word/numbering.xml` (its root element), if the document has one. */
  constructor(root: Element | undefined) {
    const abstract = new Map<string, Element>();
    for (const a of children(root, "w:abstractNum")) abstract.set(a.attribs["w:abstractNumId"] ?? "", a);
    for (const num of children(root, "w:num")) {
      const def = abstract.get(val(num, "w:abstractNumId") ?? "");
      const levels = new Map<number, Level>();
      for (const lvl of children(def, "w:lvl")) {
        const ilvl = Number(lvl.attribs["w:ilvl"] ?? 0);
        const suff = val(lvl, "w:suff");
        levels.set(ilvl, {
          start: Number(val(lvl, "w:start") ?? 1),
          format: val(lvl, "w:numFmt") ?? "decimal",
          text: val(lvl, "w:lvlText") ?? "",
          suffix: suff === "space" ? "space" : suff === "nothing" ? "nothing" : "tab",
        });
      }
      for (const o of children(num, "w:lvlOverride")) {
        const ilvl = Number(o.attribs["w:ilvl"] ?? 0);
        const start = val(o, "w:startOverride");
        const l = levels.get(ilvl);
        if (l !== undefined && start !== undefined) levels.set(ilvl, { ...l, start: Number(start) });
      }
      this.#levels.set(num.attribs["w:numId"] ?? "", levels);
    }
  }

  /**
   * The label of the next paragraph of list `numId` at level `ilvl` (deeper levels restart),
   * with what follows it; `{ unknown }` names a number format this module cannot render.
   */
  next(numId: string, ilvl: number): { readonly label: string } | { readonly unknown: string } | { readonly badLevel: number } | undefined {
    const levels = this.#levels.get(numId);
    if (numId === "0" || levels === undefined) return undefined;
    // Word's levels are 0 to 8: a level of 2,000,000,000 once made a counter array that long (a loop and gigabytes).
    if (!Number.isInteger(ilvl) || ilvl < 0 || ilvl > MAX_LEVEL) return { badLevel: ilvl };
    const counters = this.#counters.get(numId) ?? [];
    for (let i = 0; i <= ilvl; i++) counters[i] ??= (levels.get(i)?.start ?? 1) - 1;
    counters[ilvl]! += 1;
    counters.length = ilvl + 1;
    this.#counters.set(numId, counters);
    const level = levels.get(ilvl);
    if (level === undefined) return undefined;
    let unknown: string | undefined;
    const label = level.text.replace(/%([1-9])/gu, (_, d: string) => {
      const i = Number(d) - 1;
      const fmt = levels.get(i)?.format ?? "decimal";
      const n = counters[i] ?? levels.get(i)?.start ?? 1;
      // A start that is no number (w:start="x") would be written "NaN".
      const s = Number.isSafeInteger(n) ? formatNumber(n, fmt) : undefined;
      if (s === undefined) unknown = Number.isSafeInteger(n) ? fmt : `${fmt}（開始番号「${String(levels.get(i)?.start)}」）`;
      return s ?? "";
    });
    if (unknown !== undefined) return { unknown };
    return { label: label + (label === "" || level.suffix === "nothing" ? "" : " ") };
  }
}
