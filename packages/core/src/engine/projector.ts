/**
 * The engine's projector: the default view of one agreement (ratified events, everything
 * recorded) computed from its events alone with the pure history functions, in the shape
 * the store keeps (version intervals with their as-of flags, and a summary row).
 *
 * @module
 */
import type { StoredEvent } from "../events/types.js";
import { agreementParties, effectiveEvents, partiesOfEffective } from "../history/effective.js";
import type { StepMemo } from "../history/steps.js";
import { buildFromEffective, flagsWith, missingBySeq } from "../history/timeline.js";
import { KyoyakuError } from "../model/errors.js";
import type { AgreementProjection, Projector } from "../store/types.js";

/**
 * Who the agreement is between, as its summary lists it: {@link agreementParties} (the
 * parties of its 締結/現行取込 text, normalised; a draft of other parties does not change them).
 *
 * @example
 * partiesOf(events); // ["岡山市", "和気町"] even when a later text writes 「岡 山 市」
 */
export function partiesOf(events: readonly StoredEvent[]): string[] {
  return agreementParties(events);
}

/** The title an agreement is listed under: its latest known document title, else an amendment's. */
function titleOf(events: readonly StoredEvent[], documentTitle: string | undefined): string | undefined {
  if (documentTitle !== undefined && documentTitle !== "") return documentTitle;
  for (let i = events.length - 1; i >= 0; i--) {
    const p = events[i]!.legal?.payload;
    if (p?.kind === "conclude" || p?.kind === "baseline") if (p.document.title !== "") return p.document.title;
    if (p?.kind === "amend" && p.title !== undefined && p.title !== "") return p.title;
  }
  return undefined;
}

/**
 * Project one agreement. A history that cannot be built (only possible if a rule was
 * bypassed) projects no versions, so as-of answers fall back to the replay, which says why.
 *
 * @example
 * projectAgreement("okayama-wake", events).versions[0]?.interval; // { from: "2016-10-11", to: null }
 */
export function projectAgreement(agreementId: string, events: readonly StoredEvent[]): AgreementProjection {
  return project(agreementId, events, false, undefined);
}

function project(agreementId: string, events: readonly StoredEvent[], strict: boolean, memo: StepMemo | undefined): AgreementProjection {
  // The record events folded once, for the timeline, the parties and the missing 議決日.
  const effective = effectiveEvents(events);
  const { timeline: builtTimeline, problems } = buildFromEffective(effective, false, memo);
  const issues = problems.map((p) => p.issue);
  const built = issues.some((x) => x.severity === "error") ? { ok: false as const, issues } : { ok: true as const, value: builtTimeline, issues };
  const parties = partiesOfEffective(effective);
  if (!built.ok && strict) {
    const first = built.issues.find((i) => i.severity === "error");
    throw new KyoyakuError("rule.violation", `受け付けなかった: ${first?.message ?? "履歴を組み立てられない"}`, built.issues, { agreementId });
  }
  if (!built.ok) return { summary: { ...optional("title", titleOf(events, undefined)), parties, draftsExcluded: [], draftsApplied: [] }, versions: [] };
  const timeline = built.value;
  const missing = missingBySeq(effective);
  const versions = timeline.versions.map((v) => ({
    interval: v.interval,
    root: v.root,
    document: v.document,
    events: v.events,
    changedBy: v.changedBy,
    flags: flagsWith(timeline, v, missing),
  }));
  const last = timeline.versions[timeline.versions.length - 1];
  return {
    summary: {
      ...optional("title", titleOf(events, last?.document.title)),
      parties,
      ...optional("firstAppliesFrom", timeline.versions[0]?.interval.from),
      ...optional("abolishedFrom", timeline.abolishedFrom),
      ...optional("abolishedBy", timeline.abolishedBy),
      ...optional("endReason", timeline.endReason),
      ...optional("notices", timeline.notices),
      ...optional("term", timeline.term),
      draftsExcluded: timeline.draftsExcluded,
      draftsApplied: timeline.draftsApplied,
    },
    versions,
  };
}

/**
 * The projector used on append: as {@link projectAgreement}, but a history that cannot be
 * built refuses the append (`rule.violation`), so the transaction writes nothing. checkEvent
 * runs before and should have refused already; this is the last guard.
 *
 * @example
 * store.append({ agreementId, events: [event] }, strictProjector);
 */
export const strictProjector: Projector = (agreementId, events) => project(agreementId, events, true, undefined);

/**
 * {@link strictProjector} building through a {@link StepMemo}: the engine's append, whose
 * rule check has just built the same steps. Internal.
 *
 * @example
 * store.append({ agreementId, events: [event] }, memoProjector(memo));
 */
export function memoProjector(memo: StepMemo): Projector {
  return (agreementId, events) => project(agreementId, events, true, memo);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
