/**
 * Reading a 連携協約書 (締結 text) into an {@link AgreementDocument}: the header (title,
 * date, parties, name line, 前文), the body (条, 附則, closing, signature block, 別表), and
 * the parties' roles.
 *
 * @module
 */
import { deepFreeze, type AgreementDocument, type Appendix, type Article, type JpDate, type Party, type SupplementaryProvisions } from "@kyoyaku/core";
import { report, type Ctx } from "./context.js";
import { isDateLine, readDate } from "./dates.js";
import { normalizeLine, type Line } from "./lines.js";
import { describeShape } from "./shape.js";
import { progressGuard } from "./progress.js";
import {
  isBodyTerminator, isClosing, isSupplementaryHeading, matchAppendixHeading, matchRole, readAppendix, readArticles, readSignature,
  readSupplementary, ROLE_ORDER, startsArticle, type SignatureGroup,
} from "./structure.js";

/** A line's text with its line number. */
export interface At { readonly text: string; readonly line: number }

/** What comes before the body: title, date, parties, name line, 前文. */
export interface Header {
  /** Marked (案). */
  readonly draftMarked: boolean;
  readonly title?: At;
  readonly date?: At;
  readonly parties: At[];
  readonly name?: At;
  readonly preamble: At[];
  readonly next: number;
}

const DRAFT_MARK = /^[(（]案[)）]/u;
const MUNICIPALITY = /^[^。、「」()（）0-9]{1,14}(?:都|道|府|県|市|町|村|区|広域連合|組合)$/u;
const NAME_LINE = /(?:協約|協定)$/u;

/**
 * True when a line is a municipality name (岡山市, 岡 山 市, 和気町 …).
 *
 * @example
 * isMunicipalityLine("岡 山 市"); // true
 */
export function isMunicipalityLine(text: string): boolean {
  return MUNICIPALITY.test(normalizeLine(text));
}

/** Read the header from the start of the text until `stop` or the body begins. */
export function readHeader(ctx: Ctx, lines: readonly Line[], stop: (l: Line, i: number) => boolean = () => false): Header {
  let i = 0;
  let draftMarked = false;
  const skip = (): void => { while (i < lines.length && lines[i]!.text === "") i++; };
  skip();
  let title: At | undefined;
  while (i < lines.length && DRAFT_MARK.test(lines[i]!.norm)) {
    const l = lines[i]!;
    draftMarked = true;
    const rest = l.text.replace(/^[(（]案[)）][ \u3000]*/u, "");
    i++;
    if (rest !== "") { title = { text: rest, line: l.no }; break; }
    skip();
  }
  if (!title && i < lines.length && !startsArticle(lines, i) && !isDateLine(lines[i]!.text)) {
    const l = lines[i]!;
    const t = l.text.replace(/[ \u3000]*[(（]案[)）]$/u, "");
    if (t !== l.text) draftMarked = true;
    title = { text: t, line: l.no };
    i++;
  }
  let date: At | undefined;
  const parties: At[] = [];
  let name: At | undefined;
  const preamble: At[] = [];
  let headerUnread = false;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.text === "") continue;
    if (startsArticle(lines, i) || isBodyTerminator(l) || stop(l, i)) break;
    if (preamble.length === 0 && name === undefined) {
      if (date === undefined && parties.length === 0 && isDateLine(l.text)) { date = { text: l.text, line: l.no }; continue; }
      if (isMunicipalityLine(l.text)) { parties.push({ text: l.text, line: l.no }); continue; }
      if (NAME_LINE.test(l.norm)) { name = { text: l.text, line: l.no }; continue; }
    }
    if (isDateLine(l.text) && preamble.length > 0) break;
    if (!headerUnread && preamble.length > 0 && name === undefined && !preamble.some((p) => p.text.includes("。")) && (isMunicipalityLine(l.text) || NAME_LINE.test(l.norm))) {
      // A header line after a line that is none (「平成28年10月11」, 「岡山巿」 OCR'd): the lines before would
      // be read into the 前文 and the record would lose its date, parties or 名称 without a word.
      const first = preamble[0]!;
      headerUnread = true;
      report(ctx, "error", "parse.header-unread", `題名の後の行「${first.text.slice(0, 30)}」は日付・当事者・協約名のどれとしても読めない（OCR や転記の誤り?）：後に当事者や協約名の行「${l.text.slice(0, 30)}」が続くため、前文としては読まない。原本で確かめてください`, first.line, { address: "preamble" });
    }
    preamble.push({ text: l.text, line: l.no });
  }
  return { draftMarked, ...(title ? { title } : {}), ...(date ? { date } : {}), parties, ...(name ? { name } : {}), preamble, next: i };
}

