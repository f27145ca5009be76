/**
 * The writes the API offers — import a text, ratify a draft, add 議決日 — done as the CLI
 * does them (`kyoyaku import`, `ratify`, `resolve`): the text is read with @kyoyaku/text, the
 * options fill in what the text does not state, and the engine records one event in one
 * transaction or refuses with a located error and writes nothing.
 *
 * @module
 */
import {
  EVENT_KIND_LABEL, KyoyakuError, isKyoyakuError, issue, noTargetMessage, normalizeText, partiesLabel, ratificationDates, ratifyRetryOf, recordUnlessRetry, resolveRetryOf, sha256,
  type AgreementDocument, type EventDates, type HistoryEntry, type Issue, type IsoDate, type Kyoyaku, type LegalEventInput, type RecordResult, type Result, type SourceOriginal,
} from "@kyoyaku/core";
import { parseText, restatement, type ParsedText } from "@kyoyaku/text";
import { ProblemError, problem, type ProblemIssue } from "./problem.js";
import { dateValue } from "./schemas.js";

/** What an import asks for besides the text. */
export interface ImportRequest {
  readonly agreementId: string;
  readonly text: string;
  /** The source's name (kept with the event). */
  readonly name: string;
  /** The file the text was read from, when it was not a UTF-8 text (see @kyoyaku/formats). */
  readonly original?: SourceOriginal;
  /** `PARTY=DATE` values (議決日). */
  readonly resolutions: readonly string[];
  readonly appliesFrom?: IsoDate;
  readonly signedOn?: IsoDate;
  readonly draft: boolean;
  /** Record a whole agreement text as a restatement (全部変更) of the agreement, as `kyoyaku import --restate`. */
  readonly restate?: boolean;
  /** Record as the text in force on this day (現行取込). */
  readonly inForceOn?: IsoDate;
  readonly recordedBy: string;
  readonly expectedVersion?: number;
}

/** What an import did (the fields of `kyoyaku import --json`'s outcome that a client needs). */
export interface ImportAnswer {
  readonly agreementId: string;
  readonly status: "recorded" | "duplicate";
  /** For a duplicate: `source` (the same text) or `content` (other bytes that parse to the same legal event, #seq). */
  readonly duplicateBy?: "source" | "content";
  readonly seq: number;
  readonly kind: string;
  readonly draft: boolean;
  /** The event's status as known now (a duplicate's draft may since be ratified). */
  readonly eventStatus: "ratified" | "draft" | "retracted";
  readonly title: string;
  readonly parties: readonly string[];
  readonly dates: EventDates;
  readonly sha256?: string;
  readonly issues: readonly Issue[];
}

const invalid = (detail: string, issues: readonly ProblemIssue[] = []): ProblemError => new ProblemError(problem("input.invalid", detail, issues));

/**
 * Read `PARTY=DATE` (also `岡山市＝平成28年9月30日`) and key each date by the party's name as
 * written in `parties` (matched ignoring spaces and width).
 *
 * @example
 * resolutionsFor(["岡山市=2016-09-30"], ["岡 山 市", "和気町"], "import"); // { "岡 山 市": "2016-09-30" }
 */
export function resolutionsFor(values: readonly string[] | Readonly<Record<string, string>>, parties: readonly string[], where: string): Record<string, IsoDate> {
  const pairs: [string, string, string][] = Array.isArray(values)
    ? (values as readonly string[]).map((raw) => {
        const m = /^(.+?)[=＝](.+)$/u.exec(raw.trim());
        if (!m || m[1]!.trim() === "") throw invalid(`resolution ${raw}: 団体=日付 の形で書くこと（例: 岡山市=2016-09-30）`, [field("error", "input.resolution", `団体=日付 の形でない: ${raw}`, "resolution")]);
        return [m[1]!.trim(), m[2]!.trim(), "resolution"];
      })
    : Object.entries(values).map(([p, d]) => [p, d, `resolutions.${p}`]);
  const out: Record<string, IsoDate> = {};
  for (const [party, text, at] of pairs) {
    const d = dateValue(text);
    if (!d.ok) throw invalid(`${at} ${text}: ${d.message}`, [field("error", d.code, d.message, at, { date: text, party })]);
    const match = parties.find((p) => normalizeText(p) === normalizeText(party));
    if (match === undefined) {
      const msg = `${party}は${where}の当事者ではない（当事者: ${parties.length > 0 ? partiesLabel(parties) : "記載なし"}）`;
      throw invalid(msg, [field("error", "input.unknown-party", msg, at, { party })]);
    }
    const before = out[match];
    if (before !== undefined && before !== d.iso) {
      const msg = `${party}に異なる二つの日付（${before}、${d.iso}）がある。各団体は1回だけ与えること`;
      throw invalid(msg, [field("error", "input.resolution-twice", msg, at, { party })]);
    }
    out[match] = d.iso;
  }
  return out;
}

