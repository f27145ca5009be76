/**
 * Law: whatever order a history is recorded in, the engine's as-of answer equals a naive
 * replay — ratified legal events sorted by (適用日, 締結日, seq), those with 適用日 ≤ the date
 * applied with applyOperation, nothing after a 廃止 — and the answer as known at Y equals
 * the same replay over the events recorded by Y. Checked against both stores.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../date/index.js";
import type { LegalEventInput, StoredEvent } from "../events/types.js";
import { applyOperation } from "../history/index.js";
import { agreement, PARTIES, SAMPLE_CHANGES } from "../history/testing.testkit.js";
import { contentHash, sha256 } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { MemoryEventStore } from "../store/memory.js";
import { SqliteEventStore } from "../store/sqlite.js";
import type { EventStore } from "../store/types.js";
import { openKyoyaku } from "./engine.js";

const ID = "prop";

interface Spec {
  readonly start: number;
  readonly amendments: readonly { readonly offset: number; readonly retro: boolean; readonly target: number; readonly draft: boolean }[];
  readonly abolishAfter: number | null;
}

const resolutions = (concludedOn: string): Record<string, string> => Object.fromEntries(PARTIES.map((p) => [p, addDays(concludedOn, -1)]));

function legal(payload: LegalEventInput["payload"], concludedOn: string, appliesFrom: string, draft: boolean, label: string): LegalEventInput {
  const text = `${label}:${concludedOn}:${appliesFrom}:${draft}`;
  return {
    payload,
    dates: { concludedOn, appliesFrom, resolutions: resolutions(concludedOn) },
    draft,
    parties: PARTIES,
    source: { name: `${label}.txt`, text, sha256: sha256(text) },
  };
}

/** The legal events of a spec: the 締結 first, then amendments and the 廃止 (recording order decided later). */
function eventsOf(spec: Spec): { conclude: LegalEventInput; rest: LegalEventInput[] } {
  const d0 = addDays("2010-01-01", spec.start);
  const conclude = legal({ kind: "conclude", document: agreement() }, d0, d0, false, "締結");
  const rest = spec.amendments.map((a, i) => {
    const appliesFrom = addDays(d0, a.offset);
    const concludedOn = addDays(appliesFrom, a.retro ? 30 : -10);
    return legal({ kind: "amend", operations: [SAMPLE_CHANGES[a.target]!(`版${i}`)] }, concludedOn, appliesFrom, a.draft, `変更${i}`);
  });
  if (spec.abolishAfter !== null) {
    const last = Math.max(0, ...spec.amendments.map((a) => a.offset));
    const on = addDays(d0, last + spec.abolishAfter);
    rest.push(legal({ kind: "abolish" }, on, on, false, "廃止"));
  }
  return { conclude, rest };
}

/** The naive replay of the law. */
function naive(events: readonly StoredEvent[], date: string): AgreementDocument | undefined {
  const ratified = events.filter((e) => e.legal !== undefined && !e.legal.draft);
  const key = (e: StoredEvent): [string, string] => [e.legal!.dates.appliesFrom!, e.legal!.dates.concludedOn!];
  ratified.sort((a, b) => {
    const [fa, ca] = key(a);
    const [fb, cb] = key(b);
    return fa < fb ? -1 : fa > fb ? 1 : ca < cb ? -1 : ca > cb ? 1 : a.seq - b.seq;
  });
  let doc: AgreementDocument | undefined;
  for (const e of ratified) {
    if (key(e)[0] > date) break;
    const p = e.legal!.payload;
    if (p.kind === "abolish") return undefined;
    if (p.kind === "conclude" || p.kind === "baseline") doc = p.document;
    if (p.kind === "amend") {
      for (const op of p.operations) {
        const r = applyOperation(doc, op);
        if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
        doc = r.value;
      }
    }
  }
  return doc;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  start: fc.integer({ min: 0, max: 3000 }),
  amendments: fc.uniqueArray(
    fc.record({ offset: fc.integer({ min: 1, max: 4000 }), retro: fc.boolean(), target: fc.integer({ min: 0, max: SAMPLE_CHANGES.length - 1 }), draft: fc.boolean() }),
    { selector: (a) => a.offset, maxLength: 6 },
  ),
  abolishAfter: fc.option(fc.integer({ min: 1, max: 800 }), { nil: null }),
});

const caseArb = specArb.chain((spec) => {
  const n = spec.amendments.length + (spec.abolishAfter === null ? 0 : 1);
  const idx = Array.from({ length: n }, (_, i) => i);
  return fc.record({
    spec: fc.constant(spec),
    order: fc.shuffledSubarray(idx, { minLength: n, maxLength: n }),
    cut: fc.integer({ min: 1, max: n + 1 }),
    extra: fc.integer({ min: -100, max: 8000 }),
  });
});

const stores: [string, () => EventStore][] = [
  ["MemoryEventStore", () => new MemoryEventStore()],
  ["SqliteEventStore", () => new SqliteEventStore(":memory:")],
];

describe.each(stores)("as-of law on %s", (_name, makeStore) => {
  it("random histories recorded in random order: asOf equals the naive replay, and knownAt the replay of what was recorded by then", () => {
    fc.assert(
      fc.property(caseArb, ({ spec, order, cut, extra }) => {
        const store = makeStore();
        let t = Date.parse("2024-01-01T00:00:00Z");
        const k = openKyoyaku({ store, clock: () => new Date((t += 60_000)).toISOString() });
        const { conclude, rest } = eventsOf(spec);
        for (const event of [conclude, ...order.map((i) => rest[i]!)]) k.record({ agreementId: ID, event, recordedBy: "property" });
        const stored = k.events(ID);
        const d0 = conclude.dates.concludedOn!;
        const dates = new Set([addDays(d0, -1), d0, addDays(d0, extra)]);
        for (const e of rest) for (const d of [e.dates.appliesFrom!, addDays(e.dates.appliesFrom!, -1)]) dates.add(d);
        const knownAt = stored[cut - 1]!.recordedAt;
        const known = stored.slice(0, cut);
        for (const date of dates) {
          const want = naive(stored, date);
          const got = k.asOf(ID, date);
          expect(got.inForce).toBe(want !== undefined);
          if (want !== undefined) {
            expect(got.root).toBe(contentHash(want));
            expect(got.document).toEqual(want);
          }
          const wantThen = naive(known, date);
          const gotThen = k.asOf(ID, date, { knownAt });
          expect(gotThen.inForce).toBe(wantThen !== undefined);
          if (wantThen !== undefined) expect(gotThen.root).toBe(contentHash(wantThen));
        }
        k.close();
        store.close();
      }),
      { numRuns: 60 },
    );
  });
});
