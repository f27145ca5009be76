/**
 * What a SQLite store keeps in memory between calls, and how much: parsed events, decoded
 * nodes, committed node hashes, parsed projection rows.
 *
 * @module
 */
import type { StoredEvent } from "../../events/types.js";
import type { NodeCache } from "../nodes.js";

/**
 * Committed node hashes a store remembers (about 130 bytes each), so writing a version
 * skips the table lookup for nodes it has just written; older ones are looked up.
 */
export const KNOWN_NODES = 100_000;

/**
 * How much event data a store keeps parsed, counted as the characters of the stored rows
 * (payload JSON, source text): the write path re-reads the agreements it appends to, and the
 * engine's step memos live as long as those events do; a long import must not keep every
 * agreement it ever touched, and agreements differ in size by far more than their count says.
 * Parsed and frozen, the events take a few times this in memory.
 */
export const EVENT_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * What a batch leaves of the agreements it did not touch (characters, as EVENT_CACHE_CHARS):
 * an import going agreement after agreement keeps only its current ones, one that goes
 * round the same agreements keeps them all.
 */
export const EVENT_CACHE_IDLE_CHARS = 2 * 1024 * 1024;

/** Most hashes in one batch read of nodes (a level of a document is usually fewer). */
export const NODE_BATCH = 64;

/** Expanded version rows a store keeps (see SqliteEventStore#expanded; well under 1 KB each). */
export const EXPANDED_VERSIONS = 32_768;

/** Parsed agreement rows a store keeps (inForce over every agreement reads them all). */
export const AGREEMENT_CACHE_SIZE = 20_000;

/** Decoded nodes kept by a store (a document of seed size is about 110 nodes, mostly shared). */
export const NODE_CACHE_SIZE = 20_000;

/**
 * A cache of decoded nodes that keeps the recently used ones: two generations, each up to
 * half the limit. A hit in the young one is a plain lookup (a least-recently-used list would
 * move the entry on every hit, and a load hits many nodes); a hit in the old one moves the
 * entry to the young; when the young is full it becomes the old and the old is dropped.
 */
export function lruCache(limit: number): NodeCache {
  const half = Math.max(1, limit >> 1);
  let young = new Map<string, unknown>();
  let old = new Map<string, unknown>();
  const put = (hash: string, value: unknown): void => {
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(hash, value);
  };
  return {
    get(hash) {
      const v = young.get(hash);
      if (v !== undefined) return v;
      const w = old.get(hash);
      if (w !== undefined) put(hash, w);
      return w;
    },
    set: put,
  };
}

/**
 * Events of the agreements used most recently (least recent first), up to
 * EVENT_CACHE_CHARS of stored rows in all (`chars`), each valid while the stream's last
 * (seq, hash) is unchanged (the caller checks).
 */
export class EventCache {
  readonly #entries = new Map<string, { readonly events: readonly StoredEvent[]; readonly chars: number }>();
  #chars = 0;

  get(agreementId: string): { readonly events: readonly StoredEvent[]; readonly chars: number } | undefined {
    return this.#entries.get(agreementId);
  }

  /**
   * Cache the events of an agreement (`chars`: the characters of their stored rows), now the
   * most recently used; past EVENT_CACHE_CHARS the least recently used go (the last one stays).
   */
  put(agreementId: string, events: readonly StoredEvent[], chars: number): void {
    this.drop(agreementId);
    this.#entries.set(agreementId, { events, chars });
    this.#chars += chars;
    while (this.#chars > EVENT_CACHE_CHARS && this.#entries.size > 1) this.drop(this.#entries.keys().next().value!);
  }

  /** After a batch: of the agreements it did not touch, keep the most recent EVENT_CACHE_IDLE_CHARS. */
  trim(touched: ReadonlyMap<string, unknown>): void {
    let idle = this.#chars;
    for (const id of touched.keys()) idle -= this.#entries.get(id)?.chars ?? 0;
    // Least recent first; the touched ones were just made the most recent.
    for (const [id, { chars }] of this.#entries) {
      if (idle <= EVENT_CACHE_IDLE_CHARS || touched.has(id)) break;
      this.drop(id);
      idle -= chars;
    }
  }

  drop(agreementId: string | undefined): void {
    const cached = agreementId === undefined ? undefined : this.#entries.get(agreementId);
    if (cached === undefined) return;
    this.#entries.delete(agreementId!);
    this.#chars -= cached.chars;
  }
}
