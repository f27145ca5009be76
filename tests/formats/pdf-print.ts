// Real PDFs for the PDF reader's tests: texts laid out as a 法規担当 lays out a 協約書 (title
// centred, dates to the right, 条 with hanging indents, 前文 with 字下げ, the 別表 as a ruled
// table) in HTML, printed by Chromium with a Japanese font so the text layer is real.
import { chromium, type Browser } from "playwright-core";
import { PNG } from "pngjs";

export const CHROMIUM = "/usr/bin/chromium";

/** How the 別表 is drawn: name cell spanning its field rows at the left, or a name row over two columns. */
export type AppendixLayout = "rowspan" | "two-column";

export interface PrintOptions {
  readonly appendix: AppendixLayout;
  /** Start the paragraph that begins with this text one line above a page's foot, so a page break falls inside it. */
  readonly breakInside?: string;
  /** Print a running header (the title) and a page-number footer `- N -`. */
  readonly furniture?: boolean;
  /** Let table rows be cut by page breaks (else a row moves whole to the next page). */
  readonly rowsMayBreak?: boolean;
  /** Justify body paragraphs (lines of a wrapped paragraph then end exactly at the margin). */
  readonly justify?: boolean;
}

const esc = (s: string): string => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

const ARTICLE = /^(?:第[0-9０-９一二三四五六七八九十]+条(?:の[0-9]+)?[ \u3000]|[0-9０-９]+[ \u3000]|- [0-9]+ )/u;
const ITEM = /^[（(][0-9０-９]+[）)]/u;
const DATE = /^(?:平成|令和|昭和)[0-9０-９元]+年[0-9０-９]+月 ?[0-9０-９]*日$/u;

/** The body of a table: rows of a 別表 (`name⇥` then `field⇥text` rows), in the chosen layout. */
function table(rows: readonly string[], layout: AppendixLayout, narrow: boolean): string {
  const groups: { name: string; fields: [string, string][] }[] = [];
  for (const row of rows) {
    const [a, b] = row.split("\t") as [string, string | undefined];
    if (b === undefined || b.trim() === "") groups.push({ name: a.trim(), fields: [] });
    else {
      if (groups.length === 0) groups.push({ name: "", fields: [] });
      groups[groups.length - 1]!.fields.push([a.trim(), b.trim()]);
    }
  }
  const trs = groups.flatMap((g) =>
    layout === "rowspan"
      ? g.fields.map(([f, t], i) => `<tr>${i === 0 ? `<td class="name" rowspan="${g.fields.length}">${esc(g.name)}</td>` : ""}<td class="field">${esc(f)}</td><td>${esc(t)}</td></tr>`)
      : [`<tr><td class="name" colspan="2">${esc(g.name)}</td></tr>`, ...g.fields.map(([f, t]) => `<tr><td class="field">${esc(f)}</td><td>${esc(t)}</td></tr>`)],
  );
  const cols = layout === "rowspan" ? `<col style="width:${narrow ? 30 : 24}%"><col style="width:${narrow ? 16 : 13}%"><col>` : `<col style="width:15%"><col>`;
  return `<table class="${layout}">${cols}${trs.join("")}</table>`;
}

/**
 * The HTML of a 協約書 written as text lines (the plain-text import's form).
 *
 * @example
 * agreementHtml("連携協約書\n\n第1条 …\n", { appendix: "rowspan" });
 */
