/**
 * Law: recording a list of requests with recordMany, cut into batches anywhere, stores
 * exactly what recording them one by one with record stores — the same events (seqs, hashes),
 * the same projections, the same results (duplicates included) — on both stores.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../date/index.js";
import type { LegalEventInput } from "../events/types.js";
import { agreement, PARTIES, SAMPLE_CHANGES } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import { MemoryEventStore } from "../store/memory.js";
import { SqliteEventStore } from "../store/sqlite.js";
import type { EventStore } from "../store/types.js";
import { openKyoyaku } from "./engine.js";
import type { Kyoyaku, RecordRequest } from "./types.js";


interface Spec {
  readonly start: number;
  readonly amendments: readonly { readonly offset: number; readonly retro: boolean; readonly target: number; readonly draft: boolean }[];
  readonly abolish: boolean;
}

function legal(id: string, payload: LegalEventInput["payload"], concludedOn: string, appliesFrom: string, draft: boolean, label: string): LegalEventInput {
  const text = `${id}:${label}:${concludedOn}:${appliesFrom}:${draft}`;
  return {
    payload,
    dates: { concludedOn, appliesFrom, resolutions: Object.fromEntries(PARTIES.map((p) => [p, addDays(concludedOn, -1)])) },
    draft,
    parties: PARTIES,
    source: { name: `${label}.txt`, text, sha256: sha256(text) },
  };
}

/** One agreement's events: the 締結, amendments (some retroactive, some drafts), maybe a 廃止 after them all. */
function eventsOf(id: string, spec: Spec): LegalEventInput[] {
  const d0 = addDays("2010-01-01", spec.start);
  const out = [legal(id, { kind: "conclude", document: agreement() }, d0, d0, false, "締結")];
  spec.amendments.forEach((a, i) => {
    const appliesFrom = addDays(d0, a.offset);
    out.push(legal(id, { kind: "amend", operations: [SAMPLE_CHANGES[a.target]!(`版${i}`)] }, addDays(appliesFrom, a.retro ? 30 : -10), appliesFrom, a.draft, `変更${i}`));
  });
  if (spec.abolish) {
    const on = addDays(d0, Math.max(0, ...spec.amendments.map((a) => a.offset)) + 100);
    out.push(legal(id, { kind: "abolish" }, on, on, false, "廃止"));
  }
  return out;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  start: fc.integer({ min: 0, max: 3000 }),
  amendments: fc.uniqueArray(
    fc.record({ offset: fc.integer({ min: 1, max: 4000 }), retro: fc.boolean(), target: fc.integer({ min: 0, max: SAMPLE_CHANGES.length - 1 }), draft: fc.boolean() }),
    { selector: (a) => a.offset, maxLength: 5 },
  ),
  abolish: fc.boolean(),
});

/**
 * Requests over two agreements: each agreement's 締結 first, the rest in a random
 * interleaving (older amendments recorded last), a few sources repeated; then where to cut
 * them into batches.
 */
const caseArb = fc.tuple(specArb, specArb).chain(([a, b]) => {
  const rest = [...eventsOf("a", a).slice(1).map((e) => ["a", e] as const), ...eventsOf("b", b).slice(1).map((e) => ["b", e] as const)];
  const n = rest.length;
  return fc.record({
    heads: fc.constant([["a", eventsOf("a", a)[0]!], ["b", eventsOf("b", b)[0]!]] as const),
    rest: fc.shuffledSubarray(rest, { minLength: n, maxLength: n }),
    repeats: fc.array(fc.nat(), { maxLength: 2 }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: n + 4 }), { maxLength: 4 }),
  });
});

const stores: [string, () => EventStore][] = [
  ["MemoryEventStore", () => new MemoryEventStore()],
  ["SqliteEventStore", () => new SqliteEventStore(":memory:")],
];

function contents(k: Kyoyaku): unknown {
  return k.agreements().map((a) => ({ a, events: k.events(a.id), timeline: k.timeline(a.id).versions.map((v) => [v.interval, v.root, v.events]) }));
}

describe.each(stores)("recordMany law on %s", (_name, makeStore) => {
  it("requests recorded with recordMany in any batches store what record stores one by one", () => {
    fc.assert(
      fc.property(caseArb, ({ heads, rest, repeats, cuts }) => {
        const list: (readonly [string, LegalEventInput])[] = [...heads, ...rest];
        for (const r of repeats) list.push(list[r % list.length]!);
        const t0 = Date.parse("2024-01-01T00:00:00Z");
        const requests: RecordRequest[] = list.map(([agreementId, event], i) => ({ agreementId, event, recordedBy: "property", recordedAt: new Date(t0 + i * 60_000).toISOString() }));

        const one = openKyoyaku({ store: makeStore() });
        const singly = requests.map((r) => one.record(r));
        const many = openKyoyaku({ store: makeStore() });
        const bounds = [0, ...[...cuts].sort((x, y) => x - y).filter((c) => c < requests.length), requests.length];
        const batched = bounds.slice(1).flatMap((end, i) => many.recordMany(requests.slice(bounds[i], end)));

        expect(batched).toEqual(singly);
        expect(contents(many)).toEqual(contents(one));
        expect(many.verify()).toEqual(one.verify());
        expect(many.verify().ok).toBe(true);
        one.close();
        many.close();
      }),
      { numRuns: 40 },
    );
  });
});
