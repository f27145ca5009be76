/**
 * Applying one {@link Operation} to an {@link AgreementDocument}: the pure step every version
 * is built from. Only the containers on the edited path are copied (copy-on-write, the
 * structural sharing of immer's `produce` without its proxies, which cost more than the whole
 * edit): untouched provisions are the same frozen objects in both versions, so their content
 * hashes stay memoised. The result is deep-frozen.
 *
 * Partial documents: a history that begins with an amendment (the base text is not at hand)
 * starts from {@link partialDocument}, where every top-level part is listed in `unknown`.
 * An entry in `unknown` means "the content at this address is not (fully) known": nodes
 * present below it were stated by an event and are known, anything else there may exist.
 * An edit of a part that is unknown and not present leaves it unknown (a warning), never
 * an invention.
 *
 * @module
 */
import type { Operation, ProvisionNode } from "../events/types.js";
import { parseAddress, sectionKey, type Address } from "../model/address.js";
import { deepFreeze, isDeepFrozen } from "../model/canonical.js";
import type { AgreementDocument, Section } from "../model/document.js";
import { normalizeText } from "../model/normalize.js";
import { fail, issue, ok, type Issue, type Result } from "../model/issue.js";
import { addressLabel } from "./labels.js";
import { exactHits, looseHits, MATCH_WORK_LIMIT } from "./match.js";

/**
 * The top-level parts a partial document lists as unknown when nothing of the base text is
 * at hand, in document order.
 */
export const DOCUMENT_PARTS: readonly Address[] = Object.freeze([
  "title", "date", "parties", "name", "preamble", "articles", "closing", "signedOn", "appendices", "supplementary",
]);

/**
 * The empty partial document a history starts from when it begins with an amendment: empty
 * content, every part in `unknown`.
 *
 * @example
 * partialDocument().unknown.includes("articles"); // true
 */
export function partialDocument(): AgreementDocument {
  return deepFreeze({ title: "", parties: [], preamble: "", articles: [], appendices: [], unknown: [...DOCUMENT_PARTS] });
}

/** What kind of node a path reaches. */
type NodeKind =
  | "slot" /* a document-level field: title, name, date, preamble, closing, signedOn, supplementary */
  | "collection" /* parties, articles, appendices */
  | "party" | "article" | "paragraph" | "item" | "appendix" | "section" | "appendixItem" | "field"
  | "caption" /* an article's 見出し (`article:3/caption`): a string, present only when the article has one */;

type Key = string | number;

interface Located {
  readonly path: readonly Key[];
  readonly kind: NodeKind;
  /** For a slot or collection, its name. */
  readonly name?: string;
}

/** Where the children of a node live and what kind they are. */
interface Container {
  readonly path: readonly Key[];
  readonly childKind: NodeKind;
}

const SLOTS = new Set(["title", "name", "date", "preamble", "closing", "signedOn", "supplementary"]);
const TEXT_SLOTS = new Set(["title", "name", "preamble", "closing"]);

const same = (a: string, b: string): boolean => a === b || normalizeText(a) === normalizeText(b);

function get(root: unknown, path: readonly Key[]): unknown {
  let node: unknown = root;
  for (const k of path) {
    if (node === null || node === undefined) return undefined;
    node = (node as Record<Key, unknown>)[k];
  }
  return node;
}

/** The identity of a child within its container (what must be unique there). */
function childKey(kind: NodeKind, node: unknown, index: number): string {
  const n = node as Record<string, unknown>;
  switch (kind) {
    case "article": return normalizeText(String(n.number));
    case "paragraph": return String(n.number);
    case "item": return normalizeText(String(n.label));
    case "appendix": return String(n.number);
    case "section": return sectionKey(node as Section, index);
    case "appendixItem": return normalizeText(String(n.name));
    case "field": return normalizeText(String(n.name));
    case "party": return normalizeText(String(n.role));
    default: return String(index);
  }
}

