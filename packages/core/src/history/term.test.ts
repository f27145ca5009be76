import { describe, expect, it } from "vitest";
import type { AgreementDocument } from "../model/document.js";
import { openKyoyaku } from "../engine/engine.js";
import { termOf } from "./clauses.js";
import { checkEvent } from "./rules.js";
import { asOfAnswer, buildTimeline } from "./timeline.js";
import { agreement, article, dates, History } from "./testing.testkit.js";

const FIXED = "この協定の期間は、令和３年４月１日から令和８年３月３１日までとする。";
const AUTO = `${FIXED}ただし、期間満了の日の３月前までに、甲又は乙から何らの意思表示がないときは、この協定は、更に５年間延長されるものとし、以後も同様とする。`;

function withTerm(text: string): AgreementDocument {
  const base = agreement();
  return { ...base, articles: [...base.articles, article("7", text)] };
}
function history(text: string): History {
  const h = new History();
  h.conclude(withTerm(text), dates("2021-03-26"));
  return h;
}

describe("termOf: the term clause", () => {
  it("reads a fixed term and its automatic renewal", () => {
    expect(termOf(withTerm(FIXED))).toMatchObject({ ok: true, value: { from: "2021-04-01", until: "2026-03-31", address: "article:7/paragraph:1" } });
    const r = termOf(withTerm(AUTO));
    expect(r.ok && r.value?.autoRenewal).toEqual({ years: 5, noticeMonths: 3, repeats: true });
    expect(termOf(agreement())).toEqual({ ok: true, value: undefined, issues: [] });
  });
  it("refuses a term wording it does not read, at the provision (near misses)", () => {
    for (const text of [
      "この協定の期間は、締結の日から５年間とする。",
      `${FIXED}ただし、期間満了の日の３月前までに、甲又は乙から何らの意思表示がないときは、この協定は、更に同一期間延長されるものとする。`,
      "この協定の有効期間は、令和３年４月１日から令和８年３月３１日まで。",
    ]) {
      const r = termOf(withTerm(text));
      expect(r.ok, text).toBe(false);
      expect(r.issues[0]).toMatchObject({ code: "rule.term-clause-unread", location: { address: "article:7/paragraph:1" } });
    }
  });
});

