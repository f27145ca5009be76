/**
 * The CLI's exit codes and the errors that choose them. A command throws one of these (or
 * lets a `KyoyakuError` escape); `main` turns it into one clear message and an exit code,
 * never a stack trace (unless KYOYAKU_DEBUG is set).
 *
 * @module
 */
import type { Issue } from "@kyoyaku/core";

/** Exit codes: 0 ok, 1 user error, 2 usage, 3 integrity failure (verify). */
export const EXIT = Object.freeze({ ok: 0, user: 1, usage: 2, integrity: 3 });

/**
 * A mistake in how the command was called: unknown option, missing argument (exit 2). The
 * message is Japanese; `code` is its stable English code (`usage.unknown-option`, …).
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /**
   * @param command the command whose help the message should point at, if any
   * @param code the stable code printed beside the message
   */
  constructor(message: string, readonly command?: string, readonly code: string = "usage.invalid") {
    super(message);
  }
}

/**
 * Bad input or a refused request (exit 1): a missing file, a date that does not exist,
 * a rule the engine enforces. `issues` are printed one per line after the message.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  /** @param code the stable English code printed beside the Japanese message, when it has one */
  constructor(message: string, readonly issues: readonly Issue[] = [], readonly code?: string) {
    super(message);
  }
}

/** An integrity failure found by verify (exit 3). */
export class IntegrityError extends Error {
  override readonly name = "IntegrityError";
}

/**
 * How a refused request is told: a headline (the engine's message without the issue texts
 * it repeats) and every error and warning behind it, each with its own code and location.
 * Without issues, the headline carries the error's code.
 *
 * @example
 * refusal({ code: "rule.violation", message: "受け付けなかった（何も記録していない）: X", issues: [issue("error", "rule.ratify-not-draft", "X")] });
 * // { headline: "受け付けなかった（何も記録していない） [rule.violation]", issues: [that issue] }
 */
export function refusal(e: { readonly code: string; readonly message: string; readonly issues: readonly Issue[] }): { headline: string; issues: readonly Issue[] } {
  const issues = e.issues.filter((i) => i.severity !== "info");
  if (!issues.some((i) => i.severity === "error")) return { headline: `${e.message} [${e.code}]`, issues };
  let head = e.message;
  for (const i of issues) head = head.split(i.message).join("");
  head = head.replace(/[\s:：]+$/u, "").trim();
  return { headline: `${head === "" ? "受け付けなかった" : head} [${e.code}]`, issues };
}
