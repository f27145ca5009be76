/**
 * The valid-time timeline: every ratified (and, when asked, pending draft) effective event
 * applied in order of 適用日, then 締結日, then sequence — so the answer never depends on
 * the order events were recorded in, except through `seq` as the last tie-breaker.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { EventRef, Operation, StoredEvent } from "../events/types.js";
import { contentHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { fail, issue, ok, type Issue, type Result } from "../model/issue.js";
import { freezeDeep } from "./freeze.js";
import { applyStep, type StepMemo } from "./steps.js";
import { appliesFromOf, effectiveEvents, eventRef, missingResolutionsOf, type EffectiveEvent } from "./effective.js";
import { dateLabel, eventLabel, sourceLineLabel } from "./labels.js";
import type { AsOfAnswer, AsOfFlags, AsOfOptions, NoticeState, TermState, Timeline, Version } from "./types.js";
import { noticeExpiry, termLabel, termOf, type Term } from "./clauses.js";
import { daysInMonth, isoOf, splitIso } from "../date/calendar.js";
import { outOfForceFrom } from "../date/period.js";
import { addressLabel } from "./labels.js";

/** One change point of one event: the operations that take effect on one day. */
interface Step {
  readonly event: EffectiveEvent;
  readonly ref: EventRef;
  readonly date: IsoDate;
  /** For amend: the operations of this step; otherwise undefined. */
  readonly ops?: readonly Operation[];
  readonly index: number;
}

/** A problem with one event met while building, kept with its seq for checkEvent. */
export interface BuildProblem {
  readonly seq: number;
  readonly issue: Issue;
}

/** What the internal build returns: the timeline (even when some ratified event failed) and the problems. */
export interface Build {
  readonly timeline: Timeline;
  /** Errors of ratified events (the timeline skips them) and warnings. */
  readonly problems: readonly BuildProblem[];
}

const LAST = "\uffff";

function stepsOf(e: EffectiveEvent, ref: EventRef): Step[] | undefined {
  const base = appliesFromOf(e);
  if (e.payload.kind !== "amend") return base === undefined ? undefined : [{ event: e, ref, date: base, index: 0 }];
  const groups = new Map<IsoDate, Operation[]>();
  for (const op of e.payload.operations) {
    const d = op.appliesFrom ?? base;
    if (d === undefined) return undefined;
    const g = groups.get(d) ?? [];
    g.push(op);
    groups.set(d, g);
  }
  if (groups.size === 0) return base === undefined ? undefined : [{ event: e, ref, date: base, ops: [], index: 0 }];
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, ops], index) => ({ event: e, ref, date, ops, index }));
}

/** Valid-time order: 適用日, then 締結日 (unknown last), then seq, then the step's place in its event. */
function compareSteps(a: Step, b: Step): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ca = a.event.dates.concludedOn ?? LAST;
  const cb = b.event.dates.concludedOn ?? LAST;
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.event.seq - b.event.seq || a.index - b.index;
}

/**
 * Build the timeline from effective events: the ratified ones, plus pending drafts when
 * `withDrafts`. An event that cannot apply is left out and the build restarts without it
 * (so none of its steps stays applied): a draft with its reason in `exclusions`, a ratified
 * event with error problems (buildTimeline then fails; checkEvent reports them).
 * Internal to the history module (checkEvent and asOfAnswer use it).
 *
 * @example
 * const { timeline, problems } = buildFromEffective(effectiveEvents(events), false);
 */
export function buildFromEffective(eff: readonly EffectiveEvent[], withDrafts: boolean, memo?: StepMemo): Build {
  if (memo === undefined) return fullBuild(eff, withDrafts, undefined);
  // The write path: the rules build the timeline before and after the candidate, the
  // projector the after one again, and the next event's "before" is this one's "after". A
  // build is remembered under the identity of what it stands on; one that adds a single
  // ratified event after everything else extends the remembered build of the rest.
  const tokens = buildTokens(eff);
  if (tokens === undefined) return fullBuild(eff, withDrafts, memo);
  const mode = withDrafts ? "d" : "r";
  const key = mode + tokens.join(",");
  const hit = memo.build<Build>(key);
  if (hit !== undefined) return hit;
  const prev = eff.length > 1 ? memo.build<Build>(mode + tokens.slice(0, -1).join(",")) : undefined;
  const build = (prev !== undefined ? extendBuild(prev, eff, withDrafts, memo) : undefined) ?? fullBuild(eff, withDrafts, memo);
  memo.remember(key, build);
  return build;
}

/** Small numbers standing for frozen objects, so a list of events can be keyed by what it holds. */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/**
 * One token per effective event: its seq, status, kind and the identities of its dates and
 * payload (all a build reads). Only frozen objects get one — an object that can change
 * cannot key a remembered result — so undefined when any is not frozen.
 */
function buildTokens(eff: readonly EffectiveEvent[]): string[] | undefined {
  const out: string[] = [];
  for (const e of eff) {
    if (!Object.isFrozen(e.payload) || !Object.isFrozen(e.dates)) return undefined;
    let p = objectIds.get(e.payload);
    if (p === undefined) objectIds.set(e.payload, (p = nextObjectId++));
    let d = objectIds.get(e.dates);
    if (d === undefined) objectIds.set(e.dates, (d = nextObjectId++));
    out.push(`${e.seq}.${e.status}.${e.kind}.${p}.${d}`);
  }
  return out;
}

