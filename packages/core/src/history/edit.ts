/**
 * Editing a document the way an embedding tool does — an immer recipe on the text in force —
 * and getting back the 変更's operations that make the same change (issue 15: an embedding
 * tool never builds operations by hand).
 *
 * immer's `produceWithPatches` runs the recipe; its patches say which parts of the document
 * were touched. Patch paths index the JSON tree and, inside lists, the list *after* every
 * splice (immer writes index-wise `replace`s plus tail `add`/`remove`s), so they cannot be
 * read as provision edits one by one. Each touched part is therefore walked with the
 * structural sharing immer keeps (an untouched provision is the same object in both
 * versions): list members are paired by identity, then by a shared sub-list (a 条 only
 * renumbered keeps its 項 list), then by number or name, and the pairs that keep their order
 * become renumber / edits; the rest become delete and insert. A changed sentence becomes
 * 「…中「A」を「B」に改める」 (`replaceText`) quoting whole words (Intl.Segmenter), widened
 * until the quote is unique in the provision (word boundaries: Intl.Segmenter's, or the caller's).
 *
 * Every operation is applied (core's own {@link applyOperation}) as it is planned, and the
 * result must equal immer's `after` exactly: an edit the operations cannot express is a thrown
 * error, never a draft that says something else.
 *
 * @module
 */
import { enablePatches, produceWithPatches, type Draft, type Patch } from "immer";
import type { Operation, ProvisionNode } from "../events/types.js";
import { formatAddress, parseAddress, sectionKey, type Address, type SegmentKind } from "../model/address.js";
import { canonicalJson, deepFreeze } from "../model/canonical.js";
import type { AgreementDocument, Section } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";
import { formatIssue } from "../model/issue.js";
import { normalizeText } from "../model/normalize.js";
import { applyOperation } from "./apply.js";

enablePatches();

/** An edit of a document as an embedding tool writes it: an immer recipe that changes the draft in place. */
export type EditRecipe = (draft: Draft<AgreementDocument>) => void;

/** How {@link editDocument} quotes changed words. */
export interface EditOptions {
  /**
   * The word boundaries of a text (indices, 0 and the length included): a quote begins and ends
   * on them. Default: Intl.Segmenter's Japanese words; @kyoyaku/draft passes its own (a run of
   * 漢字 kept whole: 毎年度, not 毎年|度), so a draft quotes as the 改め文 writer does.
   */
  readonly wordBoundaries?: (text: string) => readonly number[];
}

/** What {@link editDocument} returns: the edited document and the operations that make it from the original. */
export interface Edit {
  /** The document after the recipe, deep-frozen (sharing every untouched provision with the original). */
  readonly after: AgreementDocument;
  /** Operations that, applied in order to the original with {@link applyOperation}, give exactly `after`. */
  readonly operations: Operation[];
}

/**
 * Run an immer recipe on a document and turn the change into a 変更's operations.
 *
 * Throws a `KyoyakuError` `input.invalid` when the recipe changes what no amendment changes
 * (`unknown`, a member the model does not have, a value of the wrong type): the operations are
 * applied as they are planned and must give exactly `after` — checked, not assumed.
 *
 * @example
 * const { after, operations } = editDocument(doc, (d) => {
 *   d.articles[2]!.paragraphs[0]!.text = d.articles[2]!.paragraphs[0]!.text.replace("別表", "別表第1");
 *   d.articles.splice(4, 1); // 第5条を削る
 * });
 * // operations (deletions of a list first, then edits in the order of the text):
 * // [{ op: "delete", target: "article:5" }, { op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }]
 */
