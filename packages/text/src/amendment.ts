/**
 * Reading a 変更連携協約書 (or a 廃止 text) into an amendment: which agreement it changes,
 * its operations on provision addresses, its 附則 (適用日, 施行日, ただし書), and its dates.
 *
 * @module
 */
import {
  addDays, addressLabel, appendixItemAddress, deepFreeze, findDates, fiscalYearLastDay, hasErrors, normalizeText, parseDate, resolveAddress, sectionKey,
  type AgreementDocument, type IsoDate, type Appendix, type AppendixItem, type Article, type Item, type JpDate, type Operation, type Paragraph, type ProvisionNode, type Section,
} from "@kyoyaku/core";
import { buildParties, readBody, readHeader, type At, type Body, type BodySpan, type Header } from "./agreement.js";
import { newCtx, report, type Ctx } from "./context.js";
import { isDateLine, readDate } from "./dates.js";
import { parseInstruction, startsInstruction, type Clause, type Target } from "./kaimebun.js";
import { blankEnd, type Line } from "./lines.js";
import { progressGuard } from "./progress.js";
import { NUMBER_CHARS } from "./numbers.js";
import { isTableHeader, readTaishohyo, tableRows, TAISHOHYO_ENACT } from "./taishohyo.js";
import type { ParseOptions, ReadAs, ReadDate } from "./types.js";
import { isClosing, isSupplementaryHeading, matchAppendixHeading, matchArticle, matchRole, matchSection, readAppendix, readArticles, readParagraphs } from "./structure.js";

/** An amendment as read. */
export interface ReadAmendment {
  readonly header: Header;
  readonly body: Body;
  readonly operations: Operation[];
  /** The agreement named (title, 締結日); for a 廃止 「…限り」/「…をもって」, `through` is its last day in force. */
  readonly base: { title?: string; date?: JpDate; through?: JpDate };
  /** The line of the sentence that names the base (the enacting sentence), when there is one. */
  readonly baseLine?: number;
  readonly restated?: AgreementDocument;
  readonly parties: string[];
  readonly date?: JpDate;
  readonly signedOn?: JpDate;
  readonly appliesFrom?: JpDate;
  readonly effectiveFrom?: JpDate;
  /** 「締結の日から」: the date is the 締結日. */
  readonly fromConclusion?: "appliesFrom" | "effectiveFrom" | "both";
  /** The 適用日 the person supplied (ParseOptions.appliesFrom) for a 附則 that names no day. */
  readonly supplied?: IsoDate;
  /** Every sentence and part in source order; operations by index into `operations`. */
  readonly readings: DraftReading[];
  /** Partial dates the 附則 names (see {@link SupplementaryDates.partial}). */
  readonly partial: readonly PartialSupplementaryDate[];
}

/** A reading before the event's dates are known: operations are indices into the operations. */
export interface DraftReading {
  readonly line: number;
  readonly lastLine: number;
  readonly text: string;
  readonly as: ReadAs | { readonly kind: "ops"; readonly indices: number[] };
}

const ENACT = /^(.*?)(?:の一部|の全部)?を次の(?:とおり|ように|表のように)(?:変更|改正)する。$/u;
/**
 * The 廃止 wordings: 「…連携協約を廃止する。」, 「…を廃止することについて合意する。」, and with
 * the last day in force, 「…連携協約は、令和8年3月31日限り、廃止する。」 / 「…は、令和8年3月31日を
 * もって廃止する。」 (group 2: the agreement is in force through that day, gone from the next).
 */
const ABOLISH = /^(?:(.*?)を廃止する(?:ことについて合意する)?|(.*?(?:協約|協定))は[、，]?[ \u3000]*(.+?)(?:限り|をもって)[、，]?[ \u3000]*廃止する(?:ことについて合意する)?)。$/u;

/**
 * Why a 廃止 sentence is not read, naming its form: 「…日で廃止する」 does not say whether the day
 * is the last in force (限り) or the first without; other wordings are simply not known.
 */
function abolishWordingMessage(sentence: string): string {
  const known = "読める書き方は「…連携協約を廃止する。」「…を廃止することについて合意する。」「…は、令和8年3月31日限り、廃止する。」「…は、令和8年3月31日をもって廃止する。」";
  const quoted = sentence.length > 40 ? `…${sentence.slice(-30)}` : sentence;
  const at = /([^、，]{0,16})で廃止する/u.exec(sentence);
  if (at) {
    return `「${quoted}」の「${at[1]}で廃止する」は読めない廃止の書き方です：その日まで効力があるのか（限り）、その日から効力を失うのかが文から決まらないため、廃止の日を推測しません。${known}`;
  }
  return `「${quoted}」は読めない廃止の書き方です（どの協約をいつ廃止するかを、kyoyaku の知る形で言っていません）。${known}`;
}

/** The base agreement named by the enacting sentence (its date when stated; for a 廃止 「…限り」, its last day in force). */
function readBase(ctx: Ctx, enact: At, abolish: boolean): { title?: string; date?: JpDate; through?: JpDate } {
  const m = (abolish ? ABOLISH : ENACT).exec(enact.text.slice(0, blankEnd(enact.text)));
  if (!m) return {};
  let through: JpDate | undefined;
  if (abolish && m[2] !== undefined) {
    const when = m[3]!.replace(/[ \u3000]+/gu, "");
    const spans = findDates(when);
    // 「令和7年度の末日限り」: 3月31日 of the next calendar year.
    const fy = fiscalYearLastDay(when);
    if (fy !== undefined) {
      through = { text: when, precision: "day", iso: fy };
    } else if (spans.length !== 1 || spans[0]!.start !== 0 || spans[0]!.end !== when.length) {
      report(ctx, "error", "abolish.through-unread", `廃止の日を読めない：「${m[3]}限り／をもって」の「${m[3]}」は日付でない（「令和8年3月31日限り、廃止する。」の形で書く）`, enact.line, { date: m[3]! });
    } else {
      through = readDate(ctx, spans[0]!.text, enact.line, "date");
    }
  }
  // 「岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、平成28年…に締結した…」: the
  // subject declaring the parties is no part of the agreement's title.
  // 「甲及び乙は、平成28年10月11日に締結した…」 (the parties named by their roles) likewise.
  let title = (abolish ? (m[1] ?? m[2]!) : m[1]!)
    .replace(/^.*以下[「『][甲乙丙丁戊己庚辛壬癸][」』]という。?[）)][^、，「」]*?は[、，]?[ \u3000]*/u, "")
    .replace(/^[甲乙丙丁戊己庚辛壬癸](?:(?:[、，]|及び|並びに)[甲乙丙丁戊己庚辛壬癸])*は[、，][ \u3000]*/u, "");
  let date: JpDate | undefined;
  const spans = findDates(title);
  const first = spans[0];
  if (first && first.start === 0) {
    const rest = title.slice(first.end).replace(/^(?:付け)?(?:で)?(?:に)?(?:締結した|締結された)?[、，]?/u, "");
    if (rest !== title.slice(first.end) || rest.length < title.length) {
      date = readDate(ctx, first.text, enact.line, "date");
      title = rest;
    }
  }
  return { ...(title !== "" ? { title } : {}), ...(date ? { date } : {}), ...(through ? { through } : {}) };
}

