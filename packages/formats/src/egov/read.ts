/**
 * {@link readEgovXml}: 法令標準XML (e-Gov schema v3 element names) back into an agreement
 * document. The bytes must be well-formed XML (checked by fast-xml-parser's validator, which
 * names the line), the tree is read with htmlparser2 in XML mode, and every element must be
 * one this reader knows where it stands: an element it does not know is refused, naming it
 * and its path, never skipped.
 *
 * @module
 */
import { articleLabel, issue, parseJpNumeral, type AgreementDocument, type Appendix, type AppendixItem, type Article, type DatePrecision, type EraName, type Issue, type Item, type JpDate, type Paragraph, type Party, type Section, type SupplementaryProvisions } from "@kyoyaku/core";
import type { Element } from "domhandler";
import { XMLValidator } from "fast-xml-parser";
import { parseDocument } from "htmlparser2";
import { KY_NS, MAX_ITEM_DEPTH, itemTag } from "./names.js";
import type { AmendedVersion } from "../types.js";

/** Thrown inside the reader only; turned into an error issue at its edge. */
class Unreadable extends Error {
  constructor(message: string) {
    super(message);
  }
}

const elements = (e: Element): Element[] => e.children.filter((c): c is Element => c.type === "tag");

/** The text of an element that holds text only (CDATA included; a child element is refused). */
function textOf(e: Element): string {
  let s = "";
  for (const c of e.children) {
    if (c.type === "text") s += c.data;
    else if (c.type === "cdata") s += c.children.map((t) => (t.type === "text" ? t.data : "")).join("");
    else if (c.type === "tag") throw new Unreadable(`<${e.name}> の中に文字列でなく <${c.name}> があります`);
  }
  return s;
}

/** Children checked against the names allowed here, in order; anything else is refused. */
class Children {
  private i = 0;
  private readonly kids: Element[];
  constructor(
    private readonly parent: Element,
    allowed: readonly string[],
  ) {
    this.kids = elements(parent);
    // Element-only content: a text here would be lost, so it is refused (white space is layout).
    const text = parent.children.find((c) => (c.type === "text" && c.data.trim() !== "") || c.type === "cdata");
    if (text) throw new Unreadable(`<${parent.name}> の中に要素の外の文字列があります`);
    const stray = this.kids.find((k) => !allowed.includes(k.name));
    if (stray) throw new Unreadable(`<${parent.name}> の中の <${stray.name}> は読めません（ここに置ける要素: ${allowed.join(", ")}）`);
  }
  /** The next child if it is named `name`. */
  optional(name: string): Element | undefined {
    const k = this.kids[this.i];
    if (k?.name !== name) return undefined;
    this.i++;
    return k;
  }
  one(name: string): Element {
    const k = this.optional(name);
    if (!k) throw new Unreadable(`<${this.parent.name}> に <${name}> がありません`);
    return k;
  }
  many(name: string): Element[] {
    const out: Element[] = [];
    for (let k = this.optional(name); k; k = this.optional(name)) out.push(k);
    return out;
  }
  end(): void {
    const k = this.kids[this.i];
    if (k) throw new Unreadable(`<${this.parent.name}> の中の <${k.name}> が置ける順序の位置にありません`);
  }
}

function attr(e: Element, name: string): string | undefined {
  return e.attribs[name];
}
function needAttr(e: Element, name: string): string {
  const v = attr(e, name);
  if (v === undefined) throw new Unreadable(`<${e.name}> に ${name} 属性がありません`);
  return v;
}
function intAttr(e: Element, name: string): number {
  const v = needAttr(e, name);
  if (!/^[1-9][0-9]*$/u.test(v)) throw new Unreadable(`<${e.name} ${name}="${v}"> は正の整数ではありません`);
  return Number(v);
}
const optInt = (e: Element, name: string): number | undefined => (attr(e, name) === undefined ? undefined : intAttr(e, name));

/**
 * The sentences of a `…Sentence` element. kyoyaku writes one; e-Gov and other tools write a
 * ただし書 as a second `Sentence` (Function="proviso"), shown right after the first, so the
 * text is their concatenation.
 */
function sentenceText(e: Element): string {
  const c = new Children(e, ["Sentence"]);
  const sentences = [c.one("Sentence"), ...c.many("Sentence")];
  c.end();
  return sentences.map(textOf).join("");
}

/** A number as shown (`2`, `２`, `二`) is the number `n`: e-Gov writes full-width digits and kanji numerals. */
const shows = (shown: string, n: number): boolean => shown === String(n) || parseJpNumeral(shown) === n;

