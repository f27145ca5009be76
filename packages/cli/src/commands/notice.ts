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
    summary: "通告を記録する: 一の団体が離脱し、協約は通告の条項が定める失効日に効力を失う",
    description:
      "PARTY が議会の議決（--resolved-on）を経て、--notified-on に他の当事者へ協約からの離脱を通告したことを記録する。失効日は与えない: 通告日に効力を有する協約自身の通告の条項から計算する（例: 「通告した日から起算して2年を経過した日にその効力を失う」。民法第140条〜第143条により計算する）。kyoyaku が読めない条項であれば、その条項を示して通告を拒否する。失効日以後の時点照会には「通告による失効」と示す。通告の文書を読み取るには `kyoyaku import LETTER.txt` を用いる。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "party", type: "string", value: "NAME", description: "通告する団体。例: 和気町。必須" },
      { name: "notified-on", type: "string", value: "DATE", description: "通告日（通告をした日）。必須" },
      { name: "resolved-on", type: "string", value: "DATE", description: "その団体の議決日（通告日以前）" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku notice okayama-wake --party 和気町 --resolved-on 2025-06-20 --notified-on 2025-06-30", note: "和気町が離脱する。「起算して2年を経過した日」の条項により、協約は 2027-06-30 に効力を失う" },
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
    summary: "失効日の前に通告の撤回を記録する: 協約は効力を有したままとなる",
    description:
      "通告 SEQ が --on DATE に撤回されたことを記録する。その日は通告日以後で、失効日より前でなければならない（失効日以後は協約が既に効力を失っているので、撤回は拒否する）。",
    positionals: [ID_ARGUMENT],
    options: [
      { ...EVENT_OPTION, description: "撤回する通告（その番号。`kyoyaku history ID` で確認）" },
      { name: "on", type: "string", value: "DATE", description: "通告を撤回した日。必須" },
      { name: "resolved-on", type: "string", value: "DATE", description: "撤回についての団体の議決日（あれば）" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku withdraw-notice okayama-wake --event 2 --on 2026-05-01", note: "和気町が失効日の前に通告 #2 を撤回する" },
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
    summary: "期間の定めの更新を記録する: 協約は新しい末日まで効力を有する",
    description:
      "本文が期間を定める協約（「この協定の期間は、…から…までとする。」）の期間が、--on DATE（期間の末日以前）に --until DATE（新しい末日。その日まで効力を有する）まで更新されたことを記録する。--automatic は、条項の自動延長が生じた（意思表示がなかった）ことを記録する。kyoyaku は自動延長を推定しない: 記録されるまで、末日後の時点照会には「自動更新（記録なし）」と付す。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "until", type: "string", value: "DATE", description: "期間の新しい末日。必須" },
      { name: "on", type: "string", value: "DATE", description: "更新の日（--automatic では意思表示の期限）。必須" },
      { name: "automatic", type: "boolean", description: "その更新は条項による自動延長である（意思表示がなかった）" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku renew tsuyama-kagamino --automatic --on 2025-12-31 --until 2031-03-31", note: "期限までに誰も異議を述べなかった: 期間はさらに5年続く" },
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
    summary: "団体の更新拒絶を記録する: 自動更新される期間が末日で終わる",
    description:
      "PARTY が --on DATE に、期間を延長しない旨を表示したことを記録する（「期間満了の日の3月前までに、甲又は乙から何らの意思表示がないときは、…更に5年間延長される」のような条項の意思表示）。その日は条項の期限以前でなければならない。期間の末日の翌日から協約は効力を有しない（期間満了）。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "party", type: "string", value: "NAME", description: "意思表示をした団体。必須" },
      { name: "on", type: "string", value: "DATE", description: "意思表示の日。必須" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku decline-renewal tsuyama-kagamino --party 鏡野町 --on 2025-12-20", note: "鏡野町が期限の前に異議を述べた: 期間は 2026-03-31 に終わる" },
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
