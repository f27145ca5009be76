/**
 * Reading a 変更連携協約書 (or a 廃止 text) into an amendment: which agreement it changes,
 * its operations on provision addresses, its 附則 (適用日, 施行日, ただし書), and its dates.
 *
 * @module
 */
import {
  appendixItemAddress, deepFreeze, findDates, normalizeText, resolveAddress, sectionKey,
  type AgreementDocument, type Appendix, type AppendixItem, type Article, type Item, type JpDate, type Operation, type Paragraph, type ProvisionNode, type Section,
} from "@kyoyaku/core";
import { buildParties, readBody, readHeader, type At, type Body, type Header } from "./agreement.js";
import { report, type Ctx } from "./context.js";
import { isDateLine, readDate } from "./dates.js";
import { parseInstruction, startsInstruction, type Clause, type Target } from "./kaimebun.js";
import type { Line } from "./lines.js";
import { isClosing, isSupplementaryHeading, matchAppendixHeading, matchArticle, matchRole, matchSection, readAppendix, readArticles, readParagraphs } from "./structure.js";

/** An amendment as read. */
export interface ReadAmendment {
  readonly header: Header;
  readonly body: Body;
  readonly operations: Operation[];
  /** The agreement named (title, 締結日); for a 廃止 「…限り」/「…をもって」, `through` is its last day in force. */
  readonly base: { title?: string; date?: JpDate; through?: JpDate };
  readonly restated?: AgreementDocument;
  readonly parties: string[];
  readonly date?: JpDate;
  readonly signedOn?: JpDate;
  readonly appliesFrom?: JpDate;
  readonly effectiveFrom?: JpDate;
  /** 「締結の日から」: the date is the 締結日. */
  readonly fromConclusion?: "appliesFrom" | "effectiveFrom" | "both";
}

const ENACT = /^(.*?)(?:の一部|の全部)?を次の(?:とおり|ように)(?:変更|改正)する。$/u;
/**
 * The 廃止 wordings: 「…連携協約を廃止する。」, 「…を廃止することについて合意する。」, and with
 * the last day in force, 「…連携協約は、令和8年3月31日限り、廃止する。」 / 「…は、令和8年3月31日を
 * もって廃止する。」 (group 2: the agreement is in force through that day, gone from the next).
 */
const ABOLISH = /^(?:(.*?)を廃止する(?:ことについて合意する)?|(.*?(?:協約|協定))は[、，]?[ \u3000]*(.+?)(?:限り|をもって)[、，]?[ \u3000]*廃止する(?:ことについて合意する)?)。$/u;

