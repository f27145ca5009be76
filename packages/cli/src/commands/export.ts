/**
 * `kyoyaku export`: an agreement's events and versions as one JSON document.
 *
 * @module
 */
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION, WITH_DRAFTS_OPTION } from "../spec.js";

/** Identifies the export format; bumped when its shape changes incompatibly. */
export const EXPORT_FORMAT = "kyoyaku-export/1";

export const exportCommand: Command = {
  spec: {
    name: "export",
    summary: "export an agreement's events and versions as JSON",
    description:
      "Writes one JSON object: { format, agreementId, events, versions, abolishedFrom?, drafts… }.\n" +
      "`events` are the stored events exactly (with source texts, hashes and both times); `versions`\n" +
      "are the valid-time versions [from, to) with their documents.",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "format", type: "string", value: "FORMAT", description: "json (the only format, and the default)" },
      { name: "out", short: "o", type: "string", value: "FILE", description: "write to FILE instead of stdout" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      { ...JSON_OPTION, description: "accepted for symmetry with the other read commands: the output is always JSON" },
    ],
    examples: [
      { command: "kyoyaku export okayama-wake --format json > okayama-wake.json", note: "everything about okayama-wake" },
      { command: "kyoyaku export okayama-wake --out okayama-wake.json", note: "the same, written to a file" },
    ],
  },
  run(ctx) {
    const format = ctx.args.string("format") ?? "json";
    if (format !== "json") throw new UsageError(`--format ${format}: export が書けるのは json だけ`, "export", "usage.invalid-value");
    const id = ctx.args.positional(0)!;
    const k = ctx.engine({ readonly: true });
    const asOf = ctx.asOf();
    const events = k.events(id);
    const timeline = k.timeline(id, asOf);
    const doc = {
      format: EXPORT_FORMAT,
      agreementId: id,
      ...asOf,
      events,
      versions: timeline.versions,
      ...(timeline.abolishedFrom !== undefined && { abolishedFrom: timeline.abolishedFrom }),
      draftsExcluded: timeline.draftsExcluded,
      draftsApplied: timeline.draftsApplied,
    };
    const text = JSON.stringify(doc, null, 2) + "\n";
    const out = ctx.args.string("out");
    if (out === undefined) return void ctx.io.stdout.write(text);
    ctx.writeOut(out, text);
    ctx.note(`${id}: 記録 ${events.length}件、版 ${timeline.versions.length}件を ${out} に書き出しました`);
  },
};
