/**
 * Provisions as the lines of a 新旧対照表 cell, laid out as the 協約書 prints them: 条 with
 * its （見出し） line, 「第N条 …」 and 「2 …」 paragraphs, 号 indented; a 取組 with its name and
 * one line per field. Pairs of provisions are marked character by character.
 *
 * @module
 */
import { articleLabel, type Appendix, type AppendixItem, type Article, type Item, type JpDate, type Paragraph, type Party, type Section, type SupplementaryProvisions } from "@kyoyaku/core";
import { markChanges, type Line, type Span } from "./marks.js";

/** Both columns of one row: 改正後 (after) and 改正前 (before), each a list of lines. */
export interface CellPair {
  readonly after: Line[];
  readonly before: Line[];
}

/** Marker texts of the table. */
export const NEW = "（新設）";
export const DELETED = "（削る）";
export const OMITTED = "（略）";

const plain = (text: string): Line => [{ text, changed: false }];
/** A wholly new (or deleted) line: marked, except its leading indent. */
const whole = (text: string): Line => {
  const indent = /^[\s\u3000]*/u.exec(text)![0];
  return indent === "" ? [{ text, changed: true }] : [{ text: indent, changed: false }, { text: text.slice(indent.length), changed: true }];
};
const INDENT = "\u3000";

/** One line, pairwise: both sides marked, or one side entirely new/removed. */
function linePair(out: CellPair, before: string | undefined, after: string | undefined): void {
  if (before !== undefined && after !== undefined) {
    if (before === after) {
      out.after.push(plain(after));
      out.before.push(plain(before));
      return;
    }
    const m = markChanges(before, after);
    out.after.push(m.after);
    out.before.push(m.before);
  } else if (after !== undefined) out.after.push(whole(after));
  else if (before !== undefined) out.before.push(whole(before));
}

/** Key-aligned union of two lists, in the newer list's order with older-only entries where they stood. */
function unionBy<T>(before: readonly T[], after: readonly T[], key: (x: T) => string): [T | undefined, T | undefined][] {
  const out: [T | undefined, T | undefined][] = [];
  const bKeys = new Map(before.map((x) => [key(x), x] as const));
  // The first position of each key in the older list (what findIndex gave, without the scan).
  const bFirst = new Map<string, number>();
  before.forEach((x, i) => {
    const k = key(x);
    if (!bFirst.has(k)) bFirst.set(k, i);
  });
  const aKeys = new Set(after.map(key));
  let bi = 0;
  for (const x of after) {
    // Older-only entries that came before this one in the older list.
    const k = key(x);
    const bPos = bFirst.get(k) ?? -1;
    if (bPos >= 0) {
      for (; bi < bPos; bi++) if (!aKeys.has(key(before[bi]!))) out.push([before[bi], undefined]);
      bi = Math.max(bi, bPos + 1);
    }
    out.push([bKeys.get(k), x]);
  }
  for (; bi < before.length; bi++) if (!aKeys.has(key(before[bi]!))) out.push([before[bi], undefined]);
  return out;
}

/** Largest before × after list lined up by the content LCS; longer lists (none in a real 条) go by key alone. */
const LINE_UP_CELLS = 250_000;

/**
 * 項 and 号 lined up by identity, as the diff (core's diffDocuments) aligns them: the same
 * content under another number is the same provision renumbered (「第2号を第3号とし」), so it
 * is lined with itself and only its number is marked; between those, the same number is paired
 * (an amended text), and the rest are new or deleted. Lining by number alone paired the old 第2号
 * with the new 第2号 that replaced nothing, and every renumbered one with its neighbour.
 */
