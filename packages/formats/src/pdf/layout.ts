/**
 * From positioned text to the lines the plain-text import reads. Pure functions over page
 * data (see extract.ts for where it comes from). Coordinates are PDF user space in points,
 * y growing upwards; a run's y is its baseline.
 *
 * What is done, in order:
 * 1. Radicals the PDF's character map names for kanji are read back (radicals.ts).
 * 2. Runs inside ruled table cells (side rules around them, and a rule above or below; a
 *    table cut by a page break has none at the cut) are read as cells; wrapped lines in a cell
 *    are joined. A table is written row by row, cells joined by a tab: `取組内容⇥…`. A cell at
 *    the left whose column is empty in the row below spans its rows: the 取組 name beside its
 *    fields, written once on its own line with a trailing tab — the 別表 form of the text
 *    import. A table that starts a page right after one that ended the page before is the same
 *    table; a row cut by the break is joined back. A one-column "table" is a frame around text
 *    and is read as body text.
 * 3. The other runs are grouped into visual lines by baseline. A page where three or more lines
 *    have a wide gap at the same place (two columns, a table without rules) is marked: it cannot
 *    be read line by line.
 * 4. Running headers and footers (the same line, digits aside, at the same height on two or
 *    more pages) and lone page numbers (`3`, `- 3 -`, `3/7`) at the top or foot are dropped.
 * 5. Visual lines are joined into paragraphs: a line continues the one before when that one
 *    runs to the right margin, the gap between them is an ordinary line gap, the line starts
 *    with no structural mark (第N条, 項 and 号 numbers, 別表, 附則, 甲/乙 …) and it sits at the
 *    paragraph's continuation indent. Page breaks do not end a paragraph.
 *
 * @module
 */
import { readBackGlyphs } from "./radicals.js";

/** A run of text as PDF.js gives it. */
export interface Run {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

/** A thin painted box: a table border. */
export interface Rule {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** What one page holds. */
export interface PageContent {
  readonly width: number;
  readonly height: number;
  readonly runs: readonly Run[];
  readonly rules: readonly Rule[];
  /** How many images the page paints. */
  readonly images: number;
}

/** The text read from the pages, and what was left out on purpose. */
export interface Laid {
  readonly lines: readonly string[];
  /** Header, footer and page-number lines dropped, as `page: text`. */
  readonly dropped: readonly string[];
  /** Characters read back from what the PDF's character map named (`⽉→月`), with counts. */
  readonly glyphs: ReadonlyMap<string, number>;
  /**
   * Pages where three or more lines have a wide gap at the same place: two text columns (段組み)
   * or a table without rules, which cannot be read line by line. Empty when there is none.
   */
  readonly columned: readonly number[];
  /** How many table rows were read (a row cut by a page break counted once). */
  readonly tableRows: number;
}

/** A visual line of body text (not in a table). */
interface Line {
  readonly page: number;
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  readonly size: number;
  readonly text: string;
}

/** A table, placed at its top. */
interface TableBlock {
  readonly page: number;
  readonly y: number;
  readonly rows: TableRow[];
  /** Its first row was cut at the top by a page break / its last row at the bottom. */
  readonly openTop: boolean;
  readonly openBottom: boolean;
}

interface Cell {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** No rule at the top (bottom): the table was cut there by a page break. */
  readonly openTop: boolean;
  readonly openBottom: boolean;
  readonly runs: Run[];
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const LATIN_END = /[A-Za-z0-9]$/u;
const LATIN_START = /^[A-Za-z0-9]/u;

/**
 * Join two pieces of one sentence broken by a wrap. Japanese wraps anywhere and loses
 * nothing; Latin text wraps only at a space, which the PDF does not keep, so it is put back.
 */
function joinWrapped(a: string, b: string): string {
  return LATIN_END.test(a) && LATIN_START.test(b) ? `${a} ${b}` : a + b;
}

/** Runs on one baseline, left to right, with one space where the gap is wider than a third of a character. */
function lineText(runs: readonly Run[]): string {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  let text = "";
  let end = Number.NEGATIVE_INFINITY;
  for (const r of sorted) {
    const gap = r.x - end;
    if (text !== "" && gap > r.size * 0.15 && !/\s$/u.test(text) && !/^\s/u.test(r.text)) text += " ";
    text += r.text;
    end = r.x + r.width;
  }
  return text.trim();
}

/** Group runs into visual lines: same baseline within 40 % of the type size. Top to bottom. */
function groupLines(runs: readonly Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Run[][] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0]!.y - r.y) <= 0.4 * Math.min(last[0]!.size, r.size)) last.push(r);
    else lines.push([r]);
  }
  return lines;
}

