/**
 * Hostile input against a real server on 127.0.0.1 (port 0): heavy requests run in worker
 * threads while cheap reads keep answering, a request over its time budget is stopped with
 * 503, a foreign Host (DNS rebinding) gets 421, an over-long query a problem, no absolute
 * path of the server's machine leaks, and a ratify retried with the same body is idempotent.
 */
import { copyFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type RunningServer } from "@kyoyaku/server";
import { seedBigAgreement } from "./big.js";
import { eventHash, openKyoyaku, type StoredEvent } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import { SEED_CONCLUDE, SEED_DRAFT, seedDatabase, seedText, tempDir } from "./fixture.js";

const TOKEN = "hostile-token-0123456789abcdef";
const SECRET_DIR = "/home/houmu/秘/協約";
const SECRET_PATH = `${SECRET_DIR}/奈義町協約書.txt`;
const ARTICLES = 1000;
const tmp = tempDir();
const bigDb = join(tmp.dir, "big.db");
let roomy: RunningServer; // time budget 4 s
let tight: RunningServer; // time budget 200 ms
let writer: RunningServer; // the seeds, writable

const at = (s: RunningServer, path: string, init: RequestInit = {}): Promise<Response> => fetch(new URL(path, s.url), init);

/** A GET with a Host header of our choice (fetch does not let a caller set Host). */
function withHost(s: RunningServer, path: string, host: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: s.port, path, headers: { host }, setHost: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"] ?? "", body }));
    });
    req.on("error", reject);
    req.end();
  });
}
const HEAVY = "/api/agreements/big/diff?from=2025-03-31&to=2025-04-01&format=html";

async function problemOf(r: Response): Promise<{ status: number; code: string; detail: string }> {
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/u);
  const p = (await r.json()) as { status: number; code: string; detail: string };
  expect(p.status).toBe(r.status);
  return p;
}

beforeAll(async () => {
  seedDatabase(bigDb);
  seedBigAgreement(bigDb, ARTICLES);
  const seeds = join(tmp.dir, "seeds.db");
  seedDatabase(seeds);
  roomy = await serve({ db: bigDb, port: 0, work: { timeBudgetMs: 4000, workers: 1 } });
  tight = await serve({ db: bigDb, port: 0, work: { timeBudgetMs: 200, workers: 1 } });
  const copy = join(tmp.dir, "writable.db");
  copyFileSync(seeds, copy);
  // An event recorded by an older CLI, which kept the path as given: an absolute one.
  const k = openKyoyaku({ path: copy });
  const parsed = parseText(seedText(SEED_CONCLUDE).replace(/和気町/gu, "奈義町"), { file: SECRET_PATH });
  if (!parsed.ok) throw new Error("the 奈義町 text did not parse");
  k.record({ agreementId: "okayama-nagi", recordedBy: "旧版", event: parsed.value.event });
  k.close();
  writer = await serve({ db: copy, port: 0, token: TOKEN, recordedBy: "hostile-test" });
});

afterAll(async () => {
  await roomy?.close();
  await tight?.close();
  await writer?.close();
  tmp.remove();
});

