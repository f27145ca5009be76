/**
 * Law: the timeline answers exactly what a naive replay from scratch answers, for any set
 * of events in any recording order, at any date, known at any instant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventDates, LegalEventInput, Operation, RecordPayload, StoredEvent } from "../events/types.js";
import type { AgreementDocument } from "../model/document.js";
import { applyOperation } from "./apply.js";
import { buildTimeline, versionAt } from "./timeline.js";
import { agreement, appendix, article } from "./testing.testkit.js";

const DAY = 86_400_000;
const BASE = Date.parse("2016-01-01T00:00:00Z");
const day = (k: number): string => new Date(BASE + k * 30 * DAY).toISOString().slice(0, 10);
const PARTIES = ["岡山市", "和気町"];

interface OpSpec { kind: number; n: number; perOp: number | null }
interface LegalSpec { draft: boolean; applies: number; concluded: number; ops: OpSpec[] }
interface RecordSpec { kind: "ratify" | "retract" | "redate"; target: number; applies: number | null; concluded: number; where: number }
interface Plan {
  conclude: { present: boolean; applies: number };
  amends: LegalSpec[];
  abolish: boolean;
  order: number[];
  records: RecordSpec[];
  gaps: number[];
}

const opSpec = fc.record({ kind: fc.integer({ min: 0, max: 3 }), n: fc.integer({ min: 1, max: 4 }), perOp: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 3 }) });
const plan: fc.Arbitrary<Plan> = fc.record({
  conclude: fc.record({ present: fc.boolean(), applies: fc.integer({ min: 0, max: 4 }) }),
  amends: fc.array(fc.record({ draft: fc.boolean(), applies: fc.integer({ min: 0, max: 12 }), concluded: fc.integer({ min: 0, max: 12 }), ops: fc.array(opSpec, { minLength: 1, maxLength: 3 }) }), { minLength: 0, maxLength: 5 }),
  abolish: fc.boolean(),
  order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }),
  records: fc.array(fc.record({
    kind: fc.constantFrom("ratify" as const, "retract" as const, "redate" as const),
    target: fc.nat(), applies: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }), concluded: fc.integer({ min: 0, max: 12 }),
    where: fc.double({ min: 0, max: 1, noNaN: true }),
  }), { maxLength: 3 }),
  gaps: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 12, maxLength: 12 }),
});

/** Operations that never fail on any document this generator produces (no deletes, unique names). */
function makeOps(specs: OpSpec[], tag: string): Operation[] {
  return specs.map((s, i): Operation => {
    const appliesFrom = s.perOp === null ? {} : { appliesFrom: day(s.perOp) };
    switch (s.kind) {
      case 0: return { op: "replaceText", target: `article:${s.n}`, from: "甲", to: "甲乙", ...appliesFrom };
      case 1: return { op: "replace", target: `article:${s.n}`, node: article(String(s.n), `甲は${tag}-${i}による`), ...appliesFrom };
      case 2: return { op: "replace", target: "appendix:1", node: appendix({ I: [`取組${tag}-${i}`], II: ["共通"] }), ...appliesFrom };
      default: return { op: "insert", parent: "appendix:1/section:I", node: appendix({ I: [`追加${tag}-${i}`] }).sections[0]!.items[0]!, ...appliesFrom };
    }
  });
}

const dates = (concludedOn: string | undefined, appliesFrom: string | undefined): EventDates => ({
  ...(concludedOn ? { concludedOn } : {}), ...(appliesFrom ? { appliesFrom } : {}), resolutions: {},
});

