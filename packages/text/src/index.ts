/**
 * @kyoyaku/text — read 連携協約書 / 変更連携協約書 texts into the document model and legal
 * events, and render documents back to text. This file is the package's whole public API.
 *
 * @packageDocumentation
 */
export type { ParseOptions, ParsedText, ReadAs, ReadDate, ReadOperation, SentenceReading, TextPart } from "./types.js";
export { inferAgreementId, parseAgreement, parseAmendment, parseText } from "./parse.js";
export { renderDocument, renderProvision } from "./render.js";
export { restatement } from "./restate.js";
