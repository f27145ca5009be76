import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EventDates, LegalEventInput, LegalPayload, Operation } from "../events/types.js";
import { agreement, article, dates, measure } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { MemoryEventStore } from "../store/memory.js";
import { openKyoyaku } from "./engine.js";
import type { Kyoyaku, RecordRequest } from "./types.js";

const A = "okayama-wake";
const B = "okayama-bizen";

function legal(payload: LegalPayload, d: EventDates, name: string, parties = ["岡山市", "和気町"]): LegalEventInput {
  const text = `${name}\n${JSON.stringify(payload)}\n${JSON.stringify(d)}`;
  return { payload, dates: d, draft: false, parties, source: { name: `${name}.txt`, text, sha256: sha256(text) } };
}
const amend = (ops: Operation[], d: EventDates, name: string): LegalEventInput => legal({ kind: "amend", operations: ops }, d, name);

const CONCLUDE_A = legal({ kind: "conclude", document: agreement() }, dates("2016-10-11"), "締結A");
const CONCLUDE_B = legal({ kind: "conclude", document: agreement({ parties: [{ role: "甲", name: "岡山市" }, { role: "乙", name: "備前市" }] }) }, {
  concludedOn: "2017-04-01", resolutions: { 岡山市: "2017-03-01", 備前市: "2017-03-01" },
}, "締結B", ["岡山市", "備前市"]);
const AMEND_2018 = amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2018-03-20", "2018-04-01"), "変更2018");
const AMEND_2019 = amend([{ op: "replace", target: "appendix:1/section:I/item:産業振興", node: measure("産業振興", "産業振興（2019年版）に取り組む。") }], dates("2019-03-20", "2019-04-01"), "変更2019");
// 遡及適用 (applies before its 締結日), inserting 第5条の2, which AMEND_2022 then edits.
const AMEND_2021_RETRO = amend([{ op: "insert", parent: "articles", after: "article:5", node: article("5の2", "甲及び乙は、連携の状況を公表する。") }], dates("2021-06-01", "2021-04-01"), "変更2021");
const AMEND_2022 = amend([{ op: "replaceText", target: "article:5の2", from: "公表する", to: "毎年公表する" }], dates("2022-03-20", "2022-04-01"), "変更2022");
const ABOLISH_2030 = legal({ kind: "abolish" }, dates("2030-03-20", "2030-04-01"), "廃止");

/** Requests with explicit recordedAt, one hour apart, so two ways of recording give the same hashes. */
function requests(events: readonly [string, LegalEventInput][], from = "2024-04-01T00:00:00.000Z"): RecordRequest[] {
  const t0 = Date.parse(from);
  return events.map(([agreementId, event], i) => ({ agreementId, event, recordedBy: "法規担当", recordedAt: new Date(t0 + i * 3_600_000).toISOString() }));
}

// The 2019 amendment is recorded after the 2021 and 2022 ones (out of order); agreements interleave.
const HISTORY: [string, LegalEventInput][] = [
  [A, CONCLUDE_A], [B, CONCLUDE_B], [A, AMEND_2018], [A, AMEND_2021_RETRO], [A, AMEND_2022], [A, AMEND_2019], [A, ABOLISH_2030],
];

interface Subject {
  readonly k: Kyoyaku;
  /** Everything stored: the bytes of the SQLite files, or the events, projections and verify report. */
  fingerprint(): string;
}

const subjects: [string, () => Subject][] = [
  ["memory", () => {
    const k = openKyoyaku({});
    return { k, fingerprint: () => JSON.stringify(k.agreements().map((a) => [a, k.events(a.id)])) + JSON.stringify(k.verify()) };
  }],
  ["sqlite", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-many-")), "k.db");
    const k = openKyoyaku({ path });
    const bytes = (p: string): string => (existsSync(p) ? createHash("sha256").update(readFileSync(p)).digest("hex") : "-");
    return { k, fingerprint: () => `${bytes(path)}:${bytes(`${path}-wal`)}` };
  }],
];

/** What a reader sees of one engine: events (with hashes), versions, as-of answers, verify. */
function observed(k: Kyoyaku): unknown {
  return {
    agreements: k.agreements(),
    events: [A, B].map((id) => k.events(id)),
    timelines: [A, B].map((id) => k.timeline(id).versions.map((v) => [v.interval, v.root, v.events, v.changedBy])),
    asOf: ["2016-10-11", "2018-04-01", "2019-04-01", "2021-04-01", "2022-04-01", "2030-04-01"].map((d) => k.asOf(A, d)),
    verify: k.verify(),
  };
}

