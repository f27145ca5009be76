/**
 * Display width of text in a terminal: CJK ideographs, kana and full-width forms take two
 * columns, so tables of Japanese text line up.
 *
 * @module
 */

// East Asian Wide and Fullwidth ranges that occur in Japanese text (UAX #11, simplified).
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/**
 * Columns `text` takes in a monospace terminal.
 *
 * @example
 * displayWidth("第1条"); // 5
 * displayWidth("abc");   // 3
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp < 0x370) || cp === 0x200b) continue;
    w += WIDE.test(ch) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/**
 * Pad `text` with spaces on the right to `width` columns.
 *
 * @example
 * padEnd("締結", 6); // "締結  "
 */
export function padEnd(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

/**
 * Render rows as aligned columns separated by two spaces; the last column is not padded.
 *
 * @example
 * table([["seq", "kind"], ["1", "締結"]]);
 * // "seq  kind\n1    締結"
 */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : padEnd(c, widths[i]!))).join("  ").trimEnd())
    .join("\n");
}

/**
 * Wrap text to `width` columns: breaks at spaces, and inside a run without spaces (Japanese
 * running text) only when the run does not fit on a line of its own. Existing line breaks
 * are kept.
 *
 * @example
 * wrap("aaa bbb ccc", 7); // "aaa bbb\nccc"
 */
export function wrap(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => wrapLine(line, width))
    .join("\n");
}

function wrapLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  const out: string[] = [];
  let cur = "";
  const push = (): void => {
    if (cur.trim() !== "") out.push(cur.trimEnd());
    cur = "";
  };
  for (const token of line.match(/\S+|\s+/gu) ?? []) {
    if (/^\s/u.test(token)) {
      if (cur !== "") cur += token;
      continue;
    }
    if (displayWidth(cur) + displayWidth(token) <= width) {
      cur += token;
      continue;
    }
    if (displayWidth(token) <= width && cur.trim() !== "" && !isWideRun(token)) {
      push();
      cur = token;
      continue;
    }
    // Too long for any line, or Japanese text: break between characters — but not before a
    // closing mark (、。）」), which Japanese typesetting never puts at the start of a line
    // (行頭禁則), nor inside a Latin word such as an option name: see carried().
    for (const ch of token) {
      if (displayWidth(cur) + displayWidth(ch) > width) {
        const carry = carried(cur, ch);
        cur = cur.slice(0, cur.length - carry.length);
        push();
        cur = carry;
      }
      cur += ch;
    }
  }
  push();
  return out.join("\n");
}

/** Characters a line must not start with (行頭禁則, simplified). */
const NO_LINE_START = /^[:;,.)、。，．）」』】〕・ー：；？！ぁぃぅぇぉっゃゅょァィゥェォッャュョ]$/u;

/**
 * What moves down to the next line with `ch` when a line breaks before it: the character
 * before a closing mark, or the Latin word (an option name, a path) `ch` continues.
 */
function carried(cur: string, ch: string): string {
  if (NO_LINE_START.test(ch)) return cur.length > 1 ? Array.from(cur).pop()! : "";
  const word = /[!-~]+$/u.exec(cur)?.[0] ?? "";
  return /^[!-~]$/u.test(ch) && word.length < 24 && word.length < cur.length ? word : "";
}

/** Japanese running text may break between any two characters. */
function isWideRun(token: string): boolean {
  return displayWidth(token) >= token.length * 1.5;
}
