/**
 * `kyoyaku audit`: the audit report of one agreement.
 *
 * @module
 */
import { knownBy } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION } from "../spec.js";

const FORMATS = ["text", "md", "html"] as const;

export const audit: Command = {
  spec: {
    name: "audit",
    summary: "監査報告: 各出来事の二つの時刻、記録者、ハッシュ及び指摘事項",
    description:
      "監査のための報告。協約のすべての出来事を、記録日時（システム時刻）とその日付（効力の時間）、記録者、原本のファイルと SHA-256、記録の連鎖（ハッシュチェーン）及び指摘事項とともに示す。指摘事項: 議決日の未登録、締結後の議決、遡及適用、順序どおりでない変更の記録、案、訂正及び取消し。--known-at を付ければ、その時点の記録による報告とする。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "format", short: "f", type: "string", value: "FORMAT", description: "text | md | html（既定: text）" },
      { name: "out", short: "o", type: "string", value: "FILE", description: "標準出力に代えて FILE に書き出す" },
      KNOWN_AT_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku audit okayama-wake", note: "okayama-wake の監査証跡" },
      { command: "kyoyaku audit okayama-wake --format html --out audit.html", note: "監査委員事務局向けの HTML ページとして" },
    ],
  },
  async run(ctx) {
    const id = ctx.args.positional(0)!;
    const format = (ctx.args.string("format") ?? "text") as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format ${format}: ${FORMATS.join("、")} のいずれかを指定すること`, "audit", "usage.invalid-value");
    const knownAt = ctx.knownAt();
    const k = ctx.engine({ readonly: true });
    const events = knownBy(k.events(id), knownAt);
    const entries = k.history(id, knownAt !== undefined ? { knownAt } : {});
    // Loaded on demand, like every report renderer.
    const { renderAudit } = await import("@kyoyaku/report");
    const text = renderAudit(events, entries, { format: ctx.wantsJson ? "json" : format, agreementId: id, ...(knownAt !== undefined && { knownAt, knownAtText: ctx.args.string("known-at") ?? knownAt }) });
    const body = text.endsWith("\n") ? text : text + "\n";
    const out = ctx.args.string("out");
    if (out === undefined) return void ctx.io.stdout.write(body);
    ctx.writeOut(out, body);
    ctx.note(`${out} に書き出しました`);
  },
};
