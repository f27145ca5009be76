/**
 * `kyoyaku demo` (what the README's first command runs) and the root scripts that reach it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, json, kyoyaku, workspace } from "./helpers.js";

describe("kyoyaku demo", () => {
  it("imports the seeds into a fresh database and prints each part under its command", () => {
    const dir = workspace();
    const r = kyoyaku(dir, ["demo"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, "kyoyaku-demo.db"))).toBe(true);
    const out = r.stdout;
    const order = [
      "$ kyoyaku init --db kyoyaku-demo.db",
      // The seeds are not below the working directory here, so their path is absolute.
      `$ kyoyaku import ${join(REPO, "packages/cli/assets/seeds/000_0d517b853e764d1a.txt")} --agreement okayama-wake --db kyoyaku-demo.db`,
      "議決日  岡山市 未登録、和気町 未登録",
      "001_6d3949d91c26715e.txt --agreement okayama-bizen --db kyoyaku-demo.db",
      "記録しました（recorded） #1 変更 (amend)",
      "状態    案 (draft) — 確定するまで効力を持ちません",
      "当事者  岡山市、備前市",
      "001_6d3949d91c26715e.txt --agreement okayama-wake --what-if --db kyoyaku-demo.db",
      "$ kyoyaku show okayama-wake --on 令和2年4月1日 --db kyoyaku-demo.db",
      "基準日        令和2年4月1日（2020-04-01）",
      "第1条 この連携協約は",
      "$ kyoyaku history okayama-wake --db kyoyaku-demo.db",
      "#2 変更 (amend) — 案 (draft)",
      "$ kyoyaku diff okayama-wake --from 2025-03-31 --to 2025-04-01 --with-drafts --db kyoyaku-demo.db",
      "新旧対照表",
      "根拠: #2 変更（締結日 —、適用日 令和7年4月1日（2025-04-01））［案］",
      "（新設）",
      "【高度な中心拠点の強化】",
      "$ kyoyaku verify --db kyoyaku-demo.db",
      "検証OK（verified）",
    ];
    expect(out).not.toContain(dir);
    let at = 0;
    for (const s of order) {
      const i = out.indexOf(s, at);
      expect(i, `"${s}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = i + s.length;
    }
  });

  it("prints commands that can be typed again as they are (from the repository root)", () => {
    const db = join(workspace(), "demo.db");
    const r = kyoyaku(REPO, ["demo", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    const line = `$ kyoyaku import packages/cli/assets/seeds/001_6d3949d91c26715e.txt --agreement okayama-wake --what-if --db ${db}`;
    expect(r.stdout).toContain(line);
    // Typed again: the same file into the same agreement as a what-if is the same draft by
    // content (#2), never a second copy of it; the command still runs as typed.
    const again = kyoyaku(REPO, line.slice("$ kyoyaku ".length).split(" "));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("記録済み（already recorded） #2 変更 (amend)");
    // Its closing hint names the quiet way the README gives to run the CLI from a checkout.
    expect(r.stdout).toContain(`（リポジトリのチェックアウトでは ./kyoyaku list --db ${db}）`);
  });

  it("recreates its database on each run", () => {
    const dir = workspace();
    expect(kyoyaku(dir, ["demo", "--db", "d.db"]).code).toBe(0);
    expect(kyoyaku(dir, ["demo", "--db", "d.db"]).code).toBe(0);
    const list = json<{ agreements: { id: string; events: number }[] }>(kyoyaku(dir, ["list", "--db", "d.db", "--json"]));
    expect(list.agreements.map((a) => [a.id, a.events])).toEqual([["okayama-bizen", 1], ["okayama-wake", 2]]);
  });

  it("never replaces a database that holds other agreements, and ignores KYOYAKU_DB", () => {
    const dir = workspace();
    expect(kyoyaku(dir, ["init", "--db", "real.db"]).code).toBe(0);
    writeSeedCopy(dir);
    expect(kyoyaku(dir, ["import", "mine.txt", "--agreement", "mine", "--db", "real.db"]).code).toBe(0);
    const r = kyoyaku(dir, ["demo", "--db", "real.db"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("には他の協約（mine）がある");
    expect(json<{ agreements: unknown[] }>(kyoyaku(dir, ["list", "--db", "real.db", "--json"])).agreements).toHaveLength(1);
    const env = kyoyaku(dir, ["demo"], { KYOYAKU_DB: join(dir, "real.db") });
    expect(env.code).toBe(0);
    expect(json<{ agreements: unknown[] }>(kyoyaku(dir, ["list", "--db", "real.db", "--json"])).agreements).toHaveLength(1);
  });
});

describe("the root package scripts", () => {
  it("run the built CLI (kyoyaku) and the demo", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.kyoyaku).toBe("node packages/cli/dist/bin.js");
    expect(pkg.scripts.demo).toMatch(/node packages\/cli\/dist\/bin\.js demo$/u);
  });

  it("Given a checkout after the build, When ./kyoyaku and the package's bin run, Then both are the built CLI, with nothing of pnpm around its answer", () => {
    const cli = JSON.parse(readFileSync(join(REPO, "packages/cli/package.json"), "utf8")) as { bin: Record<string, string> };
    // The bin is a committed file (pnpm links it before the build makes dist/), which loads the build.
    expect(cli.bin.kyoyaku).not.toMatch(/dist\//u);
    const bin = join(REPO, "packages/cli", cli.bin.kyoyaku!);
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    for (const command of [join(REPO, "kyoyaku"), bin]) {
      const r = spawnSync(command, ["--version"], { cwd: REPO, encoding: "utf8" });
      expect([r.status, r.stdout, r.stderr]).toEqual([0, "0.1.0\n", ""]);
    }
  });
});

function writeSeedCopy(dir: string): void {
  const text = readFileSync(join(dir, "000_0d517b853e764d1a.txt"), "utf8");
  // A different file (one more line), so it is not a duplicate of the demo's seed.
  writeFileSync(join(dir, "mine.txt"), `${text}\n`);
}
