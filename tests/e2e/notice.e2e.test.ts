/**
 * A 通告 letter imported with the built `kyoyaku` binary: recorded as a 通告 (never a 締結)
 * into the agreement its 件名 names; as-of says 通告による失効 from the 失効日 on; a
 * 撤回 after the 失効日 is refused and leaves the database as it was.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, dumpDb, json, kyoyaku, workspace } from "./helpers.js";

const FIXTURES = join(REPO, "tests/fixtures/notice");
let dir = "";
const run = (...args: string[]) => kyoyaku(dir, args);

beforeAll(() => {
  dir = workspace();
  for (const f of ["kyoyaku-tsukoku.txt", "tsukoku-letter.txt", "tsukoku-letter-tsuchi.txt"]) copyFileSync(join(FIXTURES, f), join(dir, f));
  expect(run("init").code).toBe(0);
  const r = run("import", "kyoyaku-tsukoku.txt", "--resolution", "岡山市=2020-03-10", "--resolution", "和気町=2020-03-12");
  expect(r.code, r.stderr).toBe(0);
});

describe("kyoyaku import of a 通告 letter", () => {
  it("refuses a letter that does not notify the 廃止, at its line, writing nothing", () => {
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", "tsukoku-letter-tsuchi.txt");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tsukoku-letter-tsuchi.txt:10: エラー [notice.body-unread]");
    expect(dumpDb(join(dir, "kyoyaku.db"))).toEqual(before);
  });

  it("records the letter as #2 通告 into 岡山市-和気町, with the 失効日 from 第5条", () => {
    const r = run("import", "tsukoku-letter.txt", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ outcomes: { status: string; kind: string; agreementId: string; seq: number; issues: { code: string; message: string }[] }[] }>(r).outcomes[0]!;
    expect(out).toMatchObject({ status: "recorded", kind: "notice", agreementId: "岡山市-和気町", seq: 2 });
    expect(out.issues.find((i) => i.code === "rule.notice-expiry")?.message).toBe("#2（通告）により、協約は令和9年6月30日（2027-06-30）に効力を失う（第5条第1項の定めによる失効日）");
  });

  it("answers as-of: in force the day before the 失効日, not in force on it, with the reason", () => {
    const before = json<{ inForce: boolean }>(run("show", "岡山市-和気町", "--on", "2027-06-29", "--json"));
    expect(before.inForce).toBe(true);
    const on = run("show", "岡山市-和気町", "--on", "2027-06-30");
    expect(on.stdout).toContain("効力なし（not in force）: 通告による失効（#2、失効日 令和9年6月30日（2027-06-30））");
    const h = run("history", "岡山市-和気町");
    expect(h.stdout).toContain("#2 通告 (notice)");
    expect(h.stdout).toContain("岡山市が協約の廃止を通告（失効日 令和9年6月30日（2027-06-30）：第5条第1項による）");
    expect(h.stdout).toMatch(/通告日 +令和7年6月30日（2025-06-30）/u);
    const audit = run("audit", "岡山市-和気町");
    expect(audit.stdout).toContain("締結日: 通告日 令和7年6月30日（2025-06-30）");
    expect(audit.stdout).toContain("失効日 令和9年6月30日（2027-06-30）：第5条第1項による");
  });

  it("refuses, in Japanese with a code and writing nothing, an unknown id (nearest named — never read as a new agreement), a party not of the agreement and a 撤回 of what is not a 通告", () => {
    const db = join(dir, "kyoyaku.db");
    const before = dumpDb(db);
    const cases: [string[], string][] = [
      [["notice", "岡山市-和気", "--party", "和気町", "--resolved-on", "R8.6.1", "--notified-on", "R8.6.10"], "kyoyaku notice: 協約 岡山市-和気 は記録されていない。もしかして 岡山市-和気町？ [not-found.agreement]\n"],
      [["renew", "岡山市-和気", "--automatic", "--on", "R8.1.1", "--until", "R13.3.31"], "kyoyaku renew: 協約 岡山市-和気 は記録されていない。もしかして 岡山市-和気町？ [not-found.agreement]\n"],
      [["notice", "岡山市-和気町", "--party", "和気", "--resolved-on", "R8.6.1", "--notified-on", "R8.6.10"], "kyoyaku notice: --party 和気: 和気は岡山市-和気町の当事者ではない（当事者: 岡山市、和気町）。もしかして 和気町？ [input.unknown-party]\n"],
      // One kanji off is another municipality: no suggestion.
      [["decline-renewal", "岡山市-和気町", "--party", "津山市", "--on", "R8.1.1"], "kyoyaku decline-renewal: --party 津山市: 津山市は岡山市-和気町の当事者ではない（当事者: 岡山市、和気町） [input.unknown-party]\n"],
      [["withdraw-notice", "岡山市-和気町", "--event", "1", "--on", "R8.1.1"], "kyoyaku withdraw-notice: 岡山市-和気町 の #1 は通告ではない（通告は #2）。出来事の一覧は kyoyaku history 岡山市-和気町 [input.not-a-notice]\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toBe(stderr);
    }
    expect(dumpDb(db)).toEqual(before);
  });

  it("refuses a 撤回 on the 失効日, and records one the day before", () => {
    const late = run("withdraw-notice", "岡山市-和気町", "--event", "2", "--on", "2027-06-30");
    expect(late.code).toBe(1);
    expect(late.stderr).toContain("rule.withdraw-after-expiry");
    const ok = run("withdraw-notice", "岡山市-和気町", "--event", "2", "--on", "2027-06-29");
    expect(ok.code, ok.stderr).toBe(0);
    expect(json<{ inForce: boolean }>(run("show", "岡山市-和気町", "--on", "2030-01-01", "--json")).inForce).toBe(true);
    expect(run("verify").code).toBe(0);
  });
});
