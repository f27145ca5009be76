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
import { DRAFT_OUTPUT, EXAMPLE_OUTPUT, README_OUTPUT, docOutputPieces, exampleTexts, libraryDraftExample, libraryExample, readmeExample, runConsumer, transpileConsumer, writeConsumer } from "./library.js";

const dir = mkdtempSync(join(tmpdir(), "kyoyaku-library-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A consumer folder in `dir` whose @kyoyaku/* are the workspace's built packages. */
function consumer(name: string): string {
  const at = join(dir, name);
  mkdirSync(join(at, "node_modules"), { recursive: true });
  symlinkSync(join(REPO, "tests/node_modules/@kyoyaku"), join(at, "node_modules/@kyoyaku"));
  writeFileSync(join(at, "package.json"), '{ "type": "module" }\n');
  return at;
}

describe("docs/library.md", () => {
  it("Given the doc, When its example is extracted, Then it walks parse → record → asOf → diff → verify", () => {
    const code = libraryExample();
    for (const call of ["parseText(", "k.record(", "k.asOf(", "k.diff(", "renderComparisonTable(", "k.verify()"]) expect(code).toContain(call);
    expect(code).toContain('"令和2年3月31日"');
    expect(code).toContain('"R2.4.1"');
  });

  it("Given the example in a consumer project on the workspace's packages, When compiled and run, Then it prints the answers the doc shows", () => {
    const at = consumer("doc");
    writeConsumer(at);
    transpileConsumer(at);
    const r = runConsumer(at);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const line of EXAMPLE_OUTPUT) expect(r.stdout).toMatch(line);
    // What the doc shows under "It prints" is what it prints (white space aside: node breaks
    // long arrays over lines): a doc that shows an older wording fails here.
    const printed = r.stdout.replace(/\s+/gu, " ");
    for (const pieces of docOutputPieces()) {
      let from = 0;
      for (const piece of pieces) {
        const at = printed.indexOf(piece.replace(/\s+/gu, " "), from);
        expect(at, `docs/library.md shows 「${piece}」, not printed`).toBeGreaterThanOrEqual(0);
        from = at + piece.length;
      }
    }
  });

  it("Given the README's short example and the doc's two texts as 締結.txt and 変更.txt, When compiled and run, Then it prints the 新旧対照表 and a clean verify", () => {
    const at = consumer("readme");
    for (const [file, text] of Object.entries(exampleTexts())) writeFileSync(join(at, file), text);
    writeConsumer(at, { "index.ts": readmeExample() });
    transpileConsumer(at);
    const r = runConsumer(at);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const line of README_OUTPUT) expect(r.stdout).toMatch(line);
  });

  it("Given the drafting example and the doc's 締結.txt, When compiled and run, Then an immer edit becomes a 変更連携協約書 (案) and its 新旧対照表", () => {
    const at = consumer("draft");
    writeFileSync(join(at, "締結.txt"), exampleTexts()["締結.txt"]);
    const code = libraryDraftExample();
    expect(code).toContain("draftFromEdit(");
    writeConsumer(at, { "index.ts": code });
    transpileConsumer(at);
    const r = runConsumer(at);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const line of DRAFT_OUTPUT) expect(r.stdout).toMatch(line);
  });
});
