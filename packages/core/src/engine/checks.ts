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
    throw invalid(`協約の ID ${JSON.stringify(id)} は使えない: 「/」と空白を含まない、空でない名前にすること（例: okayama-wake）`, { agreementId: id });
  }
}

/** Days already checked (reads ask about the same days again and again); bounded. */
export const checkedDates = new Set<string>();

export function checkDate(date: unknown, what: string): asserts date is IsoDate {
  if (typeof date === "string" && checkedDates.has(date)) return;
  if (typeof date !== "string" || !isIsoDate(date)) {
    throw invalid(`${what} ${JSON.stringify(date)} は YYYY-MM-DD 形式の暦日ではない（例: 2020-04-01）`, { [what]: date });
  }
  if (checkedDates.size >= 4096) checkedDates.clear();
  checkedDates.add(date);
}

export function instant(text: unknown, what: string): Instant {
  if (typeof text !== "string") throw invalid(`${what} は ISO 8601 形式の時刻（例: 2026-11-21T09:30:00+09:00）でなければならない`);
  const r = parseInstant(text);
  if (!r.ok) throw new KyoyakuError("input.invalid", `${what} ${JSON.stringify(text)}: ${r.issues[0]?.message ?? "時刻ではない"}`, r.issues);
  return r.value;
}

/** A request must be an object before its fields are read (`record(null)` is a caller's mistake, not a TypeError). */
export function checkRequest(request: unknown, what: string): void {
  if (request === null || typeof request !== "object") throw invalid(`${what} には要求のオブジェクトを与えること（与えられたのは ${request === null ? "null" : typeof request}）`);
}

export function checkTarget(target: unknown): asserts target is number {
  if (typeof target !== "number" || !Number.isInteger(target) || target < 1) throw invalid(`target ${JSON.stringify(target)} は記録された出来事の番号（1、2、…）でなければならない`);
}

export const LEGAL_KINDS: ReadonlySet<string> = new Set(["conclude", "amend", "abolish", "baseline", "notice", "withdrawNotice", "renew", "declineRenewal"]);

export function checkLegalInput(event: LegalEventInput): void {
  if (event === null || typeof event !== "object") throw invalid("event は法的な出来事（payload、dates、draft、parties）でなければならない");
  if (event.payload === null || typeof event.payload !== "object" || !LEGAL_KINDS.has(event.payload.kind)) {
    throw invalid(`event.payload.kind は conclude、amend、abolish、baseline、notice、withdrawNotice、renew、declineRenewal のいずれかでなければならない`);
  }
  if (event.payload.kind === "notice" && (typeof event.payload.party !== "string" || event.payload.party.trim() === "")) throw invalid("通告（notice）には通告する団体（party）が要る");
  if (event.payload.kind === "withdrawNotice") checkTarget(event.payload.target);
  if (event.payload.kind === "renew") checkDate(event.payload.until, "until");
  if (event.payload.kind === "declineRenewal" && (typeof event.payload.party !== "string" || event.payload.party.trim() === "")) throw invalid("更新拒絶（declineRenewal）には意思表示をした団体（party）が要る");
  if (event.dates === null || typeof event.dates !== "object") throw invalid("event.dates がない");
  if (typeof event.draft !== "boolean") throw invalid("event.draft は true か false でなければならない");
  if (!Array.isArray(event.parties)) throw invalid("event.parties は団体名の一覧でなければならない");
  checkEventDates(event.dates, "event.dates");
  if (event.payload.kind === "amend") {
    if (!Array.isArray(event.payload.operations)) throw invalid("変更（amend）には改正操作の一覧（operations）が要る");
    event.payload.operations.forEach((op, i) => {
      if (op.appliesFrom !== undefined) checkDate(op.appliesFrom, `operations[${i}].appliesFrom`);
    });
  }
  const s = event.source;
  if (s !== undefined) {
    if (typeof s.text !== "string" || typeof s.name !== "string") throw invalid("event.source には name と text が要る");
    if (s.sha256 !== sha256(s.text)) throw invalid(`event.source.sha256 が ${s.name} の本文と一致しない: その UTF-8 のバイト列の SHA-256 を与えること`, { source: s.name });
  }
}

/** Every ISO date of an EventDates must be a real calendar day (2019-02-29 is not). */
export function checkEventDates(dates: EventDates, where: string): void {
  for (const key of ["concludedOn", "appliesFrom", "effectiveFrom", "announcedOn"] as const) {
    if (dates[key] !== undefined) checkDate(dates[key], `${where}.${key}`);
  }
  if (dates.resolutions === null || typeof dates.resolutions !== "object") throw invalid(`${where}.resolutions は各団体をその議決日に対応させるものでなければならない（分からなければ {}）`);
  for (const [party, day] of Object.entries(dates.resolutions)) checkDate(day, `${where}.resolutions[${party}]`);
}

/** Validate who/when/expectedVersion; returns the recorded-at instant (the clock's when absent). */
export function checkMeta(meta: RecordMeta, clock: () => Instant): Instant {
  if (typeof meta.recordedBy !== "string" || meta.recordedBy.trim() === "") throw invalid("recordedBy（記録者）が要る");
  if (meta.expectedVersion !== undefined && (!Number.isInteger(meta.expectedVersion) || meta.expectedVersion < 0)) {
    throw invalid(`expectedVersion ${JSON.stringify(meta.expectedVersion)} は最後に読んだ出来事の番号でなければならない（新しい協約なら 0）`);
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
    throw invalid(`recordedAt ${recordedAt} は ${agreementId} の出来事 #${last.seq} の記録日時 ${last.recordedAt} より前である: 記録は時刻の順にしか進まない`, { agreementId });
  }
}

export function firstError(issues: readonly Issue[]): Issue | undefined {
  return issues.find((i) => i.severity === "error");
}
