/**
 * The Word (.docx) reader: the body of `word/document.xml`, in order, into the text lines the
 * plain-text import reads — a paragraph a line (with its automatic number as Word shows it,
 * see {@link Numbering}), a table row as tab-separated cells (a 別表 written as a Word table).
 * Tracked changes are read as accepted (insertions kept, deletions dropped); field codes are
 * dropped and their results kept. Headers, footers, footnotes and comments are not read. Text
 * in a text box or a symbol-font character cannot be placed in the lines, so the file is
 * refused, naming the paragraph. The zip is opened by JSZip and the XML parsed by htmlparser2.
 *
 * @module
 */
import { issue, type Issue } from "@kyoyaku/core";
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import JSZip from "jszip";
import { MAX_DEPTH, nestsDeeperThan } from "../depth.js";
import { type GridCell, isComparisonHeader, LineWriter, tableRows, TableUnreadable, writeComparison } from "../lines.js";
import type { FormatRead } from "../types.js";
import { child, children, Numbering, val } from "./numbering.js";

/** Parse one XML part of the package, or `undefined` when it is absent. */
async function part(zip: JSZip, path: string): Promise<Element | undefined> {
  const file = zip.file(path);
  if (file === null) return undefined;
  const doc = parseDocument(await file.async("string"), { xmlMode: true });
  return doc.children.find((c): c is Element => c.type === "tag");
}

/** A paragraph style's numbering (`w:numPr`), following `w:basedOn`. */
function styleNumbering(styles: Element | undefined): (styleId: string) => Element | undefined {
  const byId = new Map<string, Element>();
  for (const s of children(styles, "w:style")) byId.set(s.attribs["w:styleId"] ?? "", s);
  return (styleId) => {
    const seen = new Set<string>();
    for (let id: string | undefined = styleId; id !== undefined && !seen.has(id); id = val(byId.get(id), "w:basedOn")) {
      seen.add(id);
      const numPr = child(child(byId.get(id), "w:pPr"), "w:numPr");
      if (numPr !== undefined) return numPr;
    }
    return undefined;
  };
}

/** Why a paragraph cannot be read, thrown inside the walk and turned into an issue. */
class Unreadable extends Error {}

/** Reads the body in order. */
class Body {
  readonly w = new LineWriter();
  #paragraph = 0;

  constructor(
    private readonly numbering: Numbering,
    private readonly styleNumPr: (styleId: string) => Element | undefined,
  ) {}

  /** The body's (or a cell's, or a content control's) block children. */
  blocks(nodes: readonly ChildNode[], w: LineWriter): void {
    for (const n of nodes) {
      if (n.type !== "tag") continue;
      const e = n as Element;
      if (e.name === "w:p") this.paragraph(e, w);
      else if (e.name === "w:tbl") this.table(e, w);
      else if (e.name === "w:sdt") this.blocks(child(e, "w:sdtContent")?.children ?? [], w);
      else if (e.name === "w:customXml" || e.name === "w:ins" || e.name === "w:moveTo") this.blocks(e.children, w);
    }
  }

  paragraph(p: Element, w: LineWriter): void {
    this.#paragraph++;
    const pPr = child(p, "w:pPr");
    const numPr = child(pPr, "w:numPr") ?? this.styleNumPr(val(pPr, "w:pStyle") ?? "");
    const numId = val(numPr, "w:numId");
    if (numId !== undefined) {
      const ilvl = val(numPr, "w:ilvl") ?? "0";
      const label = this.numbering.next(numId, Number(ilvl));
      if (label !== undefined && "badLevel" in label) throw new Unreadable(`${this.#paragraph}番目の段落の自動番号のレベル（w:ilvl「${ilvl}」）は0から8のどれでもなく、読めません`);
      if (label !== undefined && "unknown" in label) throw new Unreadable(`${this.#paragraph}番目の段落の自動番号の形式「${label.unknown}」は読めません。番号を文字で書いてください`);
      if (label !== undefined) w.text(label.label);
    }
    this.runs(p.children, w);
    w.break();
  }

