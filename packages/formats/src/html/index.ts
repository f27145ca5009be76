/**
 * The 例規集 HTML reader: a page as the 例規集 systems publish it (a title with 「○」, the
 * date and 告示番号 lines, 条 blocks with their 見出し, 別表 as HTML tables, 沿革情報 and
 * 体系情報 trailers) becomes the text lines the plain-text import reads: one line per block,
 * a table row as tab-separated cells. The 「○」, 告示番号 and trailers are kept as lines: the
 * parser files them as annotations. The page is parsed by htmlparser2; its charset comes from
 * the BOM, else the `<meta>` charset, else detection. Lines before the 「○」 title (the
 * site's navigation) are dropped with a note.
 *
 * @module
 */
import { issue } from "@kyoyaku/core";
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { MAX_DEPTH, nestsDeeperThan } from "../depth.js";
import { collapse, type GridCell, isComparisonHeader, LineWriter, tableRows, TableUnreadable, writeComparison } from "../lines.js";
import { decodeAs, decodeText, ENCODING_LABEL } from "../text/decode.js";
import type { Encoding, FormatRead } from "../types.js";

/** Elements whose content is not shown. */
const HIDDEN = new Set(["head", "script", "style", "noscript", "template", "rt", "rp", "iframe", "object", "select", "button"]);

/** Elements that start and end a line. */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "ul", "caption",
]);

/** The names pages give to the Japanese encodings, to ours. */
const CHARSETS: Readonly<Record<string, Encoding>> = {
  "utf-8": "utf-8", utf8: "utf-8",
  shift_jis: "shift_jis", "shift-jis": "shift_jis", sjis: "shift_jis", "x-sjis": "shift_jis", "windows-31j": "shift_jis", cp932: "shift_jis", ms932: "shift_jis", "ms_kanji": "shift_jis",
  "euc-jp": "euc-jp", eucjp: "euc-jp", "x-euc-jp": "euc-jp",
  "iso-2022-jp": "iso-2022-jp",
};

/**
 * The charset a page declares in its first 4 KB (`<meta charset>` or `<meta http-equiv
 * content="…; charset=…">`), found by the HTML parser on the ASCII of those bytes.
 */