export function editDocument(doc: AgreementDocument, recipe: EditRecipe, options: EditOptions = {}): Edit {
  const [produced, patches] = produceWithPatches(doc, recipe);
  const after = deepFreeze(produced);
  if (patches.length === 0) return { after, operations: [] };
  const planner = new Planner(doc, options.wordBoundaries ?? segmenterBoundaries);
  for (const part of touchedParts(patches)) planner.part(part, doc, after);
  if (canonicalJson(planner.doc) !== canonicalJson(after)) {
    // What the operations cannot say: a member the model does not have (article.note), a number of the wrong type …
    const part = PARTS.find((p) => canonicalJson(planner.doc[p] ?? null) !== canonicalJson(after[p] ?? null)) ?? "unknown";
    throw new KyoyakuError("input.invalid", `編集後の「${part}」は変更の操作では表せない（協約書のモデルにない項目や型の違う値がないか確かめること）`, [], { part, operations: planner.operations });
  }
  return { after, operations: planner.operations };
}

/** The document's parts in document order; an amendment changes only these. */
const PARTS = ["title", "date", "parties", "name", "preamble", "articles", "closing", "signedOn", "appendices", "supplementary"] as const;
type Part = (typeof PARTS)[number];

/** The top-level parts the patches touch, in document order (a recipe returning a new document touches all). */
function touchedParts(patches: readonly Patch[]): Part[] {
  const heads = new Set(patches.map((p) => p.path[0]));
  if (heads.has(undefined)) return [...PARTS];
  for (const h of heads) {
    if (!(PARTS as readonly unknown[]).includes(h)) {
      throw new KyoyakuError("input.invalid", `編集が文書の「${String(h)}」を変えているが、これは変更連携協約で変えられる部分ではない`, [], { part: h });
    }
  }
  return PARTS.filter((p) => heads.has(p));
}

type Key = string | number;
type Obj = Record<string, unknown>;

/** How the members of one kind of list are identified and addressed. */
interface ListKind {
  /** The address segment of a member. */
  readonly segment: SegmentKind;
  /** The member that identifies it (`number`, `label`, `name`, `role`). */
  readonly field: string;
  /** The key apply compares (normalised; a section's label or its position). */
  key(node: Obj, index: number): string;
  /** The edits inside a member kept in place. */
  inner(p: Planner, at: Place, before: Obj, after: Obj): void;
}

/** Where a node is: its address (for operations) and its path in the document being planned. */
interface Place {
  readonly address: Address;
  readonly path: readonly Key[];
}

const TOP_LISTS = new Set(["articles", "appendices", "parties"]);

function childAddress(parent: Address, segment: SegmentKind, value: string): Address {
  const seg = { kind: segment, value };
  return TOP_LISTS.has(parent) ? formatAddress([seg]) : formatAddress([...(parseAddress(parent) ?? []), seg]);
}

const norm = (n: Obj, f: string): string => normalizeText(String(n[f]));

const ITEM: ListKind = {
  segment: "item", field: "label", key: (n) => norm(n, "label"),
  inner(p, at, b, a) {
    p.text(at, at, "text", b, a);
    p.list(at, "items", ITEM, b, a);
  },
};

/** A 項 of a 条 or of the 附則; `sole` when it is the only 項 of its 条 (then quoted as 「第5条中」). */
const paragraphKind = (sole: () => Place | undefined): ListKind => ({
  segment: "paragraph", field: "number", key: (n) => String(n.number),
  inner(p, at, b, a) {
    p.text(sole() ?? at, at, "text", b, a);
    p.list(at, "items", ITEM, b, a);
  },
});

const FIELD: ListKind = {
  segment: "field", field: "name", key: (n) => norm(n, "name"),
  inner(p, at, b, a) { p.text(at, at, "text", b, a); },
};

const APPENDIX_ITEM: ListKind = {
  segment: "item", field: "name", key: (n) => norm(n, "name"),
  inner(p, at, b, a) { p.list(at, "fields", FIELD, b, a); },
};

const SECTION: ListKind = {
  segment: "section", field: "label", key: (n, i) => sectionKey(n as unknown as Section, i),
  inner(p, at, b, a) {
    p.text(at, at, "title", b, a);
    p.list(at, "items", APPENDIX_ITEM, b, a);
  },
};

