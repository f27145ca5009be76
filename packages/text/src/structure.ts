/**
 * Line classifiers and block readers shared by the agreement and amendment parsers:
 * 条 (with 見出し), 項, 号 and deeper items, 別表 (sections, 取組, fields), 附則, and the
 * signature block.
 *
 * @module
 */
import { addressLabel, appendixItemAddress, articleLabel, sectionKey, type Appendix, type AppendixItem, type Article, type Field, type Item, type Paragraph, type Section, type SupplementaryProvisions } from "@kyoyaku/core";
import { report, type Ctx } from "./context.js";
import { isDateLine } from "./dates.js";
import { normalizeLine, type Line } from "./lines.js";
import { progressGuard } from "./progress.js";
import { articleNumber, compareArticleNumbers, LOWER_ROMAN_MESSAGE, lowerRoman, NUMBER_CHARS, readNumber } from "./numbers.js";

const SP = "[ \\u3000\\t]";
const NUM = `[${NUMBER_CHARS}]+`;

// ---------------------------------------------------------------------------------------
// Classifiers

const CAPTION = /^[（(]([^（）()]+)[）)]$/u;
const ARTICLE = new RegExp(`^第(${NUM})条((?:の${NUM})*)(?:${SP}+(.*))?$`, "u");
const PARAGRAPH = new RegExp(`^([0-9０-９]+)${SP}+(\\S.*)$`, "u");
const APPENDIX = new RegExp(`^別${SP}*表(?:第(${NUM}))?${SP}*(?:[（(](.+)[）)])?$`, "u");
const SUPPLEMENTARY = /^附[ \u3000]*則(?:[ \u3000]*[（(].*[）)])?$/u;
const ROLE = /^([甲乙丙丁戊己庚辛壬癸])(?:[ \u3000\t]+(.*))?$/u;
const ROMAN_CHARS = "IVXⅠ-ⅫＩＶＸ";
const SECTION = new RegExp(`^([${ROMAN_CHARS}]+)(?:${SP}+|[.．、]${SP}*)(\\S.*)$`, "u");
const ROLES = "甲乙丙丁戊己庚辛壬癸";

/**
 * A caption line 「（目的）」: returns the caption without parentheses.
 *
 * @example
 * matchCaption(line("（目的）")); // "目的"
 */
export const matchCaption = (l: Line): string | undefined => CAPTION.exec(l.text)?.[1];

/**
 * An article line 「第3条 …」: number in model form and the rest of the line.
 *
 * @example
 * matchArticle(line("第3条の2 甲及び乙は、…")); // { number: "3の2", rest: "甲及び乙は、…" }
 */
export function matchArticle(l: Line): { number: string; rest: string } | undefined {
  const m = ARTICLE.exec(l.text);
  if (!m) return undefined;
  const number = articleNumber(m[1]! + m[2]!);
  return number === undefined ? undefined : { number, rest: m[3] ?? "" };
}

/**
 * The heading of an article line whose number is a malformed numeral (「第十十条 …」 → 「第十十条」).
 *
 * @example
 * malformedArticle(line("第十十条 甲及び乙は、…")); // "第十十条"
 * malformedArticle(line("第十条 甲及び乙は、…")); // undefined
 */
export function malformedArticle(l: Line): string | undefined {
  const m = ARTICLE.exec(l.text);
  return m && articleNumber(m[1]! + m[2]!) === undefined ? `第${m[1]!}条${m[2]!}` : undefined;
}

/**
 * Refuse, each at its line, the 条 and 別表 headings whose number is a malformed numeral
 * (「第十十条 …」, 「別表第十十」): they match no heading, so they would otherwise be read as the
 * text around them (a 前文, the 条 before) or as an unnumbered 別表.
 *
 * @example
 * refuseMalformedHeadings(ctx, splitLines("第十十条 甲及び乙は、…")); // ctx.issues: parse.numeral-malformed at line 1
 */
