import { describe, expect, it } from "vitest";
import { isKyoyakuError } from "../model/errors.js";
import { formatJpDate } from "./format.js";
import { parseDate } from "./parse.js";
import type { JpDate } from "./types.js";

function jp(text: string): JpDate {
  const r = parseDate(text, { allowPartial: true });
  if (!r.ok) throw new Error(`${text}: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.value;
}

describe("formatJpDate", () => {
  const table: [string, string, string][] = [
    // input, wareki, iso
    ["令和七年四月一日", "令和7年4月1日", "2025-04-01"],
    ["2019-05-01", "令和元年5月1日", "2019-05-01"],
    ["令和1年5月1日", "令和元年5月1日", "2019-05-01"],
    ["昭和64年1月7日", "昭和64年1月7日", "1989-01-07"],
    ["1989/1/8", "平成元年1月8日", "1989-01-08"],
    ["2015年（平成27年）3月25日", "平成27年3月25日", "2015-03-25"],
    ["平成33年4月1日", "令和3年4月1日", "2021-04-01"], // a past-era-end day prints in its real era
    ["明治元年1月1日", "明治元年1月1日", "1868-01-01"],
    ["令和7年3月 日", "令和7年3月\u3000日", "2025-03"],
    ["令和7年 月 日", "令和7年\u3000月\u3000日", "2025"],
    ["令和○年○月○日", "令和\u3000年\u3000月\u3000日", ""],
    ["令和　年　月　日", "令和\u3000年\u3000月\u3000日", ""],
    ["2019年5月 日", "令和元年5月\u3000日", "2019-05"],
    ["2019年4月 日", "平成31年4月\u3000日", "2019-04"],
    ["平成33年 月 日", "令和3年\u3000月\u3000日", "2021"],
    ["1989年1月 日", "昭和64年1月\u3000日", "1989-01"], // a shared month prints in the era of its first day
    ["平成元年1月 日", "平成元年1月\u3000日", "1989-01"], // unless the text named the era
  ];
  it.each(table)("Given %s, Then wareki is %s and iso is %s", (text, wareki, iso) => {
    const d = jp(text);
    expect(formatJpDate(d, "wareki")).toBe(wareki);
    expect(formatJpDate(d, "iso")).toBe(iso);
    expect(formatJpDate(d, "original")).toBe(text);
  });

  it("refuses wareki for a day before 明治", () => {
    try {
      formatJpDate(jp("1800-01-01"), "wareki");
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
    }
  });

  it("prints a date with nothing known and no era as blanks", () => {
    expect(formatJpDate({ text: "　年　月　日", precision: "none" }, "wareki")).toBe("\u3000年\u3000月\u3000日");
  });
});
