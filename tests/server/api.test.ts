/**
 * The HTTP API against a real server on 127.0.0.1 (port 0), over a temporary SQLite file
 * seeded from the seed documents: every read endpoint answers what the engine answers, writes
 * follow the token rules, and every failure is a problem detail with the CLI's code.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { readEgovXml, writeEgovXml } from "@kyoyaku/formats";
import { API_ROUTES, serve, type RunningServer } from "@kyoyaku/server";
import { XMLValidator } from "fast-xml-parser";
import { SEED_CONCLUDE, SEED_DRAFT, seedDatabase, seedText, tempDir } from "./fixture.js";

const TOKEN = "test-token-0123456789abcdef";
const tmp = tempDir();
let reader: RunningServer; // read-only: no token
let writer: RunningServer; // with TOKEN, on its own copy of the database
let k: Kyoyaku; // the engine's own answers, to compare with

const get = async (s: RunningServer, path: string, init: RequestInit = {}): Promise<Response> => fetch(new URL(path, s.url), init);
const body = async (r: Response): Promise<Record<string, unknown>> => (await r.json()) as Record<string, unknown>;
const post = (s: RunningServer, path: string, b: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(new URL(path, s.url), { method: "POST", body: b, headers });
const auth = { authorization: `Bearer ${TOKEN}` };
const jsonHeaders = { ...auth, "content-type": "application/json" };
const textHeaders = { ...auth, "content-type": "text/plain; charset=utf-8" };

/** A problem's fields, checked to be application/problem+json. */
async function problemOf(r: Response): Promise<{ status: number; code: string; detail: string; issues?: { code: string; location: Record<string, unknown> }[] }> {
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/u);
  const p = (await r.json()) as { status: number; code: string; detail: string; title: string; type: string; issues?: { code: string; location: Record<string, unknown> }[] };
  expect(p.status).toBe(r.status);
  expect(typeof p.title).toBe("string");
  expect(typeof p.type).toBe("string");
  return p;
}

beforeAll(async () => {
  const db = join(tmp.dir, "kyoyaku.db");
  seedDatabase(db, { ratified: true });
  const copy = join(tmp.dir, "writable.db");
  copyFileSync(db, copy);
  reader = await serve({ db, port: 0 });
  writer = await serve({ db: copy, port: 0, token: TOKEN, recordedBy: "api-test" });
  k = openKyoyaku({ path: db, readonly: true });
});

afterAll(async () => {
  await reader?.close();
  await writer?.close();
  k?.close();
  tmp.remove();
});

