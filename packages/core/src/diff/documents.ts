/**
 * The difference between two agreement documents: an RFC 6902 JSON Patch and a
 * provision-level change list, computed in one walk that skips every subtree whose
 * content hash (or object identity) is unchanged. See docs/diff.md.
 *
 * @module
 */
import jsonpatch from "fast-json-patch";
import type { Address } from "../model/address.js";
import type { JsonPatchOperation, ProvisionChange, ProvisionLevel } from "./types.js";
import type { AgreementDocument, Appendix, AppendixItem, Article, Item, Paragraph, Party, Section, SupplementaryProvisions } from "../model/document.js";
import { appendixItemAddress, articleAddress, formatAddress, sectionAddress, sectionKey } from "../model/address.js";
import { normalizeText } from "../model/normalize.js";
import { alignLists, LCS_CELLS, similarity, type AlignSpec } from "./align.js";
import { createHasher, type DiffStats, type Hasher } from "./hash.js";

const { compare, escapePathComponent } = jsonpatch;

/** Options of {@link diffDocuments}. */
export interface DiffOptions {
  /** Counters to fill in (how many nodes were hashed and descended into). */
  readonly stats?: DiffStats;
  /** Largest list middle aligned by one exact LCS table (default {@link LCS_CELLS}); tests lower it. */
  readonly lcsCells?: number;
}

/** The result of {@link diffDocuments}. */
export interface DocumentsDiff {
  /** Applying this to (a copy of) `before` gives `after`, deep-equal. */
  readonly patch: JsonPatchOperation[];
  /** Provision-level changes in document order (removed ones where they stood). */
  readonly changes: ProvisionChange[];
}

/**
 * The empty document: what a side of a diff is when nothing was in force on its date.
 *
 * @example
 * diffDocuments(EMPTY_DOCUMENT, doc).changes; // every part of doc, "added"
 */
export const EMPTY_DOCUMENT: AgreementDocument = Object.freeze({
  title: "",
  parties: Object.freeze([]),
  preamble: "",
  articles: Object.freeze([]),
  appendices: Object.freeze([]),
  unknown: Object.freeze([]),
}) as AgreementDocument;

/** Minimum name similarity for an unmatched removed and added 取組 to count as one renamed 取組. */
export const RENAME_THRESHOLD = 0.6;

interface Walk {
  /** Absent when only the provision-level changes are wanted (no patch values are copied). */
  readonly patch: JsonPatchOperation[] | undefined;
  readonly changes: ProvisionChange[];
  readonly h: Hasher;
  readonly stats: DiffStats | undefined;
  readonly cells: number;
}

/** A JSON copy (drops `undefined` members, as canonical JSON does). */
const json = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const isObj = (v: unknown): v is object => v !== null && typeof v === "object";
const present = (v: unknown): boolean => v !== undefined && v !== "";
const ptr = (base: string, key: string | number): string => `${base}/${escapePathComponent(String(key))}`;

/**
 * Emit the patch operations that turn `a` into `b` at `path`; fast-json-patch's `compare`
 * does objects (a 取組, a party, a date). Returns whether anything differed.
 */
function emitValue(w: Walk, path: string, a: unknown, b: unknown): boolean {
  if (a === b) return false;
  if (a === undefined) {
    w.patch?.push({ op: "add", path, value: json(b) });
    return true;
  }
  if (b === undefined) {
    w.patch?.push({ op: "remove", path });
    return true;
  }
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    if (w.h.same(a, b)) return false;
    if (w.patch === undefined) return true;
    for (const op of compare(json(a) as object, json(b) as object)) {
      w.patch.push({ ...op, path: path + op.path } as JsonPatchOperation);
    }
    return true;
  }
  w.patch?.push({ op: "replace", path, value: json(b) });
  return true;
}

/** Emit the own (non-list) members of a node pair; returns whether any differed. */
function emitOwn(w: Walk, path: string, a: object, b: object, lists: readonly string[]): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let changed = false;
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (lists.includes(k)) continue;
    if (ra[k] === undefined && rb[k] === undefined) continue;
    if (emitValue(w, ptr(path, k), ra[k], rb[k])) changed = true;
  }
  return changed;
}

