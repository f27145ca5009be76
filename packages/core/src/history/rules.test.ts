import { describe, expect, it } from "vitest";
import type { LegalEventInput } from "../events/types.js";
import { hasErrors, type Issue } from "../model/issue.js";
import { checkEvent } from "./rules.js";
import { agreement, appendix, article, dates, History } from "./testing.testkit.js";

const codes = (issues: readonly Issue[]): string[] => issues.map((i) => `${i.severity}:${i.code}`);
const PARTIES = ["岡山市", "和気町"];
const amendInput = (ops: LegalEventInput["payload"] extends infer P ? P extends { kind: "amend"; operations: infer O } ? O : never : never, d = dates("2020-03-25", "2020-04-01"), draft = false): LegalEventInput =>
  ({ payload: { kind: "amend", operations: ops }, dates: d, draft, parties: PARTIES });

function concluded(): History {
  const h = new History();
  h.conclude(agreement(), dates("2016-10-11"));
  return h;
}

describe("checkEvent: 議決日 (rule.resolution-after-conclusion)", () => {
  it("given a 議決日 after the 締結日, when an amendment is checked, then an error names the party and the date", () => {
    const d = { concludedOn: "2020-03-25", appliesFrom: "2020-04-01", resolutions: { 岡山市: "2020-03-20", 和気町: "2020-03-26" } };
    const issues = checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], d) });
    const e = issues.find((i) => i.code === "rule.resolution-after-conclusion")!;
    expect(e).toMatchObject({ severity: "error", location: { party: "和気町", date: "2020-03-26" } });
    expect(e.message).toContain("和気町");
    expect(e.message).toContain("令和2年3月26日（2020-03-26）");
    expect(e.message).toContain("#2（変更）の締結日");
    expect(issues.filter((i) => i.code === "rule.resolution-after-conclusion").length).toBe(1);
  });

  it("given a 議決日 on the 締結日 itself, when checked, then it is accepted", () => {
    const d = { concludedOn: "2020-03-25", appliesFrom: "2020-04-01", resolutions: { 岡山市: "2020-03-25", 和気町: "2020-03-25" } };
    expect(checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], d) })).toEqual([]);
  });

  it("given a resolve adding a late 議決日, when checked, then the same rule refuses it", () => {
    const h = new History();
    h.conclude(agreement(), { concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30" } });
    const issues = checkEvent(h.events, { kind: "resolve", record: { kind: "resolve", target: 1, resolutions: { 和気町: "2016-10-12" } } });
    expect(codes(issues)).toContain("error:rule.resolution-after-conclusion");
    expect(checkEvent(h.events, { kind: "resolve", record: { kind: "resolve", target: 1, resolutions: { 和気町: "2016-10-01" } } })).toEqual([]);
  });

  it("given a correction moving the 締結日 before the 議決日, when checked, then it is refused", () => {
    const issues = checkEvent(concluded().events, { kind: "correct", record: { kind: "correct", target: 1, reason: "締結日の誤記", dates: { ...dates("2016-10-11"), concludedOn: "2016-10-01" } } });
    expect(codes(issues)).toContain("error:rule.resolution-after-conclusion");
  });
});

