// PDFs written by hand, operator by operator, for what Chromium never writes: table borders
// stroked as lines (as Word and many PDF makers draw them), several rectangles in one path,
// and rotated text.
import { readPdf } from "@kyoyaku/formats";
import { describe, expect, it } from "vitest";
import { extractPages } from "../../packages/formats/src/pdf/extract.js";
import { pdfFile } from "./pdf-print.js";

/** A one-page PDF whose page draws `content` with Helvetica as /F1. */
function onePage(content: string): Uint8Array {
  return pdfFile(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ],
    "/Root 1 0 R",
  );
}

const text = (s: string, x: number, y: number): string => `BT /F1 12 Tf ${x} ${y} Td (${s}) Tj ET`;

describe("hand-written PDFs", () => {
  it("a table whose borders are stroked lines (one path of several lines) is read into rows and cells", async () => {
    const borders = [
      "0.5 w",
      // rows at y 700, 670, 640; columns at x 72, 200, 500 — all in one path, stroked once
      "72 700 m 500 700 l 72 670 m 500 670 l 72 640 m 500 640 l",
      "72 700 m 72 640 l 200 700 m 200 640 l 500 700 m 500 640 l S",
    ].join("\n");
    const pdf = onePage([borders, text("Field A", 80, 680), text("first text", 210, 680), text("Field B", 80, 650), text("second text", 210, 650), text("After the table.", 72, 600)].join("\n"));
    const got = await extractPages(pdf);
    expect(got.ok && got.pages[0]!.rules.length).toBe(6);
    const read = await readPdf(pdf, "stroked.pdf");
    expect(read.ok && read.text).toBe("Field A\tfirst text\nField B\tsecond text\nAfter the table.\n");
  });
  it("filled rectangles as borders, several in one path, under a transformed coordinate system", async () => {
    const borders = "q 1 0 0 1 10 0 cm 62 699.5 428 1 re 62 669.5 428 1 re 62 639.5 428 1 re 61.5 640 1 60 re 189.5 640 1 60 re 489.5 640 1 60 re f Q";
    const pdf = onePage([borders, text("Field A", 80, 680), text("first", 210, 680), text("Field B", 80, 650), text("second", 210, 650)].join("\n"));
    const read = await readPdf(pdf, "filled.pdf");
    expect(read.ok && read.text).toBe("Field A\tfirst\nField B\tsecond\n");
  });
  it("rotated (or vertical) text is refused, naming the page", async () => {
    const read = await readPdf(onePage("BT /F1 12 Tf 0 1 -1 0 300 400 Tm (Rotated) Tj ET"), "rotated.pdf");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues.map((i) => i.code)).toEqual(["format.pdf-rotated"]);
    expect(read.issues[0]!.message).toBe("1ページに縦書きまたは回転した文字があります。縦書き・回転した文字のPDFは読めません。");
  });
  it("a PDF without text or images is refused as empty", async () => {
    const read = await readPdf(onePage("72 700 m 500 700 l S"), "blank.pdf");
    expect(read.ok || read.issues.map((i) => i.code)).toEqual(["format.pdf-empty"]);
  });
});
