/**
 * What a text without any 条 looks like, so that its refusal can say so: a one-line PDF
 * extraction, an OCR'd page, a letter, an export file (CSV/JSON), a bare list of 取組.
 * A 締結 text with no 条 is never recorded as an agreement (`parse.no-articles`).
 *
 * @module
 */
import type { Line } from "./lines.js";

/** The verdict: what the text looks like, and the line that shows it. */
export interface Shape {
  /** A short Japanese description: 「PDFから1行に抽出されたテキスト」 … */
  readonly what: string;
  /** The line that shows it (1-based). */
  readonly line: number;
}

// 第1条 somewhere inside a line (not at its start): lines were joined by the extraction.
// A citation (法第252条の2第1項) is followed by more of the reference, an article heading by a blank.
const ARTICLE_INSIDE = /(?:[。）)」][ \u3000]*|[ \u3000])第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９一二三四五六七八九十]+)?[ \u3000]/u;
// An article heading read by OCR: 笫/弟 for 第, a Latin l/I/O for a digit, 粂 for 条, spaces inside.
const OCR_ARTICLE = /^(?:[笫弟][ \u3000]*[0-9０-９lIｌＩoO一二三四五六七八九十]+[ \u3000]*[条粂]|第[ \u3000]*[0-9０-９lIｌＩoO一二三四五六七八九十]*[lIｌＩoO][0-9０-９lIｌＩoO]*[ \u3000]*[条粂]|第[ \u3000]*[0-9０-９一二三四五六七八九十]+[ \u3000]+条|第[ \u3000]*[0-9０-９一二三四五六七八九十]+[ \u3000]*粂)/u;
const LETTER = /拝啓|敬具|謹啓|時下|ご清栄|御清祥|下記のとおり|について[(（](?:通知|通告|依頼|回答|照会)[)）]|^記$|殿$|様$/u;
const FIELD_ROW = /^(?:取組内容|甲の役割|乙の役割|丙の役割)\t?/u;

/**
 * Describe a text that has no 条, from its lines (as split by `splitLines`).
 *
 * @example
 * describeShape(splitLines("連携協約書 岡山市 和気町 第1条 この協約は、…")).what; // "PDFから1行に抽出されたテキスト（…）"
 */
export function describeShape(lines: readonly Line[]): Shape {
  const nonBlank = lines.filter((l) => l.text !== "");
  const first = nonBlank[0]?.no ?? 1;
  const t0 = nonBlank[0]?.text.trimStart() ?? "";
  if (/^[[{]/u.test(t0) && /[\]}]$/u.test(nonBlank.at(-1)?.text ?? "")) return { what: "JSON などの書き出しファイル（協約書の本文ではない）", line: first };
  const csv = nonBlank.filter((l) => (l.raw.match(/,/gu)?.length ?? 0) >= 2 || (l.raw.match(/\t/gu)?.length ?? 0) >= 2 || /^"[^"]*",/u.test(l.raw));
  if (nonBlank.length >= 2 && csv.length * 2 >= nonBlank.length) return { what: "CSV などの表形式の書き出しファイル（カンマ・タブ区切りの行が並ぶ）", line: csv[0]!.no };
  const inside = nonBlank.find((l) => ARTICLE_INSIDE.test(l.text));
  if (inside) {
    const oneLine = nonBlank.length <= 3 || inside.text.length > 300;
    return { what: `${oneLine ? "PDFから1行に抽出されたテキスト" : "改行が失われたテキスト"}（「第N条」が行の途中にある：「${excerpt(inside.text, ARTICLE_INSIDE)}」）`, line: inside.no };
  }
  const ocr = nonBlank.find((l) => OCR_ARTICLE.test(l.text));
  if (ocr) return { what: `OCRで読み取ったページ（条の見出しが読み誤られている：「${ocr.text.slice(0, 20)}」）`, line: ocr.no };
  const letter = nonBlank.find((l) => LETTER.test(l.norm) || LETTER.test(l.text));
  if (letter) return { what: `文書（通知・通告などの手紙）であり協約書ではない（「${letter.text.slice(0, 30)}」）`, line: letter.no };
  const field = nonBlank.find((l) => FIELD_ROW.test(l.text) || l.raw.includes("\t"));
  if (field) return { what: `取組の一覧（別表の部分）だけで、協約の条がない（「${field.text.slice(0, 30)}」）`, line: field.no };
  if (nonBlank.length <= 3 && nonBlank.some((l) => l.text.length > 200)) return { what: "PDFから1行に抽出されたテキスト（改行がない）", line: first };
  return { what: "条（第1条 …）の行が一つもないテキスト", line: first };
}

function excerpt(text: string, re: RegExp): string {
  const m = re.exec(text);
  const at = m ? m.index : 0;
  return text.slice(Math.max(0, at - 10), at + 16);
}
