import { isKyoyakuError } from "@kyoyaku/core";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readDocx } from "./index.js";
import { type DocxBlock, writeDocx } from "./write.js";

/** A draft as a 法規担当 circulates it: title, date line, 前文, 条 with 見出し and 項, 別表 as a table, 附則. */
const draft: readonly DocxBlock[] = [
  { kind: "title", text: "真庭市と新庄村との連携協約の一部を変更する協約（案）" },
  { kind: "paragraph", text: "令和8年　月　日", indent: 20 },
  { kind: "paragraph", text: "真庭市（以下「甲」という。）と新庄村（以下「乙」という。）とは、地方自治法第252条の2第1項の規定に基づき、次のとおり協約を変更する。", indent: 1 },
  { kind: "heading", text: "（目的）", indent: 1 },
  { kind: "paragraph", text: "第1条 この連携協約は、甲及び乙が連携して、圏域全体の活性化を図ることを目的とする。" },
  { kind: "paragraph", text: "2 甲及び乙は、\t別表に掲げる取組を推進する。" },
  { kind: "heading", text: "別表（第2条関係）" },
  {
    kind: "table",
    header: true,
    rows: [
      ["取組", "取組内容", "甲の役割"],
      ["1 生活機能の強化に係る政策分野"],
      ["地域医療", "休日夜間の救急医療体制を確保する。", "救急医療体制の確保に努める。"],
      ["", "", ""],
    ],
  },
  { kind: "heading", text: "附 則", indent: 3 },
  { kind: "paragraph", text: "この協約は、令和8年4月1日から施行する。", indent: 1 },
];

async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) out[name] = await zip.file(name)!.async("string");
  return out;
}

describe("writeDocx", () => {
  it("writes a Word file that formats' own reader reads back to the same lines and table rows", async () => {
    const read = await readDocx(await writeDocx(draft, { title: "協約（案）" }), "案.docx");
    expect(read.ok).toBe(true);
    const lines = read.ok ? read.text.split("\n").filter((l) => l !== "") : [];
    // A table row reads as its cells joined by tabs; the short row's last cell spans the rest (empty cells after it); an empty row is no line.
    const expected = draft.flatMap((b) =>
      b.kind === "table" ? b.rows.filter((r) => r.some((c) => c !== "")).map((r) => [...r, ...Array<string>(3 - r.length).fill("")].join("\t")) : [b.text],
    );
    expect(lines).toEqual(expected);
  });

  it("keeps line breaks and tabs inside a paragraph, and writes an empty document as one empty paragraph", async () => {
    const read = await readDocx(await writeDocx([{ kind: "paragraph", text: "甲\t乙\n丙" }]), "a.docx");
    expect(read.ok && read.text).toBe("甲\t乙\n丙\n");
    const empty = await parts(await writeDocx([]));
    expect(empty["word/document.xml"]).toContain("<w:p/>");
  });

  it("is a well-formed OOXML package: A4, ＭＳ 明朝 with Yu Mincho as its fallback, styles, the title in the core properties", async () => {
    const files = await parts(await writeDocx(draft, { title: "協約（案）" }));
    expect(Object.keys(files).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels", "word/document.xml", "word/fontTable.xml", "word/settings.xml", "word/styles.xml"]);
    for (const [name, xml] of Object.entries(files)) expect([name, XMLValidator.validate(xml)]).toEqual([name, true]);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
    const doc = xml.parse(files["word/document.xml"]!) as { "w:document": { "w:body": { "w:sectPr": { "w:pgSz": Record<string, string> } } } };
    expect(doc["w:document"]["w:body"]["w:sectPr"]["w:pgSz"]).toEqual({ "w:w": "11906", "w:h": "16838" });
    const fonts = xml.parse(files["word/fontTable.xml"]!) as { "w:fonts": { "w:font": { name?: string; "w:name": string; "w:altName"?: { "w:val": string } }[] } };
    expect(fonts["w:fonts"]["w:font"][0]).toMatchObject({ "w:name": "ＭＳ 明朝", "w:altName": { "w:val": "Yu Mincho" } });
    expect(files["word/styles.xml"]).toContain('<w:rFonts w:ascii="ＭＳ 明朝" w:eastAsia="ＭＳ 明朝" w:hAnsi="ＭＳ 明朝" w:cs="ＭＳ 明朝"/>');
    expect(files["word/document.xml"]).toContain('<w:pStyle w:val="Title"/>');
    expect(files["word/document.xml"]).toContain('<w:ind w:leftChars="100" w:left="210"/>');
    expect(files["word/document.xml"]).toContain('<w:gridSpan w:val="3"/>');
    expect(files["docProps/core.xml"]).toContain("<dc:title>協約（案）</dc:title>");
  });

  it("writes the same bytes for the same blocks (a draft's SHA-256 is stable)", async () => {
    expect(Buffer.from(await writeDocx(draft)).equals(Buffer.from(await writeDocx(draft)))).toBe(true);
  });

  it("refuses a text XML cannot hold and a 字下げ that is not a whole number of characters, naming the block", async () => {
    const refusal = async (blocks: DocxBlock[]): Promise<string> => {
      try {
        await writeDocx(blocks);
        return "written";
      } catch (e) {
        return isKyoyakuError(e) ? `${e.code} ${e.message}` : String(e);
      }
    };
    expect(await refusal([{ kind: "paragraph", text: "第1条" }, { kind: "paragraph", text: "甲\u0007乙" }])).toBe("input.invalid Word（.docx）に書けない制御文字（U+0007）が2番目の段落にあります");
    expect(await refusal([{ kind: "table", rows: [["a", "b\u0001"]] }])).toBe("input.invalid Word（.docx）に書けない制御文字（U+0001）が1番目の表の1行2列目にあります");
    expect(await refusal([{ kind: "paragraph", text: "x", indent: 1.5 }])).toBe("input.invalid 1番目の段落の字下げ（1.5）は0以上の整数で指定してください");
  });
});
