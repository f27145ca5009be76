/**
 * Reading a text file the user names: UTF-8 only, with a message that says what the file
 * is instead (UTF-16 with or without a byte order mark, ISO-2022-JP, EUC-JP, probably
 * Shift_JIS, not text at all) and how to convert it; and no bigger than MAX_TEXT_BYTES, so
 * that a wrong file (a database, a disk image) is refused before it is read into memory.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { fileProblem } from "./context.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The largest text file read: 8 MiB. A 連携協約書 is tens of KB; the seed with its 別表 is
 * 13 KB. A bigger file is almost surely the wrong one, and parsing it would take seconds
 * and hundreds of MB.
 */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

/** A decoder for `label` if this Node has it (small-icu builds lack the Japanese ones). */
function decoder(label: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return undefined;
  }
}

/** True when `bytes` decode as `label` without a single invalid sequence. */
function decodesAs(bytes: Uint8Array, label: string): boolean {
  const d = decoder(label);
  if (d === undefined) return false;
  try {
    d.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-16 without a byte order mark: the zero high bytes of ASCII characters and line breaks
 * fall all on odd offsets (LE) or all on even ones (BE).
 */
function utf16Order(bytes: Uint8Array): "LE" | "BE" | undefined {
  const n = Math.min(bytes.length, 1 << 16) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const zeros = even + odd;
  if (zeros < 2 || zeros < n / 64) return undefined;
  if (odd >= zeros * 0.95) return "LE";
  if (even >= zeros * 0.95) return "BE";
  return undefined;
}

/** The human size of a byte count (MB with one decimal, else KB). */
function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** A file's text, or why it cannot be read as UTF-8 text. */
export type TextFile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * Decode bytes as UTF-8 (a UTF-8 BOM is dropped), naming the encoding when it is another.
 *
 * @example
 * decodeText(Buffer.from("第1条", "utf8"), "a.txt"); // { ok: true, text: "第1条" }
 * decodeText(Buffer.from([0xff, 0xfe, 0x2c, 0x7b]), "a.txt").ok; // false: UTF-16, with an iconv hint
 */
export function decodeText(bytes: Uint8Array, file: string): TextFile {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const order = b0 === 0xff ? "LE" : "BE";
    return { ok: false, message: `UTF-8 ではなく UTF-16（${order}、BOM付き）のテキスト。先に変換すること（例: iconv -f UTF-16 -t UTF-8 ${file} > utf8.txt） [file.encoding]` };
  }
  const order = utf16Order(bytes);
  if (order !== undefined) {
    return { ok: false, message: `UTF-8 ではなく UTF-16（${order}、BOMなし）のテキスト。先に変換すること（例: iconv -f UTF-16${order} -t UTF-8 ${file} > utf8.txt） [file.encoding]` };
  }
  // ISO-2022-JP (JIS) switches character sets with ESC $ B / ESC $ @ / ESC ( J: valid ASCII, so UTF-8 would "read" it.
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x1b && ((bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40)) || (bytes[i + 1] === 0x28 && bytes[i + 2] === 0x4a))) {
      return { ok: false, message: `UTF-8 ではなく ISO-2022-JP（JIS）のテキスト。先に変換すること（例: iconv -f ISO-2022-JP -t UTF-8 ${file} > utf8.txt） [file.encoding]` };
    }
  }
  // Control bytes other than whitespace (and ESC, used by ISO-2022-JP) never occur in UTF-8
  // or Shift_JIS text: this is a binary file (PDF, Word, image…).
  const binary = bytes.findIndex(isBinaryByte);
  if (binary >= 0) {
    const what = bytes[binary] === 0 ? "NUL バイト" : `制御バイト 0x${bytes[binary]!.toString(16).padStart(2, "0")}`;
    return { ok: false, message: `テキストファイルではない（${binary}バイト目に${what}がある）。協約は UTF-8 のテキストファイルで渡すこと [file.binary]` };
  }
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    // Shift_JIS kanji lead bytes (0x81–0x9F) are invalid in EUC-JP, so a text that decodes as EUC-JP is one.
    if (decodesAs(bytes, "euc-jp") && !decodesAs(bytes, "shift_jis")) {
      return { ok: false, message: `UTF-8 のテキストではない（EUC-JP として読める）。先に変換すること（例: iconv -f EUC-JP -t UTF-8 ${file} > utf8.txt） [file.encoding]` };
    }
    // Many municipal texts are saved as Shift_JIS; say so instead of parsing mojibake.
    return { ok: false, message: `UTF-8 のテキストではない。Shift_JIS なら先に変換すること（例: iconv -f SHIFT_JIS -t UTF-8 ${file} > utf8.txt） [file.encoding]` };
  }
}

/** What a file that is not a regular file is, in words. */
function notRegular(st: Stats): string {
  if (st.isDirectory()) return "テキストファイルではなくフォルダ [EISDIR]";
  const what = st.isFIFO() ? "名前付きパイプ（FIFO）" : st.isCharacterDevice() ? "キャラクタデバイス" : st.isBlockDevice() ? "ブロックデバイス" : st.isSocket() ? "ソケット" : "通常のファイルでないもの";
  return `テキストファイルではなく${what}。協約は通常の UTF-8 テキストファイルで渡すこと [file.not-regular]`;
}

/**
 * Read and decode a file; every failure is a message (no such file, a directory, a device
 * or pipe, too big, …). Only a regular file is read, and never more than MAX_TEXT_BYTES
 * (+1, to know it is bigger) whatever its size claims: /dev/zero or a growing file cannot
 * fill the memory.
 *
 * @example
 * readTextFile("/tmp/missing.txt", "missing.txt"); // { ok: false, message: "no such file" }
 * readTextFile("/dev/zero", "/dev/zero").ok; // false: a character device
 */
export function readTextFile(path: string, file: string): TextFile {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the kind is checked on the open file.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: notRegular(st) };
    if (st.size > MAX_TEXT_BYTES) {
      return { ok: false, message: tooBig(st.size) };
    }
    // One byte more than the limit, to know a file (grown since the stat) is bigger.
    let buffer = Buffer.alloc(Math.min(st.size, MAX_TEXT_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_TEXT_BYTES) return { ok: false, message: tooBig() };
        const bigger = Buffer.alloc(MAX_TEXT_BYTES + 1);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return decodeText(buffer.subarray(0, length), file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, message: code === "ENOENT" ? "そのファイルはない [ENOENT]" : code === "EISDIR" ? "テキストファイルではなくフォルダ [EISDIR]" : `読めない: ${fileProblem(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The refusal of a file over the limit; `bytes` is its size when known (from stat), else it grew past the limit as read. */
function tooBig(bytes?: number): string {
  return `${bytes !== undefined ? `${size(bytes)}あり、` : ""}協約の本文の上限 ${size(MAX_TEXT_BYTES)} を超える（協約書は数十KB）。正しいファイルか確かめること [file.too-big]`;
}

function isBinaryByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f;
}
