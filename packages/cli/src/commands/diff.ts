/**
 * `kyoyaku diff`: what changed between the versions in force on two dates — a 新旧対照表,
 * an RFC 6902 patch, or a provision-level change list.
 *
 * @module
 */
import { addressLabel, type DocumentDiff, type ProvisionChange } from "@kyoyaku/core";
import type { Command } from "../command.js";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { eventRefLine } from "../format/answers.js";
import { jpDate, jpInterval } from "../format/dates.js";
import { table } from "../format/width.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION, WITH_DRAFTS_OPTION } from "../spec.js";

/** The output formats of `diff`. */
export const DIFF_FORMATS = ["table", "patch", "md", "html", "text"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const CHANGE_LABEL: Readonly<Record<ProvisionChange["change"], string>> = {
  added: "追加 (added)",
  removed: "削除 (removed)",
  replaced: "改正 (replaced)",
  moved: "移動 (moved)",
};

export const diff: Command = {
  spec: {
    name: "diff",
    summary: "二つの日付の間で何が変わったかを示す（新旧対照表、JSON Patch、変更の一覧）",
    description:
      "--from と --to にそれぞれ効力を有する版を比べる。形式（--format）:\n  table  新旧対照表をテキストで（改正後 | 改正前。変わった語に印を付ける） — 既定\n  md     新旧対照表を Markdown で\n  html   新旧対照表を単独の HTML ページで\n  patch  古い方の文書を新しい方に変える RFC 6902 の JSON Patch\n  text   規定ごとの変更の一覧（何が加わり、削られ、改められ、移ったか、及びどの出来事によるか）\n--json は差分の全体（patch と変更の一覧）を JSON で出力する。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "from", type: "string", value: "DATE", description: "古い方の日付（ISO 形式又は和暦）。必須" },
      { name: "to", type: "string", value: "DATE", description: "新しい方の日付（ISO 形式又は和暦）。必須" },
      { name: "format", short: "f", type: "string", value: "FORMAT", description: "table | patch | md | html | text（既定: table）" },
      { name: "out", short: "o", type: "string", value: "FILE", description: "標準出力に代えて FILE に書き出す" },
      { name: "width", type: "string", value: "COLS", description: "table の各欄の幅（表示上の桁数。既定 40）" },
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku diff okayama-wake --from 2025-03-31 --to 2025-04-01 --with-drafts", note: "未確定の案によってできる新旧対照表" },
      { command: "kyoyaku diff okayama-wake --from 平成28年10月11日 --to 令和7年4月1日 --format html --out taisho.html", note: "HTML ページとしての新旧対照表" },
      { command: "kyoyaku diff okayama-wake --from 2020-04-01 --to 2025-04-01 --format patch", note: "RFC 6902 の JSON Patch" },
    ],
  },
  async run(ctx) {
    const id = ctx.args.positional(0)!;
    const from = ctx.date("from", { required: true })!;
    const to = ctx.date("to", { required: true })!;
    if (from > to) {
      const said = (option: string, iso: string): string => {
        const text = ctx.args.string(option) ?? iso;
        return text === iso ? `--${option} ${iso}` : `--${option} ${text}（${iso}）`;
      };
      throw new UserError(`${said("from", from)} が ${said("to", to)} より後。古い方の日付を --from に指定すること`, [], "input.date-order");
    }
    const format = (ctx.args.string("format") ?? "table") as DiffFormat;
    if (!DIFF_FORMATS.includes(format)) {
      throw new UsageError(`--format ${format}: ${DIFF_FORMATS.join("、")} のいずれかを指定すること`, "diff", "usage.invalid-value");
    }
    const asOf = ctx.asOf();
    const width = widthOption(ctx.args.string("width"));
    const k = ctx.engine({ readonly: true });
    const d = k.diff(id, from, to, asOf);
    let text: string;
    if (ctx.wantsJson) text = JSON.stringify(d, null, 2);
    else if (format === "patch") text = JSON.stringify(d.patch, null, 2);
    else if (format === "text") text = changeList(d, ctx);
    else {
      // Loaded on demand: only the 新旧対照表 formats need the report package.
      const { renderComparisonTable } = await import("@kyoyaku/report");
      // The documents let the table show headings and elide unchanged provisions (（略）).
      const before = k.asOf(id, from, asOf).document;
      const after = k.asOf(id, to, asOf).document;
      const note = asOf.withDrafts === true && format === "table" ? `${DRAFT_NOTE}\n\n` : "";
      text =
        note +
        renderComparisonTable(d, {
          format: format === "table" ? "text" : format,
          ...(before && { before }),
          ...(after && { after }),
          ...(width !== undefined && { width }),
        });
    }
    emit(ctx, text);
  },
};

const DRAFT_NOTE = "注記: 未確定の案（案）を確定したものとして反映した仮定の比較です（--with-drafts）";

function widthOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 10 || n > 400) throw new UsageError(`--width ${text}: 10〜400 の整数（桁数）を指定すること`, "diff", "usage.invalid-value");
  return n;
}

function emit(ctx: Ctx, text: string): void {
  const out = ctx.args.string("out");
  const body = text.endsWith("\n") ? text : text + "\n";
  if (out === undefined) return void ctx.io.stdout.write(body);
  ctx.writeOut(out, body);
  ctx.note(`${out} に書き出しました`);
}

/** Which versions are compared. */
function diffHeader(d: DocumentDiff, id: string, withDrafts: boolean): string {
  const rows: string[][] = [
    ["協約", id],
    ["改正前", `${jpDate(d.from)} 時点の版${d.before ? `  ${jpInterval(d.before.interval)}` : "（効力なし）"}`],
    ["改正後", `${jpDate(d.to)} 時点の版${d.after ? `  ${jpInterval(d.after.interval)}` : "（効力なし）"}`],
  ];
  if (withDrafts) rows.push(["注記", DRAFT_NOTE.replace(/^注記: /u, "")]);
  if (d.before && d.after && d.before.root === d.after.root) rows.push(["", "二つの日付で本文は同じです（改正なし）"]);
  return table(rows);
}

/** The provision-level change list; the event column is dropped when one event made every change. */
function changeList(d: DocumentDiff, ctx: Ctx): string {
  const head = diffHeader(d, d.agreementId ?? "", ctx.args.flag("with-drafts"));
  if (d.changes.length === 0) return `${head}\n\n改正箇所はありません。`;
  const seqs = new Set(d.changes.map((c) => c.event?.seq));
  const single = seqs.size === 1 ? d.changes[0]!.event : undefined;
  const rows = d.changes.map((c) => [
    CHANGE_LABEL[c.change],
    addressLabel(c.address) + (c.movedFrom !== undefined ? `（${addressLabel(c.movedFrom)}から）` : ""),
    // The address as --address takes it; the pseudo-address of unknown parts is none.
    c.address === "unknown" ? "" : c.address,
    ...(single === undefined ? [c.event ? eventRefLine(c.event) : ""] : []),
  ]);
  const by = single !== undefined ? `（すべて ${eventRefLine(single)} による）` : "";
  // 「改正箇所」, not 「変更」: 変更 is the kind of event (an amendment) that makes them.
  return `${head}\n\n改正箇所 ${d.changes.length}件${by}\n${table(rows)}`;
}