/**
 * Roles declared in running text: 「岡山市（以下「甲」という。）」.
 *
 * @example
 * declaredRoles("岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、", ["岡山市", "和気町"]); // Map {岡山市 → 甲, 和気町 → 乙}
 */
export function declaredRoles(text: string, names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const norm = normalizeLine(text);
  for (const n of names) {
    const role = roleAfter(norm, normalizeLine(n));
    if (role !== undefined) out.set(normalizeLine(n), role);
  }
  return out;
}

/** A run of lines the body reader took as one part (indices into the lines, `to` exclusive). */
export interface BodySpan {
  readonly what: "articles" | "supplementary" | "closing" | "signedOn" | "signature" | "appendix";
  readonly from: number;
  readonly to: number;
}

const DECLARATION = /[（(]以下[「『]([甲乙丙丁戊己庚辛壬癸])[」』]という。?[）)]/gu;

/**
 * The parties a 前文 declares, in order, with their roles: 「岡山市（以下「甲」という。）及び
 * 和気町（以下「乙」という。）は、…」 (full- or half-width brackets, any number of parties joined
 * by 及び, 、, 並びに or と). Each name runs back to the start of the sentence or to the
 * connector before it, and must be a municipality name; otherwise nothing is returned (the
 * roles are then taken from the 署名欄 or assumed, with a warning).
 *
 * @example
 * declaredParties("岡山市（以下「甲」という。）、玉野市（以下「乙」という。）及び邑久郡○○町（以下「丙」という。）は、"); // [{ name: "岡山市", role: "甲" }, { name: "玉野市", role: "乙" }, { name: "邑久郡○○町", role: "丙" }]
 */
export function declaredParties(text: string): { name: string; role: string }[] {
  const out: { name: string; role: string }[] = [];
  let from = 0;
  for (const m of text.matchAll(DECLARATION)) {
    const before = text.slice(from, m.index);
    from = m.index + m[0].length;
    const after = (w: string): number => { const k = before.lastIndexOf(w); return k < 0 ? 0 : k + w.length; };
    const cut = Math.max(after("及び"), after("、"), after("，"), after("並びに"), after("。"), after("\n"), after("）"), after(")"));
    const name = before.slice(cut).replace(/^[ \u3000]*と/u, "").trim();
    if (!isMunicipalityLine(name) || out.some((p) => p.role === m[1])) return [];
    out.push({ name, role: m[1]! });
  }
  return out;
}

/**
 * The role of the first 「NAME(以下「甲」という。)」 (the 。 optional) in `text`, found with
 * indexOf: no regular expression is built from the name (a long or odd name costs its length).
 */
function roleAfter(text: string, name: string): string | undefined {
  const head = `${name}(以下「`;
  for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + 1)) {
    const at = i + head.length;
    const cp = text.codePointAt(at);
    if (cp === undefined) return undefined;
    const role = String.fromCodePoint(cp);
    if (!ROLE_ORDER.includes(role)) continue;
    const rest = at + role.length;
    if (text.startsWith("」という。)", rest) || text.startsWith("」という)", rest)) return role;
  }
  return undefined;
}

/** Everything after the header of an agreement. */
export interface Body {
  articles: Article[];
  appendices: Appendix[];
  supplementary?: SupplementaryProvisions;
  supplementaryLines?: Map<number, number>;
  closing?: At;
  signedOn?: At;
  groups: SignatureGroup[];
  /** What each run of lines was read as, in source order (the completeness law). */
  spans?: BodySpan[];
}

/**
 * Read the body of an agreement (or the tail of an amendment) from `i`: 条, 附則, closing,
 * signature date and groups, 別表. Lines that fit none of these are reported, never dropped
 * silently: a warning in a 連携協約書, an error (`amend.unread-line`) when `strict` (a change
 * agreement or 廃止 text, where a line no part claims could be a change kyoyaku would lose).
 *
 * @example
 * const body = readBody(ctx, splitLines(text), header.next); body.articles.length; // 6 for seed 1
 */
