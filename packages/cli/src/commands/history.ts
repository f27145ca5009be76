/**
 * `kyoyaku history`: every recorded event of an agreement, with both times.
 *
 * @module
 */
import type { Command } from "../command.js";
import { historyBlock } from "../format/answers.js";
import { jpInstant } from "../format/dates.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION } from "../spec.js";

export const history: Command = {
  spec: {
    name: "history",
    summary: "list the recorded events of an agreement (締結, 変更, 案, 訂正 …)",
    description:
      "Lists every event of the agreement in valid-time order (適用日, then 締結日, then number #N), each\n" +
      "with its kind, status (確定, 案, 撤回), its dates as now known (締結日, 適用日, 議決日 per party), when\n" +
      "and by whom it was recorded, its source file and SHA-256, and notes: retroactive, recorded out of\n" +
      "order, missing 議決日, later ratifications/resolutions/corrections. With --known-at, only what had\n" +
      "been recorded by then.",
    positionals: [ID_ARGUMENT],
    options: [KNOWN_AT_OPTION, JSON_OPTION],
    examples: [
      { command: "kyoyaku history okayama-wake", note: "every event of okayama-wake" },
      { command: "kyoyaku history okayama-wake --known-at 2025-03-31", note: "the history as recorded by the end of 2025-03-31 (JST)" },
    ],
  },
  run(ctx) {
    const id = ctx.args.positional(0)!;
    const knownAt = ctx.knownAt();
    const entries = ctx.engine({ readonly: true }).history(id, knownAt !== undefined ? { knownAt } : {});
    if (ctx.wantsJson) return void ctx.json({ agreementId: id, ...(knownAt !== undefined && { knownAt }), entries });
    ctx.print(ctx.out.bold(`${id} の履歴（${entries.length}件）${knownAt !== undefined ? ` — ${jpInstant(knownAt)} までの記録` : ""}`));
    ctx.print(entries.map((e) => historyBlock(e)).join("\n\n"));
  },
};
