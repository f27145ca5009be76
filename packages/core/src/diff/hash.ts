/**
 * Merkle content hashes for the diff: a node's hash is the {@link contentHash} of the node
 * with every object child replaced by that child's hash. Equal content hashes equally (like
 * `contentHash`, on which it is built), but a node whose children are already hashed costs
 * only its own fan-out — so re-hashing a version that immer produced from the last one
 * touches only the changed path, not the whole document.
 *
 * Hashes of frozen objects (every stored version is deep-frozen) are memoised per object
 * identity in a WeakMap shared across calls; unfrozen input gets a per-diff memo, so a
 * caller who mutates a document between two diffs never sees a stale hash.
 *
 * @module
 */
import { contentHash } from "../model/canonical.js";

/** Counters a caller can pass to see how much work a diff did (for tests and benchmarks). */
export interface DiffStats {
  /** Nodes whose hash was computed (memo hits are not counted). */
  hashed: number;
  /** Node pairs the diff descended into because they were not identical. */
  descended: number;
}

const frozenMemo = new WeakMap<object, string>();

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
}

/**
 * Create a hasher. `stats.hashed` counts hash computations that missed every memo.
 *
 * @example
 * const h = createHasher();
 * h.same({ a: 1 }, { a: 1 }); // true
 */
export function createHasher(stats?: DiffStats): Hasher {
  const localMemo = new WeakMap<object, string>();
  const hash = (value: unknown): string => {
    if (value === null || typeof value !== "object") return contentHash(value);
    const frozen = Object.isFrozen(value);
    const memo = frozen ? frozenMemo : localMemo;
    const known = memo.get(value);
    if (known !== undefined) return known;
    if (stats) stats.hashed += 1;
    let shallow: unknown;
    if (Array.isArray(value)) {
      shallow = value.map((v: unknown) => (v !== null && typeof v === "object" ? { "#": hash(v) } : v));
    } else {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        out[k] = v !== null && typeof v === "object" ? { "#": hash(v) } : v;
      }
      shallow = out;
    }
    const h = contentHash(shallow);
    memo.set(value, h);
    return h;
  };
  const peek = (v: unknown): string | undefined =>
    v !== null && typeof v === "object" ? (Object.isFrozen(v) ? frozenMemo : localMemo).get(v) : undefined;
  return {
    hash,
    knownSame: (a, b) => {
      if (a === b) return true;
      const ha = peek(a);
      return ha !== undefined && ha === peek(b);
    },
    same: (a, b) => a === b || (a !== undefined && b !== undefined && hash(a) === hash(b)),
  };
}
