/**
 * Choosing the quotes of a 改め文 (「A」を「B」に改める): the smallest natural unit around each
 * changed run of characters — whole words (Intl's Japanese word segmenter, with a run of 漢字,
 * カタカナ or digits never cut), never half a word — extended word by word until the quote
 * occurs exactly once in the provision the sentence names (the engine replaces every
 * occurrence of an unqualified quote).
 *
 * @module
 */
import { diffChars } from "diff";

/** One text edit as a 改め文 clause says it: `to` empty is 「「A」を削る」. */
export interface TextEdit {
  readonly from: string;
  readonly to: string;
}

/** The texts of the provision a sentence names, before and after: edits are chosen in this order. */
export interface Scope {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

const SEGMENTER = new Intl.Segmenter("ja", { granularity: "word" });

/** The script class of a character: a word boundary never falls between two of the same joined class. */
function joinClass(ch: string): string | undefined {
  if (/\p{Script=Han}|[々〆ヶ]/u.test(ch)) return "han";
  if (/\p{Script=Katakana}|ー/u.test(ch)) return "kana";
  if (/[0-9０-９A-Za-zＡ-Ｚａ-ｚ]/u.test(ch)) return "alnum";
  return undefined;
}

/** Counters a number is read with (助数詞): the segmenter may split them off the number. */
const COUNTER = /^(?:回|年|月|日|条|項|号|人|名|件|通|度|時|分|割|倍|円|か月|箇月|ヶ月|箇所|か所|週|部|期)/u;

/**
 * The word boundaries of a text (indices in UTF-16 units, 0 and the length included).
 *
 * @example
 * wordBoundaries("毎年度会議を"); // [0, 3, 5, 6]  (毎年度|会議|を: not 毎年|度)
 */
export function wordBoundaries(text: string): number[] {
  const out = [0];
  let prev = ""; // the word before the next boundary
  for (const s of SEGMENTER.segment(text)) {
    if (s.index === 0) { prev = s.segment; continue; }
    const a = joinClass(text[s.index - 1]!);
    // 漢字 compounds split only between words of two or more characters (毎年度|会議, not 毎年|度);
    // カタカナ and digit runs never.
    // A number keeps its counter (2回, 3年, 第5条's 5条): 「回会議」 would be half a word.
    const counted = /[0-9０-９]/u.test(text[s.index - 1]!) && COUNTER.test(s.segment);
    const joined = counted || (a !== undefined && a === joinClass(s.segment[0]!) && (a !== "han" || prev.length < 2 || s.segment.length < 2));
    if (joined) { prev += s.segment; continue; }
    out.push(s.index);
    prev = s.segment;
  }
  if (text.length > 0) out.push(text.length);
  return out;
}

/** Particles and function words a quote may end before (「毎年度」を, 「推進」に, 「甲」及び). */
const PARTICLE = /^(?:及び|又は|並びに|若しくは|について|において|における|により|による|に関し|とともに|から|まで|より|ため|こと|もの|の|を|に|は|が|と|で|へ|も|や)/u;

/** True when the word the segmenter finds at `i` has a 漢字 or カタカナ in it (けん引, not た or の). */
function contentWordAt(text: string, i: number): boolean {
  for (const s of SEGMENTER.segment(text.slice(i, i + 12))) return /[\p{Script=Han}\p{Script=Katakana}]/u.test(s.segment);
  return false;
}

/** Occurrences of a quote in a text as the engine counts them (leftmost, non-overlapping). */
export function countIn(text: string, quote: string): number {
  if (quote === "") return 0;
  let n = 0;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + quote.length)) n++;
  return n;
}

/** True when 「」 nest properly in a quote (the 改め文 reader matches them bracket by bracket). */
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === "「") depth++;
    else if (ch === "」" && --depth < 0) return false;
  }
  return depth === 0;
}

/** A changed run: [start, end) in the old text, replaced by `insert`. */
interface Hunk { start: number; end: number; insert: string }

