import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EventDates, LegalEventInput, LegalPayload, Operation } from "../events/types.js";
import { agreement, article, dates, measure } from "../history/testing.testkit.js";
import { contentHash, sha256 } from "../model/canonical.js";
import type { AppendixItem, Article } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";
import { resolveAddress } from "../model/address.js";
import { openKyoyaku } from "./engine.js";
import type { Kyoyaku } from "./types.js";

const ID = "okayama-wake";
const PARTIES = ["岡山市", "和気町"];

function legal(payload: LegalPayload, d: EventDates, opts: { draft?: boolean; name?: string } = {}): LegalEventInput {
  const text = `${opts.name ?? payload.kind}\n${JSON.stringify(payload)}\n${JSON.stringify(d)}`;
  return { payload, dates: d, draft: opts.draft ?? false, parties: PARTIES, source: { name: `${opts.name ?? payload.kind}.txt`, text, sha256: sha256(text) } };
}

const conclude = (): LegalEventInput => legal({ kind: "conclude", document: agreement() }, dates("2016-10-11"), { name: "締結" });
const amend = (ops: Operation[], d: EventDates, name: string, draft = false): LegalEventInput => legal({ kind: "amend", operations: ops }, d, { name, draft });
const abolish = (d: EventDates): LegalEventInput => legal({ kind: "abolish" }, d, { name: "廃止" });

/** A ticking clock: each call one hour later. */
function clock(start = "2024-04-01T00:00:00.000Z"): () => string {
  let t = Date.parse(start);
  return () => {
    t += 3_600_000;
    return new Date(t).toISOString();
  };
}

interface Subject {
  readonly k: Kyoyaku;
  /** A fingerprint of everything stored: bytes of the SQLite files, or the stored events and projections. */
  fingerprint(): string;
}

const subjects: [string, () => Subject][] = [
  ["memory", () => {
    const k = openKyoyaku({ clock: clock() });
    return { k, fingerprint: () => JSON.stringify(k.agreements().map((a) => [a, k.events(a.id)])) + JSON.stringify(k.verify()) };
  }],
  ["sqlite", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-engine-")), "k.db");
    const k = openKyoyaku({ path, clock: clock() });
    const bytes = (p: string): string => (existsSync(p) ? createHash("sha256").update(readFileSync(p)).digest("hex") : "-");
    return { k, fingerprint: () => `${bytes(path)}:${bytes(`${path}-wal`)}` };
  }],
];

const text3 = (k: Kyoyaku, date: string): string | undefined =>
  (resolveAddress(k.asOf(ID, date).document!, "article:3") as Article | undefined)?.paragraphs[0]?.text;

