import { describe, expect, it } from "vitest";
import { endOfDayInJapan, parseInstant, todayInJapan } from "./instant.js";

describe("parseInstant", () => {
  const ok: [string, string][] = [
    ["2026-11-21T09:30:00+09:00", "2026-11-21T00:30:00.000Z"],
    ["2026-11-21T09:30:00Z", "2026-11-21T09:30:00.000Z"],
    ["2026-11-21T09:30Z", "2026-11-21T09:30:00.000Z"],
    ["2026-11-21 09:30:00.5+0900", "2026-11-21T00:30:00.500Z"],
    ["2026-11-21T09:30:00.123456789-05:00", "2026-11-21T14:30:00.123Z"],
    ["2026-01-01T08:59:59.999+09:00", "2025-12-31T23:59:59.999Z"],
    // a date means the end of that day in Japan
    ["2025-04-01", "2025-04-01T14:59:59.999Z"],
    ["令和7年4月1日", "2025-04-01T14:59:59.999Z"],
    ["令和七年三月三十一日", "2025-03-31T14:59:59.999Z"],
    ["2024-12-31", "2024-12-31T14:59:59.999Z"],
    ["2024-02-29", "2024-02-29T14:59:59.999Z"],
  ];
  it.each(ok)("Given %s, Then the instant is %s", (text, instant) => {
    const r = parseInstant(text);
    expect(r).toEqual({ ok: true, value: instant, issues: [] });
  });

  it("is just before the next day begins in Japan", () => {
    const r = parseInstant("2025-03-31");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new Date(r.value).getTime() + 1).toBe(new Date("2025-04-01T00:00:00+09:00").getTime());
  });

  const bad: [string, string][] = [
    ["2026-11-21T09:30:00", "instant.no-zone"],
    ["2026-02-30T09:30:00Z", "instant.invalid"],
    ["2026-11-21T24:00:00Z", "instant.invalid"],
    ["2026-11-21T09:60:00Z", "instant.invalid"],
    ["2026-11-21T09:30:00+25:00", "instant.invalid"],
    ["yesterday", "instant.invalid"],
    ["", "instant.invalid"],
    ["平成31年5月1日", "date.not-in-era"],
    ["令和7年3月 日", "date.partial-not-allowed"],
  ];
  it.each(bad)("Given %s, Then it is refused with %s", (text, code) => {
    const r = parseInstant(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual([code]);
    expect(r.issues[0]?.location.date).toBe(text);
  });

  it("passes on the warning of a past-era-end year", () => {
    const r = parseInstant("平成33年4月1日");
    expect(r.ok && r.value).toBe("2021-04-01T14:59:59.999Z");
    expect(r.issues.map((i) => i.code)).toEqual(["date.past-era-end"]);
  });
});

describe("endOfDayInJapan", () => {
  it("crosses month and year ends", () => {
    expect(endOfDayInJapan("2025-12-31")).toBe("2025-12-31T14:59:59.999Z");
    expect(endOfDayInJapan("2019-04-30")).toBe("2019-04-30T14:59:59.999Z");
  });
});

describe("todayInJapan", () => {
  it("changes day at 00:00 JST (15:00 UTC)", () => {
    expect(todayInJapan(new Date("2025-03-31T14:59:59.999Z"))).toBe("2025-03-31");
    expect(todayInJapan(new Date("2025-03-31T15:00:00.000Z"))).toBe("2025-04-01");
    expect(todayInJapan(new Date("2024-12-31T15:00:00Z"))).toBe("2025-01-01");
  });
  it("defaults to now", () => {
    const before = todayInJapan(new Date());
    const t = todayInJapan();
    expect([before, todayInJapan(new Date())]).toContain(t);
  });
  it("refuses an invalid Date", () => {
    expect(() => todayInJapan(new Date(Number.NaN))).toThrow(/有効な Date ではない/u);
  });
});
