// Files made by the tests from plain-text fixtures, as municipalities keep them: 例規集 HTML
// pages, Word documents written with the `docx` library, and the same texts in the Japanese
// encodings (encoded by encoding-japanese). Each maker writes what a 法規担当's tools would —
// never the reader's output run backwards.
import { AlignmentType, Document, LevelFormat, LevelSuffix, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import Encoding from "encoding-japanese";

export type Charset = "UTF-8" | "Shift_JIS" | "EUC-JP";

/** The text encoded by encoding-japanese (with the byte order mark when `bom`); throws when a character has no code in it. */
export function encode(text: string, to: "SJIS" | "EUCJP" | "UTF16LE" | "UTF16BE" | "UTF8", bom = false): Uint8Array {
  const body = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: "UNICODE" }));
  if (Encoding.convert(body, { from: to, to: "UNICODE", type: "string" }) !== text) throw new Error(`the text has a character ${to} cannot encode`);
  const mark = !bom ? [] : to === "UTF8" ? [0xef, 0xbb, 0xbf] : to === "UTF16LE" ? [0xff, 0xfe] : to === "UTF16BE" ? [0xfe, 0xff] : undefined;
  if (mark === undefined) throw new Error(`${to} has no byte order mark`);
  return Uint8Array.from([...mark, ...body]);
}

const escape = (s: string): string => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

/** Lines of a text, and the runs of tab-separated lines (a 別表 table) among them. */
function blocks(text: string): ({ kind: "line"; text: string } | { kind: "table"; rows: string[][] })[] {
  const out: ({ kind: "line"; text: string } | { kind: "table"; rows: string[][] })[] = [];
  for (const raw of text.replace(/\r\n?/gu, "\n").split("\n")) {
    const line = raw.trim();
    if (line === "") {
      if (out.at(-1)?.kind === "table") out.push({ kind: "line", text: "" });
      continue;
    }
    if (raw.includes("\t")) {
      const last = out.at(-1);
      const cells = raw.split("\t").map((c) => c.trim());
      if (last?.kind === "table") last.rows.push(cells);
      else out.push({ kind: "table", rows: [cells] });
      continue;
    }
    out.push({ kind: "line", text: line });
  }
  return out.filter((b) => b.kind === "table" || b.text !== "");
}

/** Trailing empty cells become the span of the last filled one (「取組名\t」 is a row-wide cell). */
function spans(row: string[]): { text: string; span: number }[] {
  let n = row.length;
  while (n > 1 && row[n - 1] === "") n--;
  return row.slice(0, n).map((text, i) => ({ text, span: i === n - 1 ? row.length - n + 1 : 1 }));
}

/** Break a long paragraph in the page source between two kanji, as CMS editors wrap lines. */
function wrapSource(s: string): string {
  if (s.length < 60) return escape(s);
  const at = [...s].findIndex((c, i, a) => i > 30 && /[\u4E00-\u9FFF]/u.test(c) && /[\u4E00-\u9FFF]/u.test(a[i + 1] ?? ""));
  if (at < 0) return escape(s);
  const chars = [...s];
  return `${escape(chars.slice(0, at + 1).join(""))}\n    ${escape(chars.slice(at + 1).join(""))}`;
}

/** A line as an 例規集 page marks it up: 条 number and 見出し in spans, 項/号 numbers apart. */
function lineHtml(line: string): string {
  const article = /^(第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９一二三四五六七八九十]+)?)[ \u3000](.*)$/u.exec(line);
  if (article) return `<div class="eline"><p class="num"><span class="num cm">${escape(article[1]!)}</span>&nbsp;<span class="p cm">${wrapSource(article[2]!)}</span></p></div>`;
  if (/^[（(][^）)]{1,20}[）)]$/u.test(line)) return `<div class="eline"><p class="title"><span class="cm">${escape(line)}</span></p></div>`;
  return `<div class="eline"><p class="p">${wrapSource(line)}</p></div>`;
}

/**
 * An 例規集 page of the text: a `<head>` (title, style) that is no text, the lines as
 * `div.eline > p` with the 条 number in a span and source lines wrapped inside sentences,
 * and a table for each run of tab-separated rows. `declare` puts the charset in a `<meta>`.
 */
