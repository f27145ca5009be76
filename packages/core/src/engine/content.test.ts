import { describe, expect, it } from "vitest";
import type { LegalEventInput } from "../events/types.js";
import { dates, History, PARTIES } from "../history/testing.testkit.js";
import { contentKey, findContentDuplicate } from "./content.js";

const amend = (to: string, extra: Partial<LegalEventInput> = {}): LegalEventInput => ({
  payload: { kind: "amend", operations: [{ op: "replaceText", target: "article:5", from: "毎年度", to }], title: "変更連携協約書", base: { title: "連携協約", date: { text: "平成28年10月11日", precision: "day", iso: "2016-10-11" } } },
  dates: dates("2020-03-25", "2020-04-01"), draft: false, parties: PARTIES, ...extra,
});

describe("contentKey", () => {
  it("ignores the source, 議決日, the dates as written, the change agreement's title, spacing in party names and base titles", () => {
    const a = amend("毎年度１回以上");
    const b: LegalEventInput = {
      ...a,
      payload: { ...a.payload, title: "変更連携協約書 ", base: { title: "連 携 協 約", date: { text: "平成２８年１０月１１日", precision: "day", iso: "2016-10-11" } } } as LegalEventInput["payload"],
      dates: { ...a.dates, resolutions: {}, written: { concludedOn: { text: "令和２年３月２５日", precision: "day", iso: "2020-03-25" } } },
      parties: ["和 気 町", "岡山市"],
      source: { name: "b.txt", text: "x", sha256: "0" },
    };
    expect(contentKey(b)).toBe(contentKey(a));
  });
  it("differs with an operation, a date, a party, the base or the draft flag", () => {
    const k = contentKey(amend("毎年度１回以上"));
    expect(contentKey(amend("毎年度2回"))).not.toBe(k);
    expect(contentKey(amend("毎年度１回以上", { dates: dates("2020-03-25", "2020-05-01") }))).not.toBe(k);
    expect(contentKey(amend("毎年度１回以上", { parties: ["岡山市", "備前市"] }))).not.toBe(k);
    expect(contentKey(amend("毎年度１回以上", { draft: true }))).not.toBe(k);
    const a = amend("毎年度１回以上");
    expect(contentKey({ ...a, payload: { kind: "amend", operations: a.payload.kind === "amend" ? a.payload.operations : [] } })).not.toBe(k);
  });
});

describe("findContentDuplicate", () => {
  it("finds the live event; a retracted one does not count; a ratified draft matches its ratified reading", () => {
    const h = new History();
    h.amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度１回以上" }], dates("2020-03-25", "2020-04-01"));
    const e = amend("毎年度１回以上");
    const plain: LegalEventInput = { ...e, payload: { kind: "amend", operations: e.payload.kind === "amend" ? e.payload.operations : [] } };
    expect(findContentDuplicate(h.events, plain)?.seq).toBe(1);
    h.record({ kind: "correct", target: 1, reason: "誤り", retract: true });
    expect(findContentDuplicate(h.events, plain)).toBeUndefined();
    const d = new History();
    d.amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度１回以上" }], dates(undefined, "2020-04-01"), { draft: true });
    d.record({ kind: "ratify", target: 1, dates: dates("2020-03-25", "2020-04-01") });
    expect(findContentDuplicate(d.events, plain)?.seq).toBe(1);
  });
});
