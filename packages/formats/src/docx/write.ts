/**
 * The Word (.docx) writer, for drafts (案) a 法規担当 opens and edits in Word: titles,
 * headings, paragraphs with a 字下げ, and ruled tables (a 別表), on A4 in a Japanese Mincho
 * font. The package is written part by part with JSZip (already the reader's zip library)
 * and the XML by the exports' own writer, so every text is escaped in one place; `docx` (the
 * library) is not used because it cannot name a fallback for a font it does not embed.
 *
 * What is written reads back by {@link readDocx} to the same lines: a block a line, a table
 * row as its cells joined by tabs (a row shorter than the table ends in a cell spanning the
 * rest, read back as empty cells after it).
 *
 * @module
 */
import { KyoyakuError } from "@kyoyaku/core";
import JSZip from "jszip";
import { el, xmlDocument, type XmlElement } from "../xml/write.js";

/** One block of a Word document: a line of text (with its 字下げ in characters), or a table. */
export type DocxBlock =
  | { readonly kind: "title" | "heading" | "paragraph"; readonly text: string; readonly indent?: number }
  | { readonly kind: "table"; readonly rows: readonly (readonly string[])[]; readonly header?: boolean };

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The body font: ＭＳ 明朝 (Word's own name for it), Yu Mincho where it is missing (macOS, newer Windows without the legacy fonts). */
const FONT = "ＭＳ 明朝";
const FALLBACK_FONT = "Yu Mincho";
/** 10.5 pt, Word's Japanese default, in half-points; one character of 字下げ in twips. */
const SIZE = 21;
const CHAR = SIZE * 10;
/** A4 in twips, with the margins of Word's Japanese template (35 mm top, 30 mm bottom and sides). */
const PAGE = { w: 11906, h: 16838, top: 1985, bottom: 1701, side: 1701 };
const TEXT_WIDTH = PAGE.w - 2 * PAGE.side;

/** XML 1.0 refuses C0 control characters other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- finding these characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

function checked(text: string, where: string): string {
  const bad = CONTROL.exec(text);
  if (bad !== null) {
    throw new KyoyakuError("input.invalid", `Word（.docx）に書けない制御文字（U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}）が${where}にあります`);
  }
  return text;
}

/** A run of text: tabs as `w:tab`, line breaks as `w:br` (both read back as such). */
function runs(text: string, bold = false): XmlElement[] {
  const kids: XmlElement[] = [];
  text.split("\n").forEach((line, i) => {
    if (i > 0) kids.push(el("w:br"));
    line.split("\t").forEach((piece, j) => {
      if (j > 0) kids.push(el("w:tab"));
      if (piece !== "") kids.push(el("w:t", { "xml:space": "preserve" }, piece));
    });
  });
  return kids.length === 0 ? [] : [el("w:r", {}, [bold ? el("w:rPr", {}, [el("w:b")]) : undefined, ...kids])];
}

function paragraph(text: string, style: string | undefined, indent: number, bold = false): XmlElement {
  const props = [
    style !== undefined ? el("w:pStyle", { "w:val": style }) : undefined,
    indent > 0 ? el("w:ind", { "w:leftChars": indent * 100, "w:left": indent * CHAR }) : undefined,
  ];
  return el("w:p", {}, [props.some((p) => p !== undefined) ? el("w:pPr", {}, props) : undefined, ...runs(text, bold)]);
}

function table(rows: readonly (readonly string[])[], header: boolean, at: number): XmlElement {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const width = Math.floor(TEXT_WIDTH / columns);
  const border = (side: string): XmlElement => el(`w:${side}`, { "w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "auto" });
  return el("w:tbl", {}, [
    el("w:tblPr", {}, [
      el("w:tblW", { "w:w": TEXT_WIDTH, "w:type": "dxa" }),
      el("w:tblBorders", {}, ["top", "left", "bottom", "right", "insideH", "insideV"].map(border)),
      el("w:tblLayout", { "w:type": "fixed" }),
      el("w:tblLook", { "w:val": "04A0", "w:firstRow": header ? 1 : 0, "w:lastRow": 0, "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1 }),
    ]),
    el("w:tblGrid", {}, Array.from({ length: columns }, () => el("w:gridCol", { "w:w": width }))),
    ...rows.map((row, r) => {
      const bold = header && r === 0;
      // A short row's last cell spans the rest (a 取組名 over the table), so no cell is missing.
      const cells = row.length === 0 ? [""] : row;
      return el("w:tr", {}, [
        bold ? el("w:trPr", {}, [el("w:tblHeader")]) : undefined,
        ...cells.map((cell, c) => {
          const span = c === cells.length - 1 ? columns - c : 1;
          return el("w:tc", {}, [
            el("w:tcPr", {}, [el("w:tcW", { "w:w": width * span, "w:type": "dxa" }), span > 1 ? el("w:gridSpan", { "w:val": span }) : undefined]),
            paragraph(checked(cell, `${at}番目の表の${r + 1}行${c + 1}列目`), undefined, 0, bold),
          ]);
        }),
      ]);
    }),
  ]);
}

const STYLE: Record<"title" | "heading" | "paragraph", string | undefined> = { title: "Title", heading: "Heading1", paragraph: undefined };

function document(blocks: readonly DocxBlock[]): XmlElement {
  const body = blocks.map((b, i) => {
    if (b.kind === "table") return table(b.rows, b.header === true, i + 1);
    const indent = b.indent ?? 0;
    if (!Number.isInteger(indent) || indent < 0) throw new KyoyakuError("input.invalid", `${i + 1}番目の段落の字下げ（${indent}）は0以上の整数で指定してください`);
    return paragraph(checked(b.text, `${i + 1}番目の段落`), STYLE[b.kind], indent);
  });
  // Word needs a paragraph after a table that ends the body.
  const last = blocks.at(-1);
  const tail = last === undefined || last.kind === "table" ? [el("w:p")] : [];
  return el("w:document", { "xmlns:w": W_NS, "xmlns:r": OFFICE_REL }, [
    el("w:body", {}, [
      ...body,
      ...tail,
      el("w:sectPr", {}, [
        el("w:pgSz", { "w:w": PAGE.w, "w:h": PAGE.h }),
        el("w:pgMar", { "w:top": PAGE.top, "w:right": PAGE.side, "w:bottom": PAGE.bottom, "w:left": PAGE.side, "w:header": 851, "w:footer": 992, "w:gutter": 0 }),
        el("w:cols", { "w:space": 425 }),
        el("w:docGrid", { "w:type": "lines", "w:linePitch": 360 }),
      ]),
    ]),
  ]);
}

const FONTS = el("w:rFonts", { "w:ascii": FONT, "w:eastAsia": FONT, "w:hAnsi": FONT, "w:cs": FONT });

function styles(): XmlElement {
  const style = (id: string, name: string, pPr: XmlElement[], rPr: XmlElement[], extra: XmlElement[] = []): XmlElement =>
    el("w:style", { "w:type": "paragraph", "w:styleId": id, ...(id === "Normal" && { "w:default": 1 }) }, [
      el("w:name", { "w:val": name }),
      id !== "Normal" ? el("w:basedOn", { "w:val": "Normal" }) : undefined,
      id !== "Normal" ? el("w:next", { "w:val": "Normal" }) : undefined,
      ...extra,
      el("w:qFormat"),
      pPr.length > 0 ? el("w:pPr", {}, pPr) : undefined,
      rPr.length > 0 ? el("w:rPr", {}, rPr) : undefined,
    ]);
  return el("w:styles", { "xmlns:w": W_NS }, [
    el("w:docDefaults", {}, [
      el("w:rPrDefault", {}, [el("w:rPr", {}, [FONTS, el("w:kern", { "w:val": 2 }), el("w:sz", { "w:val": SIZE }), el("w:szCs", { "w:val": SIZE }), el("w:lang", { "w:val": "en-US", "w:eastAsia": "ja-JP", "w:bidi": "ar-SA" })])]),
      el("w:pPrDefault", {}, [el("w:pPr", {}, [el("w:widowControl", { "w:val": 0 }), el("w:jc", { "w:val": "both" })])]),
    ]),
    style("Normal", "Normal", [], []),
    style("Title", "Title", [el("w:spacing", { "w:after": 240 }), el("w:jc", { "w:val": "center" }), el("w:outlineLvl", { "w:val": 0 })], [el("w:sz", { "w:val": 28 }), el("w:szCs", { "w:val": 28 })]),
    style("Heading1", "heading 1", [el("w:keepNext"), el("w:outlineLvl", { "w:val": 0 })], [], [el("w:uiPriority", { "w:val": 9 })]),
  ]);
}

/** The font table names the fallback (`altName`) with the font's class, so Word substitutes a Mincho, not a Gothic. */
function fontTable(): XmlElement {
  return el("w:fonts", { "xmlns:w": W_NS }, [
    el("w:font", { "w:name": FONT }, [
      el("w:altName", { "w:val": FALLBACK_FONT }),
      el("w:panose1", { "w:val": "02020609040205080304" }),
      el("w:charset", { "w:val": "80" }),
      el("w:family", { "w:val": "roman" }),
      el("w:pitch", { "w:val": "fixed" }),
    ]),
    el("w:font", { "w:name": FALLBACK_FONT }, [el("w:panose1", { "w:val": "02020400000000000000" }), el("w:charset", { "w:val": "80" }), el("w:family", { "w:val": "roman" }), el("w:pitch", { "w:val": "variable" })]),
  ]);
}

function relationships(rels: readonly (readonly [type: string, target: string])[]): XmlElement {
  return el("Relationships", { xmlns: REL_NS }, rels.map(([type, target], i) => el("Relationship", { Id: `rId${i + 1}`, Type: type, Target: target })));
}

const PART = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/**
 * Write blocks as a Word (.docx) file: A4, ＭＳ 明朝 (Yu Mincho where it is missing) 10.5 pt,
 * a title centred, headings kept with the next line, 字下げ in characters, ruled tables (a
 * header row repeats on each page). Throws `KyoyakuError` (`input.invalid`) for a text that
 * XML cannot hold (a control character) or a negative or fractional 字下げ, naming the block.
 *
 * @example
 * const bytes = await writeDocx([
 *   { kind: "title", text: "連携協約書（案）" },
 *   { kind: "heading", text: "（目的）", indent: 1 },
 *   { kind: "paragraph", text: "第1条 この連携協約は、…" },
 *   { kind: "table", rows: [["取組名", "内容"], ["子育て支援", "共同で実施する。"]], header: true },
 * ], { title: "連携協約書（案）" });
 * (await readDocx(bytes, "案.docx")).ok; // true
 */
export async function writeDocx(blocks: readonly DocxBlock[], options: { readonly title?: string } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  // A fixed time in every entry: the same blocks give the same bytes (and the same SHA-256).
  const date = new Date(Date.UTC(1980, 0, 1));
  const add = (path: string, root: XmlElement): void => void zip.file(path, xmlDocument(root), { date, createFolders: false });
  add("[Content_Types].xml", el("Types", { xmlns: "http://schemas.openxmlformats.org/package/2006/content-types" }, [
    el("Default", { Extension: "rels", ContentType: "application/vnd.openxmlformats-package.relationships+xml" }),
    el("Default", { Extension: "xml", ContentType: "application/xml" }),
    el("Override", { PartName: "/word/document.xml", ContentType: `${PART}.document.main+xml` }),
    el("Override", { PartName: "/word/styles.xml", ContentType: `${PART}.styles+xml` }),
    el("Override", { PartName: "/word/settings.xml", ContentType: `${PART}.settings+xml` }),
    el("Override", { PartName: "/word/fontTable.xml", ContentType: `${PART}.fontTable+xml` }),
    el("Override", { PartName: "/docProps/core.xml", ContentType: "application/vnd.openxmlformats-package.core-properties+xml" }),
  ]));
  add("_rels/.rels", relationships([
    [`${OFFICE_REL}/officeDocument`, "word/document.xml"],
    ["http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"],
  ]));
  add("word/_rels/document.xml.rels", relationships([[`${OFFICE_REL}/styles`, "styles.xml"], [`${OFFICE_REL}/settings`, "settings.xml"], [`${OFFICE_REL}/fontTable`, "fontTable.xml"]]));
  add("word/document.xml", document(blocks));
  add("word/styles.xml", styles());
  add("word/settings.xml", el("w:settings", { "xmlns:w": W_NS }, [
    el("w:zoom", { "w:percent": 100 }),
    el("w:defaultTabStop", { "w:val": CHAR * 4 }),
    el("w:characterSpacingControl", { "w:val": "compressPunctuation" }),
    el("w:compat", {}, [el("w:compatSetting", { "w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word", "w:val": 15 })]),
  ]));
  add("word/fontTable.xml", fontTable());
  add("docProps/core.xml", el("cp:coreProperties", {
    "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
  }, [options.title !== undefined ? el("dc:title", {}, checked(options.title, "表題（title）")) : undefined, el("dc:language", {}, "ja-JP")]));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