describe("exports", () => {
  const id = "okayama-wake";
  it("GET /export?format=egov-xml&date= gives the text in force as 法令標準XML that reads back to the engine's document", async () => {
    const r = await get(reader, `/api/agreements/${id}/export?format=egov-xml&date=2020-04-01`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await r.text();
    const back = readEgovXml(xml, "api.xml");
    expect(back.ok && back.value).toStrictEqual(k.asOf(id, "2020-04-01").document);
  });
  it("the 法令標準XML the API exports imports back through the API with the type it was served as (application/xml)", async () => {
    const r = await get(reader, `/api/agreements/${id}/export?format=egov-xml&date=2020-04-01`);
    const type = r.headers.get("content-type")!;
    const xml = await r.text();
    const i = await post(writer, `/api/agreements/ow-xml-back/import?name=ow.xml`, xml, { ...auth, "content-type": type });
    expect(i.status, await i.clone().text()).toBe(201);
    const w = openKyoyaku({ path: join(tmp.dir, "writable.db"), readonly: true });
    try {
      expect(w.asOf("ow-xml-back", "2020-04-01").document).toStrictEqual(k.asOf(id, "2020-04-01").document);
    } finally {
      w.close();
    }
    // text/xml is taken too: the same file again is found already recorded, not refused by its type
    const again = await post(writer, `/api/agreements/ow-xml-back/import?name=ow.xml`, xml, { ...auth, "content-type": "text/xml" });
    expect([again.status, (await body(again)).status]).toEqual([200, "duplicate"]);
  });
  it("a 法令標準XML of a version changes made is refused as a 締結 (import.amended-version) and taken with inForceOn as a baseline", async () => {
    const xml = writeEgovXml(k.asOf(id, "2020-04-01").document!, { agreementId: id, inForceFrom: "2020-04-01", amended: true });
    const refused = await problemOf(await post(writer, `/api/agreements/ow-amended/import?name=ow.xml`, xml, { ...auth, "content-type": "application/xml" }));
    expect(refused.status).toBe(400);
    expect(refused.issues?.map((i) => i.code)).toEqual(["import.amended-version"]);
    expect(refused.detail).toContain("inForceOn=2020-04-01");
    const baseline = await post(writer, `/api/agreements/ow-amended/import?name=ow.xml&inForceOn=2020-04-01`, xml, { ...auth, "content-type": "application/xml" });
    // (The same text is recorded under ow-xml-back above: a baseline of it is refused there only as a copy, 409.)
    expect(baseline.status, await baseline.clone().text()).toBe(409);
    expect((await problemOf(baseline)).code).not.toBe("input.invalid");
  });
  it("GET /export?format=akn gives well-formed Akoma Ntoso with the work's FRBR name", async () => {
    const r = await get(reader, `/api/agreements/${id}/export?format=akn`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/akn+xml; charset=utf-8");
    const xml = await r.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<FRBRuri value="/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake"/>');
  });
  it("a date with nothing in force is 404 not-found.version; an unknown format is 400", async () => {
    const p = await problemOf(await get(reader, `/api/agreements/${id}/export?format=egov-xml&date=2000-01-01`));
    expect([p.status, p.code]).toEqual([404, "not-found.version"]);
    expect((await problemOf(await get(reader, `/api/agreements/${id}/export?format=pdf`))).status).toBe(400);
  });
});

describe("reads", () => {
  it("Given a server, When started on port 0, Then it listens on loopback and says its URL", () => {
    expect(reader.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
    expect(reader.port).toBeGreaterThan(0);
  });

  it("GET /api/agreements lists the agreements as the engine does", async () => {
    const r = await get(reader, "/api/agreements");
    expect(r.status).toBe(200);
    expect(await body(r)).toEqual({ agreements: JSON.parse(JSON.stringify(k.agreements())) });
  });

  it("Given a wareki date, When GET /api/agreements/{id}, Then the answer is the engine's as-of answer for that day", async () => {
    const r = await get(reader, `/api/agreements/okayama-wake?date=${encodeURIComponent("令和2年4月1日")}`);
    expect(r.status).toBe(200);
    const a = await body(r);
    expect(a).toEqual(JSON.parse(JSON.stringify(k.asOf("okayama-wake", "2020-04-01"))));
    expect(a.inForce).toBe(true);
    expect(a.date).toBe("2020-04-01");
  });

  it("Given a past date without knownAt, When asked twice with If-None-Match, Then the ETag names the version root and the second answer is 304", async () => {
    const r = await get(reader, "/api/agreements/okayama-wake?date=2020-04-01");
    const etag = r.headers.get("etag");
    expect(etag).toMatch(new RegExp(`^"${k.asOf("okayama-wake", "2020-04-01").root!}\\.[0-9a-f]{16}"$`, "u"));
    const again = await get(reader, "/api/agreements/okayama-wake?date=2020-04-01", { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    // Another day in the same version has the same root but another answer (its date): another ETag.
    const other = await get(reader, "/api/agreements/okayama-wake?date=2020-04-02");
    expect(other.headers.get("etag")).not.toBe(etag);
    // knownAt answers carry none.
    const known = await get(reader, "/api/agreements/okayama-wake?date=2020-04-01&knownAt=2025-03-01");
    expect(known.headers.get("etag")).toBeNull();
  });

  it("Given knownAt before the amendment was recorded, When the 適用日 of the amendment is asked, Then the answer is the text recorded then", async () => {
    const now = await body(await get(reader, "/api/agreements/okayama-wake?date=2025-04-01"));
    const then = await body(await get(reader, "/api/agreements/okayama-wake?date=2025-04-01&knownAt=2025-03-01T00:02:00Z"));
    expect(now.root).toBe(k.asOf("okayama-wake", "2025-04-01").root);
    expect(then.root).toBe(k.asOf("okayama-wake", "2025-04-01", { knownAt: "2025-03-01T00:02:00Z" }).root);
    expect(then.root).not.toBe(now.root);
    expect(then.knownAt).toBe("2025-03-01T00:02:00.000Z");
  });

  it("GET …/history, …/events and …/timeline answer as the engine", async () => {
    const h = await body(await get(reader, "/api/agreements/okayama-wake/history"));
    expect(h).toEqual(JSON.parse(JSON.stringify({ agreementId: "okayama-wake", entries: k.history("okayama-wake") })));
    const e = await body(await get(reader, "/api/agreements/okayama-wake/events"));
    expect((e.events as unknown[]).length).toBe(k.events("okayama-wake").length);
    const t = await body(await get(reader, "/api/agreements/okayama-wake/timeline"));
    const versions = t.versions as { interval: { from: string }; root: string }[];
    expect(versions.map((v) => v.interval.from)).toEqual(["2016-10-11", "2025-04-01"]);
    expect(versions.map((v) => v.root)).toEqual(k.timeline("okayama-wake").versions.map((v) => v.root));
    const html = await get(reader, "/api/agreements/okayama-wake/timeline?format=html");
    expect(html.headers.get("content-type")).toMatch(/^text\/html/u);
    expect(await html.text()).toContain("<!DOCTYPE html>");
  });

  it("GET …/diff gives the change list and JSON Patch, the patch alone, and the 新旧対照表 as html, md and text", async () => {
    const q = "from=令和7年3月31日&to=2025-04-01";
    const d = await body(await get(reader, `/api/agreements/okayama-wake/diff?${q}`));
    expect(d).toEqual(JSON.parse(JSON.stringify(k.diff("okayama-wake", "2025-03-31", "2025-04-01"))));
    expect((d.changes as unknown[]).length).toBeGreaterThan(0);
    const patch = await body(await get(reader, `/api/agreements/okayama-wake/diff?${q}&format=patch`));
    expect(patch).toEqual(d.patch);
    const html = await get(reader, `/api/agreements/okayama-wake/diff?${q}&format=html`);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/u);
    const page = await html.text();
    expect(page).toContain("新旧対照表");
    expect(page).toContain('<u class="changed">');
    const md = await get(reader, `/api/agreements/okayama-wake/diff?${q}&format=md`);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/u);
    expect(await md.text()).toMatch(/^# 新旧対照表/u);
    const text = await (await get(reader, `/api/agreements/okayama-wake/diff?${q}&format=text`)).text();
    expect(text).toContain("改正後");
    expect(text).toContain("【");
  });

  it("GET /api/search, /api/in-force, …/audit and /api/verify answer as the CLI's reads", async () => {
    const s = await body(await get(reader, `/api/search?q=ESD&date=${encodeURIComponent("令和2年4月1日")}`));
    expect(s).toEqual(JSON.parse(JSON.stringify({ text: "ESD", on: "2020-04-01", hits: k.search("ESD", { on: "2020-04-01" }) })));
    expect((s.hits as unknown[]).length).toBeGreaterThan(0);
    const f = await body(await get(reader, "/api/in-force?date=2020-04-01&party=和気町"));
    expect((f.agreements as { agreementId: string }[]).map((a) => a.agreementId)).toEqual(["okayama-wake"]);
    const none = await body(await get(reader, "/api/in-force?date=2000-01-01"));
    expect(none.agreements).toEqual([]);
    const a = await body(await get(reader, "/api/agreements/okayama-wake/audit"));
    expect(a.agreementId).toBe("okayama-wake");
    expect((a.events as { hash: string }[]).map((e) => e.hash)).toEqual(k.events("okayama-wake").map((e) => e.hash));
    const md = await get(reader, "/api/agreements/okayama-wake/audit?format=md");
    expect(await md.text()).toMatch(/^# 監査報告 — okayama-wake/u);
    const v = await body(await get(reader, "/api/verify"));
    expect(v.ok).toBe(true);
    expect(v.events).toBe(k.verify().events);
  });
});

describe("validation and errors", () => {
  it("Given a date that does not exist in its era, When asked, Then 400 input.invalid names the field and the date code", async () => {
    const r = await get(reader, `/api/agreements/okayama-wake?date=${encodeURIComponent("平成31年5月1日")}`);
    expect(r.status).toBe(400);
    const p = await problemOf(r);
    expect(p.code).toBe("input.invalid");
    expect(p.issues?.[0]).toMatchObject({ code: "date.not-in-era", location: { field: "date", in: "query", date: "平成31年5月1日" } });
    expect(p.detail).toContain("平成31年5月1日");
  });

  it("Given a bad knownAt, a bad format and from after to, When asked, Then each is a 400 naming its field", async () => {
    const k1 = await problemOf(await get(reader, "/api/agreements/okayama-wake?knownAt=yesterday"));
    expect(k1.issues?.[0]?.location.field).toBe("knownAt");
    const f = await problemOf(await get(reader, "/api/agreements/okayama-wake/diff?from=2020-04-01&to=2025-04-01&format=xml"));
    expect(f.issues?.[0]?.location.field).toBe("format");
    const order = await problemOf(await get(reader, "/api/agreements/okayama-wake/diff?from=2025-04-01&to=2020-04-01"));
    expect(order).toMatchObject({ status: 400, code: "input.invalid" });
    expect(order.issues?.[0]).toMatchObject({ code: "input.from-after-to", location: { field: "from" } });
    const missing = await problemOf(await get(reader, "/api/agreements/okayama-wake/diff?from=2025-04-01"));
    expect(missing.issues?.[0]?.location.field).toBe("to");
  });

  it("Given an unknown agreement or route, When asked, Then 404 with not-found.agreement / not-found.route", async () => {
    const a = await problemOf(await get(reader, "/api/agreements/no-such-agreement"));
    expect(a).toMatchObject({ status: 404, code: "not-found.agreement" });
    for (const path of ["history", "timeline", "audit", "events", "diff?from=2020-01-01&to=2021-01-01"]) {
      expect((await problemOf(await get(reader, `/api/agreements/no-such-agreement/${path}`))).code).toBe("not-found.agreement");
    }
    expect((await problemOf(await get(reader, "/api/nothing-here"))).code).toBe("not-found.route");
  });
});

describe("writes and the token", () => {
  const importPath = (id: string, q = ""): string => `/api/agreements/${encodeURIComponent(id)}/import?name=${SEED_DRAFT}${q}`;

  it("Given a server started without a token, When anything is written, Then 403 auth.writes-disabled and nothing is recorded", async () => {
    const before = k.events("okayama-wake").length;
    const r = await post(reader, importPath("okayama-bizen"), seedText(SEED_DRAFT), textHeaders);
    expect(await problemOf(r)).toMatchObject({ status: 403, code: "auth.writes-disabled" });
    const rr = await post(reader, "/api/agreements/okayama-wake/events/1/resolve", JSON.stringify({ resolutions: { 岡山市: "2016-09-30" } }), jsonHeaders);
    expect(rr.status).toBe(403);
    expect(k.events("okayama-wake").length).toBe(before);
  });

  it("Given a server with a token, When a write comes without it or with a wrong one, Then 401 with a Bearer challenge", async () => {
    const none = await post(writer, importPath("okayama-bizen"), seedText(SEED_DRAFT), { "content-type": "text/plain" });
    expect(await problemOf(none)).toMatchObject({ status: 401, code: "auth.unauthorized" });
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/u);
    const wrong = await post(writer, importPath("okayama-bizen"), seedText(SEED_DRAFT), { "content-type": "text/plain", authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
  });

  it("Given the token, When the draft 変更連携協約書 is imported, Then 201 recorded as a draft; again, 200 duplicate", async () => {
    const r = await post(writer, importPath("okayama-bizen"), seedText(SEED_DRAFT), textHeaders);
    expect(r.status).toBe(201);
    const a = await body(r);
    expect(a).toMatchObject({ agreementId: "okayama-bizen", status: "recorded", seq: 1, kind: "amend", draft: true, eventStatus: "draft" });
    const again = await post(writer, importPath("okayama-bizen"), seedText(SEED_DRAFT), textHeaders);
    expect(again.status).toBe(200);
    expect(await body(again)).toMatchObject({ status: "duplicate", seq: 1 });
    const hist = await body(await get(writer, "/api/agreements/okayama-bizen/history"));
    expect((hist.entries as { recordedBy: string }[])[0]?.recordedBy).toBe("api-test");
  });

  it("Given the same text recorded in one agreement, When imported into another, Then 409 source.recorded-elsewhere", async () => {
    const r = await post(writer, importPath("somewhere-else"), seedText(SEED_DRAFT), textHeaders);
    expect(await problemOf(r)).toMatchObject({ status: 409, code: "source.recorded-elsewhere" });
  });

  it("Given a stale expectedVersion, When imported, Then 409 concurrency.conflict and nothing is written", async () => {
    const r = await post(writer, `/api/agreements/okayama-nagi/import?name=${SEED_CONCLUDE}&expectedVersion=3`, seedText(SEED_CONCLUDE).replace("和気町", "奈義町"), textHeaders);
    expect(await problemOf(r)).toMatchObject({ status: 409, code: "concurrency.conflict" });
    expect((await get(writer, "/api/agreements/okayama-nagi")).status).toBe(404);
  });

  it("Given a 議決日 after the 締結日, When the draft is ratified, Then 422 rule.violation with the located issue; with right dates 201 ratified", async () => {
    const bad = await post(writer, "/api/agreements/okayama-bizen/events/1/ratify", JSON.stringify({ signedOn: "令和7年3月28日", resolutions: { 岡山市: "2025-03-18", 備前市: "2025-03-29" } }), jsonHeaders);
    const p = await problemOf(bad);
    expect(p).toMatchObject({ status: 422, code: "rule.violation" });
    expect(p.issues?.some((i) => i.location.party === "備前市")).toBe(true);
    const stale = await post(writer, "/api/agreements/okayama-bizen/events/1/ratify", JSON.stringify({ signedOn: "2025-03-28", expectedVersion: 0 }), jsonHeaders);
    expect((await problemOf(stale)).code).toBe("concurrency.conflict");
    const good = await post(writer, "/api/agreements/okayama-bizen/events/1/ratify", JSON.stringify({ signedOn: "令和7年3月28日", resolutions: { 岡山市: "2025-03-18", "備 前 市": "2025-03-21" }, expectedVersion: 1 }), jsonHeaders);
    expect(good.status).toBe(201);
    const g = await body(good);
    expect(g).toMatchObject({ agreementId: "okayama-bizen", duplicate: false, target: { seq: 1, status: "ratified", missingResolutions: [] } });
    const inForce = await body(await get(writer, "/api/agreements/okayama-bizen?date=2025-04-01"));
    expect(inForce.inForce).toBe(true);
  });

  it("Given 議決日 learnt later, When resolved, Then 201 and the history shows them; an unknown event is 404 not-found.event", async () => {
    const r = await post(writer, "/api/agreements/okayama-wake/events/1/resolve", JSON.stringify({ resolutions: { 和気町: "平成28年9月28日" } }), jsonHeaders);
    expect(r.status).toBe(201);
    expect(await body(r)).toMatchObject({ target: { seq: 1, dates: { resolutions: { 和気町: "2016-09-28" } } } });
    const missing = await post(writer, "/api/agreements/okayama-wake/events/99/resolve", JSON.stringify({ resolutions: { 和気町: "2016-09-28" } }), jsonHeaders);
    expect(await problemOf(missing)).toMatchObject({ status: 404, code: "not-found.event" });
    const stranger = await post(writer, "/api/agreements/okayama-wake/events/1/resolve", JSON.stringify({ resolutions: { 奈義町: "2016-09-28" } }), jsonHeaders);
    const sp = await problemOf(stranger);
    expect(sp).toMatchObject({ status: 400, code: "input.invalid" });
    expect(sp.issues?.[0]?.location).toMatchObject({ field: "resolutions.奈義町", party: "奈義町" });
  });

  it("Given malformed write bodies, When posted, Then 400 (unknown field, bad date, ambiguous encoding) or 415 (not a document type)", async () => {
    const extra = await problemOf(await post(writer, "/api/agreements/okayama-wake/events/1/resolve", JSON.stringify({ resolutions: { 和気町: "2016-09-28" }, sneaky: 1 }), jsonHeaders));
    expect(extra.status).toBe(400);
    const date = await problemOf(await post(writer, "/api/agreements/okayama-wake/events/1/resolve", JSON.stringify({ resolutions: { 和気町: "平成28年2月30日" } }), jsonHeaders));
    expect(date.issues?.[0]).toMatchObject({ code: "date.invalid-day", location: { in: "body" } });
    const notJson = await post(writer, "/api/agreements/okayama-wake/events/1/resolve", "{", jsonHeaders);
    expect(notJson.status).toBe(400);
    const type = await problemOf(await post(writer, importPath("okayama-bizen"), JSON.stringify({ text: "x" }), jsonHeaders));
    expect(type).toMatchObject({ status: 415, code: "input.unsupported-media-type" });
    // E8 A1 reads as a kanji in Shift_JIS and in EUC-JP alike: refused, naming both.
    const both = await problemOf(await fetch(new URL(importPath("x-y"), writer.url), { method: "POST", body: new Uint8Array([0xe8, 0xa1, 0xe8, 0xa1]), headers: textHeaders }));
    expect(both).toMatchObject({ status: 400, code: "input.invalid" });
    expect(both.issues?.[0]).toMatchObject({ code: "format.encoding-ambiguous", location: { in: "body" } });
    expect(both.detail).toMatch(/Shift_JIS（CP932）とEUC-JPのどちらとしても読めます/u);
    const notAgreement = await problemOf(await post(writer, importPath("x-y"), "これは協約書ではありません。\n", textHeaders));
    // Refused by the parser (400) or by the engine's rules (422) — located, and nothing written.
    expect(["input.invalid", "rule.violation"]).toContain(notAgreement.code);
    expect(notAgreement.issues?.length).toBeGreaterThan(0);
    expect((await get(writer, "/api/agreements/x-y")).status).toBe(404);
  });

  it("Given ratify or resolve with a body that is not JSON by its Content-Type, When posted, Then 415 input.unsupported-media-type (not 400 input.invalid)", async () => {
    for (const action of ["resolve", "ratify"]) {
      const form = await problemOf(await post(writer, `/api/agreements/okayama-wake/events/1/${action}`, JSON.stringify({ resolutions: {} }), { ...auth, "content-type": "application/x-www-form-urlencoded" }));
      expect(form).toMatchObject({ status: 415, code: "input.unsupported-media-type" });
      expect(form.detail).toContain("application/json");
    }
  });

  it("Given a body with an unknown member, When posted, Then the issue names that member as the field at fault", async () => {
    const p = await problemOf(await post(writer, "/api/agreements/okayama-wake/events/1/resolve", JSON.stringify({ resolutions: { 和気町: "2016-09-28" }, sneaky: 1 }), jsonHeaders));
    expect(p.issues?.[0]).toMatchObject({ code: "input.unrecognized_keys", location: { field: "sneaky", in: "body" } });
    expect(p.detail).toMatch(/^sneaky: /u);
  });

  it("Given a body over 2 MiB, When imported, Then 413 input.too-large", async () => {
    const big = "あ".repeat(Math.ceil((2 * 1024 * 1024 + 10) / 3));
    const r = await post(writer, importPath("okayama-big"), big, textHeaders);
    expect(await problemOf(r)).toMatchObject({ status: 413, code: "input.too-large" });
  });
});

describe("/openapi.json", () => {
  it("Given the document, When parsed, Then it is OpenAPI 3.x, lists every route with its method, and every $ref resolves", async () => {
    const r = await get(reader, "/openapi.json");
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[]; security?: unknown[] }>>; components: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/u);
    expect(doc.info.title).toBeTruthy();
    expect(API_ROUTES.length).toBe(15);
    for (const route of API_ROUTES) {
      const op = doc.paths[route.path]?.[route.method];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(op!.responses ?? {}).length).toBeGreaterThan(0);
      for (const name of route.path.match(/\{(\w+)\}/gu) ?? []) {
        expect(op!.parameters?.some((p) => p.in === "path" && `{${p.name}}` === name), `${route.path} ${name}`).toBe(true);
      }
      // Writes need the token; a draft (POST …/draft) writes nothing and needs none.
      if (route.method === "post") expect(op!.security).toEqual(route.path.endsWith("/draft") ? undefined : [{ bearer: [] }]);
      // Any route may be refused for its Host (421), its headers (431) or a spent budget / busy store (503).
      expect(Object.keys(op!.responses ?? {}), `${route.method} ${route.path}`).toEqual(expect.arrayContaining(["421", "431", "503"]));
    }
    expect(doc.components.securitySchemes?.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const refs = JSON.stringify(doc).match(/"\$ref":"([^"]+)"/gu) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)"/u.exec(ref)?.[1];
      expect(name && doc.components.schemas?.[name], ref).toBeTruthy();
    }
    // Every answer a write can give is described: 415 for a body of the wrong type, 200 for a duplicate.
    for (const path of ["/api/agreements/{id}/import", "/api/agreements/{id}/events/{seq}/ratify", "/api/agreements/{id}/events/{seq}/resolve"]) {
      expect(Object.keys(doc.paths[path]!.post!.responses ?? {}), path).toEqual(expect.arrayContaining(["200", "201", "400", "401", "403", "404", "409", "413", "415", "422"]));
    }
    const asOf = doc.paths["/api/agreements/{id}"]!.get!;
    expect(asOf.parameters?.map((p) => p.name).sort()).toEqual(["date", "drafts", "id", "knownAt"]);
  });
});
