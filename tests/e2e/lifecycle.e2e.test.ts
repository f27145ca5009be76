/**
 * A longer life of one agreement through the built binary: 締結, a 廃止 draft ratified, an
 * older amendment recorded last (out of order), and the answers that depend on them.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, SEED_CONCLUDE, json, kyoyaku, workspace } from "./helpers.js";

let dir = "";
const run = (...args: string[]) => kyoyaku(dir, args);
const AMEND = "01_replace_article.txt";
const ABOLISH = "16_abolish.txt";

beforeAll(() => {
  dir = workspace();
  for (const f of [AMEND, ABOLISH]) copyFileSync(join(REPO, "tests/fixtures/amendments", f), join(dir, f));
  expect(run("init").code).toBe(0);
  expect(run("import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
});

describe("締結, 廃止 and an amendment recorded out of order", () => {
  it("records the 廃止 draft, and ratifies it", () => {
    const r = run("import", ABOLISH, "--agreement", "okayama-wake");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("記録しました（recorded） #2 廃止 (abolish)");
    expect(r.stdout).toContain("状態    案 (draft) — 確定するまで効力を持ちません");
    const rat = run("ratify", "okayama-wake", "--event", "2", "--signed-on", "令和8年3月25日");
    expect(rat.code, rat.stderr).toBe(0);
    expect(rat.stdout).toMatch(/適用日 +令和8年4月1日（2026-04-01）/u);
  });

  it("is not in force from the 廃止, and says so", () => {
    const r = run("show", "okayama-wake", "--on", "令和8年4月1日");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^状態 +効力なし（not in force）: .*廃止/mu);
    expect(json<{ inForce: boolean }>(run("show", "okayama-wake", "--on", "2026-03-31", "--json")).inForce).toBe(true);
    expect(json<{ agreements: unknown[] }>(run("list", "--on", "2026-04-01", "--json")).agreements).toEqual([]);
    expect(run("list").stdout).toMatch(/okayama-wake .* 令和8年4月1日（2026-04-01）から廃止$/mu);
  });

  it("takes an older amendment recorded last, and flags it as out of order", () => {
    const r = run("import", AMEND, "--agreement", "okayama-wake");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("記録しました（recorded） #4 変更 (amend)");
    expect(r.stdout).toContain("状態    確定 (ratified)");
    const h = json<{ entries: { seq: number; outOfOrder: boolean }[] }>(run("history", "okayama-wake", "--json"));
    expect(h.entries.find((e) => e.seq === 4)!.outOfOrder).toBe(true);
    expect(run("history", "okayama-wake").stdout).toContain("記録順が前後");
  });

  it("answers by 適用日, not by recording order", () => {
    const art = run("show", "okayama-wake", "--on", "2025-04-01", "--address", "article:3", "--bare");
    expect(art.code, art.stderr).toBe(0);
    expect(art.stdout).toContain("2 前項の取組の実施に当たっては");
    const before = run("show", "okayama-wake", "--on", "2025-03-31", "--address", "article:3", "--bare");
    expect(before.stdout).not.toContain("前項の取組の実施");
    const d = run("diff", "okayama-wake", "--from", "2025-03-31", "--to", "2025-04-01", "--format", "text");
    expect(d.stdout).toMatch(/第3条/u);
    const table = run("diff", "okayama-wake", "--from", "2025-03-31", "--to", "2025-04-01");
    expect(table.stdout).toContain("新旧対照表");
    expect(table.stdout).toContain("前項の取組の実施に当たっては");
  });

  it("refuses an event that would take effect after the 廃止", () => {
    const r = run("correct", "okayama-wake", "--event", "4", "--applies-from", "2027-04-01", "--reason", "適用日の誤り");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kyoyaku correct: .*\[rule\.violation\]/u);
  });
});
