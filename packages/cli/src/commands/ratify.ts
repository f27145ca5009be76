/**
 * `kyoyaku ratify`: a recorded draft (案) becomes a ratified event with its full dates.
 *
 * @module
 */
import { ratificationDates, ratifyRetryOf, recordUnlessRetry } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { ID_ARGUMENT, EVENT_OPTION, JSON_OPTION, RECORDED_BY_OPTION, RESOLUTION_OPTION } from "../spec.js";
import { recordAbout } from "./record-common.js";

export const ratify: Command = {
  spec: {
    name: "ratify",
    summary: "記録された案を、その日付とともに確定した出来事にする",
    description:
      "案である出来事 SEQ が、そのままの内容で --signed-on DATE に締結されたことを記録する。適用日は、--applies-from で与えない限り本文（附則）のとおりとする。--resolution で議決日を加える。各団体の議決日は締結日以前でなければならない。\n案そのものは書き換えない: 確定は、案を指す新しい出来事として記録する。同じ日付でもう一度実行しても（再試行）何も記録せず、その旨を表示する（終了コード 0、duplicate）。確定した案に異なる日付を与えれば拒否する。",
    positionals: [ID_ARGUMENT],
    options: [
      EVENT_OPTION,
      { name: "signed-on", type: "string", value: "DATE", description: "締結日（署名した日）。必須" },
      { name: "applies-from", type: "string", value: "DATE", description: "適用日。本文に書かれた日と異なるときに指定する（既定: 本文のとおり、なければ締結日）" },
      RESOLUTION_OPTION,
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku ratify okayama-bizen --event 2 --signed-on 令和7年3月28日 --resolution 岡山市=2025-03-18 --resolution 備前市=2025-03-21", note: "両議会の議決を経て、案 #2 が 2025-03-28 に締結された" },
    ],
  },
  run(ctx) {
    recordAbout(ctx, "ratify", {
      read: () => ({ signedOn: ctx.date("signed-on", { required: true })!, appliesFrom: ctx.date("applies-from") }),
      record: (k, { id, seq, entry }, { signedOn, appliesFrom }) => {
        const dates = ratificationDates(entry.dates, signedOn, appliesFrom, ctx.resolutions(entry.parties, `${id} #${seq}`));
        // Run again with the same dates (a retry): nothing recorded, the first ratify answered, as the API does.
        return recordUnlessRetry(
          () => ratifyRetryOf(k.events(id), entry, dates),
          () => k.ratify({ agreementId: id, target: seq, dates, recordedBy: ctx.recordedBy() }),
        );
      },
    });
  },
};