export function readBody(
  ctx: Ctx, lines: readonly Line[], i: number, body: Body = { articles: [], appendices: [], groups: [] }, strict = false,
): Body {
  const spans: BodySpan[] = body.spans ?? (body.spans = []);
  const span = (what: BodySpan["what"], from: number, to: number): void => { spans.push({ what, from, to }); };
  const turn = progressGuard("readBody");
  while (i < lines.length) {
    // Every turn reads at least one line: a part that claims a line but reads none would loop for ever.
    turn(i, `line ${lines[i]!.no}`);
    const l = lines[i]!;
    if (l.text === "") { i++; continue; }
    if (startsArticle(lines, i)) {
      const r = readArticles(ctx, lines, i);
      span("articles", i, r.next);
      for (const a of r.articles) {
        if (body.articles.some((b) => b.number === a.number)) report(ctx, "error", "parse.article-duplicate", `第${a.number}条が二度ある`, l.no, { address: `article:${a.number}` });
      }
      body.articles.push(...r.articles);
      i = r.next;
      continue;
    }
    if (isSupplementaryHeading(l)) {
      if (body.supplementary) report(ctx, "error", "parse.supplementary-duplicate", "附則の見出しが二つある", l.no, { address: "supplementary" });
      const r = readSupplementary(ctx, lines, i);
      span("supplementary", i, r.next);
      body.supplementary = r.supplementary;
      body.supplementaryLines = r.lines;
      i = r.next;
      continue;
    }
    if (isClosing(l) && !body.closing) { span("closing", i, i + 1); body.closing = { text: l.text, line: l.no }; i++; continue; }
    if (isDateLine(l.text) && !body.signedOn) { span("signedOn", i, i + 1); body.signedOn = { text: l.text, line: l.no }; i++; continue; }
    // A sentence (ending in 。) is never an address, a name or an office: it is not taken into the
    // block — nor does it open one (「乙 …に取り組む。」 is a broken line, read below as unread).
    if (matchRole(l) && !isSentence(l)) {
      const r = readSignature(ctx, lines, i, isSentence);
      span("signature", i, r.next);
      for (const g of r.groups) {
        if (body.groups.some((x) => x.role === g.role)) report(ctx, "error", "parse.role-duplicate", `署名欄に${g.role}が二度ある`, g.line, { address: `party:${g.role}` });
      }
      body.groups.push(...r.groups);
      i = r.next;
      continue;
    }
    const ah = matchAppendixHeading(l);
    if (ah) {
      const number = ah.number ?? body.appendices.length + 1;
      if (body.appendices.some((a) => a.number === number)) report(ctx, "error", "parse.appendix-duplicate", `別表第${number}が二度ある`, l.no, { address: `appendix:${number}` });
      const r = readAppendix(ctx, lines, i, number);
      span("appendix", i, r.next);
      body.appendices.push(r.appendix);
      i = r.next;
      continue;
    }
    // In a change agreement every line must be read (the completeness law): a line no part claims is refused.
    if (strict) report(ctx, "error", "amend.unread-line", `${l.no}行目「${l.text.slice(0, 40)}」は、改め文・附則・後文・署名欄・別表のいずれとしても読めません（読めない文を残したまま記録はしません）`, l.no);
    else report(ctx, "warning", "parse.unread-line", `${l.no}行目はどの規定の一部としても読めなかった：「${l.text.slice(0, 40)}」`, l.no);
    i++;
  }
  return body;
}

const isSentence = (l: Line): boolean => /。$/u.test(l.text);

/**
 * Combine the parties of the header, the roles declared in the 前文 and the signature
 * groups into {@link Party} records (roles by declaration, then by signature, then by order).
 *
 * @example
 * buildParties(ctx, header, preamble, body.groups)[0]; // { role: "甲", name: "岡山市", address: "岡山市北区…", office: "岡山市長", head: "大森 雅夫" }
 */
