/**
 * 新旧対照表方式 amendments imported with the built `kyoyaku` binary: each form (tab-separated
 * with full-width digits, ruled with │, a Markdown table, an HTML page, a Word file) records the
 * history its 改め文 equivalent records — the same text in force on the day before the 適用日
 * and on it; a 改正前 cell that is not the text in force is refused at its row, writing nothing.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { comparisonDocx } from "../formats/make.js";
import { REPO, SEED_CONCLUDE, dumpDb, json, kyoyaku, workspace } from "./helpers.js";

const FIXTURES = join(REPO, "tests/fixtures/amendments/taishohyo");
let dir = "";
const run = (...args: string[]) => kyoyaku(dir, args);
let word: Uint8Array;
/** The store each 改め文 was recorded in, shared by the forms that make its change. */
const kaimebunStores = new Map<string, string>();

/** A fresh store with seed 1 recorded as `a` (a source is recorded into one agreement only). */
function store(): string {
  const d = workspace();
  for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(d, f));
  writeFileSync(join(d, "05_docx.docx"), word);
  expect(kyoyaku(d, ["init"]).code).toBe(0);
  expect(kyoyaku(d, ["import", SEED_CONCLUDE, "--agreement", "a"]).code).toBe(0);
  return d;
}

/** Each table form and the 改め文 that makes the same change. */
const PAIRS: readonly (readonly [string, string])[] = [
  ["01_tab.txt", "01_tab.kaimebun.txt"],
  ["02_ruled.txt", "02_ruled.kaimebun.txt"],
  ["03_markdown.txt", "01_tab.kaimebun.txt"],
  ["04_html.html", "01_tab.kaimebun.txt"],
  ["05_docx.docx", "01_tab.kaimebun.txt"],
];

/** The Word form of 01_tab.txt: its header and 附則 as paragraphs, the table as a Word table, 傍線 for 【】. */
async function wordForm(): Promise<Uint8Array> {
  const text = readFileSync(join(FIXTURES, "01_tab.txt"), "utf8");
  const [head, rest] = text.split("改正後\t改正前\n");
  const [, tail] = rest!.split(/\n(?=附\u3000則)/u);
  const lines = (s: string): string[] => s.split("\n").filter((l) => l.trim() !== "");
  return comparisonDocx(lines(head!), [
    [["改正後"], ["改正前"]],
    [["第１条～第４条　（略）"], ["第１条～第４条　（略）"]],
    [["（連絡会議）", "第５条　甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度【１回以上】会議を開催するものとする。"],
      ["（連絡会議）", "第５条　甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。"]],
    [["【（事務局）】", "【第６条　第５条の会議の事務局は、甲に置く。】"], ["（新設）"]],
    [["（連携協約の変更及び廃止）", "第【７】条　（略）"], ["（連携協約の変更及び廃止）", "第【６】条　（略）"]],
  ], lines(tail!));
}

beforeAll(async () => {
  word = await wordForm();
  dir = store();
});

const documentOn = (at: string, day: string): unknown => {
  const r = kyoyaku(at, ["show", "a", "--on", day, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return json<{ document: unknown }>(r).document;
};

describe("kyoyaku import of a 新旧対照表方式 amendment", () => {
  PAIRS.forEach(([table, kaimebun]) => {
    it(`${table} records what ${kaimebun} records (as-of 2025-03-31 and 2025-04-01)`, () => {
      const t = store();
      const rt = kyoyaku(t, ["import", table, "--agreement", "a", "--json"]);
      expect(rt.code, rt.stderr + rt.stdout).toBe(0);
      expect(json<{ outcomes: { status: string; kind: string }[] }>(rt).outcomes[0]).toMatchObject({ status: "recorded", kind: "amend" });
      let k = kaimebunStores.get(kaimebun);
      if (k === undefined) {
        k = store();
        expect(kyoyaku(k, ["import", kaimebun, "--agreement", "a"]).code).toBe(0);
        kaimebunStores.set(kaimebun, k);
      }
      for (const day of ["2025-03-31", "2025-04-01"]) expect(documentOn(t, day)).toEqual(documentOn(k, day));
      expect(documentOn(t, "2025-04-01")).not.toEqual(documentOn(t, "2025-03-31"));
    });
  });

  it("refuses a 改正前 cell that is not the text in force, at its row, showing both texts, writing nothing", () => {
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", "bad_mismatch.txt", "--agreement", "a");
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
    const r = run("import", "06_one_line.txt", "--agreement", "a");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/06_one_line\.txt:1:\d+: エラー \[segment\.taishohyo\]/u);
  });
});