const sentenceEnds = (s: string): boolean => {
  let depth = 0;
  for (const ch of s) { if (ch === "「") depth++; else if (ch === "」") depth--; }
  return depth <= 0 && /。$/u.test(s);
};

/** Address of a target; `undefined` with an issue when it cannot be formed. */
function targetAddress(t: Target, base: AgreementDocument | undefined): string {
  switch (t.kind) {
    case "article": return `article:${t.article}`;
    case "caption": return `article:${t.article}/caption`;
    case "paragraph": return t.article === "附則" ? `supplementary/paragraph:${t.paragraph}` : `article:${t.article}/paragraph:${t.paragraph}`;
    case "item": {
      const para = `article:${t.article}/paragraph:${t.paragraph}`;
      const p = base ? resolveAddress(base, para) as Paragraph | undefined : undefined;
      const it = p?.items[t.item! - 1];
      return `${para}/item:${normalizeText(it ? it.label : `(${t.item})`)}`;
    }
    case "appendix": return `appendix:${t.appendix}`;
    case "section": return `appendix:${t.appendix}/section:${t.section}`;
    case "appendixItem": {
      let key = t.section;
      if (key === undefined) {
        const a = base?.appendices.find((x) => x.number === t.appendix);
        const si = a?.sections.findIndex((s) => s.items.some((i) => normalizeText(i.name) === normalizeText(t.itemName!))) ?? -1;
        key = a && si >= 0 ? sectionKey(a.sections[si]!, si) : "#1";
      }
      return appendixItemAddress(t.appendix!, key, t.itemName!);
    }
    case "supplementary": return "supplementary";
    case "title": return "title";
    case "preamble": return "preamble";
    case "name": return "name";
  }
}

const parentOf = (address: string): string => {
  const i = address.lastIndexOf("/");
  if (i >= 0) return address.slice(0, i);
  if (address.startsWith("article:")) return "articles";
  if (address.startsWith("appendix:")) return "appendices";
  return address;
};

/** Content of an instruction: the lines after it, or an attached 別表. */
interface Content { readonly from: number; readonly to: number; readonly line: number }

/** A sentence of the 前文 (lines joined until a 。 outside quotes). */
interface PreSentence { readonly text: string; readonly line: number; readonly lastLine: number; readonly last: number }

/** Group 前文 lines into sentences; `last` is the index (in `pre`) of the sentence's last line. */
function preambleSentences(pre: readonly At[]): PreSentence[] {
  const out: PreSentence[] = [];
  let cur: { text: string; line: number } | undefined;
  pre.forEach((p, n) => {
    cur = cur ? { text: cur.text + p.text, line: cur.line } : { text: p.text, line: p.line };
    if (sentenceEnds(cur.text) || n === pre.length - 1) { out.push({ ...cur, lastLine: p.line, last: n }); cur = undefined; }
  });
  return out;
}

/**
 * A 前文 sentence that is not the enacting sentence but is still only a 前文: it declares the
 * parties' roles (「岡山市（以下「甲」という。）及び…」) or says they conclude/agree (「…次のとおり
 * 変更連携協約を締結する。」). Anything else in the 前文 of a change agreement is refused.
 */
const isPreambleOnly = (s: string): boolean =>
  /以下[「『][甲乙丙丁戊己庚辛壬癸][」』]という/u.test(s) || /(?:締結する|合意する)。$/u.test(s.slice(0, blankEnd(s)));

/**
 * Read the amendment (or abolition) text. Issues go to `ctx`.
 *
 * @example
 * readAmendment(newCtx(), splitLines(seed2), false).operations[0]?.op; // "replace"
 */
