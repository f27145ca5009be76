// 法令標準XML (e-Gov schema v3 element names): export → import gives the same document, on the
// seeds and fixtures; the XML is well-formed by a parser that is not the one the reader uses
// (fast-xml-parser), and has the e-Gov structure the schema documents.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openKyoyaku, type AgreementDocument } from "@kyoyaku/core";
import { detectFormat, exportEgovXml, readDocument, readEgovXml, writeEgovXml } from "@kyoyaku/formats";
import { parseAgreement, parseText } from "@kyoyaku/text";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");

function agreement(f: string): AgreementDocument {
  const r = parseAgreement(read(f));
  if (!r.ok) throw new Error(`${f} does not parse`);
  return r.value;
}

const seed1 = agreement("seeds/000_0d517b853e764d1a.txt");

/** Hand-made edge cases: 枝番号, nested items, a 取組 without fields, a 別表 heading that does not end in its relation, a draft date, unknown parts, a 附則. */
const edge: AgreementDocument = {
  ...seed1,
  date: { text: "令和○年○月 日", precision: "none" },
  articles: [
    ...seed1.articles.slice(0, 2),
    {
      number: "2の2",
      caption: "連携の<範囲>&方法",
      paragraphs: [
        { number: 1, text: "", items: [{ label: "(1)", text: "企画", items: [{ label: "ア", text: "調査", items: [{ label: "(ア)", text: "統計の\"整理\"", items: [] }] }] }, { label: "(2)", text: "実施", items: [] }] },
        { number: 2, text: "前項の取組は、甲が行う。", items: [] },
      ],
    },
    ...seed1.articles.slice(2),
  ],
  appendices: [
    {
      number: 1,
      heading: "別表第1 （第3条関係）",
      relatedTo: "第3条関係",
      sections: [
        { label: "", title: "", items: [{ name: "欄の名が空白を含む取組", fields: [{ name: "取組 内容", text: "全角　空白" }] }, { name: "一つの欄", fields: [{ name: "取組内容", text: "A\tB" }] }] },
        ...seed1.appendices[0]!.sections,
      ],
    },
    { number: 2, heading: "別表第2(第4条関係)", relatedTo: "第4条関係", sections: [] },
    { number: 3, heading: "別表第3", sections: [] },
  ],
  supplementary: { heading: "附 則", paragraphs: [{ number: 1, text: "この協約は、令和7年4月1日から適用する。", items: [] }, { number: 2, text: "経過措置", items: [] }] },
  unknown: [],
};

function documents(): [string, AgreementDocument][] {
  const out: [string, AgreementDocument][] = [
    ["seeds/000", seed1],
    ["reikishu/teijuu_page", agreement("reikishu/teijuu_page.txt")],
    ["pdf/teijuu_lines", agreement("pdf/teijuu_lines.txt")],
    ["edge cases", edge],
  ];
  for (const f of readdirSync(`${dir}bad`).filter((x) => x.endsWith(".txt"))) {
    const r = parseAgreement(read(`bad/${f}`));
    if (r.ok) out.push([`bad/${f}`, r.value]);
  }
  for (const f of ["seeds/001_6d3949d91c26715e.txt", ...readdirSync(`${dir}amendments`).filter((x) => x.endsWith(".txt")).map((x) => `amendments/${x}`)]) {
    const r = parseText(read(f));
    if (!r.ok || r.value.event.payload.kind !== "amend") continue;
    for (const o of r.value.event.payload.operations) if (o.op === "restate") out.push([`${f} (restated)`, o.document]);
  }
  return out;
}

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (_name: string, _path: unknown, _leaf: boolean, attribute: boolean) => !attribute, alwaysCreateTextNode: true, trimValues: true, parseTagValue: false });
type Node = Record<string, unknown[]> & Record<`@${string}`, string>;
const kids = (n: unknown, name: string): Node[] => ((n as Record<string, unknown[]>)[name] ?? []) as Node[];

