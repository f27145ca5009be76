/**
 * `kyoyaku notice` and `kyoyaku withdraw-notice`: record a 通告 (one party leaves the
 * agreement; it loses effect on the 失効日 its own clause fixes) and the 撤回 of a 通告,
 * without a letter text (`kyoyaku import` reads a 通告 letter). `kyoyaku renew` and
 * `kyoyaku decline-renewal`: the 更新 of a fixed term (期間の定め) and a party's 更新拒絶.
 *
 * @module
 */
import { formatIssue, normalizeText, partiesLabel, type Kyoyaku, type RecordResult } from "@kyoyaku/core";
import type { Command } from "../command.js";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { dateRows, indent } from "../format/answers.js";
import { jpDate } from "../format/dates.js";
import { kindLabel } from "../format/labels.js";
import { table } from "../format/width.js";
import { ID_ARGUMENT, EVENT_OPTION, JSON_OPTION, RECORDED_BY_OPTION } from "../spec.js";
import { parseSeq } from "./record-common.js";

/** The party as the agreement writes it, or a clear error naming the parties. */
function partyOf(k: Kyoyaku, id: string, given: string): string {
  const a = k.agreements().find((x) => x.id === id);
  if (a === undefined) throw new UserError(`no agreement ${id} (see \`kyoyaku list\`)`);
  const match = a.parties.find((p) => normalizeText(p) === normalizeText(given));
  if (match === undefined) throw new UserError(`--party ${given}: not a party of ${id} (parties: ${partiesLabel(a.parties)})`);
  return match;
}

function printNotice(ctx: Ctx, k: Kyoyaku, r: RecordResult): void {
  const t = k.timeline(r.agreementId);
  const notices = t.notices ?? [];
  if (ctx.wantsJson) {
    ctx.json({ agreementId: r.agreementId, duplicate: r.duplicate, event: r.event, notices, ...(t.term !== undefined && { term: t.term }), issues: r.issues });
    return;
  }
  ctx.print(`${r.agreementId}: ${ctx.out.green("記録しました（recorded）")} #${r.event.seq} ${kindLabel(r.event.kind)}`);
  const legal = r.event.legal!;
  const rows: [string, string][] = [["当事者", partiesLabel(legal.parties)], ...dateRows(legal.dates, legal.parties, r.event.kind)];
  for (const n of notices) {
    const what = n.outcome === "ended" ? "失効日" : n.outcome === "withdrawn" ? `失効日（#${n.withdrawnBy ?? "?"} で撤回）` : "失効日（先に終了）";
    rows.push([`#${n.seq} 通告`, `${normalizeText(n.party)}、通告日 ${jpDate(n.notifiedOn)}、${what} ${jpDate(n.expiresOn)}`]);
  }
  if (t.term !== undefined) {
    const how = { expired: "期間満了で終了", running: "期間中", unrecorded: `自動延長（記録なし）: ${t.term.unrecordedFrom !== undefined ? jpDate(t.term.unrecordedFrom) : ""}からは延長と更新拒絶のいずれも記録がない` }[t.term.outcome];
    rows.push(["期間", `${jpDate(t.term.from)}から${jpDate(t.term.last)}まで — ${how}`]);
  }
  r.issues.forEach((i, n) => rows.push([n === 0 ? "注記" : "", formatIssue(i)]));
  ctx.print(indent(table(rows), "    "));
}

export const notice: Command = {
  spec: {
    name: "notice",
    summary: "record a 通告: one party leaves the agreement (it loses effect on the 失効日 its clause fixes)",
    description:
      "Records that PARTY, after its council's 議決 (--resolved-on), notified the other party on\n" +
      "--notified-on that it leaves the agreement (通告). The 失効日 is not given: it is computed from the\n" +
      "agreement's own 通告 clause as in force on the 通告日 (e.g. 「通告した日から起算して2年を経過した日に\n" +
      "その効力を失う」, counted by 民法第140条〜第143条). A clause kyoyaku cannot read refuses the 通告 and\n" +
      "names the provision. From the 失効日 on, as-of answers say 通告による失効. To read a 通告 letter, use\n" +
      "`kyoyaku import LETTER.txt`.",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "party", type: "string", value: "NAME", description: "the notifying party, e.g. 和気町; required" },
      { name: "notified-on", type: "string", value: "DATE", description: "通告日 (the day the 通告 was given); required" },
      { name: "resolved-on", type: "string", value: "DATE", description: "the party's 議決日 (on or before the 通告日)" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku notice okayama-wake --party 和気町 --resolved-on 2025-06-20 --notified-on 2025-06-30", note: "和気町 leaves; with 「起算して2年を経過した日」 the agreement loses effect on 2027-06-30" },
    ],
  },
  run(ctx) {
    const id = ctx.args.positional(0)!;
    const given = ctx.args.string("party");
    if (given === undefined || given.trim() === "") throw new UsageError("オプション --party NAME（通告する団体）がない", "notice", "usage.missing-option");
    const notifiedOn = ctx.date("notified-on", { required: true })!;
    const resolvedOn = ctx.date("resolved-on");
    const k = ctx.engine();
    const party = partyOf(k, id, given);
    const r = k.record({
      agreementId: id,
      event: { payload: { kind: "notice", party }, dates: { concludedOn: notifiedOn, resolutions: resolvedOn !== undefined ? { [party]: resolvedOn } : {} }, draft: false, parties: [party] },
      recordedBy: ctx.recordedBy(),
    });
    printNotice(ctx, k, r);
  },
};

