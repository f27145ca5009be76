/**
 * The domain rules an event must satisfy before it is written (地方自治法 第252条の2 and the
 * shape of a history). `checkEvent` is pure: given the events already recorded and a
 * candidate, it returns located Issues; the engine refuses the candidate when any is an
 * error, and returns the warnings with the written event.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import { EVENT_KIND_LABEL, type EventDates, type EventKind, type LegalEventInput, type RecordPayload, type StoredEvent } from "../events/types.js";
import { issue, type Issue } from "../model/issue.js";
import { appliesFromOf, changeDatesOf, effectiveEvents, missingResolutionsOf, type EffectiveEvent } from "./effective.js";
import { normalizeText } from "../model/normalize.js";
import { baseMismatch, secondConclusion } from "./identity.js";
import { addressLabel, dateLabel, eventLabel, isCompleteIsoDay } from "./labels.js";
import type { StepMemo } from "./steps.js";
import { buildFromEffective, type BuildProblem } from "./timeline.js";

/** A candidate event: what the engine is asked to record. */
export interface CandidateEvent {
  readonly kind: EventKind;
  readonly legal?: LegalEventInput;
  readonly record?: RecordPayload;
}

const LEGAL = new Set<EventKind>(["conclude", "amend", "abolish", "baseline", "notice", "withdrawNotice", "renew", "declineRenewal"]);

/** `#2（変更）`: how messages name a recorded event (see {@link eventLabel}). */
const eventName = (e: Pick<EffectiveEvent, "seq" | "kind">): string => eventLabel(e);
/** A day as every output writes it, wareki first (see {@link dateLabel}). */
const day = (d: IsoDate): string => dateLabel(d);

function dateIssues(d: EventDates, code: string, what: string): Issue[] {
  const out: Issue[] = [];
  const fields: [keyof EventDates, string][] = [["concludedOn", "締結日"], ["appliesFrom", "適用日"], ["effectiveFrom", "施行日"], ["announcedOn", "告示日"]];
  for (const [k, label] of fields) {
    const v = d[k];
    if (v !== undefined && !isCompleteIsoDay(v)) out.push(issue("error", code, `${what}の${label}「${String(v)}」は存在する日付（YYYY-MM-DD）でない`, { date: String(v) }));
  }
  for (const [party, v] of Object.entries(d.resolutions ?? {})) {
    if (!isCompleteIsoDay(v)) out.push(issue("error", code, `${what}の${normalizeText(party)}の議決日「${v}」は存在する日付（YYYY-MM-DD）でない`, { date: v, party }));
  }
  return out;
}

/**
 * Check a candidate event against the recorded events of its agreement. Errors (the engine
 * must refuse the event):
 *
 * - `rule.invalid-event`: the kind and payload do not match;
 * - `rule.invalid-date`: a date that is not an existing ISO day;
 * - `rule.unknown-target`: a ratify/resolve/correct naming no recorded legal event;
 * - `rule.ratify-not-draft`: ratifying an event that is not a pending draft;
 * - `rule.ratify-incomplete-date`: a ratification without a complete 締結日 (or with an incomplete 適用日);
 * - `rule.missing-conclusion-date`: a ratified legal event without 締結日 (a 現行取込 needs only its 適用日);
 * - `rule.resolution-after-conclusion`: a party's 議決日 after the 締結日 (第252条の2 第3項・第4項), also when added by resolve or correct;
 * - `rule.after-abolition`: an event taking effect on or after the 廃止's 適用日;
 * - `rule.abolition-before-start`: a 廃止 on or before the first 適用日;
 * - `rule.before-conclusion`: a 変更 applying (in any of its operations) before the 締結's 適用日;
 * - `rule.target-missing`, `rule.text-missing`, `rule.target-exists`, `rule.invalid-operation`: an amendment
 *   that cannot apply to the version it amends (or a change that breaks a later amendment);
 * - `rule.empty-correction`: a 訂正 that changes nothing;
 * - `rule.second-conclusion`: a 締結 into an agreement that already has a live 締結 (a restatement is an
 *   amendment with a `restate` operation), saying what the text looks like;
 * - `rule.amend-base-mismatch`, `rule.abolish-base-mismatch`: a 変更 or 廃止 whose 前文 names another
 *   agreement's title or 締結日 (a warning for a draft).
 *
 * Warnings and notes: `rule.retroactive` (遡及適用: 適用日 before 締結日, accepted),
 * `rule.missing-resolution` (a party's 議決日 not recorded; never invented), `history.unknown-part`.
 * Drafts get the abolition findings as warnings: a 案 never takes effect by itself.
 *
 * @example
 * const issues = checkEvent(events, { kind: "amend", legal: input });
 * if (hasErrors(issues)) throw new KyoyakuError("rule.violation", issues[0]!.message, issues);
 */
