/**
 * Memoised steps of a timeline build, for the write path. Recording one event builds the
 * agreement's timeline several times — the rules compare it before and after the candidate,
 * the projector builds it once more — and the next append of the same agreement builds it
 * again. Versions are deep-frozen and an operation is a pure function of (document,
 * operation), so a {@link StepMemo} keeps the result of applying an operation to a document
 * object and hands it back: only the steps after the first change are applied again, and the
 * documents they give are the same frozen objects, whose content hashes canonical.ts has
 * memoised already (nothing unchanged is hashed twice).
 *
 * A memo keeps every version it has seen alive, so the engine holds one per agreement for a
 * bounded number of recently written agreements. Reads (as-of replays, timelines, diffs)
 * build without one: their cost is the true replay cost.
 *
 * @module
 */
import type { Operation } from "../events/types.js";
import { contentHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import type { Result } from "../model/issue.js";
import { applyOperation } from "./apply.js";

/** Bound on remembered first steps of partial histories (no base document). */
const FROM_NOTHING_LIMIT = 64;

/**
 * Bound on remembered whole builds: recording one event builds the timeline before and after
 * the candidate, and the projector the after one again; the next event's "before" is this
 * one's "after". Four covers that with room for a draft check's variant.
 */
const BUILD_LIMIT = 4;

/**
 * Remembered results of `applyOperation`, by document object and operation (its identity
 * when frozen, else its content hash).
 *
 * @example
 * const memo = new StepMemo();
 * memo.apply(doc, op) === memo.apply(doc, op); // true: the second call is a lookup
 */
export class StepMemo {
  readonly #byDocument = new WeakMap<AgreementDocument, Map<string, Result<AgreementDocument>>>();
  readonly #fromNothing = new Map<string, Result<AgreementDocument>>();
  readonly #byIdentity = new WeakMap<AgreementDocument, WeakMap<Operation, Result<AgreementDocument>>>();
  readonly #builds = new Map<string, unknown>();

  /**
   * A whole build remembered under `key` (see timeline.ts, which alone makes the keys and
   * the values), or undefined.
   *
   * @example
   * memo.build<Build>(key) ?? buildAgain();
   */
  build<T>(key: string): T | undefined {
    return this.#builds.get(key) as T | undefined;
  }

  /**
   * Remember a whole build under `key`; the oldest go past BUILD_LIMIT.
   *
   * @example
   * memo.remember(key, build);
   */
  remember(key: string, build: unknown): void {
    this.#builds.delete(key);
    this.#builds.set(key, build);
    if (this.#builds.size > BUILD_LIMIT) this.#builds.delete(this.#builds.keys().next().value!);
  }

  /**
   * `applyOperation(doc, op)`, remembered. The result (a deep-frozen document, or the
   * failure) is shared: read it, never change it.
   *
   * @example
   * new StepMemo().apply(undefined, { op: "replace", target: "appendix:1", node: appendix }).ok; // true
   */
  apply(doc: AgreementDocument | undefined, op: Operation): Result<AgreementDocument> {
    // A frozen operation (every stored one, and the engine's frozen candidate) is found by
    // identity: hashing a new operation (a whole 別表 for a replacement) to key it costs about
    // as much as applying it. Others are keyed by their content hash.
    if (doc === undefined || !Object.isFrozen(op)) return this.#byContent(doc, op);
    let same = this.#byIdentity.get(doc);
    if (same === undefined) this.#byIdentity.set(doc, (same = new WeakMap()));
    let result = same.get(op);
    if (result === undefined) same.set(op, (result = applyOperation(doc, op)));
    return result;
  }

  /** `applyOperation(doc, op)`, remembered by the operation's content hash. */
  #byContent(doc: AgreementDocument | undefined, op: Operation): Result<AgreementDocument> {
    const key = contentHash(op);
    let memo = this.#fromNothing;
    if (doc !== undefined) {
      const found = this.#byDocument.get(doc);
      memo = found ?? new Map();
      if (found === undefined) this.#byDocument.set(doc, memo);
    }
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const result = applyOperation(doc, op);
    if (doc === undefined && memo.size >= FROM_NOTHING_LIMIT) memo.delete(memo.keys().next().value!);
    memo.set(key, result);
    return result;
  }
}

/**
 * Apply one step: through the memo when there is one.
 *
 * @example
 * applyStep(doc, op, undefined); // plain applyOperation
 */
export function applyStep(doc: AgreementDocument | undefined, op: Operation, memo: StepMemo | undefined): Result<AgreementDocument> {
  return memo === undefined ? applyOperation(doc, op) : memo.apply(doc, op);
}