function hunksOf(before: string, after: string): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let cur: Hunk | undefined;
  for (const part of diffChars(before, after)) {
    if (part.added) {
      cur ??= { start: at, end: at, insert: "" };
      cur.insert += part.value;
    } else if (part.removed) {
      cur ??= { start: at, end: at, insert: "" };
      at += part.value.length;
      cur.end = at;
    } else {
      if (cur) { out.push(cur); cur = undefined; }
      at += part.value.length;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Share of a text its pieces may quote before the text is quoted whole. */
const WHOLE_TEXT = 0.6;

/** Longest quote tried before the change is written as a whole provision instead. */
const MAX_QUOTE = 120;

/**
 * The text edits that turn each text of a scope into its new form, each quote a whole-word
 * unit that is unique in the scope at the moment the clause applies (earlier clauses applied).
 * `undefined` when no such quotes exist (a quote would span lines, grow past 120 字, or stay
 * ambiguous): the caller then rewrites the whole provision.
 *
 * @example
 * quoteEdits({ before: ["甲及び乙の長は、毎年度会議を開催する。"], after: ["甲及び乙の長は、毎年度1回以上会議を開催する。"] });
 * // [{ from: "毎年度会議", to: "毎年度1回以上会議" }]
 */
export function quoteEdits(scope: Scope): TextEdit[] | undefined {
  const current = [...scope.before];
  const edits: TextEdit[] = [];
  for (let t = 0; t < current.length; t++) {
    const before = scope.before[t]!;
    const after = scope.after[t]!;
    if (before === after) continue;
    const mark = edits.length;
    const hunks = hunksOf(before, after);
    const bounds = wordBoundaries(before);
    // A quote does not open on a particle or an inflection (「た広域観光」): only on a word that
    // can begin a phrase — one not in かな, or a かな word written with a 漢字 (けん引) — or after punctuation or a case particle (を|いかした).
    // Nor does it close before an inflection (「いか」|した): only before a word not in かな, a particle, or punctuation.
    const ends = bounds.filter((b) => b === before.length || !/\p{Script=Hiragana}/u.test(before[b]!) || PARTICLE.test(before.slice(b)) || contentWordAt(before, b));
    const starts = bounds.filter((b) => b === 0 || !/\p{Script=Hiragana}/u.test(before[b]!) || /[、。，．・「」（）()\sをにがで]/u.test(before[b - 1]!) || contentWordAt(before, b));
    // The new text so far: after[0, offset) + before[consumed, …).
    let consumed = 0;
    let shift = 0; // after index = before index + shift, left of the next hunk
    for (let h = 0; h < hunks.length; h++) {
      let { start, end } = hunks[h]!;
      // Widen to word boundaries of the old text (the same positions in the new text's context).
      start = Math.max(consumed, starts.filter((b) => b <= start).at(-1) ?? 0);
      end = ends.find((b) => b >= end) ?? before.length;
      // Absorb hunks the widened run reaches.
      let last = h;
      const absorb = (): void => { while (last + 1 < hunks.length && hunks[last + 1]!.start < end) { last++; end = Math.max(end, ends.find((b) => b >= hunks[last]!.end) ?? before.length); } };
      absorb();
      const toOf = (s: number, e: number): string => {
        // The new text of [s, e): unchanged context plus the hunks' inserts.
        let out = "";
        let p = s;
        for (let k = h; k <= last; k++) {
          const x = hunks[k]!;
          out += before.slice(p, x.start) + x.insert;
          p = x.end;
        }
        return out + before.slice(p, e);
      };
      const text = (): string => after.slice(0, consumed + shift) + before.slice(consumed);
      const unique = (q: string): boolean => {
        current[t] = text();
        return current.reduce((n, c) => n + countIn(c, q), 0) === 1;
      };
      const ok = (s: number, e: number): boolean => {
        const from = before.slice(s, e);
        const to = toOf(s, e);
        return from !== "" && from !== to && balanced(from) && balanced(to) && !/\n/u.test(from + to) && unique(from);
      };
      // Extend a word at a time, left then right, until the quote is unique.
      let left = true;
      while (!ok(start, end)) {
        const prev = starts.filter((b) => b < start && b >= consumed).at(-1);
        const next = ends.find((b) => b > end);
        if ((left && prev !== undefined) || next === undefined) {
          if (prev === undefined) return undefined;
          start = prev;
        } else end = next;
        absorb();
        left = !left;
        if (end - start > MAX_QUOTE) return undefined;
      }
      const from = before.slice(start, end);
      const to = toOf(start, end);
      edits.push({ from, to });
      // Now [0, end) of the old text is in its new form.
      shift += to.length - from.length;
      consumed = end;
      h = last;
      current[t] = text();
    }
    // A text most of which changes is quoted whole (「「…。」を「…。」に改める」), not in pieces.
    const pieces = edits.slice(mark);
    if (pieces.length > 1 && pieces.reduce((n, e) => n + e.from.length, 0) > before.length * WHOLE_TEXT) {
      current[t] = before;
      if (!/\n/u.test(before + after) && current.reduce((n, c) => n + countIn(c, before), 0) === 1) edits.splice(mark, pieces.length, { from: before, to: after });
    }
    current[t] = after;
  }
  return edits;
}