export function checkEvent(existing: readonly StoredEvent[], candidate: CandidateEvent): Issue[] {
  return checkEventWith(existing, candidate, undefined);
}

/**
 * {@link checkEvent} building its timelines through a {@link StepMemo} (the engine's write
 * path: the projector that follows reuses the same steps). Internal.
 *
 * @example
 * checkEventWith(events, { kind: "amend", legal: input }, memo); // the same Issues as checkEvent
 */
export function checkEventWith(existing: readonly StoredEvent[], candidate: CandidateEvent, memo: StepMemo | undefined): Issue[] {
  const issues: Issue[] = [];
  const isLegal = LEGAL.has(candidate.kind);
  if (isLegal ? !candidate.legal || candidate.legal.payload.kind !== candidate.kind : !candidate.record || candidate.record.kind !== candidate.kind) {
    return [issue("error", "rule.invalid-event", `記録の種類（${EVENT_KIND_LABEL[candidate.kind] ?? candidate.kind}）と内容が一致しない`)];
  }
  const seq = existing.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
  const last = existing.reduce((m, e) => (e.recordedAt > m ? e.recordedAt : m), "");
  const stored: StoredEvent = {
    agreementId: existing[0]?.agreementId ?? "", seq, kind: candidate.kind,
    ...(candidate.legal ? { legal: candidate.legal } : {}), ...(candidate.record ? { record: candidate.record } : {}),
    recordedAt: last, recordedBy: "", prevHash: "", hash: "",
  };
  const before = effectiveEvents(existing);
  // A legal candidate comes last and folds nothing into the events before it: fold it alone.
  const after = candidate.legal ? [...before, ...effectiveEvents([stored])] : effectiveEvents([...existing, stored]);
  let affected: number;

  if (candidate.legal) {
    const l = candidate.legal;
    issues.push(...dateIssues(l.dates, "rule.invalid-date", `この${EVENT_KIND_LABEL[candidate.kind]}`));
    if (l.payload.kind === "amend") {
      for (const op of l.payload.operations) {
        if (op.appliesFrom !== undefined && !isCompleteIsoDay(op.appliesFrom)) {
          issues.push(issue("error", "rule.invalid-date", `改正規定の適用日「${op.appliesFrom}」は存在する日付でない`, { date: op.appliesFrom }));
        }
      }
    }
    issues.push(...secondConclusion(before, l));
    // A draft 変更 or 廃止 of another agreement may be a what-if on purpose: warned, not refused.
    issues.push(...baseMismatch(before, l).map((x) => (l.draft ? issue("warning", x.code, x.message, x.location) : x)));
    issues.push(...noticeRules(l, before));
    affected = seq;
  } else {
    const r = candidate.record!;
    const target = before.find((e) => e.seq === r.target);
    if (!target) {
      return [issue("error", "rule.unknown-target", `#${r.target} に当たる締結・変更・廃止・現行取込の記録がない（${EVENT_KIND_LABEL[r.kind]}の対象がない）`)];
    }
    if (r.kind === "ratify") {
      if (target.status !== "draft") {
        return [issue("error", "rule.ratify-not-draft", `${eventName(target)}は${target.status === "retracted" ? "撤回されている" : "案ではなく既に確定している"}ため、確定できない`)];
      }
      if (!isCompleteIsoDay(r.dates.concludedOn)) {
        const text = r.dates.concludedOn ?? r.dates.written?.concludedOn?.text ?? "なし";
        issues.push(issue("error", "rule.ratify-incomplete-date", `案の確定には完全な締結日が必要（${text}）`, { date: text }));
      }
      if (r.dates.appliesFrom !== undefined && !isCompleteIsoDay(r.dates.appliesFrom)) {
        issues.push(issue("error", "rule.ratify-incomplete-date", `案の確定の適用日「${r.dates.appliesFrom}」が完全な日付でない`, { date: r.dates.appliesFrom }));
      }
      issues.push(...dateIssues({ ...r.dates, concludedOn: undefined, appliesFrom: undefined }, "rule.invalid-date", "案の確定"));
    } else if (r.kind === "resolve") {
      issues.push(...dateIssues({ resolutions: r.resolutions }, "rule.invalid-date", "議決日の追加"));
    } else {
      if (!r.dates && !r.payload && !r.retract) issues.push(issue("error", "rule.empty-correction", `${eventName(target)}の訂正に、訂正後の日付・内容・撤回のいずれもない`));
      if (r.payload && r.payload.kind !== target.kind) {
        issues.push(issue("error", "rule.invalid-event", `${eventName(target)}は${EVENT_KIND_LABEL[target.kind]}であり、${EVENT_KIND_LABEL[r.payload.kind]}の内容に訂正できない`));
      }
      if (r.dates) issues.push(...dateIssues(r.dates, "rule.invalid-date", `${eventName(target)}の訂正`));
    }
    affected = r.target;
  }
  if (issues.some((x) => x.severity === "error")) return issues;

  const a = after.find((e) => e.seq === affected);
  if (a && a.status !== "retracted") issues.push(...eventRules(a, after));
  issues.push(...buildDiff(before, after, a, memo));
  if (!issues.some((x) => x.severity === "error") && (candidate.kind === "notice" || candidate.kind === "withdrawNotice")) issues.push(...noticeNotes(after, seq, memo));
  return issues;
}

