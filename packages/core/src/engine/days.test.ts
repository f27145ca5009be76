/**
 * The reads take a day in the forms the CLI takes (2020-04-01, 令和2年4月1日, R2.4.1) and answer
 * exactly as for its ISO form; a day that does not exist, or one without its day, is refused
 * with the date parser's code. Recorded dates stay ISO only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isIsoDate } from "../date/index.js";
import { parseDay } from "../date/day.js";
import type { LegalEventInput } from "../events/types.js";
import { agreement, article } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { openKyoyaku } from "./engine.js";

const PARTIES = ["岡山市", "和気町"];

function legal(payload: LegalEventInput["payload"], on: string): LegalEventInput {
  const text = `${payload.kind}:${on}`;
  return {
    payload,
    dates: { concludedOn: on, appliesFrom: on, resolutions: { 岡山市: addDays(on, -7), 和気町: addDays(on, -7) } },
    draft: false,
    parties: PARTIES,
    source: { name: `${payload.kind}.txt`, text, sha256: sha256(text) },
  };
}

function engine() {
  const k = openKyoyaku({ clock: () => "2026-01-05T00:00:00.000Z" });
  k.record({ agreementId: "a", event: legal({ kind: "conclude", document: agreement() }, "2016-10-11"), recordedBy: "t" });
  k.record({ agreementId: "a", event: legal({ kind: "amend", operations: [{ op: "replace", target: "article:3", node: article("3", "改めた第3条") }] }, "2020-04-01"), recordedBy: "t" });
  return k;
}

const thrown = (f: () => unknown): KyoyakuError => {
  try {
    f();
  } catch (e) {
    if (e instanceof KyoyakuError) return e;
    throw e;
  }
  throw new Error("did not throw");
};

describe("parseDay", () => {
  it.each([
    ["2020-04-01", "2020-04-01"], ["令和2年4月1日", "2020-04-01"], ["R2.4.1", "2020-04-01"], ["令和元年5月1日", "2019-05-01"],
    ["2020年4月1日", "2020-04-01"], ["2020/4/1", "2020-04-01"], ["平成31年4月30日", "2019-04-30"], ["H31.4.30", "2019-04-30"], ["Ｒ２．４．１", "2020-04-01"],
  ])("Given %s, When read, Then it is %s", (text, iso) => {
    expect(parseDay(text)).toMatchObject({ ok: true, value: iso });
  });

  it.each([
    ["令和2年2月30日", "date.invalid-day"], ["平成31年5月1日", "date.not-in-era"], ["令和2年4月", "date.partial-not-allowed"], ["四月一日", "date.unrecognized"],
  ])("Given %s, When read, Then it is refused with %s", (text, code) => {
    const r = parseDay(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain(code);
  });
});

describe("engine reads take the CLI's date forms", () => {
  it("Given 令和2年4月1日, R2.4.1 and 2020-04-01, When asOf, asOfVersion and inForce are asked, Then the three answers are one, dated in ISO", () => {
    const k = engine();
    const answers = ["令和2年4月1日", "R2.4.1", "2020-04-01"].map((d) => k.asOf("a", d));
    expect(answers[0]!.date).toBe("2020-04-01");
    expect(answers[1]).toEqual(answers[2]);
    expect(answers[0]).toEqual(answers[2]);
    expect(k.asOfVersion("a", "令和2年4月1日")).toEqual(k.asOfVersion("a", "2020-04-01"));
    expect(k.inForce("R2.4.1")).toEqual(k.inForce("2020-04-01"));
    expect(k.search("改めた", { on: "令和2年4月1日" })).toHaveLength(1);
    expect(k.search("改めた", { on: "令和2年3月31日" })).toHaveLength(0);
  });

  it("Given wareki and shorthand days, When diffed, Then the diff is the ISO one, from and to in ISO", () => {
    const k = engine();
    const d = k.diff("a", "令和2年3月31日", "R2.4.1");
    expect(d).toEqual(k.diff("a", "2020-03-31", "2020-04-01"));
    expect([d.from, d.to]).toEqual(["2020-03-31", "2020-04-01"]);
    expect(d.changes.map((c) => c.address)).toEqual(["article:3/paragraph:1"]);
  });

  it("Given a day that does not exist or has no day, When read, Then input.invalid names the argument and carries the parser's code", () => {
    const k = engine();
    const e = thrown(() => k.asOf("a", "令和2年2月30日"));
    expect(e.code).toBe("input.invalid");
    expect(e.message).toContain("date 令和2年2月30日");
    expect(e.issues.map((i) => i.code)).toEqual(["date.invalid-day"]);
    expect(thrown(() => k.diff("a", "2020-03-31", "令和2年4月")).issues.map((i) => i.code)).toEqual(["date.partial-not-allowed"]);
    expect(thrown(() => k.diff("a", "2020-03-31", "令和2年4月")).message).toMatch(/^to /u);
    expect(thrown(() => k.inForce(20200401 as unknown as string)).code).toBe("input.invalid");
  });

  it("Given a recorded event with a wareki date, When recorded, Then it is refused: stored dates stay ISO", () => {
    const k = engine();
    const e = thrown(() => k.record({ agreementId: "a", event: legal({ kind: "amend", operations: [] }, "令和3年4月1日"), recordedBy: "t" }));
    expect(e.code).toBe("input.invalid");
  });
});

describe("any text as a read's day", () => {
  it("Given any text (wareki-like, shorthand, noise), When asked as of it, Then the answer is for parseDay's ISO day, or input.invalid — never another error", () => {
    const k = engine();
    const num = fc.integer({ min: 0, max: 40 }).map(String);
    const text = fc.oneof(
      fc.tuple(fc.constantFrom("令和", "平成", "R", "H", "2020"), num, fc.constantFrom("年", ".", "-"), num, fc.constantFrom("月", ".", "-"), num, fc.constantFrom("日", "")).map((p) => p.join("")),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const day = parseDay(t);
        try {
          const answer = k.asOfVersion("a", t);
          expect(day.ok && isIsoDate(answer.date) && answer.date === day.value).toBe(true);
        } catch (e) {
          expect(day.ok).toBe(false);
          expect(e instanceof KyoyakuError && e.code === "input.invalid").toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
