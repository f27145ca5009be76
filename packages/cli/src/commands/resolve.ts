/**
 * `kyoyaku resolve`: add 議決日 learnt later (recorded as an event, never an edit).
 *
 * @module
 */
import { recordUnlessRetry, resolveRetryOf } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { ID_ARGUMENT, EVENT_OPTION, JSON_OPTION, RECORDED_BY_OPTION, RESOLUTION_OPTION } from "../spec.js";
import { recordAbout } from "./record-common.js";

export const resolveCommand: Command = {
  spec: {
    name: "resolve",
    summary: "記録された出来事に議決日を加える",
    description:
      "出来事 SEQ について一以上の団体の議決日を、新しい出来事として記録する（元の出来事は書き換えないので、監査証跡にはその日付がいつ分かったかが残る）。各議決日は、その出来事の締結日以前でなければならない（地方自治法第252条の2第3項）。既に記録した日付でもう一度実行しても（再試行）何も記録せず、その旨を表示する（終了コード 0、duplicate）。",
    positionals: [ID_ARGUMENT],
    options: [EVENT_OPTION, { ...RESOLUTION_OPTION, description: `${RESOLUTION_OPTION.description}。一つ以上指定する` }, RECORDED_BY_OPTION, JSON_OPTION],
    examples: [
      { command: "kyoyaku resolve okayama-wake --event 1 --resolution 岡山市=平成28年9月30日 --resolution 和気町=平成28年9月27日", note: "締結 #1 の議決日を両方とも加える" },
    ],
  },
  run(ctx) {
    recordAbout(ctx, "resolve", {
      read: () => {
        if (ctx.args.list("resolution").length === 0) throw new UsageError("オプション --resolution PARTY=DATE（1つ以上）がない", "resolve", "usage.missing-option");
      },
      record: (k, { id, seq, entry }) => {
        const resolutions = ctx.resolutions(entry.parties, `${id} #${seq}`);
        return recordUnlessRetry(
          () => resolveRetryOf(k.events(id), entry, resolutions), // a retry: nothing recorded
          () => k.resolve({ agreementId: id, target: seq, resolutions, recordedBy: ctx.recordedBy() }),
        );
      },
    });
  },
};