/** The address value that selects a child (the inverse of childKey for matching). */
function matchesChild(kind: NodeKind, node: unknown, index: number, value: string): boolean {
  if (kind === "section") {
    const s = node as Section;
    return sectionKey(s, index) === normalizeText(value) || (s.label === "" && `#${index + 1}` === value);
  }
  if (kind === "paragraph" || kind === "appendix") return childKey(kind, node, index) === value;
  return same(childKey(kind, node, index), value);
}

/** Locate the node an address names, as a path of keys; `undefined` when it is not there. */
function locate(doc: AgreementDocument, address: Address): Located | undefined {
  const segs = parseAddress(address);
  if (!segs) return undefined;
  let loc: Located | undefined;
  for (const [i, s] of segs.entries()) {
    const v = s.value ?? "";
    if (i === 0) {
      if (SLOTS.has(s.kind) && s.value === undefined) { loc = { path: [s.kind], kind: "slot", name: s.kind }; continue; }
      if ((s.kind === "articles" || s.kind === "appendices" || s.kind === "parties") && s.value === undefined) {
        loc = { path: [s.kind], kind: "collection", name: s.kind };
        continue;
      }
      const top = s.kind === "article" ? ["articles", "article"] : s.kind === "appendix" ? ["appendices", "appendix"] : s.kind === "party" ? ["parties", "party"] : undefined;
      if (!top) return undefined;
      const list = doc[top[0] as "articles"] as readonly unknown[];
      const idx = list.findIndex((n, j) => matchesChild(top[1] as NodeKind, n, j, v));
      if (idx < 0) return undefined;
      loc = { path: [top[0]!, idx], kind: top[1] as NodeKind };
      continue;
    }
    if (s.kind === "caption") {
      // 見出し: a leaf under an article, there only when the article has one.
      if (loc?.kind !== "article" || s.value !== undefined || i !== segs.length - 1) return undefined;
      if (typeof get(doc, [...loc.path, "caption"]) !== "string") return undefined;
      loc = { path: [...loc.path, "caption"], kind: "caption" };
      continue;
    }
    const c = loc ? containerOf(doc, loc) : undefined;
    if (!c || !loc) return undefined;
    const expected: Record<string, NodeKind[]> = {
      paragraph: ["paragraph"], item: ["item", "appendixItem"], section: ["section"], field: ["field"],
    };
    if (!(expected[s.kind] ?? []).includes(c.childKind)) return undefined;
    const list = get(doc, c.path);
    if (!Array.isArray(list)) return undefined;
    const idx = list.findIndex((n, j) => matchesChild(c.childKind, n, j, v));
    if (idx < 0) return undefined;
    loc = { path: [...c.path, idx], kind: c.childKind };
  }
  return loc;
}

/** The child container of a located node (for insert and for walking down). */
function containerOf(doc: AgreementDocument, loc: Located): Container | undefined {
  switch (loc.kind) {
    case "collection": return { path: loc.path, childKind: loc.name === "articles" ? "article" : loc.name === "appendices" ? "appendix" : "party" };
    case "slot": return loc.name === "supplementary" && doc.supplementary ? { path: ["supplementary", "paragraphs"], childKind: "paragraph" } : undefined;
    case "article": return { path: [...loc.path, "paragraphs"], childKind: "paragraph" };
    case "paragraph": case "item": return { path: [...loc.path, "items"], childKind: "item" };
    case "appendix": return { path: [...loc.path, "sections"], childKind: "section" };
    case "section": return { path: [...loc.path, "items"], childKind: "appendixItem" };
    case "appendixItem": return { path: [...loc.path, "fields"], childKind: "field" };
    default: return undefined;
  }
}

const isObj = (n: unknown): n is Record<string, unknown> => typeof n === "object" && n !== null && !Array.isArray(n);
const isArr = (n: unknown): boolean => Array.isArray(n);

