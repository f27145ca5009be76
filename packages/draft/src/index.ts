/**
 * @kyoyaku/draft — writing 変更連携協約書 (改め文 and 新旧対照表方式) from the text a 法規担当 edits.
 *
 * @packageDocumentation
 */
export type { DraftBase, DraftOptions, DraftStyle } from "./types.js";
export { writeTaishohyo, type TaishohyoDraft } from "./taishohyo.js";
