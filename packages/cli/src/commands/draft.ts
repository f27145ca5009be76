/**
 * `kyoyaku draft`: write the 変更連携協約書 (改め文, 附則, 署名欄) that takes the text in force to
 * the text a 法規担当 edited, with the 新旧対照表 of the same change. Nothing is recorded.
 *
 * @module
 */
import { readAddress, type IsoDate } from "@kyoyaku/core";
import type { DocxBlock } from "@kyoyaku/formats";
import type { ComparisonRow } from "@kyoyaku/report";
import type { Command } from "../command.js";
import { parseDateOption, type Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { readDocumentFile } from "../text-file.js";
import { ID_ARGUMENT, JSON_OPTION } from "../spec.js";

/** What `draft` writes. */
const DRAFT_FORMATS = ["text", "md", "html", "docx"] as const;
type DraftFormat = (typeof DRAFT_FORMATS)[number];
const DRAFT_STYLES = ["kaimebun", "taishohyo"] as const;

export const draftCommand: Command = {
  spec: {
    name: "draft",
    summary: "編集した本文から変更連携協約書（改め文）の案を書く。何も記録しない",
    description:
      "--applies-from の前日に効力を有する本文と --text FILE（変更後の協約の全文。例: `kyoyaku show` の出力を編集したもの）とを比べ、変更連携協約書を書く: 題名、前文（「甲及び乙は、…に締結した…の一部を次のとおり変更する。」）、本文の順の改め文（語は語の単位で引用する。見出し、条の追加・削除・繰下げ、取組の追加・削除、大部分が変わる条又は別表は全部改正）、適用日を定める附則（--date-per ごとにただし書）、後文及び署名欄。--signed-on がなければ案（(案)、令和○年○月○日）となる。\n" +
      "書いた案は、出力する前に読み戻して効力を有する本文に適用し、編集した本文とちょうど同じになることを確かめている（`kyoyaku import FILE --agreement ID` で取り込める）。\n" +
      "形式: text（取り込める案。既定）、md 及び html（案とその新旧対照表）、docx（-o 必須の Word ファイル: 案と、変更箇所を【】で示した罫線付きの新旧対照表）。--style taishohyo は新旧対照表方式（表そのものが改正の本文）で、どの形式でも書ける（docx では表を Word の表にする）。",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "text", type: "string", value: "FILE", description: "変更後の協約の全文（必須）" },
      { name: "applies-from", type: "string", value: "DATE", description: "変更の適用日（ISO 形式又は和暦）。その前日に効力を有する本文を元にする（必須）" },
      { name: "signed-on", type: "string", value: "DATE", description: "変更連携協約の締結日。なければ案として書く" },
      { name: "date-per", type: "string", multiple: true, value: "PROVISION=DATE", description: "一の規定の変更について別の適用日（第5条=2025-10-01）。附則のただし書として書く" },
      { name: "style", type: "string", value: "STYLE", description: "kaimebun（改め文方式。既定）又は taishohyo（新旧対照表方式）" },
      { name: "format", short: "f", type: "string", value: "FORMAT", description: "text、md、html 又は docx（既定: text）" },
      { name: "out", short: "o", type: "string", value: "FILE", description: "標準出力に代えて FILE に書き出す" },
      { ...JSON_OPTION, description: "案、その変更の操作及び新旧対照表を JSON で出力する" },
    ],
    examples: [
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 2025-04-01 -o henko.txt", note: "edited.txt を 2025-04-01 から効力を有する本文とする変更連携協約書（案）" },
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 令和7年4月1日 --date-per 第5条=令和7年10月1日 --format html -o henko.html", note: "ただし書付きで、新旧対照表とともに HTML で" },
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 2025-04-01 --format docx -o henko.docx", note: "案と新旧対照表を Word ファイルで" },
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 2025-04-01 --style taishohyo -o henko.txt", note: "新旧対照表方式の変更連携協約書（案）" },
    ],
  },
  async run(ctx) {
    const id = ctx.args.positional(0)!;
    const file = ctx.args.string("text");
    if (file === undefined) throw new UsageError("オプション --text FILE（変更後の本文）がない", "draft", "usage.missing-option");
    const appliesFrom = ctx.date("applies-from", { required: true })!;
    const signedOn = ctx.date("signed-on");
    const style = ctx.args.string("style") ?? "kaimebun";
    if (!(DRAFT_STYLES as readonly string[]).includes(style)) throw new UsageError(`--style ${style}: ${DRAFT_STYLES.join("、")} のいずれかを指定すること`, "draft", "usage.invalid-value");
    const format = (ctx.args.string("format") ?? "text") as DraftFormat;
    if (!DRAFT_FORMATS.includes(format)) throw new UsageError(`--format ${format}: ${DRAFT_FORMATS.join("、")} のいずれかを指定すること`, "draft", "usage.invalid-value");
    const provisionDates = datesPer(ctx.args.list("date-per"));
    if (format === "docx" && ctx.args.string("out") === undefined) {
      throw new UsageError("--format docx は -o FILE.docx と共に使う（Word ファイルを標準出力には書かない）", "draft", "usage.missing-option");
    }

    const read = await readDocumentFile(ctx.path(file), file);
    if (!read.ok) throw new UserError(`--text ${file}: ${read.message}`, read.issues, "draft.text-unreadable");
    // Loaded on demand: only this command needs the parser's agreement reader and the writer.
    const { parseAgreement } = await import("@kyoyaku/text");
    const { draftAmendment, draftBaseOf, renderDraft } = await import("@kyoyaku/draft");
    const parsed = parseAgreement(read.text, { file });
    if (!parsed.ok) throw new UserError(`--text ${file}: 協約の本文（変更後の全文）として読めない`, parsed.issues, "draft.text-unreadable");

    const k = ctx.engine({ readonly: true });
    // The text in force the day before and the 締結日 (the library's draftBaseOf, as the server's).
    const base = draftBaseOf(k, id, appliesFrom);
    if (!base.ok) throw new UserError(base.issues[0]!.message, [], base.issues[0]!.code);

    // 新旧対照表方式 (--style taishohyo): the table is the amending text, in every format.
    const options = { appliesFrom, ...(style === "taishohyo" && { style: "taishohyo" as const }), ...(signedOn !== undefined && { signedOn }), ...(provisionDates && { provisionDates }) };
    const r = draftAmendment(base.value, parsed.value, options);
    if (!r.ok) throw new UserError("変更連携協約書を書けない（何も記録していない）", r.issues, r.issues[0]?.code);
    const d = r.value;
    if (format === "docx" && !ctx.wantsJson) {
      const { writeDocx } = await import("@kyoyaku/formats");
      const { comparisonRows } = await import("@kyoyaku/report");
      const out = ctx.args.string("out")!;
      ctx.writeOut(out, await writeDocx(docxBlocks(d.text, comparisonRows(d.diff, base.value.before, d.after)), { title: firstLine(d.text) }));
      ctx.note(`${id}: 変更連携協約書${signedOn === undefined ? "（案）" : ""}と新旧対照表を Word ファイル ${out} に書き出しました（記録はしていない）`);
      return;
    }
    let text: string;
    if (ctx.wantsJson) text = JSON.stringify({ agreementId: id, appliesFrom, text: d.text, operations: d.operations, changes: d.diff.changes, comparison: d.comparison.md }, null, 2);
    else text = renderDraft(d, format as Exclude<DraftFormat, "docx">); // docx was written above
    output(ctx, id, text, signedOn === undefined);
  },
};

