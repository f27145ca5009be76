/**
 * The PDF reader: a PDF's text layer, laid out as the lines the plain-text import reads.
 * Encrypted, damaged and scanned (image-only) PDFs are refused with a message that says so.
 *
 * @module
 */
import { issue, type Issue } from "@kyoyaku/core";
import type { FormatRead } from "../types.js";
import { extractPages } from "./extract.js";
import { layoutPages } from "./layout.js";
import { SKIA_AMBIGUOUS } from "./radicals.js";

// messages do not name the file: the issue carries it as its location, and every caller prints it
const refuse = (code: string, message: string, file: string): FormatRead => ({ ok: false, issues: [issue("error", code, message, { file })] });

/**
 * Read a PDF's text layer into the text kyoyaku parses: lines in reading order, running
 * headers, footers and page numbers dropped, wrapped lines joined, ruled tables (別表) read
 * row by row into `取組名⇥` / `取組内容⇥…` lines.
 *
 * @example
 * const read = await readPdf(readFileSync("kyoyaku.pdf"), "kyoyaku.pdf");
 * if (read.ok) parseText(read.text, { file: "kyoyaku.pdf" });
 */
export async function readPdf(bytes: Uint8Array, name: string): Promise<FormatRead> {
  // a file cut short may still open (PDF.js rebuilds a lost cross-reference table) and give
  // part of the text: every PDF ends with %%EOF, so one without it is refused before reading
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  if (!tail.includes("%%EOF"))
    return refuse("format.pdf-corrupt", `PDFの終わり（%%EOF）がありません。ファイルが途中で切れています。元のPDFを取り込み直してください。`, name);
  const got = await extractPages(bytes);
  if (!got.ok) {
    if (got.kind === "encrypted")
      return refuse("format.pdf-encrypted", `PDFが暗号化されている（パスワードで保護されている）ため読めません。パスワードを外したPDFを取り込んでください。`, name);
    if (got.kind === "rotated")
      return refuse("format.pdf-rotated", `${got.page}ページに縦書きまたは回転した文字があります。縦書き・回転した文字のPDFは読めません。`, name);
    return refuse("format.pdf-corrupt", `PDFとして読めません（ファイルが壊れているか、PDFではありません: ${got.detail}）。`, name);
  }
  const { pages } = got;
  const textless = pages.flatMap((p, i) => (p.runs.length === 0 && p.images > 0 ? [i + 1] : []));
  if (pages.every((p) => p.runs.length === 0)) {
    return textless.length > 0
      ? refuse("format.pdf-scanned", `テキストのないPDF（スキャンした画像だけのPDF）です。文字認識（OCR）はしないため読めません。テキストを含むPDFか、テキストファイルを取り込んでください。`, name)
      : refuse("format.pdf-empty", `PDFに文字がありません。`, name);
  }
  if (textless.length > 0) {
    return refuse("format.pdf-scanned-page", `${textless.join("、")}ページにテキストがなく画像だけです（スキャンしたページ）。文字認識（OCR）はしないため、そのページを読めません。`, name);
  }
  const laid = layoutPages(pages, got.producer === undefined ? {} : { producer: got.producer });
  if (laid.columned.length > 0) {
    return refuse("format.pdf-columns", `${laid.columned.join("、")}ページに段組みか罫線のない表があります（行の中の同じ位置に広い空きが続いています）。段組みや罫線のない表は行の順に読めないため、読めません。`, name);
  }
  const [first] = laid.ambiguous;
  if (first !== undefined) {
    return refuse("format.pdf-ambiguous-glyph", `${first.line}行目の「${first.glyph}」は、${SKIA_AMBIGUOUS.get(first.glyph) ?? first.glyph}か分かりません（このPDFを作ったChromium（Skia）は二つを同じ字形で書き、同じ文字として記録します）。違う文字で記録しないよう、読みません。テキスト・Word・HTMLの原本を取り込んでください。`, name);
  }
  const notes: Issue[] = [];
  if (laid.dropped.length > 0)
    notes.push(issue("info", "format.pdf-furniture-dropped", `ヘッダー・フッター・ページ番号として${laid.dropped.length}行を除きました（${laid.dropped.join("、")}）。`, { file: name }));
  if (laid.glyphs.size > 0)
    notes.push(issue("info", "format.pdf-glyphs-read-back", `PDFの文字対応表が部首や同じ字形の別の文字を示していた字を読み替えました（${[...laid.glyphs].map(([k, n]) => `${k} ${n}字`).join("、")}）。`, { file: name }));
  return { ok: true, text: `${laid.lines.join("\n")}\n`, notes };
}
