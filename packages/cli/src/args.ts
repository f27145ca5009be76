/**
 * Argument parsing with node:util `parseArgs`, driven by a {@link CommandSpec}; every
 * mistake becomes a {@link UsageError} (exit 2) naming the command and the option.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { nearest } from "@kyoyaku/core";
import { UsageError } from "./errors.js";
import { COMMON_OPTIONS, type CommandSpec, type OptionSpec } from "./spec.js";

/** The parsed command line of one command. */
export interface ParsedArgs {
  /** Positionals by spec name; a variadic one holds every remaining value. */
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

/**
 * Every option of a command: its own, then the common ones it does not redefine.
 *
 * @example
 * allOptions(showSpec).map((o) => o.name).slice(-2); // ["db", "help"]
 */
export function allOptions(spec: CommandSpec): readonly OptionSpec[] {
  const own = new Set(spec.options.map((o) => o.name));
  return [...spec.options, ...COMMON_OPTIONS.filter((o) => !own.has(o.name))];
}

/**
 * Parse `argv` (the words after the command name) against a spec. `--help` short-circuits
 * the positional checks so that `kyoyaku show --help` works without an ID.
 *
 * @example
 * parseCommandArgs(showSpec, ["okayama-wake", "--on", "令和2年4月1日"]);
 * // { positionals: ["okayama-wake"], values: { on: "令和2年4月1日" } }
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const o of allOptions(spec)) {
    options[o.name] = {
      type: o.type,
      ...(o.short !== undefined && { short: o.short }),
      ...(o.multiple === true && { multiple: true }),
    };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true, tokens: true }) as typeof parsed;
  } catch (e) {
    const [message, code] = explainParseError(e, spec);
    throw new UsageError(message, spec.name, code);
  }
  // parseArgs keeps the last of a repeated single-value option; a second --on is more likely
  // a mistake than a correction, so refuse it rather than silently drop the first.
  const seen = new Map<string, string>();
  for (const t of (parsed as { tokens?: readonly { kind: string; name?: string; value?: string }[] }).tokens ?? []) {
    if (t.kind !== "option" || t.name === undefined) continue;
    const o = allOptions(spec).find((x) => x.name === t.name);
    if (o === undefined || o.multiple === true || o.type !== "string") continue;
    const before = seen.get(o.name);
    if (before !== undefined) {
      throw new UsageError(`オプション --${o.name} が2回以上ある（${before}、${t.value ?? ""}）。1回だけ指定すること`, spec.name, "usage.repeated-option");
    }
    seen.set(o.name, t.value ?? "");
  }
  const values = parsed.values as ParsedArgs["values"];
  if (values.help === true) return { positionals: parsed.positionals, values };
  const positionals = parsed.positionals;
  const required = spec.positionals.filter((p) => p.required === true);
  if (positionals.length < required.length) {
    const missing = required[positionals.length]!;
    throw new UsageError(`引数 ${missing.name} がない（${missing.description}）`, spec.name, "usage.missing-argument");
  }
  const variadic = spec.positionals.some((p) => p.variadic === true);
  if (!variadic && positionals.length > spec.positionals.length) {
    const extra = positionals[spec.positionals.length]!;
    throw new UsageError(`余分な引数「${extra}」`, spec.name, "usage.unexpected-argument");
  }
  for (const o of allOptions(spec)) {
    const v = values[o.name];
    if (o.type !== "string") continue;
    const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
    if (list.some((s) => s.trim() === "")) throw new UsageError(`オプション --${o.name} に空でない ${o.value ?? "値"} が要る`, spec.name, "usage.missing-value");
  }
  return { positionals, values };
}

/** Turn node's parseArgs messages into Japanese ones that name the option, with their code. */
function explainParseError(e: unknown, spec: CommandSpec): [message: string, code: string] {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  const option = /'(-{1,2}[^' ]+)/u.exec(msg)?.[1];
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const near = option === undefined ? [] : nearest(option.replace(/^-+/u, "").split("=")[0]!, allOptions(spec).map((o) => o.name));
      const hint = near.length > 0 ? `。もしかして ${near.map((n) => `--${n}`).join(" か ")}？` : "";
      return [`${spec.name} に ${option ?? msg} というオプションはない${hint}`, "usage.unknown-option"];
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const o = option && allOptions(spec).find((x) => `--${x.name}` === option || `-${x.short}` === option);
      if (o && o.type === "string") return [`オプション --${o.name} に値（${o.value ?? "値"}）が要る`, "usage.missing-value"];
      if (o) return [`オプション --${o.name} は値をとらない`, "usage.unexpected-value"];
      return [msg, "usage.invalid"];
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return [`余分な引数「${option ?? msg}」`, "usage.unexpected-argument"];
    default:
      return [msg, "usage.invalid"];
  }
}


/** Typed accessors over {@link ParsedArgs}. */
export class Args {
  constructor(readonly parsed: ParsedArgs) {}

  /** A string option, or undefined. */
  string(name: string): string | undefined {
    const v = this.parsed.values[name];
    if (Array.isArray(v)) return v[v.length - 1];
    return typeof v === "string" ? v : undefined;
  }

  /** A boolean option (false when absent). */
  flag(name: string): boolean {
    return this.parsed.values[name] === true;
  }

  /** A repeatable option's values, in order (empty when absent). */
  list(name: string): readonly string[] {
    const v = this.parsed.values[name];
    if (Array.isArray(v)) return v as readonly string[];
    return typeof v === "string" ? [v] : [];
  }

  /** Positional `i` (required ones are checked by the parser). */
  positional(i: number): string | undefined {
    return this.parsed.positionals[i];
  }

  get positionals(): readonly string[] {
    return this.parsed.positionals;
  }
}
