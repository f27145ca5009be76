/**
 * `kyoyaku notice` and `kyoyaku withdraw-notice`: record a 通告 (one party leaves the
 * agreement; it loses effect on the 失効日 its own clause fixes) and the 撤回 of a 通告,
 * without a letter text (`kyoyaku import` reads a 通告 letter).
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
  const notices = k.timeline(r.agreementId).notices ?? [];
  if (ctx.wantsJson) {
    ctx.json({ agreementId: r.agreementId, duplicate: r.duplicate, event: r.event, notices, issues: r.issues });
    return;
  }
  ctx.print(`${r.agreementId}: ${ctx.out.green("記録しました（recorded）")} #${r.event.seq} ${kindLabel(r.event.kind)}`);
  const legal = r.event.legal!;
  const rows: [string, string][] = [["当事者", partiesLabel(legal.parties)], ...dateRows(legal.dates, legal.parties, r.event.kind)];
  for (const n of notices) {
    const what = n.outcome === "ended" ? "失効日" : n.outcome === "withdrawn" ? `失効日（#${n.withdrawnBy ?? "?"} で撤回）` : "失効日（先に終了）";
    rows.push([`#${n.seq} 通告`, `${normalizeText(n.party)}、通告日 ${jpDate(n.notifiedOn)}、${what} ${jpDate(n.expiresOn)}`]);
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
    if (given === undefined || given.trim() === "") throw new UsageError("missing option --party NAME (the notifying party)", "notice");
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
