/**
 * The Hono app: the JSON API under /api/, its OpenAPI description at /openapi.json, and the
 * web viewer at /. Writes need the bearer token given at start-up; every failure is a
 * problem detail (API) or an error page (viewer) with the CLI's code.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Kyoyaku } from "@kyoyaku/core";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { registerApi } from "./api.js";
import { hostAllowed, hostProblem } from "./hosts.js";
import { CONTENT_SECURITY_POLICY } from "./csp.js";
import { flagValue } from "./schemas.js";
import { retryAfter, unavailable, WorkPool, type WorkOptions } from "./work.js";
import { bearerMatches } from "./auth.js";
import { problem, ProblemError, problemResponse, toProblem, type ProblemIssue } from "./problem.js";
import type { KyoyakuIssueParams } from "./schemas.js";
import { errorPage, registerViewer, viewerError } from "./viewer/pages.js";
import { layout } from "./viewer/layout.js";

/** Limits on requests. */
export interface Limits {
  /** Largest request body in bytes (default 2 MiB: a 協約書 is some tens of kilobytes). */
  readonly maxBodyBytes?: number;
}

/** Options of {@link createApp}. */
export interface AppOptions {
  /** An open engine; the app never closes it. */
  readonly engine: Kyoyaku;
  /**
   * The bearer token that allows writes (import, ratify, resolve). Without one the API is
   * read-only: every write is refused with 403 `auth.writes-disabled`.
   */
  readonly token?: string;
  /** Who records API writes when a request does not say (default `http-api`). */
  readonly recordedBy?: string;
  readonly limits?: Limits;
  /**
   * The host names (the `Host` header, without port) this app answers; any other gets 421
   * `http.misdirected` (a DNS rebinding page in a browser names its own host). Without a
   * list every host is answered (`app.request()` in tests, an embedder behind its own proxy);
   * {@link serve} always gives one.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Heavy requests (diff, search, verify, audit, drafts, viewer pages, an import's parse) in
   * worker threads under a time budget: see {@link WorkOptions}. Without `work.db` they run
   * on the event loop.
   */
  readonly work?: WorkOptions;
}

const POOLS = new WeakMap<object, WorkPool>();

/**
 * Stop the worker threads of an app made by {@link createApp} (serve's close calls it).
 *
 * @example
 * await closeApp(app);
 */
export async function closeApp(app: object): Promise<void> {
  await POOLS.get(app)?.close();
}

/**
 * True for a request that may take seconds (it runs in a worker when there are workers).
 *
 * @example
 * isHeavy("GET", new URL("http://h/api/agreements/x/diff?from=2020-01-01")); // true
 * isHeavy("GET", new URL("http://h/api/agreements")); // false
 */
export function isHeavy(method: string, url: URL): boolean {
  const path = url.pathname;
  // A draft parses a whole text, plans and writes the 改め文 and reads it back.
  if (method === "POST") return isDraftPath(path);
  if (method !== "GET" && method !== "HEAD") return false;
  const drafts = flagValue(url.searchParams.get("drafts") ?? undefined);
  if (path === "/api/search" || path === "/api/verify" || path === "/search") return true;
  if (path === "/api/in-force") return drafts;
  // A timeline or history lists every version or event: an agreement of 2,000 amendments took
  // 0.9–1.8 s, and on the main thread every other request waited for it.
  if (/^\/api\/agreements\/[^/]+\/(?:diff|audit|timeline|history)$/u.test(path)) return true;
  if (/^\/api\/agreements\/[^/]+$/u.test(path)) return drafts;
  // Viewer pages render whole documents as HTML.
  return path.startsWith("/agreements/");
}

/**
 * True for the drafting routes (the API's and the viewer's POST): nothing is written, so no
 * token is needed, but the body limit and the time budget hold.
 *
 * @example
 * isDraftPath("/api/agreements/okayama-wake/draft"); // true
 */
export function isDraftPath(path: string): boolean {
  return /^\/(?:api\/)?agreements\/[^/]+\/draft$/u.test(path);
}

/** Default request body limit: 2 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

const ASSETS = new URL("../assets/", import.meta.url);
const asset = (name: string): string => readFileSync(new URL(name, ASSETS), "utf8");

// The viewer's page shell loads only its own stylesheet and script; nothing inline runs.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

/** A zod issue as a located problem issue, keeping kyoyaku's own code when a date check set it. */
function zodIssue(i: { code: string; path: readonly PropertyKey[]; message: string; params?: unknown; keys?: readonly string[] }, target: string): ProblemIssue {
  const params = i.params as Partial<KyoyakuIssueParams> | undefined;
  // An unknown member is reported on its parent (path []): name the member itself.
  const path = i.code === "unrecognized_keys" && i.keys !== undefined && i.keys.length > 0 ? [...i.path, i.keys.join(",")] : i.path;
  const field = path.map(String).join(".");
  const where = target === "query" ? "query" : target === "param" ? "path" : target === "header" ? "header" : "body";
  return {
    severity: "error",
    code: params?.kyoyaku ?? `input.${i.code}`,
    message: i.message,
    location: { ...(field !== "" && { field }), in: where, ...(params?.date !== undefined && { date: params.date }) },
  };
}

/** Hono's own refusal of a request (a malformed JSON body, a body of a type the route does not take) as a problem. */
function clientProblem(e: HTTPException, contentType: string | undefined): ReturnType<typeof problem> {
  if (e.status === 413) return problem("input.too-large", e.message || "本文が大きすぎる");
  if (e.status === 415) {
    return problem("input.unsupported-media-type", `この本文は application/json で送ること（送られたのは ${contentType === undefined || contentType === "" ? "Content-Type なし" : contentType}）`);
  }
  return problem("input.invalid", e.message || "要求の形が正しくない");
}