export function reikishuHtml(text: string, charset: Charset, declare = true): string {
  const body = blocks(text).map((b) => {
    if (b.kind === "line") return lineHtml(b.text);
    const rows = b.rows.map((r) => `<tr>${spans(r).map((c) => `<td${c.span > 1 ? ` colspan="${c.span}"` : ""}>${escape(c.text)}</td>`).join("")}</tr>`).join("\n");
    return `<table class="table" border="1">\n<tbody>\n${rows}\n</tbody>\n</table>`;
  });
  const meta = declare ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">\n` : "";
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html lang="ja">\n<head>\n${meta}<title>例規</title>\n<style>p.num{margin-left:1em}</style>\n</head>\n<body>\n<div id="main">\n${body.join("\n")}\n</div>\n</body>\n</html>\n`;
}

const ITEM = /^([（(])([0-9]+)([）)])([ \u3000]?)(.*)$/u;
const ARTICLE = /^第([0-9]+)条([ \u3000])(.*)$/u;

/**
 * A Word document of the text, as a 法規担当 would type it: a paragraph a line; 号 「（1）」
 * as a numbered list (one list per run of 号, numbered by Word); when the 条 run 1, 2, 3 …
 * without a gap, 「第N条」 as Word numbering too; each 別表 block as a Word table.
 */
export async function wordDocx(text: string): Promise<Uint8Array> {
  const bs = blocks(text);
  const articles = bs.flatMap((b) => (b.kind === "line" ? [ARTICLE.exec(b.text)] : [])).filter((m) => m !== null);
  const numberArticles = articles.length > 0 && articles.every((m, i) => Number(m[1]) === i + 1);
  const config: { reference: string; levels: { level: number; format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string; suffix: (typeof LevelSuffix)[keyof typeof LevelSuffix]; alignment: (typeof AlignmentType)[keyof typeof AlignmentType] }[] }[] = [];
  const list = (reference: string, pattern: string, space: boolean): string => {
    if (!config.some((c) => c.reference === reference)) {
      config.push({ reference, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: pattern, suffix: space ? LevelSuffix.SPACE : LevelSuffix.NOTHING, alignment: AlignmentType.LEFT }] });
    }
    return reference;
  };
  let listNo = 0;
  let inItems = false;
  const children: (Paragraph | Table)[] = [];
  for (const b of bs) {
    if (b.kind === "table") {
      inItems = false;
      const width = Math.max(...b.rows.map((r) => r.length));
      children.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: b.rows.map((r) => new TableRow({ children: spans([...r, ...Array<string>(width - r.length).fill("")]).map((c) => new TableCell({ columnSpan: c.span, children: [new Paragraph(c.text)] })) })),
      }));
      continue;
    }
    const item = ITEM.exec(b.text);
    const article = numberArticles ? ARTICLE.exec(b.text) : null;
    if (item && (item[2] === "1" || inItems)) {
      if (item[2] === "1") listNo++;
      inItems = true;
      const ref = list(`items-${item[1]}${item[3]}-${item[4] === "" ? "tight" : "spaced"}`, `${item[1]}%1${item[3]}`, item[4] !== "");
      children.push(new Paragraph({ numbering: { reference: ref, level: 0, instance: listNo }, children: [new TextRun(item[5]!)] }));
      continue;
    }
    inItems = false;
    if (article) {
      children.push(new Paragraph({ numbering: { reference: list("articles", "第%1条", true), level: 0 }, children: [new TextRun(article[3]!)] }));
      continue;
    }
    children.push(new Paragraph({ children: [new TextRun(b.text)] }));
  }
  const doc = new Document({ numbering: { config }, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A paragraph whose 【】-marked words are underlined (傍線), as a 新旧対照表 is typed in Word. */
const underlined = (line: string): Paragraph =>
  new Paragraph({ children: line.split(/(【[^】]*】)/u).filter((p) => p !== "").map((p) => (p.startsWith("【") ? new TextRun({ text: p.slice(1, -1), underline: {} }) : new TextRun(p))) });

/**
 * A Word document of a 新旧対照表方式 amendment as a 法規担当 types it: the lines before and after as
 * paragraphs, the table as a Word table of two columns whose cells hold a provision paragraph by
 * paragraph, the changed words underlined (written 【…】 in `rows`).
 */
export async function comparisonDocx(before: readonly string[], rows: readonly (readonly [readonly string[], readonly string[]])[], after: readonly string[]): Promise<Uint8Array> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(([a, b]) => new TableRow({ children: [a, b].map((cell) => new TableCell({ children: (cell.length > 0 ? cell : [""]).map(underlined) })) })),
  });
  const doc = new Document({ sections: [{ children: [...before.map((l) => new Paragraph(l)), table, ...after.map((l) => new Paragraph(l))] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
