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
    summary: "turn a recorded draft (案) into a ratified event with its dates",
    description:
      "Records that the draft event SEQ was concluded (締結) as it stands, on --signed-on DATE. Its 適用日\n" +
      "stays as the text says (附則) unless --applies-from gives it; --resolution adds 議決日. Every\n" +
      "party's 議決日 must be on or before the 締結日. The draft itself is never edited: ratification is\n" +
      "a new event that points at it. Run again with the same dates (a retry), it records nothing and\n" +
      "says so (exit 0, duplicate); other dates for a ratified draft are refused.",
    positionals: [ID_ARGUMENT],
    options: [
      EVENT_OPTION,
      { name: "signed-on", type: "string", value: "DATE", description: "締結日 (the day it was signed); required" },
      { name: "applies-from", type: "string", value: "DATE", description: "適用日, if not the one the text states (default: as stated, else the 締結日)" },
      RESOLUTION_OPTION,
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku ratify okayama-bizen --event 2 --signed-on 令和7年3月28日 --resolution 岡山市=2025-03-18 --resolution 備前市=2025-03-21", note: "the draft #2 was signed on 2025-03-28 after both councils resolved" },
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