export function agreementHtml(text: string, options: PrintOptions): string {
  const lines = text.split(/\r?\n/u);
  const body: string[] = [];
  let titled = false;
  let rows: string[] = [];
  const flush = (): void => {
    if (rows.length > 0) body.push(table(rows, options.appendix, options.rowsMayBreak === true));
    rows = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/u, "");
    if (raw.includes("\t")) {
      rows.push(raw);
      continue;
    }
    if (line === "") continue;
    flush();
    const split = options.breakInside !== undefined && line.startsWith(options.breakInside) ? ` data-break="1"` : "";
    let cls: string;
    if (!titled && !/^[(（]案[)）]$/u.test(line)) {
      titled = true;
      cls = "title";
    } else if (DATE.test(line)) cls = "date";
    else if (ARTICLE.test(line)) cls = "article";
    else if (ITEM.test(line)) cls = "item";
    else if (/^[（(][^）)]+[）)]$/u.test(line)) cls = "caption";
    else if (line.length > 28) cls = "prose";
    else cls = "plain";
    body.push(`<p class="${cls}"${split}>${esc(line)}</p>`);
  }
  flush();
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm 22mm 25mm 22mm; }
body { margin: 0; font-family: "Noto Sans CJK JP", sans-serif; font-size: 10.5pt; line-height: 1.6; }
p { margin: 0; orphans: 1; widows: 1; ${options.justify ? "text-align: justify;" : ""} }
p.title { text-align: center; font-size: 14pt; margin: 0 0 1em; }
p.date { text-align: right; }
p.article { padding-left: 1em; text-indent: -1em; }
p.item { padding-left: 2em; text-indent: -1em; }
p.caption { padding-left: 1em; margin-top: 0.6em; }
p.prose { text-indent: 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 10pt; }
td { border: 0.75pt solid #000; vertical-align: top; padding: 2pt 4pt; }
${options.rowsMayBreak ? "td { font-size: 12pt; line-height: 1.8; }" : "tr { break-inside: avoid; }"}
</style></head><body>${body.join("\n")}</body></html>`;
}

/** A page that holds only an image (a "scanned" page): grey paper with dark bars for lines of text. */
export function scanHtml(pages = 1): string {
  const png = new PNG({ width: 400, height: 560 });
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      const ink = y % 24 < 10 && y > 40 && y < 520 && x > 40 && x < 360;
      const i = (y * png.width + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = ink ? 30 : 235;
      png.data[i + 3] = 255;
    }
  const src = `data:image/png;base64,${PNG.sync.write(png).toString("base64")}`;
  const page = `<div style="break-after: page"><img src="${src}" style="width: 160mm"></div>`;
  return `<!doctype html><html><body style="margin:0">${page.repeat(pages)}</body></html>`;
}

/** One Chromium for a test file; `print` renders HTML to PDF bytes. */
export interface Printer {
  print(html: string, options?: { readonly furniture?: boolean }): Promise<Uint8Array>;
  close(): Promise<void>;
}

const FURNITURE = {
  headerTemplate: `<div style="font-size:8pt; width:100%; text-align:right; margin-right:22mm; font-family:'Noto Sans CJK JP'">連携協約書（写）</div>`,
  footerTemplate: `<div style="font-size:9pt; width:100%; text-align:center; font-family:'Noto Sans CJK JP'">- <span class="pageNumber"></span> -</div>`,
};

/** Start Chromium. */
export async function printer(): Promise<Printer> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  const page = await browser.newPage();
  await page.emulateMedia({ media: "print" });
  return {
    async print(html, options = {}) {
      // lay out at the printed width (A4 less the margins) so positions measured here are those printed
      await page.setViewportSize({ width: Math.round(((210 - 44) * 96) / 25.4), height: 1000 });
      await page.setContent(html, { waitUntil: "load" });
      await page.evaluate(async () => {
        await document.fonts.ready;
        const target = document.querySelector("[data-break]");
        if (!(target instanceof HTMLElement)) return;
        const pageHeight = ((297 - 50) * 96) / 25.4;
        const line = parseFloat(getComputedStyle(target).lineHeight);
        const spacer = document.createElement("div");
        target.before(spacer);
        const top = target.getBoundingClientRect().top + window.scrollY;
        spacer.style.height = `${(((pageHeight - 1.5 * line - (top % pageHeight)) % pageHeight) + pageHeight) % pageHeight}px`;
      });
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged: false,
        outline: false,
        displayHeaderFooter: options.furniture === true,
        ...(options.furniture === true ? FURNITURE : { headerTemplate: "<span></span>", footerTemplate: "<span></span>" }),
      });
      return new Uint8Array(pdf);
    },
    async close() {
      await browser.close();
    },
  };
}

/** A PDF file from its objects (bodies without `N 0 obj`), with a correct xref table. */
export function pdfFile(objects: readonly string[], trailer: string): Uint8Array {
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

/**
 * A PDF locked with a user password (standard security handler, RC4 40-bit): its /U entry is
 * not what the empty password gives, so no reader opens it without the password.
 */
export function lockedPdf(): Uint8Array {
  const hex = (n: number, seed: number): string => Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, "0")).join("");
  return pdfFile(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 11)}> /U <${hex(32, 5)}> /P -44 >>`,
    ],
    `/Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>]`,
  );
}
