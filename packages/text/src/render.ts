/**
 * Rendering documents and provisions back to text in the layout of the originals
 * (title, date, parties, name line, 前文, （見出し） + 第N条, closing, signature block, 別表
 * with tab-separated 取組 rows). `parseAgreement(renderDocument(doc))` gives `doc` back.
 *
 * @module
 */
import { articleLabel, parseAddress, type AgreementDocument, type Address, type Appendix, type AppendixItem, type Article, type Field, type Item, type JpDate, type Node, type Paragraph, type Party, type Section, type SupplementaryProvisions } from "@kyoyaku/core";

const itemLines = (items: readonly Item[]): string[] => items.flatMap((it) => [`${it.label} ${it.text}`, ...itemLines(it.items)]);

function paragraphLines(p: Paragraph, numbered: boolean): string[] {
  const head = numbered ? `${p.number} ${p.text}` : p.text;
  return [...(head !== "" ? [head] : []), ...itemLines(p.items)];
}

function articleLines(a: Article): string[] {
  const out: string[] = [];
  if (a.caption !== undefined) out.push(`（${a.caption}）`, "");
  a.paragraphs.forEach((p, i) => {
    if (i === 0) out.push(p.text !== "" ? `${articleLabel(a.number)} ${p.text}` : articleLabel(a.number), ...itemLines(p.items));
    else out.push(...paragraphLines(p, true));
  });
  return out;
}

const fieldLine = (f: Field): string => `${f.name}\t${f.text}`;
const appendixItemLines = (it: AppendixItem): string[] => [`${it.name}\t`, ...it.fields.map(fieldLine)];

function sectionLines(s: Section): string[] {
  const out: string[] = [];
  if (s.label !== "") out.push(`${s.label} ${s.title}`, "");
  for (const it of s.items) out.push(...appendixItemLines(it));
  return out;
}

function appendixLines(a: Appendix): string[] {
  const out = [a.heading, ""];
  a.sections.forEach((s, i) => {
    if (i > 0) out.push("");
    out.push(...sectionLines(s));
  });
  return out;
}

function supplementaryLines(s: SupplementaryProvisions): string[] {
  const out = [s.heading, ""];
  const numbered = s.paragraphs.length > 1;
  s.paragraphs.forEach((p) => out.push(...paragraphLines(p, numbered), ""));
  return out;
}

function partySignature(p: Party): string[] {
  const out = [p.address !== undefined ? `${p.role} ${p.address}` : p.role, "", p.name, ""];
  if (p.office !== undefined) out.push(p.office, "");
  if (p.head !== undefined) out.push(p.head, "");
  out.push("", "");
  return out;
}

const dateText = (d: JpDate): string => d.text;

/**
 * Render a whole agreement as text, laid out like the original 協約書.
 *
 * @example
 * renderDocument(doc).split("\n")[0]; // "連携中枢都市圏形成に係る連携協約書"
 */
export function renderDocument(doc: AgreementDocument): string {
  const out: string[] = [];
  const block = (lines: readonly string[]): void => {
    if (lines.length === 0) return;
    out.push(...lines, "");
  };
  block([doc.title]);
  if (doc.date) block([dateText(doc.date)]);
  // Only the party lines the text had: parties read from the 前文 are printed there, not again.
  if (doc.partyLines !== false) block(doc.parties.map((p) => p.name));
  if (doc.name !== undefined) block([doc.name]);
  if (doc.preamble !== "") for (const line of doc.preamble.split("\n")) block([line]);
  for (const a of doc.articles) block(articleLines(a));
  if (doc.supplementary) out.push(...supplementaryLines(doc.supplementary));
  if (doc.closing !== undefined) block([doc.closing]);
  if (doc.signedOn) block([dateText(doc.signedOn)]);
  const signed = doc.signedOn !== undefined || doc.parties.some((p) => p.address !== undefined || p.office !== undefined || p.head !== undefined);
  if (signed) for (const p of doc.parties) out.push(...partySignature(p));
  for (const a of doc.appendices) block(appendixLines(a));
  return out.join("\n").replace(/\n{4,}$/u, "\n").replace(/\n*$/u, "\n");
}

/**
 * Render one provision — an article with its caption, a paragraph, an item, a 別表, a
 * section, a 取組 with its fields, a field, a 附則, or a plain text part — for display
 * (新旧対照表, `kyoyaku show`). The address says what kind of node it is.
 *
 * @example
 * renderProvision(resolveAddress(doc, "article:1")!, "article:1"); // "（目的）\n\n第1条 この連携協約は、…"
 * renderProvision(item, "appendix:1/section:I/item:…"); // "…\t\n取組内容\t…\n甲の役割\t…"
 */
export function renderProvision(node: Node, address: Address): string {
  const segs = parseAddress(address) ?? [];
  const last = segs[segs.length - 1];
  const parentKind = segs[segs.length - 2]?.kind;
  const join = (lines: readonly string[]): string => lines.join("\n");
  if (typeof node === "string") return node;
  switch (last?.kind) {
    case "date": case "signedOn": return dateText(node as JpDate);
    case "article": {
      const a = node as Article;
      return join(articleLines(a));
    }
    case "articles": return join((node as readonly Article[]).flatMap((a, i) => [...(i > 0 ? [""] : []), ...articleLines(a)]));
    case "paragraph": {
      const p = node as Paragraph;
      return join(paragraphLines(p, p.number > 1));
    }
    case "item":
      if (parentKind === "section") return join(appendixItemLines(node as AppendixItem));
      return join(itemLines([node as Item]));
    case "field": return fieldLine(node as Field);
    case "section": return join(sectionLines(node as Section));
    case "appendix": return join(appendixLines(node as Appendix));
    case "appendices": return join((node as readonly Appendix[]).flatMap((a, i) => [...(i > 0 ? [""] : []), ...appendixLines(a)]));
    case "supplementary": return join(supplementaryLines(node as SupplementaryProvisions)).replace(/\n+$/u, "");
    case "party": {
      const p = node as Party;
      return [p.role, p.name, p.address, p.office, p.head].filter((x) => x !== undefined).join(" ");
    }
    case "parties": return join((node as readonly Party[]).map((p) => `${p.role} ${p.name}`));
    default:
      if ((node as AgreementDocument).articles !== undefined && (node as AgreementDocument).parties !== undefined) return renderDocument(node as AgreementDocument);
      return JSON.stringify(node);
  }
}