/** The base agreement named by the enacting sentence (its date when stated; for a 廃止 「…限り」, its last day in force). */
function readBase(ctx: Ctx, enact: At, abolish: boolean): { title?: string; date?: JpDate; through?: JpDate } {
  const m = (abolish ? ABOLISH : ENACT).exec(enact.text.replace(/[ \u3000]+$/u, ""));
  if (!m) return {};
  let through: JpDate | undefined;
  if (abolish && m[2] !== undefined) {
    const when = m[3]!.replace(/[ \u3000]+/gu, "");
    const spans = findDates(when);
    if (spans.length !== 1 || spans[0]!.start !== 0 || spans[0]!.end !== when.length) {
      report(ctx, "error", "abolish.through-unread", `廃止の日を読めない：「${m[3]}限り／をもって」の「${m[3]}」は日付でない（「令和8年3月31日限り、廃止する。」の形で書く）`, enact.line, { date: m[3]! });
    } else {
      through = readDate(ctx, spans[0]!.text, enact.line, "date");
    }
  }
  let title = abolish ? (m[1] ?? m[2]!) : m[1]!;
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

/**
 * Read the amendment (or abolition) text. Issues go to `ctx`.
 *
 * @example
 * readAmendment(newCtx(), splitLines(seed2), false).operations[0]?.op; // "replace"
 */
export function readAmendment(ctx: Ctx, lines: readonly Line[], abolish: boolean, baseDoc?: AgreementDocument): ReadAmendment {
  const stop = (l: Line): boolean => startsInstruction(l.norm) && !matchArticle(l) && !matchAppendixHeading(l);
  const header = readHeader(ctx, lines, stop);
  const enactIdx = header.preamble.findIndex((p) => (abolish ? ABOLISH : ENACT).test(p.text.replace(/[ \u3000]+$/u, "")));
  const enact = header.preamble[enactIdx];
  const base = enact ? readBase(ctx, enact, abolish) : {};
  if (!enact) {
    report(ctx, abolish ? "error" : "warning", "parse.no-enacting-clause",
      abolish ? "the text does not say which agreement it abolishes (「…連携協約を廃止する。」)" : "the text does not say which agreement it changes (「…連携協約を次のとおり変更する。」)",
      header.preamble[0]?.line ?? header.title?.line ?? 1);
  }
  const restate = enact !== undefined && /の全部を次の(?:とおり|ように)(?:変更|改正)する/u.test(enact.text);
  const operations: Operation[] = [];
  let i = header.next;
  const pending: { clause: Clause; content?: Content; line: number }[] = [];
  let restated: AgreementDocument | undefined;
  let body: Body;
  if (!abolish && !restate) {
    let previous: Target | undefined;
    const isEnd = (l: Line): boolean => isSupplementaryHeading(l) || isClosing(l) || (matchRole(l) !== undefined && !l.raw.includes("\t")) || isDateLine(l.text);
    while (i < lines.length) {
      const l = lines[i]!;
      if (l.text === "") { i++; continue; }
      if (isEnd(l)) break;
      if (!stop(l)) {
        report(ctx, "error", "amend.unrecognised", `line ${l.no} is not an amendment sentence kyoyaku can read: 「${l.text.slice(0, 50)}」`, l.no);
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
        report(ctx, "error", "amend.unrecognised", `cannot read the amendment sentence at line ${l.no}: ${parsed.message} (at 「${text.slice(Math.max(0, parsed.at - 8), parsed.at + 8)}」)`, l.no);
        i = k;
        continue;
      }
      const needs = parsed.filter((c) => c.kind === "replace" || c.kind === "insert");
      const hasContent = lines.slice(j, k).some((x) => x.text !== "");
      if (needs.length === 0 && hasContent) {
        const first = lines.slice(j, k).find((x) => x.text !== "")!;
        report(ctx, "error", "amend.unrecognised", `line ${first.no} follows an amendment sentence that takes no new text: 「${first.text.slice(0, 40)}」`, first.no);
      }
      if (needs.length > 1 && hasContent) report(ctx, "error", "amend.ambiguous-content", `the sentence at line ${l.no} adds or replaces more than one provision; kyoyaku cannot tell which new text belongs to which`, l.no);
      for (const c of parsed) {
        const isNeed = c.kind === "replace" || c.kind === "insert";
        pending.push({ clause: c, line: l.no, ...(isNeed && hasContent ? { content: { from: j, to: k, line: l.no } } : {}) });
        previous = c.target;
      }
      i = k;
    }
    body = readBody(ctx, lines, i);
  } else {
    body = readBody(ctx, lines, i);
  }
  for (const a of body.articles) if (!restate) report(ctx, "error", "amend.unexpected-article", `第${a.number}条 stands outside any amendment sentence`, undefined, { address: `article:${a.number}` });

  const date = header.date ? readDate(ctx, header.date.text, header.date.line, "date") : undefined;
  const signedOn = body.signedOn ? readDate(ctx, body.signedOn.text, body.signedOn.line, "signedOn") : undefined;
  // Attached 別表 (after the signature block) serve 「別表を次のように改める。」 in order.
  const attachments = [...body.appendices];
  if (restate && enact) {
    const after = header.preamble.slice(enactIdx + 1);
    const nameLine = after[0] && /(?:協約|協定)$/u.test(normalizeText(after[0].text)) ? after[0] : undefined;
    const pre = after.slice(nameLine ? 1 : 0).map((x) => x.text).join("\n");
    const parties = buildParties(ctx, header, pre, body.groups);
    restated = deepFreeze({
      title: (header.title?.text ?? "").replace(/変更/u, ""),
      ...(date ? { date } : {}),
      parties,
      ...(nameLine ? { name: nameLine.text } : base.title ? { name: base.title } : {}),
      preamble: pre,
      articles: body.articles,
      ...(body.closing ? { closing: body.closing.text } : {}),
      ...(signedOn ? { signedOn } : {}),
      appendices: body.appendices,
      unknown: [],
    });
    operations.push({ op: "restate", document: restated });
  }

  for (const pnd of pending) {
    const op = toOperations(ctx, lines, pnd.clause, pnd.content, pnd.line, attachments, baseDoc);
    operations.push(...op);
  }
  if (attachments.length > 0 && !restate) {
    for (const a of attachments) report(ctx, "warning", "amend.unused-attachment", `the attached ${a.heading} is not named by any amendment sentence`, undefined, { address: `appendix:${a.number}` });
  }

  // 附則: 適用日, 施行日, ただし書.
  const partiesRead = buildParties(ctx, header, header.preamble.map((p) => p.text).join("\n"), body.groups);
  const sup = readSupplementaryDates(ctx, body, operations);
  if (baseDoc) checkTargets(ctx, baseDoc, operations);
  return {
    header, body, operations, base, ...(restated ? { restated } : {}),
    parties: partiesRead.map((p) => p.name),
    ...(date ? { date } : {}), ...(signedOn ? { signedOn } : {}),
    ...sup,
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
      if (resolveAddress(base, a) === undefined) report(ctx, "error", "amend.target-missing", `the amendment changes ${a}, which the agreement it amends does not have`, undefined, { address: a });
    }
  }
}