/**
 * The build of `prev`'s events plus `e` (the last of `eff` by seq), without replaying what
 * `e` does not change: only when `e` is a ratified legal event other than a 廃止 and `prev`
 * has no 廃止, no failed event and no error. When every change of `e` takes effect after the
 * start of the last version (the common case), the result is `prev`'s versions with the last
 * one ended and one version per change of `e` appended. Otherwise (an amendment recorded out
 * of order, or retroactive) the versions before `e`'s first change are kept and the later
 * ones are replayed with `e`'s changes between them — only when `prev` has no warning and no
 * version starts on a day `e` changes something (the order of a day's steps then stands
 * alone). Property-tested equal to the full build; undefined in every other case, or when a
 * change does not apply (the full build says why).
 */
function extendBuild(prev: Build, eff: readonly EffectiveEvent[], withDrafts: boolean, memo: StepMemo): Build | undefined {
  const e = eff[eff.length - 1]!;
  const t = prev.timeline;
  const vs = t.versions;
  const last = vs[vs.length - 1];
  if (last === undefined || e.status !== "ratified" || e.kind === "abolish" || t.abolishedFrom !== undefined) return undefined;
  // A 通告 or 更新 reads the text in force on its day: only the full build knows it.
  if (e.kind !== "conclude" && e.kind !== "amend" && e.kind !== "baseline") return undefined;
  if (t.notices !== undefined || t.term !== undefined) return undefined;
  // Without drafts, the only exclusions of a build without errors are the pending drafts (no steps).
  const exclusions = t.exclusions?.length ?? 0;
  if (withDrafts ? exclusions > 0 : exclusions !== t.draftsExcluded.length) return undefined;
  if (prev.problems.some((p) => p.issue.severity === "error")) return undefined;
  const ref = eventRef(e);
  const mine = stepsOf(e, ref);
  if (mine === undefined) return undefined;
  const d0 = mine[0]!.date;
  // k: the version in force the day before e's first change; the versions after it are replayed.
  let k = vs.length - 1;
  while (k >= 0 && vs[k]!.interval.from >= d0) k--;
  if (k < 0) return undefined;
  const appending = k === vs.length - 1;
  if (!appending) {
    if (prev.problems.length > 0) return undefined;
    const starts = new Set(vs.map((v) => v.interval.from));
    if (mine.some((s) => starts.has(s.date))) return undefined;
  }
  // The day groups from d0 on, in valid-time order: e's steps, and the later versions' steps.
  type Group = { date: IsoDate; steps: readonly Step[]; changedBy: readonly EventRef[]; later?: Version };
  const groups: Group[] = mine.map((s) => ({ date: s.date, steps: [s], changedBy: [ref] }));
  if (!appending) {
    const bySeq = new Map(eff.map((x) => [x.seq, x]));
    for (const v of vs.slice(k + 1)) {
      const steps: Step[] = [];
      for (const r of v.changedBy) {
        const x = bySeq.get(r.seq);
        const step = x === undefined ? undefined : stepsOf(x, r)?.find((s) => s.date === v.interval.from);
        if (step === undefined) return undefined;
        steps.push(step);
      }
      groups.push({ date: v.interval.from, steps, changedBy: v.changedBy, later: v });
    }
    groups.sort((a, b) => (a.date < b.date ? -1 : 1));
  }
  const problems = [...prev.problems];
  const base = vs[k]!;
  const added: { from: IsoDate; document: AgreementDocument; events: readonly EventRef[]; changedBy: readonly EventRef[] }[] = [];
  const withE = Object.freeze([...base.events, ref]);
  let doc: AgreementDocument = base.document;
  let events = withE;
  for (const g of groups) {
    for (const step of g.steps) {
      const x = step.event;
      let next: AgreementDocument = doc;
      if (step.ops === undefined) {
        if (x.payload.kind === "conclude" || x.payload.kind === "baseline") next = freezeDeep(x.payload.document);
      } else {
        for (const op of step.ops) {
          const r = applyStep(next, op, memo);
          for (const issue of r.issues) {
            if (issue.severity === "error") return undefined;
            problems.push({ seq: x.seq, issue: withDate(atOperation(issue, x, op), step.date) });
          }
          if (!r.ok) return undefined;
          next = r.value;
        }
      }
      doc = next;
    }
    // A version from d0 on stands on the events before e's first change, e, then the events
    // the later versions added up to it.
    if (g.later !== undefined) events = Object.freeze([...withE, ...g.later.events.slice(base.events.length)]);
    added.push({ from: g.date, document: doc, events, changedBy: g.changedBy });
  }
  const versions: Version[] = vs.slice(0, k);
  versions.push(Object.freeze({ ...base, interval: Object.freeze({ from: base.interval.from, to: added[0]!.from }) }));
  added.forEach((v, i) => versions.push(Object.freeze({
    interval: Object.freeze({ from: v.from, to: added[i + 1]?.from ?? null }),
    document: v.document,
    root: contentHash(v.document),
    events: v.events,
    changedBy: Object.freeze(v.changedBy),
  })));
  // A text that now has a term clause (期間の定め) needs the full build, which reads it.
  if (added.some((v) => { const r = termCached(v.document); return !r.ok || r.value !== undefined; })) return undefined;
  const timeline: Timeline = Object.freeze({
    versions: Object.freeze(versions),
    draftsExcluded: t.draftsExcluded,
    draftsApplied: t.draftsApplied,
    exclusions: t.exclusions,
  });
  return { timeline, problems };
}