describe("法令標準XML round trip", () => {
  const docs = documents();
  it("covers the seeds, fixtures, restated amendments and hand-made edge cases", () => {
    expect(docs.length).toBeGreaterThanOrEqual(8);
  });
  it.each(docs)("%s: export → import is the same document", async (_name, doc) => {
    const xml = writeEgovXml(doc);
    expect(XMLValidator.validate(xml)).toBe(true);
    const back = readEgovXml(xml, "a.xml");
    expect(back.ok && back.value).toStrictEqual(doc);
    // Through the import path: detected by content, read to the text the parser reads.
    const bytes = new TextEncoder().encode(xml);
    expect((await detectFormat(bytes)).detected).toBe("egov-xml");
    const r = await readDocument(bytes, "a.xml");
    expect(r.ok && r.provenance.format).toBe("egov-xml");
    const parsed = r.ok ? parseAgreement(r.text) : undefined;
    expect(parsed?.ok && parsed.value).toStrictEqual(doc);
  });
});

describe("法令標準XML structure (e-Gov schema v3)", () => {
  const law = kids(xmlParser.parse(writeEgovXml(edge)), "Law")[0]!;
  const body = kids(law, "LawBody")[0]!;
  it("has Law with LawType and Lang, then LawNum and LawBody in that order", () => {
    expect(law["@LawType"]).toBe("Misc");
    expect(law["@Lang"]).toBe("ja");
    expect(Object.keys(law).filter((k) => !k.startsWith("@"))).toEqual(["LawNum", "LawBody"]);
  });
  it("orders LawBody as the schema does: LawTitle, Preamble, MainProvision, SupplProvision, AppdxTable", () => {
    expect(Object.keys(body).filter((k) => !k.startsWith("@"))).toEqual(["LawTitle", "Preamble", "MainProvision", "SupplProvision", "AppdxTable", "ky:Agreement"]);
    expect(kids(body, "LawTitle")[0]).toEqual({ "#text": edge.title });
  });
  it("writes Article Num with 枝番号 as _ , ArticleCaption, ArticleTitle and Paragraph/ParagraphSentence/Sentence", () => {
    const arts = kids(kids(body, "MainProvision")[0], "Article");
    expect(arts.map((a) => a["@Num"])).toEqual(edge.articles.map((a) => a.number.replace("の", "_")));
    const a = arts[2]!;
    expect(kids(a, "ArticleCaption")[0]).toEqual({ "#text": "（連携の<範囲>&方法）" });
    expect(kids(a, "ArticleTitle")[0]).toEqual({ "#text": "第2条の2" });
    const [p1, p2] = kids(a, "Paragraph");
    expect(p1!["@Num"]).toBe("1");
    expect(kids(kids(p2, "ParagraphSentence")[0], "Sentence")[0]).toEqual({ "#text": "前項の取組は、甲が行う。" });
    const item = kids(p1, "Item")[0]!;
    expect(kids(item, "ItemTitle")[0]).toEqual({ "#text": "(1)" });
    // Num is required on Item and Subitem1… by the schema: the place among the siblings
    expect(kids(p1, "Item").map((i) => i["@Num"])).toEqual(edge.articles[2]!.paragraphs[0]!.items.map((_, i) => String(i + 1)));
    expect(kids(item, "Subitem1")[0]!["@Num"]).toBe("1");
    const sub2 = kids(kids(item, "Subitem1")[0], "Subitem2")[0]!;
    expect(sub2["@Num"]).toBe("1");
    expect(kids(kids(sub2, "Subitem2Sentence")[0], "Sentence")[0]).toEqual({ "#text": "統計の\"整理\"" });
  });
  it("writes each 別表 as AppdxTable / TableStruct / Table / TableRow / TableColumn", () => {
    const [t1, t2, t3] = kids(body, "AppdxTable");
    expect(t1!["@Num"]).toBe("1");
    expect(kids(t1, "AppdxTableTitle")[0]).toEqual({ "#text": "別表第1" });
    expect(kids(t1, "RelatedArticleNum")[0]).toEqual({ "#text": "（第3条関係）" });
    const rows = kids(kids(kids(t1, "TableStruct")[0], "Table")[0], "TableRow");
    expect(rows.every((r) => kids(r, "TableColumn").length >= 1)).toBe(true);
    expect(kids(rows[0], "TableColumn")[0]!["@colspan"]).toBe("3");
    // A heading that does not end in the relation as e-Gov writes it is kept whole beside it.
    expect([t2!["@ky:Heading"], kids(t2, "RelatedArticleNum")[0]]).toEqual(["別表第2(第4条関係)", { "#text": "（第4条関係）" }]);
    expect(kids(t3, "RelatedArticleNum")).toEqual([]);
  });
  it("writes the 附則 as SupplProvision with SupplProvisionLabel and numbered paragraphs", () => {
    const s = kids(body, "SupplProvision")[0]!;
    expect(kids(s, "SupplProvisionLabel")[0]).toEqual({ "#text": "附 則" });
    expect(kids(s, "Paragraph").map((p) => kids(p, "ParagraphNum")[0])).toEqual([{ "#text": "1" }, { "#text": "2" }]);
  });
  it("writes Era/Year/PromulgateMonth/PromulgateDay from a whole date, and none from a draft's blank date", () => {
    const seedLaw = kids(xmlParser.parse(writeEgovXml(seed1)), "Law")[0]!;
    expect([seedLaw["@Era"], seedLaw["@Year"], seedLaw["@PromulgateMonth"], seedLaw["@PromulgateDay"]]).toEqual(["Heisei", "28", "10", "11"]);
    expect(law["@Era"]).toBeUndefined();
  });
});

