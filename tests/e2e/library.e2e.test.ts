/**
 * docs/library.md's example runs as written against the workspace's built packages: extracted
 * from the doc, compiled, run with node in a temporary folder. (pack.e2e.test.ts type-checks the
 * same block with `skipLibCheck: false` and runs it against the packed, installed packages.)
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "./helpers.js";
import { EXAMPLE_OUTPUT, libraryExample, runConsumer, transpileConsumer, writeConsumer } from "./library.js";

const dir = mkdtempSync(join(tmpdir(), "kyoyaku-library-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/library.md", () => {
  it("Given the doc, When its example is extracted, Then it walks parse → record → asOf → diff → verify", () => {
    const code = libraryExample();
    for (const call of ["parseText(", "k.record(", "k.asOf(", "k.diff(", "renderComparisonTable(", "k.verify()"]) expect(code).toContain(call);
    expect(code).toContain('"令和2年3月31日"');
    expect(code).toContain('"R2.4.1"');
  });

  it("Given the example in a consumer project on the workspace's packages, When compiled and run, Then it prints the answers the doc shows", () => {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(REPO, "tests/node_modules/@kyoyaku"), join(dir, "node_modules/@kyoyaku"));
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    writeConsumer(dir);
    transpileConsumer(dir);
    const r = runConsumer(dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const line of EXAMPLE_OUTPUT) expect(r.stdout).toMatch(line);
  });
});
