/**
 * 新旧対照表方式 amendments imported with the built `kyoyaku` binary: each form (tab-separated
 * with full-width digits, ruled with │, a Markdown table, an HTML page, a Word file) records the
 * history its 改め文 equivalent records — the same text in force on the day before the 適用日
 * and on it; a 改正前 cell that is not the text in force is refused at its row, writing nothing.
 */
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, SEED_CONCLUDE, dumpDb, json, kyoyaku, workspace } from "./helpers.js";

const FIXTURES = join(REPO, "tests/fixtures/amendments/taishohyo");
let dir = "";
const run = (...args: string[]) => kyoyaku(dir, args);

/** Each table form and the 改め文 that makes the same change. */
const PAIRS: readonly (readonly [string, string])[] = [
  ["01_tab.txt", "01_tab.kaimebun.txt"],
  ["02_ruled.txt", "02_ruled.kaimebun.txt"],
  ["03_markdown.txt", "01_tab.kaimebun.txt"],
  ["04_html.html", "01_tab.kaimebun.txt"],
  ["05_docx.docx", "01_tab.kaimebun.txt"],
];

beforeAll(() => {
  dir = workspace();
  for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(dir, f));
  expect(run("init").code).toBe(0);
});

const documentOn = (id: string, day: string): unknown => {
  const r = run("show", id, "--on", day, "--json");
  expect(r.code, r.stderr).toBe(0);
  return json<{ document: unknown }>(r).document;
};

describe("kyoyaku import of a 新旧対照表方式 amendment", () => {
  PAIRS.forEach(([table, kaimebun], n) => {
    it(`${table} records what ${kaimebun} records (as-of 2025-03-31 and 2025-04-01)`, () => {
      const [t, k] = [`t${n}`, `k${n}`];
      for (const id of [t, k]) expect(run("import", SEED_CONCLUDE, "--agreement", id).code).toBe(0);
      const rt = run("import", table, "--agreement", t, "--json");
      expect(rt.code, rt.stderr + rt.stdout).toBe(0);
      expect(json<{ outcomes: { status: string; kind: string }[] }>(rt).outcomes[0]).toMatchObject({ status: "recorded", kind: "amend" });
      expect(run("import", kaimebun, "--agreement", k).code).toBe(0);
      for (const day of ["2025-03-31", "2025-04-01"]) expect(documentOn(t, day)).toEqual(documentOn(k, day));
      expect(documentOn(t, "2025-04-01")).not.toEqual(documentOn(t, "2025-03-31"));
    });
  });

  it("refuses a 改正前 cell that is not the text in force, at its row, showing both texts, writing nothing", () => {
    expect(run("import", SEED_CONCLUDE, "--agreement", "bad").code).toBe(0);
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", "bad_mismatch.txt", "--agreement", "bad");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad_mismatch.txt:14: エラー [amend.taishohyo-mismatch] 14行目の改正前の欄（第5条第1項）は");
    expect(r.stderr).toContain("毎月会議を開催するものとする。");
    expect(dumpDb(join(dir, "kyoyaku.db"))).toEqual(before);
  });

  it("refuses a table for an agreement not recorded (nothing to check the 改正前 cells against)", () => {
    const r = run("import", "01_tab.txt", "--agreement", "nowhere");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("01_tab.txt:12: エラー [amend.taishohyo-base-missing]");
  });

  it("refuses a one-line extraction of a table at its line: the columns cannot be told apart", () => {
    const r = run("import", "06_one_line.txt", "--agreement", "t0");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/06_one_line\.txt:1: エラー \[segment\.taishohyo\]/u);
  });
});
