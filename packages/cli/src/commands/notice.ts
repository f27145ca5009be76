/**
 * `kyoyaku notice` and `kyoyaku withdraw-notice`: record a 通告 (one party leaves the
 * agreement; it loses effect on the 失効日 its own clause fixes) and the 撤回 of a 通告,
 * without a letter text (`kyoyaku import` reads a 通告 letter). `kyoyaku renew` and
 * `kyoyaku decline-renewal`: the 更新 of a fixed term (期間の定め) and a party's 更新拒絶.
 *
 * @module
 */
import { normalizeText, noTargetMessage, partiesLabel, type Kyoyaku } from "@kyoyaku/core";
import type { Command } from "../command.js";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { ID_ARGUMENT, EVENT_OPTION, JSON_OPTION, RECORDED_BY_OPTION } from "../spec.js";
import { parseSeq, recordLegal } from "./record-common.js";

/** `--party NAME`, required. */
function givenParty(ctx: Ctx, command: string, who: string): string {
  const given = ctx.args.string("party");
  if (given === undefined || given.trim() === "") throw new UsageError(`オプション --party NAME（${who}）がない`, command, "usage.missing-option");
  return given;
}

/** The party as the agreement writes it, or a clear error naming the parties (and the nearest). */
function partyOf(k: Kyoyaku, id: string, given: string): string {
  const parties = k.agreements().find((x) => x.id === id)?.parties ?? [];
  const match = parties.find((p) => normalizeText(p) === normalizeText(given));
  if (match === undefined) {
    // Only a name cut short or run on (鏡野 → 鏡野町): one kanji off is another municipality (岡山市, 津山市).
    const g = normalizeText(given);
    const near = parties.filter((p) => normalizeText(p).startsWith(g) || g.startsWith(normalizeText(p)));
    throw new UserError(`--party ${given}: ${given}は${id}の当事者ではない（当事者: ${partiesLabel(parties)}）${near.length > 0 ? `。もしかして ${near.join("、")}？` : ""}`, [], "input.unknown-party");
  }
  return match;
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
    recordLegal(ctx, {
      read: () => ({ given: givenParty(ctx, "notice", "通告する団体"), notifiedOn: ctx.date("notified-on", { required: true })!, resolvedOn: ctx.date("resolved-on") }),
      event: (k, id, { given, notifiedOn, resolvedOn }) => {
        const party = partyOf(k, id, given);
        return { payload: { kind: "notice", party }, dates: { concludedOn: notifiedOn, resolutions: resolvedOn !== undefined ? { [party]: resolvedOn } : {} }, draft: false, parties: [party] };
      },
    });
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
    recordLegal(ctx, {
      read: () => ({ seq: parseSeq(ctx.args.string("event"), "withdraw-notice"), on: ctx.date("on", { required: true })!, resolvedOn: ctx.date("resolved-on") }),
      event: (k, id, { seq, on, resolvedOn }) => {
        const events = k.events(id);
        const target = events.find((e) => e.seq === seq);
        if (target === undefined) throw new UserError(`${noTargetMessage(id, events, seq)}。出来事の一覧は kyoyaku history ${id}`, [], "not-found.event");
        if (target.legal?.payload.kind !== "notice") {
          const notices = events.filter((e) => e.legal?.payload.kind === "notice").map((e) => `#${e.seq}`);
          throw new UserError(`${id} の #${seq} は通告ではない（${notices.length > 0 ? `通告は ${notices.join("、")}` : "通告の記録はない"}）。出来事の一覧は kyoyaku history ${id}`, [], "input.not-a-notice");
        }
        const party = target.legal.payload.party;
        return { payload: { kind: "withdrawNotice", target: seq }, dates: { concludedOn: on, resolutions: resolvedOn !== undefined ? { [party]: resolvedOn } : {} }, draft: false, parties: [party] };
      },
    });
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
    recordLegal(ctx, {
      read: () => ({ until: ctx.date("until", { required: true })!, on: ctx.date("on", { required: true })! }),
      event: (k, id, { until, on }) => {
        const parties = k.agreements().find((a) => a.id === id)?.parties ?? [];
        return { payload: { kind: "renew", until, ...(ctx.args.flag("automatic") && { automatic: true }) }, dates: { concludedOn: on, resolutions: {} }, draft: false, parties: [...parties] };
      },
    });
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
    recordLegal(ctx, {
      read: () => ({ given: givenParty(ctx, "decline-renewal", "更新拒絶の意思表示をする団体"), on: ctx.date("on", { required: true })! }),
      event: (k, id, { given, on }) => {
        const party = partyOf(k, id, given);
        return { payload: { kind: "declineRenewal", party }, dates: { concludedOn: on, resolutions: {} }, draft: false, parties: [party] };
      },
    });
  },
};
