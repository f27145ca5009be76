import { describe, expect, it } from "vitest";
import { decodeText } from "./decode.js";

const fail = (r: ReturnType<typeof decodeText>): string => (r.ok ? "" : `${r.issue.code} ${r.issue.message}`);

describe("decodeText", () => {
  it("reads UTF-8, dropping a BOM and noting it", () => {
    expect(decodeText(new TextEncoder().encode("第1条"), "a.txt")).toEqual({ ok: true, text: "第1条", encoding: "utf-8" });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("第1条")]), "a.txt")).toEqual({ ok: true, text: "第1条", encoding: "utf-8-bom" });
  });
  it("reads Shift_JIS (hiragana leads 0x82 are no EUC-JP) and EUC-JP (its kanji read as half-width kana in Shift_JIS)", () => {
    expect(decodeText(Uint8Array.from([0x91, 0xe6, 0x31, 0x8f, 0xf0, 0x82, 0xcc]), "a.txt")).toEqual({ ok: true, text: "第1条の", encoding: "shift_jis" });
    expect(decodeText(Uint8Array.from([0xc2, 0xe8, 0x31, 0xbe, 0xf2, 0xa4, 0xce]), "a.txt")).toEqual({ ok: true, text: "第1条の", encoding: "euc-jp" });
  });
  it("reads ISO-2022-JP by its escapes", () => {
    expect(decodeText(Uint8Array.from([0x1b, 0x24, 0x42, 0x42, 0x68, 0x1b, 0x28, 0x42, 0x31]), "a.txt")).toEqual({ ok: true, text: "第1", encoding: "iso-2022-jp" });
  });
  it("refuses what it cannot tell, with the file and a stable code", () => {
    expect(fail(decodeText(Uint8Array.from([0xe8, 0xa1]), "a.txt"))).toMatch(/^format\.encoding-ambiguous .*Shift_JIS（CP932）とEUC-JP/u);
    expect(fail(decodeText(Uint8Array.from([0x31, 0, 0x32, 0, 0x0a, 0]), "a.txt"))).toMatch(/^format\.utf16-without-bom BOMのないUTF-16（LE）/u);
    expect(fail(decodeText(Uint8Array.from([0x41, 0x00, 0x42, 0x43, 0x44, 0x45]), "a.txt"))).toMatch(/^format\.binary .*1バイト目にNULバイト/u);
    expect(fail(decodeText(Uint8Array.from([0xff, 0xfe, 0x41]), "a.txt"))).toMatch(/^format\.encoding-invalid UTF-16LE（BOM付き）のBOM/u);
    const r = decodeText(Uint8Array.from([0xfd, 0xfd]), "x.txt");
    expect(r.ok ? undefined : r.issue).toMatchObject({ severity: "error", code: "format.encoding-unknown", location: { file: "x.txt" } });
  });
});
