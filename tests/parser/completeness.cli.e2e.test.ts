// `kyoyaku import --dry-run` lists every sentence and what it was read as; `--applies-from`
// supplies a 附則's unstated day and the record says the date came from the person.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_CONCLUDE, json, kyoyaku, workspace } from "../e2e/helpers.js";

const fixture = (f: string): string => readFileSync(join(import.meta.dirname, "..", "fixtures", f), "utf8");

describe("kyoyaku import: the completeness law at the command line", () => {
  it("--dry-run prints each sentence with its line and reading; --json includes it; nothing is written", () => {
    const dir = workspace();
    expect(kyoyaku(dir, ["init"]).code).toBe(0);
    expect(kyoyaku(dir, ["import", SEED_CONCLUDE, "--agreement", "okayama-wake", "--resolution", "岡山市=2016-09-30", "--resolution", "和気町=2016-09-27"]).code).toBe(0);
    writeFileSync(join(dir, "13.txt"), fixture("amendments/13_proviso.txt"));
    const r = kyoyaku(dir, ["import", "13.txt", "--agreement", "okayama-wake", "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("読み取り（文ごと");
    expect(r.stdout).toMatch(/ {2}12 {2}第3条中「別表」を「別表第1」に改め、.*→ 文言の改正 article:3（適用日 令和7年4月1日）、文言の改正 article:5（ただし書の適用日 令和7年10月1日）/u);
    expect(r.stdout).toMatch(/ {2}10 {2}平成28年10月11日に締結した.*→ 制定文（効力なし）/u);
    expect(r.stdout).toMatch(/ {2}18 {2}ただし、第5条の改正規定は、令和7年10月1日から適用する。 {2}→ 附則: ただし書の適用日 令和7年10月1日/u);
    const j = json<{ outcomes: { reading: { line: number; as: { kind: string } }[] }[] }>(kyoyaku(dir, ["import", "13.txt", "--agreement", "okayama-wake", "--dry-run", "--json"]));
    expect(j.outcomes[0]!.reading.map((x) => x.line)).toEqual([1, 3, 5, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(kyoyaku(dir, ["history", "okayama-wake"]).stdout).not.toContain("#2");
  });

  it("a 附則 「別に定める日から適用する」 is refused at its line, then recorded with --applies-from and shown as 入力による", () => {
    const dir = workspace();
    expect(kyoyaku(dir, ["init"]).code).toBe(0);
    expect(kyoyaku(dir, ["import", SEED_CONCLUDE, "--agreement", "okayama-wake", "--resolution", "岡山市=2016-09-30", "--resolution", "和気町=2016-09-27"]).code).toBe(0);
    const text = fixture("amendments/14_effective.txt").replace("この協約は、締結の日から施行し、令和7年4月1日から適用する。", "この協約は、別に定める日から適用する。");
    writeFileSync(join(dir, "later.txt"), text);
    const refused = kyoyaku(dir, ["import", "later.txt", "--agreement", "okayama-wake"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("later.txt:16");
    expect(refused.stderr).toContain("parse.supplementary-date-unstated");
    const ok = kyoyaku(dir, ["import", "later.txt", "--agreement", "okayama-wake", "--applies-from", "令和7年6月1日", "--resolution", "岡山市=2025-03-19", "--resolution", "和気町=2025-03-18"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/適用日 +令和7年6月1日（2025-06-01）（入力による）/u);
    expect(kyoyaku(dir, ["history", "okayama-wake"]).stdout).toMatch(/適用日 +令和7年6月1日（2025-06-01）（入力による）/u);
    const asOf = (on: string): string => kyoyaku(dir, ["show", "okayama-wake", "--on", on]).stdout;
    expect(asOf("2025-05-31")).toContain("協議して");
    expect(asOf("2025-06-01")).toContain("協議の上");
    // show names the supplied 適用日 as the person's, beside the event it is the basis of.
    expect(asOf("2025-06-01")).toMatch(/#2 変更 \(amend\) 締結日 \S+ 適用日 令和7年6月1日（入力による）/u);
    expect(asOf("2025-06-01")).toMatch(/#1 締結 \(conclude\) 締結日 平成28年10月11日 適用日 平成28年10月11日$/mu);
  });

  it("ratify --applies-from records the 適用日 as supplied (入力による) in history and show", () => {
    const dir = workspace();
    expect(kyoyaku(dir, ["init"]).code).toBe(0);
    expect(kyoyaku(dir, ["import", SEED_CONCLUDE, "--agreement", "okayama-wake"]).code).toBe(0);
    writeFileSync(join(dir, "draft.txt"), `(案)\n\n${fixture("amendments/05_delete_text.txt").replace(/令和7年3月25日/gu, "令和7年3月 日")}`);
    const imported = kyoyaku(dir, ["import", "draft.txt", "--agreement", "okayama-wake"]);
    expect(imported.code, imported.stderr).toBe(0);
    const r = kyoyaku(dir, ["ratify", "okayama-wake", "--event", "2", "--signed-on", "2025-03-28", "--applies-from", "2025-10-01"]);
    expect(r.code, r.stderr).toBe(0);
    expect(kyoyaku(dir, ["history", "okayama-wake"]).stdout).toMatch(/適用日 +令和7年10月1日（2025-10-01）（入力による）/u);
    expect(kyoyaku(dir, ["show", "okayama-wake", "--on", "2025-10-01"]).stdout).toMatch(/#2 変更 \(amend\) 締結日 令和7年3月28日 適用日 令和7年10月1日（入力による）/u);
  });
});
