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
      "UTF-8 ではなく UTF-16（LE、BOMなし）のテキスト。先に変換すること（例: iconv -f UTF-16LE -t UTF-8 a.txt > utf8.txt） [file.encoding]",
    );
    expect(message(decodeText(Buffer.from(text, "utf16le").swap16(), "a.txt"))).toMatch(/^UTF-8 ではなく UTF-16（BE、BOMなし）/u);
  });

  it("Given ISO-2022-JP, EUC-JP or Shift_JIS bytes, Then each is named", () => {
    expect(message(decodeText(Buffer.from("1B24424F22374836284C733D711B28420A", "hex"), "a.txt"))).toMatch(/^UTF-8 ではなく ISO-2022-JP（JIS）のテキスト/u);
    expect(message(decodeText(Buffer.from("CFA2B7C8B6A8CCF3BDF10A", "hex"), "a.txt"))).toMatch(/EUC-JP として読める/u);
    expect(message(decodeText(Buffer.from("98418C6C8BA696F18F91", "hex"), "a.txt"))).toMatch(/Shift_JIS なら先に変換/u);
  });

  it("Given a NUL byte in UTF-8 text, Then it is not text, and the byte's offset is given", () => {
    expect(message(decodeText(Buffer.concat([Buffer.from("第1条"), Buffer.from([0]), Buffer.from("x")]), "a.txt"))).toBe(
      "テキストファイルではない（7バイト目にNUL バイトがある）。協約は UTF-8 のテキストファイルで渡すこと [file.binary]",
    );
  });
});

describe("readTextFile", () => {
  it("Given a file over MAX_TEXT_BYTES, Then it is refused by its size, before it is read", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-text-")), "big.txt");
    writeFileSync(path, Buffer.alloc(MAX_TEXT_BYTES + 1, 0x41));
    expect(readTextFile(path, "big.txt")).toEqual({ ok: false, message: "8.0 MiBあり、協約の本文の上限 8.0 MiB を超える（協約書は数十KB）。正しいファイルか確かめること [file.too-big]" });
    writeFileSync(path, Buffer.alloc(MAX_TEXT_BYTES, 0x41));
    expect(readTextFile(path, "big.txt").ok).toBe(true);
  });

  it("Given /dev/zero, a FIFO or a directory, Then each is refused by what it is, without reading (or waiting)", () => {
    expect(message(readTextFile("/dev/zero", "/dev/zero"))).toBe("テキストファイルではなくキャラクタデバイス。協約は通常の UTF-8 テキストファイルで渡すこと [file.not-regular]");
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-text-"));
    const fifo = join(dir, "pipe.txt");
    execFileSync("mkfifo", [fifo]);
    expect(message(readTextFile(fifo, "pipe.txt"))).toBe("テキストファイルではなく名前付きパイプ（FIFO）。協約は通常の UTF-8 テキストファイルで渡すこと [file.not-regular]");
    expect(message(readTextFile(dir, "dir"))).toBe("テキストファイルではなくフォルダ [EISDIR]");
  });
});
