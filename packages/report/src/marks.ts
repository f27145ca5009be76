/**
 * Changed-word marking for the 新旧対照表: a character-level diff (jsdiff's `diffChars`)
 * split into spans for each column; bounded on huge provisions (see {@link CHAR_DIFF_EXACT}).
 *
 * @module
 */
import { diffChars } from "diff";

/** A run of text in one column; `changed` runs are marked (underlined in HTML, 【】 in text). */
export interface Span {
  readonly text: string;
  readonly changed: boolean;
}

/** One line of a cell. */
export type Line = readonly Span[];

/**
 * The spans of each column when `before` became `after`: in the 改正後 column the inserted
 * characters are changed, in the 改正前 column the deleted ones.
 *
 * @example
 * markChanges("地域資源をいかした", "地域資源を活かした");
 * // after: [{text:"地域資源を",changed:false},{text:"活",changed:true},{text:"かした",changed:false}]
 */
export function markChanges(before: string, after: string): { before: Span[]; after: Span[] } {
  const a: Span[] = [];
  const b: Span[] = [];
  const push = (list: Span[], text: string, changed: boolean): void => {
    const last = list.at(-1);
    if (last && last.changed === changed) list[list.length - 1] = { text: last.text + text, changed };
    else if (text !== "") list.push({ text, changed });
  };
  for (const part of charDiff(before, after)) {
    if (part.added) push(a, part.value, true);
    else if (part.removed) push(b, part.value, true);
    else {
      push(a, part.value, false);
      push(b, part.value, false);
    }
  }
  return { before: b, after: a };
}

/** Pairs of texts up to this many characters together get jsdiff's `diffChars` on the whole texts (every real provision)… */
export const CHAR_DIFF_EXACT = 2_000;
/** …and longer ones on their differing middle (after the common beginning and end), up to this many characters together… */
export const CHAR_DIFF_MIDDLE = 20_000;
/**
 * …each within this many edits (characters inserted + deleted); beyond it, or beyond the
 * sizes, the differing middle is marked whole (a rewritten sentence is underlined as one run).
 */
export const CHAR_DIFF_EDITS = 200;

interface Part { readonly value: string; readonly added?: boolean; readonly removed?: boolean }

/**
 * The character diff, bounded: `diffChars` as before when the pair is short and needs at most
 * {@link CHAR_DIFF_EDITS} edits; otherwise the pair is trimmed of its common beginning and end
 * (linear), its middle diffed within the same bounds, or else marked whole — so a pair costs
 * at most its length times the edit bound, and a 1 MB 条 costs its length, not its square.
 */
function charDiff(before: string, after: string): readonly Part[] {
  const short = before.length + after.length <= CHAR_DIFF_EXACT;
  if (short) {
    const exact = diffChars(before, after, { maxEditLength: CHAR_DIFF_EDITS });
    if (exact !== undefined) return exact;
  }
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  // Never cut a surrogate pair: step back to its first half.
  const low = (t: string, i: number): boolean => i > 0 && i < t.length && (t.charCodeAt(i) & 0xfc00) === 0xdc00;
  if (low(before, p) || low(after, p)) p--;
  if (s > 0 && (low(before, before.length - s) || low(after, after.length - s))) s--;
  const mb = before.slice(p, before.length - s);
  const ma = after.slice(p, after.length - s);
  // (A short pair got here because it needs too many edits: trimming its ends does not change that.)
  const middle = !short && mb.length + ma.length <= CHAR_DIFF_MIDDLE ? diffChars(mb, ma, { maxEditLength: CHAR_DIFF_EDITS }) : undefined;
  const parts: Part[] = [];
  if (p > 0) parts.push({ value: before.slice(0, p) });
  if (middle !== undefined) parts.push(...middle);
  else {
    if (mb !== "") parts.push({ value: mb, removed: true });
    if (ma !== "") parts.push({ value: ma, added: true });
  }
  if (s > 0) parts.push({ value: before.slice(before.length - s) });
  return parts;
}

/**
 * Plain text of spans with changed runs in 【】.
 *
 * @example
 * bracketed([{ text: "地域資源を", changed: false }, { text: "活", changed: true }]); // "地域資源を【活】"
 */
export function bracketed(spans: Line): string {
  return spans.map((s) => (s.changed ? `【${s.text}】` : s.text)).join("");
}
