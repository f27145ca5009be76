/**
 * {@link readDocument}: detect a file's format by content, refuse the kinds kyoyaku does not
 * read with a message naming them, and hand the rest to their reader.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { issue, type Issue, type SourceOriginal } from "@kyoyaku/core";
import { detectFormat } from "./detect.js";
import { READERS } from "./readers.js";
import type { Detected, Format, Provenance, ReadResult } from "./types.js";

/**
 * The largest file read: 32 MiB. A 協約書 is tens of KB as text and a few MB as a PDF with
 * fonts; a bigger file is almost surely the wrong one.
 */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** The largest text read from a file (after decoding or extraction): 8 MiB, as the plain-text import always had. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

/** What each refused kind is, in Japanese, and what to do instead. */
const REFUSED: Readonly<Record<Exclude<Detected, Format>, { code: string; message: string }>> = {
  xlsx: { code: "format.xlsx", message: "Excelファイル（.xlsx）です。協約書の本文として読めません。Word（.docx）、PDF、テキストで渡してください" },
  pptx: { code: "format.pptx", message: "PowerPointファイル（.pptx）です。協約書の本文として読めません。Word（.docx）、PDF、テキストで渡してください" },
  zip: { code: "format.zip", message: "Wordファイル（word/document.xml）を含まないzipファイルです。協約書の本文として読めません" },
  ole: {
    code: "format.ole",
    message: "古いOffice形式（OLE複合ファイル: Word 97-2003の.doc、.xls、またはパスワード付きのOfficeファイル）です。読めません。Wordで.docx形式（パスワードなし）に保存し直してください",
  },
  xml: { code: "format.xml", message: "ルート要素が <Law> でないXMLです。読めるXMLは法令標準XML（kyoyakuが export --format egov-xml で書き出したもの）だけです" },
  binary: { code: "format.binary", message: "テキストでも、HTML、Word（.docx）、PDFでもないバイナリファイルです" },
};

/** The human size of a byte count. */
export function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** SHA-256 (hex) of bytes. */
function sha256Bytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Read a document file into the text the parser reads: detect its format by content (PDF,
 * Word .docx, 例規集 HTML, plain text in UTF-8/UTF-16/Shift_JIS/EUC-JP/ISO-2022-JP), read it
 * with that format's reader, and keep the original bytes' SHA-256, the format and the
 * encoding. Every refusal is an error issue with a Japanese message naming the format and a
 * stable `format.*` code; nothing is thrown for a bad file.
 *
 * @example
 * const r = await readDocument(new TextEncoder().encode("連携協約書\n"), "a.txt");
 * r.ok && r.provenance; // { format: "text", encoding: "utf-8", sha256: "…", bytes: 16 }
 */
export async function readDocument(bytes: Uint8Array, name: string): Promise<ReadResult> {
  const refuse = (code: string, message: string, detected?: Detected): ReadResult => ({
    ok: false,
    ...(detected !== undefined && { detected }),
    issues: [issue("error", code, message, { file: name })],
  });
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, issues: [tooBig(name, bytes.length)] };
  const { detected, corrupt } = await detectFormat(bytes);
  if (corrupt) return refuse("format.zip-corrupt", "zipファイル（Word .docxなど）の形をしていますが、壊れていて開けません", detected);
  if (!isFormat(detected)) return refuse(REFUSED[detected].code, REFUSED[detected].message, detected);
  const reader = READERS[detected];
  if (reader === undefined) return refuse("format.unsupported", `${FORMAT_LABEL[detected]}の読み取りはこの版に組み込まれていません`, detected);
  const read = await reader(bytes, name);
  if (!read.ok) return { ok: false, detected, issues: read.issues };
  const text = read.text.replace(/\r\n?/gu, "\n");
  if (Buffer.byteLength(text, "utf8") > MAX_TEXT_BYTES) {
    return refuse("format.text-too-big", `読み取った本文が${size(Buffer.byteLength(text, "utf8"))}あり、協約書の本文の上限（${size(MAX_TEXT_BYTES)}）を超えています。正しいファイルですか`, detected);
  }
  const provenance = { format: detected, ...(read.encoding !== undefined && { encoding: read.encoding }), sha256: sha256Bytes(bytes), bytes: bytes.length };
  return { ok: true, text: read.text, lines: text.split("\n"), provenance, notes: read.notes, ...(read.amendedVersion && { amendedVersion: read.amendedVersion }) };
}

/**
 * The refusal of a file bigger than {@link MAX_DOCUMENT_BYTES}; `bytes` is its size when
 * known (a caller that stats a file refuses it before reading it).
 *
 * @example
 * tooBig("big.pdf", 100 * 1024 * 1024).code; // "format.too-big"
 */
export function tooBig(name: string, bytes?: number): Issue {
  const what = bytes === undefined ? "読める大きさ" : `${size(bytes)}あり、読める大きさ`;
  return issue("error", "format.too-big", `${what}（${size(MAX_DOCUMENT_BYTES)}）を超えています（協約書は数十KB、PDFでも数MBです）。正しいファイルですか`, { file: name });
}

/**
 * What the record keeps of the original file: nothing for a UTF-8 text file (its bytes are
 * the text, whose SHA-256 the source has), else the format, encoding, size and the bytes'
 * SHA-256.
 *
 * @example
 * originalOf({ format: "text", encoding: "shift_jis", sha256: "ab…", bytes: 12034 }); // the same, as a SourceOriginal
 * originalOf({ format: "text", encoding: "utf-8", sha256: "cd…", bytes: 9000 }); // undefined
 */
export function originalOf(p: Provenance): SourceOriginal | undefined {
  if (p.format === "text" && p.encoding === "utf-8") return undefined;
  return { format: p.format, ...(p.encoding !== undefined && { encoding: p.encoding }), sha256: p.sha256, bytes: p.bytes };
}

/** The Japanese name of each readable format, for messages. */
export const FORMAT_LABEL: Readonly<Record<Format, string>> = { text: "テキスト", html: "HTML（例規集）", docx: "Word（.docx）", pdf: "PDF", "egov-xml": "法令標準XML" };

function isFormat(d: Detected): d is Format {
  return d === "text" || d === "html" || d === "docx" || d === "pdf" || d === "egov-xml";
}