export function readAmendment(ctx: Ctx, lines: readonly Line[], abolish: boolean, baseDoc?: AgreementDocument, supplied?: IsoDate, baseAt?: ParseOptions["baseAt"]): ReadAmendment {
  const stop = (l: Line): boolean => startsInstruction(l.norm) && !matchArticle(l) && !matchAppendixHeading(l);
  // A 新旧対照表 ends the 前文 at its header row, or — the header left out — right after the enacting sentence.
  const afterTableEnact = (i: number): boolean => { let k = i - 1; while (k >= 0 && lines[k]!.text === "") k--; return k >= 0 && TAISHOHYO_ENACT.test(lines[k]!.text); };
  const header = readHeader(ctx, lines, (l, i) => stop(l) || isTableHeader(l) || afterTableEnact(i));
  const readings: DraftReading[] = [];
  const part = (line: number, lastLine: number, text: string, as: DraftReading["as"]): void => { readings.push({ line, lastLine, text, as }); };
  const lineAt = (idx: number): Line => lines[idx]!;
  // Header: (案), title, date, parties, name line — non-operative parts.
  for (const l of lines) {
    if (header.title && l.no >= header.title.line) break;
    if (l.text !== "") part(l.no, l.no, l.text, { kind: "part", part: "draft-mark" });
  }
  if (header.title) part(header.title.line, header.title.line, header.title.text, { kind: "part", part: "title" });
  const headParts: [At | undefined, "date" | "parties" | "name"][] = [[header.date, "date"], ...header.parties.map((p): [At, "parties"] => [p, "parties"]), [header.name, "name"]];
  for (const [at, what] of headParts.filter((x) => x[0] !== undefined).sort((a, b) => a[0]!.line - b[0]!.line)) part(at!.line, at!.line, at!.text, { kind: "part", part: what });

  const sentences = preambleSentences(header.preamble);
  const enactRe = abolish ? ABOLISH : ENACT;
  const enactS = sentences.find((x) => enactRe.test(x.text.slice(0, blankEnd(x.text))));
  const enact: At | undefined = enactS ? { text: enactS.text, line: enactS.line } : undefined;
  const base = enact ? readBase(ctx, enact, abolish) : {};
  // A 廃止 written in a wording kyoyaku does not read (「…令和8年3月31日で廃止する。」): refused at that
  // sentence, naming the form — never at the first line of the 前文, never read as another wording.
  const abolishing = abolish && !enact ? sentences.filter((x) => /廃止|効力を失/u.test(x.text)) : [];
  const unreadAbolish = abolishing.find((x) => !isPreambleOnly(x.text)) ?? abolishing[0];
  if (unreadAbolish) {
    report(ctx, "error", "abolish.wording-unread", abolishWordingMessage(unreadAbolish.text), unreadAbolish.line);
  } else if (!enact) {
    report(ctx, abolish ? "error" : "warning", "parse.no-enacting-clause",
      abolish ? "どの協約を廃止するのかを言う文（「…連携協約を廃止する。」「…連携協約は、令和8年3月31日限り、廃止する。」など）が見つからない" : "どの協約を変更するのかを言う制定文（「…連携協約の一部を次のとおり変更する。」）が見つからない",
      header.preamble[0]?.line ?? header.title?.line ?? 1);
  }
  const restate = enact !== undefined && /の全部を次の(?:とおり|ように)(?:変更|改正)する/u.test(enact.text);
  // 新旧対照表方式: the table that follows is the amending text.
  const table = !abolish && enact !== undefined && TAISHOHYO_ENACT.test(enact.text.slice(0, blankEnd(enact.text)));
  const restateOps: number[] = [];
  for (const x of sentences) {
    if (x === unreadAbolish) continue;
    if (x === enactS) { part(x.line, x.lastLine, x.text, abolish ? { kind: "abolish" } : restate ? { kind: "ops", indices: restateOps } : { kind: "part", part: "enacting" }); continue; }
    if (restate && enactS && x.line > enactS.line) { part(x.line, x.lastLine, x.text, { kind: "part", part: "new-text", of: enactS.line }); continue; }
    if (isPreambleOnly(x.text)) { part(x.line, x.lastLine, x.text, { kind: "part", part: "preamble" }); continue; }
    // A sentence here is neither the enacting sentence nor a 前文: it could be a change (an 改め文
    // kyoyaku did not recognise as one), so the text is refused rather than recorded without it.
    report(ctx, "error", "amend.preamble-unread",
      `${x.line}行目の文「${x.text.slice(0, 50)}」は、${abolish ? "廃止の文（「…を廃止する。」）" : "改め文・制定文（「…の一部を次のとおり変更する。」）"}・前文のいずれとしても読めません`, x.line);
  }

  const operations: Operation[] = [];
  let i = header.next;
  // Each clause carries its sentence's reading (`indices`): in a re-segmented one-line text several
  // sentences share a line number, so a map by line would give one sentence's operations to another.
  const pending: { clause: Clause; content?: Content; line: number; indices: number[] }[] = [];
  let restated: AgreementDocument | undefined;
  let tableStart: number | undefined;
  if (table) {
    while (i < lines.length && lines[i]!.text === "") i++;
    if (i < lines.length && isTableHeader(lines[i]!)) {
      tableStart = i;
      // Where the table ends (its rows are read, with their errors, once the base is known).
      i = tableRows(newCtx(), lines, i).next;
    } else {
      const at = lines[i] ?? lines[lines.length - 1]!;
      report(ctx, "error", "amend.taishohyo-header-missing", `制定文は「次の表のように変更する」と言うが、${at.no}行目に新旧対照表の見出し行（「改正後」と「改正前」の2列）がない：「${at.text.slice(0, 40)}」`, at.no);
    }
  } else if (!abolish && !restate) {
    let previous: Target | undefined;
    const isEnd = (l: Line): boolean => isSupplementaryHeading(l) || isClosing(l) || (matchRole(l) !== undefined && !l.raw.includes("\t")) || isDateLine(l.text);
    const turn = progressGuard("readAmendment");
    while (i < lines.length) {
      const l = lines[i]!;
      turn(i, `line ${l.no}`);
      if (l.text === "") { i++; continue; }
      if (isEnd(l)) break;
      if (!stop(l)) {
        report(ctx, "error", "amend.unrecognised", `${l.no}行目は読める改め文でない：「${l.text.slice(0, 50)}」`, l.no);
        i++;
        continue;
      }
      // An instruction may be wrapped over several lines.
      let text = l.text;
      let j = i + 1;
      while (!sentenceEnds(text) && j < lines.length && lines[j]!.text !== "" && !stop(lines[j]!)) { text += lines[j]!.text; j++; }
      const parsed = parseInstruction(text, previous);
      // Content: the lines up to the next instruction or the end of the body.
      let k = j;
      while (k < lines.length && !(lines[k]!.text !== "" && (stop(lines[k]!) || isEnd(lines[k]!)))) k++;
      if (!Array.isArray(parsed)) {
        report(ctx, "error", parsed.code ?? "amend.unrecognised", `${l.no}行目の改め文を読めない：${parsed.message}（「${text.slice(Math.max(0, parsed.at - 8), parsed.at + 8)}」の所）`, l.no);
        i = k;
        continue;
      }
      const indices: number[] = [];
      part(l.no, lineAt(j - 1).no, text, { kind: "ops", indices });
      const needs = parsed.filter((c) => c.kind === "replace" || c.kind === "insert");
      const contentLines = lines.slice(j, k).filter((x) => x.text !== "");
      const hasContent = contentLines.length > 0;
      if (needs.length === 0 && hasContent) {
        const first = contentLines[0]!;
        report(ctx, "error", "amend.unrecognised", `${first.no}行目は、新しい本文をとらない改め文の後にあり、読めない：「${first.text.slice(0, 40)}」`, first.no);
      }
      if (hasContent) part(contentLines[0]!.no, contentLines[contentLines.length - 1]!.no, contentLines.map((x) => x.text).join("\n"), { kind: "part", part: "new-text", of: l.no });
      if (needs.length > 1 && hasContent) report(ctx, "error", "amend.ambiguous-content", `${l.no}行目の文は二つ以上の規定を加える・改めるため、続く新しい本文がどの規定のものか決められない（1文に1つの「次のように改める」で書く）`, l.no);
      for (const c of parsed) {
        const isNeed = c.kind === "replace" || c.kind === "insert";
        pending.push({ clause: c, line: l.no, indices, ...(isNeed && hasContent ? { content: { from: j, to: k, line: l.no } } : {}) });
        previous = c.target;
      }
      i = k;
    }
  }
  const body: Body = readBody(ctx, lines, i, undefined, true);
  if (tableStart !== undefined) {
    const doc = baseDoc ?? tableBase(header, body, lines, supplied, baseAt);
    if (!doc) {
      const h = lines[tableStart]!;
      report(ctx, "error", "amend.taishohyo-base-missing", `${h.no}行目からの新旧対照表は、改正前の欄を変更される協約の本文と照合して読むため、その協約（適用日の前日に効力のある本文）が要る：協約を記録してから --agreement ID で取り込む`, h.no);
    } else {
      const t = readTaishohyo(ctx, lines, tableStart, doc);
      operations.push(...t.operations);
      for (const r of t.readings) readings.push(r);
    }
  }
  const spans: readonly BodySpan[] = body.spans ?? [];
  const nonBlank = (sp: BodySpan): Line[] => lines.slice(sp.from, sp.to).filter((x) => x.text !== "");
  const spanPart = (sp: BodySpan, as: DraftReading["as"]): void => {
    const ls = nonBlank(sp);
    if (ls.length > 0) part(ls[0]!.no, ls[ls.length - 1]!.no, ls.map((x) => x.text).join("\n"), as);
  };
  for (const sp of spans) {
    if (sp.what !== "articles") continue;
    if (restate && enactS) { spanPart(sp, { kind: "part", part: "new-text", of: enactS.line }); continue; }
    const first = nonBlank(sp)[0]!;
    const a = body.articles.find((x) => lines.slice(sp.from, sp.to).some((y) => matchArticle(y)?.number === x.number));
    report(ctx, "error", "amend.unexpected-article", `${first.no}行目からの${a ? `第${a.number}条` : "条"}は、どの改め文の新しい本文でもありません（「…を次のように改める。」「…次の1条を加える。」の後に置いてください）`, first.no, a ? { address: `article:${a.number}` } : {});
  }

  const date = header.date ? readDate(ctx, header.date.text, header.date.line, "date") : undefined;
  const signedOn = body.signedOn ? readDate(ctx, body.signedOn.text, body.signedOn.line, "signedOn") : undefined;
  // Attached 別表 (after the signature block) serve 「別表を次のように改める。」 in order.
  const attachments = [...body.appendices];
  const attachmentSpans = spans.filter((sp) => sp.what === "appendix");
  if (restate && enact) {
    const after = header.preamble.slice((enactS?.last ?? 0) + 1);
    const nameLine = after[0] && /(?:協約|協定)$/u.test(normalizeText(after[0].text)) ? after[0] : undefined;
    const pre = after.slice(nameLine ? 1 : 0).map((x) => x.text).join("\n");
    const parties = buildParties(ctx, header, pre, body.groups);
    restated = deepFreeze({
      title: (header.title?.text ?? "").replace(/変更/u, ""),
      ...(date ? { date } : {}),
      parties,
      ...(header.parties.length === 0 && parties.length > 0 ? { partyLines: false as const } : {}),
      ...(nameLine ? { name: nameLine.text } : base.title ? { name: base.title } : {}),
      preamble: pre,
      articles: body.articles,
      ...(body.closing ? { closing: body.closing.text } : {}),
      ...(signedOn ? { signedOn } : {}),
      appendices: body.appendices,
      unknown: [],
    });
    restateOps.push(operations.length);
    operations.push({ op: "restate", document: restated });
  }

  /** Which sentence took each attached 別表 (its line), in order. */
  const attachedBy: number[] = [];
  // 「第2条に次の2号を加える」 needs the article's 項 (see insertItemsIntoArticle): find the agreement as
  // the CLI and API do for a 新旧対照表, when the caller gave `baseAt` but no `base`.
  const itemsIntoArticle = pending.some(({ clause: c }) => c.kind === "insert" && c.position === "end" && c.target.kind === "article" && c.unit === "号");
  const opsBase = baseDoc ?? (itemsIntoArticle ? tableBase(header, body, lines, supplied, baseAt) : undefined);
  for (const pnd of pending) {
    const before = attachments.length;
    const op = toOperations(ctx, lines, pnd.clause, pnd.content, pnd.line, attachments, opsBase);
    for (let n = attachments.length; n < before; n++) attachedBy.push(pnd.line);
    for (let n = 0; n < op.length; n++) pnd.indices.push(operations.length + n);
    operations.push(...op);
  }
  attachmentSpans.forEach((sp, n) => {
    if (restate && enactS) { spanPart(sp, { kind: "part", part: "new-text", of: enactS.line }); return; }
    const by = attachedBy[n];
    if (by !== undefined) { spanPart(sp, { kind: "part", part: "new-text", of: by }); return; }
    const a = body.appendices[n];
    const head = nonBlank(sp)[0]!;
    // An attached 別表 nothing names would be dropped: refuse at its heading.
    report(ctx, "error", "amend.unused-attachment", `${head.no}行目の添付「${head.text.slice(0, 30)}」は、どの改め文（「別表を次のように改める。」）にも使われていません`, head.no, a ? { address: `appendix:${a.number}` } : {});
  });
  for (const sp of spans) {
    if (sp.what === "closing") spanPart(sp, { kind: "part", part: "closing" });
    else if (sp.what === "signedOn") spanPart(sp, { kind: "part", part: "signature-date" });
    else if (sp.what === "signature") spanPart(sp, { kind: "part", part: "signature" });
    else if (sp.what === "supplementary") { const h = lineAt(sp.from); part(h.no, h.no, h.text, { kind: "part", part: "supplementary-heading" }); }
  }

  // 附則: 適用日, 施行日, ただし書.
  const partiesRead = buildParties(ctx, header, header.preamble.map((p) => p.text).join("\n"), body.groups);
  const sup = readSupplementaryDates(ctx, body, operations, { lines, strict: true, ...(supplied !== undefined ? { supplied } : {}) });
  for (const r of sup.readings) readings.push(r);
  if (baseDoc) checkTargets(ctx, baseDoc, operations);
  readings.sort((a, b) => a.line - b.line || a.lastLine - b.lastLine);
  // The law by construction: a non-blank line no reading covers was read as nothing. Other errors
  // already refuse the text (and may have skipped lines), so this only speaks when all else was read.
  if (!hasErrors(ctx.issues)) {
    const covered = new Set<number>();
    for (const r of readings) for (let n = r.line; n <= r.lastLine; n++) covered.add(n);
    const missed = lines.find((l) => l.text !== "" && !covered.has(l.no));
    if (missed) report(ctx, "error", "amend.unread-line", `${missed.no}行目「${missed.text.slice(0, 40)}」は、改め文・附則・前文・後文・署名欄のいずれとしても読まれていません`, missed.no);
  }
  const { readings: _r, ...supDates } = sup;
  return {
    header, body, operations, base, ...(enact ? { baseLine: enact.line } : {}), ...(restated ? { restated } : {}),
    parties: partiesRead.map((p) => p.name),
    ...(date ? { date } : {}), ...(signedOn ? { signedOn } : {}),
    ...supDates,
    readings,
  };
}

