/**
 * Content-addressed nodes (a Merkle tree, like git objects). A document is stored as one row
 * per provision — the document, each 条 (article), 別表 (appendix), section, 取組 (appendix
 * item) and 附則 (supplementary) — keyed by its Merkle content hash (`contentHash`,
 * model/canonical.ts), so the key of a document is the `root` of a version. A row holds its
 * node as canonical JSON with the values between it and the next provisions inline (lists,
 * parties, dates, 項, 号, fields) and each of those provisions written as the reference
 * `{"#":"<its hash>"}`. A row is checked by hashing it as it stands, the references standing
 * for the hashes they name (`merkleHash`): the same hash as `contentHash` of the node, without
 * reading anything below. Unchanged provisions hash equally across versions and agreements and
 * are stored once; a version that changes one 取組 writes four rows (the 取組, its section,
 * the 別表 and the document).
 *
 * Schema 5 stored every object and list as a row of its own (its `contentEncoding`): three
 * times the rows to read for a document and twice the rows to write for a change. Migration 7
 * re-encodes them.
 *
 * Pure functions; the stores do the I/O.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { canonicalJson, contentHash, merkleHash, rememberHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";

/**
 * What a stored node is: the provision a row holds (informational: decoding does not need
 * it); `front` is a document's front matter (see {@link FRONT}). `paragraph` and `value` are
 * kept for rows written by schema 5.
 */
export type NodeKind = "document" | "front" | "article" | "paragraph" | "appendix" | "section" | "appendixItem" | "supplementary" | "value";

/** One stored node: its kind and its row text (see the module: `merkleHash` of it is `hash`). */
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

/** The provisions stored as rows of their own, by the member of their parent that holds them (one, or a list of them). */
const ROWS: Partial<Record<NodeKind, Readonly<Record<string, NodeKind>>>> = {
  document: { articles: "article", appendices: "appendix", supplementary: "supplementary" },
  appendix: { sections: "section" },
  section: { items: "appendixItem" },
};

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
 * A reference as a row writes it (schema 8): `{"#":"<the hash's 32 bytes in base64url>"}`, 43
 * characters instead of 64 hex digits — references are most of a row (a document row names
 * every 条). {@link refIn} reads both forms and gives the hash in hex, as everything else
 * names it.
 */
const ref = (hash: string): string => `{"#":"${Buffer.from(hash, "hex").toString("base64url")}"}`;

const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/u;

/**
 * The members of a document kept in a row of their own, its front matter: they rarely change
 * while the document row is written again for every version, and the 前文 alone is most of
 * that row. The document row holds them as `"#front":{"#":<hash>}`, the hash being
 * `contentHash` of the object of these members; the title stays in the document row.
 */
export const FRONT: readonly string[] = Object.freeze(["closing", "date", "name", "parties", "preamble", "signedOn"]);
const FRONT_KEY = "#front";

/**
 * Split a document into rows, parents before children. `skip(hash)` says a node is already
 * stored: then its whole subtree is too (nodes are written a whole subtree at a time, in one
 * transaction) and is not descended.
 *
 * @example
 * const nodes = encodeDocument(doc); nodes[0]?.hash === contentHash(doc); // true
 */
export function encodeDocument(document: AgreementDocument, skip: (hash: string) => boolean = () => false): EncodedNode[] {
  return encodeNode(document, "document", skip);
}

/**
 * Split any provision into rows, as {@link encodeDocument} does for a document: `kind` says
 * which provision `value` is (which of its members are rows of their own). The first row, if
 * any, is `value`'s own, keyed by `contentHash(value)`.
 *
 * @example
 * encodeNode(item, "appendixItem")[0]?.hash === contentHash(item); // true
 */
export function encodeNode(value: object, kind: NodeKind, skip: (hash: string) => boolean = () => false): EncodedNode[] {
  const out: { hash: string; kind: NodeKind; json: string }[] = [];
  const seen = new Set<string>();
  const row = (value: object, kind: NodeKind): string => {
    const hash = contentHash(value);
    if (seen.has(hash) || skip(hash)) return hash;
    seen.add(hash);
    const entry = { hash, kind, json: "" };
    out.push(entry); // before its children
    const members = ROWS[kind] ?? {};
    let obj = value as Record<string, unknown>;
    if (kind === "document") {
      const front: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      for (const k of Object.keys(obj)) {
        if (obj[k] === undefined) continue;
        (FRONT.includes(k) ? front : rest)[k] = obj[k];
      }
      if (Object.keys(front).length > 0) rest[FRONT_KEY] = { "#": row(front, "front") };
      obj = rest;
    }
    let text = "{";
    for (const k of Object.keys(obj).sort()) {
      const v = obj[k];
      if (v === undefined) continue;
      text += (text.length === 1 ? "" : ",") + JSON.stringify(k) + ":";
      const m = members[k];
      if (k === FRONT_KEY) text += ref((v as { "#": string })["#"]);
      else if (m === undefined || v === null || typeof v !== "object") text += canonicalJson(v);
      else if (Array.isArray(v)) text += `[${v.map((x: unknown) => (x !== null && typeof x === "object" && !Array.isArray(x) ? ref(row(x, m)) : canonicalJson(x))).join(",")}]`;
      else text += ref(row(v, m));
    }
    entry.json = text + "}";
    return hash;
  };
  row(value, kind);
  return out;
}