export function refuseMalformedHeadings(ctx: Ctx, lines: readonly Line[]): void {
  for (const l of lines) {
    const c = l.text.charCodeAt(0);
    if (c !== 0x7b2c /* 第 */ && c !== 0x5225 /* 別 */) continue;
    const a = malformedArticle(l);
    const m = a === undefined ? APPENDIX.exec(l.text) : null;
    const heading = a ?? (m?.[1] !== undefined && readNumber(m[1]) === undefined ? `別表第${m[1]}` : undefined);
    if (heading !== undefined) {
      report(ctx, "error", "parse.numeral-malformed", `「${heading}」の数字が正しい漢数字でないため、${a !== undefined ? "条" : "別表"}として読めない（十十・三五十・十百千・〇十などは数でなく、番号は1から）`, l.no);
    }
  }
}

/**
 * A 別表 heading: its explicit number (別表第2) and relation (第3条関係).
 *
 * @example
 * matchAppendixHeading(line("別表第2（第3条関係）")); // { number: 2, relatedTo: "第3条関係" }
 */
export function matchAppendixHeading(l: Line): { number?: number; relatedTo?: string } | undefined {
  const m = APPENDIX.exec(l.text);
  if (!m) return undefined;
  const n = m[1] !== undefined ? readNumber(m[1]) : undefined;
  return { ...(n !== undefined ? { number: n } : {}), ...(m[2] !== undefined ? { relatedTo: m[2] } : {}) };
}

/**
 * The 附則 heading.
 *
 * @example
 * isSupplementaryHeading(line("附 則")); // true
 */
export const isSupplementaryHeading = (l: Line): boolean => SUPPLEMENTARY.test(l.text);

/**
 * The closing sentence 「この連携協約の締結を証するため、…」.
 *
 * @example
 * isClosing(line("この連携協約の締結を証するため、…")); // true
 */
export const isClosing = (l: Line): boolean => /^(?:この|本).{0,30}(?:を証するため|の証として)/u.test(l.norm);

/**
 * A signature block role line 「甲 岡山市北区大供一丁目1番1号」.
 *
 * @example
 * matchRole(line("甲 岡山市北区大供一丁目1番1号")); // { role: "甲", rest: "岡山市北区大供一丁目1番1号" }
 */
export function matchRole(l: Line): { role: string; rest: string } | undefined {
  const m = ROLE.exec(l.text);
  return m ? { role: m[1]!, rest: m[2] ?? "" } : undefined;
}

/** A line that would be a 区分 heading if its label were uppercase: 「ii 高次の…」「ⅱ 高次の…」. */
const LOWER_SECTION = new RegExp(`^(?:#{1,6}${SP}+)?([ivxⅰ-ⅻｉｖｘ]+)(?:${SP}+|[.．、]${SP}*)\\S`, "u");

/**
 * A 別表 section heading 「I 圏域全体の…」 (label normalised to ASCII).
 *
 * @example
 * matchSection(line("### Ⅲ 圏域全体の…")); // { label: "III", title: "圏域全体の…" }
 */
export function matchSection(l: Line): { label: string; title: string } | undefined {
  if (l.raw.includes("\t") && !/^[ \t\u3000]*#/u.test(l.raw) && /\t\S/u.test(l.raw.trim())) return undefined;
  const m = SECTION.exec(l.text);
  if (!m) return undefined;
  const label = m[1]!.normalize("NFKC");
  return /^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3}|XI{1,3}|XIV|XV)$/u.test(label) ? { label, title: m[2]! } : undefined;
}

/**
 * A line that ends the document body: 附則, closing, 別表, role line.
 *
 * @example
 * isBodyTerminator(line("別表（第3条関係）")); // true
 */
export const isBodyTerminator = (l: Line): boolean =>
  isSupplementaryHeading(l) || isClosing(l) || matchAppendixHeading(l) !== undefined || matchRole(l) !== undefined;

// ---------------------------------------------------------------------------------------
// Items (号 and deeper)

type ItemKind = "paren-num" | "paren-kata" | "paren-roman" | "paren-alpha" | "circled" | "kanji" | "kata" | "roman" | "alpha";