function checkTargets(ctx: Ctx, base: AgreementDocument, ops: readonly Operation[]): void {
  // Provisions this amendment itself adds or renumbers may be named by its later operations.
  const created = new Set<string>();
  for (const o of ops) {
    const addrs = o.op === "restate" ? [] : o.op === "insert" ? [o.parent, o.after, o.before] : [o.target];
    if (o.op === "insert") { const c = childAddress(o.parent, o.node); if (c) created.add(c); }
    if (o.op === "renumber") created.add(o.to);
    for (const a of addrs) {
      if (a === undefined || a === "articles" || a === "appendices" || created.has(a)) continue;
      if (resolveAddress(base, a) === undefined) report(ctx, "error", "amend.target-missing", `この変更は${addressLabel(a)}を改めるが、変更される協約にその規定がない`, undefined, { address: a });
    }
  }
}

/**
 * The base a 新旧対照表 is read against when the caller gave none: the agreement in force on the day
 * before the 適用日 the 附則 states (else the 施行日, else the 締結日), found by `baseAt` from the parties.
 */
function tableBase(header: Header, body: Body, lines: readonly Line[], supplied: IsoDate | undefined, baseAt: ParseOptions["baseAt"]): AgreementDocument | undefined {
  if (!baseAt) return undefined;
  // A first reading only to learn the day: its issues are the real reading's, reported there.
  const scratch = newCtx();
  const sup = readSupplementaryDates(scratch, body, [], { lines, strict: true, ...(supplied !== undefined ? { supplied } : {}) });
  const concluded = body.signedOn ? readDate(scratch, body.signedOn.text, body.signedOn.line, "signedOn") : header.date ? readDate(scratch, header.date.text, header.date.line, "date") : undefined;
  const conclusion = sup.fromConclusion === "appliesFrom" || sup.fromConclusion === "both" ? concluded?.iso : undefined;
  const day = sup.supplied ?? conclusion ?? sup.appliesFrom?.iso ?? sup.effectiveFrom?.iso ?? concluded?.iso;
  if (day === undefined) return undefined;
  const parties = buildParties(scratch, header, header.preamble.map((p) => p.text).join("\n"), body.groups).map((p) => p.name);
  return baseAt(addDays(day, -1), parties);
}

