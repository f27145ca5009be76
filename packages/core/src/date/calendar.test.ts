import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { isKyoyakuError } from "../model/errors.js";
import { addDays, compareIsoDates, daysBetween, daysInMonth, isIsoDate } from "./calendar.js";

describe("isIsoDate", () => {
  it.each(["2025-04-01", "2024-02-29", "2000-02-29", "1868-10-23", "0001-01-01", "9999-12-31"])("accepts %s", (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each(["2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "0000-01-01", "2025-4-1", "2025/04/01", "20250401", "2025-04-01T00:00:00Z", " 2025-04-01", "", "令和7年4月1日"])(
    "refuses %s",
    (s) => {
      expect(isIsoDate(s)).toBe(false);
    },
  );
  it("refuses non-strings without throwing", () => {
    expect(isIsoDate(20250401 as unknown as string)).toBe(false);
  });
});

describe("daysInMonth", () => {
  it("knows leap years (every 4, not every 100, every 400)", () => {
    expect([2024, 2025, 2000, 1900, 2100].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29, 28, 28]);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
});

describe("compareIsoDates", () => {
  it("orders days", () => {
    expect(compareIsoDates("2019-04-30", "2019-05-01")).toBe(-1);
    expect(compareIsoDates("2019-05-01", "2019-05-01")).toBe(0);
    expect(compareIsoDates("2020-01-01", "2019-12-31")).toBe(1);
  });
});

describe("addDays", () => {
  const table: [string, number, string][] = [
    ["2019-04-30", 1, "2019-05-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2025-02-28", 1, "2025-03-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2025-12-31", 1, "2026-01-01"],
    ["2025-04-01", 0, "2025-04-01"],
    ["2025-04-01", 365, "2026-04-01"],
    ["1868-10-23", -1, "1868-10-22"],
    ["0001-01-02", -1, "0001-01-01"],
  ];
  it.each(table)("%s + %i days = %s", (iso, n, out) => {
    expect(addDays(iso, n)).toBe(out);
  });

  it.each([
    ["2025-02-29", 1],
    ["2025-4-1", 1],
    ["2025-04-01", 0.5],
    ["9999-12-31", 1],
    ["0001-01-01", -1],
  ] as [string, number][])("refuses %s + %s with input.invalid", (iso, n) => {
    try {
      addDays(iso, n);
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
    }
  });

  it("agrees with daysBetween (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -20_000, max: 20_000 }), (a, n) => {
        const from = addDays("1800-01-01", a);
        expect(daysBetween(from, addDays(from, n))).toBe(n);
        expect(addDays(addDays(from, n), -n)).toBe(from);
      }),
    );
  });

  describe("whatever the machine's time zone", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    // New York has DST; Apia skipped 2011-12-30 entirely; Lord Howe shifts by 30 minutes.
    it.each(["America/New_York", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Tokyo", "UTC"])("gives the same days in %s", (tz) => {
      process.env.TZ = tz;
      expect(addDays("2011-12-29", 1)).toBe("2011-12-30");
      expect(addDays("2011-12-29", 2)).toBe("2011-12-31");
      expect(addDays("2025-03-08", 1)).toBe("2025-03-09");
      expect(addDays("2025-03-09", 1)).toBe("2025-03-10");
      expect(addDays("2025-11-02", 1)).toBe("2025-11-03");
      expect(addDays("2025-04-06", -1)).toBe("2025-04-05");
      expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
    });
  });
});
