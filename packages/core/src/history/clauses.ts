/**
 * Clauses of an agreement that decide when it ends without a 廃止: the 通告 clause (one party
 * leaves by notifying the other; the agreement loses effect a fixed time later) and the
 * 期間 clause (a fixed term, perhaps renewed automatically). They are read from the text in
 * force, exactly, or not at all: a clause that looks like one of these and is not understood
 * is an error located at its provision, never a guess.
 *
 * @module
 */
import { addDays } from "../date/calendar.js";
import { parseJpNumeral } from "../date/numerals.js";
import { parseDate } from "../date/parse.js";
import { dayAfterPeriod, fiscalYearEnd, fiscalYearLastDay, outOfForceFrom, type Period, type PeriodUnit } from "../date/period.js";
import type { IsoDate } from "../date/types.js";
import type { Address } from "../model/address.js";
import type { AgreementDocument, Item } from "../model/document.js";
import { fail, issue, ok, type Result } from "../model/issue.js";
import { normalizeText } from "../model/normalize.js";
import { addressLabel, dateLabel } from "./labels.js";

/** A provision's text with its address, as the clause readers walk them. */
interface Provision {
  readonly address: Address;
  readonly text: string;
}

function* provisions(doc: AgreementDocument): Generator<Provision> {
  function* items(base: Address, list: readonly Item[]): Generator<Provision> {
    for (const it of list) {
      const address = `${base}/item:${it.label}`;
      yield { address, text: it.text };
      yield* items(address, it.items);
    }
  }
  for (const a of doc.articles) {
    for (const p of a.paragraphs) {
      const address = `article:${a.number}/paragraph:${p.number}`;
      yield { address, text: p.text };
      yield* items(address, p.items);
    }
  }
  for (const p of doc.supplementary?.paragraphs ?? []) {
    const address = `supplementary/paragraph:${p.number}`;
    yield { address, text: p.text };
  }
}

/** The sentences of a provision (normalised), each ending in 「。」. */
function sentences(text: string): string[] {
  return normalizeText(text).split(/(?<=。)/u).filter((s) => s !== "");
}

const UNIT: Readonly<Record<string, PeriodUnit>> = { 年: "year", 箇月: "month", か月: "month", ヶ月: "month", カ月: "month", ケ月: "month", 月: "month", 週間: "week", 日: "day" };
const NUM = "[0-9〇一二三四五六七八九十百]+";
/** 「通告した日」「通告の日」「通告をした日」: the day the notice is given (never the day it is received). */
const NOTICE_DAY = "通告(?:を?した|の)日";
const PASSED = new RegExp(`^(?:.*?、)?(?:この(?:連携)?(?:協約|協定)は、)?${NOTICE_DAY}(の翌日)?から(起算して)?(${NUM})(年|箇月|か月|ヶ月|カ月|ケ月|月|週間|日)を経過した日に(?:、)?(?:その)?効力を失う。$`, "u");
const FISCAL = new RegExp(`^(?:.*?、)?(?:この(?:連携)?(?:協約|協定)は、)?${NOTICE_DAY}の属する年度(の翌年度)?の末日(限り|に)(?:、)?(?:その)?効力を失う。$`, "u");

/** How a 通告 clause was read: the 失効日 and the words that gave it. */
export interface NoticeExpiry {
  /** 失効日: the first day the agreement is not in force. */
  readonly expiresOn: IsoDate;
  /** The provision holding the clause (e.g. `article:7/paragraph:1`). */
  readonly address: Address;
  /** The sentence read, normalised. */
  readonly sentence: string;
}

/**
 * The 失効日 of a 通告 given on `notifiedOn`, read from the 通告 clause of `doc` (the text in
 * force on that day). Read forms (after normalising full-width forms):
 * 「通告した日から起算して2年を経過した日にその効力を失う」 (the 通告日 counts, 民法第143条),
 * 「通告の日の翌日から起算して…」, 「通告した日から1年を経過した日に…」 (民法第140条: the first
 * day does not count), 「通告した日の属する年度の末日限り…」 (the day after 3月31日),
 * 「…年度の翌年度の末日限り…」, 「…年度の末日に効力を失う」 (that day itself). Errors:
 * `rule.notice-clause-missing` (no sentence speaks of 通告 and 効力を失う),
 * `rule.notice-clause-ambiguous` (more than one), `rule.notice-clause-unread` (a form not listed).
 *
 * @example
 * noticeExpiry(doc, "2025-06-30"); // ok: { expiresOn: "2027-06-30", address: "article:7/paragraph:1", … } for 「…起算して2年を経過した日…」
 */