const APPENDIX: ListKind = {
  segment: "appendix", field: "number", key: (n) => String(n.number),
  inner(p, at, b, a) {
    // The heading line has no address of its own: a new heading restates the 別表.
    if (b.heading !== a.heading || b.relatedTo !== a.relatedTo) return p.replace(at, a);
    p.list(at, "sections", SECTION, b, a);
  },
};

const ARTICLE: ListKind = {
  segment: "article", field: "number", key: (n) => norm(n, "number"),
  inner(p, at, b, a) {
    const caption = `${at.address}/caption`;
    if (b.caption !== a.caption) {
      if (typeof a.caption !== "string") p.emit({ op: "delete", target: caption });
      else if (typeof b.caption !== "string") p.emit({ op: "insert", parent: at.address, node: a.caption });
      else p.emit({ op: "replace", target: caption, node: a.caption });
    }
    // 「第5条中…」 rather than 「第5条第1項中…」 while the 条 has one 項.
    const sole = (): Place | undefined => ((get(p.doc, [...at.path, "paragraphs"]) as unknown[]).length === 1 ? at : undefined);
    p.list(at, "paragraphs", paragraphKind(sole), b, a);
  },
};

const PARTY: ListKind = {
  segment: "party", field: "role", key: (n) => norm(n, "role"),
  inner(p, at, _b, a) { p.replace(at, a); },
};

function get(root: unknown, path: readonly Key[]): unknown {
  let node = root;
  for (const k of path) node = (node as Record<Key, unknown>)[k];
  return node;
}

/** `root` with the value at `path` set (copying the path only). */
function setIn(root: unknown, path: readonly Key[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Obj) }) as Record<Key, unknown>;
  copy[k!] = setIn((root as Record<Key, unknown>)[k!], rest, value);
  return copy;
}

/** How many occurrences of a quote are tried before the provision is restated instead. */
const OCCURRENCES_TRIED = 50;

/** Plans operations, applying each to `doc` as it goes so the next is planned on the text it will meet. */
class Planner {
  readonly operations: Operation[] = [];
  constructor(public doc: AgreementDocument, readonly wordBoundaries: (text: string) => readonly number[]) {}

  emit(op: Operation): void {
    const r = applyOperation(this.doc, op);
    if (!r.ok) throw new KyoyakuError("internal", `編集から作った変更の操作が適用できない: ${r.issues.map(formatIssue).join("; ")}`, r.issues, { op });
    this.doc = r.value;
    this.operations.push(op);
  }

  /** Whether `op` applied now gives `expected` at `at` (a quote can hit more than the place meant). */
  private tryEmit(op: Operation, at: Place, expected: unknown): boolean {
    const r = applyOperation(this.doc, op);
    if (!r.ok || canonicalJson(get(r.value, at.path)) !== canonicalJson(expected)) return false;
    this.doc = r.value;
    this.operations.push(op);
    return true;
  }

  replace(at: Place, node: unknown): void {
    this.emit({ op: "replace", target: at.address, node: node as ProvisionNode });
  }

