/**
 * Display width for plain-text layout: East Asian wide and full-width characters take two
 * columns, everything else one.
 *
 * @module
 */

const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60],
  [0xffe0, 0xffe6], [0x20000, 0x3fffd],
];

/**
 * Columns one character takes.
 *
 * @example
 * charWidth("条"); // 2
 * charWidth("3"); // 1
 */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
}

/**
 * Columns a string takes.
 *
 * @example
 * displayWidth("第1条"); // 5
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * Wrap one line to at most `width` columns (never splitting a character).
 *
 * @example
 * wrapLine("あいうえお", 4); // ["あい", "うえ", "お"]
 */
export function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  let w = 0;
  for (const ch of line) {
    const cw = charWidth(ch);
    if (w + cw > width && cur !== "") {
      out.push(cur);
      cur = "";
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  out.push(cur);
  return out;
}

/**
 * Pad a string with spaces to `width` columns.
 *
 * @example
 * padEnd("条", 4); // "条  "
 */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
