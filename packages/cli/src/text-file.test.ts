import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, MAX_TEXT_BYTES, readTextFile } from "./text-file.js";

const text = "連携協約書\n第1条 甲及び乙は、\n";
const message = (r: ReturnType<typeof decodeText>): string => (r.ok ? "" : r.message);

describe("decodeText", () => {
  it("Given UTF-8 with or without a BOM, Then the text (BOM dropped)", () => {
    expect(decodeText(Buffer.from(text), "a.txt")).toEqual({ ok: true, text });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), "a.txt")).toEqual({ ok: true, text });
  });

  it("Given UTF-16 without a byte order mark, Then its byte order is named, with the iconv line", () => {
    expect(message(decodeText(Buffer.from(text, "utf16le"), "a.txt"))).toBe(
      "is UTF-16 text (LE, without a byte order mark), not UTF-8 — convert it first (e.g. iconv -f UTF-16LE -t UTF-8 a.txt > utf8.txt)",
    );
    expect(message(decodeText(Buffer.from(text, "utf16le").swap16(), "a.txt"))).toMatch(/^is UTF-16 text \(BE, without a byte order mark\)/u);
  });

  it("Given ISO-2022-JP, EUC-JP or Shift_JIS bytes, Then each is named", () => {
    expect(message(decodeText(Buffer.from("1B24424F22374836284C733D711B28420A", "hex"), "a.txt"))).toMatch(/^is ISO-2022-JP \(JIS\) text/u);
    expect(message(decodeText(Buffer.from("CFA2B7C8B6A8CCF3BDF10A", "hex"), "a.txt"))).toMatch(/reads as EUC-JP/u);
    expect(message(decodeText(Buffer.from("98418C6C8BA696F18F91", "hex"), "a.txt"))).toMatch(/if it is Shift_JIS/u);
  });

  it("Given a NUL byte in UTF-8 text, Then it is not text, and the byte's offset is given", () => {
    expect(message(decodeText(Buffer.concat([Buffer.from("第1条"), Buffer.from([0]), Buffer.from("x")]), "a.txt"))).toBe(
      "is not a text file (it contains binary data: a NUL byte at byte 7); give the agreement as a UTF-8 text file",
    );
  });
});

describe("readTextFile", () => {
  it("Given a file over MAX_TEXT_BYTES, Then it is refused by its size, before it is read", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-text-")), "big.txt");
    writeFileSync(path, Buffer.alloc(MAX_TEXT_BYTES + 1, 0x41));
    expect(readTextFile(path, "big.txt")).toEqual({ ok: false, message: "is 8.0 MiB, more than the 8.0 MiB an agreement text may have (a 協約書 is tens of KB) — is it the right file?" });
    writeFileSync(path, Buffer.alloc(MAX_TEXT_BYTES, 0x41));
    expect(readTextFile(path, "big.txt").ok).toBe(true);
  });

  it("Given /dev/zero, a FIFO or a directory, Then each is refused by what it is, without reading (or waiting)", () => {
    expect(message(readTextFile("/dev/zero", "/dev/zero"))).toBe("is a character device, not a text file — give the agreement as a regular UTF-8 text file");
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-text-"));
    const fifo = join(dir, "pipe.txt");
    execFileSync("mkfifo", [fifo]);
    expect(message(readTextFile(fifo, "pipe.txt"))).toBe("is a named pipe (FIFO), not a text file — give the agreement as a regular UTF-8 text file");
    expect(message(readTextFile(dir, "dir"))).toBe("is a directory, not a text file");
  });
});