function field(severity: Issue["severity"], code: string, message: string, name: string, extra: Record<string, string> = {}): ProblemIssue {
  return { severity, code, message, location: { field: name, in: name.startsWith("resolutions") ? "body" : "query", ...extra } };
}

/**
 * Parse and record one text, as `kyoyaku import FILE --agreement ID` does.
 *
 * @example
 * importText(k, { agreementId: "okayama-wake", text, name: "協約書.txt", resolutions: [], draft: false, recordedBy: "法規担当" }).status;
 * // "recorded"
 */
export function importText(k: Kyoyaku, r: ImportRequest, parsedBefore?: Result<ParsedText>): ImportAnswer {
  // The parse may have been done in a worker (the heavy half); it is the same call. appliesFrom also
  // supplies a 附則's unstated day (「別に定める日から適用する」), which is refused without it.
  const options = { file: r.name, allowDraft: r.draft, ...(r.appliesFrom !== undefined && { appliesFrom: r.appliesFrom }) };
  // A 新旧対照表方式 amendment is read against the text in force the day before its 適用日; a worker
  // has no store to ask, so a table it could not check is read again here.
  const baseAt = (day: IsoDate): AgreementDocument | undefined => {
    try {
      return k.asOf(r.agreementId, day).document;
    } catch (e) {
      if (isKyoyakuError(e)) return undefined;
      throw e;
    }
  };
  let parsed = parsedBefore ?? parseText(r.text, { ...options, baseAt });
  if (!parsed.ok && parsed.issues.some((i) => i.code === "amend.taishohyo-base-missing")) parsed = parseText(r.text, { ...options, baseAt });
  if (!parsed.ok) throw invalid(`${r.name}: 協約の本文として読めない — 何も記録していない`, parsed.issues);
  const p = parsed.value;
  let event: LegalEventInput = p.event;
  if (r.inForceOn !== undefined) {
    if (p.document === undefined) {
      throw invalid(`inForceOn（現行取込）には協約の全文（連携協約書）が要るが、${r.name} は${EVENT_KIND_LABEL[p.kind]}の文書である`, [field("error", "input.baseline-needs-agreement", "協約の全文でない", "inForceOn")]);
    }
    event = { ...event, payload: { kind: "baseline", document: p.document }, dates: { ...event.dates, appliesFrom: r.inForceOn } };
  }
  if (r.restate === true) {
    const restated = p.document !== undefined && r.inForceOn === undefined ? restatement(p) : undefined;
    if (restated === undefined) {
      const msg = r.inForceOn !== undefined ? "restate と inForceOn は同時に使えない" : `restate には協約の全文（連携協約書）が要るが、${r.name} は${EVENT_KIND_LABEL[p.kind]}の文書である`;
      throw invalid(msg, [field("error", "input.restate-needs-agreement", msg, "restate")]);
    }
    event = restated;
  }
  if (r.signedOn !== undefined && event.draft) {
    const msg = `${r.name} は案である。そのまま記録してから、締結日を付けて確定すること（POST …/events/SEQ/ratify）`;
    throw invalid(msg, [field("error", "input.signed-draft", msg, "signedOn")]);
  }
  // The record says which dates came from the person, not the text (as `kyoyaku import` does).
  const supplied = new Set(event.dates.supplied ?? []);
  if (r.signedOn !== undefined) supplied.add("concludedOn");
  if (r.appliesFrom !== undefined && r.inForceOn === undefined) supplied.add("appliesFrom");
  const dates: EventDates = {
    ...event.dates,
    ...(r.signedOn !== undefined && { concludedOn: r.signedOn }),
    ...(r.appliesFrom !== undefined && { appliesFrom: r.appliesFrom }),
    resolutions: { ...event.dates.resolutions, ...resolutionsFor(r.resolutions, event.parties, r.name) },
    ...(supplied.size > 0 && { supplied: [...supplied] }),
  };
  const source = { ...(event.source ?? { name: r.name, text: r.text, sha256: sha256(r.text) }), ...(r.original !== undefined && { original: r.original }) };
  event = { ...event, dates, source, draft: event.draft || r.draft };
  const result = k.record({
    agreementId: r.agreementId,
    event,
    recordedBy: r.recordedBy,
    ...(r.expectedVersion !== undefined && { expectedVersion: r.expectedVersion }),
  });
  const legal = result.event.legal;
  const status = result.status ?? k.history(result.event.agreementId).find((h) => h.seq === result.event.seq)?.status ?? (event.draft ? "draft" : "ratified");
  return {
    agreementId: result.event.agreementId,
    status: result.duplicate ? "duplicate" : "recorded",
    ...(result.duplicate && { duplicateBy: result.duplicateBy ?? "source" }),
    seq: result.event.seq,
    kind: result.event.kind,
    draft: legal?.draft ?? event.draft,
    eventStatus: status,
    title: p.title,
    parties: legal?.parties ?? event.parties,
    dates: legal?.dates ?? event.dates,
    sha256: source.sha256,
    issues: [...parsed.issues, ...result.issues],
  };
}