interface ListHandlers<T> {
  readonly removed: (x: T, i: number) => void;
  readonly added: (y: T, j: number) => void;
  readonly pair: (x: T, y: T, i: number, j: number, path: string) => void;
}

/** Diff a list: removals (from the end) first, then additions and descents in new-index order. */
function diffList<T>(w: Walk, path: string, a: readonly T[], b: readonly T[], spec: AlignSpec<T>, on: ListHandlers<T>): void {
  if (a === b) return;
  const steps = alignLists(a, b, spec, w.h, w.stats, w.cells);
  const removals = steps.flatMap((s) => (s.kind === "removed" ? [s.i] : [])).sort((x, y) => y - x);
  if (w.patch !== undefined) for (const i of removals) w.patch.push({ op: "remove", path: ptr(path, i) });
  for (const s of steps) {
    if (s.kind === "removed") on.removed(a[s.i]!, s.i);
    else if (s.kind === "added") {
      w.patch?.push({ op: "add", path: ptr(path, s.j), value: json(b[s.j]) });
      on.added(b[s.j]!, s.j);
    } else if (!w.h.knownSame(a[s.i], b[s.j])) {
      // Not known equal: descend (children shared with the other side cost an identity check).
      if (w.stats) w.stats.descended += 1;
      on.pair(a[s.i]!, b[s.j]!, s.i, s.j, ptr(path, s.j));
    }
  }
}

function push(w: Walk, c: ProvisionChange): void {
  w.changes.push(Object.freeze(c));
}

/** Added / removed / replaced-or-moved for a node identified by address on both sides. */
function own(w: Walk, level: ProvisionLevel, before: unknown, after: unknown, beforeAddr: Address, afterAddr: Address, moved: boolean): void {
  if (moved) push(w, { address: afterAddr, level, change: "moved", before, after, movedFrom: beforeAddr, beforeAddress: beforeAddr });
  else if (beforeAddr !== afterAddr) push(w, { address: afterAddr, level, change: "replaced", before, after, beforeAddress: beforeAddr });
  else push(w, { address: afterAddr, level, change: "replaced", before, after });
}

// ——— 号 and deeper items, 項 ———

const itemSpec = (h: Hasher): AlignSpec<Item> => ({
  anchor: (x) => h.hash({ text: x.text, items: x.items }),
  pairKey: (x) => normalizeText(x.label),
});
const itemAddr = (parent: Address, it: Item): Address => `${parent}/${formatAddress([{ kind: "item", value: normalizeText(it.label) }])}`;

function diffItems(w: Walk, path: string, a: readonly Item[], b: readonly Item[], pa: Address, pb: Address): void {
  diffList(w, path, a, b, itemSpec(w.h), {
    removed: (x) => push(w, { address: itemAddr(pa, x), level: "item", change: "removed", before: x }),
    added: (y) => push(w, { address: itemAddr(pb, y), level: "item", change: "added", after: y }),
    pair: (x, y, _i, _j, p) => {
      const ax = itemAddr(pa, x);
      const ay = itemAddr(pb, y);
      if (emitOwn(w, p, x, y, ["items"])) own(w, "item", x, y, ax, ay, normalizeText(x.label) !== normalizeText(y.label));
      diffItems(w, ptr(p, "items"), x.items, y.items, ax, ay);
    },
  });
}

const paragraphSpec = (h: Hasher): AlignSpec<Paragraph> => ({
  anchor: (x) => h.hash({ text: x.text, items: x.items }),
  pairKey: (x) => String(x.number),
});
const paragraphAddr = (parent: Address, p: Paragraph): Address => `${parent}/paragraph:${p.number}`;