/** A structural check that a node fits where it goes (catches an Article inserted into a 別表). */
function fits(kind: NodeKind, node: ProvisionNode, slot?: string): boolean {
  if (kind === "slot") {
    if (TEXT_SLOTS.has(slot ?? "")) return typeof node === "string";
    if (slot === "supplementary") return isObj(node) && isArr(node.paragraphs);
    return isObj(node) && typeof node.text === "string"; // date, signedOn: a JpDate
  }
  if (kind === "caption") return typeof node === "string" && node !== "";
  if (!isObj(node)) return false;
  switch (kind) {
    case "article": return typeof node.number === "string" && isArr(node.paragraphs);
    case "paragraph": return typeof node.number === "number" && typeof node.text === "string" && isArr(node.items);
    case "item": return typeof node.label === "string" && typeof node.text === "string" && isArr(node.items);
    case "appendix": return typeof node.number === "number" && isArr(node.sections);
    case "section": return typeof node.label === "string" && isArr(node.items);
    case "appendixItem": return typeof node.name === "string" && isArr(node.fields);
    case "field": return typeof node.name === "string" && typeof node.text === "string";
    case "party": return typeof node.role === "string" && typeof node.name === "string";
    default: return false;
  }
}

const KIND_JA: Record<NodeKind, string> = {
  slot: "部分", collection: "一覧", party: "当事者", article: "条", paragraph: "項", item: "号", appendix: "別表",
  section: "区分", appendixItem: "取組", field: "欄", caption: "見出し",
};

/** The top-level part an address belongs to (`article:3/…` → `articles`). */
function topPart(address: Address): string {
  const head = address.split("/")[0] ?? "";
  const kind = head.split(":")[0] ?? "";
  return kind === "article" ? "articles" : kind === "appendix" ? "appendices" : kind === "party" ? "parties" : kind;
}

/** The unknown entry that covers an address, if any. */
function unknownCovering(doc: AgreementDocument, address: Address): string | undefined {
  return doc.unknown.find((u) => address === u || address.startsWith(`${u}/`) || topPart(address) === u);
}

function label(address: Address): string {
  const l = addressLabel(address);
  return l === address ? address : `${l}（${address}）`;
}

const missing = (address: Address, what = "この変更が適用される版"): Issue =>
  issue("error", "rule.target-missing", `${label(address)}は、${what}に存在しない`, { address });

const unknownSkip = (address: Address, u: string): Issue =>
  issue("warning", "history.unknown-part", `${label(address)}は不明な部分（${u}）にあり、その内容が手元にないため、この変更を反映できない（不明のまま）`, { address });

/** Text-bearing string fields under a node, in document order, as paths. */
function textPaths(node: unknown, path: readonly Key[], kind: NodeKind): Key[][] {
  const out: Key[][] = [];
  const walkItems = (n: unknown, p: readonly Key[]): void => {
    const items = (n as { items?: unknown[] }).items ?? [];
    items.forEach((it, i) => { out.push([...p, "items", i, "text"]); walkItems(it, [...p, "items", i]); });
  };
  const n = node as Record<string, unknown>;
  switch (kind) {
    case "slot":
      if (typeof node === "string") out.push([...path]);
      else if (n && Array.isArray(n.paragraphs)) (n.paragraphs as unknown[]).forEach((p, i) => { out.push([...path, "paragraphs", i, "text"]); walkItems(p, [...path, "paragraphs", i]); });
      break;
    case "collection":
      (node as unknown[]).forEach((c, i) => out.push(...textPaths(c, [...path, i], path[0] === "articles" ? "article" : path[0] === "appendices" ? "appendix" : "party")));
      break;
    case "party":
      for (const f of ["name", "address", "office", "head"]) if (typeof n[f] === "string") out.push([...path, f]);
      break;
    case "article":
      (n.paragraphs as unknown[]).forEach((p, i) => { out.push([...path, "paragraphs", i, "text"]); walkItems(p, [...path, "paragraphs", i]); });
      break;
    case "paragraph": case "item":
      out.push([...path, "text"]); walkItems(node, path);
      break;
    case "appendix":
      (n.sections as unknown[]).forEach((s, i) => out.push(...textPaths(s, [...path, "sections", i], "section")));
      break;
    case "section":
      out.push([...path, "title"]);
      (n.items as unknown[]).forEach((s, i) => out.push(...textPaths(s, [...path, "items", i], "appendixItem")));
      break;
    case "appendixItem":
      out.push([...path, "name"]);
      (n.fields as unknown[]).forEach((_f, i) => out.push([...path, "fields", i, "text"]));
      break;
    case "field":
      out.push([...path, "text"]);
      break;
    case "caption":
      out.push([...path]);
      break;
  }
  return out;
}