/** {@link buildFromEffective} from scratch (the steps through `memo` when given). */
function fullBuild(eff: readonly EffectiveEvent[], withDrafts: boolean, memo: StepMemo | undefined): Build {
  if (!eff.some((e) => e.kind === "notice")) return applyTerm(loopBuild(eff, withDrafts, memo, new Map(), undefined), eff, withDrafts);
  // A 通告's 失効日 comes from the text in force on its 通告日: build the text without the
  // 通告 first (a 通告 never changes the text before it takes effect), read each clause there,
  // then build again with each 通告 ending the agreement on its 失効日.
  const pre = loopBuild(eff.filter((e) => e.kind !== "notice"), withDrafts, memo, new Map(), undefined).timeline;
  const n = noticeEnds(eff, pre, withDrafts);
  const build = applyTerm(loopBuild(eff, withDrafts, memo, n.failed, n.ends), eff, withDrafts);
  const t = build.timeline;
  const notices: NoticeState[] = n.states.map((x) => Object.freeze({
    ...x,
    outcome: n.withdrawn.has(x.seq) ? "withdrawn" as const : t.abolishedBy?.seq === x.seq ? "ended" as const : "superseded" as const,
    ...(n.withdrawn.has(x.seq) ? { withdrawnBy: n.withdrawn.get(x.seq)! } : {}),
  }));
  return { timeline: Object.freeze({ ...t, notices: Object.freeze(notices) }), problems: build.problems };
}

function loopBuild(eff: readonly EffectiveEvent[], withDrafts: boolean, memo: StepMemo | undefined, failed: ReadonlyMap<number, Exclusion>,
  ends: ReadonlyMap<number, IsoDate> | undefined): Build {
  const excluded = new Map<number, Exclusion>(failed);
  for (;;) {
    const attempt = attemptBuild(eff, withDrafts, excluded, memo, ends);
    if (attempt.retry === undefined) return attempt.build;
    excluded.set(attempt.retry.seq, attempt.retry);
  }
}

/**
 * The 失効日 of each 通告 that applies (ratified, or a draft when `withDrafts`), read from the
 * 通告 clause of the text in force on its 通告日 (`pre`, built without the 通告), less the
 * ones withdrawn (通告の撤回) before their 失効日. A 通告 or 撤回 that cannot be read is left
 * out: a draft with its reason, a ratified one with its error.
 */
function noticeEnds(eff: readonly EffectiveEvent[], pre: Timeline, withDrafts: boolean): {
  ends: Map<number, IsoDate>; failed: Map<number, Exclusion>; withdrawn: Map<number, number>;
  states: Omit<NoticeState, "outcome" | "withdrawnBy">[];
} {
  const ends = new Map<number, IsoDate>();
  const failed = new Map<number, Exclusion>();
  const withdrawn = new Map<number, number>();
  const states: Omit<NoticeState, "outcome" | "withdrawnBy">[] = [];
  const applies = (e: EffectiveEvent): boolean => e.status === "ratified" || (e.status === "draft" && withDrafts);
  const refuse = (e: EffectiveEvent, x: Issue): void => {
    failed.set(e.seq, { seq: e.seq, reason: x.message, problems: e.status === "draft" ? [] : [{ seq: e.seq, issue: x }] });
  };
  for (const e of eff) {
    if (e.kind !== "notice" || e.payload.kind !== "notice" || !applies(e)) continue;
    const on = e.dates.concludedOn;
    if (on === undefined) { refuse(e, issue("error", "rule.missing-conclusion-date", `${eventLabel(e)}に通告日がない`)); continue; }
    const at = versionAt(pre, on);
    if (!at.inForce) {
      refuse(e, issue("error", "rule.notice-not-in-force", `${eventLabel(e)}の通告日 ${dateLabel(on)} に協約は効力がない（${at.reason}）`, { date: on }));
      continue;
    }
    const r = noticeExpiry(at.version.document, on);
    if (!r.ok) {
      const x = r.issues[0]!;
      refuse(e, issue("error", x.code, `${eventLabel(e)}（通告日 ${dateLabel(on)}）：${x.message}`, { ...x.location, date: on }));
      continue;
    }
    ends.set(e.seq, r.value.expiresOn);
    states.push({ seq: e.seq, party: e.payload.party, notifiedOn: on, expiresOn: r.value.expiresOn, clause: r.value.address });
  }
  for (const w of eff) {
    if (w.kind !== "withdrawNotice" || w.payload.kind !== "withdrawNotice" || !applies(w)) continue;
    const target = eff.find((x) => x.seq === (w.payload as { target: number }).target);
    const end = target === undefined ? undefined : ends.get(target.seq);
    const on = w.dates.concludedOn;
    if (target === undefined || target.kind !== "notice" || target.status === "retracted") {
      refuse(w, issue("error", "rule.unknown-target", `${eventLabel(w)}の対象 #${w.payload.target} は効力のある通告の記録でない`));
    } else if (end === undefined) {
      if (!failed.has(target.seq)) refuse(w, issue("error", "rule.unknown-target", `${eventLabel(w)}の対象 ${eventLabel(target)}は案のため、撤回の対象にならない`));
    } else if (on === undefined) {
      refuse(w, issue("error", "rule.missing-conclusion-date", `${eventLabel(w)}に撤回の日がない`));
    } else if (on >= end) {
      refuse(w, issue("error", "rule.withdraw-after-expiry",
        `${eventLabel(w)}の日 ${dateLabel(on)} は、${eventLabel(target)}の失効日 ${dateLabel(end)} 以後であり、協約は既に効力を失っている`, { date: on }));
    } else if (target.dates.concludedOn !== undefined && on < target.dates.concludedOn) {
      refuse(w, issue("error", "rule.withdraw-before-notice",
        `${eventLabel(w)}の日 ${dateLabel(on)} は、${eventLabel(target)}の通告日 ${dateLabel(target.dates.concludedOn)} より前`, { date: on }));
    } else {
      ends.delete(target.seq);
      withdrawn.set(target.seq, w.seq);
    }
  }
  return { ends, failed, withdrawn, states };
}

