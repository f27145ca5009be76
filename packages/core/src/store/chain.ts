/**
 * The hash chain of events: each event's `hash` is the SHA-256 of the canonical JSON of its
 * envelope without `hash` (so it covers the source text, the payload, both times and
 * `prevHash`); `prevHash` is the previous event's hash (`""` for the first). Changing any
 * recorded byte breaks the chain at that event.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { canonicalJson, deepFreeze, sha256 } from "../model/canonical.js";
import type { LegalEventInput, StoredEvent } from "../events/types.js";
import { encodeNode, nodeHash, provisionKind, type EncodedNode, type NodeKind } from "./nodes.js";
import type { NewEvent } from "./types.js";

/**
 * The hash of an event envelope (every field but `hash`).
 *
 * @example
 * eventHash({ agreementId: "a", seq: 1, kind: "abolish", recordedAt: "2024-01-01T00:00:00.000Z",
 *   recordedBy: "x", prevHash: "" }); // 64 hex digits
 */
export function eventHash(event: Omit<StoredEvent, "hash">): string {
  // SHA-256 of the whole envelope's canonical JSON, as every recorded hash was computed —
  // not the Merkle contentHash (which equals it only for flat values).
  return sha256(canonicalJson({
    agreementId: event.agreementId,
    seq: event.seq,
    kind: event.kind,
    legal: event.legal,
    record: event.record,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    prevHash: event.prevHash,
  }));
}

/**
 * Seal new events onto a chain that ends at `last` (undefined for a new agreement): assign
 * gap-free seqs, link `prevHash`, compute hashes. Returns frozen events. `keepLegalJson`
 * keeps each legal event's stored JSON for {@link storedLegalJson} (the SQLite store's row).
 *
 * @example
 * const [e1] = sealEvents("a", undefined, [{ kind: "abolish", recordedAt, recordedBy: "x" }]);
 * e1.seq; // 1
 * e1.prevHash; // ""
 */
export function sealEvents(
  agreementId: string,
  last: { readonly seq: number; readonly hash: string } | undefined,
  events: readonly NewEvent[],
  keepLegalJson = false,
): StoredEvent[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? "";
  return events.map((e) => {
    seq += 1;
    // Stored events are data shared with callers: frozen all the way down, so no caller can
    // change what the store holds. A payload frozen so already (the engine freezes its copy
    // before checking it) is shared as it is; anything else is copied first.
    const legal = e.legal === undefined ? undefined : frozenCopy(e.legal);
    const record = e.record === undefined ? undefined : frozenCopy(e.record);
    const envelope: Omit<StoredEvent, "hash"> = {
      agreementId,
      seq,
      kind: e.kind,
      ...(legal !== undefined ? { legal } : {}),
      ...(record !== undefined ? { record } : {}),
      recordedAt: e.recordedAt,
      recordedBy: e.recordedBy,
      prevHash,
    };
    // The payload (a whole document for a 締結) is written as canonical JSON once, for both
    // the hash and the stored row.
    const texts = legal === undefined ? undefined : legalTexts(legal);
    const hash = texts === undefined ? eventHash(envelope) : sha256(fill(canonicalJson({ ...envelope, legal: HOLE }), texts.full) ?? canonicalJson(envelope));
    prevHash = hash;
    const event = Object.freeze({ ...envelope, hash }) as StoredEvent;
    if (texts !== undefined && keepLegalJson) storedLegal.set(event, texts.stored);
    return event;
  });
}

/**
 * The `legal` column of a sealed event: the canonical JSON of its legal payload with the
 * source text left out (the text is stored once, in `sources`). Taken from what sealing
 * kept (`keepLegalJson`) — once: the text is not kept past the write — else computed.
 *
 * @example
 * storedLegalJson(sealed); // '{"dates":{…},…,"source":{"name":"000.txt","sha256":"…"}}'
 */
export function storedLegalJson(event: StoredEvent): string | undefined {
  if (event.legal === undefined) return undefined;
  const kept = storedLegal.get(event);
  if (kept === undefined) return legalTexts(event.legal).stored;
  storedLegal.delete(event);
  return kept;
}

const storedLegal = new WeakMap<StoredEvent, string>();

/** A legal payload's stored row: its text, and the node rows it refers to that were not stored yet. */
export interface LegalRow {
  readonly json: string;
  readonly nodes: readonly EncodedNode[];
}

/**
 * The `legal` column of a sealed event, compact (schema 8): {@link storedLegalJson} without the
 * source's SHA-256 (the row's `source_sha256` column holds it), and with each
 * document or provision of the payload that the node store holds — the document of a 締結 or
 * 現行取込, the node of a replace or insert that is a 条, 別表, section, 取組 or 附則, the
 * document of a restate — written as the reference `{"#":"<contentHash>"}`, with the node rows
 * it needs that `has` does not know (parents first). The event's hash is not touched: it is
 * computed over the whole event, and {@link expandLegal} puts the subtrees back before it is
 * checked. `compact: false` gives the whole row (schema 7 and before).
 *
 * @example
 * encodeLegalRow(sealedConclude, () => false).json; // '{…,"payload":{"document":{"#":"…"},"kind":"conclude"},…}'
 */
