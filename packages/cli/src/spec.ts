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
  description: "database file (default: $KYOYAKU_DB, else ./kyoyaku.db)",
};

/** `--json`: stable JSON on stdout instead of text. */
export const JSON_OPTION: OptionSpec = {
  name: "json",
  type: "boolean",
  description: "print stable JSON (for other tools) instead of text",
};

/** `-h, --help`. */
export const HELP_OPTION: OptionSpec = { name: "help", short: "h", type: "boolean", description: "show this help" };

/** `--known-at INSTANT`: the audit question. */
export const KNOWN_AT_OPTION: OptionSpec = {
  name: "known-at",
  type: "string",
  value: "INSTANT",
  description: "answer from what had been recorded by then (ISO instant, or a date = end of that day in Japan)",
};

/** `--with-drafts`: what would be in force if the drafts (案) passed. */
export const WITH_DRAFTS_OPTION: OptionSpec = {
  name: "with-drafts",
  type: "boolean",
  description: "treat pending drafts (案) as ratified as they stand (a what-if)",
};

/**
 * `--on DATE`, with a description fitting the command.
 *
 * @example
 * onOption("list only the agreements in force on this date").name; // "on"
 */
export function onOption(description = "the date (ISO 2020-04-01 or wareki 令和2年4月1日); default: today in Japan"): OptionSpec {
  return { name: "on", type: "string", value: "DATE", description };
}

/** `--recorded-by NAME` for every write. */
export const RECORDED_BY_OPTION: OptionSpec = {
  name: "recorded-by",
  type: "string",
  value: "NAME",
  description: "who records this (default: $USER, else 'unknown')",
};

/** `--resolution PARTY=DATE` (議決日), repeatable. */
export const RESOLUTION_OPTION: OptionSpec = {
  name: "resolution",
  type: "string",
  multiple: true,
  value: "PARTY=DATE",
  description: "議決日 (council resolution date) of a party, e.g. 岡山市=2016-09-30; repeatable; party names match ignoring spaces and width",
};

/** `--event SEQ` naming a recorded event. */
export const EVENT_OPTION: OptionSpec = {
  name: "event",
  type: "string",
  value: "SEQ",
  description: "sequence number of the recorded event (see `kyoyaku history ID`)",
};

/** The id positional. */
export const ID_ARGUMENT: PositionalSpec = {
  name: "ID",
  required: true,
  description: "agreement id, e.g. okayama-wake (see `kyoyaku list`)",
};

/** Options every command has, appended after its own. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [DB_OPTION, HELP_OPTION];
