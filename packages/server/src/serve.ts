/**
 * Listening on a socket: the app on Node's HTTP server, loopback by default.
 *
 * @module
 */
import type { AddressInfo } from "node:net";
import { serve as listen } from "@hono/node-server";
import { openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { closeApp, createApp, type AppOptions } from "./app.js";
import { allowedHostNames } from "./hosts.js";
import { problem } from "./problem.js";

/** Options of {@link serve}: an open engine or a database path, and where to listen. */
export type ServeOptions = Omit<AppOptions, "engine"> & {
  /** Host to bind (default 127.0.0.1: only this machine can connect). */
  readonly host?: string;
  /** Port (default 8080; 0 picks a free one). */
  readonly port?: number;
  /** More host names to answer besides loopback and `host` (`--allow-host`); see {@link AppOptions.allowedHosts}. */
  readonly allowHosts?: readonly string[];
  /**
   * The database file the worker threads open read-only when `engine` is given (with `db`,
   * that file). Without one, heavy requests run on the event loop.
   */
  readonly workDb?: string;
} & ({ readonly engine: Kyoyaku; readonly db?: undefined } | { readonly db: string; readonly engine?: undefined });

/** A listening server. */
export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stop listening (open connections are closed) and close the engine if `serve` opened it. */
  close(): Promise<void>;
}

/**
 * True for a host that only this machine can reach.
 *
 * @example
 * isLoopback("127.0.0.1"); // true
 * isLoopback("0.0.0.0"); // false
 */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/u.test(host);
}

/**
 * Listen: open the database (read-only unless a token allows writes) or use the given
 * engine, and answer on `host:port`.
 *
 * @example
 * const s = await serve({ db: "kyoyaku.db", port: 0 });
 * await fetch(new URL("api/agreements", s.url));
 * await s.close();
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const owned = options.engine === undefined;
  const hasToken = options.token !== undefined && options.token !== "";
  const engine = options.engine ?? openKyoyaku({ path: options.db!, ...(!hasToken && { readonly: true }) });
  try {
    const workDb = options.db ?? options.workDb;
    const app = createApp({
      ...options,
      engine,
      allowedHosts: options.allowedHosts ?? allowedHostNames(host, options.allowHosts),
      ...(workDb !== undefined && { work: { ...options.work, db: workDb } }),
    });
    const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
      const s = listen({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, () => resolve(s));
      s.once("error", reject);
    });
    // Node answers an over-long request line or headers (a 100 KB query) with a bare 431: say it as a problem.
    server.on("clientError", (e: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return;
      const tooLarge = e.code === "HPE_HEADER_OVERFLOW";
      const p = tooLarge ? problem("input.headers-too-large", "URL またはヘッダーが長すぎる（上限 16 KiB）。問い合わせを短くすること") : problem("input.invalid", "HTTP 要求の形が正しくない");
      const body = JSON.stringify(p, null, 2);
      socket.end(`HTTP/1.1 ${p.status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
    const address = server.address() as AddressInfo;
    const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
    return {
      url: `http://${shown}:${address.port}/`,
      host: address.address,
      port: address.port,
      close: () =>
        new Promise<void>((resolve, reject) => {
          const s = server as unknown as { closeAllConnections?: () => void };
          server.close((e) => {
            void closeApp(app);
            if (owned) engine.close();
            if (e) reject(e);
            else resolve();
          });
          s.closeAllConnections?.();
        }),
    };
  } catch (e) {
    if (owned) engine.close();
    throw e;
  }
}