/** An ArticleTitle names the article `Num` (`第3条の2`, or e-Gov's `第三条の二`). */
function titleNames(title: string, num: string): boolean {
  const m = /^第(.+?)条((?:の[^の]+)*)$/u.exec(title);
  if (!m) return false;
  const shown = [m[1]!, ...m[2]!.split("の").slice(1)];
  const nums = num.split("_");
  return shown.length === nums.length && shown.every((x, i) => shows(x, Number(nums[i])));
}

function readItem(e: Element, depth: number): Item {
  if (depth > MAX_ITEM_DEPTH) throw new Unreadable(`<${e.name}> が深すぎます`);
  const tag = itemTag(depth);
  const c = new Children(e, [`${tag}Title`, `${tag}Sentence`, itemTag(depth + 1)]);
  const label = textOf(c.one(`${tag}Title`));
  const text = sentenceText(c.one(`${tag}Sentence`));
  const items = c.many(itemTag(depth + 1)).map((k) => readItem(k, depth + 1));
  c.end();
  return { label, text, items };
}

function readParagraph(e: Element): Paragraph {
  const c = new Children(e, ["ParagraphNum", "ParagraphSentence", "Item"]);
  const number = intAttr(e, "Num");
  // The shown number is derived from Num; one that says otherwise would be dropped, so it is refused.
  const shown = textOf(c.one("ParagraphNum"));
  if (shown !== "" && !shows(shown, number)) throw new Unreadable(`<Paragraph Num="${number}"> の <ParagraphNum> が「${shown}」です`);
  const text = sentenceText(c.one("ParagraphSentence"));
  const items = c.many("Item").map((k) => readItem(k, 0));
  c.end();
  return { number, text, items };
}

function readArticle(e: Element): Article {
  const num = needAttr(e, "Num");
  if (!/^[1-9][0-9]*(?:_[1-9][0-9]*)*$/u.test(num)) throw new Unreadable(`<Article Num="${num}"> は条番号として読めません`);
  const c = new Children(e, ["ArticleCaption", "ArticleTitle", "Paragraph"]);
  const cap = c.optional("ArticleCaption");
  const title = textOf(c.one("ArticleTitle"));
  const number = num.replace(/_/gu, "の");
  if (title !== articleLabel(number) && !titleNames(title, num)) throw new Unreadable(`<Article Num="${num}"> の <ArticleTitle> が「${title}」です（${articleLabel(number)} のはずです）`);
  const paragraphs = c.many("Paragraph").map(readParagraph);
  c.end();
  let caption: string | undefined;
  if (cap) {
    const m = /^（(.*)）$/su.exec(textOf(cap));
    if (!m) throw new Unreadable(`第${num}条の <ArticleCaption> が（ ）で囲まれていません`);
    caption = m[1]!;
  }
  return { number, ...(caption !== undefined && { caption }), paragraphs };
}

const columnTexts = (e: Element): string[] => {
  const c = new Children(e, ["Sentence"]);
  const out = c.many("Sentence").map(textOf);
  c.end();
  return out;
};

/** 別表 rows back into sections and 取組 (the layout {@link writeEgovXml} writes). */
function readTable(table: Element): Section[] {
  const sections: { label: string; title: string; items: AppendixItem[] }[] = [];
  let open: { name: string; fields: { name: string; text: string }[]; rest: number } | undefined;
  const rows = new Children(table, ["TableRow"]).many("TableRow");
  for (const row of rows) {
    const cols = new Children(row, ["TableColumn"]).many("TableColumn");
    if (cols.length === 0) throw new Unreadable("別表に列のない <TableRow> があります");
    const section = sections.at(-1);
    if (open && open.rest > 0) {
      if (cols.length !== 2) throw new Unreadable(`別表の取組「${open.name}」の行に列が2つありません`);
      open.fields.push({ name: columnTexts(cols[0]!).join(""), text: columnTexts(cols[1]!).join("") });
      open.rest--;
      continue;
    }
    if (cols.length === 1 && attr(cols[0]!, "colspan") === "3") {
      const t = columnTexts(cols[0]!);
      if (t.length !== 2) throw new Unreadable("別表の区分の行に区分番号と区分名の2文がありません");
      sections.push({ label: t[0]!, title: t[1]!, items: [] });
      continue;
    }
    if (!section) throw new Unreadable("別表が区分の行（3列にわたる1列）で始まっていません");
    const name = columnTexts(cols[0]!).join("");
    if (cols.length === 2 && attr(cols[1]!, "colspan") === "2" && columnTexts(cols[1]!).length === 0) {
      section.items.push({ name, fields: [] });
      continue;
    }
    if (cols.length !== 3) throw new Unreadable(`別表の取組「${name}」の行に列が3つありません`);
    const span = optInt(cols[0]!, "rowspan") ?? 1;
    open = { name, fields: [{ name: columnTexts(cols[1]!).join(""), text: columnTexts(cols[2]!).join("") }], rest: span - 1 };
    section.items.push({ name, fields: open.fields });
  }
  if (open && open.rest > 0) throw new Unreadable(`別表の取組「${open.name}」の行が rowspan より少なくなっています`);
  return sections;
}