/** An event left out of the build after it failed: a draft with its reason, a ratified event with its errors. */
interface Exclusion {
  readonly seq: number;
  readonly reason: string;
  readonly problems: readonly BuildProblem[];
}

function attemptBuild(eff: readonly EffectiveEvent[], withDrafts: boolean, excluded: ReadonlyMap<number, Exclusion>, memo: StepMemo | undefined,
  ends: ReadonlyMap<number, IsoDate> | undefined):
  { build: Build; retry?: undefined } | { retry: Exclusion; build?: undefined } {
  const problems: BuildProblem[] = [];
  const exclusions: { seq: number; reason: string }[] = [];
  const draftsExcluded: EventRef[] = [];
  const steps: Step[] = [];
  for (const e of eff) {
    if (e.status === "retracted") continue;
    const ref = eventRef(e);
    const out = excluded.get(e.seq);
    if (e.status === "draft" && (!withDrafts || out)) {
      draftsExcluded.push(ref);
      exclusions.push({ seq: e.seq, reason: out?.reason ?? "案（未確定）のため適用しない" });
      continue;
    }
    if (out) { exclusions.push({ seq: e.seq, reason: out.reason }); problems.push(...out.problems); continue; }
    // 通告の撤回 and 更新 change no text; a 通告 ends the agreement on its 失効日 (see noticeEnds).
    if (e.kind === "withdrawNotice" || e.kind === "renew" || e.kind === "declineRenewal") continue;
    if (e.kind === "notice") {
      const end = ends?.get(e.seq);
      if (end !== undefined) steps.push({ event: e, ref: Object.freeze({ ...ref, appliesFrom: end }), date: end, index: 0 });
      continue;
    }
    const s = stepsOf(e, ref);
    if (!s) {
      if (e.status === "draft") {
        draftsExcluded.push(ref);
        exclusions.push({ seq: e.seq, reason: "適用日が分からない案のため適用できない（附則の適用日も締結日もない）" });
        continue;
      }
      const reason = "締結日も適用日もないため、いつから適用されるか分からない";
      exclusions.push({ seq: e.seq, reason });
      problems.push({ seq: e.seq, issue: issue("error", "rule.missing-conclusion-date", `${eventLabel(e)}は、${reason}`, {}) });
      continue;
    }
    steps.push(...s);
  }
  steps.sort(compareSteps);

  // The first 廃止 in valid-time order ends the agreement; anything taking effect on or after it is out.
  const abolish = steps.find((s) => s.event.kind === "abolish" || s.event.kind === "notice");
  const abolishedFrom = abolish?.date;
  const byNotice = abolish?.event.kind === "notice";
  let doc: AgreementDocument | undefined;
  const versions: { from: IsoDate; document: AgreementDocument; events: EventRef[]; changedBy: EventRef[] }[] = [];
  const applied: EventRef[] = [];
  const appliedSeqs = new Set<number>();
  const draftsApplied: EventRef[] = [];
  let i = 0;
  while (i < steps.length) {
    const date = steps[i]!.date;
    const changedBy: EventRef[] = [];
    for (; i < steps.length && steps[i]!.date === date; i++) {
      const step = steps[i]!;
      const e = step.event;
      if (step === abolish) {
        if (e.status === "draft") draftsApplied.push(step.ref);
        continue;
      }
      // A later 通告 is superseded by an earlier end: it ends nothing more.
      if (e.kind === "notice") continue;
      if (abolishedFrom !== undefined && date >= abolishedFrom) {
        const when = byNotice
          ? `${dateLabel(abolish!.date)}に${eventLabel(abolish!.event)}による失効で効力を失った後`
          : `${dateLabel(abolish!.date)}に${eventLabel(abolish!.event)}により廃止された後`;
        if (e.status === "draft") return { retry: { seq: e.seq, reason: `案の適用日 ${dateLabel(date)} が、協約の${when}である`, problems: [] } };
        const x = issue("error", byNotice ? "rule.after-expiry" : "rule.after-abolition", `${eventLabel(e)}は${dateLabel(date)}から適用されるが、協約は${when}である`, { date });
        return { retry: { seq: e.seq, reason: x.message, problems: [{ seq: e.seq, issue: x }] } };
      }
      let next: AgreementDocument | undefined = doc;
      const stepIssues: Issue[] = [];
      if (step.ops === undefined) {
        if (e.payload.kind === "conclude" || e.payload.kind === "baseline") next = freezeDeep(e.payload.document);
      } else {
        for (const op of step.ops) {
          const r = applyStep(next, op, memo);
          stepIssues.push(...r.issues.map((x) => withDate(atOperation(x, e, op), date)));
          if (!r.ok) break;
          next = r.value;
        }
      }
      const errors = stepIssues.filter((x) => x.severity === "error");
      if (errors.length > 0) {
        const reason = `${e.status === "draft" ? `案${eventLabel(e)}` : eventLabel(e)}を${dateLabel(date)}の版に適用できない：${errors.map((x) => x.message).join("；")}`;
        return { retry: { seq: e.seq, reason, problems: e.status === "draft" ? [] : errors.map((x) => ({ seq: e.seq, issue: x })) } };
      }
      for (const x of stepIssues) problems.push({ seq: e.seq, issue: x });
      doc = next;
      changedBy.push(step.ref);
      if (!appliedSeqs.has(e.seq)) {
        appliedSeqs.add(e.seq);
        applied.push(step.ref);
        if (e.status === "draft") draftsApplied.push(step.ref);
      }
    }
    if (changedBy.length > 0 && doc !== undefined) versions.push({ from: date, document: doc, events: [...applied], changedBy });
  }

  const out: Version[] = versions.map((v, k) => Object.freeze({
    interval: Object.freeze({ from: v.from, to: versions[k + 1]?.from ?? abolishedFrom ?? null }),
    document: v.document,
    root: contentHash(v.document),
    events: Object.freeze(v.events),
    changedBy: Object.freeze(v.changedBy),
  }));
  const timeline: Timeline = Object.freeze({
    versions: Object.freeze(out),
    ...(abolish ? { abolishedFrom: abolish.date, abolishedBy: abolish.ref } : {}),
    ...(abolish && byNotice ? { endReason: noticeEndReason(abolish.ref.seq, abolish.date) } : {}),
    draftsExcluded: Object.freeze(draftsExcluded),
    draftsApplied: Object.freeze(draftsApplied),
    exclusions: Object.freeze(exclusions),
  });
  return { build: { timeline, problems } };
}

