/**
 * Planning an amendment: the {@link Operation}s (core's structured change) that take the text
 * in force to the text a 法規担当 edited, at the finest level a 改め文 says naturally —
 * words inside a 条 or 取組, a 見出し, 条 and 取組 added, deleted and renumbered — and a whole
 * provision (「第3条を次のように改める。」「別表を次のように改める。」) where most of it changes.
 *
 * The order is the order the operations apply in (each sentence of a 改め文 applies to the text
 * the sentences before it left): edits of existing provisions by their old numbers first, then
 * renumbering (moves down in ascending order, moves up in descending order, so a number is free
 * when it is taken), then insertions in the order of the new text.
 *
 * @module
 */
import {
  appendixItemAddress, articleAddress, canonicalJson, normalizeText, sectionKey,
  type AgreementDocument, type Appendix, type AppendixItem, type Article, type Item, type Operation, type Paragraph, type Section,
} from "@kyoyaku/core";
import { diffChars } from "diff";
import { countIn, quoteEdits, type TextEdit } from "./quote.js";

/** How fine a plan is: `fine` edits words and 取組; `coarse` rewrites each changed 条 and 別表 whole. */
export type Granularity = "fine" | "coarse";

/** A pair of aligned list members: both when the member stayed (changed or not), one when it was added or removed. */
interface Pair<T> { readonly before?: T; readonly after?: T }

/** Share of two texts' characters in common (0 to 1): how much of a provision stayed. */
function likeness(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  const common = diffChars(a, b).reduce((n, c) => n + (c.added || c.removed ? 0 : c.value.length), 0);
  return (2 * common) / (a.length + b.length);
}

/** Two provisions at least this alike are one provision changed (and perhaps renumbered), not one deleted and one added. */
const LIKE = 0.5;

/**
 * Pair the members of a gap whose sizes differ: in order, most alike first (a 条 inserted before
 * a changed one pairs the changed one with its old self, so it is 「第5条中…に改め、同条を第6条とし」,
 * not 「第5条を次のように改める」 with the old text moved one number down). Unpaired members are
 * removed or added.
 */
function pairAlike<T>(a: readonly T[], b: readonly T[], text: (x: T) => string): Pair<T>[] {
  const ta = a.map(text);
  const tb = b.map(text);
  const n = a.length;
  const m = b.length;
  const sim = ta.map((x) => tb.map((y) => { const l = likeness(x, y); return l >= LIKE ? l : 0; }));
  // best[i][j]: the most likeness pairing a[i..] with b[j..] in order can reach.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    const s = sim[i]![j]!;
    best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s > 0 ? s + best[i + 1]![j + 1]! : 0);
  }
  const out: Pair<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const s = i < n && j < m ? sim[i]![j]! : 0;
    if (s > 0 && best[i]![j] === s + best[i + 1]![j + 1]!) out.push({ before: a[i++]!, after: b[j++]! });
    else if (j >= m || (i < n && best[i + 1]![j]! >= best[i]![j + 1]!)) out.push({ before: a[i++]! });
    else out.push({ after: b[j++]! });
  }
  return out;
}

/**
 * Align two lists: members with equal keys in longest-common-subsequence order stay; in each gap
 * between them, removed and added members are paired by position (a member rewritten in place)
 * when as many go as come, else by likeness of their `text` when it is given.
 */
function align<T>(a: readonly T[], b: readonly T[], key: (x: T) => string, text?: (x: T) => string): Pair<T>[] {
  const ka = a.map(key);
  const kb = b.map(key);
  const n = a.length;
  const m = b.length;
  const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) len[i]![j] = ka[i] === kb[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
  const out: Pair<T>[] = [];
  let i = 0;
  let j = 0;
  let gapA: T[] = [];
  let gapB: T[] = [];
  const flush = (): void => {
    if (text !== undefined && gapA.length > 0 && gapB.length > 0 && gapA.length !== gapB.length) {
      out.push(...pairAlike(gapA, gapB, text));
      gapA = [];
      gapB = [];
      return;
    }
    const k = Math.min(gapA.length, gapB.length);
    for (let x = 0; x < k; x++) out.push({ before: gapA[x]!, after: gapB[x]! });
    for (const x of gapA.slice(k)) out.push({ before: x });
    for (const x of gapB.slice(k)) out.push({ after: x });
    gapA = [];
    gapB = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && ka[i] === kb[j]) { flush(); out.push({ before: a[i]!, after: b[j]! }); i++; j++; }
    else if (j >= m || (i < n && len[i + 1]![j]! >= len[i]![j + 1]!)) gapA.push(a[i++]!);
    else gapB.push(b[j++]!);
  }
  flush();
  return out;
}