interface Hit { readonly path: Key[]; readonly start: number; readonly end: number }

/**
 * Every occurrence of `needle` in the texts under a node, in document order (exact first,
 * else loose: see history/match.ts). Linear in the texts and the quote; no regular
 * expression is built from the quote. `truncated` when the rare checked loose search ran
 * out of its work bound.
 */
function findText(doc: AgreementDocument, loc: Located, needle: string): { hits: Hit[]; truncated: boolean } {
  if (needle === "") return { hits: [], truncated: false };
  const paths = textPaths(get(doc, loc.path), loc.path, loc.kind);
  const texts = paths.flatMap((p) => {
    const text = get(doc, p);
    return typeof text === "string" ? [{ path: p, text }] : [];
  });
  const exact = texts.flatMap(({ path, text }) => exactHits(text, needle).map((h) => ({ path, ...h })));
  if (exact.length > 0) return { hits: exact, truncated: false };
  const hits: Hit[] = [];
  let truncated = false;
  for (const { path, text } of texts) {
    const r = looseHits(text, needle);
    for (const h of r.hits) hits.push({ path, ...h });
    if (r.truncated) truncated = true;
  }
  return { hits, truncated };
}

/** A quote for a message: whole when short, else its head and its length (a 20,000-字 quote is not repeated). */
function quoteOf(text: string): string {
  const chars = [...text];
  return chars.length <= QUOTE_SHOWN ? `「${text}」` : `「${chars.slice(0, QUOTE_SHOWN).join("")}…」（${chars.length}字）`;
}
const QUOTE_SHOWN = 60;

/** Copy-on-write edits of a frozen document, inside {@link finish}. */
interface Editor {
  /** The document as edited so far. */
  readonly doc: AgreementDocument;
  /** Set the member at `path` (its parents are copied once, then changed in place). */
  set(path: readonly Key[], value: unknown): void;
  /** The list at `path`, copied once so it can be changed in place (splice, push). */
  list(path: readonly Key[]): unknown[];
}

/**
 * Run `recipe` on a copy-on-write view of `base`: each container on an edited path is
 * shallow-copied once, everything else stays the same (frozen) object. The result is
 * deep-frozen; the walk stops at subtrees frozen before, so it visits only the copies.
 */
function finish(base: AgreementDocument, recipe: (e: Editor) => void, issues: Issue[] = []): Result<AgreementDocument> {
  const copies = new Set<object>();
  let root = base as unknown as Record<Key, unknown>;
  const writable = (path: readonly Key[]): Record<Key, unknown> => {
    if (!copies.has(root)) {
      root = { ...root };
      copies.add(root);
    }
    let node = root;
    for (const k of path) {
      let child = node[k] as Record<Key, unknown>;
      if (!copies.has(child)) {
        child = (Array.isArray(child) ? child.slice() : { ...child }) as Record<Key, unknown>;
        copies.add(child);
        node[k] = child;
      }
      node = child;
    }
    return node;
  };
  recipe({
    get doc() { return root as unknown as AgreementDocument; },
    set(path, value) { writable(path.slice(0, -1))[path[path.length - 1]!] = value; },
    list(path) { return writable(path) as unknown as unknown[]; },
  });
  return ok(deepFreeze(root as unknown as AgreementDocument), issues);
}

/** A node from an operation, to put into a document: shared when frozen all the way down (a stored event's), else copied. */
function own<T>(node: T): T {
  return isDeepFrozen(node) ? node : structuredClone(node);
}