  part(part: Part, before: AgreementDocument, after: AgreementDocument): void {
    const b = before[part];
    const a = after[part];
    if (b === a) return;
    const at: Place = { address: part, path: [part] };
    switch (part) {
      case "parties": return this.list({ address: "parties", path: [] }, "parties", PARTY, before as unknown as Obj, after as unknown as Obj);
      case "articles": return this.list({ address: "articles", path: [] }, "articles", ARTICLE, before as unknown as Obj, after as unknown as Obj);
      case "appendices": return this.list({ address: "appendices", path: [] }, "appendices", APPENDIX, before as unknown as Obj, after as unknown as Obj);
      case "supplementary": {
        const bs = b as AgreementDocument["supplementary"];
        const as = a as AgreementDocument["supplementary"];
        if (as === undefined) return this.emit({ op: "delete", target: part });
        if (bs === undefined || bs.heading !== as.heading) return this.replace(at, as);
        return this.list({ address: part, path: [part] }, "paragraphs", paragraphKind(() => undefined), bs as unknown as Obj, as as unknown as Obj);
      }
      case "date": case "signedOn":
        if (a === undefined) return this.emit({ op: "delete", target: part });
        return this.replace(at, a);
      default:
        // title, name, preamble, closing: a sentence.
        if (a === undefined) return this.emit({ op: "delete", target: part });
        if (typeof b !== "string" || b === "" || a === "") return this.replace(at, a);
        return this.text(at, { address: part, path: [] }, part, before as unknown as Obj, after as unknown as Obj);
    }
  }

  /**
   * The string member `field` of the node at `owner` changed from `before[field]` to
   * `after[field]`: 「`target`中「A」を「B」に改める」 for each changed run of words.
   */
  text(target: Place, owner: Place, field: string, before: Obj, after: Obj): void {
    const old = before[field];
    const now = after[field];
    if (old === now || typeof now !== "string") return;
    const path = [...owner.path, field];
    if (typeof old !== "string" || old === "") {
      // Nothing to quote: the node is restated with its text.
      return this.replace(owner, setIn(get(this.doc, owner.path), [field], now));
    }
    const a = words(old, this.wordBoundaries);
    const b = words(now, this.wordBoundaries);
    for (const h of hunks(a, b)) this.hunk(target, path, a, b, h);
  }

  /** One changed run: quote it (whole words) with as little context as makes the quote hit only it. */
  private hunk(target: Place, path: readonly Key[], a: readonly string[], b: readonly string[], h: Hunk): void {
    const join = (xs: readonly string[], from: number, to: number): string => xs.slice(Math.max(0, from), Math.max(0, to)).join("");
    // The text now: the runs before this one already changed (b's words), the rest still a's.
    const text = (upTo: number, rest: number): string => join(b, 0, upTo) + join(a, rest, a.length);
    const expected = setIn(this.doc, path, text(h.b1, h.a1));
    const want = get(expected, target.path);
    let left = 0;
    let right = 0;
    for (let step = 0; ; step++) {
      const canLeft = h.b0 - left > 0;
      const canRight = h.a1 + right < a.length;
      const from = join(b, h.b0 - left, h.b0) + join(a, h.a0, h.a1 + right);
      const to = join(b, h.b0 - left, h.b1) + join(a, h.a1, h.a1 + right);
      const op: Operation = to === "" ? { op: "deleteText", target: target.address, text: from } : { op: "replaceText", target: target.address, from, to };
      if (from !== "" && quotable(from) && quotable(to) && this.tryEmit(op, target, want)) return;
      if (!canLeft && !canRight) {
        // The whole text occurs elsewhere in the provision too: say which occurrence.
        if (from !== "") for (let n = 1; n <= OCCURRENCES_TRIED; n++) if (this.tryEmit({ ...op, occurrence: n }, target, want)) return;
        return this.replace(target, want);
      }
      // Widen by a word, alternately before and after (before first: 「…の次に」 reads on).
      if ((step % 2 === 0 && canLeft) || !canRight) left++;
      else right++;
    }
  }

