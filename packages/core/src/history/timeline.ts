/**
 * The valid-time timeline: every ratified (and, when asked, pending draft) effective event
 * applied in order of 適用日, then 締結日, then sequence — so the answer never depends on
 * the order events were recorded in, except through `seq` as the last tie-breaker.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { AsOfAnswer, AsOfFlags, AsOfOptions } from "../engine/types.js";
import type { EventRef, Operation, StoredEvent } from "../events/types.js";
import { contentHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { fail, issue, ok, type Issue, type Result } from "../model/issue.js";
import { freezeDeep } from "./freeze.js";
import { applyStep, type StepMemo } from "./steps.js";
import { appliesFromOf, effectiveEvents, eventRef, missingResolutionsOf, type EffectiveEvent } from "./effective.js";
import { dateLabel, eventLabel } from "./labels.js";
import type { Timeline, Version } from "./types.js";

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
            problems.push({ seq: x.seq, issue: withDate(issue, step.date) });
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
  const excluded = new Map<number, Exclusion>();
  for (;;) {
    const attempt = attemptBuild(eff, withDrafts, excluded, memo);
    if (attempt.retry === undefined) return attempt.build;
    excluded.set(attempt.retry.seq, attempt.retry);
  }
}

/** An event left out of the build after it failed: a draft with its reason, a ratified event with its errors. */
interface Exclusion {
  readonly seq: number;
  readonly reason: string;
  readonly problems: readonly BuildProblem[];
}

function attemptBuild(eff: readonly EffectiveEvent[], withDrafts: boolean, excluded: ReadonlyMap<number, Exclusion>, memo: StepMemo | undefined):
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
  const abolish = steps.find((s) => s.event.kind === "abolish");
  const abolishedFrom = abolish?.date;
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
      if (abolishedFrom !== undefined && date >= abolishedFrom) {
        const when = `${dateLabel(abolish!.date)}に${eventLabel(abolish!.event)}により廃止された後`;
        if (e.status === "draft") return { retry: { seq: e.seq, reason: `案の適用日 ${dateLabel(date)} が、協約の${when}である`, problems: [] } };
        const x = issue("error", "rule.after-abolition", `${eventLabel(e)}は${dateLabel(date)}から適用されるが、協約は${when}である`, { date });
        return { retry: { seq: e.seq, reason: x.message, problems: [{ seq: e.seq, issue: x }] } };
      }
      let next: AgreementDocument | undefined = doc;
      const stepIssues: Issue[] = [];
      if (step.ops === undefined) {
        if (e.payload.kind === "conclude" || e.payload.kind === "baseline") next = freezeDeep(e.payload.document);
      } else {
        for (const op of step.ops) {
          const r = applyStep(next, op, memo);
          stepIssues.push(...r.issues.map((x) => withDate(x, date)));
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
    draftsExcluded: Object.freeze(draftsExcluded),
    draftsApplied: Object.freeze(draftsApplied),
    exclusions: Object.freeze(exclusions),
  });
  return { build: { timeline, problems } };
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
  const outside = outsideReason(vs[0]?.interval.from, timeline.abolishedFrom, date);
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
 */
export function outsideReason(firstFrom: IsoDate | undefined, abolishedFrom: IsoDate | undefined, date: IsoDate): string | undefined {
  if (abolishedFrom !== undefined && date >= abolishedFrom) return `${dateLabel(abolishedFrom)}に廃止`;
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
    events: version.events, flags: asOfFlags(timeline, version, eff),
  });
}
