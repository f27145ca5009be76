/**
 * {@link writeEgovXml}: an agreement document as 法令標準XML with the e-Gov schema v3 element
 * names, so tools that read e-Gov XML can show it; what e-Gov has no element for is kept in
 * `ky:` extension elements so that {@link readEgovXml} gives the document back exactly.
 * See docs/formats.md for what each part becomes.
 *
 * @module
 */
import { articleLabel, type AgreementDocument, type Appendix, type AppendixItem, type Article, type Item, type JpDate, type Paragraph, type Party, type Section, type SupplementaryProvisions } from "@kyoyaku/core";
import { el, xmlDocument, type XmlElement } from "../xml/write.js";
import { ERA_EN, KY_NS, articleNum, itemTag } from "./names.js";

const sentence = (text: string): XmlElement => el("Sentence", {}, text);

// Num is required on Item and Subitem1… by the schema (tools such as Lawtext key on it): the
// item's place among its siblings, as e-Gov numbers them; the label as shown is its Title.
function itemElement(it: Item, depth: number, place: number): XmlElement {
  const tag = itemTag(depth);
  return el(tag, { Num: place }, [el(`${tag}Title`, {}, it.label), el(`${tag}Sentence`, {}, [sentence(it.text)]), ...it.items.map((c, i) => itemElement(c, depth + 1, i + 1))]);
}

function paragraphElement(p: Paragraph, shownNumber: string): XmlElement {
  return el("Paragraph", { Num: p.number }, [el("ParagraphNum", {}, shownNumber), el("ParagraphSentence", {}, [sentence(p.text)]), ...p.items.map((it, i) => itemElement(it, 0, i + 1))]);
}

function articleElement(a: Article): XmlElement {
  return el("Article", { Num: articleNum(a.number) }, [
    a.caption !== undefined ? el("ArticleCaption", {}, `（${a.caption}）`) : undefined,
    el("ArticleTitle", {}, articleLabel(a.number)),
    ...a.paragraphs.map((p, i) => paragraphElement(p, i === 0 ? "" : String(p.number))),
  ]);
}

const column = (attrs: XmlElement["attrs"], texts: readonly string[]): XmlElement => el("TableColumn", attrs, texts.map(sentence));

/**
 * A 別表 section and its 取組 as table rows: the section as one row over the three columns
 * (its label and title as two sentences); each 取組 as its name spanning its field rows, each
 * field a row of name and text. A 取組 without fields is its name beside an empty span.
 */
function sectionRows(s: Section): XmlElement[] {
  const rows = [el("TableRow", {}, [column({ colspan: 3 }, [s.label, s.title])])];
  for (const it of s.items) rows.push(...itemRows(it));
  return rows;
}

function itemRows(it: AppendixItem): XmlElement[] {
  if (it.fields.length === 0) return [el("TableRow", {}, [column({}, [it.name]), column({ colspan: 2 }, [])])];
  return it.fields.map((f, i) =>
    el("TableRow", {}, [i === 0 ? column(it.fields.length > 1 ? { rowspan: it.fields.length } : {}, [it.name]) : undefined, column({}, [f.name]), column({}, [f.text])]),
  );
}

function appendixElement(a: Appendix): XmlElement {
  const related = a.relatedTo !== undefined ? `（${a.relatedTo}）` : undefined;
  const split = related !== undefined && a.heading.endsWith(related);
  return el("AppdxTable", { Num: a.number, ...(related !== undefined && !split && { "ky:Heading": a.heading }) }, [
    el("AppdxTableTitle", {}, split ? a.heading.slice(0, -related.length) : a.heading),
    related !== undefined ? el("RelatedArticleNum", {}, related) : undefined,
    el("TableStruct", {}, [el("Table", {}, a.sections.flatMap(sectionRows))]),
  ]);
}

function supplementaryElement(s: SupplementaryProvisions): XmlElement {
  const numbered = s.paragraphs.length > 1;
  return el("SupplProvision", {}, [el("SupplProvisionLabel", {}, s.heading), ...s.paragraphs.map((p) => paragraphElement(p, numbered ? String(p.number) : ""))]);
}

