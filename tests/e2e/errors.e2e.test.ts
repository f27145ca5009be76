/**
 * Every way a user can go wrong, through the built binary: the exit code, one clear message
 * naming the file/line/date/party, no stack trace, and an unchanged database.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_CONCLUDE, SEED_DRAFT, createDb, dumpDb, json, kyoyaku, openDb, workspace } from "./helpers.js";

let dir = "";
let db = "";
const run = (...args: string[]) => kyoyaku(dir, args);

/** No stack trace and no "internal error" in what the user sees. */
function clean(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
  expect(stderr).not.toContain("internal error");
  expect(stderr).not.toContain("KYOYAKU_DEBUG");
}

const ORDINANCE = [
  "岡山市個人情報保護条例",
  "",
  "（目的）",
  "第1条 この条例は、個人情報の保護に関し必要な事項を定めるものとする。",
  "",
].join("\n");

beforeAll(() => {
  dir = workspace();
  db = join(dir, "kyoyaku.db");
  writeFileSync(join(dir, "jorei.txt"), ORDINANCE);
  expect(run("init").code).toBe(0);
  expect(run("import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
});

describe("user errors exit 1 with one clear message and write nothing", () => {
  it("a missing file", () => {
    const before = dumpDb(db);
    const r = run("import", "no-such-file.txt");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("kyoyaku import: no-such-file.txt: そのファイルはない [ENOENT] — このファイルからは何も記録していない\n");
    expect(dumpDb(db)).toBe(before);
  });

  it("a text that is not an agreement (a 条例)", () => {
    const before = dumpDb(db);
    const r = run("import", "jorei.txt");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kyoyaku import: jorei\.txt: 協約の本文として読めない \[parse\.refused\]/u);
    expect(r.stderr).toMatch(/jorei\.txt:1: エラー \[parse\.[a-z-]+\] .*条例/u);
    clean(r.stderr);
    expect(dumpDb(db)).toBe(before);
  });

  it("bytes that read as Shift_JIS and as EUC-JP alike, with the encodings tried", () => {
    // E8 A1 is a kanji in both: the encoding is not guessed.
    writeFileSync(join(dir, "both.txt"), Buffer.from("E8A1E8A10A", "hex"));
    const r = run("import", "both.txt");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("kyoyaku import: both.txt: 文字コードが一つに決まりません: Shift_JIS（CP932）とEUC-JPのどちらとしても読めます（試したもの: UTF-8、Shift_JIS（CP932）、EUC-JP）。UTF-8で保存し直してください — このファイルからは何も記録していない");
  });

  it("a date that does not exist in its era", () => {
    for (const cmd of [["show", "okayama-wake"], ["list"], ["search", "子育て"]]) {
      const r = run(...cmd, "--on", "平成31年5月1日");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^kyoyaku ${cmd[0]}: --on 平成31年5月1日: .*平成`, "u"));
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      clean(r.stderr);
    }
    const d = run("diff", "okayama-wake", "--from", "2021-02-29", "--to", "2021-03-01");
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/^kyoyaku diff: --from 2021-02-29: /u);
  });

  it("a diff whose --from is after its --to", () => {
    const r = run("diff", "okayama-wake", "--from", "令和7年4月1日", "--to", "2020-01-01");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("kyoyaku diff: --from 令和7年4月1日（2025-04-01） が --to 2020-01-01 より後。古い方の日付を --from に指定すること [input.date-order]\n");
  });

  it("a bad --known-at", () => {
    const r = run("show", "okayama-wake", "--known-at", "yesterday-ish");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kyoyaku show: --known-at yesterday-ish: /u);
    clean(r.stderr);
  });

  it("a 議決日 after the 締結日 (a rule violation), naming the party and dates", () => {
    const before = dumpDb(db);
    // A copy with one more line: the same file would be a duplicate and record nothing anyway.
    writeFileSync(join(dir, "copy.txt"), readFileSync(join(dir, SEED_CONCLUDE), "utf8") + "\n");
    const r = run("import", "copy.txt", "--agreement", "other", "--resolution", "岡山市=2016-10-12");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("kyoyaku import: copy.txt: 受け付けなかった（何も記録していない）");
    expect(r.stderr).toContain("岡山市");
    expect(r.stderr).toContain("2016-10-12");
    expect(r.stderr).toContain("[rule.violation]");
    clean(r.stderr);
    expect(dumpDb(db)).toBe(before);
    const res = run("resolve", "okayama-wake", "--event", "1", "--resolution", "和気町=平成28年10月12日");
    expect(res.code).toBe(1);
    // The headline, then the rule's own code and the party it is about.
    expect(res.stderr).toMatch(/^kyoyaku resolve: 受け付けなかった（何も記録していない）[^\n]*\[rule\.violation\]\n {2}エラー \[rule\.[a-z-]+\] .*2016-10-12.*（当事者 和気町）/u);
    clean(res.stderr);
    expect(dumpDb(db)).toBe(before);
  });

  it("a --resolution for a municipality that is not a party", () => {
    const r = run("resolve", "okayama-wake", "--event", "1", "--resolution", "倉敷市=2016-09-01");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("kyoyaku resolve: --resolution 倉敷市=2016-09-01: 倉敷市はokayama-wake #1の当事者ではない（当事者: 岡山市、和気町）\n");
  });

  it("an agreement or event that does not exist", () => {
    const show = run("show", "no-such-agreement", "--on", "2020-04-01");
    expect(show.code).toBe(1);
    expect(show.stderr).toBe("kyoyaku show: 協約 no-such-agreement は記録されていない [not-found.agreement]\n");
    clean(show.stderr);
    // A misspelled id gets the nearest recorded ids, as a misspelled command does.
    for (const id of ["okayama-wak", "OKAYAMA-WAKE", "okayamawake"]) {
      const near = run("history", id);
      expect(near.code, id).toBe(1);
      expect(near.stderr, id).toBe(`kyoyaku history: 協約 ${id} は記録されていない。もしかして okayama-wake？ [not-found.agreement]\n`);
    }
    const rat = run("ratify", "okayama-wake", "--event", "9", "--signed-on", "2020-01-01");
    expect(rat.code).toBe(1);
    expect(rat.stderr).toBe("kyoyaku ratify: okayama-wake に出来事 #9 はない（最後は #1。法的な出来事は #1）。出来事の一覧は kyoyaku history okayama-wake [not-found.event]\n");
  });

  it("ratifying an event that is not a draft is refused", () => {
    const before = dumpDb(db);
    const r = run("ratify", "okayama-wake", "--event", "1", "--signed-on", "2016-10-11");
    expect(r.code).toBe(1);
    // The rule's own code, not only the generic rule.violation.
    expect(r.stderr).toMatch(/^kyoyaku ratify: 受け付けなかった（何も記録していない）[^\n]*\[rule\.violation\]\n {2}エラー \[rule\.ratify-not-draft\] /u);
    expect(r.stdout).toBe("");
    clean(r.stderr);
    expect(dumpDb(db)).toBe(before);
  });

  it("a failed import of several files leaves the database exactly as it was for the failed ones", () => {
    const before = dumpDb(db);
    const bytesBefore = readFileSync(db);
    const r = run("import", "jorei.txt", "missing.txt", SEED_CONCLUDE, "--agreement", "okayama-wake");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("jorei.txt");
    expect(r.stderr).toContain("missing.txt: そのファイルはない [ENOENT]");
    expect(r.stdout).toContain("3件中 記録 0件、記録済み 1件、失敗 2件");
    expect(dumpDb(db)).toBe(before);
    // After the CLI closed the database (WAL checkpointed), the file itself is unchanged too.
    expect(readFileSync(db).equals(bytesBefore)).toBe(true);
  });

  it("reports each file of a mixed import, recording the good ones", () => {
    const r = run("import", "jorei.txt", SEED_DRAFT, "--json");
    expect(r.code).toBe(1);
    const out = json<{ outcomes: { file: string; status: string; agreementId?: string }[] }>(r);
    expect(out.outcomes.map((o) => [o.file, o.status])).toEqual([["jorei.txt", "failed"], [SEED_DRAFT, "recorded"]]);
  });
});

describe("more user errors: stdout stays empty, the message names the problem", () => {
  it("a provision that does not exist (--address), also with --json", () => {
    for (const extra of [[], ["--json"]]) {
      const r = run("show", "okayama-wake", "--on", "2020-04-01", "--address", "article:99", ...extra);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("kyoyaku show: --address article:99: 令和2年4月1日（2020-04-01） に効力を有する okayama-wake に第99条はない [address.not-found]\n");
    }
  });

  it("--out into a directory that does not exist", () => {
    const r = run("diff", "okayama-wake", "--from", "2017-01-01", "--to", "2020-04-01", "--out", "no-such-dir/x.txt");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kyoyaku diff: --out no-such-dir/x.txt: フォルダ ${join(dir, "no-such-dir")} がない\n`);
    expect(r.stderr).not.toContain("ENOENT");
    // A file where its folder should be: said in Japanese too.
    writeFileSync(join(dir, "a-file"), "");
    const file = run("diff", "okayama-wake", "--from", "2017-01-01", "--to", "2020-04-01", "--out", "a-file/x.txt");
    expect(file.code).toBe(1);
    expect(file.stderr).toBe(`kyoyaku diff: --out a-file/x.txt: ${join(dir, "a-file")} はフォルダではない（ファイルがある）\n`);
  });

  it("UTF-16 text (LE and BE byte order marks) is read, and the record names the encoding of the original", () => {
    // Two blank lines more than the seed draft (recorded by an earlier test): a source of its own.
    const seed = `${readFileSync(join(dir, SEED_DRAFT), "utf8")}\n\n`;
    writeFileSync(join(dir, "le.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, "utf16le")]));
    writeFileSync(join(dir, "be.txt"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(seed, "utf16le").swap16()]));
    const r = run("import", "le.txt", "be.txt", "--agreement", "utf16", "--dry-run", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ outcomes: { status: string; original?: { format: string; encoding: string } }[] }>(r);
    expect(out.outcomes.map((o) => [o.status, o.original?.format, o.original?.encoding])).toEqual([
      ["would-record", "text", "utf-16le"],
      // The same text as le.txt: the second is the same source.
      ["duplicate", "text", "utf-16be"],
    ]);
  });

  it("a binary file is not a text file (no encoding hint)", () => {
    writeFileSync(join(dir, "scan.png"), Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
    const r = run("import", "scan.png");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("scan.png: テキストファイルではありません（6バイト目に制御バイト0x1aがあるバイナリデータです）");
    expect(r.stderr).not.toContain("Shift_JIS");
  });

  it("importing a draft again after it was ratified shows its status as known now", () => {
    writeFileSync(join(dir, "draft2.txt"), readFileSync(join(dir, SEED_DRAFT), "utf8") + "\n");
    const first = json<{ outcomes: { seq: number }[] }>(run("import", "draft2.txt", "--agreement", "dup", "--json"));
    const seq = String(first.outcomes[0]!.seq);
    expect(run("ratify", "dup", "--event", seq, "--signed-on", "2025-03-28").code).toBe(0);
    const again = run("import", "draft2.txt", "--agreement", "dup");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/状態 +確定 \(ratified\)/u);
    expect(again.stdout).not.toContain("案 (draft)");
    const j = json<{ outcomes: { status: string; eventStatus?: string }[] }>(run("import", "draft2.txt", "--agreement", "dup", "--json"));
    expect(j.outcomes[0]).toMatchObject({ status: "duplicate", eventStatus: "ratified" });
  });

  it("import --json carries the refusal's own issues with their codes", () => {
    writeFileSync(join(dir, "copy2.txt"), readFileSync(join(dir, SEED_CONCLUDE), "utf8") + "\n\n");
    const r = run("import", "copy2.txt", "--agreement", "other2", "--resolution", "岡山市=2016-10-12", "--json");
    expect(r.code).toBe(1);
    const out = json<{ outcomes: { status: string; message: string; issues: { code: string; location: { party?: string; file?: string } }[] }[] }>(r);
    const o = out.outcomes[0]!;
    expect(o.status).toBe("failed");
    expect(o.message).toMatch(/\[rule\.violation\]$/u);
    expect(o.issues).toContainEqual(expect.objectContaining({ code: "rule.resolution-after-conclusion", location: expect.objectContaining({ party: "岡山市", file: "copy2.txt" }) }));
  });
});

describe("usage errors exit 2", () => {
  const cases: [string[], RegExp][] = [
    [[], /^kyoyaku [\d.]+ — /u],
    [["frobnicate"], /^kyoyaku: 「frobnicate」というコマンドはない \[usage\.unknown-command\]/u],
    [["shwo"], /^kyoyaku: 「shwo」というコマンドはない。もしかして show？ \[usage\.unknown-command\]/u],
    [["show"], /^kyoyaku show: 引数 ID がない.*\[usage\.missing-argument\]/u],
    [["show", "okayama-wake", "--frob"], /^kyoyaku show: show に --frob というオプションはない \[usage\.unknown-option\]/u],
    [["show", "okayama-wake", "--adress", "article:1"], /^kyoyaku show: show に --adress というオプションはない。もしかして --address？ \[usage\.unknown-option\]/u],
    [["show", "okayama-wake", "--on"], /^kyoyaku show: オプション --on に値（DATE）が要る \[usage\.missing-value\]/u],
    [["diff", "okayama-wake", "--from", "2020-04-01"], /^kyoyaku diff: オプション --to DATE がない \[usage\.missing-option\]/u],
    [["diff", "okayama-wake", "--from", "2020-04-01", "--to", "2021-04-01", "--format", "pdf"], /^kyoyaku diff: --format pdf: table、patch、md、html、text のいずれか/u],
    [["ratify", "okayama-wake", "--event", "one", "--signed-on", "2020-01-01"], /^kyoyaku ratify: --event one: 出来事の番号/u],
    [["correct", "okayama-wake", "--event", "1", "--reason", "x"], /^kyoyaku correct: 訂正する内容がない/u],
    [["import", "a.txt", "--as", "baseline"], /^kyoyaku import: --as baseline には --in-force-on DATE/u],
    [["list", "extra"], /^kyoyaku list: 余分な引数「extra」 \[usage\.unexpected-argument\]/u],
    [["show", "okayama-wake", "--on", "2020-04-01", "--on", "2021-04-01"], /^kyoyaku show: オプション --on が2回以上ある/u],
    [["import", "a.txt", "--resolution", "和気町=2016-09-27", "--resolution", "和気町=2016-09-28"], /^kyoyaku import: --resolution で和気町に異なる二つの日付/u],
  ];
  for (const [args, message] of cases) {
    it(`kyoyaku ${args.join(" ")}`, () => {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }
});

describe("damaged databases", () => {
  it("a file of garbage bytes is not a kyoyaku database (exit 1)", () => {
    writeFileSync(join(dir, "garbage.db"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    for (const args of [["list"], ["verify"], ["init"]]) {
      const r = run(...args, "--db", "garbage.db");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^kyoyaku ${args[0]}: .*garbage\\.db.*kyoyaku のデータベースで(?:は|も)?ない`, "u"));
      clean(r.stderr);
    }
  });

  it("a database in a directory that does not exist", () => {
    const r = run("init", "--db", "no/such/dir/k.db");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kyoyaku init: ${join(dir, "no/such/dir/k.db")} を作れない: フォルダ ${join(dir, "no/such/dir")} がない\n`);
  });

  it("a SQLite file of another application is not a kyoyaku database (exit 1)", () => {
    const f = createDb(join(dir, "foreign.db"));
    f.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x');");
    f.close();
    const r = run("list", "--db", "foreign.db");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kyoyaku list: .*foreign\.db/u);
    expect(r.stderr).toContain("[store.schema]");
    clean(r.stderr);
  });

  it("a tampered events row makes verify exit 3, naming the agreement and seq", () => {
    const copy = join(dir, "tampered.db");
    copyFileSync(db, copy);
    const t = openDb(copy, false);
    t.exec("DROP TRIGGER IF EXISTS events_refuse_update");
    t.prepare("UPDATE events SET recorded_by = 'mallory' WHERE agreement_id = 'okayama-wake' AND seq = 1").run();
    t.close();
    const r = run("verify", "--db", "tampered.db");
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/okayama-wake #1/u);
    expect(r.stderr).toMatch(/^kyoyaku verify: 検証エラー（integrity failure） — 最初に壊れている箇所: okayama-wake #1 \[chain\.[a-z-]+\]$/mu);
    clean(r.stderr);
    const j = run("verify", "--db", "tampered.db", "--json");
    expect(j.code).toBe(3);
    expect(json<{ ok: boolean; problems: { agreementId: string; seq: number }[] }>(j)).toMatchObject({ ok: false, problems: [{ agreementId: "okayama-wake", seq: 1 }] });
  });
});