/** Turn a clause and its new text into operations. */
function toOperations(
  ctx: Ctx, lines: readonly Line[], c: Clause, content: Content | undefined, line: number, attachments: Appendix[], base: AgreementDocument | undefined,
): Operation[] {
  const target = targetAddress(c.target, base);
  switch (c.kind) {
    case "replaceText": return [{ op: "replaceText", target, from: c.from, to: c.to, ...(c.occurrence ? { occurrence: c.occurrence } : {}) }];
    case "deleteText": return [{ op: "deleteText", target, text: c.text, ...(c.occurrence ? { occurrence: c.occurrence } : {}) }];
    case "delete": return [{ op: "delete", target }];
    case "renumber": return [{ op: "renumber", target, to: targetAddress(c.to, base) }];
    case "replace": {
      const nodes = readNodes(ctx, lines, c.target, content, line, attachments, base, target, "replace");
      if (nodes === undefined) return [];
      if (nodes.length !== 1) {
        report(ctx, "error", "amend.content-mismatch", `「${c.target.written}を次のように改める」 is followed by ${nodes.length} provisions; exactly one was expected`, line, { address: target });
        return [];
      }
      return [{ op: "replace", target, node: nodes[0]! }];
    }
    case "insert": {
      const parent = c.position === "end" ? target : parentOf(target);
      const kindOf: Target = c.position === "end" ? childTarget(c.target, c.unit) : c.target;
      const nodes = readNodes(ctx, lines, kindOf, content, line, attachments, base, parent, "insert");
      if (nodes === undefined) return [];
      if (nodes.length === 0 || (c.count !== undefined && nodes.length !== c.count)) {
        report(ctx, "error", "amend.content-mismatch", `the sentence says 次の${c.count ?? ""}${c.unit ?? ""} but ${nodes.length} provision(s) follow it`, line, { address: target });
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
    report(ctx, "error", "amend.content-missing", `「${t.written}」: the new text that should follow the sentence is missing`, line, { address });
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
        report(ctx, "error", "amend.content-mismatch", "the new text is not a list of items (号)", first?.no ?? line, { address });
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
      if (secs.some((s) => s.label !== "")) report(ctx, "error", "amend.content-mismatch", "a section heading appears among the 取組 to be added", first?.no ?? line, { address });
      return items;
    }
    case "supplementary":
      report(ctx, "error", "amend.unsupported", "changing the 附則 of the agreement as a whole is not supported; change its paragraphs (附則第N項) instead", line, { address });
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
      report(ctx, "error", "amend.unrecognised", `line ${l.no} is not part of the new provision: 「${l.text.slice(0, 40)}」`, l.no, { address });
      return;
    }
  }
}

const FROM_RE = /^この(?:変更)?(?:連携)?(?:協約|協定)は[、，,](.+?)から(適用|施行)する$/u;
const BOTH_RE = /^この(?:変更)?(?:連携)?(?:協約|協定)は[、，,](.+?)から施行し[、，,](.+?)から適用する$/u;
/**
 * 「ただし、第3条の改正規定は、…から適用する。」 and 「前項の規定にかかわらず、…」. The name may end
 * in 「の改正規定」 (a provision) or in an instruction (「第5条の次に1条を加える改正規定」).
 */
const PROVISO_RE = /^(?:ただし|前項の規定にかかわらず)[、，,](.+?)の?(?:改正|変更)?規定(?:は)?[、，,]?(.+?)から(適用|施行)する$/u;
/** A sentence that states a date (a 適用日 the parser must not lose). */
const hasDate = (s: string): boolean => findDates(s).length > 0 || /(?:年[^。、]{0,6}月[^。、]{0,6}日|締結の日)/u.test(s);

function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    cur += ch;
    if (ch === "「") depth++;
    else if (ch === "」") depth--;
    else if (ch === "。" && depth <= 0) { out.push(cur.slice(0, -1)); cur = ""; }
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}

