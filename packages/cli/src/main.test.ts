import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDateOption, parseResolution } from "./context.js";
import { parseSeq } from "./commands/record-common.js";
import { UsageError, UserError } from "./errors.js";
import { memoryIo } from "./io.js";
import { main, VERSION } from "./main.js";

describe("main: top level", () => {
  it("prints the version", async () => {
    const io = memoryIo();
    expect(await main(["--version"], io)).toBe(0);
    expect(io.out()).toBe(`${VERSION}\n`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/u);
  });

  it("lists the commands on --help and on `help`", async () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      const io = memoryIo();
      expect(await main(argv, io)).toBe(0);
      expect(io.out()).toContain("コマンド:");
      expect(io.out()).toContain("  import ");
    }
  });

  it("prints a command's help with `help CMD` and `CMD --help`", async () => {
    for (const argv of [["help", "diff"], ["diff", "--help"], ["diff", "-h"]]) {
      const io = memoryIo();
      expect(await main(argv, io)).toBe(0);
      expect(io.out()).toMatch(/^kyoyaku diff — /u);
    }
  });

  it("exits 2 with the command list on stderr when no command is given", async () => {
    const io = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(io.err()).toContain("コマンド:");
    expect(io.out()).toBe("");
  });

  it("exits 2 with the command list when only --db is given", async () => {
    const io = memoryIo();
    expect(await main(["--db", "x.db"], io)).toBe(2);
    expect(io.err()).toContain("コマンド:");
  });

  it("exits 2 on an unknown command and suggests a near one", async () => {
    const io = memoryIo();
    expect(await main(["shwo"], io)).toBe(2);
    expect(io.err()).toContain("kyoyaku: 「shwo」というコマンドはない。もしかして show？ [usage.unknown-command]");
  });

  it("exits 2 on a misspelled option before any command and suggests the near one, else says where options go", async () => {
    for (const [word, hint] of [["--verison", "もしかして --version？"], ["--hlep", "もしかして --help？"], ["--bd=x.db", "もしかして --db？"], ["--json", "ここでは使えない（オプションはコマンドの後に書く）"]] as const) {
      const io = memoryIo();
      expect(await main([word], io)).toBe(2);
      expect(io.err()).toContain(`kyoyaku: ${word} というオプション`);
      expect(io.err()).toContain(`${hint} [usage.unknown-option]`);
    }
  });

  it("exits 2 on an unknown option, naming it, with a pointer to the command's help", async () => {
    const io = memoryIo();
    expect(await main(["show", "x", "--frob"], io)).toBe(2);
    expect(io.err()).toBe("kyoyaku show: show に --frob というオプションはない [usage.unknown-option]\n使い方と例は kyoyaku show --help\n");
  });

  it("exits 2 on a missing argument", async () => {
    const io = memoryIo();
    expect(await main(["history"], io)).toBe(2);
    expect(io.err()).toMatch(/^kyoyaku history: 引数 ID がない.* \[usage\.missing-argument\]\n/u);
  });

  it("exits 1 naming the option and the input for a date that does not exist", async () => {
    const io = memoryIo();
    expect(await main(["show", "okayama-wake", "--on", "平成31年5月1日"], io)).toBe(1);
    expect(io.err()).toMatch(/^kyoyaku show: --on 平成31年5月1日: .*平成/u);
    expect(io.err()).not.toMatch(/\n\s+at /u);
  });

  it("exits 1 with a hint when the database does not exist", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-cli-"));
    const io = memoryIo({ cwd: dir });
    expect(await main(["list"], io)).toBe(1);
    expect(io.err()).toContain(`${join(dir, "kyoyaku.db")} にデータベースがない`);
    expect(io.err()).toContain("kyoyaku init");
  });

  it("takes --db before the command name too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-cli-"));
    const io = memoryIo({ cwd: dir });
    expect(await main(["--db", "other.db", "list"], io)).toBe(1);
    expect(io.err()).toContain(join(dir, "other.db"));
  });

  it("reports an unexpected error in one line, with the stack only under KYOYAKU_DEBUG", async () => {
    const boom = {
      spec: { name: "boom", summary: "b", positionals: [], options: [], examples: [] },
      run() {
        throw new TypeError("cannot read properties of undefined\n    at somewhere");
      },
    };
    const io = memoryIo();
    expect(await main(["boom"], io, [boom])).toBe(1);
    expect(io.err()).toBe("kyoyaku boom: 内部エラー（kyoyaku の不具合）: cannot read properties of undefined [internal]\n詳細は KYOYAKU_DEBUG=1 を付けて実行すると表示される\n");
    const dbg = memoryIo({ env: { KYOYAKU_DEBUG: "1" } });
    expect(await main(["boom"], dbg, [boom])).toBe(1);
    expect(dbg.err()).toContain("TypeError");
  });

  it("says a read-only database needs write access for a writing command", async () => {
    const ro = {
      spec: { name: "ro", summary: "r", positionals: [], options: [], examples: [] },
      run() {
        throw Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" });
      },
    };
    const io = memoryIo();
    expect(await main(["ro"], io, [ro])).toBe(1);
    expect(io.err()).toMatch(/^kyoyaku ro: データベースのファイル（またはそのフォルダ）に書き込む権限がない。.* \[SQLITE_READONLY\]\n$/u);
  });

  it("maps a file-system error to exit 1 without a stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-cli-"));
    writeFileSync(join(dir, "f"), "x");
    const fsErr = {
      spec: { name: "fs", summary: "f", positionals: [], options: [], examples: [] },
      run() {
        throw Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: "ENOENT", path: "x" });
      },
    };
    const io = memoryIo();
    expect(await main(["fs"], io, [fsErr])).toBe(1);
    expect(io.err()).toBe("kyoyaku fs: x: そのファイルもフォルダもない [ENOENT]\n");
  });
});