function diffParagraphs(w: Walk, path: string, a: readonly Paragraph[], b: readonly Paragraph[], pa: Address, pb: Address): void {
  diffList(w, path, a, b, paragraphSpec(w.h), {
    removed: (x) => push(w, { address: paragraphAddr(pa, x), level: "paragraph", change: "removed", before: x }),
    added: (y) => push(w, { address: paragraphAddr(pb, y), level: "paragraph", change: "added", after: y }),
    pair: (x, y, _i, _j, p) => {
      const ax = paragraphAddr(pa, x);
      const ay = paragraphAddr(pb, y);
      if (emitOwn(w, p, x, y, ["items"])) own(w, "paragraph", x, y, ax, ay, x.number !== y.number);
      diffItems(w, ptr(p, "items"), x.items, y.items, ax, ay);
    },
  });
}

// ——— 条 ———

const articleSpec = (h: Hasher): AlignSpec<Article> => ({
  // Same content under another number is a renumbering (第6条を第5条とする), not a replacement.
  anchor: (x) => h.hash({ caption: x.caption, paragraphs: x.paragraphs }),
  pairKey: (x) => normalizeText(x.number),
});

function diffArticles(w: Walk, a: readonly Article[], b: readonly Article[]): void {
  diffList(w, "/articles", a, b, articleSpec(w.h), {
    removed: (x) => push(w, { address: articleAddress(x.number), level: "article", change: "removed", before: x }),
    added: (y) => push(w, { address: articleAddress(y.number), level: "article", change: "added", after: y }),
    pair: (x, y, _i, _j, p) => {
      const ax = articleAddress(x.number);
      const ay = articleAddress(y.number);
      if (emitOwn(w, p, x, y, ["paragraphs"])) own(w, "article", x, y, ax, ay, normalizeText(x.number) !== normalizeText(y.number));
      diffParagraphs(w, ptr(p, "paragraphs"), x.paragraphs, y.paragraphs, ax, ay);
    },
  });
}

// ——— 別表, sections, 取組 ———

/**
 * Longest 取組 name (in characters, normalised) compared for similarity: the score is an LCS
 * of the two names, so a longer name is not scored (0: not a rename) rather than cost its square.
 */
export const RENAME_NAME_LIMIT = 200;

const appendixItemSpec: AlignSpec<AppendixItem> = {
  anchor: (x) => normalizeText(x.name),
  similarity: {
    score: (x, y) => {
      const a = normalizeText(x.name);
      const b = normalizeText(y.name);
      return a.length > RENAME_NAME_LIMIT || b.length > RENAME_NAME_LIMIT ? 0 : similarity(a, b);
    },
    threshold: RENAME_THRESHOLD,
  },
};

function diffAppendixItems(w: Walk, path: string, a: readonly AppendixItem[], b: readonly AppendixItem[], ctxA: [number, string], ctxB: [number, string]): void {
  const addr = (ctx: [number, string], it: AppendixItem): Address => appendixItemAddress(ctx[0], ctx[1], it.name);
  diffList(w, path, a, b, appendixItemSpec, {
    removed: (x) => push(w, { address: addr(ctxA, x), level: "appendixItem", change: "removed", before: x }),
    added: (y) => push(w, { address: addr(ctxB, y), level: "appendixItem", change: "added", after: y }),
    pair: (x, y, _i, _j, p) => {
      // A 取組 is one row of the table: its fields are reported with it, not one by one.
      if (emitOwn(w, p, x, y, [])) own(w, "appendixItem", x, y, addr(ctxA, x), addr(ctxB, y), false);
    },
  });
}

const sectionSpec: AlignSpec<Section> = {
  anchor: (x) => (x.label !== "" ? `label:${normalizeText(x.label)}` : `title:${normalizeText(x.title)}`),
  pairKey: (x) => normalizeText(x.title),
};