/**
 * Apply one operation to a document (or to nothing: a history that begins with an
 * amendment). Returns the new, deep-frozen document with structural sharing, or an error
 * Issue (`rule.target-missing`, `rule.text-missing`, `rule.target-exists`,
 * `rule.invalid-operation`); warnings (`history.unknown-part`) accompany a partial result.
 *
 * @example
 * const r = applyOperation(doc, { op: "replaceText", target: "article:3", from: "別表", to: "別表第1" });
 * if (r.ok) r.value.articles[2]; // 第3条 with the new text
 * applyOperation(undefined, { op: "replace", target: "appendix:1", node: appendix }).ok; // true: a partial document
 */
export function applyOperation(doc: AgreementDocument | undefined, op: Operation): Result<AgreementDocument> {
  const base = doc ?? partialDocument();
  switch (op.op) {
    case "restate":
      return ok(deepFreeze(own(op.document) as AgreementDocument));
    case "replace": return replace(base, op.target, op.node);
    case "replaceText": return editText(base, op.target, op.from, op.to, op.occurrence);
    case "deleteText": return editText(base, op.target, op.text, "", op.occurrence);
    case "insert": return insert(base, op.parent, op.node, op.after, op.before);
    case "delete": return remove(base, op.target);
    case "renumber": return renumber(base, op.target, op.to);
  }
}

function invalid(message: string, address: Address): Result<AgreementDocument> {
  return fail([issue("error", "rule.invalid-operation", message, { address })]);
}

/** A plain 「別表」 heading (not 別表第N) names the only 別表 of its agreement. */
const soleAppendix = (node: ProvisionNode): boolean =>
  isObj(node) && typeof node.heading === "string" && /^別表(?!第)/u.test(normalizeText(node.heading));

function replace(doc: AgreementDocument, target: Address, node: ProvisionNode): Result<AgreementDocument> {
  const loc = locate(doc, target);
  if (loc) {
    if (loc.kind === "collection") return invalid(`${label(target)}は一覧のため、全体を一つの規定で置き換えることはできない`, target);
    const current = get(doc, loc.path);
    // 「…の欄を次のように改める」 with a bare string: the text of a text-bearing node.
    if (typeof node === "string" && loc.kind !== "slot" && isObj(current) && typeof current.text === "string") {
      return finish(doc, (e) => { e.set([...loc.path, "text"], node); });
    }
    if (!fits(loc.kind, node, loc.name)) return invalid(`${label(target)}を置き換える規定の形が合わない（${KIND_JA[loc.kind]}が必要）`, target);
    const wasUnknown = loc.kind === "slot" && doc.unknown.includes(target);
    return finish(doc, (e) => {
      e.set(loc.path, own(node));
      if (wasUnknown) e.set(["unknown"], e.doc.unknown.filter((u) => u !== target));
    });
  }
  const u = unknownCovering(doc, target);
  const segs = parseAddress(target);
  if (!segs) return invalid(`アドレス「${target}」が読めない`, target);
  if (u && segs.length === 1) {
    // A whole 条 or 別表 of an unknown list: now known as stated.
    const kind: NodeKind = segs[0]!.kind === "article" ? "article" : segs[0]!.kind === "appendix" ? "appendix" : "party";
    if (!fits(kind, node)) return invalid(`${label(target)}を置き換える規定の形が合わない（${KIND_JA[kind]}が必要）`, target);
    const part = topPart(target) as "articles" | "appendices" | "parties";
    return finish(doc, (e) => {
      if (part === "appendices" && soleAppendix(node)) {
        e.set(["appendices"], [own(node)]);
        e.set(["unknown"], e.doc.unknown.filter((x) => x !== "appendices"));
      } else e.list([part]).push(own(node));
    });
  }
  if (u) return ok(doc, [unknownSkip(target, u)]);
  return fail([missing(target)]);
}

