/**
 * The hash chain of events: each event's `hash` is the SHA-256 of the canonical JSON of its
 * envelope without `hash` (so it covers the source text, the payload, both times and
 * `prevHash`); `prevHash` is the previous event's hash (`""` for the first). Changing any
 * recorded byte breaks the chain at that event.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { canonicalJson, deepFreeze, sha256 } from "../model/canonical.js";
import type { LegalEventInput, StoredEvent } from "../events/types.js";
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
 * gap-free seqs, link `prevHash`, compute hashes. Returns frozen events. `keepLegalJson`
 * keeps each legal event's stored JSON for {@link storedLegalJson} (the SQLite store's row).
 *
 * @example
 * const [e1] = sealEvents("a", undefined, [{ kind: "abolish", recordedAt, recordedBy: "x" }]);
 * e1.seq; // 1
 * e1.prevHash; // ""
 */
export function sealEvents(
  agreementId: string,
  last: { readonly seq: number; readonly hash: string } | undefined,
  events: readonly NewEvent[],
  keepLegalJson = false,
): StoredEvent[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? "";
  return events.map((e) => {
    seq += 1;
    // Stored events are data shared with callers: frozen all the way down, so no caller can
    // change what the store holds. A payload frozen so already (the engine freezes its copy
    // before checking it) is shared as it is; anything else is copied first.
    const legal = e.legal === undefined ? undefined : frozenCopy(e.legal);
    const record = e.record === undefined ? undefined : frozenCopy(e.record);
    const envelope: Omit<StoredEvent, "hash"> = {
      agreementId,
      seq,
      kind: e.kind,
      ...(legal !== undefined ? { legal } : {}),
      ...(record !== undefined ? { record } : {}),
      recordedAt: e.recordedAt,
      recordedBy: e.recordedBy,
      prevHash,
    };
    // The payload (a whole document for a 締結) is written as canonical JSON once, for both
    // the hash and the stored row.
    const texts = legal === undefined ? undefined : legalTexts(legal);
    const hash = texts === undefined ? eventHash(envelope) : sha256(fill(canonicalJson({ ...envelope, legal: HOLE }), texts.full) ?? canonicalJson(envelope));
    prevHash = hash;
    const event = Object.freeze({ ...envelope, hash }) as StoredEvent;
    if (texts !== undefined && keepLegalJson) storedLegal.set(event, texts.stored);
    return event;
  });
}

/**
 * The `legal` column of a sealed event: the canonical JSON of its legal payload with the
 * source text left out (the text is stored once, in `sources`). Taken from what sealing
 * kept (`keepLegalJson`) — once: the text is not kept past the write — else computed.
 *
 * @example
 * storedLegalJson(sealed); // '{"dates":{…},…,"source":{"name":"000.txt","sha256":"…"}}'
 */
export function storedLegalJson(event: StoredEvent): string | undefined {
  if (event.legal === undefined) return undefined;
  const kept = storedLegal.get(event);
  if (kept === undefined) return legalTexts(event.legal).stored;
  storedLegal.delete(event);
  return kept;
}

const storedLegal = new WeakMap<StoredEvent, string>();

/** A string no payload contains (a NUL and a random UUID): where a member's JSON is spliced in. */
const HOLE = `\u0000kyoyaku:${randomUUID()}`;
const HOLE_JSON = JSON.stringify(HOLE);

/** `shell` with its one HOLE replaced by `text`; undefined when the hole is not there exactly once. */
function fill(shell: string, text: string): string | undefined {
  const at = shell.indexOf(HOLE_JSON);
  if (at < 0 || shell.indexOf(HOLE_JSON, at + HOLE_JSON.length) >= 0) return undefined;
  return shell.slice(0, at) + text + shell.slice(at + HOLE_JSON.length);
}

/** Canonical JSON of a legal payload: whole (`full`, hashed) and without the source text (`stored`). */
function legalTexts(legal: LegalEventInput): { readonly full: string; readonly stored: string } {
  const source = legal.source;
  const storedSource = source === undefined ? undefined : { name: source.name, sha256: source.sha256 };
  if (source !== undefined) {
    const shell = canonicalJson({ ...legal, source: HOLE });
    const full = fill(shell, canonicalJson(source));
    const stored = fill(shell, canonicalJson(storedSource));
    if (full !== undefined && stored !== undefined) return { full, stored };
  }
  return { full: canonicalJson(legal), stored: canonicalJson(storedSource === undefined ? legal : { ...legal, source: storedSource }) };
}

/** True when `value` and everything reachable from it is frozen. */
function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (!Object.isFrozen(value)) return false;
  for (const v of Object.values(value)) if (!isDeepFrozen(v)) return false;
  return true;
}

function frozenCopy<T>(value: T): T {
  return isDeepFrozen(value) ? value : deepFreeze(structuredClone(value));
}
