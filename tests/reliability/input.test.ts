/**
 * Huge inputs and odd encodings, through the BUILT CLI (`kyoyaku import`) and the library.
 * The CLI refuses a file over its size limit before reading it, and a file in another
 * encoding with its name and the encoding, writing nothing; a UTF-8 BOM is just accepted.
 * The library parses a 10 MB line (and, in long mode, 50 MB) in bounded time and memory:
 * a correct parse or a located refusal. Peak RSS is measured in the child processes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openKyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, HERE, reportFigures, requireBuilt, SEED_TEXT } from "./reliability.testkit.js";

const seed = readFileSync(SEED_TEXT, "utf8");
const figures: Record<string, unknown> = {};
let refusedCount = 0;
let acceptedCount = 0;
let dir: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly maxRssMiB: number;
  readonly ms: number;
}

/** Run the built CLI in `dir` with the RSS hook preloaded. */
function cli(args: readonly string[]): Run {
  const t = Date.now();
  const r = spawnSync(process.execPath, ["--import", join(HERE, "rss-hook.mjs"), BIN, ...args], {
    cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", KYOYAKU_DB: "" }, timeout: 120_000,
  });
  const rss = /\[maxrss (\d+)\]/u.exec(r.stderr);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.replace(/\n\[maxrss \d+\]\n/u, ""), maxRssMiB: Math.round(Number(rss?.[1] ?? 0) / 1024), ms: Date.now() - t };
}

const resolutions = ["--resolution", "岡山市=2016-09-30", "--resolution", "和気町=2016-09-27"];

function eventsIn(db: string): number {
  const k = openKyoyaku({ path: join(dir, db), readonly: true });
  try {
    return k.verify().events;
  } finally {
    k.close();
  }
}

/** `kyoyaku import FILE` is refused: exit 1, the file named with `message`, nothing recorded. */
function refused(file: string, bytes: Buffer | string, message: RegExp, bound = { rssMiB: 200, ms: 30_000 }): Run {
  writeFileSync(join(dir, file), bytes);
  const r = cli(["import", file, "--db", "k.db", "-a", "enc", ...resolutions]);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`kyoyaku import: ${file.replace(".", "\\.")}: ${message.source}`, "u"));
  expect(r.stderr).not.toMatch(/\n\s+at /u); // no stack trace
  expect(r.maxRssMiB).toBeGreaterThan(0);
  expect(r.maxRssMiB).toBeLessThan(bound.rssMiB);
  expect(r.ms).toBeLessThan(bound.ms);
  expect(eventsIn("k.db")).toBe(0);
  refusedCount += 1;
  figures[file] = { refused: true, maxRssMiB: r.maxRssMiB, ms: r.ms };
  return r;
}

beforeAll(() => {
  requireBuilt();
  dir = mkdtempSync(join(tmpdir(), "kyoyaku-input-"));
  expect(cli(["init", "--db", "k.db"]).code).toBe(0);
});

describe("huge files through kyoyaku import", () => {
  it("Given a 50 MB file, Then it is refused before it is read: the size and the limit named, memory bounded", () => {
    const big = Buffer.from(seed.repeat(Math.ceil(50_000_000 / Buffer.byteLength(seed))));
    refused("big.txt", big, /4\d\.\d MiBあり、読める大きさ（32\.0 MiB）を超えています/u);
  });

  it("Given a file that is one line of 10 MB, Then it is refused by the size of its text", () => {
    refused("line.txt", "あ".repeat(Math.ceil(10_000_000 / 3)), /読み取った本文が9\.\d MiBあり、協約書の本文の上限（8\.0 MiB）を超えています/u);
  });
});

