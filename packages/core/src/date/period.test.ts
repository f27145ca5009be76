import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, daysInMonth } from "./calendar.js";
import { dayAfterPeriod, fiscalYearEnd, fiscalYearLastDay, outOfForceFrom, periodLastDay } from "./period.js";

describe("periodLastDay (民法第143条)", () => {
  it("ends a period in years on the day before the corresponding day", () => {
    expect(periodLastDay("2024-04-01", { amount: 2, unit: "year" })).toBe("2026-03-31");
    expect(periodLastDay("2025-03-10", { amount: 1, unit: "year" })).toBe("2026-03-09");
    expect(periodLastDay("2025-01-01", { amount: 1, unit: "year" })).toBe("2025-12-31");
  });
  it("2月29日: no corresponding day in a common year ends on 2月28日", () => {
    expect(periodLastDay("2024-02-29", { amount: 1, unit: "year" })).toBe("2025-02-28");
    expect(periodLastDay("2024-02-29", { amount: 4, unit: "year" })).toBe("2028-02-28");
    expect(periodLastDay("2024-02-28", { amount: 1, unit: "year" })).toBe("2025-02-27");
    expect(periodLastDay("2023-03-01", { amount: 1, unit: "year" })).toBe("2024-02-29");
  });
  it("month ends: no corresponding day ends on the last day of that month", () => {
    expect(periodLastDay("2024-01-31", { amount: 1, unit: "month" })).toBe("2024-02-29");
    expect(periodLastDay("2025-01-31", { amount: 1, unit: "month" })).toBe("2025-02-28");
    expect(periodLastDay("2025-01-29", { amount: 1, unit: "month" })).toBe("2025-02-28");
    expect(periodLastDay("2024-01-29", { amount: 1, unit: "month" })).toBe("2024-02-28");
    expect(periodLastDay("2025-08-31", { amount: 1, unit: "month" })).toBe("2025-09-30");
    expect(periodLastDay("2025-10-31", { amount: 3, unit: "month" })).toBe("2026-01-30");
    expect(periodLastDay("2025-11-15", { amount: 6, unit: "month" })).toBe("2026-05-14");
  });
  it("days and weeks count the 起算日 as day one", () => {
    expect(periodLastDay("2025-04-01", { amount: 1, unit: "day" })).toBe("2025-04-01");
    expect(periodLastDay("2025-02-20", { amount: 10, unit: "day" })).toBe("2025-03-01");
    expect(periodLastDay("2025-04-01", { amount: 2, unit: "week" })).toBe("2025-04-14");
  });
  it("refuses a period that is not a positive whole number", () => {
    expect(() => periodLastDay("2025-04-01", { amount: 0, unit: "year" })).toThrow(/正の整数ではない/u);
    expect(() => periodLastDay("2025-02-30", { amount: 1, unit: "year" })).toThrow(/暦日（YYYY-MM-DD）ではない/u);
  });
  it("law: a period in months ends on or before the corresponding day minus one, never skipping a month", () => {
    fc.assert(fc.property(
      fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 36 }),
      (y, m, d0, n) => {
        const d = Math.min(d0, daysInMonth(y, m));
        const start = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const last = periodLastDay(start, { amount: n, unit: "month" });
        const after = addDays(last, 1);
        const idx = (m - 1 + n);
        const ty = y + Math.floor(idx / 12);
        const tm = (idx % 12) + 1;
        const [ay, am, ad] = after.split("-").map(Number) as [number, number, number];
        // The day after is the corresponding day, or the 1st of the next month when there is none.
        if (d <= daysInMonth(ty, tm)) return ay === ty && am === tm && ad === d;
        return ad === 1 && (am === tm % 12 + 1);
      }), { numRuns: 150 });
  });
});

describe("dayAfterPeriod (「…を経過した日」)", () => {
  it("起算して: the 起算日 is the day itself", () => {
    expect(dayAfterPeriod("2025-03-10", { amount: 2, unit: "year" }, true)).toBe("2027-03-10");
    expect(dayAfterPeriod("2024-02-29", { amount: 1, unit: "year" }, true)).toBe("2025-03-01");
    expect(dayAfterPeriod("2025-01-31", { amount: 1, unit: "month" }, true)).toBe("2025-03-01");
  });
  it("初日不算入 (民法第140条): counting starts the next day", () => {
    expect(dayAfterPeriod("2025-03-10", { amount: 2, unit: "year" }, false)).toBe("2027-03-11");
    expect(dayAfterPeriod("2024-02-28", { amount: 1, unit: "year" }, false)).toBe("2025-03-01");
    expect(dayAfterPeriod("2025-03-31", { amount: 1, unit: "year" }, false)).toBe("2026-04-01");
  });
});

describe("fiscalYearEnd (年度の末日)", () => {
  it("April to March", () => {
    expect(fiscalYearEnd("2025-04-01")).toBe("2026-03-31");
    expect(fiscalYearEnd("2026-03-31")).toBe("2026-03-31");
    expect(fiscalYearEnd("2026-01-15", 1)).toBe("2027-03-31");
    expect(fiscalYearEnd("2024-02-29")).toBe("2024-03-31");
  });
});

describe("fiscalYearLastDay (「令和X年度の末日」) and outOfForceFrom (「…限り」)", () => {
  it.each([
    ["令和7年度の末日", "2026-03-31"], ["令和７年度の末日", "2026-03-31"], ["令和七年度末日", "2026-03-31"],
    ["令和元年度の末日", "2020-03-31"], ["平成30年度の末日", "2019-03-31"], ["平成31年度の末日", "2020-03-31"],
  ])("%s → %s (3月31日 of the next calendar year)", (w, d) => expect(fiscalYearLastDay(w)).toBe(d));
  it.each(["令和7年度", "令和7年3月31日", "令和十十年度の末日", "令和0年度の末日"])("%s is no 年度の末日", (w) => expect(fiscalYearLastDay(w)).toBeUndefined());
  it("in force through the day, gone from the next (month and leap-year ends)", () => {
    expect(outOfForceFrom("2026-03-31")).toBe("2026-04-01");
    expect(outOfForceFrom("2028-02-29")).toBe("2028-03-01");
    expect(outOfForceFrom("2025-12-31")).toBe("2026-01-01");
  });
});
