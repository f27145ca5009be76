/**
 * Bytes to text in the encodings municipal files come in: UTF-8 (with or without a BOM),
 * UTF-16 with a BOM, Shift_JIS/CP932, EUC-JP and ISO-2022-JP. The Japanese encodings are
 * decoded by encoding-japanese, not by a table of our own. When the bytes read validly in
 * more than one encoding and each reading is plausible, the file is refused with the
 * encodings tried: a guess would be a silent error.
 *
 * @module
 */
import { issue, type Issue } from "@kyoyaku/core";
import Encoding from "encoding-japanese";
import type { Encoding as TextEncoding } from "../types.js";

/** The Japanese name of an encoding, for messages. */
export const ENCODING_LABEL: Readonly<Record<TextEncoding, string>> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8（BOM付き）",
  shift_jis: "Shift_JIS（CP932）",
  "euc-jp": "EUC-JP",
  "iso-2022-jp": "ISO-2022-JP（JIS）",
  "utf-16le": "UTF-16LE（BOM付き）",
  "utf-16be": "UTF-16BE（BOM付き）",
};

/** A decoding, or why there is none. */
export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncoding }
  | { readonly ok: false; readonly issue: Issue };

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

type Library = "SJIS" | "EUCJP" | "JIS" | "UTF16LE" | "UTF16BE";
const LIBRARY: Partial<Record<TextEncoding, Library>> = { shift_jis: "SJIS", "euc-jp": "EUCJP", "iso-2022-jp": "JIS", "utf-16le": "UTF16LE", "utf-16be": "UTF16BE" };

/**
 * Decode with encoding-japanese, or `undefined` when the bytes are not valid in that
 * encoding or hold a code it cannot map (the library maps those to `?`, which the bytes
 * did not have).
 */
function libraryDecode(bytes: Uint8Array, encoding: TextEncoding): string | undefined {
  const from = LIBRARY[encoding];
  if (from === undefined) return undefined;
  if ((from === "SJIS" || from === "EUCJP" || from === "JIS") && Encoding.detect(bytes, from) !== from) return undefined;
  const text = Encoding.convert(bytes, { from, to: "UNICODE", type: "string" });
  const questions = (s: string): number => s.split("?").length - 1;
  let asciiQuestions = 0;
  for (const b of bytes) if (b === 0x3f) asciiQuestions++;
  if (from === "UTF16LE" || from === "UTF16BE") return text.includes("\uFFFD") ? undefined : text;
  return questions(text) > asciiQuestions || text.includes("\uFFFD") ? undefined : text;
}

/** Decode as `encoding`, or `undefined` when the bytes are not valid in it. A BOM is dropped. */
export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): string | undefined {
  if (encoding === "utf-8" || encoding === "utf-8-bom") {
    try {
      const text = UTF8.decode(bytes);
      return text.startsWith("\uFEFF") ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  }
  const body = encoding === "utf-16le" || encoding === "utf-16be" ? (hasBom(bytes, encoding) ? bytes.subarray(2) : bytes) : bytes;
  if ((encoding === "utf-16le" || encoding === "utf-16be") && body.length % 2 !== 0) return undefined;
  return libraryDecode(body, encoding);
}

function hasBom(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): boolean {
  return encoding === "utf-16le" ? bytes[0] === 0xff && bytes[1] === 0xfe : bytes[0] === 0xfe && bytes[1] === 0xff;
}

/** The BOM's encoding, if the bytes start with one. */
function bomEncoding(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8-bom";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * UTF-16 without a byte order mark: the zero high bytes of ASCII characters and line breaks
 * fall all on odd offsets (LE) or all on even ones (BE).
 */
function looksUtf16(bytes: Uint8Array): "LE" | "BE" | undefined {
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

/** ISO-2022-JP switches character sets with ESC $ B / ESC $ @ / ESC ( J / ESC ( B. */
function hasJisEscape(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x1b && ((bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40)) || (bytes[i + 1] === 0x28 && (bytes[i + 2] === 0x4a || bytes[i + 2] === 0x42)))) return true;
  }
  return false;
}