describe("option values", () => {
  it("reads DATE options in ISO and wareki", () => {
    expect(parseDateOption("--on", "2020-04-01")).toBe("2020-04-01");
    expect(parseDateOption("--on", "令和2年4月1日")).toBe("2020-04-01");
    expect(parseDateOption("--on", "令和元年5月1日")).toBe("2019-05-01");
    expect(parseDateOption("--on", "平成二十八年十月十一日")).toBe("2016-10-11");
  });

  it("refuses dates that do not exist or are not whole, naming option and input", () => {
    expect(() => parseDateOption("--on", "平成31年5月1日")).toThrow(/^--on 平成31年5月1日: /u);
    expect(() => parseDateOption("--from", "2021-02-29")).toThrow(UserError);
    expect(() => parseDateOption("--to", "令和7年3月 日")).toThrow(/^--to 令和7年3月 日: /u);
    expect(() => parseDateOption("--on", "tomorrow")).toThrow(/^--on tomorrow: /u);
  });

  it("splits PARTY=DATE resolutions, full-width = and wareki included", () => {
    expect(parseResolution("岡山市=2016-09-30")).toEqual({ party: "岡山市", date: "2016-09-30" });
    expect(parseResolution("和気町＝平成28年9月27日")).toEqual({ party: "和気町", date: "2016-09-27" });
    expect(() => parseResolution("岡山市")).toThrow(/団体=日付 の形で書くこと/u);
    expect(() => parseResolution("=2016-09-30")).toThrow(/団体=日付 の形で書くこと/u);
    expect(() => parseResolution("岡山市=平成31年5月1日")).toThrow(/岡山市=/u);
  });

  it("reads event numbers, refusing anything else as a usage error", () => {
    expect(parseSeq("2", "ratify")).toBe(2);
    expect(parseSeq("#3", "ratify")).toBe(3);
    expect(parseSeq("４", "ratify")).toBe(4);
    expect(() => parseSeq("0", "ratify")).toThrow(UsageError);
    expect(() => parseSeq("two", "ratify")).toThrow(UsageError);
    expect(() => parseSeq(undefined, "ratify")).toThrow(/オプション --event SEQ.*がない/u);
  });
});