  /** The text of runs, hyperlinks, insertions, fields and content controls inside a paragraph. */
  runs(nodes: readonly ChildNode[], w: LineWriter): void {
    for (const n of nodes) {
      if (n.type !== "tag") continue;
      const e = n as Element;
      switch (e.name) {
        case "w:t":
          w.text(e.children.map((c) => (c.type === "text" ? (c as unknown as { data: string }).data : "")).join(""));
          break;
        case "w:tab": case "w:ptab":
          w.text("\t");
          break;
        case "w:br": case "w:cr":
          w.break();
          break;
        case "w:noBreakHyphen":
          w.text("-");
          break;
        case "w:sym":
          throw new Unreadable(`${this.#paragraph}番目の段落に記号フォントの文字（${e.attribs["w:font"] ?? ""} ${e.attribs["w:char"] ?? ""}）があり、文字として読めません。通常の文字に置き換えてください`);
        case "w:txbxContent":
          if (textOf(e) !== "") throw new Unreadable(`${this.#paragraph}番目の段落にテキストボックスの文字（「${textOf(e).slice(0, 20)}」）があり、本文のどこに入るか決まりません。本文の段落に移してください`);
          break;
        // Deleted text (tracked changes), field codes and the parts of a drawing are not shown text.
        case "w:del": case "w:moveFrom": case "w:delText": case "w:instrText": case "w:rPr": case "w:pPr":
          break;
        case "mc:AlternateContent":
          // Read the fallback only when the choice holds no text box: both hold the same drawing.
          this.runs(child(e, "mc:Choice")?.children ?? [], w);
          break;
        default:
          this.runs(e.children, w);
      }
    }
  }

  table(tbl: Element, w: LineWriter): void {
    w.blank();
    const cellLines = (tc: Element): string[] => { const cw = new LineWriter(); this.blocks(tc.children, cw); return cw.done().split("\n").filter((l) => l !== ""); };
    const trs = children(tbl, "w:tr");
    // A 新旧対照表: its cells are provisions, paragraph by paragraph, side by side.
    if (trs[0] && isComparisonHeader(children(trs[0], "w:tc").map(cellLines))) {
      writeComparison(w, trs.map((tr) => children(tr, "w:tc").map(cellLines)));
      w.blank();
      return;
    }
    const grid = children(tbl, "w:tr").map((tr) =>
      children(tr, "w:tc").map((tc): GridCell => {
        const merged = val(child(tc, "w:tcPr"), "w:vMerge");
        // A vertically merged cell's continuation shows nothing: its text is in the first cell.
        if (child(child(tc, "w:tcPr"), "w:vMerge") !== undefined && merged !== "restart") return { text: "", span: span(tc), continued: true };
        const cw = new LineWriter();
        this.blocks(tc.children, cw);
        return { text: cw.done().split("\n").filter((l) => l !== "").join(""), span: span(tc) };
      }),
    );
    for (const cells of tableRows(grid)) w.row(cells);
    w.blank();
  }
}

function span(tc: Element): number {
  return Math.max(1, Number(val(child(tc, "w:tcPr"), "w:gridSpan") ?? 1) || 1);
}

/** All the `w:t` text under an element. */
function textOf(e: Element): string {
  return children(e, "w:t").map((t) => t.children.map((c) => (c.type === "text" ? (c as unknown as { data: string }).data : "")).join("")).join("") +
    e.children.filter((c): c is Element => c.type === "tag" && (c as Element).name !== "w:t").map(textOf).join("");
}

/**
 * Read a Word (.docx) file into text lines.
 *
 * @example
 * const r = await readDocx(bytes, "協約書.docx");
 * if (r.ok) r.text; // "連携協約書\n…\n第1条 この連携協約は、…\n"
 */
export async function readDocx(bytes: Uint8Array, name: string): Promise<FormatRead> {
  const refuse = (code: string, message: string): FormatRead => ({ ok: false, issues: [issue("error", code, message, { file: name })] });
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return refuse("format.zip-corrupt", "Word（.docx）ファイルが壊れていて開けません");
  }
  let document: Element | undefined;
  let numbering: Element | undefined;
  let styles: Element | undefined;
  try {
    [document, numbering, styles] = await Promise.all([part(zip, "word/document.xml"), part(zip, "word/numbering.xml"), part(zip, "word/styles.xml")]);
  } catch {
    return refuse("format.zip-corrupt", "Word（.docx）ファイルの中身が壊れていて読めません");
  }
  const body = child(document, "w:body");
  if (body === undefined) return refuse("format.docx-no-body", "Word（.docx）ファイルに本文（w:body）がありません");
  if (nestsDeeperThan(body.children)) return refuse("format.too-deep", `Word（.docx）ファイルの本文の要素の入れ子が${MAX_DEPTH}段を超えています。Wordが書いた文書ではありません`);
  const reader = new Body(new Numbering(numbering), styleNumbering(styles));
  try {
    reader.blocks(body.children, reader.w);
  } catch (e) {
    if (e instanceof Unreadable || e instanceof TableUnreadable) return refuse("format.docx-unreadable", `Word（.docx）: ${e.message}`);
    throw e;
  }
  const text = reader.w.done();
  if (text.trim() === "") return refuse("format.docx-empty", "Word（.docx）ファイルに本文の文字がありません");
  const notes: Issue[] = [];
  if (zip.file(/^word\/(?:header|footer)\d*\.xml$/u).length > 0) notes.push(issue("info", "format.docx-header-footer", "ヘッダーとフッターは読みません（本文だけを読みます）", { file: name }));
  return { ok: true, text, notes };
}
