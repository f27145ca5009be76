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
    summary: "find 条 and 取組 containing a text, as in force on a date",
    description:
      "Searches the articles (条) and 別表 measures (取組) of every agreement as in force on --on DATE\n" +
      "(default today). Matching ignores spaces and full/half width, so ESD finds 「E S D」.",
    positionals: [{ name: "TEXT", required: true, description: "the words to find" }],
    options: [
      onOption("search the versions in force on this date; default: today in Japan"),
      { name: "party", type: "string", value: "NAME", description: "only agreements with this party" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku search 子育て --on 令和2年4月1日", note: "条 and 取組 about 子育て in force on 2020-04-01" },
      { command: "kyoyaku search ESD --party 和気町", note: "matches 「E S Dによる人づくり…」" },
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