/**
 * The row kind of a provision given on its own (the node of an amendment's replace or
 * insert), told by its shape; undefined for what is not stored as a row of its own (a 項, a
 * 号, a text).
 *
 * @example
 * provisionKind({ name: "取組", fields: [] }); // "appendixItem"
 */
export function provisionKind(value: unknown): NodeKind | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v["articles"])) return "document";
  if (Array.isArray(v["sections"])) return "appendix";
  if (Array.isArray(v["fields"])) return "appendixItem";
  if (Array.isArray(v["items"]) && typeof v["title"] === "string" && typeof v["label"] === "string" && !("text" in v)) return "section";
  if (Array.isArray(v["paragraphs"])) return typeof v["number"] === "string" ? "article" : "supplementary";
  return undefined;
}

/** Decoded subtrees by hash, shared between loads (a store's bounded cache). */
export interface NodeCache {
  get(hash: string): unknown;
  set(hash: string, value: unknown): void;
}

/** Stored rows of many nodes at once (any order; missing ones left out). */
export type NodeBatchReader = (hashes: readonly string[]) => Iterable<NodeRow & { readonly hash: string }>;

/**
 * Rebuild a document from its rows. `get(hash)` returns a stored row; a missing node throws
 * a {@link NodeError} `node.missing`. With `check`, each row is hashed and one that does not
 * hash to its key throws `node.hash-mismatch` naming that node. The result is frozen all the
 * way down; subtrees equal in content are one shared object. A `cache` (used only without
 * `check`) keeps decoded subtrees between calls, so loading a version after one it shares
 * most nodes with reads only the nodes that differ; `getMany` reads the rows a level of the
 * tree at a time.
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
      if (row === undefined) throw new NodeError("node.missing", hash, `ノード ${hash} が保存されていない`);
      value = parseNode(hash, row);
      if (check && rowHash(hash, value, get) !== hash) throw new NodeError("node.hash-mismatch", hash, `ノード ${hash}（${row.kind}）のハッシュがキーと一致しない`);
    }
    const resolve = (v: object): object => {
      const members = v as Record<string, unknown>;
      for (const k in members) {
        const c = members[k];
        // Decoded rows (the front matter merged in) are frozen and resolved already.
        if (c === null || typeof c !== "object" || Object.isFrozen(c)) continue;
        const r = refIn(c);
        members[k] = r !== undefined ? decode(r) : resolve(c);
      }
      return Object.freeze(v);
    };
    const front = frontOf(hash, value);
    if (front !== undefined) value = withFront(value, decode(front) as object);
    resolve(value);
    // Its key is its content hash: a diff of two loaded versions skips what they share.
    rememberHash(value, hash);
    local.set(hash, value);
    shared?.set(hash, value);
    return value;
  };
  return decode(root) as AgreementDocument;
}

/**
 * Read the rows under `root` that `cache` does not hold, a level of the tree at a time (one
 * batch read per level instead of one read per row), parsed. A subtree whose root is cached
 * is not descended. Missing rows are left out (decoding then reads them one by one and
 * reports them).
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
      refsOf(value, next);
    }
    level = next;
  }
  return out;
}

/**
 * Check the rows under `root` the way verify does: every node is stored, and every row hashes
 * to its key (its references standing for the hashes they name) — each row hashed once,
 * nothing rebuilt. `checked` carries results between calls (nodes shared by versions and
 * agreements are checked once; a bad node fails every root that reaches it). Throws the first
 * {@link NodeError}.
 *
 * @example
 * const checked = new Map(); for (const v of versions) checkNodes(v.root, get, checked);
 */
