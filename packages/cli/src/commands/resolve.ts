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
    summary: "add 議決日 (council resolution dates) to a recorded event",
    description:
      "Records the 議決日 of one or more parties for event SEQ, as a new event (the original is never\n" +
      "edited, so the audit trail shows when the dates became known). Each 議決日 must be on or before\n" +
      "the event's 締結日 (地方自治法第252条の2第3項). Run again with dates already recorded (a retry), it\n" +
      "records nothing and says so (exit 0, duplicate).",
    positionals: [ID_ARGUMENT],
    options: [EVENT_OPTION, { ...RESOLUTION_OPTION, description: `${RESOLUTION_OPTION.description}; at least one` }, RECORDED_BY_OPTION, JSON_OPTION],
    examples: [
      { command: "kyoyaku resolve okayama-wake --event 1 --resolution 岡山市=平成28年9月30日 --resolution 和気町=平成28年9月27日", note: "add both 議決日 of the 締結 #1" },
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