function caught(f: () => unknown): KyoyakuError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(KyoyakuError);
    return e as KyoyakuError;
  }
  throw new Error("expected a KyoyakuError");
}

describe.each(subjects)("recordMany on %s", (_name, make) => {
  it("Given a history over two agreements (retroactive, out of order, a 廃止), When recorded in one call, Then events, hashes, projections and answers equal recording one by one", () => {
    const one = make();
    const singly = requests(HISTORY).map((r) => one.k.record(r));
    const many = make();
    const batch = many.k.recordMany(requests(HISTORY));
    expect(batch).toEqual(singly);
    expect(batch.map((r) => [r.agreementId, r.event.seq, r.duplicate])).toEqual([[A, 1, false], [B, 1, false], [A, 2, false], [A, 3, false], [A, 4, false], [A, 5, false], [A, 6, false]]);
    expect(batch[3]!.issues.map((i) => i.code)).toContain("rule.retroactive");
    expect(observed(many.k)).toEqual(observed(one.k));
    // The projection answers what a replay answers.
    for (const d of ["2019-04-01", "2022-04-01"]) {
      const { knownAt: _k, ...replayed } = many.k.asOf(A, d, { knownAt: "2999-01-01T00:00:00Z" });
      expect(many.k.asOf(A, d)).toEqual(replayed);
    }
    one.k.close();
    many.k.close();
  });

  it("Given an empty list, Then [] and nothing written; given something else than a list, Then input.invalid", () => {
    const s = make();
    const before = s.fingerprint();
    expect(s.k.recordMany([])).toEqual([]);
    expect(caught(() => s.k.recordMany("nope" as unknown as RecordRequest[])).code).toBe("input.invalid");
    expect(s.fingerprint()).toBe(before);
    s.k.close();
  });

  it("Given a request that breaks a rule only because of an earlier request of the batch, Then rule.violation naming that request, and nothing written", () => {
    const s = make();
    s.k.record(requests([[A, CONCLUDE_A]], "2024-01-01T00:00:00.000Z")[0]!);
    const before = s.fingerprint();
    const late = amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], dates("2031-03-20", "2031-04-01"), "廃止後");
    const err = caught(() => s.k.recordMany(requests([[B, CONCLUDE_B], [A, AMEND_2018], [A, ABOLISH_2030], [A, late]])));
    expect(err.code).toBe("rule.violation");
    expect(err.issues.map((i) => i.code)).toContain("rule.after-abolition");
    expect(err.details).toEqual({ agreementId: A, index: 3, source: "廃止後.txt" });
    expect(err.message).toMatch(/^要求 \[3\]（okayama-wake、廃止後\.txt）: 受け付けなかった（何も記録していない）: /u);
    expect(s.fingerprint()).toBe(before);
    expect(s.k.version(A)).toBe(1);
    expect(s.k.version(B)).toBe(0);
    // A request that needs an earlier one of the batch passes: 第5条の2 exists once AMEND_2021_RETRO is in.
    expect(s.k.recordMany(requests([[A, AMEND_2021_RETRO], [A, AMEND_2022]])).map((r) => r.event.seq)).toEqual([2, 3]);
    s.k.close();
  });

  it("Given sources recorded before or repeated within the batch, Then duplicates as record gives them; the same source in another agreement is refused", () => {
    const s = make();
    const first = s.k.record(requests([[A, CONCLUDE_A]], "2024-01-01T00:00:00.000Z")[0]!);
    const results = s.k.recordMany(requests([[A, CONCLUDE_A], [A, AMEND_2018], [A, AMEND_2018], [B, CONCLUDE_B]]));
    expect(results.map((r) => [r.duplicate, r.event.seq, r.status])).toEqual([[true, 1, "ratified"], [false, 2, undefined], [true, 2, "ratified"], [false, 1, undefined]]);
    expect(results[0]!.event).toEqual(first.event);
    expect(results[2]!.event).toEqual(results[1]!.event);
    expect(s.k.version(A)).toBe(2);

    const before = s.fingerprint();
    // Repeated within the batch, into another agreement.
    const inBatch = caught(() => s.k.recordMany(requests([[A, AMEND_2019], [B, AMEND_2019]], "2025-01-01T00:00:00.000Z")));
    expect(inBatch.code).toBe("source.recorded-elsewhere");
    expect(inBatch.details).toEqual({ agreementId: A, seq: 3, requested: B, index: 1, source: "変更2019.txt" });
    expect(inBatch.message).toContain("要求 [1]（okayama-bizen、変更2019.txt）");
    // Recorded before, in another agreement.
    const stored = caught(() => s.k.recordMany(requests([[A, AMEND_2019], [B, AMEND_2018]], "2025-01-01T00:00:00.000Z")));
    expect(stored.code).toBe("source.recorded-elsewhere");
    expect(stored.details).toMatchObject({ agreementId: A, seq: 2, requested: B, index: 1 });
    expect(s.fingerprint()).toBe(before);
    s.k.close();
  });

  it("applies expectedVersion and the forward order of recordedAt in request order, naming the request that fails", () => {
    const s = make();
    const ok = s.k.recordMany(requests([[A, CONCLUDE_A], [A, AMEND_2018]]).map((r, i) => ({ ...r, expectedVersion: i })));
    expect(ok.map((r) => r.event.seq)).toEqual([1, 2]);
    const before = s.fingerprint();
    const stale = caught(() => s.k.recordMany(requests([[A, AMEND_2019], [A, AMEND_2021_RETRO]], "2025-01-01T00:00:00.000Z").map((r) => ({ ...r, expectedVersion: 2 }))));
    expect(stale.code).toBe("concurrency.conflict");
    expect(stale.details).toEqual({ agreementId: A, expected: 2, actual: 3, index: 1, source: "変更2021.txt" });
    const [r0, r1] = requests([[A, AMEND_2019], [A, AMEND_2021_RETRO]], "2025-01-01T00:00:00.000Z");
    const backwards = caught(() => s.k.recordMany([{ ...r1! }, { ...r0!, recordedAt: "2024-12-31T00:00:00.000Z" }]));
    expect(backwards.code).toBe("input.invalid");
    expect(backwards.details).toMatchObject({ index: 1, agreementId: A });
    expect(backwards.message).toContain("記録は時刻の順にしか進まない");
    const badId = caught(() => s.k.recordMany([r0!, { ...r1!, agreementId: "a b" }]));
    expect(badId.code).toBe("input.invalid");
    expect(badId.details).toMatchObject({ index: 1, agreementId: "a b" });
    expect(s.fingerprint()).toBe(before);
    s.k.close();
  });
});

