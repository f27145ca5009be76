import { describe, expect, it } from "vitest";
import { jpDate, jpInstant, jpInterval } from "./dates.js";

describe("CLI date formatting", () => {
  it("prints wareki with ISO beside it, 元年 included", () => {
    expect(jpDate("2020-04-01")).toBe("令和2年4月1日（2020-04-01）");
    expect(jpDate("2019-05-01")).toBe("令和元年5月1日（2019-05-01）");
    expect(jpDate("2019-04-30")).toBe("平成31年4月30日（2019-04-30）");
  });

  it("prints a half-open interval with the last day in force", () => {
    expect(jpInterval({ from: "2016-10-11", to: "2025-04-01" })).toBe("平成28年10月11日から令和7年3月31日まで [2016-10-11, 2025-04-01)");
    expect(jpInterval({ from: "2016-10-11", to: null })).toBe("平成28年10月11日から（終期なし） [2016-10-11, …)");
    // The day before 令和 began is still 平成.
    expect(jpInterval({ from: "2019-04-01", to: "2019-05-01" })).toBe("平成31年4月1日から平成31年4月30日まで [2019-04-01, 2019-05-01)");
  });

  it("prints an instant in UTC and in Japan time", () => {
    expect(jpInstant("2026-11-21T15:30:00.000Z")).toBe("2026-11-21T15:30:00.000Z（日本時間 2026-11-22 00:30:00）");
    expect(jpInstant("garbage")).toBe("garbage");
  });
});
