/**
 * The text every structured format is written into, in the shape the plain-text import
 * reads: one line per paragraph (block), a table row as its cells joined by tabs (a cell
 * that spans n columns is followed by n − 1 empty cells, as a 別表 row 「取組名\t」 is in
 * the texts converted from PDF), and a blank line after a table.
 *
 * @module
 */

/** Collapse white space as a browser shows it; U+3000 (全角空白) is text, not white space. */
export function collapse(text: string): string {
  // A line break in the source between two wide (CJK) characters is no space (CSS Text 3,
  // segment breaks): a 例規集 page that wraps its source inside a sentence reads as one sentence.
  return text
    .replace(/(?<=[\u3000-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])[ \t\r\f]*\n[\s]*(?=[\u3000-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])/gu, "")
    .replace(/[ \t\n\r\f\u00A0]+/gu, " ");
}

/** Builds lines from inline text, block breaks and table rows. */
export class LineWriter {
  readonly #lines: string[] = [];
  #current = "";

  /** Add inline text to the current line (already collapsed). */
  text(s: string): void {
    this.#current += s;
  }

  /** End the current line (a block ended or a `<br>`); nothing when it is empty (blocks nest). */
  break(): void {
    const line = this.#current.replace(/^ +| +$/gu, "");
    this.#current = "";
    if (line !== "") this.#lines.push(line);
  }

  /** A forced line, even an empty one (a `<br>` after a `<br>`, a blank after a table). */
  line(s: string): void {
    this.break();
    this.#lines.push(s);
  }

  /** A table row: its cells (each already one line), each followed by `span - 1` empty cells. */
  row(cells: readonly { readonly text: string; readonly span: number }[]): void {
    this.break();
    if (cells.every((c) => c.text === "")) return;
    this.#lines.push(cells.map((c) => c.text + "\t".repeat(Math.max(0, c.span - 1))).join("\t"));
  }

  /** A blank line (after a table), never two in a row nor at the start. */
  blank(): void {
    this.break();
    if (this.#lines.length > 0 && this.#lines.at(-1) !== "") this.#lines.push("");
  }

  /** The text, one `\n` after each line. */
  done(): string {
    this.break();
    while (this.#lines.at(-1) === "") this.#lines.pop();
    return this.#lines.map((l) => `${l}\n`).join("");
  }
}

/** A table cell as a format holds it; `continued` for the lower part of a vertically merged cell (HTML `rowspan`, Word `vMerge`). */
export interface GridCell {
  readonly text: string;
  readonly span: number;
  readonly continued?: boolean;
}

/**
 * True for the header row of a 新旧対照表 (「改正後」「改正前」 or a draft's 「改正案」「現行」, two cells): that table is the amending
 * text of a 新旧対照表方式 amendment, whose cells hold whole provisions paragraph by paragraph.
 *
 * @example
 * isComparisonHeader([["改正後"], ["改 正 前"]]); // true
 */
export function isComparisonHeader(cells: readonly (readonly string[])[]): boolean {
  const t = cells.map((c) => c.join("").replace(/[\s\u3000]+/gu, ""));
  return t.length === 2 && (t[0] === "改正後" || t[0] === "改正案") && (t[1] === "改正前" || t[1] === "現行");
}

/**
 * Write a 新旧対照表 (rows of two cells, each cell its paragraphs) as the text parser reads it: each row
 * as many lines as its longer cell, the two cells' paragraphs side by side, tab-separated (a 見出し
 * beside a 見出し, 「第5条 …」 beside 「第5条 …」, 「（新設）」 beside the first line of an added 条).
 * A row of a 別表 cell that is itself a table (「取組内容⇥…」) keeps its tabs.
 *
 * @example
 * const w = new LineWriter(); writeComparison(w, [[["改正後"], ["改正前"]], [["（目的）", "第1条 …"], ["（目的）", "第1条 …"]]]);
 * w.done(); // "改正後\t改正前\n（目的）\t（目的）\n第1条 …\t第1条 …\n"
 */
export function writeComparison(w: LineWriter, rows: readonly (readonly (readonly string[])[])[]): void {
  for (const [a = [], b = []] of rows) {
    for (let k = 0; k < Math.max(a.length, b.length); k++) w.row([{ text: a[k] ?? "", span: 1 }, { text: b[k] ?? "", span: 1 }]);
  }
}

/** Why a table cannot be read row by row; the reader names its format and turns it into an issue. */
export class TableUnreadable extends Error {}

/**
 * The rows of a table in the 別表 form of the text. A cell at the left merged down over the
 * rows of its fields (the 取組 name beside 取組内容 / 甲の役割 / 乙の役割) is written once as a
 * row of its own spanning the table (「名称⇥⇥」), then those rows without it — as the PDF
 * reader does. Any other vertically merged cell would leave its lower rows with an empty
 * cell whose text is in another row: refused (TableUnreadable), never read as empty.
 *
 * @example
 * tableRows([[{ text: "名称", span: 1 }, { text: "取組内容", span: 1 }, { text: "…", span: 1 }],
 *            [{ text: "", span: 1, continued: true }, { text: "甲の役割", span: 1 }, { text: "…", span: 1 }]]);
 * // [[{ text: "名称", span: 3 }], [{ text: "取組内容", span: 1 }, { text: "…", span: 1 }], [{ text: "甲の役割", span: 1 }, { text: "…", span: 1 }]]
 */
export function tableRows(rows: readonly (readonly GridCell[])[]): { text: string; span: number }[][] {
  const out: { text: string; span: number }[][] = [];
  const plain = (cells: readonly GridCell[]): { text: string; span: number }[] => cells.map((c) => ({ text: c.text, span: c.span }));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let end = r + 1;
    while (end < rows.length && rows[end]![0]?.continued === true) end++;
    const named = end - r > 1 && row[0] !== undefined && row[0].continued !== true && row[0].text !== "";
    if (!named) end = r + 1;
    const block = rows.slice(r, end);
    const rest = named ? block.map((b) => b.slice(1)) : [row];
    rest.forEach((cells, k) => {
      const at = cells.findIndex((c) => c.continued === true);
      const shown = at < 0 ? row[0]?.text : [...(named ? block[k]!.slice(0, 1) : []), ...cells.slice(0, at)].map((c) => c.text).filter((t) => t !== "").join("・");
      if (at >= 0 || (named && cells.length < 2)) {
        throw new TableUnreadable(`表の${r + k + 1}行目に縦に結合したセルがあります${shown ? `（「${shown}」の行）` : ""}。左端の取組名の列のほかは、結合したセルの文字がどの行のものか決まらないため読めません。セルの結合を解いてください`);
      }
    });
    if (named) {
      out.push([{ text: row[0]!.text, span: row.reduce((n, c) => n + c.span, 0) }]);
      for (const cells of rest) out.push(plain(cells));
    } else out.push(plain(row));
    r = end - 1;
  }
  return out;
}