/** What a 通告 (or its 撤回) now does, as a note: the 失効日 and the clause it was read from. */
function noticeNotes(after: readonly EffectiveEvent[], seq: number, memo: StepMemo | undefined): Issue[] {
  const me = after.find((e) => e.seq === seq);
  if (me === undefined || me.status !== "ratified") return [];
  const t = buildFromEffective(after.filter((e) => e.status === "ratified"), false, memo).timeline;
  const target = me.payload.kind === "withdrawNotice" ? me.payload.target : seq;
  const n = t.notices?.find((x) => x.seq === target);
  if (n === undefined) return [];
  const clause = addressLabel(n.clause);
  const text = n.outcome === "ended"
    ? `${eventName(me)}により、協約は${day(n.expiresOn)}に効力を失う（${clause}の定めによる失効日）`
    : n.outcome === "withdrawn"
      ? `#${n.seq}（通告）は撤回されたため、失効日 ${day(n.expiresOn)} に効力を失わない`
      : `#${n.seq}（通告）の失効日 ${day(n.expiresOn)}（${clause}による）より前に協約は終了する`;
  return [issue("info", "rule.notice-expiry", text, { date: n.expiresOn, address: n.clause })];
}

/**
 * A 変更 applying before the 締結 it amends applies changes a text that did not exist yet: the
 * 締結 would replace it on its own 適用日 and the change would be lost without a word. Refused
 * (`rule.before-conclusion`, a warning for a draft), from either side: the 変更 recorded after
 * the 締結, or a 締結 (or its 訂正) that moves the start after a recorded 変更. A 現行取込
 * (baseline) history has no 締結 and may take earlier changes (its earlier text is unknown).
 */
function beforeConclusion(a: EffectiveEvent, all: readonly EffectiveEvent[]): Issue[] {
  const live = all.filter((e) => e.status === "ratified" || e.seq === a.seq);
  const conclusion = live.find((e) => e.kind === "conclude");
  const start = conclusion !== undefined ? appliesFromOf(conclusion) : undefined;
  if (conclusion === undefined || start === undefined) return [];
  const amends = a.kind === "amend" ? [a] : a.kind === "conclude" ? live.filter((e) => e.kind === "amend") : [];
  const out: Issue[] = [];
  for (const e of amends) {
    const first = changeDatesOf(e)[0];
    if (first === undefined || first >= start) continue;
    out.push(issue(e.status === "draft" || a.status === "draft" ? "warning" : "error", "rule.before-conclusion",
      `${eventName(e)}は${day(first)}から適用されるが、協約は${eventName(conclusion)}により${day(start)}から適用される：締結より前の本文は存在しないため、この変更は反映できない（適用日・締結日を確かめる）`,
      { date: first }));
  }
  return out;
}

