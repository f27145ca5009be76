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
 * Characters that must not begin a line (行頭禁則): closing brackets and punctuation.
 */
const NO_LINE_START = new Set([..."、。，．,.）)」』】〕〉》］]｝}・：；？！?!:;ゝゞ々"]);

/**
 * Wrap one line to at most `width` columns (never splitting a character), with 行頭禁則: a
 * line does not begin with 「。」「、」「）」「」」…; the character before is carried down
 * with it instead (追い出し), so such a line may be a character short.
 *
 * @example
 * wrapLine("あいうえお", 4); // ["あい", "うえ", "お"]
 * wrapLine("あいう。え", 6); // ["あい", "う。え"]
 */
export function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let w = 0;
  for (const ch of line) {
    const cw = charWidth(ch);
    if (w + cw > width && cur.length > 0) {
      // Carry down the characters a forbidden line start clings to, keeping at least one.
      let cut = cur.length;
      if (NO_LINE_START.has(ch)) {
        cut -= 1;
        while (cut > 0 && NO_LINE_START.has(cur[cut]!)) cut -= 1;
      }
      // Nothing can be carried down. A line of closing marks only wraps as it is; a line of
      // one character and its marks lets the mark hang past the width (ぶら下げ) rather
      // than start the next line with it.
      if (cut <= 0 && NO_LINE_START.has(cur[0]!)) cut = cur.length;
      if (cut > 0) {
        out.push(cur.slice(0, cut).join(""));
        cur = cur.slice(cut);
        w = cur.reduce((n, c) => n + charWidth(c), 0);
      }
    }
    cur.push(ch);
    w += cw;
  }
  out.push(cur.join(""));
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