describe("法令標準XML refused", () => {
  const xml = writeEgovXml(seed1);
  it("malformed XML, naming the line", () => {
    const r = readEgovXml(xml.replace("</LawTitle>", "</LawTitl>"), "bad.xml");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.code).toBe("format.egov-xml-malformed");
    expect(!r.ok && r.issues[0]!.location.line).toBe(5);
  });
  it("an element the reader does not know, naming it", () => {
    const r = readEgovXml(xml.replace("<ArticleTitle>第1条</ArticleTitle>", "<ArticleTitle>第1条</ArticleTitle><Remarks/>"), "x.xml");
    expect(!r.ok && r.issues[0]!.message).toMatch(/<Remarks>/u);
  });
  it("a shown number that says otherwise than Num, a 法令番号, a row without columns (each would be lost)", () => {
    const codes = [
      xml.replace("<ArticleTitle>第2条</ArticleTitle>", "<ArticleTitle>第3条</ArticleTitle>"),
      xml.replace("<LawNum/>", "<LawNum>令和七年告示第一号</LawNum>"),
      xml.replace("<TableRow>", "<TableRow/><TableRow>"),
    ].map((x) => readEgovXml(x, "x.xml")).map((r) => (!r.ok ? r.issues[0]!.code : "read"));
    expect(codes).toEqual(["format.egov-xml-unreadable", "format.egov-xml-unreadable", "format.egov-xml-unreadable"]);
  });
  it("text outside the elements where only elements stand (it would be lost)", () => {
    const r = readEgovXml(xml.replace("<ArticleTitle>第1条</ArticleTitle>", "<ArticleTitle>第1条</ArticleTitle>（削除）"), "x.xml");
    expect(!r.ok && r.issues[0]!.message).toMatch(/<Article> の中に要素の外の文字列/u);
  });
  it("reads CDATA as text, and character references in attributes", () => {
    const r = readEgovXml(xml.replace("<LawTitle>連携中枢都市圏形成に係る連携協約書</LawTitle>", "<LawTitle><![CDATA[連携<協約>書]]></LawTitle>"), "x.xml");
    expect(r.ok && r.value.title).toBe("連携<協約>書");
    const party = { ...seed1.parties[0]!, head: "大森\t\"雅夫\" & 代理" };
    const back = readEgovXml(writeEgovXml({ ...seed1, parties: [party, ...seed1.parties.slice(1)] }), "p.xml");
    expect(back.ok && back.value.parties[0]).toStrictEqual(party);
  });
  it("e-Gov XML without kyoyaku's extension (the parties are not known)", () => {
    const r = readEgovXml(xml.replace(/<ky:Agreement>[\s\S]*<\/ky:Agreement>/u, ""), "x.xml");
    expect(!r.ok && r.issues[0]!.code).toBe("format.egov-xml-unreadable");
  });
  it("a document with parts not known: read back exactly, but refused as an import (a text cannot say 'not known')", async () => {
    const partial: AgreementDocument = { ...seed1, preamble: "", unknown: ["preamble"] };
    const xml = writeEgovXml(partial);
    const back = readEgovXml(xml, "p.xml");
    expect(back.ok && back.value).toStrictEqual(partial);
    const r = await readDocument(new TextEncoder().encode(xml), "p.xml");
    expect(!r.ok && r.issues[0]!.code).toBe("format.egov-xml-partial");
  });
  it("XML whose root is not <Law>, by readDocument", async () => {
    const r = await readDocument(new TextEncoder().encode('<?xml version="1.0"?>\n<akomaNtoso/>'), "a.xml");
    expect(!r.ok && r.issues[0]!.code).toBe("format.xml");
  });
});

