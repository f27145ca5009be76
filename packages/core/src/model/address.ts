/**
 * Provision addresses: stable, human-readable paths to any node of an
 * {@link AgreementDocument}, used in queries, diffs, operations and error messages.
 *
 * Grammar (segments joined by `/`, each `kind` or `kind:value`):
 *
 * | address | node |
 * |---|---|
 * | `title`, `name`, `date`, `preamble`, `closing`, `signedOn` | document-level parts |
 * | `parties`, `party:甲` | all parties, one party by role |
 * | `articles`, `article:3`, `article:3の2` | all articles, one 条 |
 * | `article:3/caption` | the 見出し of 第3条 (its `caption`, a string; absent when it has none) |
 * | `article:3/paragraph:2` | 項 (the first, unnumbered paragraph is 1) |
 * | `article:3/paragraph:1/item:1/item:ア` | 号 and deeper items, by label |
 * | `appendices`, `appendix:1` | all 別表, one 別表 (1-based) |
 * | `appendix:1/section:II` | a section by its label (`#1` for an unlabelled one) |
 * | `appendix:1/section:II/item:高度な中心拠点の強化` | a 取組, by its normalised name |
 * | `…/item:NAME/field:取組内容` | one field of a 取組 |
 * | `supplementary`, `supplementary/paragraph:1` | 附則 |
 *
 * Values are compared after {@link normalizeText}, so `item:ESDによる…` finds `E S Dによる…`.
 * A `/` inside a value is written `%2F`.
 *
 * @module
 */
import type { AgreementDocument, AppendixItem, Appendix, Article, Field, Item, Paragraph, Party, Section } from "./document.js";
import { parseJpNumeral } from "../date/numerals.js";
import { normalizeText } from "./normalize.js";

/** A provision address string such as `article:3/paragraph:2`. */
export type Address = string;

/** The kinds of address segments. */
export type SegmentKind =
  | "title" | "name" | "date" | "preamble" | "closing" | "signedOn"
  | "parties" | "party"
  | "articles" | "article" | "caption" | "paragraph" | "item"
  | "appendices" | "appendix" | "section" | "field"
  | "supplementary";

/** One parsed segment. */
export interface Segment {
  readonly kind: SegmentKind;
  readonly value?: string;
}

const KINDS: ReadonlySet<string> = new Set<SegmentKind>([
  "title", "name", "date", "preamble", "closing", "signedOn", "parties", "party", "articles", "article", "caption",
  "paragraph", "item", "appendices", "appendix", "section", "field", "supplementary",
]);

/**
 * Parse an address; returns `undefined` when it is not well-formed.
 *
 * @example
 * parseAddress("article:3/paragraph:2"); // [{kind:"article",value:"3"},{kind:"paragraph",value:"2"}]
 * parseAddress("chapter:1"); // undefined
 */
export function parseAddress(address: Address): Segment[] | undefined {
  if (address === "") return undefined;
  const out: Segment[] = [];
  for (const raw of address.split("/")) {
    const i = raw.indexOf(":");
    const kind = i < 0 ? raw : raw.slice(0, i);
    if (!KINDS.has(kind)) return undefined;
    if (i < 0) out.push({ kind: kind as SegmentKind });
    else out.push({ kind: kind as SegmentKind, value: raw.slice(i + 1).replace(/%2F/giu, "/") });
  }
  return out;
}

const NUMERAL = "[0-9〇零一二三四五六七八九十百千]+";
const ARTICLE_WRITTEN = new RegExp(`^第(${NUMERAL})条((?:の${NUMERAL})*)(.*)$`, "u");
const PARAGRAPH_ITEM = new RegExp(`^(?:第(${NUMERAL})項)?(?:第(${NUMERAL})号)?$`, "u");
const APPENDIX_WRITTEN = new RegExp(`^別表(?:第(${NUMERAL}))?(?:の?([IVXLC]+))?(?:中「(.+)」の(?:項|取組))?$`, "u");
const SUPPLEMENTARY_WRITTEN = new RegExp(`^附則(?:第(${NUMERAL})項)?$`, "u");
const WHOLE_PARTS: Readonly<Record<string, Address>> = { 題名: "title", 前文: "preamble", 名称: "name", 末文: "closing", 当事者: "parties", 附則: "supplementary" };