  /** A list member of `before[field]` / `after[field]` at `parent`: pair, delete, renumber, edit, insert. */
  list(parent: Place, field: string, kind: ListKind, before: Obj, after: Obj): void {
    const bs = before[field] as Obj[] | undefined;
    const as = after[field] as Obj[] | undefined;
    if (bs === as || !as) return;
    const listPath = [...parent.path, field];
    const parentAddress = parent.address;
    const current = (): Obj[] => get(this.doc, listPath) as Obj[];
    const placeOf = (i: number): Place => ({ address: childAddress(parentAddress, kind.segment, kind.key(current()[i]!, i)), path: [...listPath, i] });
    const pairs = pair(bs ?? [], as, kind);
    const kept = new Set(pairs.map(([bi]) => bi));
    // 1. 削る: members not kept, from the last (earlier positions stay as they are).
    for (let i = (bs ?? []).length - 1; i >= 0; i--) if (!kept.has(i)) this.emit({ op: "delete", target: placeOf(i).address });
    // Now current()[k] is the member kept for as[slots[k]]. 2. Renumber those whose number or name changes.
    const slots = pairs.map(([, ai]) => ai);
    const wanted = (k: number): string => kind.key(as[slots[k]!]!, k);
    const renamed = (k: number): boolean => String(current()[k]![kind.field]) !== String(as[slots[k]!]![kind.field]);
    // The keys now held (a map, so a thousand renumbered 条 cost a thousand look-ups, not a million).
    let held = new Set<string>();
    const recount = (): void => { held = new Set(current().map((n, j) => kind.key(n, j))); };
    recount();
    for (let pass = 0; ; pass++) {
      const pending = slots.map((_, k) => k).filter(renamed);
      if (pending.length === 0) break;
      let moved = false;
      // Ascending frees numbers for moves down, descending for moves up (第6条を第7条とし、第5条を第6条とし…).
      for (const k of pass % 2 === 0 ? pending : [...pending].reverse()) {
        const at = placeOf(k);
        const from = kind.key(current()[k]!, k);
        const to = wanted(k);
        if (to === from) {
          // The same number written otherwise (（1） for (1)): the member restated as written.
          this.replace(at, as[slots[k]!]);
        } else {
          if (held.has(to)) continue;
          this.emit({ op: "renumber", target: at.address, to: childAddress(parentAddress, kind.segment, String(as[slots[k]!]![kind.field])) });
          held.delete(from);
          held.add(to);
        }
        moved = true;
      }
      if (!moved) {
        // A cycle (第3条と第4条を入れ替える): one of them deleted here and inserted again below.
        const k = pending[0]!;
        this.emit({ op: "delete", target: placeOf(k).address });
        slots.splice(k, 1);
        recount();
      }
    }
    // 3. In the new order: edits inside kept members, new members inserted after their predecessor.
    const keptAfter = new Set(slots);
    as.forEach((a, j) => {
      if (keptAfter.has(j)) {
        const now = current()[j]!;
        if (now !== a && canonicalJson(now) !== canonicalJson(a)) kind.inner(this, placeOf(j), now, a);
        return;
      }
      const list = current();
      const anchor = j > 0 ? { after: placeOf(j - 1).address } : list.length > 0 ? { before: placeOf(0).address } : {};
      this.emit({ op: "insert", parent: parentAddress, ...anchor, node: a as unknown as ProvisionNode });
    });
  }
}

/**
 * Pair the members of two lists (before index, after index), in order: same object, then a
 * shared non-empty sub-list or sub-object (a renumbered 条 keeps its 項), then the same content
 * but for the number, then the same number or name.
 * Only an order-keeping subset is kept (a member moved elsewhere is deleted and inserted).
 */
function pair(bs: readonly Obj[], as: readonly Obj[], kind: ListKind): [number, number][] {
  const taken = new Set<number>();
  const match = new Map<number, number>();
  const pass = (test: (b: Obj, a: Obj, bi: number, ai: number) => boolean): void => {
    as.forEach((a, ai) => {
      if (match.has(ai)) return;
      const bi = bs.findIndex((b, i) => !taken.has(i) && test(b, a, i, ai));
      if (bi >= 0) { taken.add(bi); match.set(ai, bi); }
    });
  };
  pass((b, a) => b === a);
  pass(sharesPart);
  // A leaf renumbered (a 号 relabelled): all but its number or name the same.
  const rest = (n: Obj): string => canonicalJson({ ...n, [kind.field]: undefined });
  pass((b, a) => rest(b) === rest(a));
  pass((b, a, bi, ai) => kind.key(b, bi) === kind.key(a, ai));
  const sorted = [...match.entries()].sort(([x], [y]) => x - y).map(([ai, bi]) => [bi, ai] as [number, number]);
  return longestIncreasing(sorted);
}