/** A date exactly as kyoyaku holds it, in attributes. */
function dateElement(name: string, d: JpDate): XmlElement {
  return el(name, { Text: d.text, Precision: d.precision, Iso: d.iso, Year: d.year, Month: d.month, Day: d.day, Era: d.era?.name, EraYear: d.era?.year });
}

const partyElement = (p: Party): XmlElement => el("ky:Party", { Role: p.role, Name: p.name, Address: p.address, Office: p.office, Head: p.head });

/** What e-Gov has no element for, kept for the way back. */
function extension(doc: AgreementDocument, version: EgovVersion | undefined): XmlElement {
  // PartyLines="false": the text had no party lines (the parties come from its 前文 or 署名欄).
  // Amended="true": the text is a version changes made, which must never be read back as the 締結 text.
  return el("ky:Agreement", {
    PartyLines: doc.partyLines === false ? "false" : undefined,
    AgreementId: version?.agreementId,
    InForceFrom: version?.inForceFrom,
    Amended: version?.amended === true ? "true" : undefined,
  }, [
    doc.date !== undefined ? dateElement("ky:Date", doc.date) : undefined,
    ...doc.parties.map(partyElement),
    doc.name !== undefined ? el("ky:Name", {}, doc.name) : undefined,
    doc.closing !== undefined ? el("ky:Closing", {}, doc.closing) : undefined,
    doc.signedOn !== undefined ? dateElement("ky:SignedOn", doc.signedOn) : undefined,
    ...doc.unknown.map((u) => el("ky:Unknown", {}, u)),
  ]);
}

/** e-Gov's Era/Year/PromulgateMonth/PromulgateDay from the agreement's date, when it is a whole day in an era. */
function lawDate(d: JpDate | undefined): Record<string, string | number | undefined> {
  if (d?.era === undefined) return {};
  return { Era: ERA_EN[d.era.name], Year: d.era.year, PromulgateMonth: d.month, PromulgateDay: d.day };
}

/** Which version of which agreement a 法令標準XML export holds (written in `ky:Agreement`). */
export interface EgovVersion {
  readonly agreementId: string;
  /** The first day the version was in force. */
  readonly inForceFrom: string;
  /** True when changes (変更) made the version: its text is not the text concluded (締結). */
  readonly amended: boolean;
}

/**
 * An agreement document as 法令標準XML: `<Law>` with `LawNum` (empty: an agreement has no
 * 法令番号), `LawBody` with `LawTitle`, the 前文 as `Preamble`, the 条 under `MainProvision`,
 * the 附則 as `SupplProvision`, each 別表 as an `AppdxTable` with a `TableStruct`, and one
 * `ky:Agreement` element for the parties, name line, closing and dates as written.
 *
 * @example
 * writeEgovXml(doc).split("\n")[1]; // '<Law xmlns:ky="urn:kyoyaku:egov-extension:1" Era="Reiwa" Year="7" … LawType="Misc" Lang="ja">'
 */
export function writeEgovXml(doc: AgreementDocument, version?: EgovVersion): string {
  const preamble = doc.preamble === "" ? undefined : el("Preamble", {}, doc.preamble.split("\n").map((line, i) => paragraphElement({ number: i + 1, text: line, items: [] }, "")));
  return xmlDocument(
    el("Law", { "xmlns:ky": KY_NS, ...lawDate(doc.date), LawType: "Misc", Lang: "ja" }, [
      el("LawNum", {}, ""),
      el("LawBody", {}, [
        el("LawTitle", {}, doc.title),
        preamble,
        el("MainProvision", {}, doc.articles.map(articleElement)),
        doc.supplementary !== undefined ? supplementaryElement(doc.supplementary) : undefined,
        ...doc.appendices.map(appendixElement),
        extension(doc, version),
      ]),
    ]),
  );
}
