/**
 * @kyoyaku/server — kyoyaku's HTTP API (JSON under /api/, OpenAPI at /openapi.json) and web
 * viewer (/), on Hono. This file is the package's whole public API.
 *
 * @example
 * import { serve } from "@kyoyaku/server";
 * const s = await serve({ db: "kyoyaku.db", port: 8080 }); // read-only: no token
 * console.log(s.url); // http://127.0.0.1:8080/
 *
 * @packageDocumentation
 */
export type { AppOptions, Limits } from "./app.js";
export { closeApp, createApp, DEFAULT_MAX_BODY_BYTES, isHeavy } from "./app.js";
export type { WorkOptions } from "./work.js";
export { DEFAULT_TIME_BUDGET_MS } from "./work.js";
export { allowedHostNames } from "./hosts.js";
export type { RunningServer, ServeOptions } from "./serve.js";
export { isLoopback, serve } from "./serve.js";
export type { Problem, ProblemIssue, RequestLocation } from "./problem.js";
export { statusOf } from "./problem.js";
export { API_ROUTES } from "./api.js";
