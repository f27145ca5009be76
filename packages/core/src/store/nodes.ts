/**
 * Content-addressed nodes (a Merkle tree, like git objects). Every object and array of a
 * document — the document, each 条 (article), 項 (paragraph), 別表 (appendix), section, 取組
 * (appendix item), and the lists, parties, dates and fields between them — is one node, stored
 * once as its {@link contentEncoding}: canonical JSON one level deep, each child object or
 * array written `{"#":"<its hash>"}`. A node's key is `contentHash(value)`, which is by
 * definition the SHA-256 of exactly that text; so the key of a document is
 * `contentHash(document)`, the `root` of a version, and a stored node is checked by hashing
 * its own row, without rebuilding anything below it. Unchanged provisions hash equally
 * across versions and agreements and are stored once.
 *
 * Pure functions; the stores do the I/O.
 *
 * @module
 */
import { contentEncoding, contentHash, refHash, rememberHash, sha256 } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";

/**
 * What a stored node is, by its place in the document (informational: decoding does not need
 * it). `value` is anything else: a list, a party, a date, a field, a 号.
 */
export type NodeKind = "document" | "article" | "paragraph" | "appendix" | "section" | "appendixItem" | "supplementary" | "value";

/** One stored node: its kind and its content encoding (`sha256(json) === hash`). */
export interface EncodedNode {
  readonly hash: string;
  readonly kind: NodeKind;
  readonly json: string;
}

/** A stored row as the stores hand it back. */
export interface NodeRow {
  readonly kind: string;
  readonly json: string;
}

/** Kinds of list elements and members, by the kind of the node that holds them. */
const MEMBER_KIND: Partial<Record<NodeKind, Readonly<Record<string, NodeKind>>>> = {
  document: { articles: "article", appendices: "appendix", supplementary: "supplementary" },
  article: { paragraphs: "paragraph" },
  supplementary: { paragraphs: "paragraph" },
  appendix: { sections: "section" },
  section: { items: "appendixItem" },
};
/** Members that are lists of nodes of a kind (the rest are single nodes). */
const LISTS = new Set(["articles", "appendices", "paragraphs", "sections", "items"]);

/**
 * Content hash of a subtree: `contentHash(value)`, the key of its node.
 *
 * @example
 * nodeHash(doc) === contentHash(doc); // true
 */
export function nodeHash(value: object): string {
  return contentHash(value);
}

/**
 * Split a document into nodes, parents before children. `skip(hash)` says a node is
 * already stored: then its whole subtree is too (nodes are written a whole subtree at a
 * time, in one transaction) and is not descended.
 *
 * @example
 * const nodes = encodeDocument(doc); nodes[0]?.hash === contentHash(doc); // true
 */
export function encodeDocument(document: AgreementDocument, skip: (hash: string) => boolean = () => false): EncodedNode[] {
  const out: EncodedNode[] = [];
  const seen = new Set<string>();
  const visit = (value: object, kind: NodeKind, elementKind: NodeKind): void => {
    const hash = contentHash(value);
    if (seen.has(hash) || skip(hash)) return;
    seen.add(hash);
    out.push({ hash, kind, json: contentEncoding(value) });
    const members = MEMBER_KIND[kind];
    for (const [k, v] of Object.entries(value)) {
      if (v === null || typeof v !== "object") continue;
      if (Array.isArray(value)) visit(v as object, elementKind, "value");
      else {
        const m = members?.[k] ?? "value";
        if (LISTS.has(k) && Array.isArray(v)) visit(v, "value", m);
        else visit(v as object, m, "value");
      }
    }
  };
  visit(document, "document", "value");
  return out;
}

/** Decoded subtrees by hash, shared between loads (a store's bounded cache). */
export interface NodeCache {
  get(hash: string): unknown;
  set(hash: string, value: unknown): void;
}

/** Stored rows of many nodes at once (any order; missing ones left out). */
export type NodeBatchReader = (hashes: readonly string[]) => Iterable<NodeRow & { readonly hash: string }>;

/**
 * Rebuild a document from its nodes. `get(hash)` returns a stored row; a missing node throws
 * a {@link NodeError} `node.missing`. With `check`, each row is hashed and one that does not
 * hash to its key throws `node.hash-mismatch` naming that node. The result is frozen all the
 * way down; subtrees equal in content are one shared object. A `cache` (used only without
 * `check`) keeps decoded subtrees between calls, so loading a version after one it shares
 * most nodes with reads only the nodes that differ.
 *
 * @example
 * const nodes = new Map(encodeDocument(doc).map((n) => [n.hash, n]));
 * decodeDocument(contentHash(doc), (h) => nodes.get(h)); // equals doc
 */
