/**
 * `kyoyaku search`: find 条 and 取組 containing a text, in the versions in force on a date.
 *
 * @module
 */
import { addressLabel, normalizeText } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { indent } from "../format/answers.js";
import { jpDate } from "../format/dates.js";
import { wrap } from "../format/width.js";
import { JSON_OPTION, KNOWN_AT_OPTION, WITH_DRAFTS_OPTION, onOption } from "../spec.js";

export const search: Command = {
  spec: {
    name: "search",
    summary: "ある日に効力を有する条と取組から、文字列を含むものを探す",
    description:
      "すべての協約の条と別表の取組を、--on DATE（既定: 今日）に効力を有するものについて探す。空白と全角・半角の違いは無視するので、ESD で「E S D」も見つかる。",
    positionals: [{ name: "TEXT", required: true, description: "探す語" }],
    options: [
      onOption("この日に効力を有する版を探す。既定: 日本時間の今日"),
      { name: "party", type: "string", value: "NAME", description: "この団体が当事者である協約だけ" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku search 子育て --on 令和2年4月1日", note: "2020-04-01 に効力を有する、子育てについての条と取組" },
      { command: "kyoyaku search ESD --party 和気町", note: "「E S Dによる人づくり…」に一致する" },
    ],
  },
  run(ctx) {
    const text = ctx.args.positional(0)!;
    const on = ctx.onDate();
    const party = ctx.args.string("party");
    const k = ctx.engine({ readonly: true });
    let hits = k.search(text, { ...ctx.asOf(), on });
    if (party !== undefined) {
      const ids = new Set(
        k.agreements().filter((a) => a.parties.some((p) => normalizeText(p) === normalizeText(party))).map((a) => a.id),
      );
      hits = hits.filter((h) => ids.has(h.agreementId));
    }
    if (ctx.wantsJson) return void ctx.json({ text, on, ...(party !== undefined && { party }), hits });
    if (hits.length === 0) {
      ctx.print(`「${text}」は ${jpDate(on)} に効力のある条・取組に見つかりません。`);
      return;
    }
    ctx.print(ctx.out.bold(`「${text}」 ${hits.length}件（${jpDate(on)} 時点）`));
    for (const h of hits) {
      ctx.print("");
      ctx.print(`${h.agreementId}  ${addressLabel(h.address)}  ${ctx.out.dim(h.address)}`);
      ctx.print(indent(wrap(h.text, 76), "    "));
    }
  },
};
