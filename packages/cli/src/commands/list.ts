/**
 * `kyoyaku list`: the agreements in the database, or those in force on a date.
 *
 * @module
 */
import { END_KIND_LABEL, normalizeText, partiesLabel } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { jpDate, jpInterval } from "../format/dates.js";
import { table } from "../format/width.js";
import { JSON_OPTION, KNOWN_AT_OPTION, WITH_DRAFTS_OPTION, onOption } from "../spec.js";

export const list: Command = {
  spec: {
    name: "list",
    summary: "協約を一覧にする（すべて、又はある日に効力を有するもの）",
    description:
      "--on がなければ、データベースのすべての協約を、当事者、出来事の数、最初の適用日及び廃止とともに一覧にする。--on を付ければ、その日に効力を有する協約と、それぞれの版の期間を一覧にする。",
    positionals: [],
    options: [
      onOption("この日に効力を有する協約だけを一覧にする（ISO 形式又は和暦）"),
      { name: "party", type: "string", value: "NAME", description: "この団体が当事者である協約だけ（例: 岡山市。空白と全角・半角の違いは無視する）" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku list", note: "データベースのすべての協約" },
      { command: "kyoyaku list --on 令和2年4月1日 --party 岡山市", note: "2020-04-01 に効力を有する岡山市の協約" },
    ],
  },
  run(ctx) {
    const k = ctx.engine({ readonly: true });
    const party = ctx.args.string("party");
    const on = ctx.date("on");
    const asOf = ctx.asOf();
    const hasParty = (parties: readonly string[]): boolean =>
      party === undefined || parties.some((p) => normalizeText(p) === normalizeText(party));
    if (on === undefined) {
      if (asOf.knownAt !== undefined || asOf.withDrafts === true) {
        ctx.note("kyoyaku list: --known-at と --with-drafts は --on DATE と一緒に使う。すべての協約を一覧にする");
      }
      const all = k.agreements().filter((a) => hasParty(a.parties));
      if (ctx.wantsJson) return void ctx.json({ agreements: all });
      if (all.length === 0) {
        ctx.print(party === undefined ? "協約はまだ登録されていません。kyoyaku import FILE… で登録します。" : `${normalizeText(party)} を当事者とする協約はありません。`);
        return;
      }
      ctx.print(`協約 ${all.length}件${party !== undefined ? `（当事者 ${normalizeText(party)}）` : ""}`);
      ctx.print(
        table([
          ["ID", "題名", "当事者", "記録数", "最初の適用日", "終了"],
          ...all.map((a) => [
            a.id,
            a.title ?? "—",
            partiesLabel(a.parties),
            String(a.events),
            a.firstAppliesFrom !== undefined ? jpDate(a.firstAppliesFrom) : "—（効力のある版なし）",
            // Labelled by what ended it: a 通告 or a term ends an agreement without a 廃止.
            a.abolishedFrom !== undefined ? `${jpDate(a.abolishedFrom)}から${END_KIND_LABEL[a.endedBy ?? "abolish"]}` : "—",
          ]),
        ]),
      );
      return;
    }
    const entries = k.inForce(on, { ...asOf, ...(party !== undefined && { party }) }).filter((e) => hasParty(e.parties));
    if (ctx.wantsJson) return void ctx.json({ on, ...asOf, agreements: entries });
    const when = `${jpDate(on)}${asOf.withDrafts === true ? "（案を反映）" : ""}`;
    if (entries.length === 0) {
      ctx.print(`${when}に効力のある協約はありません${party !== undefined ? `（当事者 ${normalizeText(party)}）` : ""}。`);
      return;
    }
    ctx.print(`${when}に効力のある協約 ${entries.length}件${party !== undefined ? `（当事者 ${normalizeText(party)}）` : ""}`);
    ctx.print(
      table([
        ["ID", "題名", "当事者", "版の期間"],
        ...entries.map((e) => [e.agreementId, e.title ?? "—", partiesLabel(e.parties), jpInterval(e.interval)]),
      ]),
    );
  },
};
