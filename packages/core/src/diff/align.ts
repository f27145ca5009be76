/**
 * Alignment of two lists of provisions (条, 項, 取組 …): which old element became which new
 * one, which were removed and which added. The result is order-preserving (monotonic), so
 * it can be turned into a JSON Patch that removes, then adds and descends, by index.
 *
 * Cost: common prefix and suffix are matched first by identity (or anchor), so a list of a
 * thousand 取組 with one changed costs a thousand identity checks and no hashing; only the
 * unmatched middle is aligned by an LCS on anchors.
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
 * Align `a` (older) with `b` (newer).
 *
 * @example
 * alignLists(["x", "y"], ["x", "z", "y"], { anchor: (s) => s }, hasher);
 * // [{kind:"pair",i:0,j:0},{kind:"added",j:1},{kind:"pair",i:1,j:2}]
 */
export function alignLists<T>(a: readonly T[], b: readonly T[], spec: AlignSpec<T>, hasher: Hasher): AlignStep[] {
  // Equal anchors at the ends pair up as an LCS would; identity (or a memoised hash) is
  // checked first so that shared elements cost nothing.
  const match = (x: T, y: T): boolean => hasher.knownSame(x, y) || spec.anchor(x) === spec.anchor(y);
  let p = 0;
  while (p < a.length && p < b.length && match(a[p]!, b[p]!)) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && match(a[a.length - 1 - s]!, b[b.length - 1 - s]!)) s++;

  const steps: AlignStep[] = [];
  for (let k = 0; k < p; k++) steps.push({ kind: "pair", i: k, j: k });
  steps.push(...alignMiddle(a, b, p, a.length - s, p, b.length - s, spec));
  for (let k = s; k > 0; k--) steps.push({ kind: "pair", i: a.length - k, j: b.length - k });
  return steps;
}

function alignMiddle<T>(a: readonly T[], b: readonly T[], i0: number, i1: number, j0: number, j1: number, spec: AlignSpec<T>): AlignStep[] {
  const m = i1 - i0;
  const n = j1 - j0;
  if (m === 0 && n === 0) return [];
  const ka = a.slice(i0, i1).map(spec.anchor);
  const kb = b.slice(j0, j1).map(spec.anchor);
  // LCS table on anchors (middle only).
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
  const steps: AlignStep[] = [];
  let ci = i0;
  let cj = j0;
  for (const [ai, bj] of [...anchors, [i1, j1] as [number, number]]) {
    steps.push(...alignGap(a, b, ci, ai, cj, bj, spec));
    if (ai < i1) steps.push({ kind: "pair", i: ai, j: bj });
    ci = ai + 1;
    cj = bj + 1;
  }
  return steps;
}

/** Pair within a gap between anchors: by pair key, then by similarity; emit in merged order. */
function alignGap<T>(a: readonly T[], b: readonly T[], i0: number, i1: number, j0: number, j1: number, spec: AlignSpec<T>): AlignStep[] {
  const pairs: [number, number][] = [];
  if (spec.pairKey) {
    let y = j0;
    for (let x = i0; x < i1; x++) {
      const k = spec.pairKey(a[x]!);
      for (let z = y; z < j1; z++) {
        if (spec.pairKey(b[z]!) === k) {
          pairs.push([x, z]);
          y = z + 1;
          break;
        }
      }
    }
  }
  if (spec.similarity) {
    const { score, threshold } = spec.similarity;
    const candidates: { x: number; y: number; s: number }[] = [];
    for (let x = i0; x < i1; x++) {
      if (pairs.some(([px]) => px === x)) continue;
      for (let y = j0; y < j1; y++) {
        if (pairs.some(([, py]) => py === y)) continue;
        const s = score(a[x]!, b[y]!);
        if (s >= threshold) candidates.push({ x, y, s });
      }
    }
    candidates.sort((c, d) => d.s - c.s || c.x - d.x || c.y - d.y);
    for (const c of candidates) {
      // Keep the alignment monotonic: no pair may cross another.
      const ok = pairs.every(([px, py]) => px !== c.x && py !== c.y && (px < c.x) === (py < c.y));
      if (ok) pairs.push([c.x, c.y]);
    }
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const steps: AlignStep[] = [];
  let x = i0;
  let y = j0;
  for (const [px, py] of [...pairs, [i1, j1] as [number, number]]) {
    for (; x < px; x++) steps.push({ kind: "removed", i: x });
    for (; y < py; y++) steps.push({ kind: "added", j: y });
    if (px < i1) steps.push({ kind: "pair", i: px, j: py });
    x = px + 1;
    y = py + 1;
  }
  return steps;
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