const KATA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const ROMAN_LOWER = "(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)";
const ITEM_PATTERNS: readonly (readonly [ItemKind, RegExp])[] = [
  ["paren-num", /^([(（][0-9０-９]+[)）])[ \u3000\t]*(\S.*)$/u],
  ["paren-kata", new RegExp(`^([(（][${KATA}][)）])[ \\u3000\\t]*(\\S.*)$`, "u")],
  ["paren-roman", new RegExp(`^([(（]${ROMAN_LOWER}[)）])[ \\u3000\\t]*(\\S.*)$`, "u")],
  ["paren-alpha", /^([(（][a-zａ-ｚ][)）])[ \u3000\t]*(\S.*)$/u],
  ["circled", /^([①-⑳])[ \u3000\t]*(\S.*)$/u],
  ["kanji", /^([一二三四五六七八九十]+)[ \u3000\t]+(\S.*)$/u],
  ["kata", new RegExp(`^([${KATA}])[ \\u3000\\t]+(\\S.*)$`, "u")],
  ["roman", new RegExp(`^(${ROMAN_LOWER})[ \\u3000\\t]+(\\S.*)$`, "u")],
  ["alpha", /^([a-z])[ \u3000\t]+(\S.*)$/u],
];

/**
 * An item line: its label kind, label as written and text.
 *
 * @example
 * matchItem(line("（１） 企画に関すること。")); // { kind: "paren-num", label: "（１）", text: "企画に関すること。" }
 */
export function matchItem(l: Line): { kind: ItemKind; label: string; text: string } | undefined {
  for (const [kind, re] of ITEM_PATTERNS) {
    const m = re.exec(l.text);
    if (m) return { kind, label: m[1]!, text: m[2]! };
  }
  return undefined;
}

interface ItemB { label: string; text: string; items: ItemB[] }
interface ParaB { number: number; text: string; items: ItemB[]; line: number }

const bare = (label: string): string => label.normalize("NFKC").replace(/[()]/gu, "");

/**
 * Builds nested items from lines: a label kind not yet open starts a deeper level, one
 * already open closes the levels below it.
 */
class ItemTree {
  private stack: { kind: ItemKind; list: ItemB[] }[] = [];
  constructor(private readonly root: ItemB[]) {}
  add(kind: ItemKind, label: string, text: string): void {
    // i, v, x right after h, u, w are letters, not roman numerals.
    if (kind === "roman" || kind === "paren-roman") {
      const alphaKind: ItemKind = kind === "roman" ? "alpha" : "paren-alpha";
      const lvl = this.stack.find((s) => s.kind === alphaKind);
      const prev = lvl?.list[lvl.list.length - 1];
      if (lvl && prev && bare(label).length === 1 && bare(prev.label).charCodeAt(0) + 1 === bare(label).charCodeAt(0)) kind = alphaKind;
    }
    const idx = this.stack.findIndex((s) => s.kind === kind);
    const node: ItemB = { label, text, items: [] };
    if (idx >= 0) {
      this.stack.length = idx + 1;
      this.stack[idx]!.list.push(node);
      return;
    }
    const top = this.stack[this.stack.length - 1];
    const parent = top?.list[top.list.length - 1];
    const list = parent ? parent.items : this.root;
    this.stack.push({ kind, list });
    list.push(node);
  }
  /** The deepest last item, for continuation lines. */
  last(): ItemB | undefined {
    const top = this.stack[this.stack.length - 1];
    return top?.list[top.list.length - 1];
  }
}

const freezeItem = (b: ItemB): Item => ({ label: b.label, text: b.text, items: b.items.map(freezeItem) });
const freezePara = (p: ParaB): Paragraph => ({ number: p.number, text: p.text, items: p.items.map(freezeItem) });

// ---------------------------------------------------------------------------------------
// Paragraphs (項) with their items, for articles and 附則

/**
 * Read paragraphs (項) and their items from `lines[i]` on until `stop` says a line belongs
 * to something else. `first` is the text of the first paragraph when it began on the line
 * before (「第3条 …」).
 *
 * @example
 * readParagraphs(ctx, lines, i + 1, { text: "甲は、…", line: 12 }, stop, "article:3").paragraphs.length; // 2 for 「第3条 …」「2 …」
 */
