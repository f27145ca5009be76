import { describe, expect, it } from "vitest";
import { findDates, parseDate } from "./parse.js";

/** Parse and expect success; returns the value. */
function day(text: string, opts = {}) {
  const r = parseDate(text, opts);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.value;
}

function codes(text: string, opts = {}) {
  return parseDate(text, opts).issues.map((i) => i.code);
}

describe("parseDate: era boundaries", () => {
  // [last day of era as written, its ISO, first day of next era as written, its ISO]
  const boundaries: [string, string, string, string][] = [
    ["明治45年7月29日", "1912-07-29", "大正元年7月30日", "1912-07-30"],
    ["大正15年12月24日", "1926-12-24", "昭和元年12月25日", "1926-12-25"],
    ["昭和64年1月7日", "1989-01-07", "平成元年1月8日", "1989-01-08"],
    ["平成31年4月30日", "2019-04-30", "令和元年5月1日", "2019-05-01"],
  ];
  it.each(boundaries)("Given the boundary %s / %s, When parsed, Then both days read exactly", (last, lastIso, first, firstIso) => {
    expect(day(last).iso).toBe(lastIso);
    expect(day(first).iso).toBe(firstIso);
    expect(day(first).era?.year).toBe(1);
    expect(day(first.replace("元年", "1年")).iso).toBe(firstIso);
  });

  // The old era's name on the new era's first day, and the new era's name on the old era's last day.
  const notInEra: [string, RegExp][] = [
    ["明治45年7月30日", /明治は明治45年7月29日（1912-07-29）まで/u],
    ["大正元年7月29日", /大正は大正元年7月30日（1912-07-30）から/u],
    ["大正15年12月25日", /大正は[^（]*（1926-12-24）まで/u],
    ["昭和元年12月24日", /昭和は[^（]*（1926-12-25）から/u],
    ["昭和64年1月8日", /昭和は昭和64年1月7日（1989-01-07）まで/u],
    ["平成元年1月7日", /平成は[^（]*（1989-01-08）から/u],
    ["平成31年5月1日", /平成は平成31年4月30日（2019-04-30）まで/u],
    ["令和元年4月30日", /令和は令和元年5月1日（2019-05-01）から/u],
  ];
  it.each(notInEra)("Given %s, When parsed, Then it is refused with date.not-in-era", (text, why) => {
    const r = parseDate(text, { file: "amend.txt", line: 5 });
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    const [i] = r.issues;
    expect(i?.severity).toBe("error");
    expect(i?.code).toBe("date.not-in-era");
    expect(i?.message).toContain(`「${text}」`);
    expect(i?.message).toMatch(why);
    expect(i?.location).toEqual({ file: "amend.txt", line: 5, date: text });
  });
});

describe("parseDate: numerals and spacing", () => {
  const same: [string, string][] = [
    ["令和7年4月1日", "2025-04-01"],
    ["令和７年４月１日", "2025-04-01"],
    ["令和七年四月一日", "2025-04-01"],
    ["令和元年五月一日", "2019-05-01"],
    ["昭和二十二年五月三日", "1947-05-03"],
    ["平成十一年十一月三十一日".replace("三十一", "三十"), "1999-11-30"],
    ["昭和五八年五月三〇日", "1983-05-30"],
    ["昭和六十四年一月七日", "1989-01-07"],
    ["平成二十八年十月十一日", "2016-10-11"],
    ["令和 13 年3月 31 日", "2031-03-31"],
    ["令和　７　年　４　月　１　日", "2025-04-01"],
    ["  平成28年10月11日\t", "2016-10-11"],
    ["㋿7年4月1日", "2025-04-01"],
    ["㍻28年10月11日", "2016-10-11"],
    ["令和壱年五月壱日", "2019-05-01"],
    ["令和7年12月31日", "2025-12-31"],
  ];
  it.each(same)("Given %s, When parsed, Then it is %s", (text, iso) => {
    const v = day(text);
    expect(v.iso).toBe(iso);
    expect(v.precision).toBe("day");
    expect(v.text).toBe(text.trim());
  });

  it("keeps the era and era-year as written", () => {
    expect(day("令和七年四月一日").era).toEqual({ name: "令和", year: 7 });
    expect(day("昭和64年1月7日")).toMatchObject({ year: 1989, month: 1, day: 7, era: { name: "昭和", year: 64 } });
  });
});

