/**
 * Duplicates by content: the same amendment recorded twice from texts whose bytes differ (CRLF
 * line ends, a trailing space, full-width digits that parse to the same content, another file
 * name) is the same legal event, and must never be applied twice (a 改め文 whose new words
 * contain the old ones would change the text again). The content key is a canonical hash of
 * the legal event without its source: kind, payload (without the change agreement's title),
 * ISO dates (without 議決日 and the dates as written), parties (normalised) and the draft flag.
 *
 * @module
 */
import type { EventDates, LegalEventInput, LegalPayload, StoredEvent } from "../events/types.js";
import { effectiveEvents } from "../history/effective.js";
import { canonicalJson, contentHash, sha256 } from "../model/canonical.js";
import { normalizeText } from "../model/normalize.js";

/** What the key is made of: a legal event's parsed content, without where it came from. */
export type LegalContent = Pick<LegalEventInput, "payload" | "dates" | "parties" | "draft">;

/** The base an amendment or 廃止 names: title normalised, date as its ISO day (else as written, normalised). */
function baseOf(payload: LegalPayload): unknown {
  if (payload.kind !== "amend" && payload.kind !== "abolish") return undefined;
  const b = payload.base;
  if (b === undefined) return undefined;
  return { title: b.title !== undefined ? normalizeText(b.title) : null, date: b.date === undefined ? null : b.date.iso ?? normalizeText(b.date.text) };
}

function payloadOf(payload: LegalPayload): unknown {
  switch (payload.kind) {
    case "conclude":
    case "baseline": return { document: contentHash(payload.document) };
    // Operations hold provision nodes (a whole 別表): their content hash is memoised on frozen values.
    case "amend": return { operations: payload.operations.map((op) => contentHash(op)), base: baseOf(payload) };
    case "abolish": return { base: baseOf(payload) };
  }
}

const datesOf = (d: EventDates): unknown => ({
  concludedOn: d.concludedOn ?? null, appliesFrom: d.appliesFrom ?? null, effectiveFrom: d.effectiveFrom ?? null, announcedOn: d.announcedOn ?? null,
});

/**
 * The content key of a legal event: equal for the same amendment read from byte variants of
 * its text, different when any operation, date, party, base or the draft flag differs.
 *
 * @example
 * contentKey(parseText(crlfText).value.event) === contentKey(parseText(lfText).value.event); // true
 */
export function contentKey(e: LegalContent): string {
  return sha256(canonicalJson({
    kind: e.payload.kind,
    payload: payloadOf(e.payload),
    dates: datesOf(e.dates),
    parties: [...e.parties].map((p) => normalizeText(p)).sort(),
    draft: e.draft,
  }));
}

/** Cheap fields that must be equal before the key is worth computing. */
function mayEqual(a: LegalContent, b: LegalContent): boolean {
  if (a.payload.kind !== b.payload.kind || a.draft !== b.draft) return false;
  if (a.dates.concludedOn !== b.dates.concludedOn || a.dates.appliesFrom !== b.dates.appliesFrom) return false;
  if (a.payload.kind === "amend" && b.payload.kind === "amend" && a.payload.operations.length !== b.payload.operations.length) return false;
  return a.parties.length === b.parties.length;
}

/**
 * The live legal event of `events` (one agreement's stream) whose content equals the
 * candidate's, as recorded or as it reads now after ratification and corrections; a retracted
 * event never counts. `undefined` when there is none.
 *
 * @example
 * findContentDuplicate(k.events("okayama-wake"), event)?.seq; // 2 when #2 is the same amendment
 */
export function findContentDuplicate(events: readonly StoredEvent[], candidate: LegalContent): StoredEvent | undefined {
  let key: string | undefined;
  const same = (x: LegalContent): boolean => mayEqual(x, candidate) && contentKey(x) === (key ??= contentKey(candidate));
  const legal = events.filter((e) => e.legal !== undefined && e.legal.payload.kind === candidate.payload.kind);
  if (legal.length === 0) return undefined;
  // The common case (no match as recorded, nothing ratified or corrected) needs no replay.
  if (!legal.some((e) => same(e.legal!)) && !events.some((e) => e.kind === "ratify" || e.kind === "correct")) return undefined;
  const effective = new Map(effectiveEvents(events).map((e) => [e.seq, e]));
  for (const e of legal) {
    const now = effective.get(e.seq);
    if (now === undefined || now.status === "retracted") continue;
    if (same(e.legal!) || same({ payload: now.payload, dates: now.dates, parties: now.parties, draft: now.status === "draft" })) return e;
  }
  return undefined;
}
