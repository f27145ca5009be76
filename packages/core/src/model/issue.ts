/**
 * Validation results as data: every problem found in user input has a severity and a
 * location, so a caller can print "file:line: message" or point at a provision, instead of
 * catching exceptions. Exceptions ({@link KyoyakuError}) are kept for broken invariants.
 *
 * @module
 */
import { addressLabel } from "../history/labels.js";

/** How bad a finding is. `error` means the input was refused; `warning` means it was read with a caveat. */
export type Severity = "error" | "warning" | "info";

/** Where a finding is: any combination of file, line/column, provision address and date text. */
export interface Location {
  /** Source file path, as the user gave it. */
  readonly file?: string;
  /** 1-based line in the source text. */
  readonly line?: number;
  /** 1-based column (in UTF-16 code units) in that line. */
  readonly column?: number;
  /** Provision address, e.g. `article:3/paragraph:2` (see docs/addresses.md). */
  readonly address?: string;
  /** The date (as written, or ISO) at fault. */
  readonly date?: string;
  /** The party (municipality) at fault. */
  readonly party?: string;
}

/**
 * One validation finding.
 *
 * @example
 * const issue: Issue = {
 *   severity: "error",
 *   code: "date.not-in-era",
 *   message: "「平成31年5月1日」は存在しない日付：平成は平成31年4月30日（2019-04-30）まで",
 *   location: { file: "amend.txt", line: 5, date: "平成31年5月1日" },
 * };
 */
export interface Issue {
  readonly severity: Severity;
  /** Stable, dotted machine code such as `date.invalid-day` or `rule.resolution-after-conclusion`. */
  readonly code: string;
  /** One human sentence (Japanese terms welcome) that names what and where. */
  readonly message: string;
  readonly location: Location;
}

/**
 * Build an issue (frozen).
 *
 * @example
 * issue("warning", "date.past-era-end", "平成33年 is past the end of 平成; read as 2021", { line: 3 });
 */
export function issue(severity: Severity, code: string, message: string, location: Location = {}): Issue {
  return Object.freeze({ severity, code, message, location: Object.freeze({ ...location }) });
}

/**
 * True when any issue is an error.
 *
 * @example
 * hasErrors([issue("warning", "x", "y")]); // false
 */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** The word a person reads for each severity (the code beside it stays English). */
const SEVERITY_LABEL: Readonly<Record<Severity, string>> = Object.freeze({ error: "エラー", warning: "警告", info: "情報" });

/**
 * Format an issue as one line: `file:line:col: 重大度 [code] message（箇所 第3条、当事者 岡山市）`.
 * The address is named as the text names it (第3条第2項), never by its internal form.
 *
 * @example
 * formatIssue(issue("error", "date.invalid-day", "「令和2年2月30日」は存在しない日", { file: "a.txt", line: 3, party: "岡山市" }));
 * // "a.txt:3: エラー [date.invalid-day] 「令和2年2月30日」は存在しない日（当事者 岡山市）"
 */
export function formatIssue(i: Issue): string {
  const l = i.location;
  const where = [l.file, l.line, l.line !== undefined ? l.column : undefined].filter((x) => x !== undefined).join(":");
  const extra = [l.address && `箇所 ${addressLabel(l.address)}`, l.party && `当事者 ${l.party}`].filter(Boolean).join("、");
  return `${where ? where + ": " : ""}${SEVERITY_LABEL[i.severity]} [${i.code}] ${i.message}${extra ? `（${extra}）` : ""}`;
}

/** A value or the issues that prevented it. Warnings may accompany a value. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Successful result.
 *
 * @example
 * ok(42).ok; // true
 */
export function ok<T>(value: T, issues: readonly Issue[] = []): Result<T> {
  return { ok: true, value, issues };
}

/**
 * Failed result; `issues` should contain at least one error.
 *
 * @example
 * fail([issue("error", "parse.empty", "the file is empty")]).ok; // false
 */
export function fail<T = never>(issues: readonly Issue[]): Result<T> {
  return { ok: false, issues };
}