/** The text of a cell: its visual lines joined as wrapped lines of one sentence. */
function cellText(cell: Cell): string {
  return groupLines(cell.runs).map(lineText).reduce((acc, l) => (acc === "" ? l : joinWrapped(acc, l)), "");
}

interface Segment {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Rules on one line that touch or overlap, joined: borders are drawn cell by cell, and a cell
 * that spans rows is bounded by the whole of its side.
 */
function joinCollinear(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.at - s.at) <= 0.75 && s.from <= last.to + 1.5) out[out.length - 1] = { at: last.at, from: last.from, to: Math.max(last.to, s.to) };
    else out.push(s);
  }
  return out;
}

/**
 * Assign runs to the ruled cells around them; runs outside any cell are returned as free.
 * A table cut by a page break has no rule where it is cut: there the cell's edge is where its
 * side rules end, and the cell is marked open on that side (one side must be ruled).
 */
function findCells(page: PageContent): { cells: Cell[]; free: Run[] } {
  const verticals = joinCollinear(page.rules.filter((r) => r.x1 - r.x0 <= 2.5).map((r) => ({ at: (r.x0 + r.x1) / 2, from: r.y0, to: r.y1 }))).map((v) => ({ x: v.at, y0: v.from, y1: v.to }));
  const horizontals = joinCollinear(page.rules.filter((r) => r.y1 - r.y0 <= 2.5).map((r) => ({ at: (r.y0 + r.y1) / 2, from: r.x0, to: r.x1 }))).map((h) => ({ y: h.at, x0: h.from, x1: h.to }));
  const cells = new Map<string, Cell>();
  const free: Run[] = [];
  const nearest = <T>(xs: T[], by: (t: T) => number, pick: "max" | "min"): T | undefined =>
    xs.reduce<T | undefined>((best, t) => (best === undefined || (pick === "max" ? by(t) > by(best) : by(t) < by(best)) ? t : best), undefined);
  for (const run of page.runs) {
    const cx = run.x + run.width / 2;
    const cy = run.y + run.size * 0.35;
    const spansY = (v: { y0: number; y1: number }): boolean => v.y0 - 1 <= cy && cy <= v.y1 + 1;
    const spansX = (h: { x0: number; x1: number }): boolean => h.x0 - 1 <= cx && cx <= h.x1 + 1;
    const left = nearest(verticals.filter((v) => v.x < run.x + 1 && spansY(v)), (v) => v.x, "max");
    const right = nearest(verticals.filter((v) => v.x > run.x + run.width - 1 && spansY(v)), (v) => v.x, "min");
    const top = nearest(horizontals.filter((h) => h.y > run.y + run.size * 0.7 && spansX(h)), (h) => h.y, "min");
    const bottom = nearest(horizontals.filter((h) => h.y < run.y && spansX(h)), (h) => h.y, "max");
    if (!left || !right || (!top && !bottom)) {
      free.push(run);
      continue;
    }
    const box = {
      left: left.x,
      right: right.x,
      top: top?.y ?? Math.min(left.y1, right.y1),
      bottom: bottom?.y ?? Math.max(left.y0, right.y0),
      openTop: top === undefined,
      openBottom: bottom === undefined,
    };
    const key = [box.left, box.right, box.top, box.bottom].map((n) => Math.round(n * 2)).join(",");
    const cell = cells.get(key) ?? { ...box, runs: [] };
    cell.runs.push(run);
    cells.set(key, cell);
  }
  return { cells: [...cells.values()], free };
}

