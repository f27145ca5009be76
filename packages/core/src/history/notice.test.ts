import { describe, expect, it } from "vitest";
import type { AgreementDocument } from "../model/document.js";
import { noticeExpiry } from "./clauses.js";
import { checkEvent } from "./rules.js";
import { asOfAnswer, buildTimeline } from "./timeline.js";
import { agreement, article, dates, History } from "./testing.testkit.js";

const CLAUSE = "甲又は乙は、この連携協約を廃止しようとするときは、議会の議決を経て、相手方に通告するものとする。この場合において、この連携協約は、通告した日から起算して２年を経過した日にその効力を失う。";

function withClause(text: string): AgreementDocument {
  const base = agreement();
  return { ...base, articles: [...base.articles, article("7", text)] };
}

describe("noticeExpiry: the 通告 clause", () => {
  it("reads 「通告した日から起算して2年を経過した日」 (the 通告日 counts)", () => {
    const r = noticeExpiry(withClause(CLAUSE), "2025-06-30");
    expect(r.ok && r.value).toMatchObject({ expiresOn: "2027-06-30", address: "article:7/paragraph:1" });
    const leap = noticeExpiry(withClause(CLAUSE), "2024-02-29");
    expect(leap.ok && leap.value.expiresOn).toBe("2026-03-01");
  });
  it("reads 1年, 6箇月, 初日不算入 and the 年度 forms", () => {
    const at = (text: string, on: string) => { const r = noticeExpiry(withClause(text), on); return r.ok ? r.value.expiresOn : r.issues[0]!.code; };
    expect(at("この協約は、通告の日から起算して一年を経過した日にその効力を失う。", "2025-03-31")).toBe("2026-03-31");
    expect(at("この協約は、通告した日から起算して６箇月を経過した日に、その効力を失う。", "2025-08-31")).toBe("2026-03-01");
    expect(at("この協約は、通告した日から１年を経過した日にその効力を失う。", "2025-03-31")).toBe("2026-04-01");
    expect(at("この協約は、通告の日の翌日から起算して1年を経過した日にその効力を失う。", "2025-03-31")).toBe("2026-04-01");
    expect(at("この協定は、通告した日の属する年度の末日限り、その効力を失う。", "2026-01-15")).toBe("2026-04-01");
    expect(at("この協定は、通告した日の属する年度の翌年度の末日限り、その効力を失う。", "2026-01-15")).toBe("2027-04-01");
    expect(at("この協定は、通告した日の属する年度の末日にその効力を失う。", "2025-04-01")).toBe("2026-03-31");
  });
  it("refuses what it does not read, at the provision", () => {
    const r = noticeExpiry(withClause("この協約は、通告を受けた日から起算して2年を経過した日にその効力を失う。"), "2025-06-30");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "rule.notice-clause-unread", location: { address: "article:7/paragraph:1" } });
    expect(r.issues[0]!.message).toContain("第7条第1項");
    const near = noticeExpiry(withClause("この協約は、通告した日から起算して2年を経過した日の前日限りその効力を失う。"), "2025-06-30");
    expect(!near.ok && near.issues[0]!.code).toBe("rule.notice-clause-unread");
    const none = noticeExpiry(agreement(), "2025-06-30");
    expect(!none.ok && none.issues[0]!.code).toBe("rule.notice-clause-missing");
  });
});

/** 締結 2016-10-11 with the 通告 clause as 第7条. */
function history(): History {
  const h = new History();
  h.conclude(withClause(CLAUSE), dates("2016-10-11"));
  return h;
}
const NOTICE = { kind: "notice" as const, party: "和気町" };
const noticeDates = (on: string) => ({ concludedOn: on, resolutions: { 和気町: "2025-06-20" } });

