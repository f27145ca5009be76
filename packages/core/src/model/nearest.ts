/**
 * "もしかして": the candidates nearest to a misspelled word, for unknown commands, options and
 * agreement ids alike.
 *
 * @module
 */
import { KyoyakuError } from "./errors.js";

/**
 * The candidates nearest to a misspelled word (edit distance at most 2 — 1 for short words, a
 * swap of two neighbouring letters counting as one edit — or a prefix), nearest first,
 * compared without regard to case or width.
 *
 * @example
 * nearest("shwo", ["show", "search", "history"]); // ["show"]
 * nearest("bd", ["db", "json"]); // ["db"] (two letters swapped)
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

/**
 * Edit distance with a swap of two neighbours counted as one edit (optimal string alignment):
 * `--bd` for `--db` and `--no` for `--on` are one slip of the fingers, not two.
 */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