function declaredCharset(bytes: Uint8Array): string | undefined {
  let ascii = "";
  for (const b of bytes.subarray(0, 4096)) ascii += b < 0x80 ? String.fromCharCode(b) : " ";
  let found: string | undefined;
  const visit = (nodes: readonly ChildNode[]): void => {
    for (const n of nodes) {
      if (found !== undefined) return;
      if (n.type !== "tag" && n.type !== "script" && n.type !== "style") continue;
      const e = n as Element;
      if (e.name === "meta") {
        const direct = e.attribs["charset"];
        const content = e.attribs["http-equiv"]?.toLowerCase() === "content-type" ? /charset\s*=\s*["']?([^"';\s]+)/iu.exec(e.attribs["content"] ?? "")?.[1] : undefined;
        found = (direct ?? content)?.trim().toLowerCase();
      }
      visit(e.children);
    }
  };
  visit(parseDocument(ascii).children);
  return found;
}

/** Decode a page: BOM, else its declared charset, else detection. */
function decodePage(bytes: Uint8Array, name: string): { ok: true; text: string; encoding: Encoding } | { ok: false; read: FormatRead } {
  const refuse = (code: string, message: string): { ok: false; read: FormatRead } => ({ ok: false, read: { ok: false, issues: [issue("error", code, message, { file: name })] } });
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? undefined : declaredCharset(bytes);
  if (declared !== undefined) {
    const encoding = CHARSETS[declared];
    if (encoding === undefined) return refuse("format.html-charset-unknown", `HTMLが文字コード「${declared}」を宣言していますが、読める文字コード（UTF-8、Shift_JIS、EUC-JP、ISO-2022-JP）ではありません`);
    const text = decodeAs(bytes, encoding);
    if (text === undefined) return refuse("format.html-charset-mismatch", `HTMLは文字コードを${ENCODING_LABEL[encoding]}と宣言していますが、その文字コードとして読めないバイトがあります。宣言か保存の文字コードが誤っています`);
    return { ok: true, text, encoding };
  }
  const d = decodeText(bytes, name);
  return d.ok ? { ok: true, text: d.text, encoding: d.encoding } : { ok: false, read: { ok: false, issues: [d.issue] } };
}

/** The lines of a table cell: its blocks and `<br>`s. */
function cellLines(e: Element): string[] {
  const w = new LineWriter();
  walk(e.children, w, true);
  return w.done().split("\n").filter((l) => l !== "");
}

/** The text of a table cell, on one line: its blocks and `<br>`s joined without a break. */
const cellText = (e: Element): string => cellLines(e).join("");

/** A table's rows (of `<thead>`, `<tbody>`, `<tfoot>` or the table itself) and its `<caption>`s, in order. */
function tableParts(e: Element): { rows: Element[]; captions: Element[] } {
  const rows: Element[] = [];
  const captions: Element[] = [];
  const collect = (nodes: readonly ChildNode[]): void => {
    for (const n of nodes) {
      if (n.type !== "tag") continue;
      const c = n as Element;
      if (c.name === "tr") rows.push(c);
      else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") collect(c.children);
      else if (c.name === "caption") captions.push(c);
    }
  };
  collect(e.children);
  return { rows, captions };
}

/** The rows of a 新旧対照表 (header row 改正後 | 改正前), each cell as its lines; undefined for any other table. */
function comparisonRows(e: Element): string[][][] | undefined {
  const { rows } = tableParts(e);
  const cellsOf = (tr: Element): Element[] => tr.children.filter((c) => c.type === "tag" && ((c as Element).name === "td" || (c as Element).name === "th")) as Element[];
  if (!rows[0] || !isComparisonHeader(cellsOf(rows[0]).map(cellLines))) return undefined;
  return rows.map((tr) => cellsOf(tr).map(cellLines));
}

/** Write a table: each row (of `<thead>`, `<tbody>`, `<tfoot>` or the table itself) a line, then a blank line. */
function table(e: Element, w: LineWriter): void {
  w.blank();
  const { rows, captions } = tableParts(e);
  for (const c of captions) w.line(cellText(c));
  // A 新旧対照表: its cells are provisions, paragraph by paragraph, side by side.
  const comparison = comparisonRows(e);
  if (comparison) {
    writeComparison(w, comparison);
    w.blank();
    return;
  }
  // Lay the cells out on the grid: a cell with rowspan="n" holds its column in the n − 1 rows
  // below it, where it shows as a continued cell (as Word's vMerge does).
  const below = new Map<number, { left: number; span: number }>();
  const grid = rows.map((tr) => {
    const row: GridCell[] = [];
    let col = 0;
    const held = (): void => {
      for (let h = below.get(col); h !== undefined && h.left > 0; h = below.get(col)) {
        row.push({ text: "", span: h.span, continued: true });
        h.left--;
        col += h.span;
      }
    };
    for (const c of tr.children) {
      if (c.type !== "tag" || ((c as Element).name !== "td" && (c as Element).name !== "th")) continue;
      held();
      const e = c as Element;
      const span = Math.max(1, Number.parseInt(e.attribs["colspan"] ?? "1", 10) || 1);
      const down = Math.max(1, Number.parseInt(e.attribs["rowspan"] ?? "1", 10) || 1);
      row.push({ text: cellText(e), span });
      below.set(col, { left: down - 1, span });
      col += span;
    }
    held();
    return row;
  });
  for (const cells of tableRows(grid)) w.row(cells);
  w.blank();
}

/**
 * A table that lays out the page (older 例規集 systems put the menu in one cell and the whole
 * document in another), not a 別表: a cell holds, among several lines, the 「○」 title or a
 * 条. Its cells are read as blocks, line by line; a 別表 cell's paragraphs are joined instead.
 */
function isLayout(e: Element): boolean {
  const cells: Element[] = [];
  const collect = (nodes: readonly ChildNode[]): void => {
    for (const n of nodes) {
      if (n.type !== "tag") continue;
      const c = n as Element;
      if (c.name === "td" || c.name === "th") cells.push(c);
      else if (c.name !== "table") collect(c.children);
    }
  };
  collect(e.children);
  return cells.some((c) => {
    const w = new LineWriter();
    walk(c.children, w);
    const lines = w.done().split("\n");
    return lines.length > 2 && lines.some((l) => /^(?:○[^○\s]|第[0-9０-９一二三四五六七八九十百]+条[ \u3000])/u.test(l));
  });
}

/** Write the nodes' text into `w`; `inCell` keeps a nested table's rows inside its cell. */
function walk(nodes: readonly ChildNode[], w: LineWriter, inCell = false): void {
  for (const n of nodes) {
    if (n.type === "text") {
      w.text(collapse((n as unknown as { data: string }).data));
      continue;
    }
    if (n.type !== "tag") continue;
    const e = n as Element;
    if (HIDDEN.has(e.name)) continue;
    if (e.name === "br") {
      w.break();
      continue;
    }
    if (e.name === "table" && !inCell && (!isLayout(e) || comparisonRows(e) !== undefined)) {
      table(e, w);
      continue;
    }
    const block = BLOCK.has(e.name) || e.name === "table" || e.name === "tr" || (!inCell && (e.name === "td" || e.name === "th"));
    if (block) w.break();
    walk(e.children, w, inCell);
    if (block) w.break();
    else if (e.name === "td" || e.name === "th") w.text(" ");
  }
}

/**
 * Read an 例規集 HTML page into text lines.
 *
 * @example
 * const page = "<html><meta charset='utf-8'><body><p>○甲市と乙町との協定</p><div><p>（目的）</p><p>第1条\u3000この協定は…</p></div></body></html>";
 * await readHtml(new TextEncoder().encode(page), "page.html");
 * // { ok: true, text: "○甲市と乙町との協定\n（目的）\n第1条\u3000この協定は…\n", encoding: "utf-8", notes: [] }
 */
export function readHtml(bytes: Uint8Array, name: string): Promise<FormatRead> {
  const page = decodePage(bytes, name);
  if (!page.ok) return Promise.resolve(page.read);
  const doc = parseDocument(page.text, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  if (nestsDeeperThan(doc.children)) return Promise.resolve({ ok: false, issues: [issue("error", "format.too-deep", `HTMLの要素の入れ子が${MAX_DEPTH}段を超えています。例規集のページではありません`, { file: name })] });
  const w = new LineWriter();
  try {
    walk(doc.children, w);
  } catch (e) {
    if (e instanceof TableUnreadable) return Promise.resolve({ ok: false, issues: [issue("error", "format.html-table", `例規集HTML: ${e.message}`, { file: name })] });
    throw e;
  }
  const head = fromTitle(w.done());
  const tail = afterTrailer(head.text);
  const text = tail.text;
  if (text.trim() === "") return Promise.resolve({ ok: false, issues: [issue("error", "format.html-empty", "HTMLページに本文がありません（表示される文字がありません）", { file: name })] });
  const notes = [
    ...head.dropped.map((l, i) => issue("info", "format.html-navigation", `「○」の題名より前の行はページの案内として読みません: ${l}`, { file: name, line: i + 1 })),
    ...tail.dropped.map((l) => issue("info", "format.html-navigation", `沿革・体系情報より後の行はページの案内として読みません: ${l}`, { file: name })),
  ];
  return Promise.resolve({ ok: true, text, encoding: page.encoding, notes });
}

/** What may be part of an agreement: a line holding one is never dropped as the site's navigation. */
const AGREEMENT_LIKE = /協約|協定|条|甲|乙|明治|大正|昭和|平成|令和|[0-9０-９]+年|\t/u;

/**
 * An 例規集 page's document ends with its 沿革 / 体系情報 trailer: the lines after its last
 * entry (「このページの先頭へ」, 「Copyright 〇〇市」) are the site's footer and are dropped,
 * each named in a note. Only when none of them could be part of an agreement; else the page
 * is read whole and the parser refuses what it does not understand.
 */
function afterTrailer(text: string): { text: string; dropped: readonly string[] } {
  const lines = text.split("\n");
  const trailer = lines.findLastIndex((l) => /^(?:沿革情報|沿革|体系情報)(?=[ \u3000]|$|明治|大正|昭和|平成|令和|第)/u.test(l));
  if (trailer < 0) return { text, dropped: [] };
  let end = trailer + 1;
  while (end < lines.length && lines[end] !== "" && /^(?:明治|大正|昭和|平成|令和)/u.test(lines[end]!)) end++;
  const dropped = lines.slice(end).filter((l) => l !== "");
  if (dropped.length === 0 || dropped.some((l) => AGREEMENT_LIKE.test(l))) return { text, dropped: [] };
  return { text: `${lines.slice(0, end).join("\n")}\n`, dropped };
}

/**
 * An 例規集 page's document starts at its title, marked 「○」: the lines before it are the
 * site's navigation (「例規集トップ > 第1編 総規」) and are dropped, each named in a note. Only
 * when that is certain: a 「○○市」 placeholder of a draft is no title mark, and lines that
 * hold a date, a 条 or a party are never dropped — the page is then read whole, and the parser
 * refuses what it does not understand.
 */
function fromTitle(text: string): { text: string; dropped: readonly string[] } {
  const lines = text.split("\n");
  const title = lines.findIndex((l) => /^○[^○\s]/u.test(l));
  if (title <= 0) return { text, dropped: [] };
  const dropped = lines.slice(0, title).filter((l) => l !== "");
  if (dropped.some((l) => AGREEMENT_LIKE.test(l))) return { text, dropped: [] };
  return { text: lines.slice(title).join("\n"), dropped };
}
