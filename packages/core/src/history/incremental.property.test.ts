/**
 * The write path's remembered and extended builds (StepMemo, timeline.ts extendBuild) must
 * give exactly what a build from scratch gives: the rule check's issues, the timelines with
 * and without drafts, and the projection, for every event recorded in turn.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoProjector, strictProjector } from "../engine/projector.js";
import type { EventDates, LegalEventInput, Operation, RecordPayload, StoredEvent } from "../events/types.js";
import { deepFreeze } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { effectiveEvents } from "./effective.js";
import { checkEvent, checkEventWith, type CandidateEvent } from "./rules.js";
import { StepMemo } from "./steps.js";
import { buildFromEffective } from "./timeline.js";
import { agreement, appendix, article } from "./testing.testkit.js";

const DAY = 86_400_000;
const BASE = Date.parse("2016-01-01T00:00:00Z");
const day = (k: number): string => new Date(BASE + k * 30 * DAY).toISOString().slice(0, 10);
const PARTIES = ["岡山市", "和気町"];

interface OpSpec { kind: number; n: number; perOp: number | null }
interface EventSpec {
  kind: "amend" | "conclude" | "abolish" | "ratify" | "resolve" | "retract";
  draft: boolean;
  /** Months after the previous 適用日 (negative: retroactive or out of order). */
  step: number;
  lag: number;
  ops: OpSpec[];
  target: number;
  resolved: boolean;
}

const opSpec = fc.record({ kind: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 1, max: 5 }), perOp: fc.option(fc.integer({ min: -2, max: 4 }), { nil: null, freq: 4 }) });
const eventSpec: fc.Arbitrary<EventSpec> = fc.record({
  kind: fc.constantFrom("amend", "amend", "amend", "amend", "amend", "amend", "conclude", "abolish", "ratify", "resolve", "retract"),
  draft: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
  step: fc.integer({ min: -3, max: 6 }),
  lag: fc.integer({ min: -2, max: 2 }),
  ops: fc.array(opSpec, { minLength: 0, maxLength: 3 }),
  target: fc.nat(),
  resolved: fc.boolean(),
});

/** Operations of every sort, some of which cannot apply (missing targets, missing text). */
function makeOps(specs: OpSpec[], tag: string, at: number): Operation[] {
  return specs.map((s, i): Operation => {
    const appliesFrom = s.perOp === null ? {} : { appliesFrom: day(at + s.perOp) };
    switch (s.kind) {
      case 0: return { op: "replaceText", target: `article:${s.n}`, from: "甲", to: "甲乙", ...appliesFrom };
      case 1: return { op: "replace", target: `article:${s.n}`, node: article(String(s.n), `甲は${tag}-${i}による`), ...appliesFrom };
      case 2: return { op: "replace", target: "appendix:1", node: appendix({ I: [`取組${tag}-${i}`], II: ["共通"] }), ...appliesFrom };
      case 3: return { op: "insert", parent: "appendix:1/section:I", node: appendix({ I: [`追加${tag}-${i}`] }).sections[0]!.items[0]!, ...appliesFrom };
      case 4: return { op: "delete", target: `article:${s.n}`, ...appliesFrom };
      default: return { op: "deleteText", target: `article:${s.n}`, text: "乙", ...appliesFrom };
    }
  });
}

const dates = (concludedOn: string | undefined, appliesFrom: string | undefined, resolved: boolean): EventDates => ({
  ...(concludedOn ? { concludedOn } : {}), ...(appliesFrom ? { appliesFrom } : {}),
  resolutions: resolved && concludedOn ? Object.fromEntries(PARTIES.map((p) => [p, concludedOn])) : {},
});

/** A candidate for each spec, against the events recorded so far (legal targets by their seqs). */
function candidateOf(s: EventSpec, i: number, at: number, legalSeqs: readonly number[]): CandidateEvent | undefined {
  const doc = agreement({ articles: [1, 2, 3, 4, 5].map((n) => article(String(n), `甲及び乙の第${n}条`)) });
  const concluded = day(at + s.lag);
  const target = legalSeqs.length === 0 ? undefined : legalSeqs[s.target % legalSeqs.length]!;
  const legal = (payload: LegalEventInput["payload"]): CandidateEvent => ({
    kind: payload.kind,
    legal: { payload, dates: s.draft ? dates(undefined, day(at), s.resolved) : dates(concluded, day(at), s.resolved), draft: s.draft, parties: PARTIES },
  });
  switch (s.kind) {
    case "amend": return legal({ kind: "amend", operations: makeOps(s.ops, `e${i}`, at) });
    case "conclude": return legal({ kind: "conclude", document: i === 0 ? doc : agreement() });
    case "abolish": return legal({ kind: "abolish" });
    case "ratify": return target === undefined ? undefined : { kind: "ratify", record: { kind: "ratify", target, dates: dates(concluded, s.lag > 0 ? day(at) : undefined, s.resolved) } };
    case "resolve": return target === undefined ? undefined : { kind: "resolve", record: { kind: "resolve", target, resolutions: { 岡山市: concluded } } };
    default: return target === undefined ? undefined : { kind: "correct", record: { kind: "correct", target, reason: "取消", retract: true } };
  }
}

/** What `f` returns, or the code and message of the KyoyakuError it throws. */
function outcome<T>(f: () => T): T | { thrown: string } {
  try {
    return f();
  } catch (e) {
    if (e instanceof KyoyakuError) return { thrown: `${e.code}: ${e.message}` };
    throw e;
  }
}

describe("remembered and extended builds (property)", () => {
  it("given random histories recorded one event at a time through one step memo, when checked, built and projected, then everything equals the build from scratch", () => {
    fc.assert(
      fc.property(fc.array(eventSpec, { minLength: 1, maxLength: 14 }), (specs) => {
        const memo = new StepMemo();
        const events: StoredEvent[] = [];
        const legalSeqs: number[] = [];
        let at = 0;
        let clock = Date.parse("2030-01-01T00:00:00Z");
        specs.forEach((s, i) => {
          // The first event concludes; then mostly forward in valid time, sometimes back.
          const spec = i === 0 ? { ...s, kind: "conclude" as const, draft: false } : s;
          at += spec.step;
          const candidate = candidateOf(spec, i, at, legalSeqs);
          if (candidate === undefined) return;
          // The engine hands the rules and the store one deep-frozen copy.
          const frozen = deepFreeze(structuredClone(candidate));
          const withMemo = checkEventWith(events, frozen, memo);
          expect(withMemo).toEqual(checkEvent(events, frozen));
          if (withMemo.some((x) => x.severity === "error")) return;
          clock += 3_600_000;
          const seq = events.length + 1;
          events.push(deepFreeze({
            agreementId: "prop", seq, kind: frozen.kind,
            ...(frozen.legal ? { legal: frozen.legal } : {}), ...(frozen.record ? { record: frozen.record as RecordPayload } : {}),
            recordedAt: new Date(clock).toISOString(), recordedBy: "t", prevHash: "", hash: "",
          }));
          if (frozen.legal) legalSeqs.push(seq);
          // The strict projector may refuse what the rules let through (a 廃止 after a 廃止): the same way.
          expect(outcome(() => memoProjector(memo)("prop", events))).toEqual(outcome(() => strictProjector("prop", events)));
          for (const withDrafts of [false, true]) {
            const eff = effectiveEvents(events);
            expect(buildFromEffective(eff, withDrafts, memo)).toEqual(buildFromEffective(eff, withDrafts));
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