describe("checkEvent: 廃止 (rule.after-abolition, rule.abolition-before-start)", () => {
  function abolished(): History {
    const h = concluded();
    h.abolish(dates("2030-03-25", "2030-04-01"));
    return h;
  }

  it("given a 廃止 from 2030-04-01, when an amendment applying on that day is checked, then it is refused naming both dates", () => {
    const issues = checkEvent(abolished().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2030-03-01", "2030-04-01")) });
    const e = issues.find((i) => i.code === "rule.after-abolition")!;
    expect(e.severity).toBe("error");
    expect(e.message).toContain("2030-04-01");
    expect(e.location.date).toBe("2030-04-01");
  });

  it("given a 廃止, when an amendment applying the day before is checked, then it is accepted", () => {
    expect(checkEvent(abolished().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2030-03-01", "2030-03-31")) })).toEqual([]);
  });

  it("given a ratified amendment from 2025, when a 廃止 from 2024 is checked, then the later amendment is named", () => {
    const h = concluded();
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2025-03-01", "2025-04-01"));
    const issues = checkEvent(h.events, { kind: "abolish", legal: { payload: { kind: "abolish" }, dates: dates("2024-03-01"), draft: false, parties: PARTIES } });
    expect(issues.find((i) => i.code === "rule.after-abolition")?.message).toContain("#2（変更）");
  });

  it("given a 廃止 from 2030-04-01, when a second 廃止 from 2031-04-01 is checked, then it is refused: the agreement is already abolished", () => {
    const issues = checkEvent(abolished().events, { kind: "abolish", legal: { payload: { kind: "abolish" }, dates: dates("2031-03-25", "2031-04-01"), draft: false, parties: PARTIES } });
    const e = issues.find((i) => i.code === "rule.after-abolition")!;
    expect(e.severity).toBe("error");
    expect(e.message).toContain("既に廃止");
    expect(e.location.date).toBe("2031-04-01");
  });

  it("given a 廃止 on or before the first 適用日, when checked, then rule.abolition-before-start", () => {
    const issues = checkEvent(concluded().events, { kind: "abolish", legal: { payload: { kind: "abolish" }, dates: dates("2016-10-11"), draft: false, parties: PARTIES } });
    expect(codes(issues)).toContain("error:rule.abolition-before-start");
  });

  it("given a draft amendment after the 廃止, when checked, then it is only a warning", () => {
    const issues = checkEvent(abolished().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2031-03-01", "2031-04-01"), true) });
    expect(codes(issues)).toContain("warning:rule.after-abolition");
    expect(hasErrors(issues)).toBe(false);
  });
});

describe("checkEvent: targets (rule.target-missing)", () => {
  it("given an amendment of 第7条 in a six-article agreement, when checked, then rule.target-missing names 第7条", () => {
    const issues = checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "replaceText", target: "article:7", from: "甲", to: "乙" }]) });
    const e = issues.find((i) => i.code === "rule.target-missing")!;
    expect(e).toMatchObject({ severity: "error", location: { address: "article:7", date: "2020-04-01" } });
    expect(e.message).toContain("第7条");
  });

  it("given 第7条 added from 2021, when an amendment of 第7条 applying in 2020 is checked, then it is refused; in 2022, accepted", () => {
    const h = concluded();
    h.amend([{ op: "insert", parent: "articles", node: article("7", "第7条の本文") }], dates("2021-03-01", "2021-04-01"));
    const op = { op: "replaceText", target: "article:7", from: "本文", to: "条文" } as const;
    expect(codes(checkEvent(h.events, { kind: "amend", legal: amendInput([op], dates("2020-03-01", "2020-04-01")) }))).toContain("error:rule.target-missing");
    expect(checkEvent(h.events, { kind: "amend", legal: amendInput([op], dates("2022-03-01", "2022-04-01")) })).toEqual([]);
  });

  it("given a later amendment editing 第5条, when an older amendment deleting 第5条 is registered, then it is refused for breaking the later one", () => {
    const h = concluded();
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2025-03-01", "2025-04-01"));
    const issues = checkEvent(h.events, { kind: "amend", legal: amendInput([{ op: "delete", target: "article:5" }], dates("2020-03-01", "2020-04-01")) });
    const e = issues.find((i) => i.code === "rule.target-missing")!;
    expect(e.message).toContain("第5条");
    expect(e.location.date).toBe("2025-04-01");
  });

  it("given a draft whose target is missing, when checked, then it is refused too", () => {
    const issues = checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "delete", target: "article:9" }], { resolutions: {}, appliesFrom: "2025-04-01" }, true) });
    expect(codes(issues)).toContain("error:rule.target-missing");
  });

  it("given a history with no base text, when a draft replaces the 別表, then only notes about missing 議決日 come back", () => {
    const issues = checkEvent([], { kind: "amend", legal: amendInput([{ op: "replace", target: "appendix:1", node: appendix({ I: ["新たな産業の創出"] }) }], { resolutions: {}, written: { appliesFrom: { text: "令和7年4月1日", precision: "day", iso: "2025-04-01" } } }, true) });
    expect(codes(issues)).toEqual(["info:rule.missing-resolution", "info:rule.missing-resolution"]);
  });
});