export function decodeDocument(root: string, get: (hash: string) => NodeRow | undefined, check = false, cache?: NodeCache, getMany?: NodeBatchReader): AgreementDocument {
  const local = new Map<string, unknown>();
  const shared = check ? undefined : cache;
  // Rows read ahead, parsed: level by level, the nodes not in the cache, one read per level.
  const parsed = getMany !== undefined && !check ? prefetch(root, getMany, shared) : undefined;
  const decode = (hash: string): unknown => {
    const known = local.get(hash) ?? shared?.get(hash);
    if (known !== undefined) return known;
    let value = parsed?.get(hash);
    if (value === undefined) {
      const row = get(hash);
      if (row === undefined) throw new NodeError("node.missing", hash, `node ${hash} is not stored`);
      if (check && sha256(row.json) !== hash) throw new NodeError("node.hash-mismatch", hash, `node ${hash} (${row.kind}) does not hash to its key`);
      value = parseNode(hash, row);
    }
    const members = value as Record<string, unknown>;
    for (const k in members) {
      const v = members[k];
      if (v !== null && typeof v === "object") members[k] = decode(refOf(hash, v));
    }
    Object.freeze(value);
    // Its key is its content hash: a diff of two loaded versions skips what they share.
    rememberHash(value, hash);
    local.set(hash, value);
    shared?.set(hash, value);
    return value;
  };
  return decode(root) as AgreementDocument;
}

/**
 * Read the nodes under `root` that `cache` does not hold, a level of the tree at a time
 * (one batch read per level instead of one read per node), parsed. A subtree whose root is
 * cached is not descended. Missing rows are left out (decoding then reads them one by one
 * and reports them).
 */
function prefetch(root: string, getMany: NodeBatchReader, cache: NodeCache | undefined): Map<string, object> {
  const out = new Map<string, object>();
  let level = [root];
  while (level.length > 0) {
    const need = level.filter((h) => !out.has(h) && cache?.get(h) === undefined);
    if (need.length === 0) break;
    const next: string[] = [];
    for (const row of getMany(need)) {
      if (out.has(row.hash)) continue;
      const value = parseNode(row.hash, row);
      out.set(row.hash, value);
      for (const v of Object.values(value)) if (v !== null && typeof v === "object") next.push(refOf(row.hash, v));
    }
    level = next;
  }
  return out;
}

/**
 * Check the nodes under `root` the way verify does: every node is stored, and every row
 * hashes to its key (`sha256(json) === hash`) — each row hashed once, nothing rebuilt.
 * `checked` carries results between calls (nodes shared by versions and agreements are
 * checked once; a bad node fails every root that reaches it). Throws the first
 * {@link NodeError}.
 *
 * @example
 * const checked = new Map(); for (const v of versions) checkNodes(v.root, get, checked);
 */
export function checkNodes(root: string, get: (hash: string) => NodeRow | undefined, checked: Map<string, NodeError | null>): void {
  const visit = (hash: string): void => {
    const known = checked.get(hash);
    if (known === null) return;
    if (known !== undefined) throw known;
    try {
      const row = get(hash);
      if (row === undefined) throw new NodeError("node.missing", hash, `node ${hash} is not stored`);
      if (sha256(row.json) !== hash) throw new NodeError("node.hash-mismatch", hash, `node ${hash} (${row.kind}) does not hash to its key`);
      for (const v of Object.values(parseNode(hash, row))) if (v !== null && typeof v === "object") visit(refOf(hash, v));
      checked.set(hash, null);
    } catch (e) {
      if (e instanceof NodeError) checked.set(hash, e);
      throw e;
    }
  };
  visit(root);
}

function parseNode(hash: string, row: NodeRow): object {
  let value: unknown;
  try {
    value = JSON.parse(row.json);
  } catch {
    throw new NodeError("node.hash-mismatch", hash, `node ${hash} is not JSON`);
  }
  if (value === null || typeof value !== "object") throw new NodeError("node.hash-mismatch", hash, `node ${hash} is not an object or a list`);
  return value;
}

function refOf(hash: string, ref: object): string {
  // The common case without a regular expression (a row's text is checked by its hash; a
  // name that is not a stored hash is simply not found).
  const h = (ref as { "#"?: unknown })["#"];
  if (typeof h === "string" && h.length === 64) return h;
  try {
    return refHash(ref);
  } catch {
    throw new NodeError("node.hash-mismatch", hash, `node ${hash} holds a child that is not a reference`);
  }
}

/**
 * A node needed to rebuild a document is not stored, or does not match its hash.
 *
 * @example
 * try { decodeDocument(root, get, true); } catch (e) { if (e instanceof NodeError) console.log(e.code, e.hash); }
 */
export class NodeError extends Error {
  override readonly name = "NodeError";
  constructor(
    readonly code: "node.missing" | "node.hash-mismatch",
    readonly hash: string,
    message: string,
  ) {
    super(message);
  }
}