describe("期間満了 and 更新 in the history", () => {
  it("term end: in force on the last day, not in force the day after (期間満了)", () => {
    const h = history(FIXED);
    expect(asOfAnswer("a", h.events, "2026-03-31").inForce).toBe(true);
    const after = asOfAnswer("a", h.events, "2026-04-01");
    expect(after).toMatchObject({ inForce: false, reason: "期間満了（令和3年4月1日（2021-04-01）から令和8年3月31日（2026-03-31）まで、第7条第1項）" });
    const t = buildTimeline(h.events);
    expect(t.ok && t.value.term).toMatchObject({ outcome: "expired", last: "2026-03-31" });
  });
  it("an amendment taking effect after the term ended is refused; on the last day accepted", () => {
    const h = history(FIXED);
    const amend = (appliesFrom: string) => checkEvent(h.events, {
      kind: "amend", legal: { payload: { kind: "amend", operations: [{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }] }, dates: dates("2026-03-01", appliesFrom), draft: false, parties: ["岡山市", "和気町"] },
    }).filter((x) => x.severity === "error");
    expect(amend("2026-03-31")).toEqual([]);
    expect(amend("2026-04-01")[0]?.code).toBe("rule.after-expiry");
  });
  it("a recorded 更新 extends the term to its new last day", () => {
    const h = history(FIXED);
    h.legal({ kind: "renew", until: "2031-03-31" }, { concludedOn: "2026-03-20", resolutions: {} });
    expect(asOfAnswer("a", h.events, "2026-04-01").inForce).toBe(true);
    expect(asOfAnswer("a", h.events, "2031-03-31").inForce).toBe(true);
    expect(asOfAnswer("a", h.events, "2031-04-01").inForce).toBe(false);
    // A 更新 made after the last day extends nothing.
    const late = checkEvent(history(FIXED).events, { kind: "renew", legal: { payload: { kind: "renew", until: "2031-03-31" }, dates: { concludedOn: "2026-04-01", resolutions: {} }, draft: false, parties: [] } });
    expect(late.find((x) => x.severity === "error")?.code).toBe("rule.renew-unused");
  });
  it("automatic renewal unrecorded: in force after the last day, flagged 自動更新（記録なし）, never silently", () => {
    const h = history(AUTO);
    expect(asOfAnswer("a", h.events, "2026-03-31").flags.renewalUnrecorded).toBeUndefined();
    const after = asOfAnswer("a", h.events, "2026-04-01");
    expect(after.inForce).toBe(true);
    expect(after.flags.renewalUnrecorded).toMatch(/^自動更新（記録なし）：第7条第1項の期間は令和8年3月31日（2026-03-31）まで/u);
  });
  it("automatic renewal recorded, or declined by the deadline", () => {
    const renewed = history(AUTO);
    renewed.legal({ kind: "renew", until: "2031-03-31", automatic: true }, { concludedOn: "2025-12-31", resolutions: {} });
    expect(asOfAnswer("a", renewed.events, "2026-04-01").flags.renewalUnrecorded).toBeUndefined();
    expect(asOfAnswer("a", renewed.events, "2031-04-01").flags.renewalUnrecorded).toContain("令和13年3月31日（2031-03-31）まで");
    const declined = history(AUTO);
    const decline = (on: string) => ({ kind: "declineRenewal" as const, legal: { payload: { kind: "declineRenewal" as const, party: "和気町" }, dates: { concludedOn: on, resolutions: {} }, draft: false, parties: ["和気町"] } });
    expect(checkEvent(declined.events, decline("2026-01-01")).find((x) => x.severity === "error")?.code).toBe("rule.decline-too-late");
    declined.legal(decline("2025-12-31").legal.payload, decline("2025-12-31").legal.dates, { parties: ["和気町"] });
    expect(asOfAnswer("a", declined.events, "2026-03-31").inForce).toBe(true);
    expect(asOfAnswer("a", declined.events, "2026-04-01").inForce).toBe(false);
  });
  it("the engine's projection answers the same, flag included", () => {
    const k = openKyoyaku({});
    const doc = withTerm(AUTO);
    k.record({ agreementId: "t", recordedBy: "x", event: { payload: { kind: "conclude", document: doc }, dates: dates("2021-03-26"), draft: false, parties: ["岡山市", "和気町"] } });
    expect(k.asOf("t", "2026-03-31").flags.renewalUnrecorded).toBeUndefined();
    expect(k.asOfVersion("t", "2026-04-01").flags.renewalUnrecorded).toContain("自動更新（記録なし）");
    k.record({ agreementId: "t", recordedBy: "x", event: { payload: { kind: "declineRenewal", party: "和気町" }, dates: { concludedOn: "2025-12-01", resolutions: {} }, draft: false, parties: ["和気町"] } });
    expect(k.asOf("t", "2026-04-01")).toMatchObject({ inForce: false });
    expect(k.asOf("t", "2026-04-01").reason).toMatch(/^期間満了/u);
    expect(k.verify().ok).toBe(true);
  });
});

describe("termOf: 「…限り、その効力を失う」", () => {
  const doc = (sentence: string): AgreementDocument => ({ ...agreement(), signedOn: { text: "令和3年3月26日", precision: "day", iso: "2021-03-26" }, articles: [{ number: "1", paragraphs: [{ number: 1, text: sentence, items: [] }] }] });
  it.each([
    ["この協定は、令和7年度の末日限り、その効力を失う。", "2026-03-31"],
    ["この協定は、令和七年度末日をもって、その効力を失う。", "2026-03-31"],
    ["この協定は、令和7年度の末日に効力を失う。", "2026-03-31"],
    ["この協定は、令和8年3月31日限り、その効力を失う。", "2026-03-31"],
  ])("%s → in force through %s", (s, until) => {
    const r = termOf(doc(s));
    expect(r.ok && r.value).toMatchObject({ from: "2021-03-26", until });
  });
  it("a day with 「に」 (not a 年度の末日) is refused; a sentence naming no day fixes no term", () => {
    expect(termOf(doc("この協定は、令和8年3月31日にその効力を失う。")).ok).toBe(false);
    expect(termOf(doc("この協定は、甲及び乙が合意したときは、その効力を失う。"))).toMatchObject({ ok: true, value: undefined });
  });
});