function diffSections(w: Walk, path: string, a: readonly Section[], b: readonly Section[], na: number, nb: number): void {
  diffList(w, path, a, b, sectionSpec, {
    removed: (x, i) => push(w, { address: sectionAddress(na, sectionKey(x, i)), level: "section", change: "removed", before: x }),
    added: (y, j) => push(w, { address: sectionAddress(nb, sectionKey(y, j)), level: "section", change: "added", after: y }),
    pair: (x, y, i, j, p) => {
      const ka = sectionKey(x, i);
      const kb = sectionKey(y, j);
      if (emitOwn(w, p, x, y, ["items"])) own(w, "section", x, y, sectionAddress(na, ka), sectionAddress(nb, kb), false);
      diffAppendixItems(w, ptr(p, "items"), x.items, y.items, [na, ka], [nb, kb]);
    },
  });
}

const appendixSpec: AlignSpec<Appendix> = { anchor: (x) => String(x.number) };

function diffAppendices(w: Walk, a: readonly Appendix[], b: readonly Appendix[]): void {
  const addr = (x: Appendix): Address => `appendix:${x.number}`;
  diffList(w, "/appendices", a, b, appendixSpec, {
    removed: (x) => push(w, { address: addr(x), level: "appendix", change: "removed", before: x }),
    added: (y) => push(w, { address: addr(y), level: "appendix", change: "added", after: y }),
    pair: (x, y, _i, _j, p) => {
      if (emitOwn(w, p, x, y, ["sections"])) own(w, "appendix", x, y, addr(x), addr(y), false);
      diffSections(w, ptr(p, "sections"), x.sections, y.sections, x.number, y.number);
    },
  });
}

// ——— parties, 附則, the document ———

const partySpec: AlignSpec<Party> = { anchor: (x) => normalizeText(x.role), pairKey: (x) => normalizeText(x.name) };
const partyAddr = (x: Party): Address => formatAddress([{ kind: "party", value: normalizeText(x.role) }]);

function diffParties(w: Walk, a: readonly Party[], b: readonly Party[]): void {
  diffList(w, "/parties", a, b, partySpec, {
    removed: (x) => push(w, { address: partyAddr(x), level: "party", change: "removed", before: x }),
    added: (y) => push(w, { address: partyAddr(y), level: "party", change: "added", after: y }),
    pair: (x, y, _i, _j, p) => {
      if (emitOwn(w, p, x, y, [])) own(w, "party", x, y, partyAddr(x), partyAddr(y), false);
    },
  });
}

function diffSupplementary(w: Walk, a: SupplementaryProvisions | undefined, b: SupplementaryProvisions | undefined): void {
  if (a === b) return;
  if (a === undefined || b === undefined) {
    emitValue(w, "/supplementary", a, b);
    if (a === undefined) push(w, { address: "supplementary", level: "supplementary", change: "added", after: b });
    else push(w, { address: "supplementary", level: "supplementary", change: "removed", before: a });
    return;
  }
  if (w.h.knownSame(a, b)) return;
  if (w.stats) w.stats.descended += 1;
  if (emitOwn(w, "/supplementary", a, b, ["paragraphs"])) own(w, "supplementary", a, b, "supplementary", "supplementary", false);
  diffParagraphs(w, "/supplementary/paragraphs", a.paragraphs, b.paragraphs, "supplementary", "supplementary");
}

/** Document-level parts, in the order a 協約書 prints them. `unknown` is a pseudo-address (see docs/diff.md). */
const DOCUMENT_ORDER = ["title", "date", "parties", "name", "preamble", "articles", "closing", "signedOn", "appendices", "supplementary", "unknown"] as const;

function diffScalarPart(w: Walk, key: string, a: unknown, b: unknown): void {
  if (!emitValue(w, ptr("", key), a, b)) return;
  const change = !present(a) && present(b) ? "added" : present(a) && !present(b) ? "removed" : "replaced";
  push(w, {
    address: key,
    level: "document",
    change,
    ...(a !== undefined ? { before: a } : {}),
    ...(b !== undefined ? { after: b } : {}),
  });
}

