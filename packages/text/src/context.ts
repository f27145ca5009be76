/**
 * The state a parse carries: where issues go and how they are located.
 *
 * @module
 */
import { issue, type Issue, type Location, type Severity } from "@kyoyaku/core";

/** Parse context: collected issues and the file name for their locations. */
export interface Ctx {
  readonly file?: string;
  readonly issues: Issue[];
  /** Partial dates are read without an error (draft or allowDraft). */
  allowPartial: boolean;
}

/**
 * Create a parse context.
 *
 * @example
 * const ctx = newCtx("a.txt"); ctx.issues.length; // 0
 */
export function newCtx(file?: string, allowPartial = true): Ctx {
  return file === undefined ? { issues: [], allowPartial } : { file, issues: [], allowPartial };
}

/**
 * Record an issue located at a line (and optionally an address).
 *
 * @example
 * report(ctx, "warning", "parse.article-gap", "第4条 is missing", 12, { address: "article:5" });
 */
export function report(ctx: Ctx, severity: Severity, code: string, message: string, line?: number, extra: Omit<Location, "file" | "line"> = {}): void {
  const loc: Location = { ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...(line !== undefined ? { line } : {}), ...extra };
  ctx.issues.push(issue(severity, code, message, loc));
}
