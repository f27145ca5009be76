/**
 * `--help` texts, derived from the command specs.
 *
 * @module
 */
import { allOptions } from "./args.js";
import { displayWidth, padEnd, wrap } from "./format/width.js";

/** Help lines are wrapped to this many columns (fixed, so docs/cli.md is reproducible). */
const HELP_WIDTH = 96;
import type { CommandSpec, OptionSpec, PositionalSpec } from "./spec.js";

/**
 * The usage line of a command.
 *
 * @example
 * usageLine(showSpec); // "kyoyaku show ID [options]"
 */
export function usageLine(spec: CommandSpec): string {
  const pos = spec.positionals.map((p) => positionalLabel(p)).join(" ");
  return ["kyoyaku", spec.name, pos, "[options]"].filter((s) => s !== "").join(" ");
}

function positionalLabel(p: PositionalSpec): string {
  const n = p.variadic === true ? `${p.name}…` : p.name;
  return p.required === true ? n : `[${n}]`;
}

function optionLabel(o: OptionSpec): string {
  const long = `--${o.name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
  return o.short !== undefined ? `-${o.short}, ${long}` : `    ${long}`;
}

/**
 * Two-column block with descriptions wrapped under themselves; the description goes on the
 * next line when the label is too wide.
 */
function columns(rows: readonly (readonly [string, string])[], indent = "  "): string {
  const labelWidth = Math.min(28, Math.max(...rows.map(([l]) => displayWidth(l))));
  const hang = indent + " ".repeat(labelWidth + 2);
  const body = (text: string): string => wrap(text, Math.max(30, HELP_WIDTH - hang.length)).split("\n").join(`\n${hang}`);
  return rows
    .map(([label, text]) =>
      displayWidth(label) > labelWidth ? `${indent}${label}\n${hang}${body(text)}` : `${indent}${padEnd(label, labelWidth)}  ${body(text)}`,
    )
    .join("\n");
}

/**
 * An example command that does not fit the help width, continued over lines with ` \` before
 * its options (as a shell reads it), so that it can still be copied and run.
 */
function exampleLines(command: string): string {
  const lines: string[] = [];
  let cur = "";
  for (const part of command.split(/ (?=--?[a-z])/u)) {
    if (cur !== "" && displayWidth(`  ${cur} ${part} \\`) > HELP_WIDTH) {
      lines.push(`${cur} \\`);
      cur = `  ${part}`;
    } else cur = cur === "" ? part : `${cur} ${part}`;
  }
  lines.push(cur);
  return lines.join("\n  ");
}

/**
 * The full `kyoyaku CMD --help` text.
 *
 * @example
 * commandHelp(showSpec).startsWith("kyoyaku show — "); // true
 */
export function commandHelp(spec: CommandSpec): string {
  const parts: string[] = [];
  parts.push(`kyoyaku ${spec.name} — ${spec.summary}`);
  parts.push(`使い方:\n  ${usageLine(spec)}`);
  if (spec.description !== undefined) parts.push(wrap(spec.description.trim(), HELP_WIDTH));
  if (spec.positionals.length > 0) {
    parts.push(`引数:\n${columns(spec.positionals.map((p) => [positionalLabel(p), p.description]))}`);
  }
  parts.push(
    `オプション:\n${columns(
      allOptions(spec).map((o) => [optionLabel(o), o.description + (o.multiple === true && !o.description.includes("複数回") ? "（複数回指定可）" : "")]),
    )}`,
  );
  if (spec.examples.length > 0) {
    parts.push(`例:\n${spec.examples.map((e) => `  ${exampleLines(e.command)}\n      ${e.note}`).join("\n")}`);
  }
  return parts.join("\n\n") + "\n";
}

/**
 * The `kyoyaku --help` text: every command with its summary.
 *
 * @example
 * mainHelp(specs, "0.1.0").includes("kyoyaku import"); // true
 */
export function mainHelp(specs: readonly CommandSpec[], version: string): string {
  return [
    `kyoyaku ${version} — 連携協約（地方自治法第252条の2）の法的な履歴を記録し、照会する`,
    "使い方:\n  kyoyaku COMMAND [arguments] [options]\n  kyoyaku COMMAND --help      そのコマンドの説明と例",
    `コマンド:\n${columns(specs.map((s) => [s.name, s.summary]))}`,
    [
      "共通オプション:",
      columns([
        ["    --db FILE", "データベースファイル（既定: $KYOYAKU_DB、なければ ./kyoyaku.db）。どのコマンドにも指定できる"],
        ["-h, --help", "ヘルプを表示する"],
        ["-V, --version", "バージョンを表示する"],
      ]),
    ].join("\n"),
    [
      "日付:",
      "  DATE をとるオプションには ISO 形式（2020-04-01）又は和暦（令和2年4月1日、令和元年5月1日、",
      "  平成二十八年十月十一日）を指定する。INSTANT は ISO 形式の時刻（2025-04-01T09:00:00Z）又は",
      "  日付（その日の日本時間の終わり）を指定する。",
    ].join("\n"),
    "終了コード:\n  0 正常、1 利用者の誤り（入力の誤り、規則による拒否）、2 使い方の誤り、3 完全性の破損（verify）",
    [
      "環境変数:",
      "  KYOYAKU_DB     既定のデータベースファイル",
      "  KYOYAKU_DEBUG  内部エラーのスタックトレースを表示する",
      "  KYOYAKU_NOW    記録日時（recorded_at）に使う時計を固定する（ISO 形式の時刻）。出力を再現するため",
      "  NO_COLOR       出力に色を付けない",
    ].join("\n"),
    "まずは:\n  kyoyaku demo",
  ].join("\n\n") + "\n";
}
