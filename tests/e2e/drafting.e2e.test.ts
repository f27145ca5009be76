/**
 * docs/drafting.md's worked example runs as written: its `sh` blocks, in order, in a fresh
 * directory with seed 1 as 連携協約書.txt and `kyoyaku` the built CLI; the draft it prints is the
 * one the doc shows, and the imported draft gives the edited text back.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO, SEED_CONCLUDE, SEEDS } from "./helpers.js";

const doc = readFileSync(join(REPO, "docs/drafting.md"), "utf8");
const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/gu)].map((m) => m[1]!);

describe("docs/drafting.md's worked example", () => {
  it("runs as written and shows the draft it writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-drafting-"));
    copyFileSync(join(SEEDS, SEED_CONCLUDE), join(dir, "連携協約書.txt"));
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "bin/kyoyaku"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(dir, "bin/kyoyaku"), 0o755);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("KYOYAKU_")) env[k] = v;
    env.PATH = `${join(dir, "bin")}:${env.PATH ?? ""}`;
    env.NO_COLOR = "1";
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const outputs = blocks.map((script) => {
      const r = spawnSync("bash", ["-e", "-o", "pipefail", "-c", script], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
      expect(r.status, `${script}\n${r.stderr}`).toBe(0);
      return r.stdout;
    });
    const shown = /<!-- 変更連携協約書\.txt -->\n```text\n([\s\S]*?)```/u.exec(doc)?.[1];
    expect(readFileSync(join(dir, "変更連携協約書.txt"), "utf8")).toBe(shown);
    expect(outputs[1]).toContain("同じ");
    // 第5条 changes from the ただし書's day, not the 附則's.
    expect(outputs[2]).toContain("毎年度会議を開催");
    expect(outputs[2]).toContain("毎年度1回以上会議を開催");
    expect(outputs[2]).toContain("子育て支援の充実");
  });
});