/** Turn a clause and its new text into operations. */
function toOperations(
  ctx: Ctx, lines: readonly Line[], c: Clause, content: Content | undefined, line: number, attachments: Appendix[], base: AgreementDocument | undefined,
): Operation[] {
  const target = targetAddress(c.target, base);
  if ((c.kind === "replaceText" || c.kind === "deleteText") && c.target.kind === "caption" && base) {
    // 「第5条の見出し中「X」を…」: X must be in the 見出し, or the sentence says something else than the text.
    const caption = (resolveAddress(base, `article:${c.target.article}`) as Article | undefined)?.caption;
    const needle = c.kind === "replaceText" ? c.from : c.text;
    if (caption !== undefined && !normalizeText(caption).includes(normalizeText(needle))) {
      report(ctx, "error", "amend.text-missing", `「${c.target.written}中「${needle}」…」: ${c.target.written}「（${caption}）」に「${needle}」がない`, line, { address: target });
      return [];
    }
  }
  switch (c.kind) {
    case "replaceText": return [{ op: "replaceText", target, from: c.from, to: c.to, ...(c.occurrence ? { occurrence: c.occurrence } : {}) }];
    case "deleteText": return [{ op: "deleteText", target, text: c.text, ...(c.occurrence ? { occurrence: c.occurrence } : {}) }];
    case "delete": return [{ op: "delete", target }];
    case "renumber": return [{ op: "renumber", target, to: targetAddress(c.to, base) }];
    case "caption": {
      // 見出しを付する: the article must have none; 見出しを改める: it must have one (checked again when applied).
      const article = `article:${c.target.article}`;
      const a = base ? resolveAddress(base, article) as Article | undefined : undefined;
      if (a && c.attach && a.caption !== undefined) {
        report(ctx, "error", "amend.caption-exists", `「${c.target.written.replace(/の見出し$/u, "")}に見出しとして…を付する」: ${c.target.written.replace(/の見出し$/u, "")}には既に見出し「（${a.caption}）」がある（見出しを変えるときは「…の見出しを「（…）」に改める」）`, line, { address: target });
        return [];
      }
      return [c.attach ? { op: "insert", parent: article, node: c.caption } : { op: "replace", target, node: c.caption }];
    }
    case "replace": {
      const nodes = readNodes(ctx, lines, c.target, content, line, attachments, base, target, "replace");
      if (nodes === undefined) return [];
      if (nodes.length !== 1) {
        report(ctx, "error", "amend.content-mismatch", `「${c.target.written}を次のように改める」の後に規定が${nodes.length}個ある（1個のはず）`, line, { address: target });
        return [];
      }
      return [{ op: "replace", target, node: nodes[0]! }];
    }
    case "insert": {
      if (c.position === "end" && c.target.kind === "article" && c.unit === "号") return insertItemsIntoArticle(ctx, lines, c, content, line, attachments, base);
      const parent = c.position === "end" ? target : parentOf(target);
      const kindOf: Target = c.position === "end" ? childTarget(c.target, c.unit) : c.target;
      const nodes = readNodes(ctx, lines, kindOf, content, line, attachments, base, parent, "insert");
      if (nodes === undefined) return [];
      if (nodes.length === 0 || (c.count !== undefined && nodes.length !== c.count)) {
        report(ctx, "error", "amend.content-mismatch", `改め文は「次の${c.count ?? ""}${c.unit ?? ""}」と言うが、続く新しい規定は${nodes.length}件である`, line, { address: target });
        return [];
      }
      const ops: Operation[] = [];
      let after = c.position === "after" ? target : undefined;
      for (const n of nodes) {
        if (c.position === "before") ops.push({ op: "insert", parent, before: target, node: n });
        else ops.push({ op: "insert", parent, ...(after !== undefined ? { after } : {}), node: n });
        after = childAddress(parent, n);
      }
      return ops;
    }
  }
}

/**
 * 「第2条に次の2号を加える」: 号 added to an article belong to its only 項 (paragraph 1, written without
 * a number). An article with several 項 names the 項 (「第2条第1項に…」), so that is refused, not guessed.
 */
function insertItemsIntoArticle(
  ctx: Ctx, lines: readonly Line[], c: Clause & { kind: "insert" }, content: Content | undefined, line: number, attachments: Appendix[], base: AgreementDocument | undefined,
): Operation[] {
  const article = base ? resolveAddress(base, `article:${c.target.article}`) as Article | undefined : undefined;
  if (!base) {
    // Without the agreement the article's 項 are unknown: paragraph 1 would be a guess.
    report(ctx, "error", "amend.content-mismatch", `「${c.target.written}に次の${c.count ?? ""}号を加える」: ${c.target.written}の項が一つかどうかは変更される協約の本文で確かめる必要がある（協約を記録してから --agreement ID で取り込む）`, line, { address: targetAddress(c.target, base) });
    return [];
  }
  if (article && article.paragraphs.length > 1) {
    report(ctx, "error", "amend.content-mismatch", `「${c.target.written}に次の${c.count ?? ""}号を加える」: ${c.target.written}には項が${article.paragraphs.length}つあり、号を加える項が決まらない（「${c.target.written}第1項に次の…号を加える」のように項を書く）`, line, { address: targetAddress(c.target, base) });
    return [];
  }
  const paragraph: Target = { ...c.target, kind: "paragraph", paragraph: 1 };
  return toOperations(ctx, lines, { ...c, target: paragraph }, content, line, attachments, base);
}

/** What is added 「第3条に次の1項を加える」: a child of the target. */
function childTarget(t: Target, unit: "条" | "項" | "号" | undefined): Target {
  if (t.kind === "article" && unit !== "条") return { ...t, kind: "paragraph", paragraph: 0 };
  if (t.kind === "paragraph" && unit !== "項") return { ...t, kind: "item", item: 0 };
  if (t.kind === "appendix") return { ...t, kind: "section" };
  if (t.kind === "section") return { ...t, kind: "appendixItem" };
  return t;
}

function childAddress(parent: string, n: ProvisionNode): string | undefined {
  if (typeof n === "string") return undefined;
  if ("fields" in n) {
    const m = /^(appendix:\d+)\/section:([^/]+)$/u.exec(parent);
    return m ? appendixItemAddress(Number(m[1]!.slice(9)), m[2]!, n.name) : undefined;
  }
  if ("sections" in n) return `appendix:${n.number}`;
  if ("paragraphs" in n) return `article:${n.number}`;
  if ("items" in n && "title" in n) return `${parent}/section:${sectionKey(n, 0)}`;
  if ("number" in n) return `${parent}/paragraph:${n.number}`;
  if ("label" in n) return `${parent}/item:${normalizeText(n.label)}`;
  return undefined;
}