function readAppendix(e: Element): Appendix {
  const c = new Children(e, ["AppdxTableTitle", "RelatedArticleNum", "TableStruct"]);
  const title = textOf(c.one("AppdxTableTitle"));
  const related = c.optional("RelatedArticleNum");
  const struct = c.one("TableStruct");
  c.end();
  const s = new Children(struct, ["Table"]);
  const sections = readTable(s.one("Table"));
  s.end();
  let relatedTo: string | undefined;
  if (related) {
    const m = /^（(.*)）$/su.exec(textOf(related));
    if (!m) throw new Unreadable(`別表「${title}」の <RelatedArticleNum> が（ ）で囲まれていません`);
    relatedTo = m[1]!;
  }
  const heading = attr(e, "ky:Heading") ?? (related ? title + textOf(related) : title);
  return { number: intAttr(e, "Num"), heading, ...(relatedTo !== undefined && { relatedTo }), sections };
}

function readSuppl(e: Element): SupplementaryProvisions {
  const c = new Children(e, ["SupplProvisionLabel", "Paragraph"]);
  const heading = textOf(c.one("SupplProvisionLabel"));
  const paragraphs = c.many("Paragraph").map(readParagraph);
  c.end();
  return { heading, paragraphs };
}

const PRECISIONS: readonly DatePrecision[] = ["day", "month", "year", "none"];
const ERAS: readonly EraName[] = ["明治", "大正", "昭和", "平成", "令和"];

function readDate(e: Element): JpDate {
  const precision = needAttr(e, "Precision") as DatePrecision;
  if (!PRECISIONS.includes(precision)) throw new Unreadable(`<${e.name}> の Precision="${precision}" は読めません`);
  const era = attr(e, "Era") as EraName | undefined;
  if (era !== undefined && !ERAS.includes(era)) throw new Unreadable(`<${e.name}> の Era="${era}" は読めません`);
  const iso = attr(e, "Iso");
  if ((iso !== undefined) !== (precision === "day")) throw new Unreadable(`<${e.name}> の Iso は Precision="day" のときに限り書かれます`);
  const year = optInt(e, "Year");
  const month = optInt(e, "Month");
  const day = optInt(e, "Day");
  return {
    text: needAttr(e, "Text"),
    precision,
    ...(iso !== undefined && { iso }),
    ...(year !== undefined && { year }),
    ...(month !== undefined && { month }),
    ...(day !== undefined && { day }),
    ...(era !== undefined && { era: { name: era, year: intAttr(e, "EraYear") } }),
  };
}

function readParty(e: Element): Party {
  const opt = (n: string): string | undefined => attr(e, n);
  const [address, office, head] = [opt("Address"), opt("Office"), opt("Head")];
  return { role: needAttr(e, "Role"), name: needAttr(e, "Name"), ...(address !== undefined && { address }), ...(office !== undefined && { office }), ...(head !== undefined && { head }) };
}

interface Extension {
  date?: JpDate;
  parties: Party[];
  partyLines?: false;
  name?: string;
  closing?: string;
  signedOn?: JpDate;
  unknown: string[];
}

function readExtension(e: Element | undefined): Extension {
  if (!e) throw new Unreadable("kyoyakuの拡張要素 <ky:Agreement>（当事者・日付・名称行・末文）がありません。kyoyakuが書き出した法令標準XMLだけを読めます");
  const c = new Children(e, ["ky:Date", "ky:Party", "ky:Name", "ky:Closing", "ky:SignedOn", "ky:Unknown"]);
  const date = c.optional("ky:Date");
  const parties = c.many("ky:Party").map(readParty);
  const name = c.optional("ky:Name");
  const closing = c.optional("ky:Closing");
  const signedOn = c.optional("ky:SignedOn");
  const unknown = c.many("ky:Unknown").map(textOf);
  c.end();
  return {
    ...(date && { date: readDate(date) }),
    parties,
    ...(attr(e, "PartyLines") === "false" && { partyLines: false as const }),
    ...(name && { name: textOf(name) }),
    ...(closing && { closing: textOf(closing) }),
    ...(signedOn && { signedOn: readDate(signedOn) }),
    unknown,
  };
}