describe("parseDate: ISO, Gregorian and mixed forms", () => {
  const same: [string, string][] = [
    ["2025-04-01", "2025-04-01"],
    ["2025-4-1", "2025-04-01"],
    ["2025/4/1", "2025-04-01"],
    ["2025/04/01", "2025-04-01"],
    ["２０２５／４／１", "2025-04-01"],
    ["2025年4月1日", "2025-04-01"],
    ["２０２５年４月１日", "2025-04-01"],
    ["二〇二五年四月一日", "2025-04-01"],
    ["二千二十五年四月一日", "2025-04-01"],
    ["2015年(平成27年)3月25日", "2015-03-25"],
    ["2015年（平成27年）3月25日", "2015-03-25"],
    ["2015年 （ 平成27年 ） 3月25日", "2015-03-25"],
    ["2019年(令和元年)5月1日", "2019-05-01"],
    ["平成27年(2015年)3月25日", "2015-03-25"],
    ["1800-01-01", "1800-01-01"],
  ];
  it.each(same)("Given %s, When parsed, Then it is %s", (text, iso) => {
    expect(day(text).iso).toBe(iso);
  });

  it("Given a mixed form whose years disagree, When parsed, Then it is refused naming both", () => {
    const r = parseDate("2015年(平成28年)3月25日");
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe("date.era-year-mismatch");
    expect(r.issues[0]?.message).toContain("「2015年(平成28年)3月25日」");
    expect(r.issues[0]?.message).toContain("2016");
  });

  it("Given a mixed form in an impossible era day, Then the era rule still applies", () => {
    expect(codes("2019年(平成31年)5月1日")).toEqual(["date.not-in-era"]);
  });

  it("Given mixed separators in an ISO-like date, Then it is not read", () => {
    expect(codes("2025-04/01")).toEqual(["date.unrecognized"]);
  });
});

describe("parseDate: invalid days", () => {
  const bad: [string, string][] = [
    ["令和7年2月30日", "date.invalid-day"],
    ["令和7年4月31日", "date.invalid-day"],
    ["令和7年2月29日", "date.invalid-day"],
    ["2100-02-29", "date.invalid-day"],
    ["2025/2/29", "date.invalid-day"],
    ["令和7年13月1日", "date.invalid"],
    ["令和7年0月1日", "date.invalid"],
    ["令和7年4月32日", "date.invalid"],
    ["令和7年4月0日", "date.invalid"],
    ["2025-13-01", "date.invalid"],
    ["令和0年4月1日", "date.invalid"],
    ["令和二三十年4月1日", "date.invalid"],
    ["令和7年 月 1日", "date.invalid"],
    ["令和7年4月1日から", "date.unrecognized"],
    ["", "date.unrecognized"],
    ["平成", "date.unrecognized"],
    ["hello", "date.unrecognized"],
  ];
  it.each(bad)("Given %s, When parsed, Then it is refused with %s", (text, code) => {
    const r = parseDate(text, { file: "f.txt", line: 9 });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual([code]);
    expect(r.issues[0]?.severity).toBe("error");
    expect(r.issues[0]?.location).toEqual({ file: "f.txt", line: 9, date: text.trim() });
    if (text !== "") expect(r.issues[0]?.message).toContain(`「${text}」`);
  });

  it("accepts 2月29日 in leap years, including 2000 and 平成12年", () => {
    expect(day("令和6年2月29日").iso).toBe("2024-02-29");
    expect(day("平成12年2月29日").iso).toBe("2000-02-29");
    expect(codes("平成12年2月30日")).toEqual(["date.invalid-day"]);
  });

  it("never throws on odd input", () => {
    for (const s of ["\u0000", "年月日", "令和年月日", "令和元年元月元日", "9".repeat(400), "令和99999999999999999999年1月1日", "２０２５-０４-０１", "令和７年４月１日".repeat(3)]) {
      expect(() => parseDate(s)).not.toThrow();
    }
    expect(() => parseDate(undefined as unknown as string)).not.toThrow();
  });

  it("stays linear on long runs of white space (no catastrophic backtracking)", () => {
    const inputs = ["令和" + " ".repeat(50_000) + "x", "令和7年" + "　".repeat(50_000) + "x", "2025年3月" + " ".repeat(50_000)];
    const t = performance.now();
    for (const s of inputs) {
      expect(parseDate(s).ok).toBe(false);
      expect(findDates(s)).toEqual([]);
    }
    expect(performance.now() - t).toBeLessThan(1000); // quadratic matching took seconds at 20,000
  });
});

