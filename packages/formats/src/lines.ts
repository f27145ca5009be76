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
