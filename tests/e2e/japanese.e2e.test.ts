/**
 * Japanese throughout (issue 16): every line a person sees — each command's --help, the
 * answers of the read commands, and the messages of the usual mistakes — is Japanese, with
 * only its stable English code, option names, paths, ids, ISO dates and commands beside it.
 * The scan below fails on an English sentence (its own test proves it).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_CONCLUDE, SEED_DRAFT, kyoyaku, workspace, type RunResult } from "./helpers.js";

/**
 * What a line says once what may stay English is taken out: codes in brackets, options,
 * paths and file names, URLs, ISO dates and instants, hashes, `code`, env variables,
 * the `kyoyaku CMD` that opens a message or an example.
 */
function prose(line: string): string {
  return line
    .replace(/^\s*(?:\$ )?kyoyaku(?: [a-z][a-z-]*)?(?::|(?= |$))/u, " ") // the message's frame or an example's command
    .replace(/`[^`]*`/gu, " ")
    .replace(/\bkyoyaku [a-z][a-z-]*/gu, " ") // 「一覧は kyoyaku history ID」
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/gu, " ") // ids and values: okayama-wake, egov-xml
    .replace(/\[[a-z][\w.-]*\]/gu, " ") // [rule.violation]
    .replace(/https?:\/\/\S+/gu, " ")
    .replace(/(?:^|\s)-{1,2}[a-zA-Z][\w-]*(?:[ =](?:[A-Z][A-Z_=…]*|[\w.:/-]+\.\w+))?/gu, " ") // --db FILE, -o out.html
    .replace(/[\w.~-]*\/[\w./~*-]*|[\w-]+\.(?:txt|db|json|xml|html|md|anchor|docx|pdf)\b/gu, " ") // paths, files
    .replace(/\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?/gu, " ")
    .replace(/\b[0-9a-f]{12,64}\b/gu, " ")
    .replace(/\$[A-Z_]+|\b[A-Z][A-Z_]{2,}\b/gu, " ");
}

/**
 * The English in a line a person reads, if any: three English words in a row (a phrase, not
 * a name such as Akoma Ntoso), or a bare English heading such as `Usage:`.
 *
 * @example
 * englishIn("kyoyaku show: refused: the history cannot be built [rule.violation]"); // "refused: the history cannot be built"
 * englishIn("kyoyaku show: 協約 x は記録されていない [not-found.agreement]"); // undefined
 */
function englishIn(line: string): string | undefined {
  const p = prose(line);
  const heading = /^\s*[A-Z][a-z]+(?: [a-z]+)*:\s*$/u.exec(p);
  if (heading !== null) return line.trim();
  const phrase = /\b[A-Za-z][a-z']+(?:[ ,:;()]+[a-z][a-z']*){2,}\b/u.exec(p);
  return phrase === null ? undefined : phrase[0];
}

/** Every line of what the run printed that carries English, as "stream: line". */
function englishLines(r: RunResult): string[] {
  const out: string[] = [];
  for (const [stream, text] of [["stdout", r.stdout], ["stderr", r.stderr]] as const) {
    for (const line of text.split("\n")) if (englishIn(line) !== undefined) out.push(`${stream}: ${line}`);
  }
  return out;
}

describe("the English detector", () => {
  it("finds an English sentence or heading, and passes Japanese with codes, options, paths and dates", () => {
    for (const english of [
      "kyoyaku show: refused: the history cannot be built [rule.violation]",
      "Usage:",
      "  Options that take a DATE accept ISO (2020-04-01) or wareki",
      "kyoyaku init: cannot open the database /tmp/x.db: its directory /tmp does not exist [input.invalid]",
      "      --db FILE  database file (default: $KYOYAKU_DB, else ./kyoyaku.db)",
    ]) expect(englishIn(english), english).toBeDefined();
    for (const japanese of [
      "kyoyaku show: 協約 okayama-wak は記録されていない。近いもの: okayama-wake [not-found.agreement]",
      "      --db FILE  データベースファイル（既定: $KYOYAKU_DB、なければ ./kyoyaku.db）",
      "  kyoyaku import 連携協約書.txt --agreement okayama-wake --resolution 岡山市=2016-09-30 \\",
      "    --resolution 和気町=2016-09-27",
      "  table  新旧対照表をテキストで（改正後 | 改正前。変わった語に印を付ける） — 既定",
      "履歴の全体を Akoma Ntoso 3.0 で書き出す: FRBR の識別子、2020-04-01T00:00:00Z、a1b2c3d4e5f6a7b8",
      "kyoyaku serve: http://127.0.0.1:8080/ で待ち受けている（読取り専用: トークンがないので書込みは拒否する）",
    ]) expect(englishIn(japanese), japanese).toBeUndefined();
  });
});

let dir = "";
const run = (...args: string[]): RunResult => kyoyaku(dir, args, { KYOYAKU_NOW: "2025-05-01T00:00:00Z" });

beforeAll(() => {
  dir = workspace();
  writeFileSync(join(dir, "jorei.txt"), "岡山市個人情報保護条例\n\n（目的）\n第1条 この条例は、個人情報の保護に関し必要な事項を定めるものとする。\n");
  writeFileSync(join(dir, "garbage.db"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  expect(run("init").code).toBe(0);
  expect(run("import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
  expect(run("import", SEED_DRAFT, "--agreement", "okayama-bizen").code).toBe(0);
});

describe("what a person sees is Japanese, with its codes", () => {
  it("kyoyaku --help and every command's --help", () => {
    const main = run("--help");
    expect(main.code).toBe(0);
    const commands = main.stdout.split("\n").flatMap((l) => /^ {2}([a-z][a-z-]+) {2,}/u.exec(l)?.[1] ?? []);
    expect(commands.length).toBeGreaterThanOrEqual(19);
    const found = englishLines(main);
    for (const c of ["help", ...commands]) {
      const r = c === "help" ? run("help") : run(c, "--help");
      expect(r.code, c).toBe(0);
      found.push(...englishLines(r).map((l) => `${c} --help ${l}`));
    }
    expect(found).toEqual([]);
  });

  it("the usual mistakes: each refused in Japanese", () => {
    const cases: (readonly string[])[] = [
      [],
      ["shwo"],
      ["show", "okayama-wake", "--frob"],
      ["show"],
      ["show", "okayama-wak"],
      ["show", "okayama-wake", "--on", "令和2年2月30日"],
      ["show", "okayama-wake", "--on", "2020-13-01"],
      ["show", "okayama-wake", "--known-at", "yesterday"],
      ["show", "okayama-wake", "--address", "第99条"],
      ["diff", "okayama-wake", "--to", "2020-04-01"],
      ["diff", "okayama-wake", "--from", "2020-04-01", "--to", "2020-04-01", "--format", "pdf"],
      ["history", "okayama-wake", "--db", "no-such.db"],
      ["list", "--db", "garbage.db"],
      ["init", "--db", "/dev/null"],
      ["init", "--db", "no/such/dir/k.db"],
      ["import", "no-such-file.txt"],
      ["import", "jorei.txt"],
      ["import", SEED_CONCLUDE, "--agreement", "x", "--signed-on", "2016-02-30"],
      ["ratify", "okayama-bizen", "--event", "9", "--signed-on", "2025-03-28"],
      ["ratify", "okayama-bizen", "--event", "1"],
      ["resolve", "okayama-wake", "--event", "1", "--resolution", "倉敷市=2016-09-30"],
      ["correct", "okayama-wake", "--event", "1", "--applies-from", "2016-10-11"],
      ["notice", "okayama-wake", "--party", "和気町", "--notified-on", "2016-01-01"],
      ["verify", "--anchor", "no-such.anchor"],
      ["export", "okayama-wake", "--format", "csv"],
      ["serve", "--port", "99999"],
      ["search", ""],
    ];
    const found: string[] = [];
    for (const args of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stderr, args.join(" ")).not.toBe("");
      found.push(...englishLines(r).map((l) => `kyoyaku ${args.join(" ")} → ${l}`));
    }
    expect(found).toEqual([]);
  });

  it("the answers of the read commands", () => {
    const found: string[] = [];
    for (const args of [
      ["list"],
      ["list", "--on", "2020-04-01"],
      ["show", "okayama-wake", "--on", "2020-04-01"],
      ["history", "okayama-wake"],
      ["diff", "okayama-bizen", "--from", "2025-03-31", "--to", "2025-04-01", "--with-drafts", "--format", "text"],
      ["search", "子育て", "--on", "2020-04-01"],
      ["audit", "okayama-wake"],
      ["verify"],
      ["import", SEED_CONCLUDE, "--agreement", "okayama-wake"],
      ["resolve", "okayama-wake", "--event", "1", "--resolution", "岡山市=2016-09-30"],
      ["resolve", "okayama-wake", "--event", "1", "--resolution", "岡山市=2016-09-30"], // a retry: duplicate
    ]) {
      // A write after the others, by a later clock (the record only runs forward).
      const r = args[0] === "resolve" ? kyoyaku(dir, args, { KYOYAKU_NOW: "2025-06-01T00:00:00Z" }) : run(...args);
      expect(r.code, args.join(" ")).toBe(0);
      found.push(...englishLines(r).map((l) => `kyoyaku ${args.join(" ")} → ${l}`));
    }
    expect(found).toEqual([]);
  });
});
