/**
 * Reading the files the user names: a document (text in any Japanese encoding, 例規集 HTML,
 * Word, PDF — read by @kyoyaku/formats) or a text; only regular files, and none bigger than
 * the limit, so that a wrong file (a database, a disk image) is refused before it is read
 * into memory.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import type { Issue, SourceOriginal } from "@kyoyaku/core";
import {
  decodeText as decodeAny, MAX_DOCUMENT_BYTES, MAX_TEXT_BYTES as FORMATS_MAX_TEXT_BYTES, originalOf, readDocument, tooBig as tooBigIssue, type AmendedVersion, type Encoding,
} from "@kyoyaku/formats";
import { fileProblem } from "./context.js";

/**
 * The largest text file read: 8 MiB. A 連携協約書 is tens of KB; the seed with its 別表 is
 * 13 KB. A bigger file is almost surely the wrong one, and parsing it would take seconds
 * and hundreds of MB.
 */
export const MAX_TEXT_BYTES = FORMATS_MAX_TEXT_BYTES;

/** The human size of a byte count (MB with one decimal, else KB). */
function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** A file's text, or why it cannot be read as text. */
export type TextFile = { readonly ok: true; readonly text: string; readonly encoding: Encoding } | { readonly ok: false; readonly message: string; readonly issues?: readonly Issue[] };

/**
 * Decode a text file's bytes in whichever encoding they are (UTF-8 with or without a BOM,
 * UTF-16 with a BOM, Shift_JIS, EUC-JP, ISO-2022-JP; see @kyoyaku/formats), or say why not.
 *
 * @example
 * decodeText(Buffer.from("第1条", "utf8"), "a.txt"); // { ok: true, text: "第1条", encoding: "utf-8" }
 * decodeText(Buffer.from([0x00, 0x01]), "a.txt").ok; // false: binary data
 */
export function decodeText(bytes: Uint8Array, file: string): TextFile {
  const d = decodeAny(bytes, file);
  return d.ok ? d : { ok: false, message: d.issue.message, issues: [d.issue] };
}

/** What a file that is not a regular file is, in words. */
function notRegular(st: Stats): string {
  if (st.isDirectory()) return "テキストファイルではなくフォルダ [EISDIR]";
  const what = st.isFIFO() ? "名前付きパイプ（FIFO）" : st.isCharacterDevice() ? "キャラクタデバイス" : st.isBlockDevice() ? "ブロックデバイス" : st.isSocket() ? "ソケット" : "通常のファイルでないもの";
  return `テキストファイルではなく${what}。協約は通常の UTF-8 テキストファイルで渡すこと [file.not-regular]`;
}

/** A file's bytes, or why they were not read. */
type Bytes = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string; readonly size?: number };

/**
 * Read a regular file's bytes, never more than `limit` (+1, to know it is bigger) whatever
 * its size claims: /dev/zero or a growing file cannot fill the memory. Every failure is a
 * message (no such file, a directory, a device or pipe, too big, …).
 */
function readBytes(path: string, limit: number): Bytes {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the kind is checked on the open file.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: notRegular(st) };
    if (st.size > limit) return { ok: false, message: "too big", size: st.size };
    // One byte more than the limit, to know a file (grown since the stat) is bigger.
    let buffer = Buffer.alloc(Math.min(st.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) return { ok: false, message: "too big" };
        const bigger = Buffer.alloc(limit + 1);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, message: code === "ENOENT" ? "そのファイルはない [ENOENT]" : code === "EISDIR" ? "テキストファイルではなくフォルダ [EISDIR]" : `読めない: ${fileProblem(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Read and decode a text file (any encoding {@link decodeText} reads); every failure is a
 * message. Only a regular file is read, and never more than MAX_TEXT_BYTES.
 *
 * @example
 * readTextFile("/tmp/missing.txt", "missing.txt"); // { ok: false, message: "そのファイルはない [ENOENT]" }
 * readTextFile("/dev/zero", "/dev/zero").ok; // false: a character device
 */
export function readTextFile(path: string, file: string): TextFile {
  const r = readBytes(path, MAX_TEXT_BYTES);
  if (!r.ok) return { ok: false, message: r.message === "too big" ? tooBig(r.size) : r.message };
  return decodeText(r.bytes, file);
}

/** A document file read into text, with what the record keeps of the original; or why not (`message`, and the issues with their codes). */
export type DocumentFile =
  | { readonly ok: true; readonly text: string; readonly original?: SourceOriginal; readonly notes: readonly Issue[]; readonly amendedVersion?: AmendedVersion }
  | { readonly ok: false; readonly message: string; readonly issues: readonly Issue[] };

/**
 * Read a document file the user names — plain text in any Japanese encoding, 例規集 HTML,
 * Word (.docx) or PDF, told apart by content (see @kyoyaku/formats) — into the text to parse.
 * A file bigger than MAX_DOCUMENT_BYTES is refused from its size, before it is read.
 *
 * @example
 * const r = await readDocumentFile("協約書.docx", "協約書.docx");
 * if (r.ok) r.original; // { format: "docx", sha256: "…", bytes: 18234 }
 */
export async function readDocumentFile(path: string, file: string): Promise<DocumentFile> {
  const r = readBytes(path, MAX_DOCUMENT_BYTES);
  if (!r.ok) {
    if (r.message !== "too big") return { ok: false, message: r.message, issues: [] };
    const i = tooBigIssue(file, r.size);
    return { ok: false, message: i.message, issues: [i] };
  }
  const read = await readDocument(r.bytes, file);
  // The first issue is the message; all of them stay, for their codes (format.ole, …) in --json.
  if (!read.ok) return { ok: false, message: read.issues[0]?.message ?? "読めません", issues: read.issues };
  const original = originalOf(read.provenance);
  return { ok: true, text: read.text, ...(original !== undefined && { original }), notes: read.notes, ...(read.amendedVersion && { amendedVersion: read.amendedVersion }) };
}

/** The refusal of a file over the limit; `bytes` is its size when known (from stat), else it grew past the limit as read. */
function tooBig(bytes?: number): string {
  return `${bytes !== undefined ? `${size(bytes)}あり、` : ""}協約の本文の上限 ${size(MAX_TEXT_BYTES)} を超える（協約書は数十KB）。正しいファイルか確かめること [file.too-big]`;
}

