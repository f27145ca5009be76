/**
 * Reading a text file the user names: UTF-8 only, with a message that says what the file
 * is instead (UTF-16, probably Shift_JIS, not text at all) and how to convert it.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { fileProblem } from "./context.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

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
    return { ok: false, message: `is UTF-16 text (${order}, with a byte order mark), not UTF-8 — convert it first (e.g. iconv -f UTF-16 -t UTF-8 ${file} > utf8.txt)` };
  }
  // Control bytes other than whitespace (and ESC, used by ISO-2022-JP) never occur in UTF-8
  // or Shift_JIS text: this is a binary file (PDF, Word, image…).
  if (bytes.some(isBinaryByte)) return { ok: false, message: "is not a text file (it contains binary data); give the agreement as a UTF-8 text file" };
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    // Many municipal texts are saved as Shift_JIS; say so instead of parsing mojibake.
    return { ok: false, message: `is not UTF-8 text — if it is Shift_JIS, convert it first (e.g. iconv -f SHIFT_JIS -t UTF-8 ${file} > utf8.txt)` };
  }
}

/**
 * Read and decode a file; every failure is a message (no such file, a directory, …).
 *
 * @example
 * readTextFile("/tmp/missing.txt", "missing.txt"); // { ok: false, message: "no such file" }
 */
export function readTextFile(path: string, file: string): TextFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, message: code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a text file" : `cannot read: ${fileProblem(e)}` };
  }
  return decodeText(bytes, file);
}

function isBinaryByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f;
}