/** Turn a plan into stored events: legal events in a shuffled recording order, record events after their targets. */
function eventsOf(p: Plan): StoredEvent[] {
  const doc = agreement({ articles: [1, 2, 3, 4].map((n) => article(String(n), `甲及び乙の第${n}条`)) });
  const legal: LegalEventInput[] = [];
  if (p.conclude.present) legal.push({ payload: { kind: "conclude", document: doc }, dates: dates(day(p.conclude.applies), undefined), draft: false, parties: PARTIES });
  p.amends.forEach((a, i) => legal.push({
    payload: { kind: "amend", operations: makeOps(a.ops, `a${i}`) },
    dates: a.draft ? dates(undefined, day(a.applies)) : dates(day(a.concluded), day(a.applies)), draft: a.draft, parties: PARTIES,
  }));
  if (p.abolish) legal.push({ payload: { kind: "abolish" }, dates: dates("2099-01-01", undefined), draft: false, parties: PARTIES });
  const shuffled = legal.map((l, i) => ({ l, k: p.order[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.l);
  type Slot = { legal: LegalEventInput } | { target: LegalEventInput; make: (seq: number) => RecordPayload };
  const slots: Slot[] = shuffled.map((l) => ({ legal: l }));
  for (const r of p.records) {
    if (shuffled.length === 0) break;
    const target = shuffled[r.target % shuffled.length]!;
    const make: ((seq: number) => RecordPayload) | undefined =
      r.kind === "retract" ? (seq) => ({ kind: "correct", target: seq, reason: "取消", retract: true })
      : r.kind === "ratify" ? (target.draft ? (seq) => ({ kind: "ratify", target: seq, dates: dates(day(r.concluded), r.applies === null ? undefined : day(r.applies)) }) : undefined)
      : target.payload.kind === "abolish" ? undefined
      : (seq) => ({ kind: "correct", target: seq, reason: "日付訂正", dates: dates(target.draft ? undefined : day(r.concluded), day(r.applies ?? r.concluded)) });
    if (!make) continue;
    const after = slots.findIndex((x) => "legal" in x && x.legal === target) + 1;
    slots.splice(after + Math.floor(r.where * (slots.length - after + 1)), 0, { target, make });
  }
  const legalSeq = new Map<LegalEventInput, number>();
  slots.forEach((x, i) => { if ("legal" in x) legalSeq.set(x.legal, i + 1); });
  let clock = Date.parse("2030-01-01T00:00:00Z");
  return slots.map((x, i): StoredEvent => {
    clock += (p.gaps[i % p.gaps.length] ?? 1) * 3_600_000;
    const base = { agreementId: "prop", seq: i + 1, recordedAt: new Date(clock).toISOString(), recordedBy: "t", prevHash: "", hash: "" };
    if ("legal" in x) return { ...base, kind: x.legal.payload.kind, legal: x.legal };
    const record = x.make(legalSeq.get(x.target)!);
    return { ...base, kind: record.kind, record };
  });
}

/** A deliberately naive reading: fold records by hand, sort every operation, replay from scratch. */
function naive(events: readonly StoredEvent[], date: string, knownAt: string | undefined, withDrafts: boolean): AgreementDocument | "not-in-force" {
  const known = events.filter((e) => knownAt === undefined || Date.parse(e.recordedAt) <= Date.parse(knownAt));
  type Live = { seq: number; legal: LegalEventInput; draft: boolean; retracted: boolean; dates: EventDates };
  const live: Live[] = [];
  for (const e of known) {
    if (e.legal) { live.push({ seq: e.seq, legal: e.legal, draft: e.legal.draft, retracted: false, dates: e.legal.dates }); continue; }
    const r = e.record!;
    const t = live.find((l) => l.seq === r.target);
    if (!t) continue;
    if (r.kind === "ratify" && t.draft && !t.retracted) { t.draft = false; t.dates = { ...t.dates, concludedOn: r.dates.concludedOn, appliesFrom: r.dates.appliesFrom ?? t.dates.appliesFrom }; }
    if (r.kind === "correct") { if (r.retract) t.retracted = true; if (r.dates) t.dates = r.dates; }
  }
  const steps: { date: string; concluded: string; seq: number; i: number; apply: (d: AgreementDocument | undefined) => AgreementDocument | undefined; abolish: boolean }[] = [];
  for (const l of live) {
    if (l.retracted || (l.draft && !withDrafts)) continue;
    const applies = l.dates.appliesFrom ?? l.dates.concludedOn!;
    const concluded = l.dates.concludedOn ?? "\uffff";
    const p = l.legal.payload;
    if (p.kind === "amend") {
      p.operations.forEach((op, i) => steps.push({
        date: op.appliesFrom ?? applies, concluded, seq: l.seq, i, abolish: false,
        apply: (d) => { const r = applyOperation(d, op); if (!r.ok) throw new Error(r.issues[0]!.message); return r.value; },
      }));
    } else {
      steps.push({ date: applies, concluded, seq: l.seq, i: 0, abolish: p.kind === "abolish", apply: (d) => (p.kind === "conclude" || p.kind === "baseline" ? p.document : d) });
    }
  }
  steps.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.concluded !== b.concluded ? (a.concluded < b.concluded ? -1 : 1) : a.seq - b.seq || a.i - b.i));
  let doc: AgreementDocument | undefined;
  let any = false;
  for (const s of steps) {
    if (s.date > date) break;
    if (s.abolish) return "not-in-force";
    doc = s.apply(doc);
    any = true;
  }
  return any && doc ? doc : "not-in-force";
}

describe("buildTimeline + versionAt (property)", () => {
  it("given random histories in random recording order, when asked at random dates and known-at instants, then it equals a naive replay", () => {
    fc.assert(
      fc.property(plan, fc.array(fc.integer({ min: -1, max: 14 }), { minLength: 4, maxLength: 4 }), fc.option(fc.nat(), { nil: null }), fc.boolean(), (p, queryDays, knownIndex, withDrafts) => {
        const events = eventsOf(p);
        const knownAt = knownIndex === null || events.length === 0 ? undefined : events[knownIndex % events.length]!.recordedAt;
        const built = buildTimeline(events, { knownAt, withDrafts });
        expect(built.ok).toBe(true);
        if (!built.ok) return;
        for (const q of [...queryDays.map((k) => day(k)), ...queryDays.map((k) => new Date(Date.parse(day(k)) - DAY).toISOString().slice(0, 10))]) {
          const at = versionAt(built.value, q);
          const expected = naive(events, q, knownAt, withDrafts);
          if (expected === "not-in-force") expect(at.inForce).toBe(false);
          else {
            expect(at.inForce).toBe(true);
            if (at.inForce) expect(at.version.document).toEqual(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("given the same legal events recorded in two different orders, when built, then the versions are identical", () => {
    fc.assert(
      fc.property(plan, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }), (p, order2) => {
        const a = buildTimeline(eventsOf({ ...p, records: [] }));
        const b = buildTimeline(eventsOf({ ...p, records: [], order: order2 }));
        expect(a.ok && b.ok).toBe(true);
        if (!a.ok || !b.ok) return;
        // seq is the last tie-breaker: only compare when no two events share 適用日 and 締結日.
        const keys = [...p.amends.filter((x) => !x.draft).map((x) => x.concluded), ...(p.conclude.present ? [p.conclude.applies] : [])];
        if (new Set(keys).size !== keys.length) return;
        expect(b.value.versions.map((v) => [v.interval, v.root])).toEqual(a.value.versions.map((v) => [v.interval, v.root]));
      }),
      { numRuns: 200 },
    );
  });
});