const same = (a: unknown, b: unknown): boolean => a === b || canonicalJson(a) === canonicalJson(b);

/** Numbers such as `3の2` compared as (3, 2). */
function compareNumbers(a: string, b: string): number {
  const pa = a.split("の").map(Number);
  const pb = b.split("の").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Share of a provision's text a set of edits quotes: past {@link WHOLE_SHARE}, the provision is rewritten whole. */
const WHOLE_SHARE = 0.6;
/** More clauses than this in one provision read worse than its new text. */
const MAX_CLAUSES = 6;

function editsWorthIt(edits: readonly TextEdit[] | undefined, texts: readonly string[]): edits is TextEdit[] {
  if (edits === undefined || edits.length > MAX_CLAUSES) return false;
  const total = texts.reduce((n, t) => n + t.length, 0);
  const quoted = edits.reduce((n, e) => n + Math.max(e.from.length, e.to.length), 0);
  return quoted <= Math.max(20, total * WHOLE_SHARE);
}

const textOps = (target: string, edits: readonly TextEdit[]): Operation[] =>
  edits.map((e) => (e.to === "" ? { op: "deleteText", target, text: e.from } : { op: "replaceText", target, from: e.from, to: e.to }));

/** The texts under a 項 or 号 in document order (the order the engine searches them). */
function itemTexts(items: readonly Item[]): string[] {
  return items.flatMap((it) => [it.text, ...itemTexts(it.items)]);
}
const paragraphTexts = (p: Paragraph): string[] => [p.text, ...itemTexts(p.items)];

/** Labels and nesting of 号, without their texts: text edits keep it. */
const shape = (items: readonly Item[]): string => items.map((it) => `${it.label}(${shape(it.items)})`).join(",");
const sameShape = (a: readonly Paragraph[], b: readonly Paragraph[]): boolean =>
  a.length === b.length && a.every((p, i) => p.number === b[i]!.number && shape(p.items) === shape(b[i]!.items));

/** Operations that take 第N条 (its old number) from `b` to `a`'s content, keeping the number. */
function articleEdits(number: string, b: Article, a: Article, granularity: Granularity): Operation[] {
  const target = articleAddress(number);
  const whole: Operation[] = [{ op: "replace", target, node: { ...a, number } }];
  if (granularity === "coarse") return whole;
  const ops: Operation[] = [];
  if (b.caption !== a.caption) {
    if (a.caption === undefined) ops.push({ op: "delete", target: `${target}/caption` });
    else if (b.caption === undefined) ops.push({ op: "insert", parent: target, node: a.caption });
    else ops.push({ op: "replace", target: `${target}/caption`, node: a.caption });
  }
  if (!same(b.paragraphs, a.paragraphs)) {
    if (!sameShape(b.paragraphs, a.paragraphs)) {
      const moved = paragraphEdits(target, b, a);
      if (moved === undefined) return whole;
      ops.push(...moved);
      return ops;
    }
    // One 項: 「第N条中…」; several: 「第N条第M項中…」 for each 項 changed, so quotes stay short.
    const scopes = b.paragraphs.length === 1
      ? [{ target, before: b.paragraphs.flatMap(paragraphTexts), after: a.paragraphs.flatMap(paragraphTexts) }]
      : b.paragraphs.map((p, i) => ({ target: `${target}/paragraph:${p.number}`, before: paragraphTexts(p), after: paragraphTexts(a.paragraphs[i]!) }));
    for (const s of scopes) {
      if (same(s.before, s.after)) continue;
      const edits = quoteEdits(s);
      if (!editsWorthIt(edits, s.before)) return whole;
      ops.push(...textOps(s.target, edits));
    }
  }
  return ops;
}

/**
 * 項 added, deleted, renumbered or rewritten inside a 条 whose first 項 stays
 * (「第3条第3項を同条第4項とし、同条第2項の次に次の1項を加える。」); `undefined` when the 条 is
 * better rewritten whole (its first 項 goes, or most of it changes).
 */
function paragraphEdits(target: string, b: Article, a: Article): Operation[] | undefined {
  const address = (p: Paragraph): string => `${target}/paragraph:${p.number}`;
  const pairs = align(b.paragraphs, a.paragraphs, (p) => canonicalJson({ text: p.text, items: p.items }));
  const first = pairs[0];
  if (first?.before?.number !== 1 || first.after?.number !== 1) return undefined;
  const changed = pairs.filter((p) => !(p.before && p.after && same(p.before.text, p.after.text) && same(p.before.items, p.after.items))).length;
  if (changed > Math.max(1, pairs.length * WHOLE_SHARE)) return undefined;
  const edits: Operation[] = [];
  const moves: { from: string; to: string }[] = [];
  for (const p of pairs) {
    if (p.before && p.after) {
      if (!same(p.before.text, p.after.text) || !same(p.before.items, p.after.items)) {
        if (shape(p.before.items) !== shape(p.after.items)) {
          const items = itemEdits(address(p.before), p.before, p.after);
          if (items !== undefined) edits.push(...items);
          else if (p.before.number === 1) return undefined;
          else edits.push({ op: "replace", target: address(p.before), node: { ...p.after, number: p.before.number } });
        } else {
          const scope = { before: paragraphTexts(p.before), after: paragraphTexts(p.after) };
          const e = quoteEdits(scope);
          if (!editsWorthIt(e, scope.before)) return undefined;
          edits.push(...textOps(address(p.before), e));
        }
      }
      if (p.before.number !== p.after.number) moves.push({ from: String(p.before.number), to: String(p.after.number) });
    } else if (p.before) edits.push({ op: "delete", target: address(p.before) });
  }
  return [...edits, ...renumbering(moves, (n) => `${target}/paragraph:${n}`), ...inserts(pairs, target, address)];
}

/**
 * 号 added after the last or the last ones deleted, in a 項 whose other 号 keep their labels
 * (「第3条第1項に次の1号を加える。」「第3条第1項第3号を削る。」), with the words of the 項 and its
 * remaining 号 edited in place; `undefined` for other changes of the 号 (the 項 is rewritten).
 */
function itemEdits(target: string, b: Paragraph, a: Paragraph): Operation[] | undefined {
  const flat = (items: readonly Item[]): boolean => items.every((it) => it.items.length === 0);
  const k = Math.min(b.items.length, a.items.length);
  if (!flat(b.items) || !flat(a.items) || b.items.slice(0, k).some((it, i) => it.label !== a.items[i]!.label)) return undefined;
  const itemAddress = (it: Item): string => `${target}/item:${normalizeText(it.label)}`;
  // Words first, while the 号 to be deleted are still there (a quote is unique among them too).
  const scope = { before: paragraphTexts(b), after: [a.text, ...a.items.slice(0, k).map((it) => it.text), ...b.items.slice(k).map((it) => it.text)] };
  const words = quoteEdits(scope);
  if (!editsWorthIt(words, scope.before)) return undefined;
  // The last first: a 改め文 names a 号 by its number in the text in force (第3号), which the ones
  // before it keep only while they are all there.
  const removed = b.items.slice(k).reverse().map((it): Operation => ({ op: "delete", target: itemAddress(it) }));
  let after = b.items[k - 1] !== undefined ? itemAddress(b.items[k - 1]!) : undefined;
  const added = a.items.slice(k).map((it): Operation => {
    const op: Operation = { op: "insert", parent: target, ...(after !== undefined ? { after } : {}), node: it };
    after = itemAddress(it);
    return op;
  });
  return [...textOps(target, words), ...removed, ...added];
}

/** Renumbering in an order where each number is free when it is taken: moves down ascending, moves up descending. */
function renumbering(moves: readonly { from: string; to: string }[], address: (n: string) => string): Operation[] {
  const down = moves.filter((m) => compareNumbers(m.to, m.from) < 0).sort((x, y) => compareNumbers(x.from, y.from));
  const up = moves.filter((m) => compareNumbers(m.to, m.from) > 0).sort((x, y) => compareNumbers(y.from, x.from));
  return [...down, ...up].map((m) => ({ op: "renumber", target: address(m.from), to: address(m.to) }));
}

/** A 条's words, 見出し and all, without its number: what likeness compares. */
const articleText = (a: Article): string => [a.caption ?? "", ...a.paragraphs.flatMap(paragraphTexts)].join("\n");

function planArticles(before: readonly Article[], after: readonly Article[], granularity: Granularity): Operation[] {
  const pairs = align(before, after, (a) => canonicalJson({ caption: a.caption ?? null, paragraphs: a.paragraphs }), articleText);
  const edits: Operation[] = [];
  const moves: { from: string; to: string }[] = [];
  for (const p of pairs) {
    if (p.before && p.after) {
      if (!same({ ...p.before, number: "" }, { ...p.after, number: "" })) edits.push(...articleEdits(p.before.number, p.before, p.after, granularity));
      if (p.before.number !== p.after.number) moves.push({ from: p.before.number, to: p.after.number });
    } else if (p.before) edits.push({ op: "delete", target: articleAddress(p.before.number) });
  }
  return [...edits, ...renumbering(moves, articleAddress), ...inserts(pairs, "articles", (a) => articleAddress(a.number))];
}

/**
 * The insertions of the members only `after` has, in its order: each after the member before
 * it in the new text, or before the first that stayed when it opens the list.
 */
function inserts<T extends Article | Paragraph | AppendixItem>(pairs: readonly Pair<T>[], parent: string, address: (x: T) => string): Operation[] {
  const ops: Operation[] = [];
  let previous: string | undefined;
  pairs.forEach((p, i) => {
    if (p.after && p.before === undefined) {
      if (previous !== undefined) ops.push({ op: "insert", parent, after: previous, node: p.after });
      else {
        const next = pairs.slice(i + 1).find((q) => q.before !== undefined && q.after !== undefined)?.after;
        ops.push(next !== undefined ? { op: "insert", parent, before: address(next), node: p.after } : { op: "insert", parent, node: p.after });
      }
    }
    if (p.after) previous = address(p.after);
  });
  return ops;
}

const itemKey = (it: AppendixItem): string => normalizeText(it.name);
const fieldNames = (it: AppendixItem): string => it.fields.map((f) => f.name).join("\t");

/**
 * The one clause that renames a 取組 (its fields already in their new form): the words changed
 * when one quote says it, else the whole name; `undefined` when neither is unique in the 取組.
 */
function renameEdit(fields: readonly string[], from: string, to: string): TextEdit[] | undefined {
  const words = quoteEdits({ before: [...fields, from], after: [...fields, to] });
  if (words?.length === 1) return words;
  return [...fields, from].reduce((n, t) => n + countIn(t, from), 0) === 1 ? [{ from, to }] : undefined;
}

/** Operations on one section of a 別表 (its title, its 取組); `undefined` when the 別表 is better rewritten whole. */
function sectionEdits(appendix: number, key: string, b: Section, a: Section): Operation[] | undefined {
  const ops: Operation[] = [];
  const sectionAddr = `appendix:${appendix}/section:${key}`;
  const texts = (s: Section): string[] => [s.title, ...s.items.flatMap((it) => [it.name, ...it.fields.map((f) => f.text)])];
  if (b.title !== a.title) {
    const before = texts(b);
    const edits = quoteEdits({ before, after: [a.title, ...before.slice(1)] });
    if (!editsWorthIt(edits, [b.title])) return undefined;
    ops.push(...textOps(sectionAddr, edits));
  }
  const pairs = align(b.items, a.items, itemKey);
  const changed = pairs.filter((p) => !(p.before && p.after && same(p.before, p.after))).length;
  if (changed > Math.max(2, pairs.length * WHOLE_SHARE)) return undefined;
  // New 取組 first, placed by the names the text has before any is renamed (the reader checks
  // every target against the text in force).
  ops.push(...inserts(pairs.map((p) => (p.before && p.after ? { before: p.before, after: p.before } : p)), sectionAddr, (it) => appendixItemAddress(appendix, key, it.name)));
  for (const p of pairs) {
    if (p.before && p.after) {
      if (same(p.before, p.after)) continue;
      const target = appendixItemAddress(appendix, key, p.before.name);
      if (fieldNames(p.before) !== fieldNames(p.after)) { ops.push({ op: "replace", target, node: p.after }); continue; }
      // The name last and in one clause (renameEdit): a clause that renames the 取組 changes the
      // address the sentence's other clauses name it by.
      const beforeTexts = [...p.before.fields.map((f) => f.text), p.before.name];
      const edits = quoteEdits({ before: beforeTexts, after: [...p.after.fields.map((f) => f.text), p.before.name] });
      const afterFields = p.after.fields.map((f) => f.text);
      const rename = p.before.name === p.after.name ? [] : renameEdit(afterFields, p.before.name, p.after.name);
      if (editsWorthIt(edits, beforeTexts) && rename !== undefined) ops.push(...textOps(target, [...edits, ...rename]));
      else ops.push({ op: "replace", target, node: p.after });
    } else if (p.before) ops.push({ op: "delete", target: appendixItemAddress(appendix, key, p.before.name) });
  }
  return ops;
}

function planAppendices(before: readonly Appendix[], after: readonly Appendix[], granularity: Granularity): Operation[] {
  const ops: Operation[] = [];
  after.forEach((a, i) => {
    const b = before[i];
    if (b === undefined) { ops.push({ op: "insert", parent: "appendices", ...(i > 0 ? { after: `appendix:${after[i - 1]!.number}` } : {}), node: a }); return; }
    if (same(b, a)) return;
    const whole: Operation = { op: "replace", target: `appendix:${b.number}`, node: a };
    const sameFrame = b.heading === a.heading && b.relatedTo === a.relatedTo && b.sections.length === a.sections.length && b.sections.every((s, k) => s.label === a.sections[k]!.label);
    if (granularity === "coarse" || !sameFrame) { ops.push(whole); return; }
    const inner: Operation[] = [];
    for (const [k, s] of b.sections.entries()) {
      if (same(s, a.sections[k])) continue;
      const e = sectionEdits(b.number, sectionKey(s, k), s, a.sections[k]!);
      if (e === undefined) { ops.push(whole); return; }
      inner.push(...e);
    }
    ops.push(...inner);
  });
  for (const b of before.slice(after.length)) ops.push({ op: "delete", target: `appendix:${b.number}` });
  return ops;
}

/** The 題名, 名称 and 前文: words changed in place, or the part rewritten. */
function planTextPart(target: "title" | "name" | "preamble", b: string | undefined, a: string | undefined): Operation[] {
  if (b === a || a === undefined) return [];
  if (b !== undefined) {
    const edits = quoteEdits({ before: [b], after: [a] });
    if (editsWorthIt(edits, [b])) return textOps(target, edits);
  }
  return [{ op: "replace", target, node: a }];
}

/**
 * The operations that take `before` to `after`, in the order they apply: 題名, 名称 and 前文,
 * then 条 (edits, deletions, renumbering, insertions), then 別表. Parts an amendment does not
 * change (parties, dates, 署名欄, the agreement's own 附則) are not planned: a draft whose
 * texts differ there is refused by {@link draftAmendment}, which checks the plan reaches
 * `after` exactly.
 *
 * @example
 * planOperations(before, after);
 * // [{ op: "replaceText", target: "article:5", from: "毎年度会議", to: "毎年度1回以上会議" },
 * //  { op: "renumber", target: "article:6", to: "article:7" },
 * //  { op: "insert", parent: "articles", after: "article:5", node: { number: "6", … } }]
 */
export function planOperations(before: AgreementDocument, after: AgreementDocument, granularity: Granularity = "fine"): Operation[] {
  return [
    ...planTextPart("title", before.title, after.title),
    ...planTextPart("name", before.name, after.name),
    ...planTextPart("preamble", before.preamble, after.preamble),
    ...planArticles(before.articles, after.articles, granularity),
    ...planAppendices(before.appendices, after.appendices, granularity),
  ];
}
