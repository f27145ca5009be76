/**
 * Memoised steps of a timeline build. Building a timeline applies every operation of every
 * event in valid-time order; recording one event builds it several times (the rules compare
 * the timeline before and after the candidate, the projector builds it once more) and the
 * next append of the same agreement builds it again. Versions are deep-frozen and each
 * operation is a pure function of (document, operation), so the result of applying an
 * operation to a document object is kept and reused: only the steps after the first change
 * are applied again, and the documents they give are the same frozen objects — so their
 * content hashes (memoised by canonical.ts for frozen values) are not computed again either.
 *
 * The memo hangs off the base documents (a WeakMap): it lives exactly as long as the documents
 * it starts from, i.e. as long as someone (a cached event's payload, a timeline) holds them.
 *
 * @module
 */
import type { Operation } from "../events/types.js";
import { contentHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import type { Result } from "../model/issue.js";
import { applyOperation } from "./apply.js";

const memo = new WeakMap<AgreementDocument, Map<string, Result<AgreementDocument>>>();
/** First steps of partial histories (no base document): a small bounded map. */
const fromNothing = new Map<string, Result<AgreementDocument>>();
const FROM_NOTHING_LIMIT = 256;

/**
 * `applyOperation(doc, op)`, memoised on the document object and the operation's content
 * hash. The result (a deep-frozen document, or the failure) is shared: read it, never change it.
 *
 * @example
 * applyStep(doc, op) === applyStep(doc, op); // true: the second call is a lookup
 */
export function applyStep(doc: AgreementDocument | undefined, op: Operation): Result<AgreementDocument> {
  const key = contentHash(op);
  let memoOf: Map<string, Result<AgreementDocument>>;
  if (doc === undefined) memoOf = fromNothing;
  else {
    const found = memo.get(doc);
    memoOf = found ?? new Map();
    if (found === undefined) memo.set(doc, memoOf);
  }
  const hit = memoOf.get(key);
  if (hit !== undefined) return hit;
  const result = applyOperation(doc, op);
  if (doc === undefined && fromNothing.size >= FROM_NOTHING_LIMIT) fromNothing.delete(fromNothing.keys().next().value!);
  memoOf.set(key, result);
  return result;
}