/** What a ratify or resolve did: the record event, and its target as it now reads. */
export interface RecordAnswer {
  readonly agreementId: string;
  readonly duplicate: boolean;
  readonly event: RecordResult["event"];
  readonly target: HistoryEntry;
  readonly issues: readonly Issue[];
}

/** The target event's history entry, or not-found.event. */
function target(k: Kyoyaku, id: string, seq: number): HistoryEntry {
  const entries = k.history(id);
  const entry = entries.find((e) => e.seq === seq);
  if (entry === undefined) {
    throw new KyoyakuError("not-found.event", noTargetMessage(id, k.events(id), seq), [issue("error", "not-found.event", `出来事 #${seq} はない`)], { agreementId: id, seq });
  }
  return entry;
}

function answer(k: Kyoyaku, r: RecordResult, before: HistoryEntry): RecordAnswer {
  const after = k.history(r.agreementId).find((e) => e.seq === before.seq) ?? before;
  return { agreementId: r.agreementId, duplicate: r.duplicate, event: r.event, target: after, issues: r.issues };
}

/**
 * Ratify a draft as `kyoyaku ratify` does: its dates as now known, the 締結日, the 適用日 if
 * given, and 議決日 added.
 *
 * @example
 * ratifyDraft(k, "okayama-bizen", 1, { signedOn: "2025-03-28", resolutions: { 岡山市: "2025-03-18" } }, "法規担当").target.status; // "ratified"
 */
export function ratifyDraft(
  k: Kyoyaku,
  id: string,
  seq: number,
  body: { readonly signedOn: IsoDate; readonly appliesFrom?: IsoDate; readonly resolutions?: Readonly<Record<string, string>>; readonly expectedVersion?: number },
  recordedBy: string,
): RecordAnswer {
  const t = target(k, id, seq);
  const dates = ratificationDates(t.dates, body.signedOn, body.appliesFrom, resolutionsFor(body.resolutions ?? {}, t.parties, `${id} #${seq}`));
  // A retry (a lost answer, a double click): the same dates ratified before are a duplicate, as documented.
  const r = recordUnlessRetry(() => ratifyRetryOf(k.events(id), target(k, id, seq), dates), () => k.ratify({ agreementId: id, target: seq, dates, recordedBy, ...(body.expectedVersion !== undefined && { expectedVersion: body.expectedVersion }) }));
  return answer(k, r, t);
}

/**
 * Add 議決日 to a recorded event as `kyoyaku resolve` does.
 *
 * @example
 * resolveDates(k, "okayama-wake", 1, { resolutions: { 岡山市: "2016-09-30" } }, "法規担当").target.missingResolutions; // ["和気町"]
 */
export function resolveDates(
  k: Kyoyaku,
  id: string,
  seq: number,
  body: { readonly resolutions: Readonly<Record<string, string>>; readonly expectedVersion?: number },
  recordedBy: string,
): RecordAnswer {
  const t = target(k, id, seq);
  if (Object.keys(body.resolutions).length === 0) throw invalid("resolutions: 団体: 日付 を1つ以上指定すること", [field("error", "input.resolution", "1つ以上", "resolutions")]);
  const resolutions = resolutionsFor(body.resolutions, t.parties, `${id} #${seq}`);
  // A retry: every 議決日 given is already recorded with that date.
  const r = recordUnlessRetry(() => resolveRetryOf(k.events(id), target(k, id, seq), resolutions), () => k.resolve({ agreementId: id, target: seq, resolutions, recordedBy, ...(body.expectedVersion !== undefined && { expectedVersion: body.expectedVersion }) }));
  return answer(k, r, t);
}