export function readParagraphs(
  ctx: Ctx, lines: readonly Line[], i: number, first: { text: string; line: number } | undefined,
  stop: (l: Line, i: number) => boolean, address: string, free = false,
): { paragraphs: Paragraph[]; next: number } {
  const paras: ParaB[] = [];
  let tree: ItemTree | undefined;
  const open = (number: number, text: string, line: number): void => {
    const p: ParaB = { number, text, items: [], line };
    paras.push(p);
    tree = new ItemTree(p.items);
  };
  if (first) open(1, first.text, first.line);
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.text === "") { i++; continue; }
    if (stop(l, i)) break;
    const pm = PARAGRAPH.exec(l.text);
    const num = pm ? readNumber(pm[1]!) : undefined;
    const last = paras[paras.length - 1];
    if (free && pm && num !== undefined && paras.length === 0) { open(num, pm[2]!, l.no); i++; continue; }
    if (pm && num !== undefined && num >= 2 && num <= (last?.number ?? 1) + 20) {
      const expected = (last?.number ?? 0) + 1;
      if (last === undefined) open(1, "", l.no);
      const prev = paras[paras.length - 1]!;
      if (num <= prev.number) {
        report(ctx, "error", "parse.paragraph-duplicate", `${addressLabel(address)}に第${num}項が2回ある（又は順序が違う）：第${prev.number}項の次の行が第${num}項となっている`, l.no, { address: `${address}/paragraph:${num}` });
      } else if (num !== expected && last !== undefined) {
        report(ctx, "warning", "parse.paragraph-gap", `${addressLabel(address)}の項の番号が${prev.number}から${num}に飛んでいる：第${prev.number + 1}項がない`, l.no, { address: `${address}/paragraph:${num}` });
      }
      open(num, pm[2]!, l.no);
      i++;
      continue;
    }
    if (pm && num === 1 && paras.length === 0) { open(1, pm[2]!, l.no); i++; continue; }
    const im = matchItem(l);
    if (im) {
      if (paras.length === 0) open(1, "", l.no);
      tree!.add(im.kind, im.label, im.text);
      i++;
      continue;
    }
    // A line that is none of the above continues the text before it (a line wrapped by conversion)
    // — unless it is a 見出し or a 条名 that could not be read: folded into the 条 before, the
    // next 条 would silently lose its 見出し or its whole text.
    if (paras.length > 0 && damagedHeading(ctx, lines, i, address)) { i++; continue; }
    if (paras.length === 0) { open(1, l.text, l.no); i++; continue; }
    const it = tree!.last();
    if (it) it.text += l.text;
    else paras[paras.length - 1]!.text += l.text;
    i++;
  }
  for (const p of paras) {
    if (p.text === "" && p.items.length === 0) report(ctx, "warning", "parse.paragraph-empty", `${addressLabel(`${address}/paragraph:${p.number}`)}に本文がない`, p.line, { address: `${address}/paragraph:${p.number}` });
  }
  return { paragraphs: paras.map(freezePara), next: i };
}

// A 条名 whose number is not read (「第  条」「第Ｘ条」), at the start of a line and followed by its text.
const DAMAGED_ARTICLE = /^第[ \u3000]*([^ \u3000。、「」]{0,4}?)[ \u3000]*条(?:の[^ \u3000]{1,3})?[ \u3000]+\S/u;
// A 見出し line, whole (「（費用分担）」) or with its closing parenthesis lost (「（連絡会議」).
// (No digits and no 第: 「（昭和22年法律第67号）」 wrapped onto a line of its own is a sentence's.)
const CAPTION_LIKE = /^[（(][^（）()。、0-9０-９第]{1,20}[）)]?$/u;

/**
 * True (and an error at the line) when a line that would continue the text before it is a
 * 見出し or a 条名 that was not read: a 「（見出し）」 line before a line that starts 「第…条」, or a
 * line starting with 「第…条 」 whose number is not a number.
 */
