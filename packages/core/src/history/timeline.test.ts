import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../events/types.js";
import type { Article } from "../model/document.js";
import { resolveAddress } from "../model/address.js";
import { effectiveEvents } from "./effective.js";
import { asOfAnswer, asOfFlags, buildFromEffective, buildTimeline, versionAt } from "./timeline.js";
import type { Timeline } from "./types.js";
import { agreement, appendix, article, dates, History } from "./testing.testkit.js";

function timeline(events: readonly StoredEvent[], options: Parameters<typeof buildTimeline>[1] = {}): Timeline {
  const r = buildTimeline(events, options);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.value;
}

const text3 = (t: Timeline, d: string): string | undefined => {
  const at = versionAt(t, d);
  return at.inForce ? (resolveAddress(at.version.document, "article:3") as Article | undefined)?.paragraphs[0]?.text : undefined;
};

/** 締結 2016-10-11; 変更 2018-04-01 (第3条の文言); 変更 2021-04-01 (第6条を第7条とし、第5条の次に1条を加える); 廃止 2030-04-01. */
function fullHistory(): History {
  const h = new History();
  h.conclude(agreement(), dates("2016-10-11"));
  h.amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2018-03-20", "2018-04-01"));
  h.amend([
    { op: "renumber", target: "article:6", to: "article:7" },
    { op: "insert", parent: "articles", after: "article:5", node: article("6", "新しい第6条") },
  ], dates("2021-03-25", "2021-04-01"));
  h.abolish(dates("2030-03-25", "2030-04-01"));
  return h;
}

describe("buildTimeline", () => {
  it("given a conclusion, two amendments and a 廃止, when built, then versions are gap-free half-open and end at the 廃止", () => {
    const t = timeline(fullHistory().events);
    expect(t.versions.map((v) => v.interval)).toEqual([
      { from: "2016-10-11", to: "2018-04-01" },
      { from: "2018-04-01", to: "2021-04-01" },
      { from: "2021-04-01", to: "2030-04-01" },
    ]);
    expect(t.abolishedFrom).toBe("2030-04-01");
    expect(t.abolishedBy?.seq).toBe(4);
    expect(t.versions[2]!.events.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(t.versions[2]!.changedBy.map((r) => r.seq)).toEqual([3]);
    expect(t.versions[2]!.document.articles.map((a) => a.number)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(new Set(t.versions.map((v) => v.root)).size).toBe(3);
  });

  it("given the same events, when the older amendment is recorded last, then the versions are the same", () => {
    const a = fullHistory().events;
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([
      { op: "renumber", target: "article:6", to: "article:7" },
      { op: "insert", parent: "articles", after: "article:5", node: article("6", "新しい第6条") },
    ], dates("2021-03-25", "2021-04-01"));
    h.abolish(dates("2030-03-25", "2030-04-01"));
    h.amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2018-03-20", "2018-04-01"));
    const ta = timeline(a);
    const tb = timeline(h.events);
    expect(tb.versions.map((v) => [v.interval, v.root])).toEqual(ta.versions.map((v) => [v.interval, v.root]));
  });

  it("given per-operation 適用日 (附則 ただし書), when built, then one amendment makes two change points", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([
      { op: "replaceText", target: "article:3", from: "別表", to: "別表第1" },
      { op: "deleteText", target: "article:5", text: "毎年度", appliesFrom: "2020-10-01" },
    ], dates("2020-03-25", "2020-04-01"));
    const t = timeline(h.events);
    expect(t.versions.map((v) => v.interval.from)).toEqual(["2016-10-11", "2020-04-01", "2020-10-01"]);
    expect(t.versions[1]!.document.articles[4]!.paragraphs[0]!.text).toContain("毎年度");
    expect(t.versions[2]!.document.articles[4]!.paragraphs[0]!.text).not.toContain("毎年度");
    expect(t.versions[2]!.changedBy.map((r) => r.seq)).toEqual([2]);
    expect(t.versions[2]!.events.map((r) => r.seq)).toEqual([1, 2]);
  });

  it("given a retroactive amendment, when built, then its 適用日 orders it and the ref is flagged retroactive", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2019-06-01", "2019-04-01"));
    const t = timeline(h.events);
    expect(t.versions[1]!.interval.from).toBe("2019-04-01");
    expect(t.versions[1]!.changedBy[0]).toMatchObject({ seq: 2, retroactive: true, concludedOn: "2019-06-01", appliesFrom: "2019-04-01" });
    const at = versionAt(t, "2019-05-01");
    expect(at.inForce && asOfFlags(t, at.version, effectiveEvents(h.events)).retroactive.map((r) => r.seq)).toEqual([2]);
  });

  it("given two amendments on the same 適用日, when built, then they apply in 締結日 order whatever their seq", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "replaceText", target: "article:3", from: "別表第1", to: "別表第2" }], dates("2020-03-02", "2020-04-01"));
    h.amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2020-03-01", "2020-04-01"));
    const t = timeline(h.events);
    expect(t.versions.length).toBe(2);
    expect(text3(t, "2020-04-01")).toContain("別表第2に掲げる");
    expect(t.versions[1]!.changedBy.map((r) => r.seq)).toEqual([3, 2]);
  });

  it("given an amendment whose target does not exist in the version it applies to, when built, then it fails with rule.target-missing", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "delete", target: "article:7" }], dates("2020-03-01", "2020-04-01"));
    const r = buildTimeline(h.events);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "rule.target-missing", location: { address: "article:7", date: "2020-04-01" } });
  });

  it("given a ratified amendment applying after the 廃止, when built, then it fails with rule.after-abolition naming the date", () => {
    const h = fullHistory();
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2031-03-01", "2031-04-01"));
    const r = buildTimeline(h.events);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "rule.after-abolition", location: { date: "2031-04-01" } });
    expect(r.issues[0]!.message).toContain("令和12年4月1日（2030-04-01）");
  });

  it("given an amendment whose later operation fails, when built, then none of its operations stays applied", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([
      { op: "deleteText", target: "article:5", text: "毎年度" },
      { op: "delete", target: "article:9", appliesFrom: "2021-04-01" },
    ], dates("2020-03-01", "2020-04-01"));
    const r = buildTimeline(h.events);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "rule.target-missing", location: { address: "article:9", date: "2021-04-01" } });
    const { timeline: t } = buildFromEffective(effectiveEvents(h.events), false);
    expect(t.versions.length).toBe(1);
    expect(t.versions[0]!.document.articles[4]!.paragraphs[0]!.text).toContain("毎年度");
    const ans = asOfAnswer("x", h.events, "2020-06-01");
    expect(ans.inForce).toBe(false);
    expect(ans.reason).toContain("第9条");
  });

  it("given a history that starts with an amendment, when built, then the version is partial and lists its unknown parts", () => {
    const h = new History();
    h.amend([{ op: "replace", target: "appendix:1", node: appendix({ I: ["新たな産業の創出"] }) }], dates("2025-03-25", "2025-04-01"));
    const t = timeline(h.events);
    expect(t.versions.length).toBe(1);
    const v = t.versions[0]!;
    expect(v.document.appendices[0]!.sections[0]!.items[0]!.name).toBe("新たな産業の創出");
    expect(v.document.unknown).toEqual(expect.arrayContaining(["title", "preamble", "articles", "parties"]));
    expect(asOfFlags(t, v, effectiveEvents(h.events)).unknownParts).toContain("articles");
  });
});