describe("法令標準XML written by another tool (no ky:Agreement)", () => {
  const other = read("formats/egov_other_tool.xml");
  it("reads exactly what e-Gov's elements hold (kanji ArticleTitle, full-width ParagraphNum, a ただし書 as a second Sentence) and lists the rest as not known", () => {
    const r = readEgovXml(other, "egov_other_tool.xml");
    expect(r.ok && r.byKyoyaku).toBe(false);
    if (!r.ok) return;
    const doc = r.value;
    expect(doc.title).toBe("備前市及び瀬戸内市における消防指令業務の共同運用に係る連携協約");
    expect(doc.parties).toEqual([]);
    expect(doc.unknown).toEqual(["date", "parties", "name", "closing", "signedOn"]);
    expect(doc.date).toBeUndefined();
    expect(doc.articles.map((a) => [a.number, a.caption, a.paragraphs.length])).toEqual([["1", "目的", 1], ["2", "連携する事務", 2]]);
    expect(doc.articles[1]!.paragraphs[0]!.items.map((i) => [i.label, i.text])).toEqual([["一", "一一九番通報の受信及び出動指令に関すること。"], ["二", "指令センターの施設及び設備の維持管理に関すること。"]]);
    expect(doc.articles[1]!.paragraphs[1]!.text).toBe("前項の事務に要する経費は、甲及び乙が均等に負担する。ただし、甲及び乙が協議して別に定めるときは、この限りでない。");
    expect(doc.supplementary).toEqual({ heading: "附　則", paragraphs: [{ number: 1, text: "この協約は、令和七年四月一日から施行する。", items: [] }] });
  });

  it("is refused as an import, saying what was read and what e-Gov XML cannot hold — nothing half-read is recorded", async () => {
    const r = await readDocument(new TextEncoder().encode(other), "egov_other_tool.xml");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.code, i.location.file])).toEqual([["format.egov-xml-foreign", "egov_other_tool.xml"]]);
    expect(!r.ok && r.issues[0]!.message).toBe(
      "kyoyaku以外で作られた法令標準XMLです（kyoyakuの拡張要素 <ky:Agreement> がありません）。本文（題名・2か条・附則）は読めましたが、法令標準XMLには協約の当事者（甲・乙）、協約書の日付、名称行、末文、署名の日付を書く要素がないため、協約書として取り込めません。協約書のテキスト・Word・PDF・例規集のページを取り込んでください",
    );
  });

  it("refuses what it does not know, naming the element: a Chapter, a 法令番号, an ArticleTitle that names another article, a Column", () => {
    const chapter = other.replace("<MainProvision>", '<MainProvision><Chapter Num="1"><ChapterTitle>第一章　総則</ChapterTitle></Chapter>');
    const numbered = other.replace("<LawNum/>", "<LawNum>令和七年備前市告示第十二号</LawNum>");
    const wrongTitle = other.replace("<ArticleTitle>第二条</ArticleTitle>", "<ArticleTitle>第三条</ArticleTitle>");
    const column = other.replace('<Sentence Num="1" WritingMode="vertical">一一九番通報の受信及び出動指令に関すること。</Sentence>', "<Column Num=\"1\"><Sentence>通報</Sentence></Column>");
    const messages = [chapter, numbered, wrongTitle, column].map((x) => readEgovXml(x, "x.xml")).map((r) => (!r.ok ? `${r.issues[0]!.code} ${r.issues[0]!.message}` : "read"));
    expect(messages[0]).toMatch(/^format\.egov-xml-unreadable .*<MainProvision> の中の <Chapter> は読めません/u);
    expect(messages[1]).toMatch(/^format\.egov-xml-unreadable .*<LawNum> に法令番号があります/u);
    expect(messages[2]).toMatch(/^format\.egov-xml-unreadable .*<Article Num="2"> の <ArticleTitle> が「第三条」です/u);
    expect(messages[3]).toMatch(/^format\.egov-xml-unreadable .*<ItemSentence> の中の <Column> は読めません/u);
  });
});

