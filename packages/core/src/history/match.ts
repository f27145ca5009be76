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

const WS = /\s/u;

/**
 * The class of a character for the loose search: 「，」「,」 with 「、」, 「．」 with 「。」, a
 * full-width ASCII form with its ASCII. With `coarse` (a quote that keeps an ASCII 「,」 or
 * 「.」) 「.」 also joins 「。」, and every candidate is checked with {@link matches}.
 */
function fold(ch: string, coarse: boolean): string {
  if (ch === "，" || ch === ",") return "、";
  if (ch === "．" || (coarse && ch === ".")) return "。";
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return ch;
}

/** Whether text character `t` is one the quote's (normalised) character `n` stands for (the old pattern's classes). */
function matches(n: string, t: string): boolean {
  if (t === n) return true;
  if (n === "、") return t === "，" || t === ",";
  if (n === "。") return t === "．";
  const c = n.charCodeAt(0);
  return n.length === 1 && c >= 0x21 && c <= 0x7e && t.length === 1 && t.charCodeAt(0) === c + 0xfee0;
}

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
  const quote = [...normalizeText(needle)];
  if (quote.length === 0) return { hits: [] };
  // Without an ASCII 「,」「.」 in the quote the folding is exact: equal classes ⇔ the old
  // pattern matched. With one, 「,」 shares 「、」's class (and 「.」 「。」's): check candidates.
  const check = quote.includes(",") || quote.includes(".");
  // The text folded: white space dropped, one piece per remaining character, with where
  // each piece starts in the folded string and where its character stood in the text.
  const pieces: string[] = [];
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const at = new Map<number, number>();
  let flatLength = 0;
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const next = i + ch.length;
    if (!WS.test(ch)) {
      const piece = fold(ch, check);
      at.set(flatLength, pieces.length);
      pieces.push(piece);
      chars.push(ch);
      starts.push(i);
      ends.push(next);
      flatLength += piece.length;
    }
    i = next;
  }
  const flat = pieces.join("");
  const q = quote.map((c) => fold(c, check)).join("");

  const hits: TextHit[] = [];
  let work = 0;
  let from = 0;
  while (from <= flat.length - q.length) {
    const i = flat.indexOf(q, from);
    if (i < 0) break;
    // Only whole characters match (a lone surrogate in a quote must not match half a pair).
    const k = at.get(i);
    const last = k === undefined ? -1 : k + quote.length - 1;
    const whole = k !== undefined && last < pieces.length && (last + 1 < pieces.length ? at.get(i + q.length) === last + 1 : i + q.length === flatLength);
    if (k === undefined || !whole) {
      from = i + 1;
      continue;
    }
    if (check) {
      work += quote.length;
      if (work > limit) return { hits, truncated: true };
      let ok = true;
      for (let x = 0; x < quote.length && ok; x++) ok = matches(quote[x]!, chars[k + x]!);
      if (!ok) {
        from = i + 1;
        continue;
      }
    }
    hits.push({ start: starts[k]!, end: ends[last]! });
    from = i + q.length;
  }
  return { hits };
}