export function noticeExpiry(doc: AgreementDocument, notifiedOn: IsoDate): Result<NoticeExpiry> {
  const found: { p: Provision; sentence: string }[] = [];
  for (const p of provisions(doc)) {
    if (!p.text.includes("通告")) continue;
    const norm = normalizeText(p.text);
    if (!norm.includes("通告") || !norm.includes("効力を失")) continue;
    for (const s of sentences(p.text)) if (s.includes("効力を失")) found.push({ p, sentence: s });
  }
  if (found.length === 0) {
    return fail([issue("error", "rule.notice-clause-missing", "協約に通告による失効の定め（「…通告した日から起算して2年を経過した日にその効力を失う。」など）が見当たらないため、失効日を定められない")]);
  }
  if (found.length > 1) {
    return fail([issue("error", "rule.notice-clause-ambiguous", `通告による失効の定めが複数ある（${found.map((f) => addressLabel(f.p.address)).join("、")}）ため、どれによるか分からない`, { address: found[0]!.p.address })]);
  }
  const { p, sentence } = found[0]!;
  const unread = () => fail<NoticeExpiry>([issue("error", "rule.notice-clause-unread",
    `${addressLabel(p.address)}の「${sentence}」は、読める通告の定め（「通告した日から起算して2年を経過した日にその効力を失う」「通告した日の属する年度の末日限りその効力を失う」）のいずれでもないため、失効日を定められない`,
    { address: p.address })]);
  const m = PASSED.exec(sentence);
  if (m) {
    const amount = parseJpNumeral(m[3]!);
    const unit = UNIT[m[4]!];
    if (amount === undefined || amount < 1 || unit === undefined) return unread();
    const period: Period = { amount, unit };
    // 「…の翌日から起算して」 starts on the next day, counted; 「…から起算して」 on the day itself;
    // 「…から」 alone does not count the first day (民法第140条).
    const from = m[1] !== undefined ? addDays(notifiedOn, 1) : notifiedOn;
    const countFirst = m[1] !== undefined || m[2] !== undefined;
    if (m[1] !== undefined && m[2] === undefined) return unread();
    return ok({ expiresOn: dayAfterPeriod(from, period, countFirst), address: p.address, sentence });
  }
  const f = FISCAL.exec(sentence);
  if (f) {
    const end = fiscalYearEnd(notifiedOn, f[1] !== undefined ? 1 : 0);
    // 「末日限り」: in force through that day; 「末日に効力を失う」: not in force on it.
    return ok({ expiresOn: f[2] === "限り" ? outOfForceFrom(end) : end, address: p.address, sentence });
  }
  return unread();
}

/** A fixed term (期間の定め) as read from the text. */
export interface Term {
  /** The first day of the term, as written (for 「…限り、その効力を失う」 alone: the 締結日). */
  readonly from: IsoDate;
  /** The last day of the term (「…までとする」): in force through it. */
  readonly until: IsoDate;
  /** 自動更新: 「…何らの意思表示がないときは、…更に5年間延長されるものとし、以後も同様とする。」 */
  readonly autoRenewal?: { readonly years: number; readonly noticeMonths: number; readonly repeats: boolean };
  readonly address: Address;
  readonly sentence: string;
}

const TERM = /^この(?:連携)?(?:協約|協定)の(?:有効)?期間は、(.+?)から(.+?)までとする。$/u;
const RENEW = new RegExp(`^ただし、(?:当該)?期間(?:の)?満了の日の(${NUM})(?:月|箇月|か月|ヶ月|カ月)前までに、甲(?:、乙)?又は[乙丙]から(?:何らの|別段の)?意思表示がないときは、この(?:連携)?(?:協約|協定)は、(?:更に|さらに)(${NUM})年間(?:延長|更新)されるものとし、(以後も同様とする|その後も同様とする)。$`, "u");

/**
 * The fixed term of `doc`, if it has one: `ok(undefined)` when no sentence speaks of the
 * agreement's 期間 or its 満了; the term when it reads 「この協定の期間は、令和3年4月1日から令和13年3月31日までとする。」,
 * with an automatic renewal when the next sentence reads 「ただし、期間満了の日の3月前までに、甲又は乙から何らの
 * 意思表示がないときは、この協定は、更に5年間延長されるものとし、以後も同様とする。」. Anything else that
 * speaks of the term is `rule.term-clause-unread`, located at its provision.
 *
 * @example
 * termOf(doc); // ok: { from: "2021-04-01", until: "2031-03-31", autoRenewal: { years: 5, noticeMonths: 3, repeats: true }, … }
 */