describe("法令標準XML round trip of a document with every part", () => {
  it("has 見出し, 項, 号 (nested), 別表 with 取組 and fields, and 附則 — and reads back the same", () => {
    expect(edge.articles.some((a) => a.caption !== undefined && a.paragraphs.length > 1 && a.paragraphs.some((p) => p.items.some((i) => i.items.length > 0)))).toBe(true);
    expect(edge.appendices[0]!.sections.some((s) => s.items.some((i) => i.fields.length > 0))).toBe(true);
    expect(edge.supplementary?.paragraphs.length).toBeGreaterThan(0);
    const back = readEgovXml(writeEgovXml(edge), "a.xml");
    expect(back.ok && back.byKyoyaku).toBe(true);
    expect(back.ok && back.value).toStrictEqual(edge);
  });
});

describe("法令標準XML export of a version a draft made", () => {
  it("is refused: e-Gov XML cannot say 'draft', so the text would read (and import) as law", () => {
    const k = openKyoyaku({});
    const conclude = parseText(read("seeds/000_0d517b853e764d1a.txt"));
    if (!conclude.ok) throw new Error("seed does not parse");
    k.record({ agreementId: "ow", recordedBy: "法規担当", event: conclude.value.event });
    k.record({ agreementId: "ow", recordedBy: "法規担当", event: { payload: { kind: "amend", operations: [{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }] }, dates: { resolutions: {}, appliesFrom: "2026-04-01" }, draft: true, parties: ["岡山市", "和気町"] } });
    expect(exportEgovXml(k, "ow", "2026-05-01", {}).ok).toBe(true);
    const r = exportEgovXml(k, "ow", "2026-05-01", { withDrafts: true });
    expect(!r.ok && r.message).toBe("ow の 2026-05-01 の版は未確定の案（#2）を反映した仮定の版です。法令標準XMLには案であることを書く要素がないため書き出しません（--with-drafts を外すか、Akoma Ntosoで書き出してください）");
    expect(exportEgovXml(k, "ow", "2026-03-01", { withDrafts: true }).ok).toBe(true);
  });
});
