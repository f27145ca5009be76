import { describe, expect, it } from "vitest";
import { isKyoyakuError } from "../model/errors.js";
import { interval, intervalContains, intervalsOverlap } from "./interval.js";

describe("interval", () => {
  it("builds a frozen half-open interval", () => {
    const i = interval("2016-10-11", "2025-04-01");
    expect(i).toEqual({ from: "2016-10-11", to: "2025-04-01" });
    expect(Object.isFrozen(i)).toBe(true);
    expect(interval("2025-04-01", null)).toEqual({ from: "2025-04-01", to: null });
  });

  it.each([
    ["2025-04-01", "2025-04-01"],
    ["2025-04-02", "2025-04-01"],
    ["2025-02-30", null],
    ["2025-04-01", "2025-13-01"],
    ["令和7年4月1日", null],
  ] as [string, string | null][])("refuses [%s, %s) with input.invalid", (from, to) => {
    try {
      interval(from, to);
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
    }
  });
});

describe("intervalContains", () => {
  const i = interval("2016-10-11", "2025-04-01");
  it.each([
    ["2016-10-10", false],
    ["2016-10-11", true],
    ["2020-01-01", true],
    ["2025-03-31", true],
    ["2025-04-01", false],
    ["2030-01-01", false],
  ] as [string, boolean][])("Given [2016-10-11, 2025-04-01), Then %s is inside: %s", (d, inside) => {
    expect(intervalContains(i, d)).toBe(inside);
  });
  it("an open interval contains every later day", () => {
    const open = interval("2025-04-01", null);
    expect(intervalContains(open, "2025-03-31")).toBe(false);
    expect(intervalContains(open, "2025-04-01")).toBe(true);
    expect(intervalContains(open, "9999-12-31")).toBe(true);
  });
});

describe("intervalsOverlap", () => {
  const cases: [string, string | null, string, string | null, boolean][] = [
    ["2020-01-01", "2021-01-01", "2021-01-01", null, false], // touching
    ["2020-01-01", "2021-01-02", "2021-01-01", null, true], // one shared day
    ["2020-01-01", null, "2030-01-01", null, true],
    ["2020-01-01", "2020-06-01", "2020-02-01", "2020-03-01", true], // nested
    ["2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01", false], // apart
    ["2020-03-01", null, "2020-01-01", "2020-03-01", false], // touching, open
  ];
  it.each(cases)("[%s, %s) and [%s, %s) overlap: %s", (af, at, bf, bt, expected) => {
    const a = interval(af, at);
    const b = interval(bf, bt);
    expect(intervalsOverlap(a, b)).toBe(expected);
    expect(intervalsOverlap(b, a)).toBe(expected);
  });
});