/** Read the new provisions that follow an instruction, as nodes of the target's kind. */
function readNodes(
  ctx: Ctx, lines: readonly Line[], t: Target, content: Content | undefined, line: number, attachments: Appendix[],
  base: AgreementDocument | undefined, address: string, mode: "replace" | "insert",
): ProvisionNode[] | undefined {
  const stopAt = (end: number) => (_l: Line, j: number): boolean => j >= end;
  if (!content) {
    if (t.kind === "appendix" && attachments.length > 0) {
      const a = attachments.shift()!;
      return [{ ...a, number: t.appendix ?? 1 }];
    }
    report(ctx, "error", "amend.content-missing", `「${t.written}」: 改め文の後に続くはずの新しい規定がない`, line, { address });
    return undefined;
  }
  const { from, to } = content;
  const first = lines.slice(from, to).find((l) => l.text !== "");
  switch (t.kind) {
    case "article": {
      const r = readArticles(ctx, lines, from, stopAt(to), false);
      leftover(ctx, lines, r.next, to, address);
      return r.articles as Article[];
    }
    case "paragraph": {
      const r = readParagraphs(ctx, lines, from, undefined, stopAt(to), address, true);
      leftover(ctx, lines, r.next, to, address);
      if (mode === "replace" && r.paragraphs.length === 1 && t.paragraph !== undefined && r.paragraphs[0]!.number !== t.paragraph) {
        return [{ ...r.paragraphs[0]!, number: t.paragraph }];
      }
      return r.paragraphs as Paragraph[];
    }
    case "item": {
      const r = readParagraphs(ctx, lines, from, { text: "", line: first?.no ?? line }, stopAt(to), address);
      leftover(ctx, lines, r.next, to, address);
      const p = r.paragraphs[0];
      if (!p || p.text !== "" || r.paragraphs.length > 1) {
        report(ctx, "error", "amend.content-mismatch", "新しい本文が号の並び（(1) …）になっていない", first?.no ?? line, { address });
        return undefined;
      }
      return p.items as Item[];
    }
    case "appendix": {
      const heading = first ? matchAppendixHeading(first) : undefined;
      const startAt = heading ? lines.indexOf(first!) : from;
      const r = readAppendix(ctx, lines, startAt, t.appendix ?? 1, stopAt(to), heading === undefined);
      leftover(ctx, lines, r.next, to, address);
      let a = r.appendix;
      if (!heading) {
        const old = base?.appendices.find((x) => x.number === (t.appendix ?? 1));
        if (old) a = { ...a, heading: old.heading, ...(old.relatedTo !== undefined ? { relatedTo: old.relatedTo } : {}) };
      }
      return [a];
    }
    case "section":
    case "appendixItem": {
      const r = readAppendix(ctx, lines, from, t.appendix ?? 1, stopAt(to), true);
      leftover(ctx, lines, r.next, to, address);
      const secs = r.appendix.sections;
      const wantSections = t.kind === "section" && (mode === "replace" || first === undefined || matchSection(first) !== undefined);
      if (wantSections) return secs.filter((s) => s.label !== "" || s.items.length > 0) as Section[];
      const items: AppendixItem[] = secs.flatMap((s) => s.items);
      if (secs.some((s) => s.label !== "")) report(ctx, "error", "amend.content-mismatch", "加える取組の中に区分の見出しがある", first?.no ?? line, { address });
      return items;
    }
    case "caption":
      report(ctx, "error", "amend.unsupported", `「${t.written}」：見出しは新しい本文でなく、引用して改める（「…の見出しを「（…）」に改める。」）`, line, { address });
      return undefined;
    case "supplementary":
      report(ctx, "error", "amend.unsupported", "附則全体を改める改め文は読めない：附則第N項ごとに改める", line, { address });
      return undefined;
    case "title": case "preamble": case "name": {
      const texts = lines.slice(from, to).filter((l) => l.text !== "").map((l) => l.text);
      return [texts.join(t.kind === "preamble" ? "\n" : "")];
    }
  }
}

function leftover(ctx: Ctx, lines: readonly Line[], next: number, to: number, address: string): void {
  for (let j = next; j < to; j++) {
    const l = lines[j]!;
    if (l.text !== "") {
      report(ctx, "error", "amend.unrecognised", `${l.no}行目は新しい規定の一部として読めない：「${l.text.slice(0, 40)}」`, l.no, { address });
      return;
    }
  }
}

/** The subject of a 附則 sentence: 「この協約は、」「この変更連携協約は、」「この協定は、」. */
const SUBJECT = "(?:この(?:変更)?(?:連携)?(?:協約|協定)は[、，,])";
/** 「…から効力を生ずる」「…から効力を発する」: the day the agreement takes effect, i.e. its 施行日. */
const TAKES_EFFECT = "効力を(?:生ずる|生じる|発する|発生する)";
/** A date never contains 、, so the date is what stands between the subject (if any) and から. */
const FROM_RE = new RegExp(`^${SUBJECT}?([^、，,「」]+?)から(適用する|施行する|${TAKES_EFFECT})$`, "u");
const BOTH_RE = new RegExp(`^${SUBJECT}?([^、，,「」]+?)から(?:施行し|${TAKES_EFFECT.replace("生ずる|生じる|発する|発生する", "生じ|発し")})[、，,]([^、，,「」]+?)から適用する$`, "u");
/**
 * 遡及適用 as statutes write it: 「改正後の規定は、令和6年4月1日から適用する」 (every change) or
 * 「改正後の第5条の規定は、…」 (the changes of the provisions named, as a ただし書 names them),
 * alone or after 「…から施行し、」.
 */
const AMENDED_RE = /^(?:この(?:変更)?(?:連携)?(?:協約|協定)(?:による)?)?改正後の(?:(.+?)の)?規定(?:は)?[、，,]?([^、，,「」]+?)から適用する$/u;
const EFFECTIVE_THEN_AMENDED_RE = new RegExp(`^${SUBJECT}?([^、，,「」]+?)から(?:施行し|${TAKES_EFFECT.replace("生ずる|生じる|発する|発生する", "生じ|発し")})[、，,](改正後の.+)$`, "u");
/**
 * 「ただし、第3条の改正規定は、…から適用する。」 and 「前項の規定にかかわらず、…」. The name may end
 * in 「の改正規定」 (a provision) or in an instruction (「第5条の次に1条を加える改正規定」).
 */
const PROVISO_RE = /^(?:ただし|前項の規定にかかわらず)[、，,](.+?)の?(?:改正|変更)?規定(?:は)?[、，,]?(.+?)から(適用|施行)する$/u;
/** A sentence that states a date (a 適用日 the parser must not lose). */
const hasDate = (s: string): boolean => findDates(s).length > 0 || /(?:年[^。、]{0,6}月[^。、]{0,6}日|締結の日|年度)/u.test(s);
/** 「令和7年度分」「令和七年度」: a 年度 starts on 4月1日 of that year. */
const FISCAL_YEAR = /^(明治|大正|昭和|平成|令和)([元0-9０-９一二三四五六七八九十〇]+)年度(?:分)?$/u;
/** A day the text leaves to someone else: 「別に定める日」「市長が告示する日」「甲乙協議して定める日」「告示の日」 (「公布の日」 copied from a 条例's 附則: an agreement is not 公布された). */
const UNSTATED_DAY = /(?:(?:定める|告示する|公示する|指定する|決定する)日|(?:公布|告示|公示|公表)の日)$/u;
const PARAGRAPH_LINE = /^([0-9０-９]+)[ \u3000\t]+(\S.*)$/u;

