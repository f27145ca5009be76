/**
 * asOfVersion: the as-of answer without the document. Law: on random histories (drafts,
 * retroactive amendments, a 廃止, random recording order), for every date and every option,
 * `asOfVersion` equals `asOf` minus its document, and the projection's answers — in force or
 * not — equal the replay's (`asOfAnswer` over the stored events). The diff of two dates,
 * which the engine takes from the projection (documents loaded from the node store), equals
 * the diff of the replayed timeline.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../date/index.js";
import type { LegalEventInput, Operation } from "../events/types.js";
import { diffTimeline } from "../diff/index.js";
import { asOfAnswer, buildTimeline } from "../history/index.js";
import { agreement, article, measure } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { MemoryEventStore } from "../store/memory.js";
import { SqliteEventStore } from "../store/sqlite.js";
import type { EventStore } from "../store/types.js";
import { openKyoyaku } from "./engine.js";
import type { AsOfAnswer, AsOfVersion } from "./types.js";

const PARTIES = ["岡山市", "和気町"];
const OPS: readonly ((v: string) => Operation)[] = [
  (v) => ({ op: "replace", target: "article:3", node: article("3", `第3条の${v}`) }),
  (v) => ({ op: "replace", target: "appendix:1/section:I/item:産業振興", node: measure("産業振興", `産業振興の${v}`) }),
  (v) => ({ op: "replaceText", target: "preamble", from: "締結する", to: `締結する（${v}）` }),
];

function legal(payload: LegalEventInput["payload"], concludedOn: string, appliesFrom: string, draft: boolean, label: string): LegalEventInput {
  const text = `${label}:${concludedOn}:${appliesFrom}:${draft}`;
  return {
    payload,
    dates: { concludedOn, appliesFrom, resolutions: { 岡山市: addDays(concludedOn, -1) } },
    draft,
    parties: PARTIES,
    source: { name: `${label}.txt`, text, sha256: sha256(text) },
  };
}

const caseArb = fc.record({
  start: fc.integer({ min: 0, max: 2000 }),
  amendments: fc.uniqueArray(
    fc.record({ offset: fc.integer({ min: 1, max: 3000 }), retro: fc.boolean(), op: fc.integer({ min: 0, max: OPS.length - 1 }), draft: fc.boolean() }),
    { selector: (a) => a.offset, maxLength: 5 },
  ),
  abolishAfter: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  seed: fc.integer(),
});

function withoutDocument(a: AsOfAnswer): AsOfVersion {
  const { document: _document, ...rest } = a;
  return rest;
}

const stores: [string, () => EventStore][] = [
  ["MemoryEventStore", () => new MemoryEventStore()],
  ["SqliteEventStore", () => new SqliteEventStore(":memory:")],
];

describe.each(stores)("asOfVersion on %s", (_name, makeStore) => {
  it("Given random histories, when asked on any date with any options, then asOfVersion is asOf without the document, and the projection answers as the replay", () => {
    fc.assert(
      fc.property(caseArb, ({ start, amendments, abolishAfter, seed }) => {
        const store = makeStore();
        let t = Date.parse("2024-01-01T00:00:00Z");
        const k = openKyoyaku({ store, clock: () => new Date((t += 60_000)).toISOString() });
        const d0 = addDays("2010-01-01", start);
        const rest = amendments.map((a, i) => {
          const from = addDays(d0, a.offset);
          return legal({ kind: "amend", operations: [OPS[a.op]!(`版${i}`)] }, addDays(from, a.retro ? 20 : -10), from, a.draft, `変更${i}`);
        });
        if (abolishAfter !== null) {
          const on = addDays(d0, Math.max(0, ...amendments.map((a) => a.offset)) + abolishAfter);
          rest.push(legal({ kind: "abolish" }, on, on, false, "廃止"));
        }
        // A recording order that depends on the seed (older amendments registered last).
        rest.sort((a, b) => (sha256(`${seed}${a.source!.name}`) < sha256(`${seed}${b.source!.name}`) ? -1 : 1));
        for (const event of [legal({ kind: "conclude", document: agreement() }, d0, d0, false, "締結"), ...rest]) k.record({ agreementId: "v", event, recordedBy: "property" });
        const events = k.events("v");
        const middle = events[Math.floor(events.length / 2)]!.recordedAt;
        const dates = new Set([addDays(d0, -1), d0, addDays(d0, 5000)]);
        for (const e of rest) for (const d of [e.dates.appliesFrom!, addDays(e.dates.appliesFrom!, -1)]) dates.add(d);
        for (const date of dates) {
          for (const options of [{}, { withDrafts: true }, { knownAt: middle }]) {
            const full = k.asOf("v", date, options);
            expect(k.asOfVersion("v", date, options)).toEqual(withoutDocument(full));
            expect(full).toEqual(asOfAnswer("v", events, date, options));
          }
        }
        const replayed = buildTimeline(events);
        if (!replayed.ok) throw new Error("the recorded history does not build");
        const sorted = [...dates].sort();
        for (const [from, to] of [[sorted[0]!, sorted.at(-1)!], [sorted.at(-1)!, sorted[1]!], [sorted[1]!, sorted[Math.floor(sorted.length / 2)]!]] as const) {
          expect(k.diff("v", from, to)).toEqual(diffTimeline(replayed.value, from, to, "v"));
        }
        k.close();
        store.close();
      }),
      { numRuns: 40 },
    );
  });
});

describe("asOfVersion", () => {
  const conclude = legal({ kind: "conclude", document: agreement() }, "2016-10-11", "2016-10-11", false, "締結");

  it("Given a recorded agreement, when asked on a date in force, then it gives the root, interval and events of asOf and no document", () => {
    const k = openKyoyaku({ store: new SqliteEventStore(":memory:") });
    k.record({ agreementId: "okayama-wake", event: conclude, recordedBy: "法規担当" });
    const v = k.asOfVersion("okayama-wake", "2020-04-01");
    expect(v).toEqual({ ...withoutDocument(k.asOf("okayama-wake", "2020-04-01")) });
    expect(v.inForce).toBe(true);
    expect(v.interval).toEqual({ from: "2016-10-11", to: null });
    expect("document" in v).toBe(false);
    expect(Object.isFrozen(v)).toBe(true);
    k.close();
  });

  it("Given a date before the first 適用日, when asked, then it is not in force with the replay's reason", () => {
    const k = openKyoyaku({ store: new SqliteEventStore(":memory:") });
    k.record({ agreementId: "okayama-wake", event: conclude, recordedBy: "法規担当" });
    const v = k.asOfVersion("okayama-wake", "2016-10-10");
    expect(v.inForce).toBe(false);
    expect(v.reason).toBe("平成28年10月10日（2016-10-10）は最初の適用日 平成28年10月11日（2016-10-11）より前");
    expect(v).toEqual(withoutDocument(asOfAnswer("okayama-wake", k.events("okayama-wake"), "2016-10-10")));
    k.close();
  });

  it("Given no such agreement, when asked, then it throws not-found.agreement; a bad date is input.invalid", () => {
    const k = openKyoyaku({});
    expect(() => k.asOfVersion("nothing", "2020-04-01")).toThrow(KyoyakuError);
    try {
      k.asOfVersion("nothing", "2020-04-01");
    } catch (e) {
      expect((e as KyoyakuError).code).toBe("not-found.agreement");
    }
    k.record({ agreementId: "okayama-wake", event: conclude, recordedBy: "法規担当" });
    expect(() => k.asOfVersion("okayama-wake", "2020-02-30")).toThrow(/2020-02-30/u);
    k.close();
  });
});