describe("parseDate: past the end of an era", () => {
  const past: [string, string, number][] = [
    ["平成33年4月1日", "2021-04-01", 33],
    ["平成32年3月31日", "2020-03-31", 32],
    ["昭和65年1月1日", "1990-01-01", 65],
    ["大正16年1月1日", "1927-01-01", 16],
  ];
  it.each(past)("Given %s, When parsed, Then it reads as %s with a date.past-era-end warning", (text, iso, eraYear) => {
    const r = parseDate(text, { line: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.iso).toBe(iso);
    expect(r.value.era?.year).toBe(eraYear);
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([["warning", "date.past-era-end"]]);
    expect(r.issues[0]?.message).toContain(`「${text}」`);
    expect(r.issues[0]?.location).toEqual({ line: 2, date: text });
  });

  it("still checks the day of a past-era-end year", () => {
    expect(codes("平成33年2月29日")).toEqual(["date.invalid-day"]);
  });

  // Found by the fuzzer (tests/reliability/fuzz.test.ts): toWareki threw on the year 10^20.
  it("Given an era year past the year 9999 (明治99999999999999999999年1月1日), Then date.invalid, not an exception", () => {
    expect(codes("明治99999999999999999999年1月1日")).toEqual(["date.invalid"]);
    expect(codes("令和9999年1月1日")).toEqual(["date.invalid"]);
    expect(codes("明治8000年1月1日")).toEqual(["date.past-era-end"]);
  });
});

describe("parseDate: partial dates", () => {
  const partial: [string, "month" | "year" | "none", number | undefined, number | undefined][] = [
    ["令和7年3月 日", "month", 2025, 3],
    ["令和7年3月　日", "month", 2025, 3],
    ["令和7年3月日", "month", 2025, 3],
    ["令和7年3月○日", "month", 2025, 3],
    ["令和7年 月 日", "year", 2025, undefined],
    ["令和7年", "year", 2025, undefined],
    ["令和○年○月○日", "none", undefined, undefined],
    ["令和〇年〇月〇日", "none", undefined, undefined],
    ["令和　年　月　日", "none", undefined, undefined],
    ["2025年3月 日", "month", 2025, 3],
  ];
  it.each(partial)("Given %s with allowPartial, Then its precision is %s", (text, precision, year, month) => {
    const v = day(text, { allowPartial: true });
    expect(v.precision).toBe(precision);
    expect(v.iso).toBeUndefined();
    expect(v.day).toBeUndefined();
    expect(v.year).toBe(year);
    expect(v.month).toBe(month);
    expect(v.text).toBe(text);
  });

  it.each(partial)("Given %s without allowPartial, Then it is refused with date.partial-not-allowed", (text) => {
    const r = parseDate(text, { file: "draft.txt", line: 7 });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["date.partial-not-allowed"]);
    expect(r.issues[0]?.message).toContain(`「${text}」`);
    expect(r.issues[0]?.location).toEqual({ file: "draft.txt", line: 7, date: text });
  });

  it("keeps the era of a month-precision date and checks it", () => {
    expect(day("令和7年3月 日", { allowPartial: true }).era).toEqual({ name: "令和", year: 7 });
    expect(codes("平成31年5月 日", { allowPartial: true })).toEqual(["date.not-in-era"]);
    expect(codes("令和元年4月 日", { allowPartial: true })).toEqual(["date.not-in-era"]);
    expect(day("平成31年4月 日", { allowPartial: true }).month).toBe(4);
    expect(day("令和元年5月 日", { allowPartial: true }).month).toBe(5);
    // a month shared by two eras is in both
    expect(day("昭和64年1月 日", { allowPartial: true }).year).toBe(1989);
    expect(day("平成元年1月 日", { allowPartial: true }).year).toBe(1989);
  });
});

