/**
 * Lines of a source text, with the layout and conversion artefacts that are not text taken
 * off (indentation, trailing tabs/spaces, a leading Markdown `#`/`###` heading marker, a
 * leading `- ` before a number) and a normalised form for detection.
 *
 * @module
 */
import { normalizeText } from "@kyoyaku/core";
import type { SentenceReading } from "./types.js";

/** One line of the source. */
export interface Line {
  /** 1-based line number in the source text. */
  readonly no: number;
  /** The line exactly as written. */
  readonly raw: string;
  /** The line as stored: layout and structural artefacts removed, text untouched. */
  readonly text: string;
  /** {@link normalizeText} of `text`, for detection and matching only. */
  readonly norm: string;
}

const LEADING = /^[ \t\u3000]+/u;
// `#`, `###` … before a heading (PDF-to-Markdown conversion); `- ` before a number (a list bullet).
const MD_HEADING = /^#{1,6}[ \t\u3000]+/u;
const MD_BULLET = /^-[ \t\u3000]+(?=[0-9０-９(（])/u;

/**
 * Strip what is layout or conversion artefact from one line, keeping the text as written.
 *
 * @example
 * cleanLine("### III 圏域全体\t"); // "III 圏域全体"
 * cleanLine("- 1 この協約は、…"); // "1 この協約は、…"
 */
export function cleanLine(raw: string): string {
  // Most lines start and end with text: nothing to take off, no regular expression to run.
  if (raw === "") return raw;
  const first = raw.charCodeAt(0);
  if (!isSpace(first) && first !== 0x23 /* # */ && first !== 0x2d /* - */ && !isSpace(raw.charCodeAt(raw.length - 1))) return raw;
  return raw.slice(0, blankEnd(raw)).replace(LEADING, "").replace(MD_HEADING, "").replace(MD_BULLET, "");
}

/**
 * Where the blanks (space, tab, U+3000) that end a line begin: `raw.length` when none do. A
 * loop, not `/[ \t\u3000]+$/`, which tries every blank of a long run inside a line against the
 * end and fails each: a line of 100,000 tabs before its text took 85 s to clean.
 *
 * @example
 * blankEnd("取組名\t \t"); // 3
 * blankEnd("取組名"); // 3
 */
export function blankEnd(raw: string): number {
  let e = raw.length;
  while (e > 0 && isSpace(raw.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * Split a text into {@link Line}s (LF, CRLF or CR).
 *
 * @example
 * splitLines("a\r\nb")[1]?.no; // 2
 */
export function splitLines(text: string): Line[] {
  const text0 = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return text0.split(/\r\n|\n|\r/u).map((raw, i) => {
    const t = cleanLine(raw);
    return { no: i + 1, raw, text: t, norm: normalizeLine(t) };
  });
}

/**
 * {@link normalizeText}, with the same result, but without the Unicode normaliser for text made
 * only of characters whose NFKC form is known: ASCII, kana, CJK ideographs, 、。・「」々〆〇,
 * full-width ASCII (ＡＢ１（）, which NFKC maps to ASCII by subtracting U+FEE0), and the spaces
 * and tab it removes. Any other character (a combining mark, half-width kana, ①, a line break)
 * sends the whole text through {@link normalizeText}. Every line of every text goes through
 * here, and NFKC plus four regular expressions were a fifth of the parse time.
 *
 * @example
 * normalizeLine("### 第１条（目的） 岡 山 市，"); // "第1条(目的)岡山市、"
 */
export function normalizeLine(text: string): string {
  const n = text.length;
  let out = "";
  // Where the text without its leading blanks starts, and whether a Markdown marker may follow.
  let start = 0;
  while (start < n) {
    const c = text.charCodeAt(start);
    if (c === 0x20 || c === 0x09 || c === 0x3000) start++;
    else break;
  }
  let from = start;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    let m: number;
    if (c >= 0x21 && c <= 0x7e) {
      if (c === 0x2c) m = 0x3001; // , → 、
      else continue;
    } else if (c === 0x20 || c === 0x09 || c === 0x3000) m = -1; // white space: removed
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fc) || c === 0x3001 || c === 0x3002 || (c >= 0x3005 && c <= 0x3007) || c === 0x300c || c === 0x300d) continue;
    else if (c === 0xff0c) m = 0x3001; // ， → 、
    else if (c === 0xff0e) m = 0x3002; // ． → 。
    else if (c >= 0xff01 && c <= 0xff5e) m = c - 0xfee0; // full-width ASCII → ASCII
    else return normalizeText(text);
    out += text.slice(from, i);
    if (m >= 0) out += String.fromCharCode(m);
    from = i + 1;
  }
  out += text.slice(from);
  // The Markdown marker of normalizeText: `#`…`######` then a blank, or `-`, blanks, and a
  // character that is not white space — after the leading blanks, judged on the NFKC text.
  if (start < n) {
    const first = nfkcAscii(text.charCodeAt(start));
    if (first === 0x23 || first === 0x2d) {
      let k = start;
      while (k < n && nfkcAscii(text.charCodeAt(k)) === first) k++;
      const run = k - start;
      let b = k;
      while (b < n && isSpace(text.charCodeAt(b))) b++;
      const marker = first === 0x23 ? run <= 6 && b > k : run === 1 && b > k && b < n;
      // The marker characters are the first characters of `out` (its blanks are gone): drop them.
      if (marker) out = out.slice(first === 0x23 ? run : 1);
    }
  }
  return out;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;
const nfkcAscii = (c: number): number => (c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c);

/** A line with nothing on it. */
export const isBlank = (l: Line | undefined): boolean => l !== undefined && l.text === "";

/**
 * The reading of a text read as one whole document (a 締結, a 通告 letter): one entry from its
 * first to its last non-blank line, titled `title`. Empty for a text with no line.
 *
 * @example
 * wholeDocumentReading(splitLines("連携協約書\n\n第1条 …\n"), "連携協約書");
 * // [{ line: 1, lastLine: 3, text: "連携協約書", as: { kind: "part", part: "document" } }]
 */
export function wholeDocumentReading(lines: readonly Line[], title: string, part: "document" | "notice-letter" = "document"): SentenceReading[] {
  const filled = lines.filter((l) => l.text !== "");
  return filled.length === 0 ? [] : [{ line: filled[0]!.no, lastLine: filled[filled.length - 1]!.no, text: title, as: { kind: "part", part } }];
}