export const withdrawNotice: Command = {
  spec: {
    name: "withdraw-notice",
    summary: "record the 撤回 of a 通告 before its 失効日: the agreement stays in force",
    description:
      "Records that the 通告 SEQ was withdrawn on --on DATE. The day must be on or after the 通告日 and\n" +
      "before the 失効日 (after it the agreement has already lost effect, and the 撤回 is refused).",
    positionals: [ID_ARGUMENT],
    options: [
      { ...EVENT_OPTION, description: "the 通告 to withdraw (its number; see `kyoyaku history ID`)" },
      { name: "on", type: "string", value: "DATE", description: "the day the 通告 was withdrawn; required" },
      { name: "resolved-on", type: "string", value: "DATE", description: "the party's 議決日 for the 撤回, if any" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku withdraw-notice okayama-wake --event 2 --on 2026-05-01", note: "和気町 withdraws its 通告 #2 before the 失効日" },
    ],
  },
  run(ctx) {
    const id = ctx.args.positional(0)!;
    const seq = parseSeq(ctx.args.string("event"), "withdraw-notice");
    const on = ctx.date("on", { required: true })!;
    const resolvedOn = ctx.date("resolved-on");
    const k = ctx.engine();
    const target = k.events(id).find((e) => e.seq === seq);
    if (target === undefined || target.legal?.payload.kind !== "notice") {
      throw new UserError(`${id} #${seq} is not a 通告 (see \`kyoyaku history ${id}\`)`);
    }
    const party = target.legal.payload.party;
    const r = k.record({
      agreementId: id,
      event: { payload: { kind: "withdrawNotice", target: seq }, dates: { concludedOn: on, resolutions: resolvedOn !== undefined ? { [party]: resolvedOn } : {} }, draft: false, parties: [party] },
      recordedBy: ctx.recordedBy(),
    });
    printNotice(ctx, k, r);
  },
};

export const renew: Command = {
  spec: {
    name: "renew",
    summary: "record the 更新 of a fixed term (期間の定め): the agreement stays in force to a new last day",
    description:
      "Records that the term of an agreement whose text fixes one (「この協定の期間は、…から…までとする。」) was\n" +
      "renewed on --on DATE (on or before the term's last day) to --until DATE (the new last day, in force\n" +
      "through it). --automatic records that the clause's 自動延長 took place (no 意思表示 was made); kyoyaku\n" +
      "never assumes it: until it is recorded, as-of answers after the last day carry 自動更新（記録なし）.",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "until", type: "string", value: "DATE", description: "the new last day of the term; required" },
      { name: "on", type: "string", value: "DATE", description: "the day of the 更新 (for --automatic, the objection deadline); required" },
      { name: "automatic", type: "boolean", description: "the 更新 is the clause's 自動延長 (no 意思表示 was made)" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku renew tsuyama-kagamino --automatic --on 2025-12-31 --until 2031-03-31", note: "nobody objected by the deadline: the term runs 5 more years" },
    ],
  },
  run(ctx) {
    const id = ctx.args.positional(0)!;
    const until = ctx.date("until", { required: true })!;
    const on = ctx.date("on", { required: true })!;
    const k = ctx.engine();
    const parties = k.agreements().find((a) => a.id === id)?.parties ?? [];
    const r = k.record({
      agreementId: id,
      event: { payload: { kind: "renew", until, ...(ctx.args.flag("automatic") && { automatic: true }) }, dates: { concludedOn: on, resolutions: {} }, draft: false, parties: [...parties] },
      recordedBy: ctx.recordedBy(),
    });
    printNotice(ctx, k, r);
  },
};

export const declineRenewal: Command = {
  spec: {
    name: "decline-renewal",
    summary: "record a party's 更新拒絶: an automatically renewed term ends on its last day",
    description:
      "Records that PARTY declared on --on DATE that the term is not extended (the 意思表示 of a clause\n" +
      "such as 「期間満了の日の3月前までに、甲又は乙から何らの意思表示がないときは、…更に5年間延長される」).\n" +
      "The day must be on or before the clause's deadline; from the day after the last day of the term the\n" +
      "agreement is not in force (期間満了).",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "party", type: "string", value: "NAME", description: "the declaring party; required" },
      { name: "on", type: "string", value: "DATE", description: "the day of the 意思表示; required" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku decline-renewal tsuyama-kagamino --party 鏡野町 --on 2025-12-20", note: "鏡野町 objected before the deadline: the term ends on 2026-03-31" },
    ],
  },
  run(ctx) {
    const id = ctx.args.positional(0)!;
    const given = ctx.args.string("party");
    if (given === undefined || given.trim() === "") throw new UsageError("オプション --party NAME（更新拒絶の意思表示をする団体）がない", "decline-renewal", "usage.missing-option");
    const on = ctx.date("on", { required: true })!;
    const k = ctx.engine();
    const party = partyOf(k, id, given);
    const r = k.record({
      agreementId: id,
      event: { payload: { kind: "declineRenewal", party }, dates: { concludedOn: on, resolutions: {} }, draft: false, parties: [party] },
      recordedBy: ctx.recordedBy(),
    });
    printNotice(ctx, k, r);
  },
};