/** Turn removed + added pairs of the same 取組 (by name) or 条 (by content) into `moved`. */
function detectMoves(w: Walk): void {
  const key = (c: ProvisionChange, node: unknown): string | undefined => {
    if (c.level === "appendixItem") return `item:${normalizeText((node as AppendixItem).name)}`;
    if (c.level === "article") {
      const a = node as Article;
      return `article:${w.h.hash({ caption: a.caption, paragraphs: a.paragraphs })}`;
    }
    return undefined;
  };
  // Removed changes by key, each list read forward once (a cursor, not shift: linear).
  const removed = new Map<string, { at: number[]; next: number }>();
  w.changes.forEach((c, idx) => {
    if (c.change !== "removed") return;
    const k = key(c, c.before);
    if (k === undefined) return;
    const known = removed.get(k);
    if (known) known.at.push(idx);
    else removed.set(k, { at: [idx], next: 0 });
  });
  if (removed.size === 0) return;
  const drop = new Set<number>();
  w.changes.forEach((c, idx) => {
    if (c.change !== "added") return;
    const k = key(c, c.after);
    const list = k === undefined ? undefined : removed.get(k);
    const from = list !== undefined && list.next < list.at.length ? list.at[list.next++] : undefined;
    if (from === undefined) return;
    const r = w.changes[from]!;
    drop.add(from);
    w.changes[idx] = Object.freeze({
      address: c.address, level: c.level, change: "moved", before: r.before, after: c.after, movedFrom: r.address, beforeAddress: r.address,
    });
  });
  const kept = w.changes.filter((_c, idx) => !drop.has(idx));
  w.changes.length = 0;
  for (const c of kept) w.changes.push(c);
}

/**
 * The difference between two documents: a JSON Patch (RFC 6902) that turns `before` into
 * `after` exactly, and the provision-level changes (条, 項, 号, 別表, 区分, 取組, parties and
 * document-level parts), in document order. Identical subtrees (same object, or same
 * content hash) are skipped, so versions that share structure cost only their changes.
 *
 * @example
 * const { patch, changes } = diffDocuments(v1, v2);
 * changes[0]; // { address: "appendix:1/section:I/item:新たな産業の創出及び地域産業の振興", level: "appendixItem", change: "added", after: {...} }
 * applyPatch(structuredClone(v1), patch).newDocument; // deep-equals v2
 */
export function diffDocuments(before: AgreementDocument, after: AgreementDocument, options: DiffOptions = {}): DocumentsDiff {
  const patch: JsonPatchOperation[] = [];
  return { patch, changes: walkDocuments(before, after, options, patch) };
}

/**
 * The provision-level changes of {@link diffDocuments} without its patch (nothing copied for
 * patch values): what attributing changes to the steps between two versions needs.
 *
 * @example
 * diffChanges(v1, v2); // the same list as diffDocuments(v1, v2).changes
 */
export function diffChanges(before: AgreementDocument, after: AgreementDocument, options: DiffOptions = {}): ProvisionChange[] {
  return walkDocuments(before, after, options, undefined);
}

function walkDocuments(before: AgreementDocument, after: AgreementDocument, options: DiffOptions, patch: JsonPatchOperation[] | undefined): ProvisionChange[] {
  const w: Walk = { patch, changes: [], h: createHasher(options.stats), stats: options.stats, cells: options.lcsCells ?? LCS_CELLS };
  if (w.h.knownSame(before, after)) return [];
  if (w.stats) w.stats.descended += 1;
  const ra = before as unknown as Record<string, unknown>;
  const rb = after as unknown as Record<string, unknown>;
  for (const k of DOCUMENT_ORDER) {
    if (k === "parties") diffParties(w, before.parties, after.parties);
    else if (k === "articles") diffArticles(w, before.articles, after.articles);
    else if (k === "appendices") diffAppendices(w, before.appendices, after.appendices);
    else if (k === "supplementary") diffSupplementary(w, before.supplementary, after.supplementary);
    else diffScalarPart(w, k, ra[k], rb[k]);
  }
  // Members the model may gain later are still patched and reported.
  const known = new Set<string>(DOCUMENT_ORDER);
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!known.has(k)) diffScalarPart(w, k, ra[k], rb[k]);
  }
  detectMoves(w);
  return w.changes;
}
