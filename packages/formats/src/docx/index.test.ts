import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readDocx } from "./index.js";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (inner: string, pPr = ""): string => `<w:p>${pPr !== "" ? `<w:pPr>${pPr}</w:pPr>` : ""}${inner}</w:p>`;
const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;

/** A .docx made of the given parts (document.xml's body, and other parts by path). */
async function docx(body: string, parts: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`);
  for (const [path, xml] of Object.entries(parts)) zip.file(path, xml);
  return zip.generateAsync({ type: "uint8array" });
}

const text = async (bytes: Uint8Array): Promise<string> => {
  const read = await readDocx(bytes, "a.docx");
  if (!read.ok) throw new Error(read.issues.map((i) => i.message).join("\n"));
  return read.text;
};
const refusal = async (bytes: Uint8Array): Promise<string> => {
  const read = await readDocx(bytes, "a.docx");
  return read.ok ? "read" : `${read.issues[0]!.code} ${read.issues[0]!.message}`;
};

describe("readDocx", () => {
  it("reads tracked changes as accepted and drops field codes, keeping their results", async () => {
    const body = p(`${r("第1条 甲及び乙は、")}<w:ins w:id="1">${r("連携して")}</w:ins><w:del w:id="2"><w:r><w:delText>協力して</w:delText></w:r></w:del>${r("取り組む。")}`) +
      p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r("別表")}<w:r><w:fldChar w:fldCharType="end"/></w:r>`);
    expect(await text(await docx(body))).toBe("第1条 甲及び乙は、連携して取り組む。\n別表\n");
  });

  it("reads a table row by row: a gridSpan cell is followed by empty cells, a vertically merged continuation is empty", async () => {
    const tc = (t: string, pr = ""): string => `<w:tc>${pr !== "" ? `<w:tcPr>${pr}</w:tcPr>` : ""}${p(r(t))}</w:tc>`;
    const body = `<w:tbl><w:tr>${tc("子育て支援の充実", '<w:gridSpan w:val="2"/>')}</w:tr><w:tr>${tc("取組内容", '<w:vMerge w:val="restart"/>')}${tc("支援に取り組む。")}</w:tr><w:tr>${tc("", "<w:vMerge/>")}${tc("続き")}</w:tr></w:tbl>`;
    expect(await text(await docx(body))).toBe("子育て支援の充実\t\n取組内容\t支援に取り組む。\n\t続き\n");
  });

  it("numbers paragraphs from their style, as Word shows them", async () => {
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="japaneseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>`;
    const styles = `<w:styles ${W}><w:style w:styleId="Jo"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style><w:style w:styleId="Jo2"><w:basedOn w:val="Jo"/></w:style></w:styles>`;
    const body = p(r("この協約は、"), '<w:pStyle w:val="Jo"/>') + p(r("甲及び乙は、"), '<w:pStyle w:val="Jo2"/>');
    expect(await text(await docx(body, { "word/numbering.xml": numbering, "word/styles.xml": styles }))).toBe("第一条 この協約は、\n第二条 甲及び乙は、\n");
  });

  it("refuses what it cannot place or render, naming the paragraph", async () => {
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="hebrew1"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    expect(await refusal(await docx(p(r("x")) + p(r("y"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'), { "word/numbering.xml": numbering })))
      .toBe("format.docx-unreadable Word（.docx）: 2番目の段落の自動番号の形式「hebrew1」は読めません。番号を文字で書いてください");
    expect(await refusal(await docx(p('<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>')))).toMatch(/^format\.docx-unreadable .*1番目の段落に記号フォントの文字（Wingdings F0FC）/u);
    const box = '<w:r><w:drawing><wp:anchor xmlns:wp="x"><w:txbxContent><w:p><w:r><w:t>第2条 甲は、</w:t></w:r></w:p></w:txbxContent></wp:anchor></w:drawing></w:r>';
    expect(await refusal(await docx(p(r("前文") + box)))).toMatch(/^format\.docx-unreadable .*テキストボックスの文字（「第2条 甲は、」）/u);
    expect(await refusal(await docx(p("")))).toBe("format.docx-empty Word（.docx）ファイルに本文の文字がありません");
  });

  it("says that headers and footers are not read", async () => {
    const read = await readDocx(await docx(p(r("連携協約書")), { "word/header1.xml": `<w:hdr ${W}>${p(r("案"))}</w:hdr>` }), "a.docx");
    expect(read.ok && read.notes.map((n) => [n.severity, n.code])).toEqual([["info", "format.docx-header-footer"]]);
  });
});
