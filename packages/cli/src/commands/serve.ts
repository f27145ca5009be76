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
    summary: "HTTP API（/api/、/openapi.json）と閲覧画面（/）をループバックで提供する",
    description:
      "CLI のすべての照会に HTTP で答え（/api/ の下の JSON。/openapi.json に記述がある）、/ で閲覧画面（日付のスライダー付きの、ある日に効力を有する本文、年表、新旧対照表、監査の表示）を提供する。--host で指定しない限り 127.0.0.1 で待ち受け、その URL を表示して、中断されるまで（Ctrl-C、SIGTERM）動き続ける。\n書込み（import、ratify、resolve）にはトークンが要る。トークンは --token-file FILE 又は $KYOYAKU_TOKEN から読み、`Authorization: Bearer TOKEN` として送る。トークンがなければデータベースを読取り専用で開く。docs/http.md を参照。",
    positionals: [],
    options: [
      { name: "host", type: "string", value: "HOST", description: "待ち受けるアドレス（既定 127.0.0.1。それ以外のホストはネットワークから到達できるので、警告を表示する）" },
      { name: "port", short: "p", type: "string", value: "PORT", description: "ポート（既定 8080。0 なら空いているポートを選ぶ）" },
      { name: "token-file", type: "string", value: "FILE", description: "書込みを許すトークンを記したファイル（既定: $KYOYAKU_TOKEN。どちらもなければ読取り専用）" },
      { name: "allow-host", type: "string", multiple: true, value: "NAME", description: "このホスト名への要求にも答える（127.0.0.1、localhost、[::1] 及び --host のほか）。それ以外には 421 を返す" },
      { name: "time-budget", type: "string", value: "TIME", description: "重い要求（diff、search、verify、audit、閲覧画面のページ、import の読取り）に許す時間。超えれば 503 で打ち切る。例: 30s、500ms、2m（既定 30s）" },
    ],
    examples: [
      { command: "kyoyaku serve", note: "http://127.0.0.1:8080/ で読取り専用の API と閲覧画面" },
      { command: "kyoyaku serve --port 0 --token-file ~/.kyoyaku-token", note: "空いているポートで。そのファイルのトークンがあれば書込みを許す" },
      { command: "kyoyaku serve --host 0.0.0.0 --allow-host kyoyaku.example.lg.jp --time-budget 10s", note: "ネットワークからその名前で到達できる。重い要求は 10 秒で打ち切る" },
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
      if (code === "EACCES") throw new UserError(`ポート ${port} を使う権限がない（1024 未満のポートには特権が要る）`);
      throw e;
    }
    ctx.print(`kyoyaku serve: ${server.url} で待ち受けている（${token === undefined ? "読取り専用: トークンがないので書込みは拒否する" : "書込みには Authorization: Bearer TOKEN が要る"}）`);
    ctx.print(`  閲覧画面 ${server.url}  API ${server.url}api/agreements  OpenAPI ${server.url}openapi.json — Ctrl-C で停止`);
    await stop.wait;
    await server.close();
    ctx.print("kyoyaku serve: 停止した");
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
  if (!/^\d+$/u.test(text) || !Number.isInteger(n) || n > 65535) throw new UsageError(`--port ${text}: 0〜65535 のポート番号を指定すること（0 なら空いているポート）`, "serve");
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