/** The version an export says it holds, when changes made it (`ky:Agreement Amended="true"`). */
function amendedVersionOf(root: Element): AmendedVersion | undefined {
  const ext = elements(root).find((e) => e.name === "LawBody")?.children.find((n): n is Element => (n as Element).name === "ky:Agreement");
  if (ext === undefined || attr(ext, "Amended") !== "true") return undefined;
  const agreementId = attr(ext, "AgreementId");
  const inForceFrom = attr(ext, "InForceFrom");
  return { ...(agreementId !== undefined && { agreementId }), ...(inForceFrom !== undefined && { inForceFrom }) };
}

/** The parts of a 協約書 that 法令標準XML has no element for: kyoyaku writes them in `ky:Agreement`. */
export const NOT_IN_EGOV = ["date", "parties", "name", "closing", "signedOn"] as const;

/**
 * The document of a `<Law>`. From 法令標準XML another tool wrote (no kyoyaku namespace, so no
 * `ky:Agreement`), what the schema has (title, 前文, 条, 附則, 別表) is read exactly and the
 * parts it has no element for are listed as not known — never invented, never empty as if
 * they were.
 */
function readLaw(root: Element): AgreementDocument {
  const ours = attr(root, "xmlns:ky") === KY_NS;
  const law = new Children(root, ["LawNum", "LawBody"]);
  if (textOf(law.one("LawNum")) !== "") throw new Unreadable("<LawNum> に法令番号があります。kyoyakuの文書は法令番号を持たないため、読むと失われます");
  const body = law.one("LawBody");
  law.end();
  const c = new Children(body, ["LawTitle", "Preamble", "MainProvision", "SupplProvision", "AppdxTable", "ky:Agreement"]);
  const title = textOf(c.one("LawTitle"));
  const preamble = c.optional("Preamble");
  const main = c.one("MainProvision");
  const suppl = c.optional("SupplProvision");
  const appendices = c.many("AppdxTable").map(readAppendix);
  const ext: Extension = ours ? readExtension(c.optional("ky:Agreement")) : { parties: [], unknown: [...NOT_IN_EGOV] };
  c.end();
  const articles = new Children(main, ["Article"]).many("Article").map(readArticle);
  const preambleText = preamble ? new Children(preamble, ["Paragraph"]).many("Paragraph").map((p) => readParagraph(p).text).join("\n") : "";
  return {
    title,
    ...(ext.date && { date: ext.date }),
    parties: ext.parties,
    ...(ext.partyLines === false && { partyLines: false as const }),
    ...(ext.name !== undefined && { name: ext.name }),
    preamble: preambleText,
    articles,
    ...(ext.closing !== undefined && { closing: ext.closing }),
    ...(ext.signedOn && { signedOn: ext.signedOn }),
    appendices,
    ...(suppl && { supplementary: readSuppl(suppl) }),
    unknown: ext.unknown,
  };
}

/**
 * Read 法令標準XML back into the document: what kyoyaku wrote ({@link writeEgovXml}) whole;
 * what another tool wrote (`byKyoyaku: false`) with the parts e-Gov has no element for
 * ({@link NOT_IN_EGOV}: parties, dates, name line, closing) in `unknown`. The XML must be
 * well-formed and every element one this reader knows, in its place; anything else is refused
 * with an error issue (`format.egov-xml-malformed`, `format.egov-xml-unreadable`) naming the
 * element or the line.
 *
 * @example
 * const r = readEgovXml(writeEgovXml(doc), "a.xml");
 * r.ok && r.value; // deep-equal to doc
 */
export function readEgovXml(xml: string, file: string): { ok: true; value: AgreementDocument; byKyoyaku: boolean; amendedVersion?: AmendedVersion } | { ok: false; issues: readonly Issue[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return { ok: false, issues: [issue("error", "format.egov-xml-malformed", `XMLとして正しくありません（${line}行${col}桁: ${msg}）`, { file, line })] };
  }
  try {
    const dom = parseDocument(xml, { xmlMode: true });
    const roots = elements(dom as unknown as Element);
    if (roots.length !== 1 || roots[0]!.name !== "Law") throw new Unreadable("ルート要素が <Law> ではありません");
    const byKyoyaku = attr(roots[0]!, "xmlns:ky") === KY_NS;
    const amended = byKyoyaku ? amendedVersionOf(roots[0]!) : undefined;
    return { ok: true, value: readLaw(roots[0]!), byKyoyaku, ...(amended && { amendedVersion: amended }) };
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    return { ok: false, issues: [issue("error", "format.egov-xml-unreadable", `法令標準XMLとして読めません: ${e.message}`, { file })] };
  }
}
