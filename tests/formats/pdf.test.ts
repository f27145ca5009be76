// The PDF reader on real PDFs: the seeds and a fixture laid out as 協約書 in HTML, printed by
// Chromium (Noto Sans CJK JP, so the text layer is real), read back, and parsed: each must give
// exactly what the plain-text import gives. Scanned, encrypted and damaged PDFs are refused.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readPdf } from "@kyoyaku/formats";
import { parseText } from "@kyoyaku/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractPages } from "../../packages/formats/src/pdf/extract.js";
import { layoutPages } from "../../packages/formats/src/pdf/layout.js";
import { agreementHtml, CHROMIUM, lockedPdf, printer, scanHtml, type PrintOptions, type Printer } from "./pdf-print.js";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");

/** What a parse gives that must be the same whatever file the text came from. */
function parsed(text: string): unknown {
  const r = parseText(text);
  if (!r.ok) return { ok: false, issues: r.issues.map((i) => `${i.code} ${i.message}`) };
  // sourceLines point into the text read (a PDF has no blank lines): the legal content must not differ
  const { source: _source, sourceLines: _lines, ...event } = r.value.event;
  return { kind: r.value.kind, title: r.value.title, id: r.value.suggestedId, document: r.value.document, event, annotations: r.value.annotations, issues: r.issues.map((i) => i.code) };
}

/** The pages of a PDF, each laid out alone: to check where the page breaks fell. */
async function pagesApart(pdf: Uint8Array): Promise<{ texts: string[]; tableRows: number; together: number }> {
  const got = await extractPages(pdf);
  if (!got.ok) throw new Error(got.kind);
  const options = got.producer === undefined ? {} : { producer: got.producer };
  const apart = got.pages.map((p) => layoutPages([p], options));
  return {
    texts: apart.map((l) => l.lines.join("").replace(/\s/gu, "")),
    tableRows: apart.reduce((n, l) => n + l.tableRows, 0),
    together: layoutPages(got.pages, options).tableRows,
  };
}

/** Printed PDFs by their HTML: a PDF two tests use is printed once. */
const printed = new Map<string, Promise<Uint8Array>>();
const print = (html: string, furniture = false): Promise<Uint8Array> => {
  const key = `${furniture}${html}`;
  if (!printed.has(key)) printed.set(key, p.print(html, { furniture }));
  return printed.get(key)!;
};