export function checkNodes(root: string, get: (hash: string) => NodeRow | undefined, checked: Map<string, NodeError | null>): void {
  // A front matter row is read for itself and for its document: once.
  const fronts = new Map<string, NodeRow | undefined>();
  const read = (hash: string): NodeRow | undefined => {
    if (fronts.has(hash)) return fronts.get(hash);
    const row = get(hash);
    if (row?.kind === "front") fronts.set(hash, row);
    return row;
  };
  const visit = (hash: string): void => {
    const known = checked.get(hash);
    if (known === null) return;
    if (known !== undefined) throw known;
    try {
      const row = read(hash);
      if (row === undefined) throw new NodeError("node.missing", hash, `ノード ${hash} が保存されていない`);
      const value = parseNode(hash, row);
      // The front matter first: a bad one is named as itself, not as its document.
      const front = frontOf(hash, value);
      if (front !== undefined) visit(front);
      if (rowHash(hash, value, read) !== hash) throw new NodeError("node.hash-mismatch", hash, `ノード ${hash}（${row.kind}）のハッシュがキーと一致しない`);
      const refs: string[] = [];
      refsOf(value, refs);
      for (const r of refs) visit(r);
      checked.set(hash, null);
    } catch (e) {
      if (e instanceof NodeError) checked.set(hash, e);
      throw e;
    }
  };
  visit(root);
}

/**
 * The content hash a stored row stands for: its value hashed with each reference standing for
 * the hash it names, a document's front matter (read with `get`) merged back in. `hash`
 * names the row in errors.
 *
 * @example
 * rowHash(n.hash, JSON.parse(n.json), (h) => rows.get(h)) === n.hash; // for every row encodeDocument gives
 */
export function rowHash(hash: string, value: object, get: (hash: string) => NodeRow | undefined): string {
  if (refIn(value) !== undefined) throw new NodeError("node.hash-mismatch", hash, `ノード ${hash} はノードではなく参照`);
  const front = frontOf(hash, value);
  if (front !== undefined) {
    const row = get(front);
    if (row === undefined) throw new NodeError("node.missing", front, `ノード ${front}（${hash} の前付け）が保存されていない`);
    value = withFront(value, parseNode(front, row));
  }
  return merkleHash(value, (o) => refIn(o));
}

/** The hash of a document row's front matter row, if it has one. */
function frontOf(hash: string, value: object): string | undefined {
  const f = (value as Record<string, unknown>)[FRONT_KEY];
  if (f === undefined) return undefined;
  const h = f !== null && typeof f === "object" ? refIn(f) : undefined;
  if (h === undefined) throw new NodeError("node.hash-mismatch", hash, `ノード ${hash} の前付けが参照でない`);
  return h;
}

/** A document row with its front matter members back in place (keys in canonical order). */
function withFront(value: object, front: object): object {
  const all: Record<string, unknown> = { ...(value as Record<string, unknown>), ...(front as Record<string, unknown>) };
  delete all[FRONT_KEY];
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(all).sort()) out[k] = all[k];
  return out;
}

/**
 * The hash (hex) a reference `{"#":"<hash>"}` names, written in hex or in base64url (see
 * {@link ref}; only the one base64url spelling of 32 bytes, so a changed character never names
 * the same hash); `undefined` for any other value.
 */
function refIn(v: object): string | undefined {
  if (Array.isArray(v)) return undefined;
  const h = (v as { "#"?: unknown })["#"];
  if (typeof h !== "string") return undefined;
  for (const k in v) if (k !== "#") return undefined;
  if (h.length !== 43 || !BASE64URL_43.test(h)) return h;
  const hex = Buffer.from(h, "base64url").toString("hex");
  return Buffer.from(hex, "hex").toString("base64url") === h ? hex : h;
}

/** Collect the references inside a parsed row (its inline values included), in order. */
function refsOf(value: object, out: string[]): void {
  const members = value as Record<string, unknown>;
  for (const k in members) {
    const c = members[k];
    if (c === null || typeof c !== "object") continue;
    const r = refIn(c);
    if (r !== undefined) out.push(r);
    else refsOf(c, out);
  }
}

function parseNode(hash: string, row: NodeRow): object {
  let value: unknown;
  try {
    value = JSON.parse(row.json);
  } catch {
    throw new NodeError("node.hash-mismatch", hash, `ノード ${hash} が JSON でない`);
  }
  if (value === null || typeof value !== "object") throw new NodeError("node.hash-mismatch", hash, `ノード ${hash} はオブジェクトでも一覧でもない`);
  return value;
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

/**
 * A node an event row refers to (store/chain.ts, `encodeLegalRow`) is not stored or does
 * not match its hash: the event at `seq` of `agreementId` cannot be read back whole.
 *
 * @example
 * try { store.read("a"); } catch (e) { if (e instanceof EventNodeError) console.log(e.seq, e.code); }
 */
export class EventNodeError extends KyoyakuError {
  constructor(
    readonly agreementId: string,
    readonly seq: number,
    readonly problem: NodeError,
  ) {
    super("store.integrity", `${agreementId} の出来事 #${seq} が読めないノードを参照している（${problem.code}）: ${problem.message}。verify を実行すること`, [], {
      agreementId,
      seq,
      node: problem.hash,
    });
  }
}
