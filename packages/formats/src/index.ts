/**
 * @kyoyaku/formats — read the files municipalities keep (plain text in the Japanese
 * encodings, 例規集 HTML, Word .docx, PDF) into the text the parser reads, keeping what the
 * audit trail needs of the original (its bytes' SHA-256, format and encoding). This file is
 * the package's whole public API.
 *
 * @packageDocumentation
 */
export type { AmendedVersion, Detected, Encoding, Format, FormatRead, FormatReader, Provenance, ReadResult } from "./types.js";
export { detectFormat } from "./detect.js";
export { decodeText, ENCODING_LABEL } from "./text/decode.js";
export { FORMAT_LABEL, MAX_DOCUMENT_BYTES, MAX_TEXT_BYTES, originalOf, readDocument, tooBig } from "./read.js";
export { readPdf } from "./pdf/index.js";
export { writeDocx, type DocxBlock } from "./docx/write.js";
export { readEgovXml } from "./egov/read.js";
export { writeEgovXml, type EgovVersion } from "./egov/write.js";
export { amendedVersionIssue } from "./egov/index.js";
export { AKN_NS, writeAkn, type AknInput } from "./akn/write.js";
export { exportAkn, exportEgovXml, type Exported } from "./exports.js";
