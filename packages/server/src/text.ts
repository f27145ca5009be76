/**
 * A request body as agreement text: UTF-8 only, with a message that says what it is instead
 * (UTF-16, binary, Shift_JIS), as the CLI says of a file.
 *
 * @module
 */

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decode an uploaded body as UTF-8 text (a BOM is dropped).
 *
 * @example
 * decodeBody(new TextEncoder().encode("第1条")); // { ok: true, text: "第1条" }
 * decodeBody(new Uint8Array([0xff, 0xfe, 0x2c, 0x7b])).ok; // false (UTF-16)
 */
export function decodeBody(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "本文が空。協約の本文（UTF-8）を要求の本文として送ること" };
  const [b0, b1] = [bytes[0], bytes[1]];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    return { ok: false, message: "本文が UTF-8 ではなく UTF-16 のテキスト。先に変換すること（例: iconv -f UTF-16 -t UTF-8）" };
  }
  if (bytes.some(isBinaryByte)) return { ok: false, message: "本文がテキストでない（バイナリデータを含む）。協約は UTF-8 のテキストで送ること" };
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, message: "本文が UTF-8 のテキストでない。Shift_JIS なら先に変換すること（例: iconv -f SHIFT_JIS -t UTF-8）" };
  }
}

function isBinaryByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f;
}
