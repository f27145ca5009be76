import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKyoyakuError } from "../model/errors.js";
import { addDays, isoOf } from "./calendar.js";
import { ERAS, eraByName, eraFirstYear, eraLastYear, eraOf, toWareki } from "./era.js";
import { toKanjiNumeral } from "./numerals.js";
import { parseDate } from "./parse.js";

describe("toWareki", () => {
  const table: [string, string][] = [
    ["1868-10-23", "明治元年10月23日"],
    ["1873-01-01", "明治6年1月1日"],
    ["1912-07-29", "明治45年7月29日"],
    ["1912-07-30", "大正元年7月30日"],
    ["1926-12-24", "大正15年12月24日"],
    ["1926-12-25", "昭和元年12月25日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1989-01-08", "平成元年1月8日"],
    ["2019-04-30", "平成31年4月30日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2020-01-01", "令和2年1月1日"],
    ["2025-04-01", "令和7年4月1日"],
    ["2016-10-11", "平成28年10月11日"],
  ];
  it.each(table)("Given %s, Then it is written %s", (iso, wareki) => {
    expect(toWareki(iso)).toBe(wareki);
  });

  it.each(["1868-10-22", "1800-01-01", "2025-02-29", "2025-4-1", "令和7年4月1日", ""])("Given %s, Then it throws input.invalid", (iso) => {
    try {
      toWareki(iso);
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
    }
  });
});

describe("eraOf", () => {
  it("gives the era of each era's first and last day", () => {
    for (const [i, e] of ERAS.entries()) {
      expect(eraOf(e.start)).toEqual({ name: e.name, year: 1 });
      if (e.end !== null) {
        const last = eraOf(addDays(e.end, -1));
        expect(last.name).toBe(e.name);
        expect(eraOf(e.end).name).toBe(ERAS[i + 1]?.name);
      }
    }
  });
  it("counts era-years from the Gregorian year of 元年", () => {
    expect(eraOf("1989-01-07")).toEqual({ name: "昭和", year: 64 });
    expect(eraOf("2019-04-30")).toEqual({ name: "平成", year: 31 });
    expect(eraOf("2100-12-31")).toEqual({ name: "令和", year: 82 });
  });
});

describe("era table", () => {
  it("knows each era's 元年 and last year", () => {
    expect(ERAS.map((e) => [e.name, eraFirstYear(e), eraLastYear(e)])).toEqual([
      ["明治", 1868, 45], ["大正", 1912, 15], ["昭和", 1926, 64], ["平成", 1989, 31], ["令和", 2019, undefined],
    ]);
  });
  it("chains the eras without gaps: each era ends where the next begins", () => {
    for (let i = 1; i < ERAS.length; i++) expect(ERAS[i - 1]!.end).toBe(ERAS[i]!.start);
    expect(eraByName("令和").end).toBeNull();
  });
});

describe("ISO → wareki → ISO", () => {
  it("is the identity for every day from 1868-10-23 to 2100-12-31", () => {
    let iso = "1868-10-23";
    let n = 0;
    const failures: string[] = [];
    while (iso <= "2100-12-31") {
      const w = toWareki(iso);
      const r = parseDate(w);
      if (!r.ok || r.value.iso !== iso || r.issues.some((i) => i.severity !== "info")) failures.push(`${iso} → ${w}`);
      iso = addDays(iso, 1);
      n += 1;
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(n).toBe((Date.UTC(2101, 0, 1) - Date.UTC(1868, 9, 23)) / 86_400_000); // every day of [1868-10-23, 2101-01-01)
  });

  it("reads kanji-numeral renderings of random days back (fast-check)", () => {
    const start = Date.UTC(1868, 9, 23);
    const end = Date.UTC(2100, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: (end - start) / 86_400_000 }), fc.boolean(), (offset, digitByDigit) => {
        const iso = addDays("1868-10-23", offset);
        const { name, year } = eraOf(iso);
        const [, m, d] = iso.split("-").map(Number) as [number, number, number];
        const k = (n: number): string =>
          digitByDigit ? String(n).replace(/\d/gu, (c) => "〇一二三四五六七八九"[Number(c)]!) : toKanjiNumeral(n);
        const text = `${name}${year === 1 ? "元" : k(year)}年${k(m)}月${k(d)}日`;
        const r = parseDate(text);
        expect(r.ok && r.value.iso).toBe(iso);
        expect(isoOf(Number(iso.slice(0, 4)), m, d)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });
});
