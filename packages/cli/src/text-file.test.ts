import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES } from "@kyoyaku/formats";
import { decodeText, MAX_TEXT_BYTES, readDocumentFile, readTextFile } from "./text-file.js";

const text = "連携協約書\n第1条 甲及び乙は、\n";
const message = (r: ReturnType<typeof decodeText>): string => (r.ok ? "" : r.message);

describe("decodeText", () => {
  it("Given UTF-8 with or without a BOM, Then the text (BOM dropped) and its encoding", () => {
    expect(decodeText(Buffer.from(text), "a.txt")).toEqual({ ok: true, text, encoding: "utf-8" });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), "a.txt")).toEqual({ ok: true, text, encoding: "utf-8-bom" });
  });

  it("Given ISO-2022-JP, EUC-JP or Shift_JIS bytes, Then each is decoded and named", () => {
    expect(decodeText(Buffer.from("1B24424F22374836284C733D711B28420A", "hex"), "a.txt")).toEqual({ ok: true, text: "連携協約書\n", encoding: "iso-2022-jp" });
    expect(decodeText(Buffer.from("CFA2B7C8B6A8CCF3BDF10A", "hex"), "a.txt")).toEqual({ ok: true, text: "連携協約書\n", encoding: "euc-jp" });
    expect(decodeText(Buffer.from("98418C678BA696F18F910A", "hex"), "a.txt")).toEqual({ ok: true, text: "連携協約書\n", encoding: "shift_jis" });
  });

  it("Given UTF-16 without a byte order mark or a NUL byte, Then it is refused in Japanese, with a code", () => {
    expect(message(decodeText(Buffer.from(text, "utf16le"), "a.txt"))).toMatch(/^BOMのないUTF-16（LE）のテキストのようです/u);
    const r = decodeText(Buffer.concat([Buffer.from("第1条"), Buffer.from([0]), Buffer.from("x")]), "a.txt");
    expect(r.ok ? undefined : r.issues?.[0]?.code).toBe("format.binary");
    expect(message(r)).toMatch(/7バイト目にNULバイト/u);
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

describe("readDocumentFile", () => {
  it("Given a 100 MB file, Then it is refused by its size, before it is read", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-text-")), "big.pdf");
    writeFileSync(path, "");
    truncateSync(path, 100 * 1024 * 1024); // sparse: no 100 MB written
    const message = "100.0 MiBあり、読める大きさ（32.0 MiB）を超えています（協約書は数十KB、PDFでも数MBです）。正しいファイルですか";
    expect(await readDocumentFile(path, "big.pdf")).toEqual({ ok: false, message, issues: [{ severity: "error", code: "format.too-big", message, location: { file: "big.pdf" } }] });
    expect(MAX_DOCUMENT_BYTES).toBe(32 * 1024 * 1024);
  });

  it("Given a Shift_JIS text, Then its text and what the record keeps of the original", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-text-")), "sjis.txt");
    const bytes = Buffer.from("98418C678BA696F18F910A", "hex");
    writeFileSync(path, bytes);
    const r = await readDocumentFile(path, "sjis.txt");
    expect(r).toEqual({ ok: true, text: "連携協約書\n", original: { format: "text", encoding: "shift_jis", sha256: createHash("sha256").update(bytes).digest("hex"), bytes: 11 }, notes: [] });
  });

  it("Given a UTF-8 text, Then no original: its bytes are the text", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-text-")), "a.txt");
    writeFileSync(path, text);
    expect(await readDocumentFile(path, "a.txt")).toEqual({ ok: true, text, notes: [] });
  });
});