export function termOf(doc: AgreementDocument): Result<Term | undefined> {
  const found: { p: Provision; list: string[] }[] = [];
  for (const p of provisions(doc)) {
    // Cheap test on the raw text first: most provisions speak of no term.
    if (!/期間|延長|更新|効力を失/u.test(p.text)) continue;
    const list = sentences(p.text);
    if (list.some(looksLikeTerm)) found.push({ p, list });
  }
  if (found.length === 0) return ok(undefined);
  const unread = (p: Provision, s: string) => fail<Term | undefined>([issue("error", "rule.term-clause-unread",
    `${addressLabel(p.address)}の「${s}」は期間の定めと見えるが、読める形（「この協定の期間は、令和3年4月1日から令和13年3月31日までとする。」とそのただし書の自動延長、または「この協定は、令和7年度の末日限り、その効力を失う。」）でないため、協定の期間を定められない`,
    { address: p.address })]);
  if (found.length > 1) {
    return fail([issue("error", "rule.term-clause-ambiguous", `期間の定めと見える規定が複数ある（${found.map((f) => addressLabel(f.p.address)).join("、")}）`, { address: found[0]!.p.address })]);
  }
  const { p, list } = found[0]!;
  const e = EXPIRES.exec(list[0]!);
  if (e) {
    // 「この協定は、令和7年度の末日限り、その効力を失う。」: a term from the 締結日 to that day.
    const last = lastDayNamed(e[1]!);
    const from = doc.signedOn?.iso ?? doc.date?.iso;
    // 「令和8年3月31日に効力を失う」 (a day, not a 年度の末日) is read literally elsewhere (not in force
    // on it) and here could mean either: refused rather than guessed.
    if (last === undefined || from === undefined || last < from || list.length > 1 || (e[2] === "に" && fiscalYearLastDay(e[1]!) === undefined)) return unread(p, list[0]!);
    return ok({ from, until: last, address: p.address, sentence: list[0]! });
  }
  const m = TERM.exec(list[0]!);
  if (!m) return unread(p, list.find(looksLikeTerm)!);
  const from = parseDate(m[1]!);
  const until = lastDayNamed(m[2]!);
  if (!from.ok || from.value.iso === undefined || until === undefined || until < from.value.iso) return unread(p, list[0]!);
  if (list.length > 2) return unread(p, list[2]!);
  let autoRenewal: Term["autoRenewal"];
  if (list.length === 2) {
    const r = RENEW.exec(list[1]!);
    const years = r ? parseJpNumeral(r[2]!) : undefined;
    const months = r ? parseJpNumeral(r[1]!) : undefined;
    if (!r || years === undefined || months === undefined || years < 1) return unread(p, list[1]!);
    autoRenewal = { years, noticeMonths: months, repeats: true };
  }
  return ok({ from: from.value.iso, until, ...(autoRenewal ? { autoRenewal } : {}), address: p.address, sentence: list.join("") });
}

/**
 * 「この協定は、令和7年度の末日限り、その効力を失う。」 (also 「…をもって」, and 「…年度の末日に…」, which
 * names the 年度's last day as the last in force).
 */
const EXPIRES = /^この(?:連携)?(?:協約|協定)は、(.+?)(限り|をもって|に)[、]?(?:その)?効力を失う。$/u;

/** The day words name as a last day: a full date (令和8年3月31日) or a 年度の末日 (令和7年度の末日 → 2026-03-31). */
function lastDayNamed(words: string): IsoDate | undefined {
  const fy = fiscalYearLastDay(words);
  if (fy !== undefined) return fy;
  const d = parseDate(words);
  return d.ok && d.value.precision === "day" ? d.value.iso : undefined;
}

function looksLikeTerm(s: string): boolean {
  // Sentences about the agreement's own term: its 期間, its 満了, its being extended, or the day
  // it loses effect by itself on a day it names (never a 通告's, which noticeExpiry reads; a
  // sentence naming no day, 「…合意したときは、その効力を失う。」, fixes no term).
  if (/(?:年度|年[^、。]{0,4}月[^、。]{0,4}日)[^。]*効力を失う。$/u.test(s) && !s.includes("通告")) return true;
  return /^この(?:連携)?(?:協約|協定)の(?:有効)?期間/u.test(s)
    || /(?:^|、)(?:この(?:連携)?(?:協約|協定)の)?(?:有効)?期間(?:の)?満了/u.test(s)
    || /この(?:連携)?(?:協約|協定)は、(?:更に|さらに|引き続き).*(?:延長|更新)/u.test(s);
}

/**
 * One-line description of a term, as outputs print it.
 *
 * @example
 * termLabel({ from: "2021-04-01", until: "2031-03-31", … }); // "令和3年4月1日（2021-04-01）から令和13年3月31日（2031-03-31）まで"
 */
export function termLabel(t: Pick<Term, "from" | "until">): string {
  return `${dateLabel(t.from)}から${dateLabel(t.until)}まで`;
}
