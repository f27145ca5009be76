/**
 * @kyoyaku/draft — writing 変更連携協約書 (改め文 and 新旧対照表方式) from the text a 法規担当 edits.
 * This file is the package's whole public API.
 *
 * @packageDocumentation
 */
export type { Draft, DraftBase, DraftComparison, DraftOptions, DraftStyle } from "./types.js";
export { writeTaishohyo, type TaishohyoDraft } from "./taishohyo.js";
export type { Granularity } from "./plan.js";
export { planOperations } from "./plan.js";
export { provisionName, writeAmendment } from "./kaimebun.js";
export { draftAmendment } from "./draft.js";
export type { Scope, TextEdit } from "./quote.js";
export { quoteEdits, wordBoundaries } from "./quote.js";
export { draftBaseOf, draftFromEdit } from "./edit.js";
export type { DraftFormat } from "./render.js";
export { renderDraft } from "./render.js";