function damagedHeading(ctx: Ctx, lines: readonly Line[], i: number, address: string): boolean {
  const l = lines[i]!;
  const d = DAMAGED_ARTICLE.exec(l.text);
  if (d && articleNumber(d[1]!) === undefined) {
    report(ctx, "error", "parse.article-heading-unread", `「${l.text.slice(0, 20)}」は条名（第N条）らしいが番号「${d[1]}」が読めない：${addressLabel(address)}の続きとしては読まない（OCR・抽出の誤りなら原本で確かめて直してください）`, l.no, { address });
    return true;
  }
  if (CAPTION_LIKE.test(l.text)) {
    const next = nextNonBlank(lines, i + 1);
    if (next !== undefined && /^第/u.test(next.text) && /条/u.test(next.text.slice(0, 8))) {
      report(ctx, "error", "parse.caption-unread", `「${l.text}」は次の条の見出しらしいが${/[）)]$/u.test(l.text) ? "次の行が条として読めない" : "閉じ括弧がない"}：${addressLabel(address)}の続きとしては読まない（原本で確かめて直してください）`, l.no, { address });
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Articles (条)

/**
 * True when a line ends in a tab, spaces after it aside (`/\t[ \t]*$/` tried every tab of a long
 * run inside a line against the end: quadratic, 100,000 tabs before the text took a minute).
 */
function endsInTab(raw: string): boolean {
  for (let e = raw.length - 1; e >= 0 && (raw[e] === " " || raw[e] === "\t"); e--) if (raw[e] === "\t") return true;
  return false;
}

const nextNonBlank = (lines: readonly Line[], i: number): Line | undefined => {
  for (let j = i; j < lines.length; j++) if (lines[j]!.text !== "") return lines[j];
  return undefined;
};

/**
 * True when line `i` starts an article: an article line, or a caption line followed by one.
 *
 * @example
 * startsArticle(splitLines("（目的）\n\n第1条 …"), 0); // true
 */
export function startsArticle(lines: readonly Line[], i: number): boolean {
  const l = lines[i];
  if (!l) return false;
  if (matchArticle(l)) return true;
  if (matchCaption(l) === undefined) return false;
  const n = nextNonBlank(lines, i + 1);
  return n !== undefined && matchArticle(n) !== undefined;
}

/**
 * Read consecutive articles starting at `i`. `stop` ends the run at a line that belongs to
 * something else (an 改め文, 附則 …); body terminators always end it.
 *
 * @example
 * readArticles(ctx, lines, i).articles.map((a) => a.caption); // ["目的", "基本方針", …]
 */
export function readArticles(
  ctx: Ctx, lines: readonly Line[], i: number, stop: (l: Line, i: number) => boolean = () => false, fromFirst = true,
): { articles: Article[]; next: number } {
  const articles: Article[] = [];
  const lineOf = new Map<string, number>();
  const turn = progressGuard("readArticles");
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.text === "") i++;
    if (i >= lines.length || !startsArticle(lines, i) || stop(lines[i]!, i)) break;
    turn(i, `line ${lines[i]!.no}`);
    let caption: string | undefined;
    const cap = matchCaption(lines[i]!);
    if (cap !== undefined && !matchArticle(lines[i]!)) {
      caption = cap;
      i++;
      while (lines[i]!.text === "") i++;
    }
    const al = lines[i]!;
    const am = matchArticle(al)!;
    const address = `article:${am.number}`;
    const prev = articles[articles.length - 1];
    if (lineOf.has(am.number)) {
      report(ctx, "error", "parse.article-duplicate", `${articleLabel(am.number)}が2回ある（${lineOf.get(am.number)}行目と${al.no}行目）`, al.no, { address });
    } else if (prev && compareArticleNumbers(am.number, prev.number) <= 0) {
      report(ctx, "error", "parse.article-order", `${articleLabel(am.number)}が${articleLabel(prev.number)}の後にある：条の順序が違う`, al.no, { address });
    } else if (prev) {
      const pn = prev.number.split("の").map(Number);
      const cn = am.number.split("の").map(Number);
      const expectedMain = pn[0]! + 1;
      if (cn[0]! > expectedMain) {
        const missing = cn[0]! - expectedMain === 1 ? `第${expectedMain}条がない` : `第${expectedMain}条から第${cn[0]! - 1}条までがない`;
        report(ctx, "warning", "parse.article-gap", `条の番号が${articleLabel(prev.number)}から${articleLabel(am.number)}に飛んでいる：${missing}`, al.no, { address });
      }
    } else if (fromFirst) {
      const cn = am.number.split("の").map(Number);
      if (cn[0]! > 1) report(ctx, "warning", "parse.article-gap", `最初の条が${articleLabel(am.number)}である：第1条がない`, al.no, { address });
    }
    lineOf.set(am.number, al.no);
    const first = am.rest !== "" ? { text: am.rest, line: al.no } : undefined;
    const r = readParagraphs(ctx, lines, i + 1, first, (l, j) => startsArticle(lines, j) || isBodyTerminator(l) || stop(l, j) || isDateLine(l.text), address);
    let paragraphs = r.paragraphs;
    if (paragraphs.length === 0) {
      report(ctx, "warning", "parse.article-empty", `${articleLabel(am.number)}に本文がない`, al.no, { address });
      paragraphs = [{ number: 1, text: "", items: [] }];
    }
    articles.push({ number: am.number, ...(caption !== undefined ? { caption } : {}), paragraphs });
    i = r.next;
  }
  return { articles, next: i };
}

// ---------------------------------------------------------------------------------------
// 別表

const FIELD_ROW = /^([^\t]{1,30}?)\t+(.*)$/u;
const LIKELY_FIELD = /^(?:取組内容|事業内容|内容|[甲乙丙丁戊己庚辛壬癸]の役割|役割分担|備考)$/u;

/**
 * Read a 別表 from its heading at `i` until a line `stop` claims (or another 別表, 附則,
 * closing, role line). Sections, 取組 and their fields; damaged rows are reported.
 *
 * @example
 * readAppendix(ctx, lines, i, 1).appendix.sections.map((s) => s.label); // ["I", "II", "III"]
 */
export function readAppendix(
  ctx: Ctx, lines: readonly Line[], i: number, number: number, stop: (l: Line, i: number) => boolean = () => false,
  headingLess = false,
): { appendix: Appendix; next: number } {
  let heading = "別表";
  let relatedTo: string | undefined;
  const headLine = lines[i]!;
  if (!headingLess) {
    const h = matchAppendixHeading(headLine)!;
    heading = headLine.text;
    relatedTo = h.relatedTo;
    i++;
  }
  interface ItemAcc { name: string; fields: Field[]; line: number; lastFieldLine?: number }
  interface SecAcc { label: string; title: string; items: ItemAcc[]; line: number }
  const sections: SecAcc[] = [];
  let item: ItemAcc | undefined;
  const knownFields = new Set<string>();
  const isFieldName = (s: string): boolean => {
    const n = normalizeLine(s);
    return knownFields.has(n) || LIKELY_FIELD.test(n);
  };
  const section = (line: number): SecAcc => {
    if (sections.length === 0) sections.push({ label: "", title: "", items: [], line });
    return sections[sections.length - 1]!;
  };
  let prevWasField = false;
  while (i < lines.length) {
    const l = lines[i]!;
    // a blank line ends a cell: what follows is no wrap of it (a page footer after the table is not its text)
    if (l.text === "") { prevWasField = false; i++; continue; }
    if (stop(l, i) || isSupplementaryHeading(l) || isClosing(l) || matchAppendixHeading(l) || (matchRole(l) && !l.raw.includes("\t"))) break;
    // 「ii 高次の都市機能…」: a lowercase label is refused, never folded into the 区分 before.
    const lower = l.raw.includes("\t") ? null : LOWER_SECTION.exec(l.text);
    if (lower && lowerRoman(lower[1]!)) {
      report(ctx, "error", "parse.numeral-malformed", LOWER_ROMAN_MESSAGE(l.text.slice(0, 20), lower[1]!), l.no, { address: `appendix:${number}` });
      i++;
      continue;
    }
    const sec = matchSection(l);
    if (sec) {
      sections.push({ label: sec.label, title: sec.title, items: [], line: l.no });
      item = undefined;
      prevWasField = false;
      i++;
      continue;
    }
    const fm = FIELD_ROW.exec(l.text);
    const hasTab = l.raw.includes("\t");
    // 「甲の役割\t」 with nothing after the tab: a field whose text is missing.
    const emptyField = hasTab && !fm && isFieldName(l.text) && item !== undefined;
    const spaced = !hasTab ? /^(\S{2,12}?)[ \u3000]+(\S.*)$/u.exec(l.text) : null;
    const spacedField = spaced && isFieldName(spaced[1]!) && item !== undefined ? spaced : null;
    if (fm || emptyField || spacedField) {
      const name = fm ? fm[1]! : spacedField ? spacedField[1]! : l.text;
      const text = fm ? fm[2]! : spacedField ? spacedField[2]! : "";
      const nameNorm = normalizeLine(name);
      if (!item || item.fields.some((f) => normalizeLine(f.name) === nameNorm)) {
        report(ctx, "error", "parse.appendix-orphan-field", `${l.no}行目の欄「${name}」の上に取組名がない（取組名の行が抜けている）`, l.no, { address: `appendix:${number}` });
        i++;
        continue;
      }
      item.fields.push({ name, text });
      item.lastFieldLine = l.no;
      knownFields.add(nameNorm);
      if (text === "") {
        const s = section(l.no);
        report(ctx, "warning", "parse.appendix-empty-field", `取組「${item.name}」の欄「${name}」が空である（${l.no}行目）`, l.no, { address: `${appendixItemAddress(number, sectionKey({ label: s.label, title: s.title, items: [] }, sections.length - 1), item.name)}/field:${nameNorm}` });
      }
      prevWasField = true;
      i++;
      continue;
    }
    // A line after a field row that does not end with a tab and is not followed by a field
    // row continues that field (a wrapped cell); otherwise it names a new 取組.
    const nxt = nextNonBlank(lines, i + 1);
    const nextIsField = nxt !== undefined && (FIELD_ROW.test(nxt.text) || (nxt.raw.includes("\t") && isFieldName(nxt.text)));
    if (prevWasField && item && !endsInTab(l.raw) && !nextIsField && item.fields.length > 0) {
      const f = item.fields[item.fields.length - 1]!;
      item.fields[item.fields.length - 1] = { name: f.name, text: f.text + l.text };
      i++;
      continue;
    }
    item = { name: l.text, fields: [], line: l.no };
    section(l.no).items.push(item);
    prevWasField = false;
    i++;
  }
  // Every 取組 should have the fields the table uses.
  const allFields = [...knownFields];
  const labels = new Map<string, number>();
  sections.forEach((s, si) => {
    const key = sectionKey({ label: s.label, title: s.title, items: [] }, si);
    if (labels.has(key)) report(ctx, "error", "parse.section-duplicate", `別表の区分 ${key} が2回ある（${labels.get(key)}行目と${s.line}行目）`, s.line, { address: `appendix:${number}/section:${key}` });
    labels.set(key, s.line);
    const names = new Map<string, number>();
    for (const it of s.items) {
      const address = appendixItemAddress(number, key, it.name);
      const n = normalizeLine(it.name);
      if (names.has(n)) report(ctx, "error", "parse.appendix-duplicate-item", `区分 ${key} に取組「${it.name}」が2回ある（${names.get(n)}行目と${it.line}行目）`, it.line, { address });
      names.set(n, it.line);
      if (it.fields.length === 0) {
        // recorded, a line that is no 取組 (a footer, a note) would become one: refused
        report(ctx, "error", "parse.appendix-item-no-fields", `取組「${it.name}」に欄がない（表が切れているか、この行が取組名でない）`, it.line, { address });
        continue;
      }
      const have = new Set(it.fields.map((f) => normalizeLine(f.name)));
      const missing = allFields.filter((f) => !have.has(f));
      if (missing.length > 0) report(ctx, "warning", "parse.appendix-missing-field", `取組「${it.name}」に${missing.map((m) => `「${m}」`).join("")}がない（表が切れているか、行が抜けている）`, it.lastFieldLine ?? it.line, { address });
    }
    if (s.items.length === 0 && s.label !== "") report(ctx, "warning", "parse.section-empty", `別表の区分${key}に取組がない`, s.line, { address: `appendix:${number}/section:${key}` });
  });
  const out: Section[] = sections.map((s) => ({ label: s.label, title: s.title, items: s.items.map((it): AppendixItem => ({ name: it.name, fields: it.fields })) }));
  return { appendix: { number, heading, ...(relatedTo !== undefined ? { relatedTo } : {}), sections: out }, next: i };
}

// ---------------------------------------------------------------------------------------
// 附則

/**
 * Read a 附則 from its heading at `i`.
 *
 * @example
 * readSupplementary(ctx, lines, i).supplementary.paragraphs[0]?.text; // "この協約は、令和7年4月1日から適用する。"
 */
export function readSupplementary(
  ctx: Ctx, lines: readonly Line[], i: number, stop: (l: Line, i: number) => boolean = () => false,
): { supplementary: SupplementaryProvisions; next: number; lines: Map<number, number> } {
  const heading = lines[i]!.text;
  const start = i + 1;
  const r = readParagraphs(ctx, lines, start, undefined, (l, j) => isBodyTerminator(l) || stop(l, j) || isDateLine(l.text), "supplementary");
  // Line of each paragraph, for locating what the 附則 says.
  const where = new Map<number, number>();
  for (let j = start; j < r.next; j++) {
    const l = lines[j]!;
    if (l.text === "") continue;
    const pm = PARAGRAPH.exec(l.text);
    const n = pm ? readNumber(pm[1]!) : undefined;
    if (n !== undefined && !where.has(n)) where.set(n, l.no);
    else if (where.size === 0) where.set(1, l.no);
  }
  return { supplementary: { heading, paragraphs: r.paragraphs }, next: r.next, lines: where };
}

// ---------------------------------------------------------------------------------------
// Signature block

/** One party's part of the signature block. */
export interface SignatureGroup {
  readonly role: string;
  readonly address?: string;
  readonly municipality?: string;
  readonly office?: string;
  readonly head?: string;
  readonly line: number;
}

const OFFICE = /(?:長|管理者|知事|代表者|理事|委員会)$/u;

/**
 * 「高梁市長\u3000近藤\u3000隆則」: the office and the head's name on one line, as many 協約書 print them.
 * Split only where the words before the first blank are the party's own office (its name, without
 * a 郡, and 長/管理者 …), so the head is never taken for the office or the office for the head.
 */
function officeAndHead(municipality: Line, line: Line): { office: string; head: string } | undefined {
  const m = /^(\S+?)[ \t\u3000]+(\S.*)$/u.exec(line.text);
  if (!m) return undefined;
  const own = municipality.norm.replace(/^.+郡/u, "");
  const office = normalizeLine(m[1]!);
  if (!office.startsWith(own) || !/^(?:長|管理者|知事|代表者|理事)$/u.test(office.slice(own.length)) || m[2]!.includes("。")) return undefined;
  return { office: m[1]!, head: m[2]! };
}

/**
 * Read the role groups of a signature block from `i`.
 *
 * @example
 * readSignature(ctx, lines, i).groups[0]; // { role: "甲", address: "岡山市北区…", municipality: "岡山市", office: "岡山市長", head: "大森 雅夫", line: 43 }
 */
export function readSignature(
  ctx: Ctx, lines: readonly Line[], i: number, stop: (l: Line, i: number) => boolean = () => false,
): { groups: SignatureGroup[]; next: number } {
  const groups: SignatureGroup[] = [];
  const turn = progressGuard("readSignature");
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.text === "") i++;
    const l = lines[i];
    if (!l || stop(l, i)) break;
    turn(i, `line ${l.no}`);
    const rm = matchRole(l);
    if (!rm) break;
    const rest: Line[] = [];
    let j = i + 1;
    while (j < lines.length) {
      const n = lines[j]!;
      if (n.text === "") { j++; continue; }
      if (matchRole(n) || isBodyTerminator(n) || stop(n, j) || startsArticle(lines, j) || matchSection(n)) break;
      if (rest.length >= 3) break;
      rest.push(n);
      j++;
    }
    const g: { -readonly [K in keyof SignatureGroup]: SignatureGroup[K] } = { role: rm.role, line: l.no };
    if (rm.rest !== "") g.address = rm.rest;
    const [a, b, c] = rest;
    if (a) g.municipality = a.text;
    if (b && c) { g.office = b.text; g.head = c.text; }
    else if (b) {
      const both = a ? officeAndHead(a, b) : undefined;
      if (both) { g.office = both.office; g.head = both.head; }
      else if (OFFICE.test(b.norm)) g.office = b.text;
      else g.head = b.text;
    }
    if (groups.some((x) => x.role === g.role)) report(ctx, "error", "parse.role-duplicate", `署名欄に${g.role}が二度ある`, l.no, { address: `party:${g.role}` });
    groups.push(g);
    i = j;
  }
  return { groups, next: i };
}

/**
 * Role letters in order, for parties whose role the text does not state.
 *
 * @example
 * [...ROLE_ORDER].slice(0, 3); // ["甲", "乙", "丙"]
 */
export const ROLE_ORDER = ROLES;