describe("parseDate: 明治 before the Gregorian calendar", () => {
  it("reads 明治 dates before 1873 with Gregorian month and day, noting it", () => {
    const r = parseDate("明治元年1月1日");
    expect(r.ok && r.value.iso).toBe("1868-01-01");
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([["info", "date.lunisolar-period"]]);
    const later = parseDate("明治6年1月1日");
    expect(later.ok && later.value.iso).toBe("1873-01-01");
    expect(later.issues).toEqual([]);
  });
});

describe("findDates", () => {
  it("finds the 適用日 in a 附則 sentence", () => {
    const s = "この協約は、令和7年4月1日から適用する。";
    expect(findDates(s)).toEqual([{ start: 6, end: 14, text: "令和7年4月1日" }]);
  });

  it("finds every kind of date, with offsets into the original text", () => {
    const s = "平成28年10月11日締結。令和7年3月 日（案）、2015年（平成27年）3月25日、２０２５年４月１日、2025-04-01、令和○年○月○日、令和七年四月一日。";
    const found = findDates(s);
    expect(found.map((f) => f.text)).toEqual([
      "平成28年10月11日", "令和7年3月 日", "2015年（平成27年）3月25日", "２０２５年４月１日", "2025-04-01", "令和○年○月○日", "令和七年四月一日",
    ]);
    for (const f of found) expect(s.slice(f.start, f.end)).toBe(f.text);
  });

  it("does not take law numbers, fiscal years or bare numbers for dates", () => {
    expect(findDates("地方自治法（昭和22年法律第67号）第252条の2第1項")).toEqual([]);
    expect(findDates("令和7年度の事業、本協約書2通、12025年4月1日の前")).toEqual([]);
    expect(findDates("2025-04-011")).toEqual([]);
  });

  it("finds the dates of the seed documents", () => {
    expect(findDates("連携中枢都市圏構想推進要綱（平成26年8月25日付け総行市第200号総務省自治行政局長通知）").map((f) => f.text)).toEqual(["平成26年8月25日"]);
    expect(findDates("- 1 この協約は、令和7年4月1日から適用する。").map((f) => f.text)).toEqual(["令和7年4月1日"]);
  });

  it("needs a visible blank in running text", () => {
    expect(findDates("令和7年3月日曜日に開催")).toEqual([]);
    expect(findDates("令和7年月日")).toEqual([]);
    expect(findDates("令和7年3月 日曜日").map((f) => f.text)).toEqual(["令和7年3月 日"]);
    expect(parseDate("令和7年3月日", { allowPartial: true }).ok).toBe(true); // a whole string may omit it
  });

  it("returns nothing for empty text", () => {
    expect(findDates("")).toEqual([]);
  });
});

