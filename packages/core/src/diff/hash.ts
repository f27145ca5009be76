/**
 * Content hashes for the diff: {@link contentHash} (Merkle-style, model/canonical.ts) through
 * one {@link createContentHasher} per diff. A node whose children are already hashed costs
 * only its own fan-out, so comparing a version that immer produced from the last one hashes
 * only the changed path. Deep-frozen values share the global memo; unfrozen input gets the
 * hasher's own memo, so a caller who mutates a document between two diffs never sees a
 * stale hash.
 *
 * @module
 */
import { createContentHasher } from "../model/canonical.js";

/** Counters a caller can pass to see how much work a diff did (for tests and benchmarks). */
export interface DiffStats {
  /** Nodes whose hash was computed (memo hits are not counted). */
  hashed: number;
  /** Node pairs the diff descended into because they were not identical. */
  descended: number;
  /** Cells of LCS tables filled while aligning lists (absent: none). */
  lcsCells?: number;
  /** Similarity scores computed (renamed 取組) while aligning lists (absent: none). */
  scored?: number;
}

/** A hasher with its own memo for unfrozen objects; one per diff. */
export interface Hasher {
  hash(value: unknown): string;
  /** True when `a` and `b` have equal content (identity first, then hashes, computing them). */
  same(a: unknown, b: unknown): boolean;
  /**
   * True when `a` and `b` are known equal without new work: the same object, or both hashed
   * before (memo hits) with equal hashes. False means "not known", not "different".
   */
  knownSame(a: unknown, b: unknown): boolean;
  /** The content hash if already known (memoised, e.g. a node loaded from the store), without computing it. */
  peek(value: unknown): string | undefined;
}

/**
 * Create a hasher. `stats.hashed` counts hash computations that missed every memo.
 *
 * @example
 * const h = createHasher();
 * h.same({ a: 1 }, { a: 1 }); // true
 */
export function createHasher(stats?: DiffStats): Hasher {
  const h = createContentHasher(stats);
  return {
    hash: h.hash,
    peek: h.peek,
    knownSame: (a, b) => {
      if (a === b) return true;
      const ha = h.peek(a);
      return ha !== undefined && ha === h.peek(b);
    },
    same: (a, b) => a === b || (a !== undefined && b !== undefined && h.hash(a) === h.hash(b)),
  };
}
