/**
 * A 通告 letter: one party tells the other that it leaves the agreement
 * (「…連携協約の廃止について（通告）」). It is read as a `notice` event — never as a 締結 or
 * a 廃止: the agreement ends on the 失効日 its own clause fixes, which the engine computes.
 *
 * The parts read, in order: 文書番号 (「岡企第１２３号」, optional), the 通告日 (a date alone on
 * its line), 宛先 (「和気町長 様」), 差出人 (「岡山市長 大森 雅夫」), 件名
 * (「…連携協約の廃止について（通告）」), and the body, which must say it notifies the 廃止
 * (「…同協約を廃止することを通告します。」). A 議決日 is taken from the body only where a date
 * and 議決 stand in one clause (「令和７年６月２０日に岡山市議会の議決を経たので」) or as
 * 「議会の議決（令和７年６月２０日）」. Anything missing or not understood is an error at its line.
 *
 * @module
 */
import { findDates, normalizeText, parseDate, sha256, type EventDates, type LegalEventInput } from "@kyoyaku/core";
import { report, type Ctx } from "./context.js";
import { wholeDocumentReading, type Line } from "./lines.js";
import type { ParsedText, ParseOptions } from "./types.js";

/** The 件名 of a 通告 letter: 「…の廃止について（通告）」. */
export const NOTICE_SUBJECT = /について[(（]通告[)）]$/u;
/** The body's notifying sentence: 「…ことを通告します。」. */
export const NOTICE_SENTENCE = /(?:を|旨を|ことを)通告(?:します|いたします)。$/u;

const NUMBER = /^[^\s第]{1,12}第[0-9０-９]+号$/u;
// On the normalised line (no spaces): 「和気町長様」「和気町長大森直徳様」, 「岡山市長大森雅夫」.
const ADDRESSEE = /^(.+?[都道府県市町村])長(.*?)(?:様|殿)$/u;
const SENDER = /^(.+?[都道府県市町村])長(.*)$/u;
const SUBJECT = /^(.+?(?:協約|協定))の廃止について[(（]通告[)）]$/u;

/** The party names an agreement's name lists: 「岡山市及び和気町における…」. */
function namedParties(name: string): string[] | undefined {
  const m = /^(.+?)における/u.exec(name);
  if (!m) return undefined;
  const names = m[1]!.split(/及び|、|並びに/u).filter((s) => /[都道府県市町村]$/u.test(s));
  return names.length >= 2 ? names : undefined;
}

/**
 * Read a 通告 letter into a `notice` event. The event's parties are the notifying party alone
 * (its 議決 is the one the law asks for); `suggestedId` comes from the agreement's name
 * (「岡山市及び和気町における…」 → 岡山市-和気町), else from the sender and the addressee.
 *
 * @example
 * readNotice(ctx, text, lines, {}); // { kind: "notice", event: { payload: { kind: "notice", party: "岡山市", … }, dates: { concludedOn: "2025-06-30", … } }, … }
 */
