/**
 * The built `kyoyaku` against hostile files and names: /dev/zero and a FIFO are refused at
 * once (not read into memory, not waited on), control characters in a text are refused at
 * their line and never reach the terminal from a file name, a symlink to a secret is not
 * quoted, `export -o` onto the database is refused, `init --db /dev/null` says what is wrong,
 * and an absolute path given to import is stored as its base name.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { BIN, SEED_CONCLUDE, SEED_DRAFT, createDb, json, kyoyaku, workspace } from "./helpers.js";

// One workspace for every test (each run of the binary costs a Node start): a database
// holding the first seed as okayama-wake.
let dir = "";
beforeAll(() => {
  dir = workspace();
  expect(kyoyaku(dir, ["init"]).code).toBe(0);
  expect(kyoyaku(dir, ["import", SEED_CONCLUDE, "--agreement", "okayama-wake"]).code).toBe(0);
});

describe("files that are not text files", () => {
  it("Given /dev/zero, When imported, Then refused at once as a character device (no gigabytes read)", () => {
    const t = Date.now();
    const r = kyoyaku(dir, ["import", "/dev/zero", "--agreement", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/dev/zero: テキストファイルではなくキャラクタデバイス");
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it("Given a FIFO nobody writes to, When imported, Then refused at once as a named pipe (not waited on)", () => {
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    const r = kyoyaku(dir, ["import", "pipe.txt", "--agreement", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("pipe.txt: テキストファイルではなく名前付きパイプ（FIFO）");
  });

  it("Given a symlink to a private key, When imported, Then refused without a line of the key in the message", () => {
    writeFileSync(join(dir, "id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\n");
    symlinkSync(join(dir, "id_ed25519"), join(dir, "協約書.txt"));
    const r = kyoyaku(dir, ["import", "協約書.txt", "--agreement", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("parse.not-an-agreement");
    expect(r.stderr).not.toMatch(/BEGIN|b3Bl/u);
  });
});

describe("control characters", () => {
  it("Given an ESC sequence in a 条 of an agreement text, When imported, Then refused at its line and nothing recorded", () => {
    const text = readFileSync(join(dir, SEED_CONCLUDE), "utf8").replace("圏域全体の経済成長", "圏域全体の\u001b[8m経済成長");
    writeFileSync(join(dir, "esc.txt"), text);
    const line = text.split("\n").findIndex((l) => l.includes("\u001b")) + 1;
    const r = kyoyaku(dir, ["import", "esc.txt", "--agreement", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`esc.txt:${line}`);
    expect(r.stderr).toContain("parse.control-character");
    expect(r.stderr).not.toContain("\u001b");
  });

  it("Given a file name with an OSC retitle sequence, When it is named in an error, Then the terminal gets it escaped", () => {
    const r = kyoyaku(dir, ["import", "\u001b]0;owned\u0007.txt", "--agreement", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("\\u001b]0;owned\\u0007.txt");
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/u);
  });

  it("Given an id with a zero-width space or a bidi override, When imported or shown, Then refused as input.invalid", () => {
    const r = kyoyaku(dir, ["show", "okayama\u200b-wake", "--on", "2020-04-01"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("U+200B");
    const full = kyoyaku(dir, ["show", "ｏｋａｙａｍａ-wake", "--on", "2020-04-01", "--json"]);
    expect(full.code, full.stderr).toBe(0);
    expect(json<{ agreementId: string }>(full).agreementId).toBe("okayama-wake");
  });
});

describe("the database file", () => {
  it("Given export -o naming the database (or a symlink to it), When run, Then refused and the database intact", () => {
    const before = statSync(join(dir, "kyoyaku.db")).size;
    symlinkSync(join(dir, "kyoyaku.db"), join(dir, "link.json"));
    for (const out of ["./kyoyaku.db", "link.json"]) {
      const r = kyoyaku(dir, ["export", "okayama-wake", "-o", out]);
      expect(r.code, out).toBe(1);
      expect(r.stderr, out).toContain("それはデータベース kyoyaku.db");
    }
    expect(statSync(join(dir, "kyoyaku.db")).size).toBe(before);
  });

  it("Given init --db /dev/null, When run, Then a clear message, not SQLITE_IOERR", () => {
    const r = kyoyaku(dir, ["init", "--db", "/dev/null"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("それは通常のファイルではない");
    expect(r.stderr).not.toContain("SQLITE_IOERR");
  });

  it("Given another program's tables under kyoyaku's application_id, When read or written, Then a clear store.schema message, never a raw 'no such table'", () => {
    const f = createDb(join(dir, "imposter.db"));
    f.pragma("application_id = 0x4b594f59"); // kyoyaku's
    f.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER); INSERT INTO invoices (amount) VALUES (1);");
    f.close();
    for (const args of [["list"], ["verify"], ["init"], ["import", SEED_CONCLUDE, "--agreement", "x"]]) {
      const r = kyoyaku(dir, [...args, "--db", "imposter.db"]);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toContain("kyoyaku の application_id を持つが、その表がない");
      expect(r.stderr, args.join(" ")).toContain("[store.schema]");
      expect(r.stderr, args.join(" ")).not.toMatch(/no such table|SqliteError|\n\s+at /u);
    }
  });

  it("Given an absolute path to import, When recorded, Then the source keeps its base name only", () => {
    writeFileSync(join(dir, "奈義町協約書.txt"), readFileSync(join(dir, SEED_CONCLUDE), "utf8").replace(/和気町/gu, "奈義町"));
    const r = kyoyaku(dir, ["import", join(dir, "奈義町協約書.txt"), "--agreement", "okayama-nagi"]);
    expect(r.code, r.stderr).toBe(0);
    const out = kyoyaku(dir, ["export", "okayama-nagi", "--json"]);
    const events = json<{ events: { legal?: { source?: { name: string } } }[] }>(out).events;
    expect(events[0]?.legal?.source?.name).toBe("奈義町協約書.txt");
  });
});

describe("ratify and resolve run again (a retry)", () => {
  /** Run the built CLI without waiting, to race several at once. */
  const start = (args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const p = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, KYOYAKU_DB: "" } });
      let stdout = "";
      let stderr = "";
      p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  it("Given a draft, When the same ratify is run twice, then 4 at once, Then one ratify event; every run exits 0, the others saying duplicate", async () => {
    expect(kyoyaku(dir, ["import", SEED_DRAFT, "--agreement", "okayama-bizen"]).code).toBe(0);
    const ratify = ["ratify", "okayama-bizen", "--event", "1", "--signed-on", "2025-03-28", "--resolution", "岡山市=2025-03-18", "--resolution", "備前市=2025-03-21", "--db", "kyoyaku.db"];
    const first = kyoyaku(dir, ratify);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("記録しました");
    const again = kyoyaku(dir, [...ratify, "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(json<{ duplicate: boolean; event: { seq: number } }>(again)).toMatchObject({ duplicate: true, event: { seq: 2 } });
    // Other dates for the ratified draft are still refused.
    expect(kyoyaku(dir, ["ratify", "okayama-bizen", "--event", "1", "--signed-on", "2025-03-29"]).code).toBe(1);
    const raced = await Promise.all([1, 2, 3, 4].map(() => start(ratify)));
    for (const r of raced) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("既に記録されています");
    }
    const resolve = ["resolve", "okayama-wake", "--event", "1", "--resolution", "岡山市=2016-09-30"];
    expect(kyoyaku(dir, resolve).stdout).toContain("記録しました");
    expect(kyoyaku(dir, resolve).stdout).toContain("既に記録されています");
    const kinds = (id: string): string[] => json<{ events: { kind: string }[] }>(kyoyaku(dir, ["export", id, "--json"])).events.map((e) => e.kind);
    expect(kinds("okayama-bizen")).toEqual(["amend", "ratify"]);
    expect(kinds("okayama-wake").filter((k) => k === "resolve")).toHaveLength(1);
  });
});