/** Print the draft, or write it to --out with a note that nothing was recorded. */
function output(ctx: Ctx, id: string, text: string, draft: boolean): void {
  const out = ctx.args.string("out");
  const body = text.endsWith("\n") ? text : text + "\n";
  if (out === undefined) return void ctx.io.stdout.write(body);
  ctx.writeOut(out, body);
  ctx.note(`${id}: 変更連携協約書${draft ? "（案）" : ""}を ${out} に書き出しました（記録はしていない）`);
}

/** `--date-per 第5条=2025-10-01` → `{ "article:5": "2025-10-01" }`. */
function datesPer(values: readonly string[]): Record<string, IsoDate> | undefined {
  if (values.length === 0) return undefined;
  const out: Record<string, IsoDate> = {};
  for (const v of values) {
    const i = v.indexOf("=");
    const address = i > 0 ? readAddress(v.slice(0, i).trim()) : undefined;
    if (i <= 0 || address === undefined) throw new UsageError(`--date-per ${v}: 「規定=日付」の形（第5条=2025-10-01、別表=令和7年10月1日）で指定すること`, "draft", "usage.invalid-value");
    out[address] = parseDateOption("--date-per", v.slice(i + 1).trim());
  }
  return out;
}

/** The draft as Word blocks: its title, its lines (附則 as a heading), then the 新旧対照表 as a ruled table with 【】 marks. */
function docxBlocks(text: string, rows: readonly ComparisonRow[]): DocxBlock[] {
  const title = firstLine(text);
  const blocks: DocxBlock[] = [];
  for (const l of text.split("\n").filter((x) => x !== "")) {
    // A 新旧対照表方式 draft's table (「改正後 │ 改正前」 rows) becomes a Word table, not ruled paragraphs.
    const cells = l.split(" │ ");
    const last = blocks[blocks.length - 1];
    if (cells.length === 2) {
      if (last?.kind === "table") (last.rows as string[][]).push(cells);
      else blocks.push({ kind: "table", header: true, rows: [cells] });
      continue;
    }
    blocks.push(l === title ? { kind: "title", text: l } : /^附[ \u3000]*則$/u.test(l) ? { kind: "heading", text: l } : { kind: "paragraph", text: l });
  }
  const cell = (lines: readonly (readonly { readonly text: string; readonly changed: boolean }[])[]): string =>
    lines.map((spans) => spans.map((s) => (s.changed ? `【${s.text}】` : s.text)).join("")).join("\n");
  const table = rows.map((r): string[] => (r.kind === "change" ? [cell(r.cells.after), cell(r.cells.before)] : r.kind === "context" ? [r.text, r.text] : ["（略）", "（略）"]));
  return [...blocks, { kind: "heading", text: "新旧対照表" }, { kind: "table", header: true, rows: [["改正後", "改正前"], ...table] }];
}

const firstLine = (text: string): string => text.split("\n").find((l) => l !== "" && l !== "(案)") ?? "";
