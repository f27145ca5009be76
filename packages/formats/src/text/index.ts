/**
 * The plain-text reader: decode the bytes (see {@link decodeText}) and hand the text on as it is.
 *
 * @module
 */
import type { FormatRead } from "../types.js";
import { decodeText } from "./decode.js";

/**
 * Read a plain-text file in any of the encodings {@link decodeText} knows.
 *
 * @example
 * await readText(new TextEncoder().encode("連携協約書\n"), "a.txt"); // { ok: true, text: "連携協約書\n", encoding: "utf-8", notes: [] }
 */
export function readText(bytes: Uint8Array, name: string): Promise<FormatRead> {
  const decoded = decodeText(bytes, name);
  return Promise.resolve(decoded.ok ? { ok: true, text: decoded.text, encoding: decoded.encoding, notes: [] } : { ok: false, issues: [decoded.issue] });
}
