/**
 * The hash chain of events: each event's `hash` is the SHA-256 of the canonical JSON of its
 * envelope without `hash` (so it covers the source text, the payload, both times and
 * `prevHash`); `prevHash` is the previous event's hash (`""` for the first). Changing any
 * recorded byte breaks the chain at that event.
 *
 * @module
 */
import { canonicalJson, deepFreeze, sha256 } from "../model/canonical.js";
import type { StoredEvent } from "../events/types.js";
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
 * gap-free seqs, link `prevHash`, compute hashes. Returns frozen events.
 *
 * @example
 * const [e1] = sealEvents("a", undefined, [{ kind: "abolish", recordedAt, recordedBy: "x" }]);
 * e1.seq; // 1
 * e1.prevHash; // ""
 */
export function sealEvents(agreementId: string, last: { readonly seq: number; readonly hash: string } | undefined, events: readonly NewEvent[]): StoredEvent[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? "";
  return events.map((e) => {
    seq += 1;
    const envelope: Omit<StoredEvent, "hash"> = {
      agreementId,
      seq,
      kind: e.kind,
      ...(e.legal !== undefined ? { legal: e.legal } : {}),
      ...(e.record !== undefined ? { record: e.record } : {}),
      recordedAt: e.recordedAt,
      recordedBy: e.recordedBy,
      prevHash,
    };
    const hash = eventHash(envelope);
    prevHash = hash;
    // Stored events are data shared with callers: frozen all the way down, so no caller can
    // change what the store holds. A payload frozen so already (the engine freezes its copy
    // before checking it) is shared as it is; anything else is copied first.
    return deepFreeze({
      ...envelope,
      ...(e.legal !== undefined ? { legal: frozenOrCopy(e.legal) } : {}),
      ...(e.record !== undefined ? { record: frozenOrCopy(e.record) } : {}),
      hash,
    });
  });
}

/** True when `value` and everything reachable from it is frozen. */
function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (!Object.isFrozen(value)) return false;
  for (const v of Object.values(value)) if (!isDeepFrozen(v)) return false;
  return true;
}

function frozenOrCopy<T>(value: T): T {
  return isDeepFrozen(value) ? value : structuredClone(value);
}