function lineUp<T>(before: readonly T[], after: readonly T[], content: (x: T) => string, key: (x: T) => string): [T | undefined, T | undefined][] {
  const n = before.length;
  const m = after.length;
  if (n * m > LINE_UP_CELLS) return unionBy(before, after, key);
  const ca = before.map(content);
  const cb = after.map(content);
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..] by content.
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = ca[i] === cb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: [T | undefined, T | undefined][] = [];
  let i = 0;
  let j = 0;
  let gi = 0;
  let gj = 0;
  const gap = (): void => { out.push(...unionBy(before.slice(gi, i), after.slice(gj, j), key)); };
  while (i < n && j < m) {
    if (ca[i] === cb[j]) {
      gap();
      out.push([before[i], after[j]]);
      gi = ++i;
      gj = ++j;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  i = n;
  j = m;
  gap();
  return out;
}

const content = (x: Item | Paragraph): string => JSON.stringify([x.text, x.items]);

function itemLines(out: CellPair, before: readonly Item[], after: readonly Item[], depth: number): void {
  for (const [b, a] of lineUp(before, after, content, (x) => x.label)) {
    const line = (x: Item | undefined): string | undefined => (x === undefined ? undefined : `${INDENT.repeat(depth)}${x.label} ${x.text}`);
    linePair(out, line(b), line(a));
    itemLines(out, b?.items ?? [], a?.items ?? [], depth + 1);
  }
}

const sameParagraph = (a: Paragraph, b: Paragraph): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Paragraphs of an article (or 附則); unchanged ones are 「（略）」 on both sides when `elide`. */
function paragraphLines(out: CellPair, before: readonly Paragraph[], after: readonly Paragraph[], label: (p: Paragraph, side: "before" | "after") => string, elide: boolean): void {
  for (const [b, a] of lineUp(before, after, content, (p) => String(p.number))) {
    if (elide && a && b && sameParagraph(a, b) && label(a, "after") === label(b, "before")) {
      out.after.push(plain(`${label(a, "after")}${OMITTED}`));
      out.before.push(plain(`${label(b, "before")}${OMITTED}`));
      continue;
    }
    linePair(out, b && `${label(b, "before")}${b.text}`, a && `${label(a, "after")}${a.text}`);
    itemLines(out, b?.items ?? [], a?.items ?? [], 1);
  }
}

/**
 * The lines of an article (条) pair; either side may be absent (新設 / 削る).
 *
 * @example
 * articleCells(before, after, true).after[0]; // [{ text: "（目的）", changed: false }]
 */
export function articleCells(before: Article | undefined, after: Article | undefined, elide: boolean): CellPair {
  const out: CellPair = { after: [], before: [] };
  const caption = (x: Article | undefined): string | undefined => (x?.caption !== undefined ? `（${x.caption}）` : undefined);
  linePair(out, caption(before), caption(after));
  const numberOf = { before: articleLabel(before?.number ?? ""), after: articleLabel(after?.number ?? "") };
  paragraphLines(out, before?.paragraphs ?? [], after?.paragraphs ?? [], (p, side) => (p.number === 1 ? `${numberOf[side]} ` : `${p.number} `), elide && before !== undefined && after !== undefined);
  return finish(out, before, after);
}

/**
 * The lines of a 附則 pair.
 *
 * @example
 * supplementaryCells(undefined, s).after[0]; // [{ text: "附 則", changed: true }]
 */
export function supplementaryCells(before: SupplementaryProvisions | undefined, after: SupplementaryProvisions | undefined, elide: boolean): CellPair {
  const out: CellPair = { after: [], before: [] };
  linePair(out, before?.heading, after?.heading);
  paragraphLines(out, before?.paragraphs ?? [], after?.paragraphs ?? [], (p) => `${p.number} `, elide && before !== undefined && after !== undefined);
  return finish(out, before, after);
}

/**
 * The lines of a 取組 pair: its name, then one line per field (「取組内容 …」, with a full-width space).
 *
 * @example
 * appendixItemCells(old, renamed).after[0]; // name with the changed characters marked
 */
export function appendixItemCells(before: AppendixItem | undefined, after: AppendixItem | undefined): CellPair {
  const out: CellPair = { after: [], before: [] };
  appendixItemInto(out, before, after);
  return finish(out, before, after);
}

function appendixItemInto(out: CellPair, before: AppendixItem | undefined, after: AppendixItem | undefined): void {
  linePair(out, before?.name, after?.name);
  for (const [b, a] of unionBy(before?.fields ?? [], after?.fields ?? [], (f) => f.name)) {
    linePair(out, b && `${INDENT}${b.name}${INDENT}${b.text}`, a && `${INDENT}${a.name}${INDENT}${a.text}`);
  }
}

/** The heading line of a 別表 section, e.g. 「I 圏域全体の経済成長のけん引」. */
export const sectionHeading = (s: Section): string => (s.label !== "" ? `${s.label} ${s.title}` : s.title);

/**
 * The lines of a section pair: its heading, and (when `withItems`) every 取組.
 *
 * @example
 * sectionCells(undefined, newSection, true).after.length; // 1 + lines of its 取組
 */
export function sectionCells(before: Section | undefined, after: Section | undefined, withItems: boolean): CellPair {
  const out: CellPair = { after: [], before: [] };
  sectionInto(out, before, after, withItems);
  return finish(out, before, after);
}

function sectionInto(out: CellPair, before: Section | undefined, after: Section | undefined, withItems: boolean): void {
  linePair(out, before && sectionHeading(before), after && sectionHeading(after));
  if (!withItems) return;
  for (const [b, a] of unionBy(before?.items ?? [], after?.items ?? [], (x) => x.name)) appendixItemInto(out, b, a);
}

/**
 * The lines of a 別表 pair: its heading, and (when `withSections`) everything in it.
 *
 * @example
 * appendixCells(undefined, appendix, true).after[0]; // [{ text: "別表（第3条関係）", changed: true }]
 */
export function appendixCells(before: Appendix | undefined, after: Appendix | undefined, withSections: boolean): CellPair {
  const out: CellPair = { after: [], before: [] };
  linePair(out, before?.heading, after?.heading);
  if (withSections) {
    for (const [b, a] of unionBy(before?.sections ?? [], after?.sections ?? [], (s) => `${s.label}\u0000${s.label === "" ? s.title : ""}`)) sectionInto(out, b, a, true);
  }
  return finish(out, before, after);
}

const partyText = (p: Party): string => [p.role, p.address, p.name, p.office, p.head].filter((x) => x !== undefined && x !== "").join(" ");

/**
 * The lines of a party (当事者) pair.
 *
 * @example
 * partyCells(undefined, { role: "丙", name: "備前市" }).after; // [[{ text: "丙 備前市", changed: true }]]
 */
export function partyCells(before: Party | undefined, after: Party | undefined): CellPair {
  const out: CellPair = { after: [], before: [] };
  linePair(out, before && partyText(before), after && partyText(after));
  return finish(out, before, after);
}

/** Text of a document-level part (title, 前文, a date …). */
export function partText(value: unknown): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 0 ? undefined : `（本文不明の部分: ${value.join("、")}）`;
  if (typeof value === "object" && value !== null && "text" in value) return (value as JpDate).text;
  return JSON.stringify(value);
}

/**
 * The lines of a document-level part pair (題名, 前文, 日付 …); multi-line text stays multi-line.
 *
 * @example
 * textCells("旧", "新").after; // [[{ text: "新", changed: true }]]
 */
export function textCells(before: string | undefined, after: string | undefined): CellPair {
  const out: CellPair = { after: [], before: [] };
  const bl = before?.split("\n") ?? [];
  const al = after?.split("\n") ?? [];
  for (let i = 0; i < Math.max(bl.length, al.length); i++) linePair(out, bl[i], al[i]);
  return finish(out, before, after);
}

/** A side that does not exist says 「（新設）」 or 「（削る）」. */
function finish(out: CellPair, before: unknown, after: unknown): CellPair {
  if (before === undefined && out.before.length === 0) out.before.push(plain(NEW));
  if (after === undefined && out.after.length === 0) out.after.push(plain(DELETED));
  return out;
}

export type { Line, Span };
