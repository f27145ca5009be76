/**
 * docs/cli.md must match the built CLI: its reference section is every command's --help
 * and its tour is real output on the seeds. Regenerate with
 * `npx tsc -b && node packages/cli/scripts/docs.mjs`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandHelp } from "@kyoyaku/cli";
import { REPO } from "./helpers.js";

describe("docs/cli.md", () => {
  it("is what packages/cli/scripts/docs.mjs generates from the built CLI", () => {
    const r = spawnSync(process.execPath, [join(REPO, "packages/cli/scripts/docs.mjs"), "--check"], { encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("contains every command's --help text and a tour step for every command but demo", () => {
    const doc = readFileSync(join(REPO, "docs/cli.md"), "utf8");
    for (const c of COMMANDS) {
      expect(doc).toContain(commandHelp(c.spec).trimEnd());
      if (c.spec.name !== "demo") expect(doc).toContain(`$ kyoyaku ${c.spec.name}`);
    }
  });
});