/**
 * Read a provision as people write it — 第3条, 第三条, 第3条の2, 第3条の見出し, 第3条第2項,
 * 第3条第2項第1号, 別表, 別表第2, 別表II, 別表II中「…」の項（の取組）, 附則第1項, 前文 — or an address
 * in the `article:3` scheme; `undefined` when it is neither. Full-width digits and Ⅱ are read
 * as 2 and II. A 号 is addressed by its number (`item:1`), which {@link resolveAddress} matches
 * against the label as written (1, (1), （一）).
 *
 * @example
 * readAddress("第三条第2項"); // "article:3/paragraph:2"
 * readAddress("別表Ⅱ中「ESDによる人づくり」の項"); // "appendix:1/section:II/item:ESDによる人づくり"
 * readAddress("article:3"); // "article:3"
 * readAddress("第3章"); // undefined
 */
export function readAddress(text: string): Address | undefined {
  if (parseAddress(text) !== undefined) return text;
  const t = text.normalize("NFKC").replace(/\s+/gu, "");
  const num = (s: string): string | undefined => {
    const n = parseJpNumeral(s);
    return n === undefined || n < 1 ? undefined : String(n);
  };
  const whole = WHOLE_PARTS[t];
  if (whole !== undefined) return whole;
  const art = ARTICLE_WRITTEN.exec(t);
  if (art) {
    const main = num(art[1]!);
    const branches = [...art[2]!.matchAll(new RegExp(`の(${NUMERAL})`, "gu"))].map((m) => num(m[1]!));
    if (main === undefined || branches.includes(undefined)) return undefined;
    const head = articleAddress([main, ...branches].join("の"));
    if (art[3] === "の見出し") return `${head}/caption`;
    return withParagraphItem(head, art[3]!, num);
  }
  const sup = SUPPLEMENTARY_WRITTEN.exec(t);
  if (sup) return sup[1] === undefined ? "supplementary" : mapDefined(num(sup[1]), (p) => `supplementary/paragraph:${p}`);
  const ap = APPENDIX_WRITTEN.exec(t);
  if (ap) {
    const n = ap[1] === undefined ? "1" : num(ap[1]);
    if (n === undefined) return undefined;
    if (ap[2] === undefined) return ap[3] === undefined ? `appendix:${n}` : undefined;
    const section = sectionAddress(Number(n), ap[2]);
    return ap[3] === undefined ? section : formatAddress([...parseAddress(section)!, { kind: "item", value: ap[3] }]);
  }
  return undefined;
}

function withParagraphItem(head: Address, rest: string, num: (s: string) => string | undefined): Address | undefined {
  const m = PARAGRAPH_ITEM.exec(rest);
  if (!m) return undefined;
  // 第3条第1号: the 号 of the first (unnumbered) 項.
  const paragraph = m[1] !== undefined ? num(m[1]) : m[2] !== undefined ? "1" : undefined;
  const item = m[2] !== undefined ? num(m[2]) : undefined;
  if ((m[1] !== undefined && paragraph === undefined) || (m[2] !== undefined && item === undefined)) return undefined;
  return [head, ...(paragraph !== undefined ? [`paragraph:${paragraph}`] : []), ...(item !== undefined ? [`item:${item}`] : [])].join("/");
}

const mapDefined = <T, U>(v: T | undefined, f: (x: T) => U): U | undefined => (v === undefined ? undefined : f(v));

/** A 号's number from its label as written ((1), （一）, 1), to match 第1号. */
function itemNumber(label: string): number | undefined {
  const m = /^[(（]?([0-9〇一二三四五六七八九十]+)[)）]?$/u.exec(label.normalize("NFKC").trim());
  return m ? parseJpNumeral(m[1]!) : undefined;
}

/**
 * Format segments as an address (the inverse of {@link parseAddress}).
 *
 * @example
 * formatAddress([{ kind: "appendix", value: "1" }, { kind: "section", value: "II" }]); // "appendix:1/section:II"
 */
export function formatAddress(segments: readonly Segment[]): Address {
  return segments
    .map((s) => (s.value === undefined ? s.kind : `${s.kind}:${s.value.replace(/\//gu, "%2F")}`))
    .join("/");
}

/**
 * Address of an article (条).
 *
 * @example
 * articleAddress("3"); // "article:3"
 */
export function articleAddress(number: string): Address {
  return `article:${number}`;
}

/**
 * Address of a paragraph (項).
 *
 * @example
 * paragraphAddress("3", 2); // "article:3/paragraph:2"
 */
export function paragraphAddress(article: string, paragraph: number): Address {
  return `${articleAddress(article)}/paragraph:${paragraph}`;
}

/**
 * The address value of a section: its label, or `#n` (1-based position) when unlabelled.
 *
 * @example
 * sectionKey({ label: "II", title: "…", items: [] }, 1); // "II"
 */
export function sectionKey(section: Section, index: number): string {
  return section.label !== "" ? normalizeText(section.label) : `#${index + 1}`;
}