function editText(doc: AgreementDocument, target: Address, from: string, to: string, occurrence?: number): Result<AgreementDocument> {
  const loc = locate(doc, target);
  if (!loc || (loc.kind === "slot" && get(doc, loc.path) === undefined)) {
    const u = unknownCovering(doc, target);
    if (u) return ok(doc, [unknownSkip(target, u)]);
    return fail([missing(target)]);
  }
  if (loc.kind === "slot" && doc.unknown.includes(target)) return ok(doc, [unknownSkip(target, target)]);
  const { hits, truncated } = findText(doc, loc, from);
  const quoted = quoteOf(from);
  if (truncated) {
    return fail([issue("error", "rule.text-ambiguous", `${label(target)}中の${quoted}の照合が上限（${MATCH_WORK_LIMIT}字の比較）を超えたため、変更を反映できない`, { address: target })]);
  }
  if (hits.length === 0) {
    return fail([issue("error", "rule.text-missing", `${label(target)}中に${quoted}がない`, { address: target })]);
  }
  if (occurrence !== undefined && (occurrence < 1 || occurrence > hits.length)) {
    return fail([issue("error", "rule.text-missing", `${label(target)}中に${quoted}は${hits.length}箇所しかなく、${occurrence}番目がない`, { address: target })]);
  }
  const chosen = occurrence === undefined ? hits : [hits[occurrence - 1]!];
  return finish(doc, (e) => {
    // Each text rebuilt once from its pieces (hits are in text order, grouped by path): a
    // thousand hits in a long 条 cost its length, not a thousand copies of it.
    for (let k = 0; k < chosen.length; ) {
      const path = chosen[k]!.path;
      const text = get(e.doc, path) as string;
      const parts: string[] = [];
      let at = 0;
      for (; k < chosen.length && chosen[k]!.path === path; k++) {
        parts.push(text.slice(at, chosen[k]!.start), to);
        at = chosen[k]!.end;
      }
      parts.push(text.slice(at));
      e.set(path, parts.join(""));
    }
  });
}

function insert(doc: AgreementDocument, parent: Address, node: ProvisionNode, after?: Address, before?: Address): Result<AgreementDocument> {
  const ploc = locate(doc, parent);
  if (!ploc) {
    const u = unknownCovering(doc, parent);
    if (u) return ok(doc, [unknownSkip(parent, u)]);
    return fail([missing(parent)]);
  }
  // 「第5条に見出しとして「（X）」を付する」: a string inserted into an article is its 見出し.
  if (ploc.kind === "article" && typeof node === "string") return attachCaption(doc, parent, ploc, node, after ?? before);
  const c = containerOf(doc, ploc);
  if (!c) return invalid(`${label(parent)}には規定を加えられない`, parent);
  if (!fits(c.childKind, node)) return invalid(`${label(parent)}に加える規定の形が合わない（${KIND_JA[c.childKind]}が必要）`, parent);
  const list = get(doc, c.path) as readonly unknown[];
  const key = childKey(c.childKind, node, list.length);
  const clash = list.findIndex((n, i) => childKey(c.childKind, n, i) === key);
  if (clash >= 0) {
    const where = `${parent === "articles" || parent === "appendices" || parent === "parties" ? "" : `${parent}/`}${c.childKind === "section" ? "section" : c.childKind === "appendixItem" ? "item" : c.childKind}:${key}`;
    return fail([issue("error", "rule.target-exists", `${label(where)}は既にあるため、加えることができない`, { address: where })]);
  }
  let index = list.length;
  const anchor = after ?? before;
  const warnings: Issue[] = [];
  if (anchor !== undefined) {
    const aloc = locate(doc, anchor);
    const sameParent = aloc && aloc.path.length === c.path.length + 1 && c.path.every((k, i) => aloc.path[i] === k);
    if (!aloc || !sameParent) {
      const u = unknownCovering(doc, anchor);
      if (!u) return fail([missing(anchor)]);
      // The anchor lies in an unknown part: the new provision is known, its place among unknowns is not.
      warnings.push(issue("info", "history.unknown-part", `${label(anchor)}は不明な部分にあるため、加える規定を末尾に置く`, { address: anchor }));
    } else {
      const at = aloc.path[aloc.path.length - 1] as number;
      index = after !== undefined ? at + 1 : at;
    }
  }
  return finish(doc, (e) => {
    e.list(c.path).splice(index, 0, own(node));
  }, warnings);
}

