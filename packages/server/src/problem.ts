/**
 * Errors as RFC 9457 problem details (`application/problem+json`), with the same stable
 * codes the CLI prints (`KyoyakuError.code`, the codes of located issues) and an HTTP status
 * that fits each code.
 *
 * @module
 */
import { isKyoyakuError, type Issue, type Location } from "@kyoyaku/core";

/** Where in the request a finding is: the query or path parameter, or the body field. */
export interface RequestLocation extends Location {
  /** The parameter or body field at fault, e.g. `date` or `resolutions.岡山市`. */
  readonly field?: string;
  readonly in?: "query" | "path" | "body" | "header";
}

/** A located finding in a problem: an {@link Issue} whose location may also name a request field. */
export interface ProblemIssue {
  readonly severity: Issue["severity"];
  readonly code: string;
  readonly message: string;
  readonly location: RequestLocation;
}

/** An RFC 9457 problem, plus kyoyaku's stable `code` and the located issues behind it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Stable code, as the CLI prints it in brackets: `not-found.agreement`, `input.invalid`, `rule.violation` … */
  readonly code: string;
  readonly issues?: readonly ProblemIssue[];
}

/** Codes the HTTP layer adds to the engine's (requests the engine never sees). */
export type HttpProblemCode =
  | "auth.unauthorized" // a write without the right bearer token
  | "auth.writes-disabled" // a write to a server started without a token
  | "input.too-large" // a body over the limit
  | "input.unsupported-media-type"
  | "not-found.route"
  | "not-found.version" // an export of the text of a date on which nothing is in force
  | "export.draft-version" // a 法令標準XML export of a version a pending draft made (--with-drafts): e-Gov XML cannot mark it
  | "http.misdirected" // a Host the server was not started for (DNS rebinding)
  | "input.headers-too-large" // a request line or headers over Node's limit
  | "server.time-budget" // a heavy request spent its time budget and was stopped
  | "server.busy" // too many heavy requests waiting
  | "draft.refused"; // no 変更連携協約書 can be drafted for the posted text (issues say why)

const STATUS: Readonly<Record<string, number>> = {
  "input.invalid": 400,
  "auth.unauthorized": 401,
  "auth.writes-disabled": 403,
  "not-found.agreement": 404,
  "not-found.event": 404,
  "not-found.route": 404,
  "not-found.version": 404,
  "concurrency.conflict": 409,
  "source.recorded-elsewhere": 409,
  "input.too-large": 413,
  "input.unsupported-media-type": 415,
  "http.misdirected": 421,
  "input.headers-too-large": 431,
  "server.time-budget": 503,
  "server.busy": 503,
  "rule.violation": 422,
  "draft.refused": 422,
  "export.draft-version": 422,
  "store.busy": 503,
  "store.integrity": 500,
  "store.schema": 500,
  internal: 500,
};

const TITLE: Readonly<Record<string, string>> = {
  "input.invalid": "入力が正しくありません (invalid input)",
  "auth.unauthorized": "認証が必要です (unauthorized)",
  "auth.writes-disabled": "このサーバーは読み取り専用です (writes disabled)",
  "not-found.agreement": "協約が見つかりません (agreement not found)",
  "not-found.event": "記録が見つかりません (event not found)",
  "not-found.route": "ページが見つかりません (not found)",
  "not-found.version": "その日に効力のある版がありません (no version in force)",
  "concurrency.conflict": "他の記録と競合しました (conflict)",
  "source.recorded-elsewhere": "同じ原文が別の協約に記録済みです (source recorded elsewhere)",
  "input.too-large": "本文が大きすぎます (payload too large)",
  "input.unsupported-media-type": "本文の形式が違います (unsupported media type)",
  "http.misdirected": "このホスト名では応答しません (misdirected request)",
  "input.headers-too-large": "URL またはヘッダーが長すぎます (headers too large)",
  "server.time-budget": "処理が制限時間を超えたため中止しました (time budget spent)",
  "server.busy": "混み合っています。しばらくして再度お試しください (busy)",
  "rule.violation": "規則により記録できません (rule violation)",
  "draft.refused": "変更連携協約書の案を作れません (draft refused)",
  "export.draft-version": "案を反映した版は法令標準XMLに書き出せません (draft version not exportable)",
  "store.busy": "データベースが使用中です。しばらくして再度お試しください (busy)",
  "store.integrity": "データベースの完全性に問題があります (integrity failure)",
  "store.schema": "データベースを読めません (database schema)",
  internal: "内部エラー (internal error)",
};

/**
 * The HTTP status of a problem code: 400 for bad input, 401/403 for auth, 404 not found,
 * 409 conflicts, 413 too large, 422 refused by a rule, 500 otherwise.
 *
 * @example
 * statusOf("concurrency.conflict"); // 409
 * statusOf("rule.violation"); // 422
 */
export function statusOf(code: string): number {
  return STATUS[code] ?? 500;
}

/** A problem to be answered; thrown by handlers, turned into a response by the app's error handler. */
export class ProblemError extends Error {
  override readonly name = "ProblemError";
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * Build a problem for a code (its status and title from the code).
 *
 * @example
 * problem("not-found.agreement", "no agreement nowhere is recorded").status; // 404
 */
export function problem(code: string, detail: string, issues: readonly ProblemIssue[] = []): Problem {
  const status = statusOf(code);
  return {
    type: `https://kyoyaku.invalid/problems/${code}`,
    title: TITLE[code] ?? code,
    status,
    detail,
    code,
    ...(issues.length > 0 && { issues }),
  };
}

/**
 * A thrown value as a problem: a ProblemError as is, a KyoyakuError by its code (with its
 * issues), a SQLite read-only error as a refused write; anything else is `internal`, without
 * its message (a stack or a path must not leak to a client).
 *
 * @example
 * toProblem(new KyoyakuError("not-found.agreement", "no agreement x is recorded")).status; // 404
 */
export function toProblem(e: unknown): Problem {
  if (e instanceof ProblemError) return e.problem;
  if (isKyoyakuError(e)) {
    const issues = e.issues.filter((i) => i.severity !== "info");
    return problem(e.code, e.message, issues);
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) {
    return problem("auth.writes-disabled", "データベースが読み取り専用で開かれているため、このサーバーは記録しない");
  }
  return problem("internal", "内部エラー。詳細はサーバーのログにある");
}

/**
 * The response for a problem (`application/problem+json`).
 *
 * @example
 * problemResponse(problem("input.invalid", "date: not a date")).status; // 400
 */
export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p, null, 2), {
    status: p.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...headers },
  });
}