/**
 * Address of a 別表 section.
 *
 * @example
 * sectionAddress(1, "II"); // "appendix:1/section:II"
 */
export function sectionAddress(appendix: number, key: string): Address {
  return formatAddress([{ kind: "appendix", value: String(appendix) }, { kind: "section", value: key }]);
}

/**
 * Address of a 取組 in a 別表 section; the name is normalised.
 *
 * @example
 * appendixItemAddress(1, "II", "E S Dによる人づくり"); // "appendix:1/section:II/item:ESDによる人づくり"
 */
export function appendixItemAddress(appendix: number, key: string, name: string): Address {
  return formatAddress([
    { kind: "appendix", value: String(appendix) },
    { kind: "section", value: key },
    { kind: "item", value: normalizeText(name) },
  ]);
}

/** Any node an address can reach. */
export type Node =
  | AgreementDocument | string | Party | readonly Party[] | Article | readonly Article[] | Paragraph | Item
  | Appendix | readonly Appendix[] | Section | AppendixItem | Field | NonNullable<AgreementDocument["supplementary"]>
  | NonNullable<AgreementDocument["date"]>;

const same = (a: string, b: string): boolean => a === b || normalizeText(a) === normalizeText(b);

/**
 * Find the node at an address, or `undefined` when there is none (or the address is malformed).
 *
 * @example
 * resolveAddress(doc, "article:3/paragraph:1"); // the first 項 of 第3条
 * resolveAddress(doc, "article:5/caption"); // "連絡会議" (undefined when 第5条 has no 見出し)
 * resolveAddress(doc, "appendix:1/section:II/item:ESDによる人づくりとネットワーク化の推進"); // a 取組
 */
export function resolveAddress(doc: AgreementDocument, address: Address): Node | undefined {
  const segs = parseAddress(address);
  if (!segs) return undefined;
  let node: unknown = doc;
  // "end": a collection, a text or a field was reached; no segment may follow it.
  let ctx: "doc" | "article" | "paragraph" | "item" | "appendix" | "section" | "appendixItem" | "supplementary" | "end" = "doc";
  for (const s of segs) {
    const v = s.value ?? "";
    switch (ctx) {
      case "doc": {
        const d = node as AgreementDocument;
        switch (s.kind) {
          case "title": case "name": case "preamble": case "closing": case "date": case "signedOn":
            node = d[s.kind]; ctx = "end"; break;
          case "parties": node = d.parties; ctx = "end"; break;
          case "party": node = d.parties.find((p) => same(p.role, v)); ctx = "end"; break;
          case "articles": node = d.articles; ctx = "end"; break;
          case "article": node = d.articles.find((a) => same(a.number, v)); ctx = "article"; break;
          case "appendices": node = d.appendices; ctx = "end"; break;
          case "appendix": node = d.appendices.find((a) => String(a.number) === v); ctx = "appendix"; break;
          case "supplementary": node = d.supplementary; ctx = "supplementary"; break;
          default: return undefined;
        }
        break;
      }
      case "article":
      case "supplementary": {
        // 見出し: 「第3条の見出し」 is `article:3/caption`, a leaf.
        if (s.kind === "caption" && ctx === "article" && s.value === undefined) {
          node = (node as Article).caption;
          ctx = "end";
          break;
        }
        if (s.kind !== "paragraph") return undefined;
        node = (node as Article).paragraphs.find((p) => String(p.number) === v);
        ctx = "paragraph";
        break;
      }
      case "paragraph":
      case "item": {
        if (s.kind !== "item") return undefined;
        node = (node as Paragraph | Item).items.find((it) => same(it.label, v))
          ?? (itemNumber(v) === undefined ? undefined : (node as Paragraph | Item).items.find((it) => itemNumber(it.label) === itemNumber(v)));
        ctx = "item";
        break;
      }
      case "appendix": {
        if (s.kind !== "section") return undefined;
        const secs = (node as Appendix).sections;
        node = secs.find((sec, i) => sectionKey(sec, i) === normalizeText(v) || (sec.label === "" && `#${i + 1}` === v));
        ctx = "section";
        break;
      }
      case "section": {
        if (s.kind !== "item") return undefined;
        node = (node as Section).items.find((it) => same(it.name, v));
        ctx = "appendixItem";
        break;
      }
      case "appendixItem": {
        if (s.kind !== "field") return undefined;
        node = (node as AppendixItem).fields.find((f) => same(f.name, v));
        ctx = "end";
        break;
      }
      case "end":
        return undefined;
    }
    if (node === undefined || node === null) return undefined;
  }
  return node as Node;
}
