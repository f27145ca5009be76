/**
 * `kyoyaku serve`: the HTTP API and the web viewer (@kyoyaku/server) on loopback, until
 * SIGINT or SIGTERM. Without a token the database is opened read-only and every write is
 * refused; the token is read from a file or the environment, never from the command line
 * (where `ps` would show it).
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs";
import process from "node:process";
import type { Command } from "../command.js";
import { fileProblem, type Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";

export const serveCommand: Command = {
  spec: {
    name: "serve",
    summary: "serve the HTTP API (/api/, /openapi.json) and the web viewer (/) on loopback",
    description:
      "Answers every read of the CLI over HTTP (JSON under /api/, described at /openapi.json) and serves a\n" +
      "web viewer at / (the text in force on a date with a date slider, the timeline, the 新旧対照表, the\n" +
      "audit view). It listens on 127.0.0.1 unless --host says otherwise, prints its URL, and runs until\n" +
      "interrupted (Ctrl-C, SIGTERM). Writes (import, ratify, resolve) need a token, read from --token-file\n" +
      "FILE or $KYOYAKU_TOKEN and sent as `Authorization: Bearer TOKEN`; without one the database is opened\n" +
      "read-only. See docs/http.md.",
    positionals: [],
    options: [
      { name: "host", type: "string", value: "HOST", description: "address to listen on (default 127.0.0.1; another host is reachable from the network: a warning is printed)" },
      { name: "port", short: "p", type: "string", value: "PORT", description: "port (default 8080; 0 picks a free one)" },
      { name: "token-file", type: "string", value: "FILE", description: "a file holding the token that allows writes (default: $KYOYAKU_TOKEN; neither: read-only)" },
      { name: "allow-host", type: "string", multiple: true, value: "NAME", description: "also answer requests for this host name (besides 127.0.0.1, localhost, [::1] and --host); others get 421" },
      { name: "time-budget", type: "string", value: "TIME", description: "time a heavy request (diff, search, verify, audit, viewer page, import's parse) may take before it is stopped with 503, e.g. 30s, 500ms, 2m (default 30s)" },
    ],
    examples: [
      { command: "kyoyaku serve", note: "read-only API and viewer on http://127.0.0.1:8080/" },
      { command: "kyoyaku serve --port 0 --token-file ~/.kyoyaku-token", note: "a free port; writes allowed with the token in that file" },
      { command: "kyoyaku serve --host 0.0.0.0 --allow-host kyoyaku.example.lg.jp --time-budget 10s", note: "reachable from the network by that name; heavy requests stopped after 10 s" },
    ],
  },
  async run(ctx) {
    const host = ctx.args.string("host") ?? "127.0.0.1";
    const port = portOption(ctx.args.string("port"));
    const token = readToken(ctx);
    const timeBudgetMs = budgetOption(ctx.args.string("time-budget"));
    const allowHosts = ctx.args.list("allow-host");
    const { isLoopback, serve } = await import("@kyoyaku/server");
    if (!isLoopback(host)) {
      ctx.note(`kyoyaku serve: 警告: ${host} はループバックアドレスではない — 他のマシンからこのサーバーに届く${token === undefined ? "（読み取り専用）" : "（記録にはトークンが要る）"}`);
    }
    const engine = ctx.engine({ readonly: token === undefined });
    // Listen for the signals before the URL is printed: a client may stop the server as soon
    // as it reads the URL, and without a listener SIGTERM kills the process outright.
    const stop = stopped();
    let server;
    try {
      server = await serve({
        engine, host, port, allowHosts, workDb: ctx.dbPath(),
        ...(timeBudgetMs !== undefined && { work: { timeBudgetMs } }),
        ...(token !== undefined && { token }),
        recordedBy: `${ctx.recordedBy()} (http)`,
      });
    } catch (e) {
      stop.cancel();
      const code = (e as { code?: unknown }).code;
      if (code === "EADDRINUSE") throw new UserError(`${host} のポート ${port} は使用中。--port で別のポートを指定すること（0 なら空いているポート）`, [], "EADDRINUSE");
      if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new UserError(`--host ${host}: このマシンのアドレスではない`, [], code);
      if (code === "EACCES") throw new UserError(`ポート ${port} を使う権限がない（1024 未満のポートには特権が要る）。--port で 1024 以上を指定すること`, [], "EACCES");
      throw e;
    }
    // The URL stays the first thing after 「待ち受け中:」 — scripts and tests read it from there.
    ctx.print(`kyoyaku serve: 待ち受け中: ${server.url} （${token === undefined ? "読み取り専用: トークンがないので記録は受け付けない" : "記録には Authorization: Bearer トークン が要る"}）`);
    ctx.print(`  閲覧画面 ${server.url}  API ${server.url}api/agreements  OpenAPI ${server.url}openapi.json — Ctrl-C で止まる`);
    await stop.wait;
    await server.close();
    ctx.print("kyoyaku serve: 止めました");
  },
};

/** `wait` resolves on the first SIGINT or SIGTERM; `cancel` removes the listeners (a failed start). */
function stopped(): { wait: Promise<void>; cancel(): void } {
  let done: () => void = () => {};
  const wait = new Promise<void>((resolve) => (done = resolve));
  const stop = (): void => {
    cancel();
    done();
  };
  const cancel = (): void => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return { wait, cancel };
}

function portOption(text: string | undefined): number {
  if (text === undefined) return 8080;
  const n = Number(text);
  if (!/^\d+$/u.test(text) || !Number.isInteger(n) || n > 65535) throw new UsageError(`--port ${text}: expected a port number from 0 to 65535 (0 picks a free one)`, "serve");
  return n;
}

/**
 * `--time-budget TIME`: `30s`, `500ms`, `2m`, or bare seconds; in milliseconds.
 *
 * @example
 * budgetOption("2s"); // 2000
 */
export function budgetOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/u.exec(text.trim());
  const ms = m === null ? NaN : Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "m" ? 60_000 : 1000);
  if (!Number.isFinite(ms) || ms < 100 || ms > 3_600_000) throw new UsageError(`--time-budget ${text}: 100ms〜60m の時間を指定すること（例: 30s、500ms、2m）`, "serve", "usage.invalid-value");
  return Math.round(ms);
}

/** The token from --token-file, else $KYOYAKU_TOKEN; undefined for none. */
function readToken(ctx: Ctx): string | undefined {
  const file = ctx.args.string("token-file");
  if (file !== undefined) {
    const path = ctx.path(file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new UserError(`--token-file ${file}: ${fileProblem(e)}`);
    }
    const token = text.trim();
    if (token === "" || /\s/u.test(token)) throw new UserError(`--token-file ${file}: ファイルにはトークンを一つ（空白なし）書くこと（例: openssl rand -hex 32 の出力）`);
    if (token.length < 16) throw new UserError(`--token-file ${file}: トークンが短すぎる（${token.length}文字）。16文字以上にすること（例: openssl rand -hex 32 の出力）`);
    // A token others can read is no secret.
    if (process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
      ctx.note(`kyoyaku serve: 警告: ${file} は他のユーザーも読める。chmod 600 ${file} とすること`);
    }
    return token;
  }
  const env = ctx.io.env.KYOYAKU_TOKEN?.trim();
  if (env === undefined || env === "") return undefined;
  if (/\s/u.test(env) || env.length < 16) throw new UserError("KYOYAKU_TOKEN: トークンは空白なしの16文字以上にすること（例: openssl rand -hex 32 の出力）");
  return env;
}
