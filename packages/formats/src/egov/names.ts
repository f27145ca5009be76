/**
 * The names the 法令標準XML (e-Gov schema v3) export and import share: the namespace of
 * kyoyaku's extension elements (what e-Gov has no element for: the parties, the name line,
 * the closing sentence, the dates as written) and the e-Gov names of nested items.
 *
 * @module
 */

/** Namespace of the extension elements (prefix `ky`). */
export const KY_NS = "urn:kyoyaku:egov-extension:1";

/** e-Gov's name for an item at `depth` (0: 号 → `Item`; 1…10: `Subitem1`…`Subitem10`). */
export const itemTag = (depth: number): string => (depth === 0 ? "Item" : `Subitem${depth}`);

/** The deepest item level e-Gov has (Subitem10). */
export const MAX_ITEM_DEPTH = 10;

/** e-Gov's English era names, by 元号. */
export const ERA_EN = { 明治: "Meiji", 大正: "Taisho", 昭和: "Showa", 平成: "Heisei", 令和: "Reiwa" } as const;

/** An article number as e-Gov's `Num` attribute writes it: 枝番号 with `_` (`3の2` → `3_2`). */
export const articleNum = (n: string): string => n.replace(/の/gu, "_");
