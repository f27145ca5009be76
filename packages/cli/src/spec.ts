/**
 * Command specifications: one plain object per command gives its arguments, options,
 * help text and examples. Argument parsing (`args.ts`), `--help` (`help.ts`) and the
 * reference in docs/cli.md are all derived from these, so they cannot disagree.
 *
 * @module
 */

/** One `--option`. */
export interface OptionSpec {
  /** Long name without dashes, e.g. `known-at`. */
  readonly name: string;
  /** One-letter alias without dash. */
  readonly short?: string;
  readonly type: "string" | "boolean";
  /** May be given several times (values collected in order). */
  readonly multiple?: boolean;
  /** Placeholder shown in help, e.g. `DATE`. */
  readonly value?: string;
  readonly description: string;
}

/** One positional argument. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  /** Takes every remaining positional (FILE…). */
  readonly variadic?: boolean;
}

/** An example for `--help` and docs. */
export interface ExampleSpec {
  /** The command line, starting with `kyoyaku`. */
  readonly command: string;
  readonly note: string;
}

/** A command's whole specification. */
export interface CommandSpec {
  readonly name: string;
  /** One line for `kyoyaku --help`. */
  readonly summary: string;
  /** Paragraphs of explanation for `kyoyaku CMD --help`. */
  readonly description?: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly ExampleSpec[];
}

/** `--db FILE`: every command takes it. */
export const DB_OPTION: OptionSpec = {
  name: "db",
  type: "string",
  value: "FILE",
  description: "データベースファイル（既定: $KYOYAKU_DB、なければ ./kyoyaku.db）",
};

/** `--json`: stable JSON on stdout instead of text. */
export const JSON_OPTION: OptionSpec = {
  name: "json",
  type: "boolean",
  description: "テキストの代わりに安定した JSON を出力する（他のツール向け）",
};

/** `-h, --help`. */
export const HELP_OPTION: OptionSpec = { name: "help", short: "h", type: "boolean", description: "このヘルプを表示する" };

/** `--known-at INSTANT`: the audit question. */
export const KNOWN_AT_OPTION: OptionSpec = {
  name: "known-at",
  type: "string",
  value: "INSTANT",
  description: "その時点までに記録されていたものだけで答える（ISO 形式の時刻、又は日付 = その日の日本時間の終わり）",
};

/** `--with-drafts`: what would be in force if the drafts (案) passed. */
export const WITH_DRAFTS_OPTION: OptionSpec = {
  name: "with-drafts",
  type: "boolean",
  description: "未確定の案をそのまま確定したものとして扱う（仮定の照会）",
};

/**
 * `--on DATE`, with a description fitting the command.
 *
 * @example
 * onOption("この日に効力を有する協約だけを一覧にする").name; // "on"
 */
export function onOption(description = "日付（ISO 形式 2020-04-01 又は和暦 令和2年4月1日）。既定: 日本時間の今日"): OptionSpec {
  return { name: "on", type: "string", value: "DATE", description };
}

/** `--recorded-by NAME` for every write. */
export const RECORDED_BY_OPTION: OptionSpec = {
  name: "recorded-by",
  type: "string",
  value: "NAME",
  description: "記録者（既定: $USER、なければ 'unknown'）",
};

/** `--resolution PARTY=DATE` (議決日), repeatable. */
export const RESOLUTION_OPTION: OptionSpec = {
  name: "resolution",
  type: "string",
  multiple: true,
  value: "PARTY=DATE",
  description: "団体の議決日。例: 岡山市=2016-09-30。複数回指定可。団体名は空白と全角・半角の違いを無視して照合する",
};

/** `--event SEQ` naming a recorded event. */
export const EVENT_OPTION: OptionSpec = {
  name: "event",
  type: "string",
  value: "SEQ",
  description: "記録された出来事の番号（`kyoyaku history ID` で確認）",
};

/** The id positional. */
export const ID_ARGUMENT: PositionalSpec = {
  name: "ID",
  required: true,
  description: "協約の ID。例: okayama-wake（`kyoyaku list` で確認）",
};

/** Options every command has, appended after its own. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [DB_OPTION, HELP_OPTION];
