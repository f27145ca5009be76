import { describe, expect, it } from "vitest";
import { budgetOption } from "./serve.js";

describe("--time-budget", () => {
  it("Given 30s, 500ms, 2m or bare seconds, Then milliseconds; nonsense or out of range is a usage error", () => {
    expect(budgetOption("30s")).toBe(30_000);
    expect(budgetOption("500ms")).toBe(500);
    expect(budgetOption("2m")).toBe(120_000);
    expect(budgetOption("1.5")).toBe(1500);
    expect(budgetOption(undefined)).toBeUndefined();
    for (const bad of ["", "fast", "10ms", "2h", "-1s"]) expect(() => budgetOption(bad)).toThrow(/--time-budget/u);
  });
});
