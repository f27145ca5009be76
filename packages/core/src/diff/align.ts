/**
 * Alignment of two lists of provisions (条, 項, 取組 …): which old element became which new
 * one, which were removed and which added. The result is order-preserving (monotonic), so
 * it can be turned into a JSON Patch that removes, then adds and descends, by index.
 *
 * Cost: common prefix and suffix are matched first by identity (or anchor), so a list of a
 * thousand 取組 with one changed costs a thousand identity checks and no hashing; only the
 * unmatched middle is aligned by an LCS on anchors — exactly when it is small
 * ({@link LCS_CELLS}), else first cut at anchors unique on both sides (patience), so the
 * cost stays O(n log n) in the length of the lists. See docs/diff.md.
 *
 * @module
 */
import type { Hasher } from "./hash.js";

/** One step of an alignment, in merged document order. */
export type AlignStep =
  | { readonly kind: "pair"; readonly i: number; readonly j: number }
  | { readonly kind: "removed"; readonly i: number }
  | { readonly kind: "added"; readonly j: number };

/** How to match the elements of one kind of list. */
export interface AlignSpec<T> {
  /** Anchor key: elements with equal anchors are aligned by an LCS (e.g. content without the number, or the 取組 name). */
  readonly anchor: (x: T) => string;
  /** Between anchors, elements with equal pair keys are paired (e.g. the same article number). */
  readonly pairKey?: (x: T) => string;
  /** Between anchors, still-unpaired elements at least this similar are paired (e.g. a renamed 取組). */
  readonly similarity?: { readonly score: (a: T, b: T) => number; readonly threshold: number };
}

/**
 * Largest middle (rows × columns) aligned by the exact LCS table; a larger one is first cut
 * at the anchors unique on both sides (patience alignment), and only its gaps of at most this
 * size get the table. Every list of a real agreement (a few hundred 条 or 取組 at most) stays
 * under it, so their alignment is the exact LCS as before.
 */
export const LCS_CELLS = 250_000;

/**
 * Largest number of (removed × added) candidates between two anchors scored for similarity
 * (renamed 取組); beyond it the gap's unpaired elements stay removed and added.
 */
export const SIMILARITY_CANDIDATES = 10_000;

/** Counters a caller can pass to see how much work an alignment did (tests: linearity). */
export interface AlignStats {
  /** Cells of LCS tables filled. */
  lcsCells?: number;
  /** Similarity scores computed. */
  scored?: number;
}

/**
 * Align `a` (older) with `b` (newer). `cells` is the largest middle aligned by one LCS table
 * ({@link LCS_CELLS}; tests lower it to exercise the large path on small lists).
 *
 * @example
 * alignLists(["x", "y"], ["x", "z", "y"], { anchor: (s) => s }, hasher);
 * // [{kind:"pair",i:0,j:0},{kind:"added",j:1},{kind:"pair",i:1,j:2}]
 */
export function alignLists<T>(a: readonly T[], b: readonly T[], spec: AlignSpec<T>, hasher: Hasher, stats?: AlignStats, cells = LCS_CELLS): AlignStep[] {
  // Equal anchors at the ends pair up as an LCS would; identity (or a memoised hash) is
  // checked first so that shared elements cost nothing.
  const match = (x: T, y: T): boolean => hasher.knownSame(x, y) || spec.anchor(x) === spec.anchor(y);
  let p = 0;
  while (p < a.length && p < b.length && match(a[p]!, b[p]!)) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && match(a[a.length - 1 - s]!, b[b.length - 1 - s]!)) s++;

  const steps: AlignStep[] = [];
  for (let k = 0; k < p; k++) steps.push({ kind: "pair", i: k, j: k });
  const i1 = a.length - s;
  const j1 = b.length - s;
  if ((i1 - p) * (j1 - p) <= cells) alignMiddle(a, b, p, i1, p, j1, spec, steps, stats);
  else alignLarge(a, b, p, i1, p, j1, spec, hasher, steps, stats, cells);
  for (let k = s; k > 0; k--) steps.push({ kind: "pair", i: a.length - k, j: b.length - k });
  return steps;
}

/**
 * A middle too large for one LCS table: pair the anchors that occur once on each side, keep
 * the longest increasing run of them (so pairs never cross), and align each gap between them
 * after trimming its equal ends — by the table when it is small enough, else by key alone.
 * O(n log n) in the length of the middle.
 */
