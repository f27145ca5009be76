/**
 * What a file is, by its content, never by its name: a PDF starts with `%PDF-`; a zip
 * (`PK\x03\x04`) is a Word file when it holds `word/document.xml`; an OLE compound file
 * (`D0 CF 11 E0 A1 B1 1A E1`) is old Office; HTML has a `<!DOCTYPE html>` or `<html>` near
 * the start; XML whose root is `<Law>` is 法令標準XML, other XML is refused; anything else is text (or binary, which the text reader refuses).
 *
 * @module
 */
import JSZip from "jszip";
import type { Detected } from "./types.js";

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** The ASCII of the first bytes, for the signatures that are ASCII; other bytes read as spaces. */
function head(bytes: Uint8Array, n: number): string {
  let s = "";
  for (let i = 0; i < Math.min(n, bytes.length); i++) {
    const b = bytes[i]!;
    s += b < 0x80 ? String.fromCharCode(b) : " ";
  }
  return s;
}

/** The ASCII of the first characters of a text with a UTF-16 byte order mark, else `undefined`. */
function utf16Head(bytes: Uint8Array, n: number): string | undefined {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!le && !(bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  let s = "";
  for (let i = 2; i + 1 < Math.min(2 * n, bytes.length); i += 2) {
    const code = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    s += code < 0x80 ? String.fromCharCode(code) : " ";
  }
  return s;
}

/*
 * A comment and a processing instruction, each unable to run past its own end (`-->`, `?>`).
 * A lazy `[\s\S]*?` could: 「<!---->」 × n followed by no tag then had 2^n ways to be split
 * into comments, and 150 of them in the first 1 KB hung the format detection for ever.
 */
const COMMENT = "<!--(?:[^-]|-(?!->))*-->";
const PI_BODY = "(?:[^?]|\\?(?!>))*\\?>";
const HTML_START = new RegExp(`^(?:\\uFEFF)?\\s*(?:${COMMENT}\\s*)*<(?:!doctype\\s+html|html|head|meta|body)[\\s>]`, "iu");
const XML_START = new RegExp(`^(?:\\uFEFF)?\\s*(<\\?xml${PI_BODY})?\\s*(?:(?:${COMMENT}|<\\?${PI_BODY}|<!DOCTYPE[^>]*>)\\s*)*<([A-Za-z_][\\w.:-]*)[\\s/>]`, "u");

/**
 * True when the first 1 KB look like HTML: a doctype or an `<html>`, `<head>`, `<meta>` or
 * `<body>` tag after any BOM and whitespace. A text that merely mentions a tag is text.
 */
export function looksLikeHtml(start: string): boolean {
  return HTML_START.test(start);
}

/**
 * The root element's name of a text that starts as XML (an `<?xml …?>` declaration, or
 * comments and then an element), else `undefined`. A text that starts with a tag but no
 * declaration is XML only when it is not HTML (checked before this).
 *
 * @example
 * xmlRoot('<?xml version="1.0"?>\n<Law Era="Reiwa">'); // "Law"
 * xmlRoot("連携協約書"); // undefined
 */
export function xmlRoot(start: string): string | undefined {
  const m = XML_START.exec(start);
  return m ? m[2] : undefined;
}

/**
 * The kind of a zip file from its entries: Word (word/document.xml), Excel, PowerPoint, or
 * another zip. A zip that cannot be opened is `undefined` (corrupt).
 */
async function zipKind(bytes: Uint8Array): Promise<Detected | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    if (zip.file("word/document.xml")) return "docx";
    if (zip.file("xl/workbook.xml")) return "xlsx";
    if (zip.file("ppt/presentation.xml")) return "pptx";
    return "zip";
  } catch {
    return undefined;
  }
}

/**
 * Detect a file's kind by content. A zip that cannot be opened is reported as `zip` with
 * `corrupt: true`.
 *
 * @example
 * await detectFormat(new TextEncoder().encode("%PDF-1.7\n…")); // { detected: "pdf" }
 * await detectFormat(new TextEncoder().encode("連携協約書\n第1条")); // { detected: "text" }
 */
export async function detectFormat(bytes: Uint8Array): Promise<{ readonly detected: Detected; readonly corrupt?: boolean }> {
  if (head(bytes, 5) === "%PDF-") return { detected: "pdf" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const kind = await zipKind(bytes);
    return kind === undefined ? { detected: "zip", corrupt: true } : { detected: kind };
  }
  if (startsWith(bytes, OLE)) return { detected: "ole" };
  const start = utf16Head(bytes, 1024) ?? head(bytes.subarray(startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0), 1024);
  if (looksLikeHtml(start)) return { detected: "html" };
  const root = xmlRoot(start);
  if (root !== undefined) return { detected: root === "Law" ? "egov-xml" : "xml" };
  return { detected: "text" };
}