/** The rules about one event's own dates and its place relative to the 廃止. */
function eventRules(a: EffectiveEvent, all: readonly EffectiveEvent[]): Issue[] {
  const out: Issue[] = [];
  const concluded = a.dates.concludedOn;
  const draft = a.status === "draft";
  if (!draft && concluded === undefined && !(a.kind === "baseline" && appliesFromOf(a) !== undefined)) {
    out.push(issue("error", "rule.missing-conclusion-date", `${eventName(a)}は確定した記録だが締結日がない（案なら案として記録する）`));
  }
  if (concluded !== undefined) {
    for (const [party, d] of Object.entries(a.dates.resolutions ?? {})) {
      if (d > concluded && a.kind === "notice") {
        out.push(issue("error", "rule.resolution-after-conclusion",
          `${normalizeText(party)}の議決日 ${day(d)} が${eventName(a)}の通告日 ${day(concluded)} より後：通告は議会の議決を経てからする`,
          { party: normalizeText(party), date: d }));
      } else if (d > concluded) {
        out.push(issue("error", "rule.resolution-after-conclusion",
          `${normalizeText(party)}の議決日 ${day(d)} が${eventName(a)}の締結日 ${day(concluded)} より後：議会の議決は締結の前に経なければならない（地方自治法第252条の2第3項・第4項）`,
          { party: normalizeText(party), date: d }));
      }
    }
    const first = changeDatesOf(a)[0];
    if (first !== undefined && first < concluded) {
      out.push(issue("warning", "rule.retroactive", `${eventName(a)}は締結日 ${day(concluded)} より前の ${day(first)} から適用される（遡及適用）`, { date: first }));
    }
  }
  out.push(...beforeConclusion(a, all));
  for (const party of missingResolutionsOf(a)) {
    out.push(issue(draft ? "info" : "warning", "rule.missing-resolution", `${eventName(a)}の${normalizeText(party)}の議決日が記録されていない`, { party: normalizeText(party) }));
  }

  // 廃止: the earliest ratified one ends the agreement.
  const live = all.filter((e) => e.status === "ratified" || e.seq === a.seq);
  // Nothing below applies without a 廃止 (the common case: skip dating every event).
  if (a.kind !== "abolish" && !live.some((e) => e.kind === "abolish")) return out;
  const severity = draft ? "warning" : "error";
  const dated = live.map((e) => ({ e, date: appliesFromOf(e), last: changeDatesOf(e).at(-1) })).filter((x): x is { e: EffectiveEvent; date: IsoDate; last: IsoDate } => x.date !== undefined && x.last !== undefined);
  const abolitions = dated.filter((x) => x.e.kind === "abolish").sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.e.seq - y.e.seq));
  const others = dated.filter((x) => x.e.kind !== "abolish");
  const firstStart = others.filter((x) => TEXT_KINDS.has(x.e.kind)).map((x) => x.date).sort()[0];
  if (a.kind === "abolish") {
    const mine = dated.find((x) => x.e.seq === a.seq);
    if (mine) {
      if (firstStart !== undefined && mine.date <= firstStart) {
        out.push(issue(severity, "rule.abolition-before-start", `${eventName(a)}の適用日 ${day(mine.date)} が、協約の最初の適用日 ${day(firstStart)} 以前である`, { date: mine.date }));
      }
      if (firstStart === undefined) {
        out.push(issue("warning", "rule.abolition-before-start", `${eventName(a)}より前に適用された締結・変更・現行取込がない：廃止する協約の内容が記録にない`, { date: mine.date }));
      }
      // A 廃止 of an agreement already abolished earlier ends nothing.
      const earlier = abolitions.find((y) => y.e.seq !== a.seq && y.date < mine.date);
      if (earlier !== undefined) {
        out.push(issue(severity, "rule.after-abolition", `${eventName(a)}は${day(mine.date)}から適用されるが、協約は${eventName(earlier.e)}により${day(earlier.date)}に既に廃止されている`, { date: mine.date }));
      }
      for (const x of [...others, ...abolitions.filter((y) => y.e.seq !== a.seq)]) {
        if (x.last >= mine.date) {
          out.push(issue(severity, "rule.after-abolition", `${eventName(x.e)}は${day(x.last)}から適用されるが、${eventName(a)}により協約は${day(mine.date)}に廃止される`, { date: x.last }));
        }
      }
    }
  } else {
    const mine = dated.find((x) => x.e.seq === a.seq);
    const ab = abolitions[0];
    if (mine && ab && mine.last >= ab.date) {
      out.push(issue(severity, "rule.after-abolition", `${eventName(a)}は${day(mine.last)}から適用されるが、協約は${eventName(ab.e)}により${day(ab.date)}に廃止されている`, { date: mine.last }));
    }
  }
  return out;
}

