import type { Issue } from "./issue.js";

/**
 * Stable codes of thrown errors. A thrown error means a rule or invariant was broken by a
 * request (nothing was written); parse problems are returned as {@link Issue} data instead.
 */
export type ErrorCode =
  | "concurrency.conflict" // expected version does not match the stream's version
  | "rule.violation" // a domain rule refused the event; see `issues`
  | "input.invalid" // the request itself is malformed (bad date, unknown option)
  | "not-found.agreement"
  | "not-found.event"
  | "store.integrity" // hash chain or projection mismatch found while reading
  | "store.schema" // database is not a kyoyaku database or is from a newer version
  | "store.busy" // another process kept the write lock past busy_timeout; nothing was written, try again
  | "source.recorded-elsewhere" // the same source text is recorded (live) in another agreement
  | "internal";

/**
 * The one error class kyoyaku throws. `code` is stable across versions; `issues` carries the
 * located findings behind a `rule.violation`.
 *
 * @example
 * try { engine.record(input); } catch (e) {
 *   if (e instanceof KyoyakuError && e.code === "concurrency.conflict") retry();
 * }
 */
export class KyoyakuError extends Error {
  override readonly name = "KyoyakuError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * Type guard for {@link KyoyakuError}, safe across package copies.
 *
 * @example
 * if (isKyoyakuError(e)) console.error(e.code, e.message);
 */
export function isKyoyakuError(e: unknown): e is KyoyakuError {
  return e instanceof Error && e.name === "KyoyakuError" && typeof (e as { code?: unknown }).code === "string";
}
