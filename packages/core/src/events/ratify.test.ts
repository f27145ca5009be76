import { describe, expect, it } from "vitest";
import { ratificationDates } from "./ratify.js";

describe("ratificationDates", () => {
  const draft = { resolutions: { 岡山市: "2025-03-10" }, appliesFrom: "2025-04-01", written: { concludedOn: { text: "令和7年3月 日", precision: "month" as const } } };
  it("a 適用日 given at ratification is marked supplied; the draft's 附則 date is kept otherwise", () => {
    expect(ratificationDates(draft, "2025-03-28", "2025-10-01", { 備前市: "2025-03-21" })).toEqual({
      ...draft, concludedOn: "2025-03-28", appliesFrom: "2025-10-01", supplied: ["appliesFrom"], resolutions: { 岡山市: "2025-03-10", 備前市: "2025-03-21" },
    });
    const kept = ratificationDates(draft, "2025-03-28", undefined, {});
    expect(kept.appliesFrom).toBe("2025-04-01");
    expect(kept.supplied).toBeUndefined();
  });
  it("keeps dates supplied at import (no duplicate mark)", () => {
    expect(ratificationDates({ ...draft, supplied: ["appliesFrom"] }, "2025-03-28", "2025-10-01", {}).supplied).toEqual(["appliesFrom"]);
  });
});
