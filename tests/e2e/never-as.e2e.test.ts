/**
 * `kyoyaku import` never records a text as something it is not: a second 締結 is refused with
 * what the text looks like (exit 1, nothing written), `--restate` records it on purpose as a
 * restatement (全部変更), and the same amendment from other bytes is reported as already
 * recorded (#N), by content.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dumpDb, json, kyoyaku, REPO, SEED_CONCLUDE, workspace } from "./helpers.js";

const AMEND = readFileSync(join(REPO, "tests/fixtures/amendments/02_replace_text.txt"), "utf8");

describe("import: second 締結, --restate, duplicates by content", () => {
  let dir = "";
  const run = (...args: string[]): ReturnType<typeof kyoyaku> => kyoyaku(dir, args, { KYOYAKU_RECORDED_BY: "法規担当" });
  beforeAll(() => {
    dir = workspace();
    const seed = readFileSync(join(dir, SEED_CONCLUDE), "utf8");
    writeFileSync(join(dir, "再締結.txt"), seed.replaceAll("平成28年10月11日", "令和2年4月1日").replace("（目的）", "（趣旨）"));
    writeFileSync(join(dir, "02.txt"), AMEND);
    writeFileSync(join(dir, "02-crlf.txt"), AMEND.replaceAll("\n", "\r\n") + "\r\n");
    expect(run("init").code).toBe(0);
    expect(run("import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
  });

  it("a second 締結 is refused, naming #1 and the --restate path; nothing is written", () => {
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", "再締結.txt", "--agreement", "okayama-wake");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("再締結.txt");
    expect(r.stderr).toContain("rule.second-conclusion");
    expect(r.stderr).toContain("#1（締結）");
    expect(r.stderr).toContain("--restate");
    expect(dumpDb(join(dir, "kyoyaku.db"))).toBe(before);
  });

  it("--restate records it as a 変更 with one restate operation", () => {
    const r = run("import", "再締結.txt", "--agreement", "okayama-wake", "--restate", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ outcomes: { status: string; seq: number; kind: string }[] }>(r).outcomes[0]).toMatchObject({ status: "recorded", seq: 2, kind: "amend" });
    const before = json<{ document: { articles: { caption?: string }[] } }>(run("show", "okayama-wake", "--on", "2020-03-31", "--json"));
    const after = json<{ document: { articles: { caption?: string }[] } }>(run("show", "okayama-wake", "--on", "2020-04-01", "--json"));
    expect(before.document.articles[0]?.caption).toBe("目的");
    expect(after.document.articles[0]?.caption).toBe("趣旨");
  });

  it("--restate on a 変更 text is refused", () => {
    const r = run("import", "02.txt", "--agreement", "okayama-wake", "--restate");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--restate には協約の全文（連携協約書）が要る");
  });

  it("the same amendment with CRLF line ends is already recorded (#3), by content; exit 0, nothing written", () => {
    expect(run("import", "02.txt", "--agreement", "okayama-wake").code).toBe(0);
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", "02-crlf.txt", "--agreement", "okayama-wake");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("02-crlf.txt: 記録済み（already recorded） #3 変更 (amend)");
    expect(r.stdout).toContain("同じ内容（操作・日付・当事者・基の協約・案の別）が #3 として記録済みです");
    expect(dumpDb(join(dir, "kyoyaku.db"))).toBe(before);
    const j = json<{ outcomes: { status: string; duplicateBy: string; seq: number }[] }>(run("import", "02-crlf.txt", "--agreement", "okayama-wake", "--json"));
    expect(j.outcomes[0]).toMatchObject({ status: "duplicate", duplicateBy: "content", seq: 3 });
  });
});
