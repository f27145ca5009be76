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
    summary: "協約の出来事と版を JSON で、本文を法令標準XMLで、又は履歴を Akoma Ntoso で書き出す",
    description:
      "--format json（既定）は一つの JSON オブジェクトを書き出す: { format, agreementId, events, versions, abolishedFrom?, drafts… }。`events` は保存された出来事そのもの（原本の本文、ハッシュ及び二つの時刻を含む）、`versions` は効力の時間による版 [from, to) とその文書である。\n--format egov-xml は --on（既定: 今日）に効力を有する本文を、e-Gov のスキーマ v3 の要素名による法令標準XMLで書き出す。`kyoyaku import` で読み戻すと同じ文書になる。\n--format akn は履歴の全体を Akoma Ntoso 3.0 で書き出す: FRBR の識別子、締結・変更・廃止、通告とその撤回、更新・更新拒絶及び協約の終わり方（失効、期間満了）の経過、各団体の議決日、ワークフローの段階としての未確定の案、各版の期間、各変更が改めた内容、及び各版の本文（--on を付ければ、その日に効力を有する版の本文）。docs/formats.md を参照。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "format", type: "string", value: "FORMAT", description: "json（既定）、egov-xml 又は akn" },
      onOption("本文を書き出す日付（ISO 形式又は和暦）。egov-xml では既定は日本時間の今日、akn では既定はすべての版"),
      { name: "out", short: "o", type: "string", value: "FILE", description: "標準出力に代えて FILE に書き出す" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      { ...JSON_OPTION, description: "他の照会コマンドとそろえるために受け付ける。出力は常に JSON である" },
    ],
    examples: [
      { command: "kyoyaku export okayama-wake --format json > okayama-wake.json", note: "okayama-wake のすべて" },
      { command: "kyoyaku export okayama-wake --out okayama-wake.json", note: "同じものをファイルに書き出す" },
      { command: "kyoyaku export okayama-wake --format egov-xml --on 2020-04-01 -o okayama-wake.xml", note: "2020-04-01 に効力を有する本文を法令標準XMLで" },
      { command: "kyoyaku export okayama-wake --format akn -o okayama-wake.akn.xml", note: "履歴の全体を Akoma Ntoso 3.0 で" },
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
