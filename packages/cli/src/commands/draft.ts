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
import { parseDateOption } from "../context.js";
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
    summary: "draft a 変更連携協約書 (改め文) from the text as it should read; nothing is recorded",
    description:
      "Compares the text in force on the day before --applies-from with --text FILE (the whole agreement\n" +
      "as it should read after the change, e.g. `kyoyaku show` output edited) and writes the change\n" +
      "agreement: 題名, 前文 (「甲及び乙は、…に締結した…の一部を次のとおり変更する。」), the 改め文 in the\n" +
      "order of the text (words quoted by whole words, 見出し, 条 added, deleted and renumbered, 取組 added\n" +
      "and deleted, a 条 or 別表 rewritten whole where most of it changes), the 附則 with the 適用日 (and a\n" +
      "ただし書 for each --date-per), the 後文 and the 署名欄. Without --signed-on it is a 案 ((案), 令和○年○月○日).\n" +
      "Every draft is read back and applied to the text in force before it is printed: it imports\n" +
      "(`kyoyaku import FILE --agreement ID`) as exactly the edited text.\n" +
      "Formats: text (the draft, ready to import; the default), md and html (the draft and its 新旧対照表),\n" +
      "docx (a Word file with -o: the draft, then the 新旧対照表 as a ruled table, changes in 【】).",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "text", type: "string", value: "FILE", description: "the whole agreement text as it should read after the change (required)" },
      { name: "applies-from", type: "string", value: "DATE", description: "適用日 of the change (ISO or wareki); the base is the text in force the day before (required)" },
      { name: "signed-on", type: "string", value: "DATE", description: "締結日 of the change agreement; without it the draft is a 案" },
      { name: "date-per", type: "string", multiple: true, value: "PROVISION=DATE", description: "another 適用日 for the changes of one provision (第5条=2025-10-01), written as a ただし書" },
      { name: "style", type: "string", value: "STYLE", description: "kaimebun (改め文, the default) or taishohyo (新旧対照表方式)" },
      { name: "format", short: "f", type: "string", value: "FORMAT", description: "text | md | html | docx (default: text)" },
      { name: "out", short: "o", type: "string", value: "FILE", description: "write to FILE instead of stdout" },
      { ...JSON_OPTION, description: "print the draft, its operations and its 新旧対照表 as JSON" },
    ],
    examples: [
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 2025-04-01 -o henko.txt", note: "the 変更連携協約書 (案) that makes edited.txt the text in force from 2025-04-01" },
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 令和7年4月1日 --date-per 第5条=令和7年10月1日 --format html -o henko.html", note: "with a ただし書, and the 新旧対照表, as an HTML page" },
      { command: "kyoyaku draft okayama-wake --text edited.txt --applies-from 2025-04-01 --format docx -o henko.docx", note: "the draft and its 新旧対照表 as a Word file" },
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
    if (style === "taishohyo") {
      throw new UserError("--style taishohyo（新旧対照表方式の変更協約書）はまだ書けない。--style kaimebun（改め文）で書くこと", [], "draft.style-unavailable");
    }
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

    const r = draftAmendment(base.value, parsed.value, { appliesFrom, ...(signedOn !== undefined && { signedOn }), ...(provisionDates && { provisionDates }) });
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
    const out = ctx.args.string("out");
    const body = text.endsWith("\n") ? text : text + "\n";
    if (out === undefined) return void ctx.io.stdout.write(body);
    ctx.writeOut(out, body);
    ctx.note(`${id}: 変更連携協約書${signedOn === undefined ? "（案）" : ""}を ${out} に書き出しました（改め文 ${d.operations.length}件の変更。記録はしていない）`);
  },
};

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
  const blocks: DocxBlock[] = text.split("\n").filter((l) => l !== "").map((l): DocxBlock => (
    l === title ? { kind: "title", text: l } : /^附[ \u3000]*則$/u.test(l) ? { kind: "heading", text: l } : { kind: "paragraph", text: l }));
  const cell = (lines: readonly (readonly { readonly text: string; readonly changed: boolean }[])[]): string =>
    lines.map((spans) => spans.map((s) => (s.changed ? `【${s.text}】` : s.text)).join("")).join("\n");
  const table = rows.map((r): string[] => (r.kind === "change" ? [cell(r.cells.after), cell(r.cells.before)] : r.kind === "context" ? [r.text, r.text] : ["（略）", "（略）"]));
  return [...blocks, { kind: "heading", text: "新旧対照表" }, { kind: "table", header: true, rows: [["改正後", "改正前"], ...table] }];
}

const firstLine = (text: string): string => text.split("\n").find((l) => l !== "" && l !== "(案)") ?? "";