/**
 * Create the app. Use `app.request()` in tests and embedders, or {@link serve} to listen.
 *
 * @example
 * const app = createApp({ engine: openKyoyaku({ path: "kyoyaku.db", readonly: true }) });
 * const res = await app.request("/api/agreements");
 * (await res.json()).agreements.length; // 2
 */
export function createApp(options: AppOptions): OpenAPIHono {
  const engine = options.engine;
  const token = options.token !== undefined && options.token !== "" ? options.token : undefined;
  const maxBodyBytes = options.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const pool = options.work?.db !== undefined ? new WorkPool({ ...options.work, db: options.work.db, maxBodyBytes }) : undefined;
  const allowedHosts = options.allowedHosts;
  const css = asset("viewer.css");
  const js = asset("viewer.js");

  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => zodIssue(i, result.target));
      const detail = issues.map((i) => `${i.location.field ?? result.target}: ${i.message}`).join("; ");
      return problemResponse(problem("input.invalid", detail, issues));
    },
  });

  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 sends Host: evil.example.
  if (allowedHosts !== undefined) {
    app.use("*", async (c, next) => {
      if (!hostAllowed(c.req.header("host"), allowedHosts)) return problemResponse(hostProblem(c.req.header("host")));
      // A request line in absolute form (GET http://evil.example/… HTTP/1.1) names its host there, and it wins over Host (RFC 9112 §3.2.2).
      const named = new URL(c.req.url).host;
      if (!hostAllowed(named, allowedHosts)) return problemResponse(hostProblem(named));
      return next();
    });
  }

  // Writes: the token first (no body is read from a client that may not write), then the size.
  app.use("/api/*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    if (c.req.method === "POST" && isDraftPath(c.req.path)) return next(); // a draft records nothing
    if (token === undefined) {
      return problemResponse(problem("auth.writes-disabled", "このサーバーはトークンなしで起動されたため、読み取りにだけ応答する（記録を許すには --token-file FILE か KYOYAKU_TOKEN を付けて起動すること）"));
    }
    if (!bearerMatches(c.req.header("authorization"), token)) {
      return problemResponse(problem("auth.unauthorized", "記録には、サーバー起動時のトークンを付けたヘッダー Authorization: Bearer <token> が要る"), {
        "www-authenticate": 'Bearer realm="kyoyaku"',
      });
    }
    return next();
  });
  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => problemResponse(problem("input.too-large", `本文が ${maxBodyBytes} バイトを超える`)),
  });
  app.use("/api/*", limit);
  app.use("/agreements/:id/draft", limit);

  // Heavy requests go to a worker once the host, the token and the body's size are checked.
  if (pool !== undefined) {
    app.use("*", async (c, next) => {
      if (!isHeavy(c.req.method, new URL(c.req.url))) return next();
      try {
        return await pool.fetch(c.req.raw);
      } catch (e) {
        if (!(e instanceof ProblemError) || e.problem.status !== 503) throw e;
        if (c.req.path.startsWith("/api/")) return unavailable(e, pool.budgetMs);
        // A viewer page: the error page, in HTML, with the same Retry-After.
        const page = viewerError(c, e);
        page.headers.set("retry-after", retryAfter(pool.budgetMs));
        return page;
      }
    });
  }

  registerApi(app, {
    engine,
    recordedBy: options.recordedBy ?? "http-api",
    maxBodyBytes,
    ...(pool !== undefined && {
      parse: (text, parseOptions) => pool.parse(text, parseOptions),
    }),
  });

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "the token the server was started with (--token-file FILE or KYOYAKU_TOKEN); writes only",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "kyoyaku HTTP API",
      version: "0.1.0",
      description:
        "The legal history of inter-municipal agreements (連携協約): the text in force on a date, history, 新旧対照表, search, audit and verify. " +
        "Dates are ISO (2020-04-01) or wareki (令和2年4月1日). Errors are RFC 9457 problem details with the CLI's codes.",
    },
    tags: [
      { name: "read", description: "open to every client of the server" },
      { name: "write (token)", description: "need Authorization: Bearer <token>; refused (403) when the server has no token" },
    ],
  });

  app.get("/assets/viewer.css", (c) => c.body(css, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "no-cache" }));
  app.get("/assets/viewer.js", (c) => c.body(js, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }));
  registerViewer(app, engine);

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return problemResponse(problem("not-found.route", `API に ${c.req.method} ${c.req.path} はない（/openapi.json を参照）`));
    const p = problem("not-found.route", `${c.req.path} はありません`);
    return c.html(layout(errorPage(p)).html, 404);
  });
  app.onError((e, c) => {
    if (c.req.path.startsWith("/api/") || c.req.path === "/openapi.json") {
      // Hono's own refusals (a malformed JSON body …) are the client's mistake, not ours.
      const p = e instanceof HTTPException && e.status < 500 ? clientProblem(e, c.req.header("content-type")) : toProblem(e);
      if (p.code === "internal") console.error(e);
      // A spent time budget or a full queue: the client may ask again later.
      return problemResponse(p, p.status === 503 ? { "retry-after": retryAfter(pool?.budgetMs ?? 5000) } : {});
    }
    return viewerError(c, e);
  });
  if (pool !== undefined) POOLS.set(app, pool);
  return app;
}