describe("checkEvent: ratification, corrections, dates", () => {
  function withDraft(): History {
    const h = concluded();
    h.amend([{ op: "replace", target: "appendix:1", node: appendix({ I: ["新たな産業の創出"] }) }], { resolutions: {}, appliesFrom: "2025-04-01" }, { draft: true });
    return h;
  }

  it("given a draft, when ratified with a month-only 締結日, then rule.ratify-incomplete-date", () => {
    const issues = checkEvent(withDraft().events, { kind: "ratify", record: { kind: "ratify", target: 2, dates: { resolutions: {}, written: { concludedOn: { text: "令和7年3月 日", precision: "month", year: 2025, month: 3 } } } } });
    expect(issues[0]).toMatchObject({ severity: "error", code: "rule.ratify-incomplete-date", location: { date: "令和7年3月 日" } });
  });

  it("given a draft, when ratified with full dates, then accepted (its 附則 適用日 stands)", () => {
    expect(checkEvent(withDraft().events, { kind: "ratify", record: { kind: "ratify", target: 2, dates: dates("2025-03-27") } })).toEqual([]);
  });

  it("given a ratified event, when ratified again, then rule.ratify-not-draft; an unknown seq, rule.unknown-target", () => {
    const h = concluded();
    expect(codes(checkEvent(h.events, { kind: "ratify", record: { kind: "ratify", target: 1, dates: dates("2016-10-11") } }))).toEqual(["error:rule.ratify-not-draft"]);
    for (const record of [
      { kind: "ratify", target: 9, dates: dates("2016-10-11") },
      { kind: "resolve", target: 9, resolutions: {} },
      { kind: "correct", target: 9, reason: "x", retract: true },
    ] as const) {
      const issues = checkEvent(h.events, { kind: record.kind, record });
      expect(codes(issues)).toEqual(["error:rule.unknown-target"]);
      expect(issues[0]!.message).toContain("#9");
    }
  });

  it("given a ratified legal event without 締結日, when checked, then rule.missing-conclusion-date", () => {
    const issues = checkEvent([], { kind: "conclude", legal: { payload: { kind: "conclude", document: agreement() }, dates: { resolutions: {} }, draft: false, parties: PARTIES } });
    expect(codes(issues)).toContain("error:rule.missing-conclusion-date");
  });

  it("given a retroactive amendment, when checked, then accepted with a rule.retroactive warning", () => {
    const issues = checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2020-06-01", "2020-04-01")) });
    expect(codes(issues)).toEqual(["warning:rule.retroactive"]);
    expect(issues[0]!.message).toContain("遡及適用");
  });

  it("given an amendment applying before the 締結's 適用日, when checked, then refused with rule.before-conclusion naming both days", () => {
    // 締結 2016-10-11; a 変更 concluded 2025 whose 附則 says 二千年四月一日 (2000-04-01).
    const issues = checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2025-03-25", "2000-04-01")) });
    const e = issues.find((i) => i.code === "rule.before-conclusion")!;
    expect(e).toMatchObject({ severity: "error", location: { date: "2000-04-01" } });
    expect(e.message).toContain("平成12年4月1日（2000-04-01）");
    expect(e.message).toContain("平成28年10月11日（2016-10-11）");
    // A ただし書 date before the start is caught too; the 締結's own day is fine.
    const proviso = amendInput([{ op: "deleteText", target: "article:5", text: "毎年度", appliesFrom: "2016-10-10" }], dates("2020-03-25", "2020-04-01"));
    expect(codes(checkEvent(concluded().events, { kind: "amend", legal: proviso }))).toContain("error:rule.before-conclusion");
    expect(codes(checkEvent(concluded().events, { kind: "amend", legal: amendInput([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2020-03-25", "2016-10-11")) }))).not.toContain("error:rule.before-conclusion");
  });

  it("given a recorded amendment, when a 訂正 moves the 締結's 適用日 after it, then refused with rule.before-conclusion", () => {
    const h = concluded();
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2017-03-25", "2017-04-01"));
    const issues = checkEvent(h.events, { kind: "correct", record: { kind: "correct", target: 1, reason: "適用日の誤記", dates: { ...dates("2016-10-11"), appliesFrom: "2018-04-01" } } });
    expect(codes(issues)).toContain("error:rule.before-conclusion");
  });

  it("given a party without 議決日, when checked, then a warning names the party and nothing is invented", () => {
    const issues = checkEvent([], { kind: "conclude", legal: { payload: { kind: "conclude", document: agreement() }, dates: { concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30" } }, draft: false, parties: PARTIES } });
    expect(issues).toEqual([expect.objectContaining({ severity: "warning", code: "rule.missing-resolution", location: { party: "和気町" } })]);
  });

  it("given a date that does not exist, when checked, then rule.invalid-date", () => {
    const issues = checkEvent([], { kind: "conclude", legal: { payload: { kind: "conclude", document: agreement() }, dates: dates("2019-02-29"), draft: false, parties: PARTIES } });
    expect(codes(issues)).toContain("error:rule.invalid-date");
  });

  it("given a retraction that would strand a later amendment, when checked, then it is refused", () => {
    const h = concluded();
    h.amend([{ op: "insert", parent: "articles", node: article("7", "第7条の本文") }], dates("2021-03-01", "2021-04-01"));
    h.amend([{ op: "replaceText", target: "article:7", from: "本文", to: "条文" }], dates("2022-03-01", "2022-04-01"));
    const issues = checkEvent(h.events, { kind: "correct", record: { kind: "correct", target: 2, reason: "誤登録", retract: true } });
    expect(codes(issues)).toContain("error:rule.target-missing");
  });

  it("given an empty correction or a payload of another kind, when checked, then refused", () => {
    const h = concluded();
    expect(codes(checkEvent(h.events, { kind: "correct", record: { kind: "correct", target: 1, reason: "x" } }))).toEqual(["error:rule.empty-correction"]);
    expect(codes(checkEvent(h.events, { kind: "correct", record: { kind: "correct", target: 1, reason: "x", payload: { kind: "abolish" } } }))).toEqual(["error:rule.invalid-event"]);
  });
});