describe("通告 in the history", () => {
  it("notice → 失効: in force the day before the 失効日, not on it, with the reason", () => {
    const h = history();
    h.legal(NOTICE, noticeDates("2025-06-30"), { parties: ["和気町"] });
    expect(asOfAnswer("a", h.events, "2027-06-29").inForce).toBe(true);
    const on = asOfAnswer("a", h.events, "2027-06-30");
    expect(on.inForce).toBe(false);
    expect(on.reason).toBe("通告による失効（#2、失効日 令和9年6月30日（2027-06-30））");
    const t = buildTimeline(h.events);
    expect(t.ok && t.value).toMatchObject({ abolishedFrom: "2027-06-30", abolishedBy: { seq: 2, kind: "notice", appliesFrom: "2027-06-30" } });
    expect(t.ok && t.value.notices).toEqual([{ seq: 2, party: "和気町", notifiedOn: "2025-06-30", expiresOn: "2027-06-30", clause: "article:7/paragraph:1", outcome: "ended" }]);
  });
  it("notice then 撤回 before the 失効日: in force again", () => {
    const h = history();
    h.legal(NOTICE, noticeDates("2025-06-30"), { parties: ["和気町"] });
    const w = { kind: "withdrawNotice" as const, target: 2 };
    expect(checkEvent(h.events, { kind: "withdrawNotice", legal: { payload: w, dates: { concludedOn: "2027-06-30", resolutions: {} }, draft: false, parties: ["和気町"] } })
      .find((x) => x.severity === "error")?.code).toBe("rule.withdraw-after-expiry");
    h.legal(w, { concludedOn: "2027-06-29", resolutions: { 和気町: "2027-06-20" } }, { parties: ["和気町"] });
    expect(asOfAnswer("a", h.events, "2027-06-30").inForce).toBe(true);
    expect(asOfAnswer("a", h.events, "2030-01-01").inForce).toBe(true);
    const t = buildTimeline(h.events);
    expect(t.ok && t.value.notices?.[0]).toMatchObject({ outcome: "withdrawn", withdrawnBy: 3 });
  });
  it("notice then 合意廃止 earlier: the 廃止 ends it first", () => {
    const h = history();
    h.legal(NOTICE, noticeDates("2025-06-30"), { parties: ["和気町"] });
    h.abolish(dates("2026-03-31", "2026-04-01"));
    expect(asOfAnswer("a", h.events, "2026-03-31").inForce).toBe(true);
    expect(asOfAnswer("a", h.events, "2026-04-01")).toMatchObject({ inForce: false, reason: "令和8年4月1日（2026-04-01）に廃止" });
    const t = buildTimeline(h.events);
    expect(t.ok && t.value.notices?.[0]?.outcome).toBe("superseded");
  });
  it("an amendment taking effect on or after the 失効日 is refused; the day before is accepted", () => {
    const h = history();
    h.legal(NOTICE, noticeDates("2025-06-30"), { parties: ["和気町"] });
    const amend = (appliesFrom: string) => checkEvent(h.events, {
      kind: "amend", legal: { payload: { kind: "amend", operations: [{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }] }, dates: dates("2027-01-10", appliesFrom), draft: false, parties: ["岡山市", "和気町"] },
    }).filter((x) => x.severity === "error");
    expect(amend("2027-06-29")).toEqual([]);
    const refused = amend("2027-06-30");
    expect(refused[0]).toMatchObject({ code: "rule.after-expiry", location: { date: "2027-06-30" } });
    expect(refused[0]!.message).toContain("#2（通告）による失効で効力を失った後");
  });
  it("a notice is refused when the clause is missing, after a 廃止, or from a stranger", () => {
    const plain = new History();
    plain.conclude(agreement(), dates("2016-10-11"));
    const cand = (party: string, on: string) => ({ kind: "notice" as const, legal: { payload: { kind: "notice" as const, party }, dates: { concludedOn: on, resolutions: { [party]: on } }, draft: false, parties: [party] } });
    expect(checkEvent(plain.events, cand("和気町", "2025-06-30")).find((x) => x.severity === "error")?.code).toBe("rule.notice-clause-missing");
    const h = history();
    expect(checkEvent(h.events, cand("備前市", "2025-06-30")).find((x) => x.severity === "error")?.code).toBe("rule.notice-party-unknown");
    expect(checkEvent(h.events, cand("和気町", "2016-10-10")).find((x) => x.severity === "error")?.code).toBe("rule.notice-not-in-force");
    expect(checkEvent(h.events, { ...cand("和気町", "2025-06-30"), legal: { ...cand("和気町", "2025-06-30").legal, dates: { concludedOn: "2025-06-30", resolutions: { 和気町: "2025-07-01" } } } })
      .find((x) => x.severity === "error")?.code).toBe("rule.resolution-after-conclusion");
  });
  it("the 失効日 follows the clause as in force on the 通告日 (an amendment of the clause before it counts)", () => {
    const h = history();
    h.amend([{ op: "replaceText", target: "article:7/paragraph:1", from: "２年", to: "１年" }], dates("2024-03-20", "2024-04-01"));
    h.legal(NOTICE, noticeDates("2025-06-30"), { parties: ["和気町"] });
    expect(asOfAnswer("a", h.events, "2026-06-29").inForce).toBe(true);
    expect(asOfAnswer("a", h.events, "2026-06-30").inForce).toBe(false);
  });
  it("a 通告 whose 失効日 falls before a recorded amendment is refused, naming the amendment", () => {
    const h = history();
    h.amend([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], dates("2027-03-01", "2027-07-01"));
    const issues = checkEvent(h.events, { kind: "notice", legal: { payload: NOTICE, dates: noticeDates("2025-06-30"), draft: false, parties: ["和気町"] } });
    const error = issues.find((x) => x.severity === "error");
    expect(error?.code).toBe("rule.after-expiry");
    expect(error?.message).toContain("#2（変更）は令和9年7月1日（2027-07-01）から適用されるが");
  });
  it("an amendment of the clause recorded after the 通告, applying before the 通告日, moves the 失効日 (recording order does not matter)", () => {
    const h = history();
    h.legal(NOTICE, noticeDates("2025-06-30"), { parties: ["和気町"] });
    expect(asOfAnswer("a", h.events, "2026-06-30").inForce).toBe(true);
    h.amend([{ op: "replaceText", target: "article:7/paragraph:1", from: "２年", to: "１年" }], dates("2024-03-20", "2024-04-01"));
    expect(asOfAnswer("a", h.events, "2026-06-29").inForce).toBe(true);
    expect(asOfAnswer("a", h.events, "2026-06-30").reason).toBe("通告による失効（#2、失効日 令和8年6月30日（2026-06-30））");
  });
});
