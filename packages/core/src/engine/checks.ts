/**
 * The engine's checks of what a caller gives: agreement ids, days, instants, requests,
 * legal events and who/when, each refused with \`input.invalid\` naming the field.
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import { isIsoDate, parseInstant } from "../date/index.js";
import type { EventDates, LegalEventInput, StoredEvent } from "../events/types.js";
import { sha256 } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import type { Issue } from "../model/issue.js";
import type { RecordMeta } from "./types.js";

// A slug: no '/', no white space, not empty. Japanese letters are fine (岡山市-和気町).
export const AGREEMENT_ID = /^[^\s/]+$/u;

export function invalid(message: string, details: Record<string, unknown> = {}): KyoyakuError {
  return new KyoyakuError("input.invalid", message, [], details);
}

export function checkAgreementId(id: unknown): asserts id is string {
  if (typeof id !== "string" || !AGREEMENT_ID.test(id) || id.length > 200) {
    throw invalid(`agreement id ${JSON.stringify(id)} is not a slug: give a non-empty name without '/' or white space, e.g. okayama-wake`, { agreementId: id });
  }
}

/** Days already checked (reads ask about the same days again and again); bounded. */
export const checkedDates = new Set<string>();

export function checkDate(date: unknown, what: string): asserts date is IsoDate {
  if (typeof date === "string" && checkedDates.has(date)) return;
  if (typeof date !== "string" || !isIsoDate(date)) {
    throw invalid(`${what} ${JSON.stringify(date)} is not a calendar day in the form YYYY-MM-DD (e.g. 2020-04-01)`, { [what]: date });
  }
  if (checkedDates.size >= 4096) checkedDates.clear();
  checkedDates.add(date);
}

export function instant(text: unknown, what: string): Instant {
  if (typeof text !== "string") throw invalid(`${what} must be an ISO 8601 instant such as 2026-11-21T09:30:00+09:00`);
  const r = parseInstant(text);
  if (!r.ok) throw new KyoyakuError("input.invalid", `${what} ${JSON.stringify(text)}: ${r.issues[0]?.message ?? "not an instant"}`, r.issues);
  return r.value;
}

/** A request must be an object before its fields are read (`record(null)` is a caller's mistake, not a TypeError). */
export function checkRequest(request: unknown, what: string): void {
  if (request === null || typeof request !== "object") throw invalid(`${what} needs a request object, got ${request === null ? "null" : typeof request}`);
}

export function checkTarget(target: unknown): asserts target is number {
  if (typeof target !== "number" || !Number.isInteger(target) || target < 1) throw invalid(`target ${JSON.stringify(target)} must be the seq (1, 2, …) of a recorded event`);
}

export const LEGAL_KINDS: ReadonlySet<string> = new Set(["conclude", "amend", "abolish", "baseline", "notice", "withdrawNotice", "renew", "declineRenewal"]);

export function checkLegalInput(event: LegalEventInput): void {
  if (event === null || typeof event !== "object") throw invalid("event must be a legal event (payload, dates, draft, parties)");
  if (event.payload === null || typeof event.payload !== "object" || !LEGAL_KINDS.has(event.payload.kind)) {
    throw invalid(`event.payload.kind must be one of conclude, amend, abolish, baseline, notice, withdrawNotice, renew, declineRenewal`);
  }
  if (event.payload.kind === "notice" && (typeof event.payload.party !== "string" || event.payload.party.trim() === "")) throw invalid("a 通告 (notice) needs the notifying party");
  if (event.payload.kind === "withdrawNotice") checkTarget(event.payload.target);
  if (event.payload.kind === "renew") checkDate(event.payload.until, "until");
  if (event.payload.kind === "declineRenewal" && (typeof event.payload.party !== "string" || event.payload.party.trim() === "")) throw invalid("a 更新拒絶 (declineRenewal) needs the declaring party");
  if (event.dates === null || typeof event.dates !== "object") throw invalid("event.dates is missing");
  if (typeof event.draft !== "boolean") throw invalid("event.draft must be true or false");
  if (!Array.isArray(event.parties)) throw invalid("event.parties must be a list of municipality names");
  checkEventDates(event.dates, "event.dates");
  if (event.payload.kind === "amend") {
    if (!Array.isArray(event.payload.operations)) throw invalid("an amendment (変更) needs a list of operations");
    event.payload.operations.forEach((op, i) => {
      if (op.appliesFrom !== undefined) checkDate(op.appliesFrom, `operations[${i}].appliesFrom`);
    });
  }
  const s = event.source;
  if (s !== undefined) {
    if (typeof s.text !== "string" || typeof s.name !== "string") throw invalid("event.source needs a name and a text");
    if (s.sha256 !== sha256(s.text)) throw invalid(`event.source.sha256 does not match the text of ${s.name}: give the SHA-256 of its UTF-8 bytes`, { source: s.name });
  }
}

/** Every ISO date of an EventDates must be a real calendar day (2019-02-29 is not). */
export function checkEventDates(dates: EventDates, where: string): void {
  for (const key of ["concludedOn", "appliesFrom", "effectiveFrom", "announcedOn"] as const) {
    if (dates[key] !== undefined) checkDate(dates[key], `${where}.${key}`);
  }
  if (dates.resolutions === null || typeof dates.resolutions !== "object") throw invalid(`${where}.resolutions must map each party to its 議決日 ({} when none is known)`);
  for (const [party, day] of Object.entries(dates.resolutions)) checkDate(day, `${where}.resolutions[${party}]`);
}

/** Validate who/when/expectedVersion; returns the recorded-at instant (the clock's when absent). */
export function checkMeta(meta: RecordMeta, clock: () => Instant): Instant {
  if (typeof meta.recordedBy !== "string" || meta.recordedBy.trim() === "") throw invalid("recordedBy (who records) is required");
  if (meta.expectedVersion !== undefined && (!Number.isInteger(meta.expectedVersion) || meta.expectedVersion < 0)) {
    throw invalid(`expectedVersion ${JSON.stringify(meta.expectedVersion)} must be the last seq you saw (0 for a new agreement)`);
  }
  return instant(meta.recordedAt ?? clock(), "recordedAt");
}

/** The same source, live, in another agreement: record refuses it (retract it there first). */
export function recordedElsewhere(sourceName: string | undefined, agreementId: string, seq: number, requested: string): KyoyakuError {
  return new KyoyakuError(
    "source.recorded-elsewhere",
    // The base name only: a name stored as an absolute path must not reach an HTTP client.
    `受け付けなかった（何も記録していない）: この原文${sourceName !== undefined ? `（${sourceName.split(/[\\/]/u).filter((p) => p !== "").at(-1) ?? sourceName}）` : ""}は ${requested} ではなく ${agreementId} の #${seq} としてすでに記録されている。誤りなら、そちらを取り消して（訂正 --retract）から記録し直すこと`,
    [],
    { agreementId, seq, requested },
  );
}

/** System time runs forward within an agreement, so "known at" is a prefix of the stream. */
export function checkForward(agreementId: string, last: StoredEvent | undefined, recordedAt: Instant): void {
  if (last !== undefined && Date.parse(recordedAt) < Date.parse(last.recordedAt)) {
    throw invalid(`recordedAt ${recordedAt} is before event ${last.seq} of ${agreementId}, recorded at ${last.recordedAt}: the record only runs forward`, { agreementId });
  }
}

export function firstError(issues: readonly Issue[]): Issue | undefined {
  return issues.find((i) => i.severity === "error");
}