function alignLarge<T>(a: readonly T[], b: readonly T[], i0: number, i1: number, j0: number, j1: number, spec: AlignSpec<T>, hasher: Hasher, steps: AlignStep[], stats: AlignStats | undefined, cells: number): void {
  // Keys for the unique pass: the elements' content hashes when all are already known (equal
  // content, so equal anchor too; free for nodes loaded from the store), else their anchors.
  // The gaps between the pairs found are then aligned on anchors, computed only there.
  let ka = a.slice(i0, i1).map((x) => hasher.peek(x));
  let kb = b.slice(j0, j1).map((y) => hasher.peek(y));
  if (ka.includes(undefined) || kb.includes(undefined)) {
    ka = a.slice(i0, i1).map(spec.anchor);
    kb = b.slice(j0, j1).map(spec.anchor);
  }
  const countA = new Map<string | undefined, number>();
  for (const k of ka) countA.set(k, (countA.get(k) ?? 0) + 1);
  const onlyB = new Map<string | undefined, number>();
  const countB = new Map<string | undefined, number>();
  kb.forEach((k, y) => {
    countB.set(k, (countB.get(k) ?? 0) + 1);
    onlyB.set(k, y);
  });
  const unique: [number, number][] = [];
  ka.forEach((k, x) => {
    if (countA.get(k) === 1 && countB.get(k) === 1) unique.push([x, onlyB.get(k)!]);
  });
  const anchors = longestIncreasing(unique);
  const same = (x: number, y: number): boolean => ka[x] === kb[y] || spec.anchor(a[i0 + x]!) === spec.anchor(b[j0 + y]!);
  let ci = 0;
  let cj = 0;
  for (const [ax, by] of [...anchors, [i1 - i0, j1 - j0] as [number, number]]) {
    // The gap [ci, ax) × [cj, by), its equal ends first (as alignLists does at the top).
    let p = 0;
    while (ci + p < ax && cj + p < by && same(ci + p, cj + p)) p++;
    let s = 0;
    while (ci + p + s < ax && cj + p + s < by && same(ax - 1 - s, by - 1 - s)) s++;
    for (let k = 0; k < p; k++) steps.push({ kind: "pair", i: i0 + ci + k, j: j0 + cj + k });
    const gi0 = i0 + ci + p;
    const gi1 = i0 + ax - s;
    const gj0 = j0 + cj + p;
    const gj1 = j0 + by - s;
    if ((gi1 - gi0) * (gj1 - gj0) <= cells) alignMiddle(a, b, gi0, gi1, gj0, gj1, spec, steps, stats);
    else alignGap(a, b, gi0, gi1, gj0, gj1, spec, steps, stats);
    for (let k = s; k > 0; k--) steps.push({ kind: "pair", i: i0 + ax - k, j: j0 + by - k });
    if (ax < i1 - i0) steps.push({ kind: "pair", i: i0 + ax, j: j0 + by });
    ci = ax + 1;
    cj = by + 1;
  }
}

/** The longest run of `pairs` (sorted by their first member) increasing in the second: patience sorting, O(n log n). */
function longestIncreasing(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([, y], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < y) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const out: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push(pairs[k]!);
  return out.reverse();
}

function alignMiddle<T>(a: readonly T[], b: readonly T[], i0: number, i1: number, j0: number, j1: number, spec: AlignSpec<T>, steps: AlignStep[], stats: AlignStats | undefined): void {
  const m = i1 - i0;
  const n = j1 - j0;
  if (m === 0 && n === 0) return;
  const ka = a.slice(i0, i1).map(spec.anchor);
  const kb = b.slice(j0, j1).map(spec.anchor);
  // LCS table on anchors (middle only).
  if (stats) stats.lcsCells = (stats.lcsCells ?? 0) + m * n;
  const dp: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let x = m - 1; x >= 0; x--) {
    for (let y = n - 1; y >= 0; y--) {
      dp[x]![y] = ka[x] === kb[y] ? dp[x + 1]![y + 1]! + 1 : Math.max(dp[x + 1]![y]!, dp[x]![y + 1]!);
    }
  }
  const anchors: [number, number][] = [];
  for (let x = 0, y = 0; x < m && y < n; ) {
    if (ka[x] === kb[y]) {
      anchors.push([i0 + x, j0 + y]);
      x++;
      y++;
    } else if (dp[x + 1]![y]! >= dp[x]![y + 1]!) x++;
    else y++;
  }
  let ci = i0;
  let cj = j0;
  for (const [ai, bj] of [...anchors, [i1, j1] as [number, number]]) {
    alignGap(a, b, ci, ai, cj, bj, spec, steps, stats);
    if (ai < i1) steps.push({ kind: "pair", i: ai, j: bj });
    ci = ai + 1;
    cj = bj + 1;
  }
}