/** Cells grouped into tables (cells that touch or overlap vertically and share columns), top to bottom. */
function groupTables(cells: readonly Cell[]): Cell[][] {
  const sorted = [...cells].sort((a, b) => b.top - a.top || a.left - b.left);
  const tables: { cells: Cell[]; bottom: number; left: number; right: number }[] = [];
  for (const c of sorted) {
    const t = tables.find((t) => c.top >= t.bottom - 3 && c.left < t.right + 3 && c.right > t.left - 3);
    if (t) {
      t.cells.push(c);
      t.bottom = Math.min(t.bottom, c.bottom);
      t.left = Math.min(t.left, c.left);
      t.right = Math.max(t.right, c.right);
    } else tables.push({ cells: [c], bottom: c.bottom, left: c.left, right: c.right });
  }
  return tables.map((t) => t.cells);
}

/** A cell as read: where it is across, and its text. */
interface ReadCell {
  readonly left: number;
  readonly right: number;
  /** Cut at the bottom by a page break (no rule there). */
  readonly openBottom: boolean;
  text: string;
}

/** A table row: its cells, left to right. */
interface TableRow {
  readonly cells: ReadCell[];
}

/**
 * The rows of one table; `undefined` when the table has one column (a frame around text,
 * read as body text).
 */
function tableRows(cells: readonly Cell[]): TableRow[] | undefined {
  if (cells.every((c) => Math.abs(c.left - cells[0]!.left) < 3)) return undefined;
  const tops: number[] = [];
  for (const c of [...cells].sort((a, b) => b.top - a.top)) if (!tops.some((t) => Math.abs(t - c.top) < 3)) tops.push(c.top);
  const read = (c: Cell): ReadCell => ({ left: c.left, right: c.right, openBottom: c.openBottom, text: cellText(c) });
  return tops.map((t) => ({ cells: cells.filter((c) => Math.abs(c.top - t) < 3).sort((a, b) => a.left - b.left).map(read) }));
}

const overlaps = (a: ReadCell, b: ReadCell): boolean => a.left < b.right - 3 && a.right > b.left + 3;

/**
 * True when the first row of a table that starts a page is the rest of the last row of the
 * table that ended the page before: each of its cells sits under a cell that was cut open.
 */
function continuesRow(last: TableRow, first: TableRow): boolean {
  return first.cells.every((c) => last.cells.some((d) => overlaps(c, d) && d.openBottom));
}

/** Join the rest of a row cut by a page break into its start, cell by cell (by column). */
function continueRow(last: TableRow, first: TableRow): TableRow {
  const cells = last.cells.map((c) => ({ ...c }));
  for (const c of first.cells) {
    const into = cells.find((d) => overlaps(c, d));
    if (into) into.text = joinWrapped(into.text, c.text);
    else cells.push(c);
  }
  return { cells: cells.sort((a, b) => a.left - b.left) };
}

/**
 * The lines a table is written as: cells joined by tabs, a lone cell as `名称⇥`. A cell at the
 * left whose column is empty in the row below spans that row: it names what its rows describe
 * (the 取組 beside its fields) and is written once, on its own line, as `名称⇥`.
 */
function tableLines(rows: readonly TableRow[]): string[] {
  return rows.flatMap((r, i) => {
    const head = r.cells[0]!;
    const next = rows[i + 1];
    const named = r.cells.length > 1 && next !== undefined && !next.cells.some((c) => overlaps(c, head));
    const cells = named ? r.cells.slice(1) : r.cells;
    return [...(named ? [`${head.text}\t`] : []), cells.length === 1 ? `${cells[0]!.text}\t` : cells.map((c) => c.text).join("\t")];
  });
}