export function encodeLegalRow(event: StoredEvent, has: (hash: string) => boolean, compact = true): LegalRow | undefined {
  const legal = event.legal;
  if (legal === undefined) return undefined;
  if (!compact) return { json: storedLegalJson(event)!, nodes: [] };
  const nodes: EncodedNode[] = [];
  const written = new Set<string>();
  const skip = (h: string): boolean => written.has(h) || has(h);
  const put = (value: object, kind: NodeKind): { readonly "#": string } => {
    for (const n of encodeNode(value, kind, skip)) {
      written.add(n.hash);
      nodes.push(n);
    }
    return { "#": nodeHash(value) };
  };
  const p = legal.payload;
  let payload: unknown = p;
  if ((p.kind === "conclude" || p.kind === "baseline") && isObject(p.document)) payload = { ...p, document: put(p.document, "document") };
  else if (p.kind === "amend") {
    let changed = false;
    const operations = p.operations.map((op) => {
      if ((op.op === "replace" || op.op === "insert") && isObject(op.node)) {
        const kind = provisionKind(op.node);
        if (kind === undefined) return op;
        changed = true;
        return { ...op, node: put(op.node, kind) };
      }
      if (op.op === "restate" && isObject(op.document)) {
        changed = true;
        return { ...op, document: put(op.document, "document") };
      }
      return op;
    });
    if (changed) payload = { ...p, operations };
  }
  storedLegal.delete(event);
  // The source's SHA-256 is the row's source_sha256 column: not written twice.
  const source = legal.source;
  const stored = source === undefined ? undefined : { name: source.name, ...(source.original !== undefined && { original: source.original }) };
  return { json: canonicalJson({ ...legal, payload, source: stored }), nodes };
}

/**
 * A stored legal payload (parsed, not yet frozen) with its references put back: each
 * `{"#":hash}` where {@link encodeLegalRow} writes one is replaced, in place, by
 * `node(hash)`. A row written before schema 8 has none and comes back as it is.
 *
 * @example
 * expandLegal(JSON.parse(row.legal), (h) => store.load(h)).payload.document.title;
 */
export function expandLegal<T extends LegalEventInput>(legal: T, node: (hash: string) => unknown): T {
  const p = legal.payload as { kind: string; document?: unknown; operations?: unknown };
  if (p.kind === "conclude" || p.kind === "baseline") {
    const h = refOf(p.document);
    if (h !== undefined) p.document = node(h);
  } else if (p.kind === "amend" && Array.isArray(p.operations)) {
    for (const op of p.operations as { op: string; node?: unknown; document?: unknown }[]) {
      if (op.op === "replace" || op.op === "insert") {
        const h = refOf(op.node);
        if (h !== undefined) op.node = node(h);
      } else if (op.op === "restate") {
        const h = refOf(op.document);
        if (h !== undefined) op.document = node(h);
      }
    }
  }
  return legal;
}

/** The hash a reference `{"#":"<64 hex>"}` names; undefined for anything else (a document, a 取組, a text never has that shape). */
function refOf(v: unknown): string | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  const h = (v as { "#"?: unknown })["#"];
  if (typeof h !== "string" || !HEX64.test(h)) return undefined;
  for (const k in v) if (k !== "#") return undefined;
  return h;
}

const HEX64 = /^[0-9a-f]{64}$/u;

function isObject(v: unknown): v is object {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A string no payload contains (a NUL and a random UUID): where a member's JSON is spliced in. */
const HOLE = `\u0000kyoyaku:${randomUUID()}`;
const HOLE_JSON = JSON.stringify(HOLE);

/** `shell` with its one HOLE replaced by `text`; undefined when the hole is not there exactly once. */
function fill(shell: string, text: string): string | undefined {
  const at = shell.indexOf(HOLE_JSON);
  if (at < 0 || shell.indexOf(HOLE_JSON, at + HOLE_JSON.length) >= 0) return undefined;
  return shell.slice(0, at) + text + shell.slice(at + HOLE_JSON.length);
}

/** Canonical JSON of a legal payload: whole (`full`, hashed) and without the source text (`stored`). */
function legalTexts(legal: LegalEventInput): { readonly full: string; readonly stored: string } {
  const source = legal.source;
  const storedSource = source === undefined ? undefined : { name: source.name, sha256: source.sha256, ...(source.original !== undefined && { original: source.original }) };
  if (source !== undefined) {
    const shell = canonicalJson({ ...legal, source: HOLE });
    const full = fill(shell, canonicalJson(source));
    const stored = fill(shell, canonicalJson(storedSource));
    if (full !== undefined && stored !== undefined) return { full, stored };
  }
  return { full: canonicalJson(legal), stored: canonicalJson(storedSource === undefined ? legal : { ...legal, source: storedSource }) };
}

/** True when `value` and everything reachable from it is frozen. */
function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (!Object.isFrozen(value)) return false;
  for (const v of Object.values(value)) if (!isDeepFrozen(v)) return false;
  return true;
}

function frozenCopy<T>(value: T): T {
  return isDeepFrozen(value) ? value : deepFreeze(structuredClone(value));
}
