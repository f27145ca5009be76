// The same documents as 例規集 HTML, Word (.docx) and in the Japanese encodings read to
// exactly what the plain-text import reads; the files kyoyaku cannot read are refused with
// a Japanese message naming the format.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDocument, type ReadResult } from "@kyoyaku/formats";
import { parseText, type ParsedText } from "@kyoyaku/text";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { encode, reikishuHtml, wordDocx } from "./make.js";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");

/** The plain-text fixtures each format must read to the same document. */
const TEXTS = [
  "seeds/000_0d517b853e764d1a.txt",
  "seeds/001_6d3949d91c26715e.txt",
  "reikishu/teijuu_page.txt",
  "pdf/teijuu_lines.txt",
  "amendments/01_replace_article.txt",
  "amendments/04_replace_text_section.txt",
  "amendments/06_insert_article.txt",
  "amendments/10_insert_appendix_items.txt",
  "amendments/14_effective.txt",
  "amendments/16_abolish.txt",
];

/** What the import records of a parsed text: the event (payload, dates, parties, draft) and the kind, with annotations by kind and text (their lines differ by format). */
function recorded(p: ParsedText): unknown {
  const { source: _source, annotations, ...event } = p.event as typeof p.event & { annotations?: readonly { kind: string; text: string }[] };
  return { kind: p.kind, title: p.title, suggestedId: p.suggestedId, event, annotations: annotations?.map((a) => ({ kind: a.kind, text: a.text })) };
}

function parsed(text: string, file: string): ParsedText {
  const r = parseText(text, { file });
  if (!r.ok) throw new Error(`${file}: ${r.issues.map((i) => `${i.location.line}: [${i.code}] ${i.message}`).join("\n")}`);
  return r.value;
}

async function readOk(bytes: Uint8Array, name: string): Promise<Extract<ReadResult, { ok: true }>> {
  const r = await readDocument(bytes, name);
  if (!r.ok) throw new Error(`${name}: ${r.issues.map((i) => i.message).join("\n")}`);
  return r;
}

async function refused(bytes: Uint8Array, name: string): Promise<{ code: string; message: string }> {
  const r = await readDocument(bytes, name);
  if (r.ok) throw new Error(`${name} was read`);
  expect(r.issues).toHaveLength(1);
  return { code: r.issues[0]!.code, message: r.issues[0]!.message };
}

describe.each(TEXTS)("%s", (file) => {
  const text = read(file);
  const plain = recorded(parsed(text, file));

  it.each([
    ["UTF-8", "UTF8", false, "utf-8"],
    ["UTF-8 with a BOM", "UTF8", true, "utf-8-bom"],
    ["Shift_JIS", "SJIS", false, "shift_jis"],
    ["EUC-JP", "EUCJP", false, "euc-jp"],
    ["UTF-16LE with a BOM", "UTF16LE", true, "utf-16le"],
    ["UTF-16BE with a BOM", "UTF16BE", true, "utf-16be"],
  ] as const)("as %s text reads to the same text and document", async (_, to, bom, encoding) => {
    const r = await readOk(encode(text, to, bom), file);
    expect(r.provenance).toMatchObject({ format: "text", encoding });
    expect(r.text).toBe(text);
    expect(recorded(parsed(r.text, file))).toStrictEqual(plain);
  });

  it.each([
    ["UTF-8", "UTF8", true],
    ["Shift_JIS", "SJIS", true],
    ["EUC-JP", "EUCJP", true],
    ["Shift_JIS without a meta charset", "SJIS", false],
    ["UTF-16LE with a BOM, without a meta charset", "UTF16LE", false],
  ] as const)("as an 例規集 HTML page in %s reads to the same document", async (_, to, declare) => {
    const charset = to === "SJIS" ? "Shift_JIS" : to === "EUCJP" ? "EUC-JP" : "UTF-8";
    const r = await readOk(encode(reikishuHtml(text, charset, declare), to, to === "UTF16LE"), file.replace(/\.txt$/u, ".html"));
    expect(r.provenance).toMatchObject({ format: "html", encoding: { UTF8: "utf-8", SJIS: "shift_jis", EUCJP: "euc-jp", UTF16LE: "utf-16le" }[to] });
    expect(recorded(parsed(r.text, file))).toStrictEqual(plain);
  });

  it("as a Word document (numbered 号 and 条, 別表 as tables) reads to the same document", async () => {
    const r = await readOk(await wordDocx(text), file.replace(/\.txt$/u, ".docx"));
    expect(r.provenance).toMatchObject({ format: "docx" });
    expect(r.provenance).not.toHaveProperty("encoding");
    expect(recorded(parsed(r.text, file))).toStrictEqual(plain);
  });
});