describe("parseDate: office shorthand", () => {
  it.each([
    ["R2.4.1", "2020-04-01", "令和", 2],
    ["H31.4.30", "2019-04-30", "平成", 31],
    ["h28/10/11", "2016-10-11", "平成", 28],
    ["S64-1-7", "1989-01-07", "昭和", 64],
    ["R元.5.1", "2019-05-01", "令和", 1],
    ["令2.4.1", "2020-04-01", "令和", 2],
    ["Ｒ２．４．１", "2020-04-01", "令和", 2],
    ["R02.04.01", "2020-04-01", "令和", 2],
  ])("given %s, when parsed, then it is %s in %s %i", (text, iso, era, year) => {
    const r = parseDate(text);
    expect(r.ok && r.value.iso).toBe(iso);
    expect(r.ok && r.value.era).toEqual({ name: era, year });
  });

  it("given eight digits, when parsed, then they are a Gregorian day, checked like any other", () => {
    const r = parseDate("20200401");
    expect(r.ok && r.value.iso).toBe("2020-04-01");
    const bad = parseDate("20190229");
    expect(!bad.ok && bad.issues[0]?.code).toBe("date.invalid-day");
  });

  it("given shorthand outside its era or mixing separators, when parsed, then it is refused with the era's bounds or as unreadable", () => {
    const late = parseDate("H31.5.1");
    expect(!late.ok && late.issues[0]?.code).toBe("date.not-in-era");
    const mixed = parseDate("R2.4/1");
    expect(!mixed.ok && mixed.issues[0]?.code).toBe("date.unrecognized");
  });

  it("given running text with shorthand, when searched, then it is not found (shorthand is read only as a whole field)", () => {
    expect(findDates("R2.4.1から適用")).toEqual([]);
  });
});

describe("parseDate: Gregorian years in kanji, of any length", () => {
  it.each([
    ["二千年四月一日", "2000-04-01"],
    ["二〇二〇年四月一日", "2020-04-01"],
    ["千九百九十三年一月一日", "1993-01-01"],
    ["二千二十五年四月一日", "2025-04-01"],
    ["弐千年四月壱日", "2000-04-01"],
    ["二千 年 四月 一日", "2000-04-01"],
    ["二千十五年（平成二十七年）三月二十五日", "2015-03-25"],
    ["平成十二年（二千年）四月一日", "2000-04-01"],
  ])("Given %s, When parsed, Then it is %s", (text, iso) => {
    expect(day(text).iso).toBe(iso);
  });

  it("Given a kanji Gregorian year and an era that disagree, Then the era rule and the mismatch still refuse it", () => {
    expect(codes("二千年（平成十三年）四月一日")).toEqual(["date.era-year-mismatch"]);
    expect(codes("二千十九年（平成三十一年）五月一日")).toEqual(["date.not-in-era"]);
    expect(codes("二千年二月三十日")).toEqual(["date.invalid-day"]);
    expect(day("二千年二月二十九日").iso).toBe("2000-02-29");
    expect(codes("千九百年二月二十九日")).toEqual(["date.invalid-day"]);
  });

  it("Given a kanji year shorter than four digits (an era cut off), Then it is refused, never read as the year 93", () => {
    for (const text of ["九十三年四月一日", "二十八年十月十一日", "七年四月一日"]) {
      expect(codes(text)).toEqual(["date.invalid"]);
      expect(parseDate(text).issues[0]?.message).toContain("4桁");
    }
  });

  it("Given a malformed kanji year, Then it is refused as a number that cannot be read", () => {
    expect(codes("二千十十年四月一日")).toEqual(["date.invalid"]);
    expect(codes("十百千年四月一日")).toEqual(["date.invalid"]);
  });

  it("Given running text, Then findDates finds kanji Gregorian dates of any length", () => {
    expect(findDates("この協約は、二千年四月一日から適用する。").map((f) => f.text)).toEqual(["二千年四月一日"]);
    expect(findDates("千九百九十三年一月一日及び二〇二〇年四月一日").map((f) => f.text)).toEqual(["千九百九十三年一月一日", "二〇二〇年四月一日"]);
  });
});