/**
 * An issue from applying `op` of `e`, located at the sentence it was read from: the message
 * ends 「（ファイル名 N行目）」 and the location carries the file and line.
 */
function atOperation(x: Issue, e: EffectiveEvent, op: Operation): Issue {
  if (x.location.line !== undefined || e.payload.kind !== "amend") return x;
  const line = e.sourceLines?.operations?.[e.payload.operations.indexOf(op)];
  const where = sourceLineLabel(e.source, line);
  return where === "" ? x : issue(x.severity, x.code, `${x.message}${where}`, { ...x.location, file: e.source!.name, line });
}

function withDate(x: Issue, date: IsoDate): Issue {
  return x.location.date !== undefined ? x : issue(x.severity, x.code, x.message, { ...x.location, date });
}

/**
 * Build the valid-time timeline of one agreement from its stored events, as known at
 * `options.knownAt`, applying pending drafts too when `options.withDrafts`.
 *
 * Versions are gap-free and half-open `[from, to)`, one per change point (an amendment whose
 * 附則 gives some operations a later 適用日 makes several); the last runs to the 廃止 or is
 * open (`to: null`). Fails (with located error Issues) when a ratified event cannot apply,
 * e.g. its target does not exist in the version it amends; warnings (unknown parts) ride
 * along on success.
 *
 * @example
 * const r = buildTimeline(events, { withDrafts: true });
 * if (r.ok) r.value.versions.map((v) => v.interval); // [{from:"2016-10-11",to:"2025-04-01"}, {from:"2025-04-01",to:null}]
 */
export function buildTimeline(events: readonly StoredEvent[], options: AsOfOptions = {}): Result<Timeline> {
  return buildTimelineWith(events, options, undefined);
}

/**
 * {@link buildTimeline} through a {@link StepMemo} (the engine's write path). Internal.
 *
 * @example
 * buildTimelineWith(events, {}, memo); // the same Result as buildTimeline(events)
 */
export function buildTimelineWith(events: readonly StoredEvent[], options: AsOfOptions, memo: StepMemo | undefined): Result<Timeline> {
  const { timeline, problems } = buildFromEffective(effectiveEvents(events, options), options.withDrafts === true, memo);
  const issues = problems.map((p) => p.issue);
  return issues.some((x) => x.severity === "error") ? fail(issues) : ok(timeline, issues);
}

/**
 * The version in force on `date`, or why nothing was: before the first 適用日, on or after
 * the 廃止, or no ratified event at all.
 *
 * @example
 * versionAt(timeline, "2016-10-10"); // { inForce: false, reason: "2016-10-10（平成28年10月10日）は最初の適用日 2016-10-11（平成28年10月11日）より前" }
 * versionAt(timeline, "2020-01-01"); // { inForce: true, version }
 */