describe("drafts and ratification", () => {
  function draftHistory(): History {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"), { recordedAt: "2016-10-12T00:00:00.000Z" });
    // Seed 2: 令和7年3月 日 (day blank) and 附則「令和7年4月1日から適用する」.
    h.amend([{ op: "replace", target: "appendix:1", node: appendix({ I: ["新たな産業の創出"] }) }], {
      resolutions: {},
      written: { concludedOn: { text: "令和7年3月 日", precision: "month", year: 2025, month: 3 }, appliesFrom: { text: "令和7年4月1日", precision: "day", iso: "2025-04-01" } },
    }, { draft: true, recordedAt: "2025-03-01T00:00:00.000Z" });
    return h;
  }

  it("given a draft amendment, when asked as of its 適用日 without drafts, then the draft is excluded and flagged", () => {
    const h = draftHistory();
    const t = timeline(h.events);
    expect(t.versions.length).toBe(1);
    expect(t.draftsExcluded.map((r) => r.seq)).toEqual([2]);
    const ans = asOfAnswer("okayama-wake", h.events, "2025-04-01");
    expect(ans.document?.appendices[0]!.sections.length).toBe(3);
    expect(ans.flags.draftsExcluded[0]).toMatchObject({ seq: 2, draft: true });
  });

  it("given a draft whose 附則 states its 適用日, when asked with drafts, then it applies from that day and is flagged applied", () => {
    const h = draftHistory();
    const ans = asOfAnswer("okayama-wake", h.events, "2025-04-01", { withDrafts: true });
    expect(ans.interval).toEqual({ from: "2025-04-01", to: null });
    expect(ans.document?.appendices[0]!.sections.length).toBe(1);
    expect(ans.flags.draftsApplied.map((r) => r.seq)).toEqual([2]);
    expect(ans.flags.missingResolutions).toEqual([{ seq: 2, party: "岡山市" }, { seq: 2, party: "和気町" }]);
  });

  it("given a draft 廃止, when asked after its 適用日 with drafts, then not in force and the answer says the 廃止 is a draft applied", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.abolish(dates(undefined, "2030-04-01"), { draft: true });
    const what = asOfAnswer("x", h.events, "2030-06-01", { withDrafts: true });
    expect(what.inForce).toBe(false);
    expect(what.flags.draftsApplied.map((r) => r.seq)).toEqual([2]);
    expect(what.reason).toContain("未確定の案 #2");
    const record = asOfAnswer("x", h.events, "2030-06-01");
    expect(record.inForce).toBe(true);
    expect(record.flags.draftsExcluded.map((r) => r.seq)).toEqual([2]);
  });

  it("given a draft with no usable 適用日, when asked with drafts, then it is excluded with a reason", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], { resolutions: {} }, { draft: true });
    const t = timeline(h.events, { withDrafts: true });
    expect(t.draftsExcluded.map((r) => r.seq)).toEqual([2]);
    expect(t.exclusions?.[0]?.reason).toContain("適用日");
  });

  it("given a draft that cannot apply, when asked with drafts, then it is excluded with the target named and the rest stands", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "delete", target: "article:9" }], dates(undefined, "2025-04-01"), { draft: true });
    const r = buildTimeline(h.events, { withDrafts: true });
    expect(r.ok).toBe(true);
    const t = timeline(h.events, { withDrafts: true });
    expect(t.draftsExcluded.map((x) => x.seq)).toEqual([2]);
    expect(t.exclusions?.[0]?.reason).toContain("第9条");
  });

  it("given a ratification recorded later, when asked known-at before and after it, then the answers differ", () => {
    const h = draftHistory();
    h.record({ kind: "ratify", target: 2, dates: dates("2025-03-27", "2025-04-01") }, "2025-03-28T00:00:00.000Z");
    const before = asOfAnswer("x", h.events, "2025-04-01", { knownAt: "2025-03-15T00:00:00.000Z" });
    const after = asOfAnswer("x", h.events, "2025-04-01", { knownAt: "2025-03-29T00:00:00.000Z" });
    expect(before.document?.appendices[0]!.sections.length).toBe(3);
    expect(after.document?.appendices[0]!.sections.length).toBe(1);
    expect(after.events.map((r) => r).find((r) => r.seq === 2)).toMatchObject({ draft: false, concludedOn: "2025-03-27" });
    expect(after.flags.draftsExcluded).toEqual([]);
  });
});

