import { describe, expect, it } from "vitest";
import type { JpDate } from "../date/types.js";
import type { LegalEventInput } from "../events/types.js";
import type { AgreementDocument } from "../model/document.js";
import { checkEvent } from "./rules.js";
import { agreement, dates, History, PARTIES } from "./testing.testkit.js";

const conclude = (doc: AgreementDocument, concludedOn = "2020-04-01", parties: readonly string[] = PARTIES): LegalEventInput =>
  ({ payload: { kind: "conclude", document: doc }, dates: dates(concludedOn), draft: false, parties });
const day = (iso: string, text: string): JpDate => ({ text, precision: "day", iso });
const abolish = (base: { title?: string; date?: JpDate }, draft = false): LegalEventInput =>
  ({ payload: { kind: "abolish", base }, dates: dates("2026-03-25", "2026-04-01"), draft, parties: PARTIES });

function concluded(): History {
  const h = new History();
  h.conclude(agreement(), dates("2016-10-11"));
  return h;
}

const second = (h: History, input: LegalEventInput): string => {
  const e = checkEvent(h.events, { kind: "conclude", legal: input }).find((i) => i.code === "rule.second-conclusion");
  expect(e?.severity).toBe("error");
  return e!.message;
};

describe("rule.second-conclusion: what the second 締結 looks like", () => {
  it("a 廃止, a 通告 letter, a 全部変更, the same agreement again, another pair, a later restatement", () => {
    const h = concluded();
    expect(second(h, conclude(agreement({ title: "連携協約を廃止する協約書" })))).toContain("廃止の協約書");
    expect(second(h, conclude(agreement({ title: "連携協約の解消について（通告）" })))).toContain("通告");
    expect(second(h, conclude(agreement({ preamble: "…連携協約の全部を次のように変更する。" })))).toContain("--restate");
    expect(second(h, conclude(agreement(), "2016-10-11"))).toContain("同じ協約");
    expect(second(h, conclude(agreement(), "2020-04-01", ["岡山市", "備前市"]))).toContain("別の協約");
    expect(second(h, conclude(agreement(), "2020-04-01"))).toContain("再締結・全部変更");
  });
  it("a retracted 締結 does not count; a baseline is not a 締結", () => {
    const h = concluded();
    h.record({ kind: "correct", target: 1, reason: "誤り", retract: true });
    expect(checkEvent(h.events, { kind: "conclude", legal: conclude(agreement()) }).map((i) => i.code)).not.toContain("rule.second-conclusion");
    const b = new History();
    b.legal({ kind: "baseline", document: agreement() }, dates(undefined, "2024-04-01"));
    expect(checkEvent(b.events, { kind: "conclude", legal: conclude(agreement(), "2016-10-11") }).map((i) => i.code)).not.toContain("rule.second-conclusion");
  });
});

describe("rule.abolish-base-mismatch", () => {
  const NAME = "岡山市及び和気町における連携中枢都市圏形成に係る連携協約";
  const codes = (input: LegalEventInput, h = concluded()): string[] => checkEvent(h.events, { kind: "abolish", legal: input }).map((i) => `${i.severity}:${i.code}`);
  it("the recorded name line, title (without 書) or parties + title, and 締結日: accepted", () => {
    expect(codes(abolish({ title: NAME, date: day("2016-10-11", "平成28年10月11日") }))).not.toContain("error:rule.abolish-base-mismatch");
    expect(codes(abolish({ title: "連携中枢都市圏形成に係る連携協約" }))).toEqual([]);
    expect(codes(abolish({ title: "岡 山 市及び和気町における連携中枢都市圏形成に係る連携協約" }))).toEqual([]);
  });
  it("another 締結日 or title: refused, naming both; a draft is warned", () => {
    const h = concluded();
    const issues = checkEvent(h.events, { kind: "abolish", legal: abolish({ title: NAME, date: day("2016-10-12", "平成28年10月12日") }) });
    const e = issues.find((i) => i.code === "rule.abolish-base-mismatch")!;
    expect(e.message).toContain("平成28年10月12日");
    expect(e.message).toContain("平成28年10月11日");
    expect(codes(abolish({ title: "岡山市及び備前市における連携中枢都市圏形成に係る連携協約" }))).toContain("error:rule.abolish-base-mismatch");
    expect(codes(abolish({ title: "定住自立圏形成協定" }, true))).toContain("warning:rule.abolish-base-mismatch");
  });
});