/** Control bytes other than whitespace (and ESC) never occur in text: a binary file. */
function binaryAt(bytes: Uint8Array): number {
  return bytes.findIndex((b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f);
}

/**
 * A decoding reads plausibly as a Japanese document when it has no half-width katakana and
 * no private-use or C1 control characters: those are what EUC-JP bytes read as Shift_JIS
 * (and the reverse) turn into, and a 協約書 does not use them.
 */
function plausible(text: string): boolean {
  return !/[\uFF61-\uFF9F\uE000-\uF8FF\u0080-\u009F]/u.test(text);
}

/**
 * Decode a text file's bytes: by its BOM when it has one, else UTF-8 when valid, else the
 * one Japanese encoding that reads it plausibly. Refused (with a located, Japanese message
 * and a stable code): UTF-16 without a BOM, binary data, bytes no encoding reads, and bytes
 * that read plausibly in two encodings (naming both).
 *
 * @example
 * decodeText(new TextEncoder().encode("第1条"), "a.txt"); // { ok: true, text: "第1条", encoding: "utf-8" }
 * decodeText(Uint8Array.from([0x91, 0xe6, 0x31, 0x8f, 0xf0]), "a.txt"); // { ok: true, text: "第1条", encoding: "shift_jis" }
 */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  const refuse = (code: string, message: string): Decoded => ({ ok: false, issue: issue("error", code, message, { file }) });
  const bom = bomEncoding(bytes);
  if (bom !== undefined) {
    const text = decodeAs(bytes, bom);
    return text === undefined
      ? refuse("format.encoding-invalid", `${ENCODING_LABEL[bom]}のBOMで始まりますが、その符号化として読めないバイトがあります`)
      : { ok: true, text, encoding: bom };
  }
  const order = looksUtf16(bytes);
  if (order !== undefined) {
    return refuse("format.utf16-without-bom", `BOMのないUTF-16（${order}）のテキストのようです。バイト順が確かでないため読みません。BOM付きUTF-16かUTF-8で保存し直してください`);
  }
  const binary = binaryAt(bytes);
  if (binary >= 0) {
    const what = bytes[binary] === 0 ? "NULバイト" : `制御バイト0x${bytes[binary]!.toString(16).padStart(2, "0")}`;
    return refuse("format.binary", `テキストファイルではありません（${binary}バイト目に${what}があるバイナリデータです）。協約書はテキスト、HTML、Word（.docx）、PDFで渡してください`);
  }
  if (hasJisEscape(bytes)) {
    const text = decodeAs(bytes, "iso-2022-jp");
    return text === undefined ? refuse("format.encoding-invalid", "ISO-2022-JP（JIS）のエスケープがありますが、その符号化として読めません") : { ok: true, text, encoding: "iso-2022-jp" };
  }
  const utf8 = decodeAs(bytes, "utf-8");
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: "utf-8" };
  const tried: readonly TextEncoding[] = ["utf-8", "shift_jis", "euc-jp"];
  const readings = (["shift_jis", "euc-jp"] as const)
    .map((encoding) => ({ encoding, text: decodeAs(bytes, encoding) }))
    .filter((r): r is { encoding: "shift_jis" | "euc-jp"; text: string } => r.text !== undefined);
  const good = readings.filter((r) => plausible(r.text));
  if (good.length === 1) return { ok: true, text: good[0]!.text, encoding: good[0]!.encoding };
  const names = tried.map((e) => ENCODING_LABEL[e]).join("、");
  if (readings.length === 0) return refuse("format.encoding-unknown", `どの文字コードとしても読めません（試したもの: ${names}）。UTF-8で保存し直してください`);
  const which = (good.length > 1 ? good : readings).map((r) => ENCODING_LABEL[r.encoding]).join("と");
  return refuse("format.encoding-ambiguous", `文字コードが一つに決まりません: ${which}のどちらとしても読めます（試したもの: ${names}）。UTF-8で保存し直してください`);
}
