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
    summary: "協約について記録された出来事を一覧にする（締結、変更、案、訂正 …）",
    description:
      "協約のすべての出来事を効力の時間の順（適用日、締結日、番号 #N の順）に一覧にする。各出来事について、種別、状態（確定、案、撤回）、現在分かっている日付（締結日、適用日、団体ごとの議決日）、記録の日時と記録者、原本のファイルとその SHA-256、及び注記（遡及、順序どおりでない記録、議決日の未登録、後からの確定・議決日追加・訂正）を示す。--known-at を付ければ、その時点までに記録されていたものだけを示す。",
    positionals: [ID_ARGUMENT],
    options: [KNOWN_AT_OPTION, JSON_OPTION],
    examples: [
      { command: "kyoyaku history okayama-wake", note: "okayama-wake のすべての出来事" },
      { command: "kyoyaku history okayama-wake --known-at 2025-03-31", note: "2025-03-31 の終わり（日本時間）までに記録された履歴" },
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