export function versionAt(timeline: Timeline, date: IsoDate):
  { readonly inForce: true; readonly version: Version } | { readonly inForce: false; readonly reason: string } {
  const vs = timeline.versions;
  const outside = outsideReason(vs[0]?.interval.from, timeline.abolishedFrom, date, timeline.endReason);
  if (outside !== undefined) return { inForce: false, reason: outside };
  // Binary search: the last version whose from ≤ date (versions are gap-free).
  let lo = 0;
  let hi = vs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (vs[mid]!.interval.from <= date) lo = mid;
    else hi = mid - 1;
  }
  return { inForce: true, version: vs[lo]! };
}

/**
 * Why nothing is in force on `date`, from the first 適用日 and the 廃止 alone (the same
 * words as {@link versionAt}); `undefined` when the date lies between them. The engine
 * answers "not in force" from the projection's agreement row with it, without a replay.
 *
 * @example
 * outsideReason("2016-10-11", undefined, "2016-10-10"); // "平成28年10月10日（2016-10-10）は最初の適用日 平成28年10月11日（2016-10-11）より前"
 * outsideReason("2016-10-11", undefined, "2020-01-01"); // undefined
 * outsideReason("2016-10-11", "2027-07-01", "2027-07-01", noticeEndReason(3, "2027-07-01")); // "通告による失効（#3、失効日 令和9年7月1日（2027-07-01））"
 */
export function outsideReason(firstFrom: IsoDate | undefined, abolishedFrom: IsoDate | undefined, date: IsoDate, endReason?: string): string | undefined {
  if (abolishedFrom !== undefined && date >= abolishedFrom) return endReason ?? `${dateLabel(abolishedFrom)}に廃止`;
  if (firstFrom === undefined) return "記録なし：適用された記録がない";
  if (date < firstFrom) return `${dateLabel(date)}は最初の適用日 ${dateLabel(firstFrom)}より前`;
  return undefined;
}

/**
 * The flags of an as-of answer: drafts excluded/applied, retroactive events, unknown parts,
 * and missing 議決日 of the events that made the version.
 *
 * @example
 * const at = versionAt(timeline, "2025-04-01");
 * asOfFlags(timeline, at.inForce ? at.version : undefined, effectiveEvents(events)).missingResolutions;
 */
export function asOfFlags(timeline: Timeline, version: Version | undefined, events: readonly EffectiveEvent[]): AsOfFlags {
  return flagsWith(timeline, version, missingBySeq(events));
}

/**
 * The parties without a 議決日 of each effective event, by seq: computed once when the flags
 * of many versions of one timeline are wanted (the projector).
 *
 * @example
 * const missing = missingBySeq(effectiveEvents(events));
 * timeline.versions.map((v) => flagsWith(timeline, v, missing));
 */
export function missingBySeq(events: readonly EffectiveEvent[]): ReadonlyMap<number, readonly string[]> {
  return new Map(events.map((e) => [e.seq, missingResolutionsOf(e)]));
}

/**
 * {@link asOfFlags} with the missing 議決日 computed beforehand ({@link missingBySeq}).
 *
 * @example
 * flagsWith(timeline, version, missingBySeq(effectiveEvents(events))).missingResolutions;
 */
export function flagsWith(timeline: Timeline, version: Version | undefined, missing: ReadonlyMap<number, readonly string[]>): AsOfFlags {
  const inVersion = new Set((version?.events ?? []).map((r) => r.seq));
  const missingResolutions: { seq: number; party: string }[] = [];
  for (const r of version?.events ?? []) {
    for (const party of missing.get(r.seq) ?? []) missingResolutions.push({ seq: r.seq, party });
  }
  return Object.freeze({
    draftsExcluded: timeline.draftsExcluded,
    draftsApplied: timeline.draftsApplied.filter((r) => inVersion.has(r.seq)),
    retroactive: (version?.events ?? []).filter((r) => r.retroactive),
    unknownParts: version?.document.unknown ?? [],
    missingResolutions,
  });
}

/**
 * The whole as-of answer from stored events: what was in force on `date` (as known at
 * `options.knownAt`, with drafts when `options.withDrafts`). Throws nothing: when the
 * history cannot be built the answer is not in force and `reason` says why.
 *
 * @example
 * asOfAnswer("okayama-wake", events, "2020-04-01").document?.articles.length; // 6
 */
export function asOfAnswer(agreementId: string, events: readonly StoredEvent[], date: IsoDate, options: AsOfOptions = {}): AsOfAnswer {
  return asOfAnswerFrom(agreementId, replayFor(events, options), date, options);
}

/** A replay for `options` (the effective events and what they build): what as-of answers on any date read. */
export interface Replay extends Build {
  readonly effective: readonly EffectiveEvent[];
}

/**
 * Replay `events` for `options` once, to answer {@link asOfAnswerFrom} on many dates (the
 * engine keeps a few, keyed by the events' head hash: a what-if with drafts is not rebuilt
 * on every read).
 *
 * @example
 * const r = replayFor(events, { withDrafts: true });
 * asOfAnswerFrom("okayama-bizen", r, "2025-04-01", { withDrafts: true }).inForce; // true
 */
