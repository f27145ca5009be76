import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, SEEDS } from "./helpers.js";

describe("the demo's copy of the seeds", () => {
  it("is byte-identical to tests/fixtures/seeds", () => {
    const assets = join(REPO, "packages/cli/assets/seeds");
    const fixtures = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();
    expect(fixtures).toHaveLength(2);
    expect(readdirSync(assets).filter((f) => f.endsWith(".txt")).sort()).toEqual(fixtures);
    for (const f of fixtures) expect(readFileSync(join(assets, f)).equals(readFileSync(join(SEEDS, f)))).toBe(true);
  });
});