describe("heavy requests off the event loop", () => {
  it("Given a 新旧対照表 of 1000 条 running, When cheap reads are sent meanwhile, Then they answer with p99 under 1 s", async () => {
    const started = Date.now();
    const heavy = at(roomy, HEAVY).then(async (r) => ({ status: r.status, ms: Date.now() - started, length: (await r.text()).length }));
    let done = false;
    void heavy.then(() => (done = true));
    const times: number[] = [];
    const cheap = ["/api/agreements", "/api/agreements/okayama-wake?date=2020-04-01", "/api/agreements/okayama-wake/events", "/api/agreements/big?date=2020-04-01"];
    // Give the worker a moment to start, then read until the heavy request ends (at least 20 reads).
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; (!done || times.length < 20) && Date.now() - started < 15_000; i++) {
      const t = Date.now();
      const r = await at(roomy, cheap[i % cheap.length]!);
      expect(r.status).toBe(200);
      await r.arrayBuffer();
      times.push(Date.now() - t);
    }
    const h = await heavy;
    times.sort((a, b) => a - b);
    const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!;
    console.log(`heavy ${HEAVY}: ${h.status} in ${h.ms} ms (${h.length} chars); ${times.length} cheap reads meanwhile, p50 ${times[Math.floor(times.length / 2)]} ms, p99 ${p99} ms, max ${times.at(-1)} ms`);
    expect([200, 503]).toContain(h.status);
    expect(p99).toBeLessThan(1000);
  });

  it("Given a time budget of 200 ms, When a heavy request needs more, Then it is stopped with 503 problem+json and Retry-After, and the server answers on", async () => {
    const t = Date.now();
    const r = await at(tight, HEAVY);
    const ms = Date.now() - t;
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toMatch(/^\d+$/u);
    const p = await problemOf(r);
    expect(p.code).toBe("server.time-budget");
    console.log(`time to 503 with a 200 ms budget: ${ms} ms`);
    expect(ms).toBeLessThan(2000);
    // A viewer page over the budget: the HTML error page, 503 with Retry-After.
    const page = await at(tight, "/agreements/big/diff?from=2025-03-31&to=2025-04-01");
    expect(page.status).toBe(503);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/u);
    expect(page.headers.get("retry-after")).toMatch(/^\d+$/u);
    expect(await page.text()).toContain("server.time-budget");
    // The worker was ended; the next heavy request gets a new one (and its own 503), cheap reads answer.
    expect((await at(tight, HEAVY)).status).toBe(503);
    expect((await at(tight, "/api/agreements")).status).toBe(200);
  });

  it("Given a worker, When a viewer page or a search is asked, Then the worker's answer is the same page the app gives", async () => {
    const r = await at(roomy, "/api/search?q=%E6%8C%81%E7%B6%9A%E5%8F%AF%E8%83%BD&date=2025-04-01");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/u);
    expect(((await r.json()) as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
    const page = await at(roomy, "/agreements/nowhere");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("Host names (DNS rebinding)", () => {
  it("Given Host: evil.example, When any path is asked, Then 421 problem+json and nothing else", async () => {
    for (const path of ["/api/agreements", "/api/agreements/big/events", "/", HEAVY]) {
      const r = await withHost(roomy, path, "evil.example");
      expect(r.status).toBe(421);
      expect(r.type).toMatch(/^application\/problem\+json/u);
      const p = JSON.parse(r.body) as { code: string; detail: string };
      expect(p.code).toBe("http.misdirected");
      expect(p.detail).toContain("--allow-host");
      expect(r.body).not.toContain(tmp.dir);
    }
  });

  it("Given a request line in absolute form naming evil.example (Host: 127.0.0.1), When sent, Then 421: the request line's host wins", async () => {
    for (const path of ["http://evil.example/api/agreements", `http://evil.example:${roomy.port}/api/agreements/big/events`]) {
      const r = await withHost(roomy, path, "127.0.0.1");
      expect(r.status, path).toBe(421);
      expect(JSON.parse(r.body)).toMatchObject({ code: "http.misdirected" });
    }
    expect((await withHost(roomy, `http://127.0.0.1:${roomy.port}/api/agreements`, "127.0.0.1")).status).toBe(200);
  });

  it("Given the loopback names, When asked with any port, Then they are answered", async () => {
    for (const host of ["127.0.0.1", `127.0.0.1:${roomy.port}`, `localhost:${roomy.port}`, "LOCALHOST", "[::1]:8080"]) {
      expect((await withHost(roomy, "/api/agreements", host)).status).toBe(200);
    }
  });

  it("Given --allow-host kyoyaku.example.lg.jp, When asked by that name, Then it is answered and others are not", async () => {
    const s = await serve({ db: bigDb, port: 0, allowHosts: ["kyoyaku.example.lg.jp"] });
    try {
      expect((await withHost(s, "/api/agreements", "kyoyaku.example.lg.jp")).status).toBe(200);
      expect((await withHost(s, "/api/agreements", "kyoyaku.example.lg.jp.evil.example")).status).toBe(421);
      expect((await withHost(s, "/api/agreements", "")).status).toBe(421);
    } finally {
      await s.close();
    }
  });
});

describe("over-long requests", () => {
  it("Given a query of 100 KB, When sent, Then the answer is a 431 problem, not Node's bare one", async () => {
    const r = await at(roomy, `/api/search?q=${"a".repeat(100_000)}`);
    expect(r.status).toBe(431);
    expect((await problemOf(r)).code).toBe("input.headers-too-large");
  });
});

describe("no absolute path of the server's machine", () => {
  const auth = { authorization: `Bearer ${TOKEN}` };
  it("Given an event whose source was stored as an absolute path, When its events, history, audit and timeline are read, Then only the base name shows", async () => {
    for (const path of ["/api/agreements/okayama-nagi/events", "/api/agreements/okayama-nagi/history", "/api/agreements/okayama-nagi/audit", "/api/agreements/okayama-nagi/audit?format=html", "/api/agreements/okayama-nagi/timeline", "/agreements/okayama-nagi/audit"]) {
      const r = await at(writer, path);
      expect(r.status, path).toBe(200);
      const text = await r.text();
      expect(text, path).not.toContain(SECRET_DIR);
      if (path.endsWith("events") || path.endsWith("history")) expect(text, path).toContain("奈義町協約書.txt");
    }
  });

  it("Given that event among others, When the events are read, Then it alone says its source name is withheld (its hash covers the stored name), and every other event's hash recomputes from the answer", async () => {
    const { events } = (await (await at(writer, "/api/agreements/okayama-nagi/events")).json()) as { events: (StoredEvent & { withheld?: string[] })[] };
    expect(events[0]?.withheld).toEqual(["legal.source.name"]);
    const { withheld: _w, hash, ...shown } = events[0]!;
    expect(eventHash(shown)).not.toBe(hash);
    // With the name as stored put back, it recomputes: only the name was withheld.
    expect(eventHash({ ...shown, legal: { ...shown.legal!, source: { ...shown.legal!.source!, name: SECRET_PATH } } })).toBe(hash);
    const wake = (await (await at(writer, "/api/agreements/okayama-wake/events")).json()) as { events: (StoredEvent & { withheld?: string[] })[] };
    for (const e of wake.events) {
      expect(e.withheld).toBeUndefined();
      const { hash, ...rest } = e;
      expect(eventHash(rest)).toBe(hash);
    }
  });

  it("Given that text imported into another agreement, When refused 409, Then the detail names the base name only", async () => {
    const r = await at(writer, "/api/agreements/elsewhere/import", { method: "POST", body: seedText(SEED_CONCLUDE).replace(/和気町/gu, "奈義町"), headers: { ...auth, "content-type": "text/plain; charset=utf-8" } });
    const p = await problemOf(r);
    expect(p.code).toBe("source.recorded-elsewhere");
    expect(p.detail).toContain("奈義町協約書.txt");
    expect(p.detail).not.toContain(SECRET_DIR);
  });

  it("Given an import named by a client's absolute path, When recorded, Then the base name is kept", async () => {
    const name = encodeURIComponent("C:\\Users\\houmu\\Desktop\\変更連携協約書（案）.txt");
    const r = await at(writer, `/api/agreements/okayama-bizen/import?name=${name}`, { method: "POST", body: seedText(SEED_DRAFT), headers: { ...auth, "content-type": "text/plain; charset=utf-8" } });
    expect(r.status).toBe(201);
    const events = (await (await at(writer, "/api/agreements/okayama-bizen/events")).json()) as { events: { legal?: { source?: { name: string } } }[] };
    expect(events.events[0]?.legal?.source?.name).toBe("変更連携協約書（案）.txt");
  });
});

describe("control characters in what a client names", () => {
  it("Given an import whose name has ESC/BEL, NUL or a bidi override, When sent, Then 400 input.invalid naming event.source.name, nothing recorded", async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain; charset=utf-8" };
    for (const name of ["\u001b]0;pwn\u0007.txt", "\u0000x.txt", "\u202etxt.exe"]) {
      const r = await at(writer, `/api/agreements/named-badly/import?name=${encodeURIComponent(name)}`, { method: "POST", body: seedText(SEED_DRAFT).replace("販路開拓", "販路の開拓"), headers });
      const p = await problemOf(r);
      expect(p, JSON.stringify(name)).toMatchObject({ status: 400, code: "input.invalid" });
      expect(p.detail).toMatch(/^event\.source\.name の(?:「[^」]*」の後|先頭)に制御文字（U\+(?:001B|0000|202E)）がある/u);
    }
    expect((await at(writer, "/api/agreements/named-badly")).status).toBe(404);
  });
});

describe("idempotent retries", () => {
  it("Given a draft, When the same ratify is sent 10 times in parallel, Then one 201 and nine 200 duplicates, and one ratify event", async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const body = JSON.stringify({ signedOn: "令和7年3月28日", resolutions: { 岡山市: "2025-03-18", 備前市: "2025-03-21" } });
    const answers = await Promise.all(Array.from({ length: 10 }, () => at(writer, "/api/agreements/okayama-bizen/events/1/ratify", { method: "POST", body, headers })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { duplicate: boolean; event: { seq: number } }[];
    expect(new Set(bodies.map((b) => b.event.seq)).size).toBe(1);
    expect(bodies.filter((b) => b.duplicate)).toHaveLength(9);
    const events = (await (await at(writer, "/api/agreements/okayama-bizen/events")).json()) as { events: { kind: string }[] };
    expect(events.events.filter((e) => e.kind === "ratify")).toHaveLength(1);
    // Other dates are not a retry: still refused.
    const other = await at(writer, "/api/agreements/okayama-bizen/events/1/ratify", { method: "POST", body: JSON.stringify({ signedOn: "令和7年3月29日", resolutions: { 岡山市: "2025-03-18", 備前市: "2025-03-21" } }), headers });
    expect(other.status).toBe(422);
    // The same 議決日 again through resolve: a duplicate too.
    const resolve = await at(writer, "/api/agreements/okayama-bizen/events/1/resolve", { method: "POST", body: JSON.stringify({ resolutions: { 備前市: "2025-03-21" } }), headers });
    expect(resolve.status).toBe(200);
    expect(((await resolve.json()) as { duplicate: boolean }).duplicate).toBe(true);
  });
});

describe("agreement ids over HTTP", () => {
  it("Given a zero-width space or a bidi override in an id, When read or written, Then 400 input.invalid naming the character; the full-width form is the same agreement", async () => {
    for (const id of ["okayama\u200b-wake", "okayama\u202e-wake"]) {
      const r = await at(writer, `/api/agreements/${encodeURIComponent(id)}?date=2020-04-01`);
      const p = await problemOf(r);
      expect(p).toMatchObject({ status: 400, code: "input.invalid" });
      expect(p.detail).toMatch(/U\+20(?:0B|2E)/u);
    }
    const w = await at(writer, `/api/agreements/${encodeURIComponent("okayama\u200b-x")}/import`, { method: "POST", body: seedText(SEED_DRAFT), headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain; charset=utf-8" } });
    expect((await problemOf(w)).code).toBe("input.invalid");
    const full = await at(writer, `/api/agreements/${encodeURIComponent("ｏｋａｙａｍａ-ｗａｋｅ")}?date=2020-04-01`);
    expect(full.status).toBe(200);
    expect(((await full.json()) as { inForce: boolean }).inForce).toBe(true);
  });
});