export function replayFor(events: readonly StoredEvent[], options: AsOfOptions = {}): Replay {
  const effective = effectiveEvents(events, options);
  return { effective, ...buildFromEffective(effective, options.withDrafts === true) };
}

/**
 * {@link asOfAnswer} from a replay made by {@link replayFor} with the same options.
 *
 * @example
 * asOfAnswerFrom(id, replayFor(events), "2025-04-01").root; // the root in force then
 */
export function asOfAnswerFrom(agreementId: string, replay: Replay, date: IsoDate, options: AsOfOptions = {}): AsOfAnswer {
  const { effective: eff, timeline, problems } = replay;
  const errors = problems.filter((p) => p.issue.severity === "error");
  const at = versionAt(timeline, date);
  const version = at.inForce ? at.version : undefined;
  const base = {
    agreementId, date, ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}),
    withDrafts: options.withDrafts === true,
  };
  if (errors.length > 0 || !version) {
    const flags = asOfFlags(timeline, undefined, eff);
    // A draft 廃止 applied by withDrafts ends the text: the answer must say it is a what-if, not the record.
    const draftAbolish = errors.length === 0 && timeline.abolishedFrom !== undefined && date >= timeline.abolishedFrom
      ? timeline.draftsApplied.find((r) => r.seq === timeline.abolishedBy?.seq) : undefined;
    const reason = errors.length > 0
      ? `履歴を組み立てられない：${errors.map((p) => p.issue.message).join("；")}`
      : `${(at as { reason: string }).reason}${draftAbolish !== undefined ? `（未確定の案 #${draftAbolish.seq} を反映した仮定）` : ""}`;
    return Object.freeze({
      ...base, inForce: false, reason, events: [],
      flags: draftAbolish !== undefined ? Object.freeze({ ...flags, draftsApplied: Object.freeze([draftAbolish]) }) : flags,
    });
  }
  return Object.freeze({
    ...base, inForce: true, document: version.document, root: version.root, interval: version.interval,
    events: version.events, flags: withTermFlag(asOfFlags(timeline, version, eff), timeline.term, date),
  });
}

/**
 * The flags with 自動更新（記録なし） added when `date` is on or after the day an automatic
 * renewal would have taken place and none (nor a 更新拒絶) is recorded.
 *
 * @example
 * withTermFlag(flags, timeline.term, "2026-04-01").renewalUnrecorded; // "自動更新（記録なし）：…"
 */
export function withTermFlag(flags: AsOfFlags, term: TermState | undefined, date: IsoDate): AsOfFlags {
  if (term?.outcome !== "unrecorded" || term.unrecordedFrom === undefined || date < term.unrecordedFrom) return flags;
  const note = `自動更新（記録なし）：${addressLabel(term.clause)}の期間は${dateLabel(term.last)}までで、更新拒絶の意思表示がなければ${term.autoRenewal?.years ?? "?"}年間延長される定めだが、延長（更新）も更新拒絶も記録されていない。延長されたものとして答えている（記録されれば答えが変わりうる）`;
  return Object.freeze({ ...flags, renewalUnrecorded: note });
}

/**
 * Why nothing is in force after a 通告 ended the agreement: the words every answer uses.
 *
 * @example
 * noticeEndReason(3, "2027-07-01"); // "通告による失効（#3、失効日 令和9年7月1日（2027-07-01））"
 */
export function noticeEndReason(seq: number, expiresOn: IsoDate): string {
  return `通告による失効（#${seq}、失効日 ${dateLabel(expiresOn)}）`;
}

/** The term of each document read once (documents are frozen and shared between versions). */
const terms = new WeakMap<object, Result<Term | undefined>>();
function termCached(doc: AgreementDocument): Result<Term | undefined> {
  // termOf reads the 条 and the 附則 only: versions that share their 条 (a 別表 changed) share the answer.
  const key: object = doc.supplementary === undefined ? doc.articles : doc;
  let r = terms.get(key);
  if (r === undefined) terms.set(key, (r = termOf(doc)));
  return r;
}

/** The same day `n` months earlier, or that month's last day when it has no such day. */
function monthsBefore(day: IsoDate, n: number): IsoDate {
  const d = splitIso(day)!;
  const index = d.year * 12 + (d.month - 1) - n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoOf(year, month, Math.min(d.day, daysInMonth(year, month)));
}

/**
 * The fixed term (期間の定め) of the text in force, applied to a build: the version in which
 * the term's last day falls (after the recorded 更新) ends the day after it (期間満了), unless
 * the clause renews automatically and no 更新拒絶 is recorded by its deadline — then the
 * agreement goes on, with `term.outcome` `unrecorded` (never a silent assumption: as-of
 * answers from that day carry the flag 自動更新（記録なし）). An event taking effect after the
 * term ended is refused (`rule.after-expiry`); a term clause not understood is a warning at
 * its provision (`rule.term-clause-unread`), and the term is then not applied.
 */