/**
 * Pair within a gap between anchors: by pair key, then by similarity; emit in merged order.
 * The key pass is linear (each key's positions in `b`, read forward once); similarity is
 * scored only when the gap has at most {@link SIMILARITY_CANDIDATES} candidate pairs.
 */
function alignGap<T>(a: readonly T[], b: readonly T[], i0: number, i1: number, j0: number, j1: number, spec: AlignSpec<T>, steps: AlignStep[], stats: AlignStats | undefined): void {
  const pairs: [number, number][] = [];
  const pairedA = new Set<number>();
  const pairedB = new Set<number>();
  if (spec.pairKey && i1 > i0 && j1 > j0) {
    // For each x in order, the first z ≥ y (the last pair's end) with the same key.
    const positions = new Map<string, { at: number[]; next: number }>();
    for (let z = j0; z < j1; z++) {
      const k = spec.pairKey(b[z]!);
      const p = positions.get(k);
      if (p) p.at.push(z);
      else positions.set(k, { at: [z], next: 0 });
    }
    let y = j0;
    for (let x = i0; x < i1; x++) {
      const p = positions.get(spec.pairKey(a[x]!));
      if (p === undefined) continue;
      while (p.next < p.at.length && p.at[p.next]! < y) p.next++;
      if (p.next < p.at.length) {
        const z = p.at[p.next++]!;
        pairs.push([x, z]);
        pairedA.add(x);
        pairedB.add(z);
        y = z + 1;
      }
    }
  }
  if (spec.similarity) {
    const { score, threshold } = spec.similarity;
    const freeA: number[] = [];
    const freeB: number[] = [];
    for (let x = i0; x < i1; x++) if (!pairedA.has(x)) freeA.push(x);
    for (let y = j0; y < j1; y++) if (!pairedB.has(y)) freeB.push(y);
    if (freeA.length * freeB.length <= SIMILARITY_CANDIDATES) {
      const candidates: { x: number; y: number; s: number }[] = [];
      for (const x of freeA) {
        for (const y of freeB) {
          const s = score(a[x]!, b[y]!);
          if (stats) stats.scored = (stats.scored ?? 0) + 1;
          if (s >= threshold) candidates.push({ x, y, s });
        }
      }
      candidates.sort((c, d) => d.s - c.s || c.x - d.x || c.y - d.y);
      // Accepted pairs kept sorted by x; being monotonic, a candidate fits iff it lies between its neighbours.
      pairs.sort((p, q) => p[0] - q[0]);
      for (const c of candidates) {
        if (pairedA.has(c.x) || pairedB.has(c.y)) continue;
        let lo = 0;
        let hi = pairs.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (pairs[mid]![0] < c.x) lo = mid + 1;
          else hi = mid;
        }
        const before = pairs[lo - 1];
        const after = pairs[lo];
        if ((before === undefined || before[1] < c.y) && (after === undefined || after[1] > c.y)) {
          pairs.splice(lo, 0, [c.x, c.y]);
          pairedA.add(c.x);
          pairedB.add(c.y);
        }
      }
    }
  }
  pairs.sort((p, q) => p[0] - q[0]);
  let x = i0;
  let y = j0;
  for (const [px, py] of [...pairs, [i1, j1] as [number, number]]) {
    for (; x < px; x++) steps.push({ kind: "removed", i: x });
    for (; y < py; y++) steps.push({ kind: "added", j: y });
    if (px < i1) steps.push({ kind: "pair", i: px, j: py });
    x = px + 1;
    y = py + 1;
  }
}

/**
 * Similarity of two short strings in [0, 1]: twice the longest common subsequence over the
 * total length (1 = equal).
 *
 * @example
 * similarity("地域資源をいかした", "地域資源を活かした"); // 0.888…
 */
export function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  const ca = [...a];
  const cb = [...b];
  let prev = new Array<number>(cb.length + 1).fill(0);
  for (let x = 1; x <= ca.length; x++) {
    const cur = new Array<number>(cb.length + 1).fill(0);
    for (let y = 1; y <= cb.length; y++) {
      cur[y] = ca[x - 1] === cb[y - 1] ? prev[y - 1]! + 1 : Math.max(prev[y]!, cur[y - 1]!);
    }
    prev = cur;
  }
  return (2 * prev[cb.length]!) / (ca.length + cb.length);
}