const TEXT_KINDS = new Set<EventKind>(["conclude", "amend", "baseline"]);

/**
 * The shape of a 通告, 通告の撤回 or 更新: the 通告 names one of the agreement's parties and
 * gives no 適用日 (its 失効日 comes from the agreement's clause); a 撤回 names a recorded 通告.
 */
function noticeRules(l: LegalEventInput, before: readonly EffectiveEvent[]): Issue[] {
  const p = l.payload;
  const out: Issue[] = [];
  if (p.kind === "notice") {
    if (l.dates.appliesFrom !== undefined) {
      out.push(issue("error", "rule.invalid-event", `通告の失効日は協約の定めから計算するため、適用日（${l.dates.appliesFrom}）は記録しない`, { date: l.dates.appliesFrom }));
    }
    const parties = before.filter((e) => e.status !== "retracted" && TEXT_KINDS.has(e.kind)).flatMap((e) => e.parties.map(normalizeText));
    if (parties.length > 0 && !parties.includes(normalizeText(p.party))) {
      out.push(issue("error", "rule.notice-party-unknown", `通告した${normalizeText(p.party)}は、この協約の当事者（${[...new Set(parties)].join("、")}）でない`, { party: normalizeText(p.party) }));
    }
  } else if (p.kind === "withdrawNotice") {
    const t = before.find((e) => e.seq === p.target);
    if (t === undefined || t.kind !== "notice") out.push(issue("error", "rule.unknown-target", `#${p.target} は通告の記録でないため、撤回できない`));
  } else if (p.kind === "renew") {
    if (!isCompleteIsoDay(p.until)) out.push(issue("error", "rule.invalid-date", `更新後の期間の末日「${String(p.until)}」は存在する日付でない`, { date: String(p.until) }));
  }
  return out;
}

const key = (p: BuildProblem): string => `${p.seq}\u0000${p.issue.code}\u0000${p.issue.message}`;

/**
 * Build the timeline before and after the candidate and report the problems that the
 * candidate brings: its own amendment not applying, or a change that breaks a later one.
 * A draft is tried as if ratified (alone among drafts), so its targets are checked too.
 */
function buildDiff(before: readonly EffectiveEvent[], after: readonly EffectiveEvent[], a: EffectiveEvent | undefined, memo: StepMemo | undefined): Issue[] {
  const asRatified = (list: readonly EffectiveEvent[]): EffectiveEvent[] =>
    list.filter((e) => e.status !== "draft" || e.seq === a?.seq).map((e) => (e.status === "draft" ? { ...e, status: "ratified" as const } : e));
  const old = new Set(buildFromEffective(asRatified(before), false, memo).problems.map(key));
  const now = buildFromEffective(asRatified(after), false, memo).problems;
  const draft = a?.status === "draft";
  return now
    .filter((p) => !old.has(key(p)))
    // The abolition and conclusion-date rules are reported by eventRules with the right severity.
    .filter((p) => p.issue.code !== "rule.after-abolition" && p.issue.code !== "rule.missing-conclusion-date")
    .filter((p) => p.issue.severity === "error" || p.seq === a?.seq)
    .map((p) => (draft && p.seq !== a?.seq && p.issue.severity === "error" ? issue("warning", p.issue.code, p.issue.message, p.issue.location) : p.issue));
}
