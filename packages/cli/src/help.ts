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
 * The full `kyoyaku CMD --help` text.
 *
 * @example
 * commandHelp(showSpec).startsWith("kyoyaku show — "); // true
 */
export function commandHelp(spec: CommandSpec): string {
  const parts: string[] = [];
  parts.push(`kyoyaku ${spec.name} — ${spec.summary}`);
  parts.push(`Usage:\n  ${usageLine(spec)}`);
  if (spec.description !== undefined) parts.push(spec.description.trim());
  if (spec.positionals.length > 0) {
    parts.push(`Arguments:\n${columns(spec.positionals.map((p) => [positionalLabel(p), p.description]))}`);
  }
  parts.push(
    `Options:\n${columns(
      allOptions(spec).map((o) => [optionLabel(o), o.description + (o.multiple === true && !o.description.includes("repeatable") ? " (repeatable)" : "")]),
    )}`,
  );
  if (spec.examples.length > 0) {
    parts.push(`Examples:\n${spec.examples.map((e) => `  ${e.command}\n      ${e.note}`).join("\n")}`);
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
    `kyoyaku ${version} — the legal history of inter-municipal agreements (連携協約, 地方自治法第252条の2)`,
    "Usage:\n  kyoyaku COMMAND [arguments] [options]\n  kyoyaku COMMAND --help      help and examples for one command",
    `Commands:\n${columns(specs.map((s) => [s.name, s.summary]))}`,
    [
      "Global options:",
      columns([
        ["    --db FILE", "database file (default: $KYOYAKU_DB, else ./kyoyaku.db); every command takes it"],
        ["-h, --help", "show help"],
        ["-V, --version", "print the version"],
      ]),
    ].join("\n"),
    [
      "Dates:",
      "  Options that take a DATE accept ISO (2020-04-01) or wareki (令和2年4月1日, 令和元年5月1日,",
      "  平成二十八年十月十一日). An INSTANT is an ISO instant (2025-04-01T09:00:00Z) or a date",
      "  (the end of that day in Japan).",
    ].join("\n"),
    "Exit codes:\n  0 ok, 1 user error (bad input, a rule refused), 2 usage error, 3 integrity failure (verify)",
    [
      "Environment:",
      "  KYOYAKU_DB     default database file",
      "  KYOYAKU_DEBUG  print stack traces of internal errors",
      "  KYOYAKU_NOW    fix the clock used for recorded_at (an ISO instant), for reproducible output",
      "  NO_COLOR       never colour the output",
    ].join("\n"),
    "Start with:\n  kyoyaku demo",
  ].join("\n\n") + "\n";
}
