/**
 * Finding a quoted text (「…」 of a 改め文) in a provision's text, in time linear in the text
 * and the quote, with no regular expression built from the quote.
 *
 * Two passes, as amendments are written:
 * 1. **exact**: the quote as written (leftmost, non-overlapping occurrences);
 * 2. **loose**, when the exact pass finds nothing: the quote normalised ({@link normalizeText}:
 *    no white space, 「，」「,」→「、」, 「．」→「。」, NFKC), matched against the text as
 *    written where white space may stand between any two characters (「岡 山 市」), an ASCII
 *    character also matches its full-width form (「ＥＳＤ」), 「、」 matches 「、」「，」「,」 and
 *    「。」 matches 「。」「．」.
 *
 * The loose pass folds the text once (white space dropped, each remaining character mapped
 * to its class, with an index map back to the original) and searches the folded quote with
 * `indexOf`. The classes are exactly the old regular expression's
 * (`[、，,]`, `[。．]`, `(?:A|Ａ)`, joined by `\s*`), so the matches are the same. Only a quote
 * whose normalised form keeps an ASCII 「,」 or 「.」 (NFKC of rare forms such as 「﹐」) needs a
 * check of each candidate; that check is bounded (see {@link MATCH_WORK_LIMIT}).
 *
 * @module
 */
import { normalizeText } from "../model/normalize.js";

/** One occurrence: `[start, end)` in UTF-16 code units of the text searched. */
export interface TextHit {
  readonly start: number;
  readonly end: number;
}

/**
 * Work (characters compared while checking candidates) allowed to the rare loose search that
 * must check candidates, per call, beyond the text's and quote's own length: past it the
 * search stops and reports what it found so far with `truncated`.
 */
export const MATCH_WORK_LIMIT = 4_000_000;

const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/**
 * Every occurrence of `needle` in `text` as written: leftmost first, non-overlapping (as
 * `text.matchAll` of the escaped needle with the `u` flag gives them).
 *
 * @example
 * exactHits("甲及び乙は、甲及び乙の", "甲及び乙"); // [{start:0,end:4},{start:7,end:11}]
 */
export function exactHits(text: string, needle: string): TextHit[] {
  const out: TextHit[] = [];
  if (needle === "") return out;
  // With the `u` flag a match never starts or ends inside a surrogate pair.
  const splitsPair = (i: number): boolean => i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1));
  let from = 0;
  for (;;) {
    const i = text.indexOf(needle, from);
    if (i < 0) return out;
    if (splitsPair(i) || splitsPair(i + needle.length)) {
      from = i + 1;
      continue;
    }
    out.push({ start: i, end: i + needle.length });
    from = i + needle.length;
  }
}

/** White space as `\s` (with the `u` flag) has it: what the old pattern's `\s*` skipped. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const COMMA = 0x3001; // 、
const PERIOD = 0x3002; // 。

/**
 * The class of a UTF-16 unit for the loose search: 「，」「,」 with 「、」, 「．」 with 「。」, a
 * full-width ASCII form with its ASCII. With `coarse` (a quote that keeps an ASCII 「,」 or
 * 「.」) 「.」 also joins 「。」, and every candidate is checked with {@link matches}.
 */
function fold(c: number, coarse: boolean): number {
  if (c === 0xff0c || c === 0x2c) return COMMA;
  if (c === 0xff0e || (coarse && c === 0x2e)) return PERIOD;
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  return c;
}

/** Whether text unit `t` is one the quote's (normalised) unit `n` stands for: the old pattern's classes. */
function matches(n: number, t: number): boolean {
  if (t === n) return true;
  if (n === COMMA) return t === 0xff0c || t === 0x2c;
  if (n === PERIOD) return t === 0xff0e;
  return n >= 0x21 && n <= 0x7e && t === n + 0xfee0;
}

/**
 * Units of `s` (white space dropped when `starts` is given, which then receives each kept
 * unit's index in `s`), folded. A lone surrogate becomes a noncharacter (U+FDD0 high,
 * U+FDD1 low), so that dropping white space never joins two into a pair.
 */
function folded(s: string, coarse: boolean, starts?: Int32Array): { text: string; length: number } {
  const out = new Uint16Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const high = c <= 0xdbff;
      const paired = high ? i + 1 < s.length && isLowUnit(s.charCodeAt(i + 1)) : i > 0 && isHighUnit(s.charCodeAt(i - 1));
      if (!paired) c = high ? 0xfdd0 : 0xfdd1;
    } else if (starts !== undefined && isSpace(c)) continue;
    else c = fold(c, coarse);
    if (starts !== undefined) starts[n] = i;
    out[n++] = c;
  }
  return { text: DECODER.decode(out.subarray(0, n)), length: n };
}
const isLowUnit = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isHighUnit = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const DECODER = new TextDecoder("utf-16le");

/** The result of {@link looseHits}. */
export interface LooseResult {
  readonly hits: TextHit[];
  /** Set when the bounded check of candidates stopped early (see {@link MATCH_WORK_LIMIT}). */
  readonly truncated?: true;
}

/**
 * Occurrences of `needle` read loosely (see the module comment): normalised, white space
 * allowed between characters, full-width and 「，」「．」 forms accepted. Leftmost first,
 * non-overlapping; each hit spans from its first to its last matched character.
 *
 * @example
 * looseHits("E S Dによる教育", "ESDによる").hits; // [{start:0,end:8}]
 */
export function looseHits(text: string, needle: string, limit = MATCH_WORK_LIMIT): LooseResult {
  const quote = normalizeText(needle);
  if (quote === "") return { hits: [] };
  // Without an ASCII 「,」「.」 in the quote the folding is exact: equal classes ⇔ the old
  // pattern matched. With one, 「,」 shares 「、」's class (and 「.」 「。」's): check candidates.
  const check = quote.includes(",") || quote.includes(".");
  const starts = new Int32Array(text.length);
  const flat = folded(text, check, starts).text;
  const q = folded(quote, check).text;
  const hits: TextHit[] = [];
  let work = 0;
  let from = 0;
  for (;;) {
    const i = flat.indexOf(q, from);
    if (i < 0) break;
    if (check) {
      work += q.length;
      if (work > limit) return { hits, truncated: true };
      let ok = true;
      for (let x = 0; x < q.length && ok; x++) ok = matches(quote.charCodeAt(x), text.charCodeAt(starts[i + x]!));
      if (!ok) {
        from = i + 1;
        continue;
      }
    }
    hits.push({ start: starts[i]!, end: starts[i + q.length - 1]! + 1 });
    from = i + q.length;
  }
  return { hits };
}