/** Give an article that has no 見出し the one the amendment states. */
function attachCaption(doc: AgreementDocument, parent: Address, ploc: Located, caption: string, anchor: Address | undefined): Result<AgreementDocument> {
  if (anchor !== undefined || caption === "") return invalid(`${label(parent)}に加える見出しの形が合わない（位置のない、空でない見出しが必要）`, parent);
  const existing = get(doc, [...ploc.path, "caption"]);
  if (typeof existing === "string") {
    const where = `${parent}/caption`;
    return fail([issue("error", "rule.target-exists", `${label(where)}は既にある（「（${existing}）」）ため、見出しを付することができない`, { address: where })]);
  }
  return finish(doc, (e) => { e.set([...ploc.path, "caption"], caption); });
}

function remove(doc: AgreementDocument, target: Address): Result<AgreementDocument> {
  const loc = locate(doc, target);
  if (!loc) {
    const u = unknownCovering(doc, target);
    if (u) return ok(doc, [unknownSkip(target, u)]);
    return fail([missing(target)]);
  }
  return finish(doc, (e) => {
    if (loc.kind === "collection") { e.set(loc.path, []); e.set(["unknown"], e.doc.unknown.filter((u) => u !== target)); return; }
    if (loc.kind === "caption") {
      // 「第5条の見出しを削る」: the article without the member (not `caption: undefined`).
      const articlePath = loc.path.slice(0, -1);
      const { caption: _caption, ...rest } = get(e.doc, articlePath) as Record<string, unknown>;
      e.set(articlePath, rest);
      return;
    }
    if (loc.kind === "slot") {
      e.set(loc.path, target === "title" || target === "preamble" ? "" : undefined);
      e.set(["unknown"], e.doc.unknown.filter((u) => u !== target));
      return;
    }
    e.list(loc.path.slice(0, -1)).splice(loc.path[loc.path.length - 1] as number, 1);
  });
}

function renumber(doc: AgreementDocument, target: Address, to: Address): Result<AgreementDocument> {
  const ts = parseAddress(target);
  const tos = parseAddress(to);
  if (!ts || !tos) return invalid(`アドレス「${!ts ? target : to}」が読めない`, !ts ? target : to);
  const tLast = ts[ts.length - 1]!;
  const toLast = tos[tos.length - 1]!;
  const sameParent = ts.length === tos.length && ts.slice(0, -1).every((s, i) => s.kind === tos[i]!.kind && s.value === tos[i]!.value);
  if (!sameParent || tLast.kind !== toLast.kind || toLast.value === undefined) {
    return invalid(`${label(target)}を${label(to)}とすることはできない（同じ階層の番号の変更に限る）`, target);
  }
  const loc = locate(doc, target);
  if (!loc) {
    const u = unknownCovering(doc, target);
    if (u) return ok(doc, [unknownSkip(target, u)]);
    return fail([missing(target)]);
  }
  if (locate(doc, to)) return fail([issue("error", "rule.target-exists", `${label(to)}は既にあるため、${label(target)}を${label(to)}とすることはできない`, { address: to })]);
  const value = toLast.value;
  const field: Record<string, [string, (v: string) => unknown]> = {
    article: ["number", (v) => v], paragraph: ["number", Number], item: ["label", (v) => v], appendix: ["number", Number],
    section: ["label", (v) => v], appendixItem: ["name", (v) => v], field: ["name", (v) => v], party: ["role", (v) => v],
  };
  const f = field[loc.kind];
  if (!f) return invalid(`${label(target)}には番号がない`, target);
  const newValue = f[1](value);
  if (typeof newValue === "number" && !Number.isInteger(newValue)) return invalid(`${label(to)}の番号が整数でない`, to);
  return finish(doc, (e) => { e.set([...loc.path, f[0]], newValue); });
}
