/**
 * Normalisation for comparison and matching only; stored text is never normalised.
 *
 * @module
 */

/**
 * Normalise text for matching: NFKC (full-width digits and letters to ASCII, Ⅰ to I),
 * 「，」「,」 to 「、」 and 「．」 to 「。」, Markdown artefacts of PDF conversion (`#`, `###`,
 * `- ` at the start of a line) removed, and all white space removed (so `岡 山 市` and
 * `岡山市`, `E S D` and `ESD` match).
 *
 * @example
 * normalizeText("岡 山 市"); // "岡山市"
 * normalizeText("### III 圏域全体，の"); // "III圏域全体、の"
 */
export function normalizeText(text: string): string {
  // Punctuation first: NFKC would turn 「．」 into "." before it could become 「。」.
  return text
    .replace(/[,，]/gu, "、")
    .replace(/[．]/gu, "。")
    .normalize("NFKC")
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|-[ \t]+(?=\S))/gmu, "")
    .replace(/\s+/gu, "");
}

/**
 * The key text is searched by: {@link normalizeText}, then lower case, so that a search is
 * insensitive to width and case alike (ESD, esd, ＥＳＤ and ｅｓｄ find the same 取組).
 *
 * @example
 * searchKey("ＥＳＤ の推進"); // "esdの推進"
 */
export function searchKey(text: string): string {
  return normalizeText(text).toLowerCase();
}