const PAGE_NUMBER = /^[-‐－―—–ー\s]*(?:[0-9０-９]+(?:\s*[/／]\s*[0-9０-９]+)?|[0-9０-９]+\s*頁)[-‐－―—–ー\s]*$/u;

/** Running headers/footers and page numbers: drop them, saying which. */
function dropFurniture(lines: readonly Line[], pages: readonly PageContent[]): { kept: Line[]; dropped: string[] } {
  const band = (l: Line): boolean => {
    const h = pages[l.page]!.height;
    return l.y > h * 0.88 || l.y < h * 0.12;
  };
  const key = (l: Line): string => l.text.replace(/[0-9０-９]+/gu, "#").replace(/\s+/gu, "");
  const repeated = (l: Line): boolean =>
    lines.some((o) => o.page !== l.page && band(o) && Math.abs(o.y - l.y) < 3 && key(o) === key(l));
  const kept: Line[] = [];
  const dropped: string[] = [];
  for (const l of lines) {
    if (band(l) && (repeated(l) || PAGE_NUMBER.test(l.text))) dropped.push(`${l.page + 1}: ${l.text}`);
    else kept.push(l);
  }
  return { kept, dropped };
}

const KANJI_NUMBER = "[0-9０-９一二三四五六七八九十百千〇]+";
const STRUCTURE = new RegExp(
  [
    `^第${KANJI_NUMBER}条(?:の${KANJI_NUMBER})*[\\s\\u3000]`,
    "^[（(][^）)]{1,30}[）)]$",
    "^[0-9０-９]+[\\s\\u3000]",
    "^[（(](?:[0-9０-９]+|[一二三四五六七八九十]+|[ア-ン]|[a-zａ-ｚ]|[ivxｉｖｘ]+)[）)]",
    "^[一二三四五六七八九十]+[\\s\\u3000]",
    "^[ア-ン][\\s\\u3000]",
    "^[①-⑳]",
    `^別表(?:第${KANJI_NUMBER})?(?:[（(〔\\s\\u3000]|$)`,
    "^附[\\s\\u3000]*則(?:[\\s\\u3000（(]|$)",
    "^(?:[IVXⅠ-Ⅻ]+|[ＩＶＸ]+)[\\s\\u3000]",
    "^[甲乙丙丁][\\s\\u3000]",
    "^#",
    "^- ",
    "^この(?:連携)?協[約定](?:書)?の(?:締結|変更|廃止)を証するため",
  ].join("|"),
  "u",
);

/** Lines, tables and page breaks into the lines of the text import. */
function paragraphs(blocks: readonly (Line | TableBlock)[], body: readonly Line[]): string[] {
  const size = median(body.map((l) => l.size)) || 10;
  const left = median(body.map((l) => l.x0).sort((a, b) => a - b).slice(0, Math.max(1, Math.ceil(body.length / 10))));
  const right = Math.max(...body.map((l) => l.x1));
  const pitches: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const a = body[i - 1]!;
    const b = body[i]!;
    if (a.page === b.page && a.y - b.y > 0 && a.y - b.y < 2.5 * size) pitches.push(a.y - b.y);
  }
  const pitch = median(pitches) || size * 1.5;
  const full = (l: Line): boolean => l.x1 >= right - 2 * size && l.x1 - l.x0 >= 0.6 * (right - left);

  const out: string[] = [];
  let open: { text: string; firstX: number; contX?: number; last: Line } | undefined;
  const close = (): void => {
    if (open) out.push(open.text);
    open = undefined;
  };
  for (const b of blocks) {
    if (!("text" in b)) {
      close();
      out.push(...tableLines(b.rows));
      continue;
    }
    if (open) {
      const prev = open.last;
      const gapBreak = prev.page === b.page && prev.y - b.y > pitch * 1.5;
      const tol = size / 2;
      const indentOk =
        b.x0 <= left + 3 * size &&
        (open.contX !== undefined
          ? Math.abs(b.x0 - open.contX) < tol
          : Math.abs(b.x0 - open.firstX) >= tol || Math.abs(open.firstX - left) < tol);
      if (full(prev) && !gapBreak && !STRUCTURE.test(b.text) && indentOk) {
        open = { text: joinWrapped(open.text, b.text), firstX: open.firstX, contX: open.contX ?? b.x0, last: b };
        continue;
      }
      close();
    }
    open = { text: b.text, firstX: b.x0, last: b };
  }
  close();
  return out;
}

