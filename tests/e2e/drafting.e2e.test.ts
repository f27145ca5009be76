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
import { BIN, kyoyaku, REPO, SEED_CONCLUDE, SEEDS, workspace } from "./helpers.js";

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

describe("kyoyaku draft refuses, in Japanese with a code, and records nothing", () => {
  const dir = workspace();
  kyoyaku(dir, ["init"]);
  kyoyaku(dir, ["import", SEED_CONCLUDE, "--agreement", "okayama-wake"]);
  const current = kyoyaku(dir, ["show", "okayama-wake", "--on", "2025-03-31", "--bare"]).stdout;
  const events = (): number => kyoyaku(dir, ["history", "okayama-wake", "--json"]).stdout.length;
  const recorded = events();

  it("an edited text that is not an agreement, at its line", () => {
    writeFileSync(join(dir, "bad.txt"), "これは協約ではない。\n");
    const r = kyoyaku(dir, ["draft", "okayama-wake", "--text", "bad.txt", "--applies-from", "2025-04-01"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[draft.text-unreadable]");
    expect(r.stdout).toBe("");
  });

  it("an edit of a part an amendment does not reach (the 署名欄's date), naming it", () => {
    writeFileSync(join(dir, "date.txt"), current.replace(/^平成28年10月11日$/mu, "平成28年10月12日"));
    const r = kyoyaku(dir, ["draft", "okayama-wake", "--text", "date.txt", "--applies-from", "2025-04-01"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[draft.unsupported-change]");
  });

  it("a text with no change", () => {
    writeFileSync(join(dir, "same.txt"), current);
    const r = kyoyaku(dir, ["draft", "okayama-wake", "--text", "same.txt", "--applies-from", "2025-04-01"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[draft.no-change]");
  });

  it("a day before the agreement, a missing --applies-from, an unknown style", () => {
    writeFileSync(join(dir, "e.txt"), current.replace("毎年度会議", "毎年度1回以上会議"));
    const early = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt", "--applies-from", "2016-10-01"]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("[draft.no-base]");
    const missing = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("[usage.missing-option]");
    const style = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt", "--applies-from", "2025-04-01", "--style", "x"]);
    expect(style.code).toBe(2);
    const ok = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt", "--applies-from", "2025-04-01", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ agreementId: "okayama-wake", operations: [{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度1回以上" }] });
  });

  it("--style taishohyo writes the 新旧対照表方式 text, in md and docx too (its table a Word table)", () => {
    const t = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt", "--applies-from", "2025-04-01", "--style", "taishohyo"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("の一部を次の表のように変更する。");
    const md = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt", "--applies-from", "2025-04-01", "--style", "taishohyo", "--format", "md"]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain("の一部を次の表のように変更する。");
    const docx = kyoyaku(dir, ["draft", "okayama-wake", "--text", "e.txt", "--applies-from", "2025-04-01", "--style", "taishohyo", "--format", "docx", "-o", "table.docx"]);
    expect(docx.code, docx.stderr).toBe(0);
  });

  it("left the record as it was", () => {
    expect(events()).toBe(recorded);
  });
});
