// The PDF reader on real PDFs: the seeds and a fixture laid out as 協約書 in HTML, printed by
// Chromium (Noto Sans CJK JP, so the text layer is real), read back, and parsed: each must give
// exactly what the plain-text import gives. Scanned, encrypted and damaged PDFs are refused.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readPdf } from "@kyoyaku/formats";
import { parseText } from "@kyoyaku/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementHtml, CHROMIUM, printer, type PrintOptions, type Printer } from "./pdf-print.js";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");

/** What a parse gives that must be the same whatever file the text came from. */
function parsed(text: string): unknown {
  const r = parseText(text);
  if (!r.ok) return { ok: false, issues: r.issues.map((i) => `${i.code} ${i.message}`) };
  const { source: _source, ...event } = r.value.event;
  return { kind: r.value.kind, title: r.value.title, id: r.value.suggestedId, document: r.value.document, event, annotations: r.value.annotations, issues: r.issues.map((i) => i.code) };
}

let p: Printer;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk)`);
  p = await printer();
});
afterAll(async () => {
  await p?.close();
});

const cases: [string, string, PrintOptions][] = [
  ["seed 1 (締結), 別表 with the 取組 name spanning its rows, header and page numbers, a page break inside 第1条", "seeds/000_0d517b853e764d1a.txt", { appendix: "rowspan", furniture: true, breakInside: "第1条" }],
  ["seed 2 (変更, draft), two-column 別表, justified", "seeds/001_6d3949d91c26715e.txt", { appendix: "two-column", justify: true, furniture: true }],
  ["定住自立圏形成協定 (項, 号, 郡), two-column 別表, a page break inside 第3条", "pdf/teijuu_lines.txt", { appendix: "two-column", breakInside: "第3条" }],
];

describe("PDFs printed by Chromium read as the text they were printed from", () => {
  it.each(cases)("%s", async (_name, file, options) => {
    const text = read(file);
    const pdf = await p.print(agreementHtml(text, options), { furniture: options.furniture === true });
    const got = await readPdf(pdf, file.replace(/\.txt$/u, ".pdf"));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(parsed(got.text)).toStrictEqual(parsed(text));
  });
});
