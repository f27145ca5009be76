/**
 * The agreement document model (連携協約書 and documents of the same shape): plain, frozen
 * data. Every text node keeps the original text as the source wrote it (for display); the
 * normalised form used for matching is computed by `normalizeText`, never stored.
 *
 * Numbering and addresses: see docs/addresses.md and `./address.ts`.
 *
 * @module
 */
import type { JpDate } from "../date/types.js";

/** A party's role letter as the text assigns it: 甲, 乙, 丙, 丁 … */
export type Role = string;

/**
 * A party (当事者) to an agreement: the municipality and its signatory.
 *
 * @example
 * const okayama: Party = { role: "甲", name: "岡山市", address: "岡山市北区大供一丁目1番1号",
 *   office: "岡山市長", head: "大森 雅夫" };
 */
export interface Party {
  /** 甲/乙/丙…, from 「(以下「甲」という。)」. */
  readonly role: Role;
  /** Municipality name as written (e.g. `岡 山 市` stays spaced; match with normalizeText). */
  readonly name: string;
  /** 所在地 from the signature block. */
  readonly address?: string;
  /** Office title of the signatory, e.g. 岡山市長. */
  readonly office?: string;
  /** The head's name (blank in drafts). */
  readonly head?: string;
}

/**
 * 号 and deeper items: `(1)`, `ア`, `(ア)`, `a`, `(a)`, `i` … nested to any depth.
 * `label` is the label as written without surrounding whitespace.
 */
export interface Item {
  readonly label: string;
  readonly text: string;
  readonly items: readonly Item[];
}

/**
 * 項 (paragraph). The first paragraph of an article carries no number in the text but has
 * `number: 1`; later ones are written 「2」「3」….
 */
export interface Paragraph {
  readonly number: number;
  readonly text: string;
  readonly items: readonly Item[];
}

/**
 * 条 (article). `number` is the article number as a string so that 枝番号 fit: `"3"`,
 * `"3の2"`.
 */
export interface Article {
  readonly number: string;
  /** 見出し without its parentheses, e.g. `目的` for （目的）. */
  readonly caption?: string;
  readonly paragraphs: readonly Paragraph[];
}

/** One named field of a 取組, e.g. `{ name: "取組内容", text: "…" }`. */
export interface Field {
  readonly name: string;
  readonly text: string;
}

/** 取組: a named measure in a 別表 section, with however many fields the table has. */
export interface AppendixItem {
  readonly name: string;
  readonly fields: readonly Field[];
}

/** A section (区分) of a 別表, e.g. `I` 圏域全体の経済成長のけん引. `label` may be empty for an unsectioned table. */
export interface Section {
  /** Roman numeral label as written, normalised to ASCII (`I`, `II`, `III`, `IV` …), or "". */
  readonly label: string;
  readonly title: string;
  readonly items: readonly AppendixItem[];
}

/**
 * 別表. `number` is 1-based in document order (別表 alone is number 1; 別表第2 is 2).
 *
 * @example
 * const a: Appendix = { number: 1, heading: "別表（第3条関係）", relatedTo: "第3条関係", sections: [] };
 */
export interface Appendix {
  readonly number: number;
  /** The heading line as written, e.g. `別表（第3条関係）`. */
  readonly heading: string;
  /** The parenthesised relation without parentheses, e.g. `第3条関係`. */
  readonly relatedTo?: string;
  readonly sections: readonly Section[];
}

/** 附則: numbered paragraphs, e.g. 「1 この協約は、令和7年4月1日から適用する。」. */
export interface SupplementaryProvisions {
  /** Heading as written, e.g. `附 則`. */
  readonly heading: string;
  readonly paragraphs: readonly Paragraph[];
}

/**
 * A whole agreement text (連携協約書), as in force at some date.
 *
 * `unknown` lists the addresses of parts whose text kyoyaku does not have: a history that
 * begins with an amendment of an agreement whose original is not at hand knows only what
 * the amendment states (e.g. `["title", "preamble", "articles"]`). Answers report these
 * parts as unknown instead of inventing them. A complete document has `unknown: []`.
 */
export interface AgreementDocument {
  /** 連携中枢都市圏形成に係る連携協約書 */
  readonly title: string;
  /** The date printed under the title. */
  readonly date?: JpDate;
  /** Parties in the order the text lists them. */
  readonly parties: readonly Party[];
  /**
   * `false` when the text has no party lines under its title (an 例規集 page names the parties
   * only in its 前文 「真庭市（以下「甲」という。）と…」, or only the 署名欄 does): the parties
   * were read from there, and a rendering prints no party lines the source does not have.
   * Absent when the text lists them.
   */
  readonly partyLines?: false;
  /** The name line above the 前文, e.g. 岡山市及び和気町における連携中枢都市圏形成に係る連携協約. */
  readonly name?: string;
  /** 前文. */
  readonly preamble: string;
  readonly articles: readonly Article[];
  /** Closing sentence, 「この連携協約の締結を証するため、…」. */
  readonly closing?: string;
  /** The date of the signature block. */
  readonly signedOn?: JpDate;
  readonly appendices: readonly Appendix[];
  /** 附則 of the agreement itself (a restated agreement may have one). */
  readonly supplementary?: SupplementaryProvisions;
  /** Addresses of parts not known (see above). */
  readonly unknown: readonly string[];
}
