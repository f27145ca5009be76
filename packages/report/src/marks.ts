/**
 * Changed-word marking for the 新旧対照表: a character-level diff (jsdiff's `diffChars`)
 * split into spans for each column.
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
  for (const part of diffChars(before, after)) {
    if (part.added) push(a, part.value, true);
    else if (part.removed) push(b, part.value, true);
    else {
      push(a, part.value, false);
      push(b, part.value, false);
    }
  }
  return { before: b, after: a };
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