/**
 * Lay out the pages' text as the lines of the plain-text import.
 *
 * @example
 * const laid = layoutPages(pages, { producer: "Skia/PDF m120" });
 * laid.lines; // ["連携中枢都市圏形成に係る連携協約書", "平成28年10月11日", …, "取組内容\t圏域全体として…"]
 */
export function layoutPages(pages: readonly PageContent[], options: { readonly producer?: string } = {}): Laid {
  const skia = /skia/iu.test(options.producer ?? "");
  const glyphs = new Map<string, number>();
  const columned: number[] = [];
  const bodyLines: Line[] = [];
  const tables: TableBlock[] = [];
  pages.forEach((page, p) => {
    const runs = page.runs.map((r) => ({ ...r, text: readBackGlyphs(r.text, skia, glyphs) }));
    const { cells, free } = findCells({ ...page, runs });
    const loose = [...free];
    for (const t of groupTables(cells)) {
      const rows = tableRows(t);
      if (rows === undefined) loose.push(...t.flatMap((c) => c.runs));
      else {
        const top = Math.max(...t.map((c) => c.top));
        const bottom = Math.min(...t.map((c) => c.bottom));
        const openTop = t.some((c) => c.openTop && Math.abs(c.top - top) < 3);
        const openBottom = t.some((c) => c.openBottom && Math.abs(c.bottom - bottom) < 3);
        tables.push({ page: p, y: top, rows, openTop, openBottom });
      }
    }
    const gaps: number[] = [];
    for (const runsOfLine of groupLines(loose)) {
      const sorted = [...runsOfLine].sort((a, b) => a.x - b.x);
      const text = lineText(sorted);
      if (text === "") continue;
      for (let i = 1; i < sorted.length; i++) {
        const end = sorted[i - 1]!.x + sorted[i - 1]!.width;
        if (sorted[i]!.x - end > 4 * sorted[i]!.size) gaps.push((end + sorted[i]!.x) / 2);
      }
      bodyLines.push({ page: p, y: Math.max(...sorted.map((r) => r.y)), x0: sorted[0]!.x, x1: Math.max(...sorted.map((r) => r.x + r.width)), size: median(sorted.map((r) => r.size)), text });
    }
    if (gaps.some((g) => gaps.filter((h) => Math.abs(h - g) < 20).length >= 3)) columned.push(p + 1);
  });
  const { kept, dropped } = dropFurniture(bodyLines, pages);
  const sorted: (Line | TableBlock)[] = [...kept, ...tables].sort((a, b) => a.page - b.page || b.y - a.y);
  // a table that starts a page right after one that ended the page before is the same table;
  // a row cut by the page break is joined back together
  const blocks: (Line | TableBlock)[] = [];
  for (const b of sorted) {
    const before = blocks[blocks.length - 1];
    if (!("text" in b) && before && !("text" in before) && before.page === b.page - 1) {
      const last = before.rows[before.rows.length - 1]!;
      const cut = b.openTop && before.openBottom && continuesRow(last, b.rows[0]!);
      const rows = cut ? [...before.rows.slice(0, -1), continueRow(last, b.rows[0]!), ...b.rows.slice(1)] : [...before.rows, ...b.rows];
      blocks[blocks.length - 1] = { ...b, rows };
    } else blocks.push(b);
  }
  const tableRowCount = blocks.reduce((n, b) => n + ("text" in b ? 0 : b.rows.length), 0);
  return { lines: paragraphs(blocks, kept), dropped, glyphs, columned, tableRows: tableRowCount };
}