/** Expect a rule violation naming `code`, and nothing written. */
function expectRefused(s: Subject, code: string, act: () => unknown): KyoyakuError {
  const before = s.fingerprint();
  const events = s.k.version(ID);
  let err: unknown;
  try {
    act();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(KyoyakuError);
  const k = err as KyoyakuError;
  expect(k.code).toBe("rule.violation");
  expect(k.issues.map((i) => i.code)).toContain(code);
  expect(k.message).toContain(k.issues.find((i) => i.severity === "error")!.message);
  expect(s.k.version(ID)).toBe(events);
  expect(s.fingerprint()).toBe(before);
  return k;
}

const AMEND_2018 = (): LegalEventInput =>
  amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2018-03-20", "2018-04-01"), "変更2018");
const AMEND_2019 = (): LegalEventInput =>
  amend([{ op: "replace", target: "appendix:1/section:I/item:産業振興", node: measure("産業振興", "産業振興（2019年版）に取り組む。") }], dates("2019-03-20", "2019-04-01"), "変更2019");
// Concluded 2021-06-01, applied from 2021-04-01: 遡及適用.
const AMEND_2021_RETRO = (): LegalEventInput =>
  amend([{ op: "insert", parent: "articles", after: "article:5", node: article("5の2", "甲及び乙は、連携の状況を公表する。") }], dates("2021-06-01", "2021-04-01"), "変更2021");

describe.each(subjects)("engine on %s", (_name, make) => {
  it("Given a 締結, several amendments (one retroactive, one recorded out of order) and a 廃止, When asked as of dates, Then each answer is the version in force", () => {
    const s = make();
    const { k } = s;
    expect(k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当", expectedVersion: 0 }).event.seq).toBe(1);
    k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当", expectedVersion: 1 });
    const retro = k.record({ agreementId: ID, event: AMEND_2021_RETRO(), recordedBy: "法規担当" });
    expect(retro.issues.some((i) => i.severity === "warning")).toBe(true);
    // The 2019 amendment is recorded after the 2021 one.
    k.record({ agreementId: ID, event: AMEND_2019(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: abolish(dates("2030-03-20", "2030-04-01")), recordedBy: "法規担当" });

    expect(k.asOf(ID, "2016-10-10")).toMatchObject({ inForce: false, events: [] });
    expect(k.asOf(ID, "2016-10-10").reason).toContain("2016-10-11");
    expect(text3(k, "2016-10-11")).not.toContain("別表第1");
    expect(text3(k, "2018-03-31")).not.toContain("別表第1");
    expect(text3(k, "2018-04-01")).toContain("別表第1");
    const in2019 = k.asOf(ID, "2019-04-01");
    expect(in2019.interval).toEqual({ from: "2019-04-01", to: "2021-04-01" });
    expect(in2019.events.map((e) => e.seq)).toEqual([1, 2, 4]);
    expect((resolveAddress(in2019.document!, "appendix:1/section:I/item:産業振興") as AppendixItem).fields[0]?.text).toContain("2019年版");
    const in2021 = k.asOf(ID, "2021-04-01");
    expect(in2021.document?.articles.map((a) => a.number)).toEqual(["1", "2", "3", "4", "5", "5の2", "6"]);
    expect(in2021.flags.retroactive.map((r) => r.seq)).toEqual([3]);
    expect(in2021.root).toBe(contentHash(in2021.document));
    expect(k.asOf(ID, "2030-03-31").inForce).toBe(true);
    const gone = k.asOf(ID, "2030-04-01");
    expect(gone.inForce).toBe(false);
    expect(gone.reason).toContain("廃止");
    expect(k.agreements()).toEqual([expect.objectContaining({ id: ID, events: 5, firstAppliesFrom: "2016-10-11", abolishedFrom: "2030-04-01", parties: PARTIES })]);
    expect(k.timeline(ID).versions.map((v) => v.interval.from)).toEqual(["2016-10-11", "2018-04-01", "2019-04-01", "2021-04-01"]);
    expect(k.verify()).toMatchObject({ ok: true, agreements: 1, events: 5 });
    k.close();
  });

  it("answers from the projection exactly what a replay answers (knownAt far in the future forces the replay)", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: AMEND_2021_RETRO(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当" });
    for (const d of ["2016-10-11", "2018-04-01", "2020-01-01", "2021-04-01", "2099-12-31"]) {
      const fast = k.asOf(ID, d);
      const replay = k.asOf(ID, d, { knownAt: "2999-01-01T00:00:00Z" });
      const { knownAt: _k, ...rest } = replay;
      expect(fast).toEqual(rest);
    }
    k.close();
  });

  it("Given a recorded history, When the same source text is recorded again into the same agreement, Then nothing is written, duplicate is true and the status is given", () => {
    const s = make();
    const first = s.k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    const before = s.fingerprint();
    const again = s.k.record({ agreementId: ID, event: conclude(), recordedBy: "別の人" });
    expect(again.duplicate).toBe(true);
    expect(again.status).toBe("ratified");
    expect(again.event).toEqual(first.event);
    expect(again.agreementId).toBe(ID);
    expect(s.fingerprint()).toBe(before);
    expect(s.k.agreements().map((a) => a.id)).toEqual([ID]);
    s.k.close();
  });

  it("Given version 1, When recording with a stale expectedVersion, Then concurrency.conflict and nothing written", () => {
    const s = make();
    s.k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    s.k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当" });
    const before = s.fingerprint();
    expect(() => s.k.record({ agreementId: ID, event: AMEND_2019(), recordedBy: "法規担当", expectedVersion: 1 })).toThrow(
      expect.objectContaining({ code: "concurrency.conflict", details: { agreementId: ID, expected: 1, actual: 2 } }),
    );
    expect(s.fingerprint()).toBe(before);
    s.k.close();
  });

  describe("rules (each refused with rule.violation, nothing written)", () => {
    const given = (): Subject => {
      const s = make();
      s.k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
      s.k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当" });
      return s;
    };

    it("Given an amendment whose 議決 is after its 締結日, Then refused naming the party and date", () => {
      const s = given();
      const late = amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], { concludedOn: "2020-03-20", resolutions: { 岡山市: "2020-03-10", 和気町: "2020-03-25" } }, "late");
      const err = expectRefused(s, "rule.resolution-after-conclusion", () => s.k.record({ agreementId: ID, event: late, recordedBy: "法規担当" }));
      expect(err.message).toContain("和気町");
      s.k.close();
    });

    it("Given a 廃止 from 2030-04-01, When an amendment applies from 2031-04-01, Then refused", () => {
      const s = given();
      s.k.record({ agreementId: ID, event: abolish(dates("2030-03-20", "2030-04-01")), recordedBy: "法規担当" });
      expectRefused(s, "rule.after-abolition", () =>
        s.k.record({ agreementId: ID, event: amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], dates("2031-03-20", "2031-04-01"), "after"), recordedBy: "法規担当" }),
      );
      s.k.close();
    });

    it("Given no 第9条, When an amendment replaces 第9条, Then refused naming the provision", () => {
      const s = given();
      const err = expectRefused(s, "rule.target-missing", () =>
        s.k.record({ agreementId: ID, event: amend([{ op: "replaceText", target: "article:9", from: "甲", to: "乙" }], dates("2020-03-20", "2020-04-01"), "missing"), recordedBy: "法規担当" }),
      );
      expect(err.message).toMatch(/第9条|article:9/u);
      s.k.close();
    });

    it("Given a recorded draft, When ratified without a 締結日, Then refused", () => {
      const s = given();
      const draft = s.k.record({ agreementId: ID, event: amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], { resolutions: {}, appliesFrom: "2025-04-01" }, "案", true), recordedBy: "法規担当" });
      expectRefused(s, "rule.ratify-incomplete-date", () => s.k.ratify({ agreementId: ID, target: draft.event.seq, dates: { resolutions: {} }, recordedBy: "法規担当" }));
      s.k.close();
    });

    it("When a record event names an unknown event, Then refused", () => {
      const s = given();
      expectRefused(s, "rule.unknown-target", () => s.k.resolve({ agreementId: ID, target: 99, resolutions: { 岡山市: "2018-03-01" }, recordedBy: "法規担当" }));
      s.k.close();
    });
  });

  it("Given a draft (案), Then it is excluded by default, applied withDrafts, and takes effect once ratified", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    const draftInput = amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], { resolutions: {}, appliesFrom: "2025-04-01" }, "案", true);
    const draft = k.record({ agreementId: ID, event: draftInput, recordedBy: "法規担当" });
    const plain = k.asOf(ID, "2025-04-01");
    expect(plain.document?.articles[4]?.paragraphs[0]?.text).toContain("毎年度");
    expect(plain.flags.draftsExcluded.map((r) => r.seq)).toEqual([2]);
    const would = k.asOf(ID, "2025-04-01", { withDrafts: true });
    expect(would.document?.articles[4]?.paragraphs[0]?.text).not.toContain("毎年度");
    expect(would.flags.draftsApplied.map((r) => r.seq)).toEqual([2]);
    const beforeRatify = k.events(ID).at(-1)!.recordedAt;
    k.ratify({ agreementId: ID, target: draft.event.seq, dates: dates("2025-03-25", "2025-04-01"), recordedBy: "法規担当" });
    expect(k.asOf(ID, "2025-04-01").document?.articles[4]?.paragraphs[0]?.text).not.toContain("毎年度");
    // The audit question: as known before the ratification, the draft was not in force.
    expect(k.asOf(ID, "2025-04-01", { knownAt: beforeRatify }).document?.articles[4]?.paragraphs[0]?.text).toContain("毎年度");
    k.close();
  });

  it("Given an amendment recorded with a mistyped 適用日, When corrected, Then as-of follows the correction and knownAt before it the original", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    const wrong = k.record({ agreementId: ID, event: amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2018-03-20", "2019-04-01"), "typo"), recordedBy: "法規担当" });
    const beforeFix = wrong.event.recordedAt;
    const fix = k.correct({ agreementId: ID, target: wrong.event.seq, reason: "適用日の誤記（平成30年4月1日が正しい）", dates: dates("2018-03-20", "2018-04-01"), recordedBy: "監査担当" });
    expect(fix.event.kind).toBe("correct");
    expect(text3(k, "2018-04-01")).toContain("別表第1");
    expect((resolveAddress(k.asOf(ID, "2018-04-01", { knownAt: beforeFix }).document!, "article:3") as Article).paragraphs[0]?.text).not.toContain("別表第1");
    const history = k.history(ID);
    expect(history.find((h) => h.seq === wrong.event.seq)?.amendedBy).toEqual([fix.event.seq]);
    expect(k.events(ID).map((e) => e.kind)).toEqual(["conclude", "amend", "correct"]);
    k.close();
  });

  it("answers inForce by party (normalised) and search across agreements in force", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    const bizen = agreement({ parties: [{ role: "甲", name: "岡山市" }, { role: "乙", name: "備前市" }], appendices: [] });
    const text = "備前\n締結";
    k.record({ agreementId: "okayama-bizen", event: { payload: { kind: "conclude", document: bizen }, dates: { concludedOn: "2019-01-10", resolutions: { 岡山市: "2018-12-20", 備前市: "2018-12-21" } }, draft: false, parties: ["岡山市", "備前市"], source: { name: "b.txt", text, sha256: sha256(text) } }, recordedBy: "法規担当" });
    expect(k.inForce("2018-01-01").map((e) => e.agreementId)).toEqual([ID]);
    expect(k.inForce("2020-01-01").map((e) => e.agreementId)).toEqual(["okayama-bizen", ID]);
    expect(k.inForce("2020-01-01", { party: "和 気 町" }).map((e) => e.agreementId)).toEqual([ID]);
    expect(k.inForce("2020-01-01", { party: "岡山市" })).toHaveLength(2);
    expect(k.inForce("2020-01-01", { knownAt: "2999-01-01T00:00:00Z" })).toEqual(k.inForce("2020-01-01"));
    const hits = k.search("E S D", { on: "2020-01-01" });
    expect(hits).toEqual([expect.objectContaining({ agreementId: ID, kind: "item", address: "appendix:1/section:II/item:ESDによる人づくり", heading: "E S Dによる人づくり" })]);
    const articleHits = k.search("議会の議決", { on: "2020-01-01" });
    expect(articleHits.map((h) => [h.agreementId, h.address])).toEqual([["okayama-bizen", "article:6"], [ID, "article:6"]]);
    expect(k.search("議会の議決", { on: "2018-01-01" }).map((h) => h.agreementId)).toEqual([ID]);
    // Width and case do not matter: ESD, esd, ＥＳＤ and ｅｓｄ find the same 取組.
    for (const q of ["ESD", "esd", "ＥＳＤ", "ｅｓｄ", "Esdによる"]) expect(k.search(q, { on: "2020-01-01" }), q).toEqual(hits);
    k.close();
  });

  it("Given a pending draft 廃止, When inForce and search are asked with drafts applied after its 適用日, Then the agreement is not in force; without drafts, and before that day, it is", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: legal({ kind: "abolish" }, dates("2025-03-20", "2025-04-01"), { name: "廃止案", draft: true }), recordedBy: "法規担当" });
    const ids = (on: string, withDrafts: boolean): string[] => k.inForce(on, { withDrafts }).map((e) => e.agreementId);
    expect(ids("2025-06-01", false)).toEqual([ID]);
    expect(ids("2025-06-01", true)).toEqual([]);
    expect(ids("2025-03-31", true)).toEqual([ID]);
    expect(k.search("E S D", { on: "2025-06-01" }).map((h) => h.agreementId)).toEqual([ID]);
    expect(k.search("E S D", { on: "2025-06-01", withDrafts: true })).toEqual([]);
    expect(k.search("E S D", { on: "2025-03-31", withDrafts: true }).map((h) => h.agreementId)).toEqual([ID]);
    k.close();
  });

  it("diffs two dates through the timeline", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当" });
    const d = k.diff(ID, "2017-01-01", "2018-04-01");
    expect(d.agreementId).toBe(ID);
    expect(d.before?.interval.from).toBe("2016-10-11");
    expect(d.after?.interval.from).toBe("2018-04-01");
    expect(d.changes.map((c) => c.address)).toContain("article:3/paragraph:1");
    k.close();
  });

  it("rebuilds projections equal to the incremental ones", () => {
    const { k } = make();
    k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: AMEND_2021_RETRO(), recordedBy: "法規担当" });
    k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当" });
    const answers = (): unknown => ["2016-10-11", "2018-04-01", "2021-04-01"].map((d) => k.asOf(ID, d));
    const before = JSON.stringify([answers(), k.agreements()]);
    k.rebuildProjections();
    expect(JSON.stringify([answers(), k.agreements()])).toBe(before);
    expect(k.verify().ok).toBe(true);
    k.close();
  });

  describe("input validation (input.invalid, nothing written)", () => {
    it.each([
      ["a date no reader knows", (k: Kyoyaku) => k.asOf(ID, "4/1/2020")],
      ["a date without its day", (k: Kyoyaku) => k.diff(ID, "2020-04-01", "令和2年4月")],
      ["a date that does not exist", (k: Kyoyaku) => k.asOf(ID, "2019-02-29")],
      ["a malformed knownAt", (k: Kyoyaku) => k.asOf(ID, "2020-04-01", { knownAt: "yesterday" })],
      ["an id with a slash", (k: Kyoyaku) => k.record({ agreementId: "a/b", event: conclude(), recordedBy: "x" })],
      ["an id with white space", (k: Kyoyaku) => k.record({ agreementId: "a b", event: conclude(), recordedBy: "x" })],
      ["an empty id", (k: Kyoyaku) => k.record({ agreementId: "", event: conclude(), recordedBy: "x" })],
      ["a missing recordedBy", (k: Kyoyaku) => k.record({ agreementId: "z", event: conclude(), recordedBy: " " })],
      ["a wrong source SHA-256", (k: Kyoyaku) => k.record({ agreementId: "z", event: { ...conclude(), source: { name: "x", text: "a", sha256: sha256("b") } }, recordedBy: "x" })],
      ["a 締結日 that does not exist", (k: Kyoyaku) => k.record({ agreementId: "z", event: { ...conclude(), dates: dates("2019-02-29") }, recordedBy: "x" })],
      ["an empty search", (k: Kyoyaku) => k.search("  ")],
    ])("refuses %s", (_what, act) => {
      const s = make();
      s.k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当" });
      const before = s.fingerprint();
      expect(() => act(s.k)).toThrow(expect.objectContaining({ code: "input.invalid" }));
      expect(s.fingerprint()).toBe(before);
      s.k.close();
    });

    it("says not-found.agreement for an unknown agreement", () => {
      const { k } = make();
      expect(() => k.asOf("nobody", "2020-01-01")).toThrow(expect.objectContaining({ code: "not-found.agreement" }));
      expect(k.version("nobody")).toBe(0);
      expect(k.events("nobody")).toEqual([]);
      k.close();
    });

    it("refuses a recordedAt earlier than the agreement's last event", () => {
      const s = make();
      s.k.record({ agreementId: ID, event: conclude(), recordedBy: "法規担当", recordedAt: "2025-01-01T00:00:00Z" });
      expect(() => s.k.record({ agreementId: ID, event: AMEND_2018(), recordedBy: "法規担当", recordedAt: "2024-01-01T00:00:00Z" })).toThrow(
        expect.objectContaining({ code: "input.invalid" }),
      );
      expect(s.k.version(ID)).toBe(1);
      s.k.close();
    });
  });
});