/** A sentence of a 附則 with the line it starts and ends on and its 項. */
interface SupSentence { readonly text: string; readonly line: number; readonly lastLine: number; readonly paragraph: number }

/** The 附則's sentences, located line by line (a second sentence on its own line is located there). */
function supplementarySentences(lines: readonly Line[], from: number, to: number): SupSentence[] {
  const out: SupSentence[] = [];
  let paragraph = 1;
  let cur: { text: string; line: number; lastLine: number; paragraph: number } | undefined;
  let depth = 0;
  const flush = (): void => { if (cur && cur.text.trim() !== "") out.push({ ...cur, text: cur.text.replace(/。$/u, "") }); cur = undefined; depth = 0; };
  for (let j = from; j < to; j++) {
    const l = lines[j]!;
    if (l.text === "") continue;
    let text = l.text;
    const pm = PARAGRAPH_LINE.exec(text);
    if (pm) { flush(); paragraph = Number(pm[1]!.normalize("NFKC")); text = pm[2]!; }
    for (const ch of text) {
      if (!cur) cur = { text: "", line: l.no, lastLine: l.no, paragraph };
      cur.text += ch;
      cur.lastLine = l.no;
      if (ch === "「") depth++;
      else if (ch === "」") depth--;
      else if (ch === "。" && depth <= 0) flush();
    }
  }
  flush();
  return out;
}

/** What readSupplementaryDates found. */
export interface SupplementaryDates {
  appliesFrom?: JpDate;
  effectiveFrom?: JpDate;
  fromConclusion?: "appliesFrom" | "effectiveFrom" | "both";
  /** The 適用日 the person supplied for an unstated day in the 附則 (not a date as written). */
  supplied?: IsoDate;
  readings: DraftReading[];
  /**
   * Partial dates (令和7年4月 日, 令和○年○月○日) the 附則 names: none of them can date a change.
   * The caller, who knows whether the text is a 案, refuses them or keeps them as a draft's.
   */
  partial: PartialSupplementaryDate[];
}

/** A partial date in a 附則 sentence: where it stands and what it would have dated. */
export interface PartialSupplementaryDate {
  readonly line: number;
  readonly address: string;
  /** The date as written. */
  readonly text: string;
  /** The 附則's own 適用日/施行日, a ただし書, or an 改正後の規定 clause. */
  readonly clause: "supplementary" | "proviso" | "amended";
  /** The sentence, as written (for the message). */
  readonly sentence: string;
}

/**
 * Read the 附則's dates and ただし書 (per-operation 適用日), sentence by sentence. With `strict`
 * (a change agreement) a sentence that is none of the forms below is an error at its line;
 * in a 連携協約書 it stays a warning (the 附則 is kept as text in the document).
 *
 * @example
 * readSupplementaryDates(ctx, body, ops, { lines, strict: true }).appliesFrom?.iso; // "2025-04-01" for 「この協約は、令和7年4月1日から適用する。」
 */
export function readSupplementaryDates(
  ctx: Ctx, body: Body, ops: Operation[], opts: { lines?: readonly Line[]; strict?: boolean; supplied?: IsoDate } = {},
): SupplementaryDates {
  const out: SupplementaryDates = { readings: [], partial: [] };
  const sup = body.supplementary;
  const span = body.spans?.find((sp) => sp.what === "supplementary");
  if (!sup || !span || !opts.lines) return out;
  const conclusion = (s: string): boolean => /^(?:締結|この(?:変更)?(?:連携)?(?:協約|協定)の締結)の日$/u.test(s);
  // A sentence of the 本則 already refused may be the change a ただし書 names: the text is refused
  // at that sentence, and a second error here would point at the wrong line.
  const refusedBefore = hasErrors(ctx.issues);
  for (const st of supplementarySentences(opts.lines, span.from + 1, span.to)) {
    const { text: s, line } = st;
    const addr = `supplementary/paragraph:${st.paragraph}`;
    const dates: ReadDate[] = [];
    const ok = (): void => { out.readings.push({ line, lastLine: st.lastLine, text: `${s}。`, as: { kind: "supplementary", dates } }); };
    /** Read the day a sentence names into `which`; false when the sentence must be refused. */
    const day = (written: string, which: "appliesFrom" | "effectiveFrom"): boolean => {
      if (conclusion(written)) {
        out.fromConclusion = out.fromConclusion && out.fromConclusion !== which ? "both" : which;
        dates.push({ field: which, written });
        return true;
      }
      const fy = FISCAL_YEAR.exec(written);
      if (fy) {
        const r = parseDate(`${fy[1]}${fy[2]}年4月1日`, { allowPartial: false });
        if (r.ok && r.value.iso) {
          out[which] = { ...r.value, text: written };
          dates.push({ field: which, written, iso: r.value.iso });
          return true;
        }
      }
      if (UNSTATED_DAY.test(written) && findDates(written).length === 0) {
        if (opts.supplied === undefined) {
          report(ctx, "error", "parse.supplementary-date-unstated",
            `附則の「${s.slice(0, 50)}」は日付を定めていません（「${written}」）。記録するには適用日を --applies-from DATE（API では appliesFrom）で指定してください`, line, { address: addr, date: written });
          return false;
        }
        // Kept apart from the dates as written: the text did not state this day.
        out.supplied = opts.supplied;
        dates.push({ field: "appliesFrom", written, iso: opts.supplied, supplied: true });
        return true;
      }
      const d = readDate(ctx, written, line, addr);
      if (!d) return false;
      if (!d.iso) out.partial.push({ line, address: addr, text: d.text, clause: "supplementary", sentence: s });
      out[which] = d;
      dates.push({ field: which, written, ...(d.iso !== undefined ? { iso: d.iso } : {}) });
      return true;
    };
    /** 「改正後の（第5条の）規定は、Yから適用する」: Y for every change, or for those of the provisions named. */
    const amended = (text: string): boolean => {
      const am = AMENDED_RE.exec(text);
      if (!am) return false;
      if (am[1] === undefined) return day(am[2]!, "appliesFrom");
      const d = readDate(ctx, am[2]!, line, addr);
      const hits = provisoTargets(ctx, am[1], ops, line, addr, refusedBefore);
      if (!d || hits.length === 0) return false;
      dates.push({ field: "proviso", written: d.text, ...(d.iso !== undefined ? { iso: d.iso } : {}) });
      // A draft's 令和○年○月○日: as for a ただし書, the changes keep the 附則's date until it is known
      // (the caller refuses it in a text that is no 案).
      if (!d.iso) { out.partial.push({ line, address: addr, text: d.text, clause: "amended", sentence: s }); return true; }
      for (const i of hits) ops[i] = { ...ops[i]!, appliesFrom: d.iso };
      return true;
    };
    const thenAmended = EFFECTIVE_THEN_AMENDED_RE.exec(s);
    if (thenAmended && AMENDED_RE.test(thenAmended[2]!)) {
      if (day(thenAmended[1]!, "effectiveFrom") && amended(thenAmended[2]!)) ok();
      continue;
    }
    if (AMENDED_RE.test(s)) {
      if (amended(s)) ok();
      continue;
    }
    const both = BOTH_RE.exec(s);
    if (both) {
      if (day(both[1]!, "effectiveFrom") && day(both[2]!, "appliesFrom")) ok();
      continue;
    }
    const m = FROM_RE.exec(s);
    if (m) {
      if (day(m[1]!, m[2] === "適用する" ? "appliesFrom" : "effectiveFrom")) ok();
      continue;
    }
    const pv = PROVISO_RE.exec(s);
    if (pv) {
      const d = readDate(ctx, pv[2]!, line, addr);
      const hits = provisoTargets(ctx, pv[1]!, ops, line, addr, refusedBefore);
      if (!d || hits.length === 0) continue;
      dates.push({ field: "proviso", written: d.text, ...(d.iso !== undefined ? { iso: d.iso } : {}) });
      ok();
      if (!d.iso) { out.partial.push({ line, address: addr, text: d.text, clause: "proviso", sentence: s }); continue; }
      for (const i of hits) ops[i] = { ...ops[i]!, appliesFrom: d.iso };
      continue;
    }
    // A date kyoyaku cannot place could be a 適用日 of some provisions: refuse rather than apply it wrongly.
    if (hasDate(s)) report(ctx, "error", "parse.supplementary-dated-unread", `附則の文「${s.slice(0, 50)}」は日付を書いているが、読める形（「…から適用する。」「…から施行し、…から適用する。」「ただし、第N条の改正規定は、…」「改正後の第N条の規定は、…」など）でなく、協約にもその変更にも結び付けられない：誤った適用日で記録しないため読み取りを中止した`, line, { address: addr });
    else if (opts.strict) report(ctx, "error", "parse.supplementary-unread", `附則の文「${s.slice(0, 50)}」は、読める形（「この協約は、令和7年4月1日から適用する。」「ただし、第3条の改正規定は、…から適用する。」など）のいずれでもありません。変更協約の附則は読めない文を残したまま記録しません`, line, { address: addr });
    else report(ctx, "warning", "parse.supplementary-unread", `附則の文「${s.slice(0, 50)}」は本文として残したが、読める形でないため日付は取っていない`, line, { address: addr });
  }
  return out;
}

