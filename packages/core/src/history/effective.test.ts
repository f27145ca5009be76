import { describe, expect, it } from "vitest";
import { agreementParties, effectiveEvents, missingResolutionsOf } from "./effective.js";
import { checkEvent } from "./rules.js";
import { agreement, appendix, dates, History } from "./testing.testkit.js";

const replaceAppendix = [{ op: "replace" as const, target: "appendix:1", node: appendix({ I: ["x"] }) }];

describe("agreementParties", () => {
  it("given a 締結 of 岡山市 × 和気町 and a what-if draft of 岡山市 × 備前市, when asked, then the agreement is still between 岡山市 and 和気町", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.legal({ kind: "amend", operations: replaceAppendix }, { appliesFrom: "2025-04-01", resolutions: {} }, { draft: true, parties: ["岡 山 市", "備 前 市"] });
    expect(agreementParties(h.events)).toEqual(["岡山市", "和気町"]);
  });

  it("given a history that starts with a draft amendment of spaced names, when asked, then its parties, normalised", () => {
    const h = new History();
    h.legal({ kind: "amend", operations: replaceAppendix }, { appliesFrom: "2025-04-01", resolutions: {} }, { draft: true, parties: ["岡 山 市", "備 前 市"] });
    expect(agreementParties(h.events)).toEqual(["岡山市", "備前市"]);
  });

  it("given a later 現行取込 naming a party that joined, when asked, then the parties of the latest text in force", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.legal({ kind: "baseline", document: agreement() }, { appliesFrom: "2024-04-01", resolutions: {} }, { parties: ["岡山市", "和気町", "備前市"] });
    expect(agreementParties(h.events)).toEqual(["岡山市", "和気町", "備前市"]);
    expect(agreementParties(h.events, { knownAt: h.events[0]!.recordedAt })).toEqual(["岡山市", "和気町"]);
  });

  it("given the only 締結 retracted by a 訂正, when asked, then the remaining ratified events name the parties", () => {
    const h = new History();
    h.legal({ kind: "conclude", document: agreement() }, dates("2016-10-11"), { parties: ["岡山市", "津山市"] });
    h.amend(replaceAppendix, dates("2020-03-01", "2020-04-01"));
    h.record({ kind: "correct", target: 1, reason: "別の協約", retract: true });
    expect(agreementParties(h.events)).toEqual(["岡山市", "和気町"]);
  });
});

describe("missingResolutionsOf", () => {
  it("given a 現行取込 without 議決日, when asked, then nothing is missing (it has no 議決 of its own), and no warning is given", () => {
    const h = new History();
    h.legal({ kind: "baseline", document: agreement() }, { appliesFrom: "2024-04-01", resolutions: {} });
    const [baseline] = effectiveEvents(h.events);
    expect(missingResolutionsOf(baseline!)).toEqual([]);
    const issues = checkEvent([], { kind: "baseline", legal: h.events[0]!.legal! });
    expect(issues.filter((i) => i.code === "rule.missing-resolution")).toEqual([]);
  });

  it("given a 締結 whose text spells 「岡 山 市」 and a 議決日 given for 「岡山市」, when asked, then only 和気町 is missing", () => {
    const h = new History();
    h.legal({ kind: "conclude", document: agreement() }, { concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30" } }, { parties: ["岡 山 市", "和気町"] });
    expect(missingResolutionsOf(effectiveEvents(h.events)[0]!)).toEqual(["和気町"]);
    const issues = checkEvent([], { kind: "conclude", legal: h.events[0]!.legal! });
    expect(issues.map((i) => i.message)).toEqual(["#1（締結）の和気町の議決日が記録されていない"]);
  });
});