let p: Printer;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk)`);
  p = await printer();
});
afterAll(async () => {
  await p?.close();
});

const SEED1 = "seeds/000_0d517b853e764d1a.txt";
const SEED2 = "seeds/001_6d3949d91c26715e.txt";
const TEIJUU = "pdf/teijuu_lines.txt";

const cases: [string, string, PrintOptions][] = [
  ["seed 1 (締結): 別表 with the 取組 name spanning its rows, running header and page numbers, a page break inside 第1条", SEED1, { appendix: "rowspan", furniture: true, breakInside: "第1条" }],
  ["seed 1: 別表 rows cut by page breaks, justified text", SEED1, { appendix: "rowspan", rowsMayBreak: true, justify: true }],
  ["seed 2 (変更, draft): two-column 別表, justified, header and page numbers", SEED2, { appendix: "two-column", justify: true, furniture: true }],
  ["定住自立圏形成協定 (項, 号, 郡): two-column 別表, a page break inside 第1条", TEIJUU, { appendix: "two-column", breakInside: "第1条" }],
  ["変更 adding 取組 to 別表II (new rows after the 改め文, as a table), one page", "amendments/10_insert_appendix_items.txt", { appendix: "rowspan" }],
];

describe("PDFs printed by Chromium read as the text they were printed from", () => {
  it.each(cases)("%s", async (_name, file, options) => {
    const text = read(file);
    const pdf = await print(agreementHtml(text, options), options.furniture === true);
    const got = await readPdf(pdf, "協約書.pdf");
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    if (process.env.KYOYAKU_PDF_DUMP) {
      // to look at a failing case: the PDF and the text read from it
      const { writeFileSync } = await import("node:fs");
      writeFileSync(`${process.env.KYOYAKU_PDF_DUMP}/${file.replace(/\W/gu, "_")}.pdf`, pdf);
      writeFileSync(`${process.env.KYOYAKU_PDF_DUMP}/${file.replace(/\W/gu, "_")}.txt`, got.text);
    }
    expect(parsed(got.text)).toStrictEqual(parsed(text));
    const notes = got.notes.map((n) => n.code);
    // Chromium names kanji by radicals (⽉ for 月): read back, and said so
    expect(notes).toContain("format.pdf-glyphs-read-back");
    const apart = await pagesApart(pdf);
    const pages = apart.texts;
    if (options.breakInside !== undefined || options.rowsMayBreak) expect(pages.length).toBeGreaterThan(1);
    if (options.furniture) {
      const dropped = got.notes.find((n) => n.code === "format.pdf-furniture-dropped")?.message ?? "";
      for (let n = 1; n <= pages.length; n++) expect(dropped).toContain(`${n}: - ${n} -`);
      expect(dropped).toContain("1: 連携協約書（写）");
    } else expect(notes).not.toContain("format.pdf-furniture-dropped");
    if (options.breakInside !== undefined) {
      // the page break really fell inside that 条: its start on one page, its end on the next
      const article = text.split("\n").find((l) => l.startsWith(options.breakInside!))!.replace(/\s/gu, "");
      const at = pages.findIndex((t) => t.includes(article.slice(0, 12)));
      expect(at).toBeGreaterThanOrEqual(0);
      expect(pages[at]).not.toContain(article.slice(-12));
      expect(pages[at + 1]).toContain(article.slice(-12));
    }
    // some row was cut by a page break: read page by page, it counts twice
    if (options.rowsMayBreak) expect(apart.tableRows).toBeGreaterThan(apart.together);
  });
});

describe("PDFs that cannot be read are refused, saying why", () => {
  it("an image-only (scanned) PDF: no text layer, no OCR", async () => {
    const got = await readPdf(await print(scanHtml(2)), "scan.pdf");
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.issues.map((i) => i.code)).toEqual(["format.pdf-scanned"]);
    expect(got.issues[0]!.message).toMatch(/^テキストのないPDF（スキャンした画像だけのPDF）.*OCR/u);
    expect(got.issues[0]!.location.file).toBe("scan.pdf");
  });
  it("a PDF with one scanned page among text pages: the page is named", async () => {
    const html = agreementHtml(read(TEIJUU), { appendix: "two-column" }).replace("</body>", `${scanHtml(1).replace(/^.*<body[^>]*>|<\/body>.*$/gsu, "")}</body>`);
    const got = await readPdf(await print(html), "mixed.pdf");
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.issues.map((i) => i.code)).toEqual(["format.pdf-scanned-page"]);
    expect(got.issues[0]!.message).toMatch(/^\d+ページにテキストがなく画像だけです/u);
  });
  it("a page set in two columns (段組み): refused, it cannot be read line by line", async () => {
    const html = agreementHtml(read(TEIJUU), { appendix: "two-column" }).replace("<body>", `<body style="columns: 2; column-gap: 12mm">`);
    const got = await readPdf(await print(html), "columns.pdf");
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.issues.map((i) => i.code)).toEqual(["format.pdf-columns"]);
    expect(got.issues[0]!.message).toMatch(/^1ページに段組みか罫線のない表があります/u);
  });
  it("an encrypted PDF (a user password is set): the cause is named", async () => {
    const got = await readPdf(lockedPdf(), "locked.pdf");
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.issues.map((i) => i.code)).toEqual(["format.pdf-encrypted"]);
    expect(got.issues[0]!.message).toMatch(/^PDFが暗号化されている（パスワードで保護されている）ため読めません/u);
  });
  it("damaged PDFs: garbage after the header, a file cut short, a body damaged before a good end", async () => {
    const garbage = new TextEncoder().encode("%PDF-1.7\n" + "これはPDFではない".repeat(50));
    const pdf = await print(agreementHtml(read(TEIJUU), { appendix: "two-column", breakInside: "第1条" }));
    const damaged = pdf.slice();
    damaged.fill(0x20, 2000, damaged.length - 200);
    const cases = [[garbage, "garbage.pdf"], [pdf.slice(0, 2000), "cut.pdf"], [pdf.slice(0, Math.floor(pdf.length * 0.9)), "cut90.pdf"], [damaged, "damaged.pdf"]] as const;
    for (const [bytes, name] of cases) {
      const got = await readPdf(bytes, name);
      expect(got.ok, name).toBe(false);
      if (got.ok) continue;
      expect(got.issues.map((i) => i.code), name).toEqual([expect.stringMatching(/^format\.pdf-(corrupt|empty)$/u)]);
      expect(got.issues[0]!.message).toMatch(/^PDF/u);
      expect(got.issues[0]!.message).not.toContain(name);
      expect(got.issues[0]!.location).toMatchObject({ file: name });
    }
  });
});