/** Split 「第3条、第5条の2及び別表」 into its names, outside quotes. */
function splitNames(names: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let k = 0; k < names.length; k++) {
    const ch = names[k]!;
    if (ch === "「") depth++;
    else if (ch === "」") depth--;
    if (depth <= 0) {
      const sep = /^(?:及び|並びに|[、，,])/u.exec(names.slice(k));
      if (sep) { out.push(cur); cur = ""; k += sep[0].length - 1; continue; }
    }
    cur += ch;
  }
  out.push(cur);
  return out.filter((x) => x !== "");
}

/** Indices of the operations an instruction-shaped name (「第5条の次に1条を加える」) denotes. */
function instructionHits(clauses: readonly Clause[], ops: readonly Operation[]): number[] {
  const out: number[] = [];
  for (const c of clauses) {
    const target = targetAddress(c.target, undefined);
    if (c.kind !== "insert") {
      ops.forEach((o, i) => { if (o.op === c.kind && o.target === target) out.push(i); });
      continue;
    }
    // The nodes of one 「…を加える」 follow each other: the first is placed by the sentence, the
    // rest after the node before them (see toOperations).
    const parent = c.position === "end" ? target : parentOf(target);
    let last: string | undefined;
    let n = 0;
    ops.forEach((o, i) => {
      if (o.op !== "insert" || o.parent !== parent || (c.count !== undefined && n >= c.count)) return;
      const first = n === 0 && (c.position === "after" ? o.after === target : c.position === "before" ? o.before === target : o.after === undefined && o.before === undefined);
      if (first || (n > 0 && last !== undefined && o.after === last)) { out.push(i); n++; last = childAddress(o.parent, o.node); }
    });
  }
  return out;
}

/**
 * The operations a ただし書 names (「第3条及び第5条の2の改正規定」, 「第5条の次に1条を加える改正規定」):
 * a provision name matches every operation that replaces, deletes or edits text in it or
 * below it, renumbers to or from it, or inserts it (by the inserted node's own address). A
 * name that cannot be read or matches nothing is an error: the date it carries would
 * otherwise be lost and the provision would apply from the wrong day.
 */
function provisoTargets(ctx: Ctx, names: string, ops: readonly Operation[], line: number | undefined, addr: string, refusedBefore = false): number[] {
  const hits = new Set<number>();
  for (const name of splitNames(names)) {
    // 「改正後の第5条」 names the same provision as 「第5条」.
    const part = name.replace(/^改正後の/u, "");
    let found: number[] | undefined;
    // A malformed numeral in the name (「第十十条の改正規定」) is refused as what it is.
    let numeral: string | undefined;
    const numeralOf = (r: ReturnType<typeof parseInstruction>): void => { if (!Array.isArray(r) && r.code === "amend.numeral-malformed") numeral ??= r.message; };
    if (/(?:加える|改める|削る|とする)$/u.test(part)) {
      // 「第5条の次に1条を加える」 omits 次の, which the 改め文 reader expects.
      const r = parseInstruction(`${part.replace(new RegExp(`に([${NUMBER_CHARS}]+(?:条|項|号))を加える$`, "u"), "に次の$1を加える")}。`);
      numeralOf(r);
      if (Array.isArray(r)) found = instructionHits(r, ops);
    } else {
      const r = parseInstruction(`${part}を削る。`);
      numeralOf(r);
      const t = Array.isArray(r) ? r[0]?.target : undefined;
      if (t) {
        const prefix = targetAddress(t, undefined);
        const hit = (a: string | undefined): boolean => a !== undefined && (a === prefix || a.startsWith(`${prefix}/`));
        found = [];
        ops.forEach((o, i) => {
          const addrs = o.op === "restate" ? [] : o.op === "insert" ? [childAddress(o.parent, o.node) ?? o.parent] : o.op === "renumber" ? [o.target, o.to] : [o.target];
          if (addrs.some(hit)) found!.push(i);
        });
      }
    }
    if (numeral !== undefined) {
      report(ctx, "error", "amend.numeral-malformed", `ただし書の${numeral}`, line, { address: addr });
    } else if (found === undefined) {
      report(ctx, "error", "parse.proviso-unreadable", `ただし書が挙げる「${part}」は、読める規定・改正規定の名でない（「第N条の改正規定」「第N条の次に1条を加える改正規定」など）：誤った適用日で記録しないため読み取りを中止した`, line, { address: addr });
    } else if (found.length === 0) {
      if (refusedBefore) continue;
      report(ctx, "error", "parse.proviso-unmatched", `ただし書が挙げる「${part}」は、この変更のどの改正にも当たらない：誤った適用日で記録しないため読み取りを中止した`, line, { address: addr });
    } else for (const i of found) hits.add(i);
  }
  return [...hits].sort((a, b) => a - b);
}