describe("corrections and knownAt", () => {
  it("given a retracting correction, when asked known-at before it, then the old answer; after it, the event is gone", () => {
    const h = fullHistory();
    h.record({ kind: "correct", target: 2, reason: "別の協約の変更を誤って登録", retract: true }, "2031-01-01T00:00:00.000Z");
    expect(text3(timeline(h.events, { knownAt: "2030-12-31T00:00:00.000Z" }), "2019-01-01")).toContain("別表第1");
    expect(text3(timeline(h.events), "2019-01-01")).not.toContain("別表第1");
  });

  it("given a date correction, when built, then the change moves to the corrected 適用日; known-at before gives the old date", () => {
    const h = fullHistory();
    h.record({ kind: "correct", target: 2, reason: "適用日の誤記", dates: dates("2018-03-20", "2018-10-01") }, "2031-01-01T00:00:00.000Z");
    expect(timeline(h.events).versions[1]!.interval.from).toBe("2018-10-01");
    expect(timeline(h.events, { knownAt: "2030-06-01T00:00:00.000Z" }).versions[1]!.interval.from).toBe("2018-04-01");
  });

  it("given a resolution added later, when flags are built, then the party is no longer missing", () => {
    const h = new History();
    h.conclude(agreement(), { concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30" } });
    const t1 = timeline(h.events);
    expect(asOfFlags(t1, t1.versions[0], effectiveEvents(h.events)).missingResolutions).toEqual([{ seq: 1, party: "和気町" }]);
    h.record({ kind: "resolve", target: 1, resolutions: { "和 気 町": "2016-09-28" } });
    const t2 = timeline(h.events);
    expect(asOfFlags(t2, t2.versions[0], effectiveEvents(h.events)).missingResolutions).toEqual([]);
  });
});

describe("versionAt", () => {
  const t = timeline(fullHistory().events);
  it("given a date before the first 適用日, when asked, then not in force with the first 適用日 named in ISO and wareki", () => {
    const at = versionAt(t, "2016-10-10");
    expect(at.inForce).toBe(false);
    expect(!at.inForce && at.reason).toContain("平成28年10月11日（2016-10-11）");
  });
  it("given the first 適用日 and the day before a change, when asked, then the interval is half-open", () => {
    const a = versionAt(t, "2016-10-11");
    const b = versionAt(t, "2018-03-31");
    const c = versionAt(t, "2018-04-01");
    expect(a.inForce && a.version.interval.from).toBe("2016-10-11");
    expect(b.inForce && b.version.interval.from).toBe("2016-10-11");
    expect(c.inForce && c.version.interval.from).toBe("2018-04-01");
  });
  it("given the 廃止 適用日 or later, when asked, then not in force because abolished", () => {
    const at = versionAt(t, "2030-04-01");
    expect(!at.inForce && at.reason).toBe("令和12年4月1日（2030-04-01）に廃止");
    expect(versionAt(t, "2030-03-31").inForce).toBe(true);
  });
  it("given no events, when asked, then 記録なし", () => {
    const at = versionAt(timeline([]), "2020-01-01");
    expect(!at.inForce && at.reason).toContain("記録なし");
  });
});