describe("odd encodings through kyoyaku import", () => {
  const utf16le = Buffer.from(seed, "utf16le");
  const utf16be = Buffer.from(seed, "utf16le").swap16();
  it.each([
    ["le.txt", utf16le, /BOMのないUTF-16（LE）のテキストのようです。バイト順が確かでないため読みません/u],
    ["be.txt", utf16be, /BOMのないUTF-16（BE）のテキストのようです/u],
    // E8 A1 is a kanji in Shift_JIS and in EUC-JP alike: the encoding is not guessed.
    ["both.txt", Buffer.from("E8A1E8A10A", "hex"), /文字コードが一つに決まりません: Shift_JIS（CP932）とEUC-JPのどちらとしても読めます（試したもの: UTF-8、Shift_JIS（CP932）、EUC-JP）/u],
    ["nul.txt", Buffer.concat([Buffer.from(seed.slice(0, 200)), Buffer.from([0]), Buffer.from(seed.slice(200))]), /テキストファイルではありません（\d+バイト目にNULバイトがあるバイナリデータです）/u],
  ])("Given %s, Then it is refused naming the file and the encoding, nothing recorded", (file, bytes, message) => {
    refused(file, bytes, message);
  });

  it("Given a UTF-8 file with a BOM, Then it is recorded as the same document as without", () => {
    writeFileSync(join(dir, "bom.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)]));
    writeFileSync(join(dir, "plain.txt"), seed);
    for (const db of ["bom.db", "plain.db"]) expect(cli(["init", "--db", db]).code).toBe(0);
    const a = cli(["import", "bom.txt", "--db", "bom.db", "-a", "x", ...resolutions]);
    const b = cli(["import", "plain.txt", "--db", "plain.db", "-a", "x", ...resolutions]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const root = (db: string): string | undefined => {
      const k = openKyoyaku({ path: join(dir, db), readonly: true });
      try {
        return k.asOf("x", "2020-01-01").root;
      } finally {
        k.close();
      }
    };
    expect(root("bom.db")).toBeDefined();
    expect(root("bom.db")).toBe(root("plain.db"));
    acceptedCount += 1;
  });
});

interface Parsed {
  kind: string;
  bytes: number;
  ok: boolean;
  errors: { code: string; line: number | null }[];
  caption: number | null;
  ms: number;
  maxRssKiB: number;
}

function parseInChild(kind: string): Parsed {
  const r = spawnSync(process.execPath, [join(HERE, "parse-child.mjs"), kind], { encoding: "utf8", timeout: 300_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Parsed;
}

describe("huge and odd texts through the library (parseText), in a child process", () => {
  it("Given one line of 10 MB that is no agreement, Then a located refusal, in bounded time and memory", () => {
    const p = parseInChild("line");
    expect(p.ok).toBe(false);
    expect(p.errors[0]).toEqual({ code: "parse.not-an-agreement", line: 1 });
    expect(p.ms).toBeLessThan(30_000);
    expect(p.maxRssKiB / 1024).toBeLessThan(600);
    figures["library 10 MB line"] = { ok: p.ok, ms: Math.round(p.ms), maxRssMiB: Math.round(p.maxRssKiB / 1024) };
  });

  it("Given the seed with a 見出し line of 10 MB, Then it is read correctly (the whole 見出し kept), in bounded time and memory", () => {
    const p = parseInChild("seedline");
    expect(p.ok).toBe(true);
    expect(p.caption).toBeGreaterThan(3_300_000);
    expect(p.ms).toBeLessThan(60_000);
    expect(p.maxRssKiB / 1024).toBeLessThan(800);
    figures["library seed with a 10 MB line"] = { ok: p.ok, ms: Math.round(p.ms), maxRssMiB: Math.round(p.maxRssKiB / 1024) };
  });

  it("Given 50 MB of text, Then a located result in bounded time and memory", () => {
    const p = parseInChild("big");
    expect(p.ms).toBeLessThan(180_000);
    expect(p.maxRssKiB / 1024).toBeLessThan(1500);
    if (!p.ok) expect(p.errors.every((e) => e.line !== null)).toBe(true);
    figures["library 50 MB"] = { ok: p.ok, ms: Math.round(p.ms), maxRssMiB: Math.round(p.maxRssKiB / 1024) };
  }, 300_000);

  it("Given a BOM, a NUL byte, or UTF-16 bytes read as Latin-1, Then the same document, or a located refusal", () => {
    const plain = parseText(seed, { file: "a.txt" });
    const bom = parseText(`\uFEFF${seed}`, { file: "a.txt" });
    expect(plain.ok && bom.ok).toBe(true);
    if (plain.ok && bom.ok) expect(bom.value.document).toEqual(plain.value.document);
    for (const text of [`${seed.slice(0, 300)}\u0000${seed.slice(300)}`, Buffer.from(seed, "utf16le").toString("latin1")]) {
      const r = parseText(text, { file: "odd.txt" });
      if (!r.ok) expect(r.issues.filter((i) => i.severity === "error").every((i) => i.location.line !== undefined)).toBe(true);
      else expect(r.value.document).toEqual(plain.ok ? plain.value.document : undefined);
    }
  });
});

describe("figures", () => {
  it("reports them", () => {
    expect(refusedCount).toBe(6);
    reportFigures("input", { refusedWithReason: refusedCount, acceptedBom: acceptedCount, cases: figures });
  });
});
