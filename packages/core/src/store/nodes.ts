/**
 * Content-addressed provision nodes (a Merkle tree, like git trees). A document is split
 * into nodes — the document itself, each 条 (article), 項 (paragraph), 別表 (appendix),
 * section and 取組 (appendix item) — each stored once as canonical JSON with its children
 * replaced by their hashes. A node's key is the content hash of the WHOLE subtree it stands
 * for (`contentHash(subtree)`), so a document's key is `contentHash(document)`: the `root`
 * of a version. Unchanged provisions hash equally across versions and are stored once.
 *
 * Pure functions; the stores do the I/O.
 *
 * @module
 */
import { canonicalJson, contentHash } from "../model/canonical.js";
import type { AgreementDocument, Appendix, AppendixItem, Article, Paragraph, Section } from "../model/document.js";

/** The kinds of stored nodes. */
export type NodeKind = "document" | "article" | "paragraph" | "appendix" | "section" | "appendixItem";

/** One stored node: its kind and its canonical JSON with children as hashes. */
export interface EncodedNode {
  readonly hash: string;
  readonly kind: NodeKind;
  readonly json: string;
}

/**
 * Content hash of a subtree (`contentHash`, memoised for deeply frozen values).
 *
 * @example
 * nodeHash(doc) === contentHash(doc); // true
 */
export function nodeHash(value: object): string {
  return contentHash(value);
}

/**
 * Split a document into nodes, parents before children. `skip(hash)` says a node is
 * already stored: then its whole subtree is too (Merkle property) and is not descended.
 *
 * @example
 * const nodes = encodeDocument(doc); nodes[0]?.hash === contentHash(doc); // true
 */
export function encodeDocument(document: AgreementDocument, skip: (hash: string) => boolean = () => false): EncodedNode[] {
  const out: EncodedNode[] = [];
  const seen = new Set<string>();
  const emit = (hash: string, kind: NodeKind, reduced: unknown): void => {
    out.push({ hash, kind, json: canonicalJson(reduced) });
  };
  // Returns the hash; emits the node (and its children) unless skipped or already emitted.
  const visit = <T extends object>(value: T, kind: NodeKind, reduce: (v: T) => unknown): string => {
    const hash = nodeHash(value);
    if (seen.has(hash) || skip(hash)) return hash;
    seen.add(hash);
    emit(hash, kind, reduce(value));
    return hash;
  };
  const item = (i: AppendixItem): string => visit(i, "appendixItem", (v) => v);
  const section = (s: Section): string => visit(s, "section", (v) => ({ ...v, items: v.items.map(item) }));
  const appendix = (a: Appendix): string => visit(a, "appendix", (v) => ({ ...v, sections: v.sections.map(section) }));
  const paragraph = (p: Paragraph): string => visit(p, "paragraph", (v) => v);
  const article = (a: Article): string => visit(a, "article", (v) => ({ ...v, paragraphs: v.paragraphs.map(paragraph) }));
  visit(document, "document", (d) => ({ ...d, articles: d.articles.map(article), appendices: d.appendices.map(appendix) }));
  return out;
}

/**
 * Rebuild a document from its nodes. `get(hash)` returns a stored node; a missing node or a
 * node of the wrong kind throws a {@link NodeError} `node.missing`. With `check`, every
 * rebuilt subtree is hashed again and a node whose content does not match its key throws
 * `node.hash-mismatch` (deepest first, so the tampered node itself is named).
 *
 * @example
 * const nodes = new Map(encodeDocument(doc).map((n) => [n.hash, n]));
 * decodeDocument(contentHash(doc), (h) => nodes.get(h)); // equals doc
 */
export function decodeDocument(
  root: string,
  get: (hash: string) => { readonly kind: string; readonly json: string } | undefined,
  check = false,
): AgreementDocument {
  const read = (hash: string, kind: NodeKind): Record<string, unknown> => {
    const node = get(hash);
    if (node === undefined) throw new NodeError("node.missing", hash, kind, `node ${hash} (${kind}) is not stored`);
    if (node.kind !== kind) throw new NodeError("node.missing", hash, kind, `node ${hash} is a ${node.kind}, expected a ${kind}`);
    return JSON.parse(node.json) as Record<string, unknown>;
  };
  const done = <T>(hash: string, kind: NodeKind, value: T): T => {
    if (check && contentHash(value) !== hash) {
      throw new NodeError("node.hash-mismatch", hash, kind, `node ${hash} (${kind}) does not hash to its key`);
    }
    return value;
  };
  const children = <T>(v: unknown, f: (h: string) => T): T[] => {
    if (!Array.isArray(v)) throw new NodeError("node.hash-mismatch", "", "document", "a node's children are not a list of hashes");
    return (v as string[]).map(f);
  };
  const item = (h: string): AppendixItem => done(h, "appendixItem", read(h, "appendixItem") as unknown as AppendixItem);
  const section = (h: string): Section => {
    const v = read(h, "section");
    return done(h, "section", { ...v, items: children(v.items, item) } as unknown as Section);
  };
  const appendix = (h: string): Appendix => {
    const v = read(h, "appendix");
    return done(h, "appendix", { ...v, sections: children(v.sections, section) } as unknown as Appendix);
  };
  const paragraph = (h: string): Paragraph => done(h, "paragraph", read(h, "paragraph") as unknown as Paragraph);
  const article = (h: string): Article => {
    const v = read(h, "article");
    return done(h, "article", { ...v, paragraphs: children(v.paragraphs, paragraph) } as unknown as Article);
  };
  const d = read(root, "document");
  return done(root, "document", {
    ...d,
    articles: children(d.articles, article),
    appendices: children(d.appendices, appendix),
  } as unknown as AgreementDocument);
}

/**
 * A node needed to rebuild a document is not stored, has the wrong kind, or does not match its hash.
 *
 * @example
 * try { decodeDocument(root, get, true); } catch (e) { if (e instanceof NodeError) console.log(e.code, e.hash); }
 */
export class NodeError extends Error {
  override readonly name = "NodeError";
  constructor(
    readonly code: "node.missing" | "node.hash-mismatch",
    readonly hash: string,
    readonly kind: NodeKind,
    message: string,
  ) {
    super(message);
  }
}