describe("recordMany, another writer in between", () => {
  it("Given another writer records into an agreement of the batch between the check and the commit, Then concurrency.conflict naming the request, and nothing of the batch written", () => {
    let raced = false;
    // A store whose appendMany lets another writer (whose record appends with append) in first, once.
    class Racy extends MemoryEventStore {
      override appendMany(...args: Parameters<MemoryEventStore["appendMany"]>): ReturnType<MemoryEventStore["appendMany"]> {
        if (!raced) {
          raced = true;
          other.record(requests([[A, AMEND_2018]], "2024-02-01T00:00:00.000Z")[0]!);
        }
        return super.appendMany(...args);
      }
    }
    const store = new Racy();
    const other = openKyoyaku({ store });
    const k = openKyoyaku({ store });
    k.record(requests([[A, CONCLUDE_A]], "2024-01-01T00:00:00.000Z")[0]!);
    const err = caught(() => k.recordMany(requests([[B, CONCLUDE_B], [A, AMEND_2019]])));
    expect(err.code).toBe("concurrency.conflict");
    expect(err.details).toEqual({ agreementId: A, expected: 1, actual: 2, index: 1, source: "変更2019.txt" });
    expect(err.message).toMatch(/^要求 \[1\]（okayama-wake、変更2019\.txt）: 協約 okayama-wake の版は 2 で、想定した 1 ではない/u);
    expect(store.version(B)).toBe(0);
    expect(store.read(A).map((e) => e.legal?.source?.name)).toEqual(["締結A.txt", "変更2018.txt"]);
    // Read again and retry: it goes through.
    expect(k.recordMany(requests([[B, CONCLUDE_B], [A, AMEND_2019]], "2024-03-01T00:00:00.000Z")).map((r) => r.event.seq)).toEqual([1, 3]);
  });
});

describe("recordMany, read-only", () => {
  it("refuses to write on a read-only engine", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-many-ro-")), "k.db");
    openKyoyaku({ path }).close();
    const k = openKyoyaku({ path, readonly: true });
    expect(caught(() => k.recordMany(requests([[A, CONCLUDE_A]]))).message).toContain("読取り専用");
    k.close();
  });
});
