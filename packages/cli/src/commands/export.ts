/**
 * `kyoyaku export`: an agreement's events and versions as one JSON document, the text in
 * force on a date as 法令標準XML (e-Gov schema v3 element names), or the history as Akoma
 * Ntoso 3.0.
 *
 * @module
 */
import { todayInJapan } from "@kyoyaku/core";
import { exportAkn, exportEgovXml, type Exported } from "@kyoyaku/formats";
import type { Command } from "../command.js";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION, WITH_DRAFTS_OPTION, onOption } from "../spec.js";

/** Identifies the export format; bumped when its shape changes incompatibly. */
export const EXPORT_FORMAT = "kyoyaku-export/1";

export const exportCommand: Command = {
  spec: {
    name: "export",
    summary: "export an agreement's events and versions as JSON, its text as 法令標準XML, or its history as Akoma Ntoso",
    description:
      "--format json (the default) writes one JSON object: { format, agreementId, events, versions,\n" +
      "abolishedFrom?, drafts… }. `events` are the stored events exactly (with source texts, hashes and\n" +
      "both times); `versions` are the valid-time versions [from, to) with their documents.\n" +
      "--format egov-xml writes the text in force on --on (default: today) as 法令標準XML with the e-Gov\n" +
      "schema v3 element names; `kyoyaku import` reads it back to the same document.\n" +
      "--format akn writes the whole history as Akoma Ntoso 3.0: FRBR identifiers, the lifecycle of\n" +
      "締結/変更/廃止, 通告 and its 撤回, 更新/更新拒絶 and how it ended (失効, 期間満了), each party's 議決日\n" +
      "and the pending drafts (案) as workflow steps, the periods of each version, what each 変更 changed,\n" +
      "and the text of every version (or, with --on, of the version in force that day). See docs/formats.md.",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "format", type: "string", value: "FORMAT", description: "json (the default), egov-xml or akn" },
      onOption("the date whose text is written (ISO or wareki): egov-xml, default today in Japan; akn, default every version"),
      { name: "out", short: "o", type: "string", value: "FILE", description: "write to FILE instead of stdout" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      { ...JSON_OPTION, description: "accepted for symmetry with the other read commands: the output is always JSON" },
    ],
    examples: [
      { command: "kyoyaku export okayama-wake --format json > okayama-wake.json", note: "everything about okayama-wake" },
      { command: "kyoyaku export okayama-wake --out okayama-wake.json", note: "the same, written to a file" },
      { command: "kyoyaku export okayama-wake --format egov-xml --on 2020-04-01 -o okayama-wake.xml", note: "the text in force on 2020-04-01 as 法令標準XML" },
      { command: "kyoyaku export okayama-wake --format akn -o okayama-wake.akn.xml", note: "the whole history as Akoma Ntoso 3.0" },
    ],
  },
  run(ctx) {
    const format = ctx.args.string("format") ?? "json";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: export が書けるのは ${EXPORT_FORMATS.join("、")}`, "export", "usage.invalid-value");
    const id = ctx.args.positional(0)!;
    if (format === "egov-xml") return void emit(ctx, id, xml(exportEgovXml(ctx.engine({ readonly: true }), id, ctx.onDate(), ctx.asOf())), "法令標準XML");
    if (format === "akn") return void emit(ctx, id, xml(exportAkn(ctx.engine({ readonly: true }), id, ctx.date("on"), ctx.asOf(), todayInJapan())), "Akoma Ntoso");
    if (ctx.args.string("on") !== undefined) throw new UsageError("--on は --format egov-xml と akn に使う（json はすべての版を書く）", "export", "usage.conflict");
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
    emit(ctx, id, JSON.stringify(doc, null, 2) + "\n", `記録 ${events.length}件、版 ${timeline.versions.length}件`);
  },
};

/** The formats `export` writes. */
const EXPORT_FORMATS = ["json", "egov-xml", "akn"] as const;

/** Write an export to stdout, or to --out with a note saying what was written. */
function emit(ctx: Ctx, id: string, text: string, what: string): void {
  const out = ctx.args.string("out");
  if (out === undefined) return void ctx.io.stdout.write(text);
  ctx.writeOut(out, text);
  ctx.note(`${id}: ${what}を ${out} に書き出しました`);
}

/** The XML of an export, or the reason there is none as the command's error. */
function xml(r: Exported): string {
  if (!r.ok) throw new UserError(r.message, [], r.code);
  return r.xml;
}