function applyTerm(build: Build, eff: readonly EffectiveEvent[], withDrafts: boolean): Build {
  const t = build.timeline;
  const vs = t.versions;
  const applies = (e: EffectiveEvent): boolean => e.status === "ratified" || (withDrafts && e.status === "draft");
  const renewals = eff.filter((e) => e.payload.kind === "renew" && applies(e));
  const declines = eff.filter((e) => e.payload.kind === "declineRenewal" && applies(e));
  if (vs.length === 0 && renewals.length === 0 && declines.length === 0) return build;
  const problems = [...build.problems];
  const refuse = (e: { seq: number; kind: EventRef["kind"] }, message: string, date?: IsoDate, code = "rule.after-expiry"): void => {
    problems.push({ seq: e.seq, issue: issue("error", code, `${eventLabel(e)}${message}`, date !== undefined ? { date } : {}) });
  };
  let state: TermState | undefined;
  let timeline: Timeline = t;
  let unread = false;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i]!;
    const r = termCached(v.document);
    if (!r.ok) {
      if (!unread) for (const x of r.issues) problems.push({ seq: v.changedBy[0]?.seq ?? 0, issue: issue("warning", x.code, x.message, x.location) });
      unread = true;
      continue;
    }
    const term = r.value;
    if (term === undefined) continue;
    // The recorded 更新, each made on or before the last day it extends.
    let last = term.until;
    const renewedBy: number[] = [];
    for (;;) {
      const next = renewals.filter((x) => !renewedBy.includes(x.seq) && (x.dates.concludedOn ?? LAST) <= last && (x.payload as { until: IsoDate }).until > last);
      if (next.length === 0) break;
      for (const x of next) renewedBy.push(x.seq);
      last = next.map((x) => (x.payload as { until: IsoDate }).until).sort().at(-1)!;
    }
    const expiry = outOfForceFrom(last);
    const base = {
      from: term.from, until: term.until, last, clause: term.address, renewedBy: Object.freeze(renewedBy),
      ...(term.autoRenewal ? { autoRenewal: Object.freeze({ years: term.autoRenewal.years, noticeMonths: term.autoRenewal.noticeMonths }) } : {}),
    };
    state = Object.freeze({ ...base, outcome: "running" as const });
    if (expiry <= v.interval.from) {
      for (const ref of v.changedBy) refuse(ref, `は${dateLabel(v.interval.from)}から適用されるが、協約は期間満了（${termLabel({ from: term.from, until: last })}、${addressLabel(term.address)}）により${dateLabel(last)}限りで効力を失っている`, v.interval.from);
      break;
    }
    // The term as this version states it outlives the version: the next version decides.
    if (v.interval.to !== null && expiry >= v.interval.to) continue;
    if (term.autoRenewal !== undefined) {
      const deadline = monthsBefore(last, term.autoRenewal.noticeMonths);
      const decline = declines.find((d) => d.dates.concludedOn !== undefined && d.dates.concludedOn <= deadline);
      for (const d of declines) {
        if (d !== decline && (d.dates.concludedOn ?? LAST) > deadline) refuse(d, `の日 ${d.dates.concludedOn !== undefined ? dateLabel(d.dates.concludedOn) : "（なし）"} は、更新拒絶の期限（期間満了の日 ${dateLabel(last)} の${term.autoRenewal.noticeMonths}月前、${dateLabel(deadline)}）より後`, d.dates.concludedOn, "rule.decline-too-late");
      }
      if (decline === undefined) {
        state = Object.freeze({ ...base, outcome: "unrecorded" as const, unrecordedFrom: expiry });
        break;
      }
      state = Object.freeze({ ...state, declinedBy: decline.seq });
    }
    if (t.abolishedFrom !== undefined && t.abolishedFrom <= expiry) break;
    for (const later of vs.slice(i + 1)) {
      for (const ref of later.changedBy) refuse(ref, `は${dateLabel(later.interval.from)}から適用されるが、協約は期間満了により${dateLabel(last)}限りで効力を失っている`, later.interval.from);
    }
    state = Object.freeze({ ...state, outcome: "expired" as const });
    const { abolishedBy: _by, endReason: _reason, ...rest } = t;
    timeline = {
      ...rest,
      versions: Object.freeze([...vs.slice(0, i), Object.freeze({ ...v, interval: Object.freeze({ from: v.interval.from, to: expiry }) })]),
      abolishedFrom: expiry,
      endReason: `期間満了（${termLabel({ from: term.from, until: last })}、${addressLabel(term.address)}）`,
    };
    break;
  }
  for (const x of renewals) {
    if (state === undefined) refuse(x, "は、協約に期間の定め（「この協定の期間は、…から…までとする。」）がないため、更新できない", undefined, "rule.renew-no-term");
    else if (!state.renewedBy.includes(x.seq)) refuse(x, `は、期間の末日（${dateLabel(state.last)}）を延ばさないか、その後にされたため、効力がない`, x.dates.concludedOn, "rule.renew-unused");
  }
  for (const d of declines) {
    if (state === undefined || state.autoRenewal === undefined) refuse(d, "は、協約に自動延長の定めがないため、意味を持たない", undefined, "rule.decline-no-renewal");
  }
  if (state === undefined && timeline === t && problems.length === build.problems.length) return build;
  return { timeline: Object.freeze({ ...timeline, ...(state !== undefined ? { term: state } : {}) }), problems };
}