describe("a hand-written 例規集 page (navigation, nested spans, &nbsp;, wrapped source, colspan rows, 沿革 and 体系情報)", () => {
  it("reads to the document of the same page as text, dropping the navigation with a note", async () => {
    const bytes = readFileSync(`${dir}formats/teijuu_page.html`);
    const r = await readOk(bytes, "teijuu_page.html");
    expect(r.provenance).toMatchObject({ format: "html", encoding: "utf-8", bytes: bytes.length });
    expect(r.notes.map((n) => [n.severity, n.code, n.message])).toEqual([["info", "format.html-navigation", "「○」の題名より前の行はページの案内として読みません: 例規集トップ > 第1編 総規"]]);
    expect(recorded(parsed(r.text, "teijuu_page.html"))).toStrictEqual(recorded(parsed(read("reikishu/teijuu_page.txt"), "page.txt")));
  });
  it("in Shift_JIS with its meta tag rewritten reads the same", async () => {
    const page = read("formats/teijuu_page.html").replace('<meta charset="UTF-8">', '<meta charset="Shift_JIS">');
    const r = await readOk(encode(page, "SJIS"), "teijuu_page.html");
    expect(r.provenance.encoding).toBe("shift_jis");
    expect(recorded(parsed(r.text, "p"))).toStrictEqual(recorded(parsed(read("reikishu/teijuu_page.txt"), "page.txt")));
  });
  it("whose meta tag says UTF-8 while the bytes are Shift_JIS is refused, naming the declared charset", async () => {
    const sjis = encode(read("formats/teijuu_page.html"), "SJIS");
    expect(await refused(sjis, "p.html")).toEqual({ code: "format.html-charset-mismatch", message: "HTMLは文字コードをUTF-8と宣言していますが、その文字コードとして読めないバイトがあります。宣言か保存の文字コードが誤っています" });
  });
});

describe("the original file is kept by its bytes", () => {
  it("keeps the SHA-256 and size of the bytes as given, whatever the encoding", async () => {
    const bytes = encode(read(TEXTS[0]!), "SJIS");
    const r = await readOk(bytes, "a.txt");
    const { createHash } = await import("node:crypto");
    expect(r.provenance).toEqual({ format: "text", encoding: "shift_jis", sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
  });
});

describe("files kyoyaku does not read are refused with a message naming the format", () => {
  it("a corrupt zip (a .docx cut short)", async () => {
    const docx = await wordDocx(read(TEXTS[0]!));
    expect(await refused(docx.subarray(0, 2000), "協約書.docx")).toEqual({ code: "format.zip-corrupt", message: "zipファイル（Word .docxなど）の形をしていますが、壊れていて開けません" });
  });
  it("an old Word .doc (an OLE compound file)", async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refused(ole, "協約書.doc")).code).toBe("format.ole");
    expect((await refused(ole, "協約書.doc")).message).toMatch(/^古いOffice形式（OLE複合ファイル: Word 97-2003の\.doc/u);
  });
  it("an Excel .xlsx, even named .docx", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/workbook.xml", "<workbook/>");
    const xlsx = await zip.generateAsync({ type: "uint8array" });
    expect(await refused(xlsx, "協約書.docx")).toEqual({ code: "format.xlsx", message: "Excelファイル（.xlsx）です。協約書の本文として読めません。Word（.docx）、PDF、テキストで渡してください" });
  });
  it("a 100 MB file, before it is looked at", async () => {
    const big = new Uint8Array(100 * 1024 * 1024);
    expect(await refused(big, "big.txt")).toEqual({ code: "format.too-big", message: "100.0 MiBあり、読める大きさ（32.0 MiB）を超えています（協約書は数十KB、PDFでも数MBです）。正しいファイルですか" });
  });
  it("binary data", async () => {
    expect((await refused(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image.png")).code).toBe("format.binary");
  });
  it("UTF-16 without a BOM", async () => {
    expect((await refused(encode("第1条 この協約は、\n", "UTF16LE"), "a.txt")).code).toBe("format.utf16-without-bom");
  });
  it("bytes that read as both Shift_JIS and EUC-JP, naming the encodings tried", async () => {
    // E8 A1 is a kanji in both Shift_JIS (隋) and EUC-JP (莢), and no UTF-8: nothing tells which.
    const both = Uint8Array.from([0xe8, 0xa1, 0xe8, 0xa1]);
    expect(await refused(both, "a.txt")).toEqual({
      code: "format.encoding-ambiguous",
      message: "文字コードが一つに決まりません: Shift_JIS（CP932）とEUC-JPのどちらとしても読めます（試したもの: UTF-8、Shift_JIS（CP932）、EUC-JP）。UTF-8で保存し直してください",
    });
  });
});