/**
 * Read the 附則's dates and ただし書 (per-operation 適用日).
 *
 * @example
 * readSupplementaryDates(ctx, body, ops).appliesFrom?.iso; // "2025-04-01" for 「この協約は、令和7年4月1日から適用する。」
 */
export function readSupplementaryDates(ctx: Ctx, body: Body, ops: Operation[]): { appliesFrom?: JpDate; effectiveFrom?: JpDate; fromConclusion?: "appliesFrom" | "effectiveFrom" | "both" } {
  const out: { appliesFrom?: JpDate; effectiveFrom?: JpDate; fromConclusion?: "appliesFrom" | "effectiveFrom" | "both" } = {};
  const sup = body.supplementary;
  if (!sup) return out;
  const conclusion = (s: string): boolean => /^(?:締結|この協約の締結)の日$/u.test(s);
  sup.paragraphs.forEach((p) => {
    const line = body.supplementaryLines?.get(p.number);
    const addr = `supplementary/paragraph:${p.number}`;
    for (const s of splitSentences(p.text)) {
      const both = BOTH_RE.exec(s);
      if (both) {
        if (conclusion(both[1]!)) out.fromConclusion = "effectiveFrom"; else { const d = readDate(ctx, both[1]!, line, addr); if (d) out.effectiveFrom = d; }
        if (conclusion(both[2]!)) out.fromConclusion = out.fromConclusion ? "both" : "appliesFrom"; else { const d = readDate(ctx, both[2]!, line, addr); if (d) out.appliesFrom = d; }
        continue;
      }
      const m = FROM_RE.exec(s);
      if (m) {
        const which = m[2] === "適用" ? "appliesFrom" : "effectiveFrom";
        if (conclusion(m[1]!)) out.fromConclusion = out.fromConclusion && out.fromConclusion !== which ? "both" : which;
        else { const d = readDate(ctx, m[1]!, line, addr); if (d) out[which] = d; }
        continue;
      }
      const pv = PROVISO_RE.exec(s);
      if (pv) {
        const d = readDate(ctx, pv[2]!, line, addr);
        const hits = provisoTargets(ctx, pv[1]!, ops, line, addr);
        if (!d || hits.length === 0) continue;
        if (!d.iso) { report(ctx, "warning", "parse.proviso-partial-date", `the ただし書 date 「${d.text}」 is not a full date; the operations it names keep the 附則's date`, line, { address: addr }); continue; }
        for (const i of hits) ops[i] = { ...ops[i]!, appliesFrom: d.iso };
        continue;
      }
      // A date kyoyaku cannot place could be a 適用日 of some provisions: refuse rather than apply it wrongly.
      if (hasDate(s)) report(ctx, "error", "parse.supplementary-dated-unread", `the 附則 sentence 「${s.slice(0, 50)}」 states a date kyoyaku cannot attach to the agreement or to its changes; the text is refused rather than read with a wrong 適用日`, line, { address: addr });
      else report(ctx, "warning", "parse.supplementary-unread", `the 附則 sentence 「${s.slice(0, 50)}」 was kept as text but not understood (no dates taken from it)`, line, { address: addr });
    }
  });
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
function provisoTargets(ctx: Ctx, names: string, ops: readonly Operation[], line: number | undefined, addr: string): number[] {
  const hits = new Set<number>();
  for (const part of splitNames(names)) {
    let found: number[] | undefined;
    if (/(?:加える|改める|削る|とする)$/u.test(part)) {
      // 「第5条の次に1条を加える」 omits 次の, which the 改め文 reader expects.
      const r = parseInstruction(`${part.replace(/に([0-9０-９一二三四五六七八九十]+(?:条|項|号))を加える$/u, "に次の$1を加える")}。`);
      if (Array.isArray(r)) found = instructionHits(r, ops);
    } else {
      const r = parseInstruction(`${part}を削る。`);
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
    if (found === undefined) {
      report(ctx, "error", "parse.proviso-unreadable", `the ただし書 names 「${part}」, which is not a provision or 改正規定 kyoyaku can read; the text is refused rather than read with a wrong 適用日`, line, { address: addr });
    } else if (found.length === 0) {
      report(ctx, "error", "parse.proviso-unmatched", `the ただし書 names 「${part}」, but no change of this text touches it; the text is refused rather than read with a wrong 適用日`, line, { address: addr });
    } else for (const i of found) hits.add(i);
  }
  return [...hits].sort((a, b) => a - b);
}
