/**
 * `kyoyaku serve` as a user runs it: the built binary on a seeded database, on 127.0.0.1
 * port 0; it prints its URL, answers, refuses writes without its token, and stops cleanly on
 * SIGTERM.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../e2e/helpers.js";
import { SEED_DRAFT, seedDatabase, seedText, tempDir } from "./fixture.js";

const tmp = tempDir();
const db = join(tmp.dir, "kyoyaku.db");
const TOKEN = "cli-serve-token-0123456789";

function env(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("KYOYAKU_")) base[k] = v;
  return { ...base, NO_COLOR: "1", USER: "cli-tester", ...extra };
}

/** Start `kyoyaku serve ARGS`; resolve with the process and its URL once it says it listens. */
function start(args: readonly string[], extra: Record<string, string> = {}): Promise<{ child: ChildProcessWithoutNullStreams; url: string; out: () => string; err: () => string }> {
  const child = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0", ...args], { env: env(extra) });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 20 s:\n${out}\n${err}`)), 20_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+\/) で待ち受けている/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, out: () => out, err: () => err });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
}

/** The status of GET /api/agreements on 127.0.0.1:`port` with the given Host header (fetch cannot set Host). */
function hostStatus(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/agreements", headers: { host }, setHost: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Send SIGTERM and wait for the exit code. */
function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx tsc -b\` first`);
  seedDatabase(db, { ratified: true });
});
afterAll(() => tmp.remove());

describe("kyoyaku serve", () => {
  it("Given no token, When started, Then it listens on 127.0.0.1, answers reads, refuses writes (403), and stops on SIGTERM with exit 0", async () => {
    const s = await start([]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
    expect(s.out()).toContain("読取り専用");
    const r = await fetch(new URL("api/agreements", s.url));
    expect(r.status).toBe(200);
    const w = await fetch(new URL("api/agreements/okayama-bizen/import", s.url), { method: "POST", body: seedText(SEED_DRAFT), headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` } });
    expect(w.status).toBe(403);
    expect(await stop(s.child)).toBe(0);
    expect(s.out()).toContain("kyoyaku serve: 停止した");
  });

  it("Given a token in KYOYAKU_TOKEN, When a write carries it, Then it is recorded (201); without it, 401", async () => {
    const s = await start([], { KYOYAKU_TOKEN: TOKEN });
    const path = new URL("api/agreements/okayama-bizen/import?name=draft.txt", s.url);
    const anonymous = await fetch(path, { method: "POST", body: seedText(SEED_DRAFT), headers: { "content-type": "text/plain" } });
    expect(anonymous.status).toBe(401);
    const w = await fetch(path, { method: "POST", body: seedText(SEED_DRAFT), headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` } });
    expect(w.status).toBe(201);
    expect(((await w.json()) as { agreementId: string }).agreementId).toBe("okayama-bizen");
    expect(await stop(s.child)).toBe(0);
  });

  it("Given a token file readable by others, or another host, When started, Then it warns; a short token or a bad port is refused", async () => {
    const file = join(tmp.dir, "token");
    writeFileSync(file, `${TOKEN}\n`);
    chmodSync(file, 0o644);
    const s = await start(["--token-file", file, "--host", "0.0.0.0", "--allow-host", "kyoyaku.example.lg.jp", "--time-budget", "10s"]);
    expect(s.err()).toContain("は他のユーザーも読める");
    expect(s.err()).toContain("0.0.0.0 はループバックアドレスではない");
    // Host names: the allowed name and loopback answer; a rebinding name gets 421.
    const port = Number(new URL(s.url).port);
    expect(await hostStatus(port, "kyoyaku.example.lg.jp")).toBe(200);
    expect(await hostStatus(port, `127.0.0.1:${port}`)).toBe(200);
    expect(await hostStatus(port, "evil.example")).toBe(421);
    expect(await stop(s.child)).toBe(0);

    writeFileSync(file, "short\n");
    const short = spawnSync(process.execPath, [BIN, "serve", "--db", db, "--token-file", file], { env: env(), encoding: "utf8", timeout: 20_000 });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("トークンが短すぎる");
    const badPort = spawnSync(process.execPath, [BIN, "serve", "--db", db, "--port", "99999"], { env: env(), encoding: "utf8", timeout: 20_000 });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain("--port 99999");
    const nodb = spawnSync(process.execPath, [BIN, "serve", "--db", join(tmp.dir, "missing.db"), "--port", "0"], { env: env(), encoding: "utf8", timeout: 20_000 });
    expect(nodb.status).toBe(1);
    expect(nodb.stderr).toContain("にデータベースがない");
  });
});