export function buildParties(ctx: Ctx, header: Header, preamble: string, groups: readonly SignatureGroup[]): Party[] {
  const names = header.parties.map((p) => p.text);
  const declared = declaredRoles(preamble, names.length > 0 ? names : groups.flatMap((g) => (g.municipality ? [g.municipality] : [])));
  type P = { -readonly [K in keyof Omit<Party, "role">]: Party[K] } & { role: string | undefined; line: number };
  const parties: P[] = header.parties.map((p) => ({ name: p.text, role: declared.get(normalizeLine(p.text)), line: p.line }));
  if (parties.length === 0) {
    for (const g of groups) if (g.municipality) parties.push({ name: g.municipality, role: declared.get(normalizeLine(g.municipality)) ?? g.role, line: g.line });
  }
  if (parties.length === 0) {
    // No party lines and no 署名欄 (an 例規集 page drops both): the 前文's declarations name them.
    const line = header.preamble[0]?.line ?? header.title?.line ?? 1;
    for (const d of declaredParties(preamble)) parties.push({ name: d.name, role: d.role, line });
  }
  for (const g of groups) {
    let p = parties.find((x) => x.role === g.role);
    const byName = g.municipality !== undefined ? parties.find((x) => normalizeLine(x.name) === normalizeLine(g.municipality!)) : undefined;
    if (p && byName && p !== byName) {
      report(ctx, "warning", "parse.role-mismatch", `署名欄は${g.municipality}を${g.role}とするが、前文は${p.name}を${g.role}とする`, g.line, { address: `party:${g.role}`, party: g.municipality! });
    }
    if (!p && byName && byName.role === undefined) { byName.role = g.role; p = byName; }
    if (!p) {
      report(ctx, "warning", "parse.signature-unmatched", `署名欄の${g.role}（${g.municipality ?? "団体名なし"}）が冒頭の当事者のどれにも当たらない`, g.line, { address: `party:${g.role}` });
      continue;
    }
    if (g.address !== undefined) p.address = g.address;
    if (g.office !== undefined) p.office = g.office;
    if (g.head !== undefined) p.head = g.head;
  }
  const used = new Set(parties.map((p) => p.role).filter((r): r is string => r !== undefined));
  const free = [...ROLE_ORDER].filter((r) => !used.has(r));
  for (const p of parties) {
    if (p.role === undefined) {
      p.role = free.shift() ?? "";
      report(ctx, "warning", "parse.role-assumed", `${p.name}が甲・乙のどれかが書かれていないため、並び順から${p.role}として読んだ`, p.line, { address: `party:${p.role}`, party: p.name });
    }
  }
  return parties.map((p) => ({
    role: p.role!, name: p.name,
    ...(p.address !== undefined ? { address: p.address } : {}),
    ...(p.office !== undefined ? { office: p.office } : {}),
    ...(p.head !== undefined ? { head: p.head } : {}),
  }));
}

/** An agreement with what the event needs to know about how it was written. */
export interface ReadAgreement {
  readonly document: AgreementDocument;
  readonly header: Header;
  readonly body: Body;
  readonly date?: JpDate;
  readonly signedOn?: JpDate;
}

/**
 * Read a whole agreement text (already known to be one). Issues go to `ctx`.
 *
 * @example
 * readAgreement(newCtx("a.txt"), splitLines(text)).document.articles.length; // 6 for seed 1
 */
export function readAgreement(ctx: Ctx, lines: readonly Line[]): ReadAgreement {
  const header = readHeader(ctx, lines);
  const body = readBody(ctx, lines, header.next);
  const preamble = header.preamble.map((p) => p.text).join("\n");
  const parties = buildParties(ctx, header, preamble, body.groups);
  const date = header.date ? readDate(ctx, header.date.text, header.date.line, "date") : undefined;
  const signedOn = body.signedOn ? readDate(ctx, body.signedOn.text, body.signedOn.line, "signedOn") : undefined;
  if (!header.title) report(ctx, "error", "parse.no-title", "題名の行がない", lines.find((l) => l.text !== "")?.no ?? 1, { address: "title" });
  if (body.articles.length === 0) {
    // A 締結 with no 条 is never recorded as an agreement: say what the text looks like.
    const shape = describeShape(lines);
    report(ctx, "error", "parse.no-articles", `締結の協約書として読めない：条（第1条 …）が一つもない。このテキストは${shape.what}と見られる。協約書の本文（各条を行頭に置いたテキスト）を与えてください`, shape.line, { address: "articles" });
  }
  const document: AgreementDocument = deepFreeze({
    title: header.title?.text ?? "",
    ...(date ? { date } : {}),
    parties,
    // Parties read from the 前文 or the 署名欄 only: no party lines to print (see AgreementDocument.partyLines).
    ...(header.parties.length === 0 && parties.length > 0 ? { partyLines: false as const } : {}),
    ...(header.name ? { name: header.name.text } : {}),
    preamble,
    articles: body.articles,
    ...(body.closing ? { closing: body.closing.text } : {}),
    ...(signedOn ? { signedOn } : {}),
    appendices: body.appendices,
    ...(body.supplementary ? { supplementary: body.supplementary } : {}),
    unknown: [],
  });
  return { document, header, body, ...(date ? { date } : {}), ...(signedOn ? { signedOn } : {}) };
}
