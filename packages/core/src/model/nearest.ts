/**
 * "もしかして": the candidates nearest to a misspelled word, for unknown commands, options and
 * agreement ids alike.
 *
 * @module
 */
import { KyoyakuError } from "./errors.js";

/**
 * The candidates nearest to a misspelled word (edit distance at most 2 — 1 for short words —
 * or a prefix), nearest first, compared without regard to case or width.
 *
 * @example
 * nearest("shwo", ["show", "search", "history"]); // ["show"]
 * nearest("ＯＫＡＹＡＭＡ-wak", ["okayama-wake", "kurashiki"]); // ["okayama-wake"]
 */
export function nearest(word: string, candidates: readonly string[], max = 3): string[] {
  const key = (s: string): string => s.normalize("NFKC").toLowerCase();
  const w = key(word);
  const limit = Math.min(2, Math.max(1, Math.floor(w.length / 2)));
  return candidates
    .map((c) => ({ c, d: distance(key(c), w) }))
    .filter(({ c, d }) => d <= limit || (w.length >= 2 && key(c).startsWith(w)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

/**
 * The error for an agreement id with no record, naming the nearest recorded ids.
 *
 * @example
 * agreementNotFound("okayama-wak", ["okayama-wake"]).message;
 * // "協約 okayama-wak は記録されていない。もしかして okayama-wake？"
 */
export function agreementNotFound(agreementId: string, known: readonly string[]): KyoyakuError {
  const near = nearest(agreementId, known);
  const hint = near.length > 0 ? `。もしかして ${near.join("、")}？` : "";
  return new KyoyakuError("not-found.agreement", `協約 ${agreementId} は記録されていない${hint}`, [], { agreementId, ...(near.length > 0 && { nearest: near }) });
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}