export function readNotice(ctx: Ctx, text: string, lines: readonly Line[], options: ParseOptions): ParsedText | undefined {
  const body = lines.filter((l) => l.norm !== "");
  const subjectAt = body.findIndex((l) => NOTICE_SUBJECT.test(l.norm));
  if (subjectAt < 0) {
    const at = body.find((l) => NOTICE_SENTENCE.test(l.norm));
    report(ctx, "error", "notice.subject-missing", "通告の文書に件名（「…連携協約の廃止について（通告）」）がない", at?.no ?? body[0]?.no ?? 1);
    return undefined;
  }
  const subjectLine = body[subjectAt]!;
  const subject = SUBJECT.exec(subjectLine.norm);
  if (!subject) {
    report(ctx, "error", "notice.subject-unread", `件名「${subjectLine.text}」は「…連携協約の廃止について（通告）」の形でなく、何を通告するのか読めない`, subjectLine.no);
    return undefined;
  }
  const head = body.slice(0, subjectAt);
  let reference: string | undefined;
  let notifiedOn: string | undefined;
  let addressee: string | undefined;
  let sender: string | undefined;
  for (const l of head) {
    if (reference === undefined && notifiedOn === undefined && NUMBER.test(l.norm)) { reference = l.norm; continue; }
    if (notifiedOn === undefined && addressee === undefined && findDates(l.text).length === 1 && findDates(l.text)[0]!.text.trim() === l.text.trim()) {
      const d = parseDate(l.text, { ...(ctx.file !== undefined && { file: ctx.file }), line: l.no });
      if (!d.ok || d.value.iso === undefined) {
        report(ctx, "error", "notice.date-unread", `通告日「${l.text.trim()}」は完全な日付として読めない（通告は日付の確定した文書に限る）`, l.no, { date: l.text.trim() });
        return undefined;
      }
      notifiedOn = d.value.iso;
      continue;
    }
    const a = ADDRESSEE.exec(l.norm);
    if (addressee === undefined && a) { addressee = a[1]!; continue; }
    const s = SENDER.exec(l.norm);
    if (addressee !== undefined && sender === undefined && s) { sender = s[1]!; continue; }
    report(ctx, "error", "notice.line-unread", `通告の文書の頭書きの「${l.text.trim()}」は、文書番号・日付・宛先（「和気町長\u3000様」）・差出人（「岡山市長\u3000氏名」）のいずれとしても読めない`, l.no);
    return undefined;
  }
  if (notifiedOn === undefined) { report(ctx, "error", "notice.date-missing", "通告の文書に日付（通告日）がない", subjectLine.no); return undefined; }
  if (addressee === undefined) { report(ctx, "error", "notice.addressee-missing", "通告の文書に宛先（「和気町長\u3000様」）がない", subjectLine.no); return undefined; }
  if (sender === undefined) { report(ctx, "error", "notice.sender-missing", "通告の文書に差出人（「岡山市長\u3000氏名」）がない", subjectLine.no); return undefined; }
  if (normalizeText(sender) === normalizeText(addressee)) {
    report(ctx, "error", "notice.sender-is-addressee", `差出人と宛先がともに${sender}であり、通告として読めない`, subjectLine.no);
    return undefined;
  }
  // The body: the paragraphs after the 件名, up to the first line that is not prose (担当, 電話 …).
  const rest = body.slice(subjectAt + 1);
  const notifying = rest.find((l) => NOTICE_SENTENCE.test(l.norm));
  if (notifying === undefined) {
    report(ctx, "error", "notice.body-unread", "本文に「…廃止することを通告します。」の文がなく、通告として読めない", rest[0]?.no ?? subjectLine.no);
    return undefined;
  }
  // What is notified must be the 廃止 itself: 「…協約を廃止することを通告します。」 (not 「…協議を申し入れることを通告します。」).
  if (!/(?:協約|協定)を廃止する(?:こと|旨)を通告(?:します|いたします)。$/u.test(notifying.norm)) {
    const last = notifying.norm.split(/(?<=[、。])/u).slice(-1)[0] ?? notifying.norm;
    report(ctx, "error", "notice.body-unread", `本文の「…${last}」は、協約を廃止することの通告（「…同協約を廃止することを通告します。」）として読めない`, notifying.no);
    return undefined;
  }
  const resolved = resolutionDate(ctx, rest.slice(0, rest.indexOf(notifying) + 1));
  if (resolved === null) return undefined;
  const name = subject[1]!;
  const parties = namedParties(name) ?? [sender, addressee];
  if (!parties.map(normalizeText).includes(normalizeText(sender)) || !parties.map(normalizeText).includes(normalizeText(addressee))) {
    report(ctx, "error", "notice.party-unknown", `差出人（${sender}）又は宛先（${addressee}）が、件名の協約の当事者（${parties.join("、")}）でない`, subjectLine.no);
    return undefined;
  }
  const dates: EventDates = { concludedOn: notifiedOn, resolutions: resolved === undefined ? {} : { [sender]: resolved } };
  const event: LegalEventInput = {
    payload: { kind: "notice", party: sender, subject: name, ...(reference !== undefined && { reference }) },
    dates, draft: false, parties: [sender],
    source: { name: options.file ?? "(text)", text, sha256: sha256(text) },
  };
  // A letter is one notice: its lines are read as a whole, as a 連携協約書 is.
  const reading = wholeDocumentReading(lines, subjectLine.text.trim(), "notice-letter");
  return { kind: "notice", event, title: subjectLine.text.trim(), suggestedId: parties.map(normalizeText).join("-"), reading };
}

/** The 議決日 the body states, `undefined` when none, `null` after an error. */
function resolutionDate(ctx: Ctx, lines: readonly Line[]): string | undefined | null {
  const found = new Map<string, Line>();
  for (const l of lines) {
    if (!l.norm.includes("議決")) continue;
    for (const span of findDates(l.text)) {
      // One clause: the date and 議決 with no 「、」 or 「。」 between them.
      const after = l.text.slice(span.end).split(/[、。，．]/u)[0] ?? "";
      const before = l.text.slice(0, span.start);
      const inParens = /議決[(（]$/u.test(normalizeText(before)) && /^[)）]/u.test(l.text.slice(span.end).trim());
      if (!after.includes("議決") && !inParens) continue;
      const d = parseDate(span.text, { ...(ctx.file !== undefined && { file: ctx.file }), line: l.no });
      if (!d.ok || d.value.iso === undefined) {
        report(ctx, "error", "notice.resolution-unread", `議決日「${span.text}」は完全な日付として読めない`, l.no, { date: span.text });
        return null;
      }
      found.set(d.value.iso, l);
    }
  }
  if (found.size > 1) {
    const l = [...found.values()][0]!;
    report(ctx, "error", "notice.resolution-ambiguous", `本文に議決日と読める日付が複数ある（${[...found.keys()].join("、")}）ため、どれが議決日か分からない`, l.no);
    return null;
  }
  return [...found.keys()][0];
}
