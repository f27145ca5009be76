/**
 * The one contract test suite every {@link EventStore} must pass (as event-driven-io/emmett
 * runs one suite against each of its stores). Used by store.test.ts; not part of the
 * public API.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../model/canonical.js";
import { isKyoyakuError, KyoyakuError } from "../model/errors.js";
import { eventHash } from "./chain.js";
import { concludeInput, makeDocument, newLegal, testProjector } from "./store.testkit.js";
import type { EventStore, NewEvent } from "./types.js";

const project = testProjector();

function snapshot(store: EventStore): string {
  return canonicalJson({
    stats: store.stats(),
    ids: store.agreementIds(),
    streams: store.agreementIds().map((id) => ({ events: store.read(id), versions: store.versions(id), agreement: store.agreement(id) })),
  });
}

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

/**
 * Register the contract tests for one store implementation.
 *
 * @example
 * eventStoreContract("memory", () => new MemoryEventStore());
 */
export function eventStoreContract(name: string, makeStore: () => EventStore): void {
  const doc1 = makeDocument();
  const doc2 = makeDocument({ variant: { "取組II-2": "（改）" } });
  const doc3 = makeDocument({ variant: { "取組I-1": "（再改）", "取組II-2": "（改）" } });
  const e1 = (): NewEvent => newLegal(concludeInput(doc1, "2016-10-11"));
  const e2 = (): NewEvent => newLegal(concludeInput(doc2, "2020-03-01", { kind: "baseline", appliesFrom: "2020-04-01" }), "2024-02-01T00:00:00.000Z");
  const e3 = (): NewEvent => newLegal(concludeInput(doc3, "2022-03-01", { kind: "baseline", appliesFrom: "2022-04-01" }), "2024-03-01T00:00:00.000Z");

  describe(`EventStore contract: ${name}`, () => {
    it("Given a new agreement, When an event is appended, Then it gets seq 1, prevHash '' and the hash of its envelope", () => {
      const store = makeStore();
      const r = store.append({ agreementId: "okayama-wake", expectedVersion: 0, events: [e1()] }, project);
      expect(r.duplicate).toBe(false);
      const [stored] = store.read("okayama-wake");
      expect(stored?.seq).toBe(1);
      expect(stored?.prevHash).toBe("");
      const { hash, ...envelope } = stored!;
      expect(hash).toBe(eventHash(envelope));
      expect(hash).toMatch(/^[0-9a-f]{64}$/u);
      expect(store.version("okayama-wake")).toBe(1);
      expect(store.version("unknown")).toBe(0);
      expect(store.read("unknown")).toEqual([]);
      expect(store.agreementIds()).toEqual(["okayama-wake"]);
      expect(stored?.legal?.source?.text).toBe(e1().legal?.source?.text);
      store.close();
    });

    it("chains events: gap-free seqs across appends and batches, each prevHash the previous hash", () => {
      const store = makeStore();
      store.append({ agreementId: "a", events: [e1()] }, project);
      store.append({ agreementId: "a", expectedVersion: 1, events: [e2(), e3()] }, project);
      const events = store.read("a");
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(events[1]?.prevHash).toBe(events[0]?.hash);
      expect(events[2]?.prevHash).toBe(events[1]?.hash);
      for (const e of events) {
        const { hash, ...envelope } = e;
        expect(eventHash(envelope)).toBe(hash);
      }
      // Streams are independent.
      store.append({ agreementId: "b", events: [newLegal(concludeInput(makeDocument({ parties: ["岡山市", "備前市"] }), "2016-10-11"))] }, project);
      expect(store.read("b")[0]?.seq).toBe(1);
      expect(store.read("b")[0]?.prevHash).toBe("");
      expect(store.agreementIds()).toEqual(["a", "b"]);
      store.close();
    });

    it("returns frozen events that later changes to the input cannot reach", () => {
      const store = makeStore();
      const input = structuredClone(e1()) as { recordedBy: string };
      store.append({ agreementId: "a", events: [input as NewEvent] }, project);
      input.recordedBy = "someone else";
      const [stored] = store.read("a");
      expect(stored?.recordedBy).toBe("法規担当");
      expect(Object.isFrozen(stored)).toBe(true);
      expect(Object.isFrozen(stored?.legal?.payload)).toBe(true);
      store.close();
    });

    it("Given version 1, When appending with expectedVersion 0, Then concurrency.conflict with details and nothing written", () => {
      const store = makeStore();
      store.append({ agreementId: "a", expectedVersion: 0, events: [e1()] }, project);
      const before = snapshot(store);
      const err = caught(() => store.append({ agreementId: "a", expectedVersion: 0, events: [e2()] }, project));
      expect(isKyoyakuError(err)).toBe(true);
      expect((err as KyoyakuError).code).toBe("concurrency.conflict");
      expect((err as KyoyakuError).details).toEqual({ agreementId: "a", expected: 0, actual: 1 });
      expect(snapshot(store)).toBe(before);
      // The right version goes through.
      expect(store.append({ agreementId: "a", expectedVersion: 1, events: [e2()] }, project).duplicate).toBe(false);
      store.close();
    });

    it("is idempotent on the source SHA-256: the same text again, anywhere, records nothing and returns the existing event", () => {
      const store = makeStore();
      store.append({ agreementId: "a", events: [e1()] }, project);
      const before = snapshot(store);
      const again = store.append({ agreementId: "other", events: [e1()] }, project);
      expect(again.duplicate).toBe(true);
      if (again.duplicate) {
        expect(again.existing.agreementId).toBe("a");
        expect(again.existing.seq).toBe(1);
      }
      // Even a stale expectedVersion does not matter for a duplicate: nothing is written.
      expect(store.append({ agreementId: "a", expectedVersion: 7, events: [e1()] }, project).duplicate).toBe(true);
      expect(snapshot(store)).toBe(before);
      expect(store.findBySource(e1().legal!.source!.sha256)?.hash).toBe(store.read("a")[0]?.hash);
      expect(store.findBySource("0".repeat(64))).toBeUndefined();
      store.close();
    });

    it("refuses an empty append and the same source twice in one append", () => {
      const store = makeStore();
      expect((caught(() => store.append({ agreementId: "a", events: [] }, project)) as KyoyakuError).code).toBe("input.invalid");
      expect((caught(() => store.append({ agreementId: "a", events: [e1(), e1()] }, project)) as KyoyakuError).code).toBe("input.invalid");
      expect(store.stats().events).toBe(0);
      store.close();
    });

    it("Given a projector that throws mid-append, Then events, sources, nodes and projections are all unchanged", () => {
      const store = makeStore();
      store.append({ agreementId: "a", events: [e1()] }, project);
      const before = snapshot(store);
      const failing = testProjector((events) => events.length >= 2);
      expect(() => store.append({ agreementId: "a", expectedVersion: 1, events: [e2()] }, failing)).toThrow("projector failed on purpose");
      expect(snapshot(store)).toBe(before);
      expect(store.findBySource(e2().legal!.source!.sha256)).toBeUndefined();
      expect(store.load(contentHash(doc2))).toBeUndefined();
      // Nothing stale is left behind: the next append continues the chain at seq 2.
      store.append({ agreementId: "a", expectedVersion: 1, events: [e2()] }, project);
      expect(store.read("a").map((e) => e.seq)).toEqual([1, 2]);
      expect(store.load(contentHash(doc2))).toEqual(doc2);
      store.close();
    });

    it("projects half-open version intervals and answers as-of lookups from them", () => {
      const store = makeStore();
      // Recorded out of order: the 2022 version first.
      store.append({ agreementId: "a", events: [e3()] }, project);
      store.append({ agreementId: "a", events: [e1()] }, project);
      store.append({ agreementId: "a", events: [e2()] }, project);
      const versions = store.versions("a");
      expect(versions.map((v) => v.interval)).toEqual([
        { from: "2016-10-11", to: "2020-04-01" },
        { from: "2020-04-01", to: "2022-04-01" },
        { from: "2022-04-01", to: null },
      ]);
      expect(versions.map((v) => v.root)).toEqual([contentHash(doc1), contentHash(doc2), contentHash(doc3)]);
      expect(store.versionAt("a", "2016-10-10")).toBeUndefined();
      expect(store.versionAt("a", "2016-10-11")?.root).toBe(contentHash(doc1));
      expect(store.versionAt("a", "2020-03-31")?.root).toBe(contentHash(doc1));
      expect(store.versionAt("a", "2020-04-01")?.root).toBe(contentHash(doc2));
      expect(store.versionAt("a", "2099-01-01")?.root).toBe(contentHash(doc3));
      expect(store.load(versions[1]!.root)).toEqual(doc2);
      expect(store.agreement("a")).toMatchObject({ agreementId: "a", title: doc1.title, firstAppliesFrom: "2016-10-11", parties: ["岡山市", "和気町"] });
      expect(store.agreement("zzz")).toBeUndefined();
      store.close();
    });

    it("ends the last version at a 廃止 and lists the versions in force on a date across agreements", () => {
      const store = makeStore();
      store.append({ agreementId: "a", events: [e1()] }, project);
      store.append({ agreementId: "b", events: [newLegal(concludeInput(makeDocument({ parties: ["岡山市", "備前市"] }), "2018-01-01"))] }, project);
      const abolish: NewEvent = {
        kind: "abolish",
        legal: { payload: { kind: "abolish" }, dates: { concludedOn: "2021-03-31", resolutions: {} }, draft: false, parties: ["岡山市", "和気町"] },
        recordedAt: "2024-05-01T00:00:00.000Z",
        recordedBy: "法規担当",
      };
      store.append({ agreementId: "a", events: [abolish] }, project);
      expect(store.versions("a").map((v) => v.interval)).toEqual([{ from: "2016-10-11", to: "2021-03-31" }]);
      expect(store.agreement("a")?.abolishedFrom).toBe("2021-03-31");
      expect(store.versionsOn("2017-01-01").map((v) => v.agreementId)).toEqual(["a"]);
      expect(store.versionsOn("2020-01-01").map((v) => v.agreementId)).toEqual(["a", "b"]);
      expect(store.versionsOn("2021-03-30").map((v) => v.agreementId)).toEqual(["a", "b"]);
      expect(store.versionsOn("2021-03-31").map((v) => v.agreementId)).toEqual(["b"]);
      store.close();
    });

    it("stores provisions once: two versions sharing all but one 取組 add only the changed nodes", () => {
      const store = makeStore();
      const first = store.putDocument(doc1);
      // A row per provision (store/nodes.ts): the document and its front matter, 6 articles,
      // 1 appendix, 3 sections and 12 取組; lists, parties, 項 and fields are inline.
      expect(first.added).toBe(2 + 6 + 1 + 3 + 12);
      expect(first.root).toBe(contentHash(doc1));
      const nodesBefore = store.stats().nodes;
      const second = store.putDocument(doc2);
      // The changed 取組, its section, the 別表 and the document: 4 new rows; the articles and
      // every other 取組 are shared.
      expect(second.added).toBe(4);
      expect(store.stats().nodes).toBe(nodesBefore + 4);
      expect(store.putDocument(doc2).added).toBe(0);
      expect(store.load(first.root)).toEqual(doc1);
      expect(store.load(second.root)).toEqual(doc2);
      expect(store.load("f".repeat(64))).toBeUndefined();
      store.close();
    });

    it("rebuilds projections from events alone equal to the incremental ones", () => {
      const store = makeStore();
      store.append({ agreementId: "a", events: [e2()] }, project);
      store.append({ agreementId: "a", events: [e1(), e3()] }, project);
      store.append({ agreementId: "b", events: [newLegal(concludeInput(makeDocument({ parties: ["岡山市", "備前市"] }), "2018-01-01"))] }, project);
      const before = snapshot(store);
      store.rebuildProjections(project);
      expect(snapshot(store)).toBe(before);
      store.close();
    });

    it("verifies an untouched store as ok, counting agreements and events", () => {
      const store = makeStore();
      expect(store.verify(project)).toEqual({ ok: true, agreements: 0, events: 0, problems: [], heads: [] });
      store.append({ agreementId: "a", events: [e1(), e2()] }, project);
      store.append({ agreementId: "b", events: [e3()] }, project);
      const heads = ["a", "b"].map((id) => ({ agreementId: id, seq: store.version(id), hash: store.read(id).at(-1)!.hash }));
      expect(store.verify(project)).toEqual({ ok: true, agreements: 2, events: 3, problems: [], heads });
      store.close();
    });

    it("verify reports projections that the events no longer give (a different projector) at the first differing version", () => {
      const store = makeStore();
      store.append({ agreementId: "a", events: [e1(), e2(), e3()] }, project);
      // A projector that forgets the last event: the version made by seq 2 no longer ends
      // on 2022-04-01, and the one made by seq 3 is missing. The first difference is reported.
      const forgetful = testProjector();
      const report = store.verify((id, events) => forgetful(id, events.slice(0, 2)));
      expect(report.ok).toBe(false);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatchObject({ agreementId: "a", seq: 2, code: "projection.mismatch" });
      store.close();
    });

    describe("appendMany (one transaction for many requests)", () => {
      const docB = makeDocument({ parties: ["岡山市", "備前市"] });
      const b1 = (): NewEvent => newLegal(concludeInput(docB, "2018-01-01"), "2024-01-02T00:00:00.000Z");
      const batch = () => [
        { agreementId: "a", expectedVersion: 0, events: [e1()] },
        { agreementId: "b", events: [b1()] },
        { agreementId: "a", expectedVersion: 1, events: [e2()] },
        { agreementId: "a", expectedVersion: 2, events: [e3()] },
      ];

      it("Given no requests, Then it returns [] and writes nothing", () => {
        const store = makeStore();
        expect(store.appendMany([], project)).toEqual([]);
        expect(store.stats().events).toBe(0);
        store.close();
      });

      it("Given a batch over two agreements, Then it gives the same events, hashes and projections as appending one by one", () => {
        const one = makeStore();
        for (const r of batch()) one.append(r, project);
        const many = makeStore();
        const results = many.appendMany(batch(), project);
        expect(results.map((r) => [r.duplicate, r.version])).toEqual([[false, 1], [false, 1], [false, 2], [false, 3]]);
        expect(results.map((r) => (r.duplicate ? [] : r.events.map((e) => e.hash)))).toEqual([1, 1, 2, 3].map((seq, i) => [(i === 1 ? one.read("b") : one.read("a"))[seq - 1]!.hash]));
        expect(snapshot(many)).toBe(snapshot(one));
        expect(many.load(contentHash(doc3))).toEqual(doc3);
        expect(many.verify(project).ok).toBe(true);
        // The chain goes on from where the batch left it.
        expect(many.append({ agreementId: "a", expectedVersion: 3, events: [newLegal(concludeInput(makeDocument({ variant: { "取組I-2": "（後）" } }), "2023-01-01"), "2024-04-01T00:00:00.000Z")] }, project).version).toBe(4);
        one.close();
        many.close();
      });

      it("projects each agreement once per call, after all its events of the batch", () => {
        const store = makeStore();
        const seen: [string, number][] = [];
        const counting: typeof project = (id, events) => {
          seen.push([id, events.length]);
          return project(id, events);
        };
        store.appendMany(batch(), counting);
        expect(seen).toEqual([["a", 3], ["b", 1]]);
        store.close();
      });

      it("Given a source already recorded or repeated within the batch, Then that request is a duplicate and the rest land", () => {
        const store = makeStore();
        store.append({ agreementId: "a", events: [e1()] }, project);
        const results = store.appendMany([
          { agreementId: "a", events: [e1()] }, // recorded before
          { agreementId: "a", expectedVersion: 1, events: [e2()] },
          { agreementId: "other", expectedVersion: 9, events: [e2()] }, // repeated within the batch: nothing checked, nothing written
          { agreementId: "b", events: [b1()] },
        ], project);
        expect(results.map((r) => r.duplicate)).toEqual([true, false, true, false]);
        expect(results[0]).toMatchObject({ duplicate: true, existing: { agreementId: "a", seq: 1 }, version: 1 });
        expect(results[2]).toEqual({ duplicate: true, existing: store.read("a")[1], version: 0 });
        expect(store.read("a").map((e) => e.seq)).toEqual([1, 2]);
        expect(store.version("other")).toBe(0);
        expect(store.findBySource(e2().legal!.source!.sha256)?.agreementId).toBe("a");
        store.close();
      });

      it("refuses an empty request and the same source twice in one request, naming the request, and writes nothing", () => {
        const store = makeStore();
        const err = caught(() => store.appendMany([{ agreementId: "a", events: [e1()] }, { agreementId: "b", events: [b1(), b1()] }], project)) as KyoyakuError;
        expect(err.code).toBe("input.invalid");
        expect(err.details).toMatchObject({ index: 1, agreementId: "b" });
        expect(err.message).toContain("要求 [1]（b）");
        expect(store.stats().events).toBe(0);
        store.close();
      });

      it("Given an expectedVersion the earlier requests of the batch make wrong, Then concurrency.conflict naming the request and nothing written", () => {
        const store = makeStore();
        store.append({ agreementId: "b", events: [b1()] }, project);
        const before = snapshot(store);
        const err = caught(() => store.appendMany([
          { agreementId: "a", expectedVersion: 0, events: [e1()] },
          { agreementId: "a", expectedVersion: 0, events: [e2()] }, // the first request made it 1
          { agreementId: "a", events: [e3()] },
        ], project)) as KyoyakuError;
        expect(err.code).toBe("concurrency.conflict");
        expect(err.details).toEqual({ agreementId: "a", expected: 0, actual: 1, index: 1 });
        expect(snapshot(store)).toBe(before);
        store.close();
      });

      it("Given a projector that fails on one agreement of the batch, Then events, sources, nodes, projections and caches are all as before", () => {
        const store = makeStore();
        store.append({ agreementId: "a", events: [e1()] }, project);
        store.append({ agreementId: "b", events: [b1()] }, project);
        // Warm every cache the store has: events, agreement rows, versions, nodes.
        for (const id of ["a", "b"]) {
          store.read(id);
          store.agreement(id);
          store.versions(id);
          store.load(store.versions(id)[0]!.root);
        }
        const before = snapshot(store);
        const b2 = newLegal(concludeInput(makeDocument({ parties: ["岡山市", "備前市"], variant: { "取組III-1": "（改）" } }), "2019-01-01"), "2024-06-01T00:00:00.000Z");
        const failing = testProjector((events) => events[0]?.agreementId === "b" && events.length >= 2);
        expect(() => store.appendMany([
          { agreementId: "a", expectedVersion: 1, events: [e2()] },
          { agreementId: "b", expectedVersion: 1, events: [b2] },
          { agreementId: "a", expectedVersion: 2, events: [e3()] },
        ], failing)).toThrow("projector failed on purpose");
        expect(snapshot(store)).toBe(before);
        expect(store.findBySource(e2().legal!.source!.sha256)).toBeUndefined();
        expect(store.load(contentHash(doc2))).toBeUndefined();
        expect(store.load(contentHash(doc3))).toBeUndefined();
        // Nothing stale is left behind: the same batch goes through with a sound projector.
        const results = store.appendMany([
          { agreementId: "a", expectedVersion: 1, events: [e2()] },
          { agreementId: "b", expectedVersion: 1, events: [b2] },
          { agreementId: "a", expectedVersion: 2, events: [e3()] },
        ], project);
        expect(results.map((r) => r.version)).toEqual([2, 2, 3]);
        expect(store.read("a").map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(store.versions("a").map((v) => v.root)).toEqual([contentHash(doc1), contentHash(doc2), contentHash(doc3)]);
        expect(store.verify(project).ok).toBe(true);
        store.close();
      });
    });

    it("throws KyoyakuError, not a raw error, on a conflict even for a batch", () => {
      const store = makeStore();
      const err = caught(() => store.append({ agreementId: "new", expectedVersion: 3, events: [e1()] }, project));
      expect(err).toBeInstanceOf(KyoyakuError);
      expect((err as KyoyakuError).details).toEqual({ agreementId: "new", expected: 3, actual: 0 });
      store.close();
    });
  });
}