function sharesPart(b: Obj, a: Obj): boolean {
  for (const k of Object.keys(a)) {
    const x = a[k];
    const y = b[k];
    if (x === null || typeof x !== "object" || y === null || typeof y !== "object") continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length > 0 && (x === y || x.some((e) => typeof e === "object" && y.includes(e)))) return true;
    } else if (x === y) return true;
  }
  return false;
}

/** The longest run of pairs whose before indices increase (pairs come in after order). */
function longestIncreasing(pairs: readonly [number, number][]): [number, number][] {
  const len = pairs.map(() => 1);
  const prev = pairs.map(() => -1);
  for (let i = 0; i < pairs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (pairs[j]![0] < pairs[i]![0] && len[j]! + 1 > len[i]!) { len[i] = len[j]! + 1; prev[i] = j; }
    }
  }
  let best = -1;
  for (let i = 0; i < pairs.length; i++) if (best < 0 || len[i]! > len[best]!) best = i;
  const out: [number, number][] = [];
  for (let i = best; i >= 0; i = prev[i]!) out.unshift(pairs[i]!);
  return out;
}

const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

/** Intl.Segmenter's word boundaries (0 and the length included): the default of {@link EditOptions.wordBoundaries}. */
function segmenterBoundaries(text: string): number[] {
  const out = Array.from(segmenter.segment(text), (s) => s.index);
  out.push(text.length);
  return out;
}

/** A text cut at its word boundaries, so a quote never cuts a word in half. */
function words(text: string, boundaries: (text: string) => readonly number[]): string[] {
  const at = [...new Set([0, ...boundaries(text), text.length])].filter((b) => b >= 0 && b <= text.length).sort((x, y) => x - y);
  return at.slice(1).map((b, i) => text.slice(at[i], b)).filter((w) => w !== "");
}

/** A quote the 改め文 reader can read: its 「」 nest, and it stays on one line. */
function quotable(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === "「") depth++;
    else if (ch === "」" && --depth < 0) return false;
  }
  return depth === 0 && !s.includes("\n");
}

/** A changed run: words a[a0, a1) became b[b0, b1). */
interface Hunk { readonly a0: number; readonly a1: number; readonly b0: number; readonly b1: number }

/** Past this many word pairs the texts are compared as one changed run (common head and tail kept). */
const LCS_LIMIT = 250_000;

/**
 * The changed runs between two word lists (longest common subsequence); runs one word apart
 * are joined (「甲及び乙」→「甲、乙及び丙」 reads as one change).
 */
function hunks(a: readonly string[], b: readonly string[]): Hunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 && m === 0) return [];
  if (n * m > LCS_LIMIT || n === 0 || m === 0) return [{ a0: head, a1: head + n, b0: head, b1: head + m }];
  // lcs[i][j]: common words of a[head+i..] and b[head+j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[head + i] === b[head + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: { a0: number; b0: number } | undefined;
  const close = (): void => {
    if (open) out.push({ a0: head + open.a0, a1: head + i, b0: head + open.b0, b1: head + j });
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) { close(); i++; j++; continue; }
    open ??= { a0: i, b0: j };
    if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) j++;
    else i++;
  }
  close();
  const joined: Hunk[] = [];
  for (const h of out) {
    const last = joined[joined.length - 1];
    if (last && h.a0 - last.a1 <= 1) joined[joined.length - 1] = { a0: last.a0, a1: h.a1, b0: last.b0, b1: h.b1 };
    else joined.push(h);
  }
  return joined;
}
