/**
 * Lines of a source text, with the layout and conversion artefacts that are not text taken
 * off (indentation, trailing tabs/spaces, a leading Markdown `#`/`###` heading marker, a
 * leading `- ` before a number) and a normalised form for detection.
 *
 * @module
 */
import { normalizeText } from "@kyoyaku/core";

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

const TRAILING = /[ \t\u3000]+$/u;
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
  return raw.replace(TRAILING, "").replace(LEADING, "").replace(MD_HEADING, "").replace(MD_BULLET, "");
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
    return { no: i + 1, raw, text: t, norm: normalizeText(t) };
  });
}

/** A line with nothing on it. */
export const isBlank = (l: Line | undefined): boolean => l !== undefined && l.text === "";
