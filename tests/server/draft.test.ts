/**
 * Drafting over HTTP (issue 15): POST /api/agreements/{id}/draft takes the whole new text and
 * answers the 変更連携協約書 and its 新旧対照表; nothing is written, no token is needed, and the
 * limits of other heavy routes hold (body size, time budget, Host). The viewer's drafting page
 * is tested in viewer.test.ts.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyOperation, canonicalJson, openKyoyaku, type AgreementDocument, type Kyoyaku } from "@kyoyaku/core";
import { createApp, serve, type RunningServer } from "@kyoyaku/server";
import { parseAgreement, parseAmendment, parseText, renderDocument } from "@kyoyaku/text";
import { encode } from "../formats/make.js";
import { seedDatabase, tempDir } from "./fixture.js";

const tmp = tempDir();
const ID = "okayama-wake";
let server: RunningServer; // read-only (no token), heavy requests in workers
let tight: RunningServer; // a 1 ms time budget
let k: Kyoyaku;
let inForce: string; // the text in force on 2025-03-31, as the viewer prefills it

const post = (s: RunningServer, path: string, body: string, type = "text/plain; charset=utf-8"): Promise<Response> =>
  fetch(new URL(path, s.url), { method: "POST", body, headers: { "content-type": type } });

async function problemOf(r: Response): Promise<{ status: number; code: string; detail: string; issues?: { code: string; location: Record<string, unknown> }[] }> {
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/u);
  const p = (await r.json()) as { status: number; code: string; detail: string; issues?: { code: string; location: Record<string, unknown> }[] };
  expect(p.status).toBe(r.status);
  return p;
}

/** The posted text with 第5条's 「毎年度会議」 made 「毎年度1回以上会議」. */
const edited = (): string => inForce.replace("毎年度会議", "毎年度1回以上会議");

beforeAll(async () => {
  const db = join(tmp.dir, "kyoyaku.db");
  seedDatabase(db, { ratified: true });
  server = await serve({ db, port: 0 });
  tight = await serve({ db, port: 0, work: { timeBudgetMs: 1, workers: 1 } });
  k = openKyoyaku({ path: db, readonly: true });
  inForce = renderDocument(k.asOf(ID, "2025-03-31").document!);
});

afterAll(async () => {
  await server?.close();
  await tight?.close();
  k?.close();
  tmp.remove();
});

describe("POST /api/agreements/{id}/draft", () => {
  it("Given the edited text (text/plain) and appliesFrom, Then the 改め文 and its 新旧対照表 as JSON — no token, nothing written — and the draft imports to exactly the posted text", async () => {
    const events = k.events(ID).length;
    const r = await post(server, `/api/agreements/${ID}/draft?appliesFrom=${encodeURIComponent("令和7年4月1日")}`, edited());
    expect(r.status).toBe(200);
    const d = (await r.json()) as { appliesFrom: string; style: string; text: string; operations: unknown[]; changes: { address: string }[]; comparison: { text: string; md: string; html: string } };
    expect(d.appliesFrom).toBe("2025-04-01");
    expect(d.style).toBe("kaimebun");
    expect(d.text).toContain("(案)");
    expect(d.text).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
    expect(d.text).toContain("令和7年4月1日から適用する");
    expect(d.changes.map((c) => c.address)).toEqual(["article:5/paragraph:1"]);
    expect(d.comparison.text).toContain("毎年度【1");
    // The law, checked here from outside: the draft's own operations take the base to the posted text.
    const amend = parseText(d.text, { file: "draft.txt", allowDraft: true });
    expect(amend.ok).toBe(true);
    if (!amend.ok || amend.value.kind !== "amend") return;
    let doc: AgreementDocument = k.asOf(ID, "2025-03-31").document!;
    for (const op of amend.value.event.payload.kind === "amend" ? amend.value.event.payload.operations : []) {
      const step = applyOperation(doc, op);
      expect(step.ok).toBe(true);
      if (step.ok) doc = step.value;
    }
    const posted = parseAgreement(edited(), { file: "posted.txt" });
    expect(posted.ok && canonicalJson(doc) === canonicalJson(posted.value)).toBe(true);
    expect(k.events(ID).length).toBe(events);
  });

  it("Given JSON { text, appliesFrom, signedOn, format: text }, Then the 変更連携協約書 as text/plain, signed (not a 案)", async () => {
    const r = await post(server, `/api/agreements/${ID}/draft`, JSON.stringify({ text: edited(), appliesFrom: "2025-04-01", signedOn: "2025-03-25", format: "text" }), "application/json");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/u);
    const text = await r.text();
    expect(text).not.toContain("(案)");
    expect(text).toContain("令和7年3月25日");
    expect(text).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
  });

  it("Given the edited text in Shift_JIS (as a Windows editor saves it), Then it is read as an import reads it and drafted", async () => {
    const r = await fetch(new URL(`/api/agreements/${ID}/draft?appliesFrom=2025-04-01&format=text`, server.url), { method: "POST", body: Buffer.from(encode(edited(), "SJIS")), headers: { "content-type": "text/plain" } });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
  });

  it("Given format=html and a posted text with markup in it, Then one page whose text is escaped and whose one <style> the CSP allows by its hash", async () => {
    const r = await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01&format=html`, inForce.replace("毎年度会議", "毎年度<script>alert(1)</script>会議"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/u);
    const page = await r.text();
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;");
    expect(page).toContain('<pre class="draft">');
    expect(page).toContain("新旧対照表");
    const styles = page.match(/<style>/gu) ?? [];
    expect(styles.length).toBe(1);
    expect(r.headers.get("content-security-policy")).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/u);
    expect(r.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("Given format=md, Then the draft then the 新旧対照表 in Markdown", async () => {
    const r = await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01&format=md`, edited());
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/markdown/u);
    const md = await r.text();
    expect(md.startsWith("# 連携中枢都市圏形成に係る変更連携協約書")).toBe(true);
    expect(md.indexOf("第5条中")).toBeLessThan(md.indexOf("新旧対照表"));
  });

  it("Given a text that is not an agreement, Then 400 input.invalid with the line at fault", async () => {
    const broken = inForce.replace(/^第5条 /mu, "第5条の5の5の ");
    const r = await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01&name=edited.txt`, `${broken}\n第3条 同じ番号の条がもう一度ある。\n`);
    expect(r.status).toBe(400);
    const p = await problemOf(r);
    expect(p.code).toBe("input.invalid");
    expect(p.issues?.length).toBeGreaterThan(0);
    expect(p.issues![0]!.location).toMatchObject({ in: "body", file: "edited.txt" });
    expect(typeof p.issues![0]!.location.line).toBe("number");
  });

  it("Given the text in force unchanged, or a party changed, Then 422 draft.refused with draft.no-change / draft.unsupported-change", async () => {
    const same = await problemOf(await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01`, inForce));
    expect(same.status).toBe(422);
    expect(same.code).toBe("draft.refused");
    expect(same.issues?.map((i) => i.code)).toEqual(["draft.no-change"]);
    const party = await problemOf(await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01`, inForce.replace(/大森 雅夫/gu, "山田 太郎")));
    expect(party.code).toBe("draft.refused");
    expect(party.issues?.[0]?.code).toBe("draft.unsupported-change");
  });

  it("Given style=taishohyo, Then the 新旧対照表方式 draft (the table is the amending text), which imports to exactly the posted text", async () => {
    const r = await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01&style=taishohyo&format=text`, edited());
    expect(r.status, await r.clone().text()).toBe(200);
    const text = await r.text();
    expect(text).toContain("の一部を次の表のように変更する。");
    expect(text).toMatch(/改正後 │ 改正前/u);
    const base = k.asOf(ID, "2025-03-31").document!;
    const imported = parseAmendment(text, { base, file: "table.txt" });
    expect(imported.ok, JSON.stringify(imported.issues)).toBe(true);
  });

  it("Given no appliesFrom, a date that does not exist, or a JSON body without text, Then 400 naming the field", async () => {
    const none = await problemOf(await post(server, `/api/agreements/${ID}/draft`, edited()));
    expect(none.status).toBe(400);
    expect(none.issues?.[0]?.location).toMatchObject({ field: "appliesFrom" });
    const bad = await problemOf(await post(server, `/api/agreements/${ID}/draft?appliesFrom=${encodeURIComponent("平成31年5月1日")}`, edited()));
    expect(bad.issues?.[0]).toMatchObject({ code: "date.not-in-era", location: { field: "appliesFrom", in: "query" } });
    const json = await problemOf(await post(server, `/api/agreements/${ID}/draft`, JSON.stringify({ appliesFrom: "2025-04-01" }), "application/json"));
    expect(json.status).toBe(400);
    expect(json.issues?.some((i) => i.location.field === "text")).toBe(true);
  });

  it("Given an unknown agreement, a body of another type, or a day with nothing in force, Then 404, 415 and 422 draft.no-base", async () => {
    expect((await problemOf(await post(server, "/api/agreements/nowhere/draft?appliesFrom=2025-04-01", edited()))).code).toBe("not-found.agreement");
    const type = await problemOf(await post(server, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01`, edited(), "application/pdf"));
    expect(type.status).toBe(415);
    const early = await problemOf(await post(server, `/api/agreements/${ID}/draft?appliesFrom=2016-10-01`, edited()));
    expect(early.issues?.[0]).toMatchObject({ code: "draft.no-base", location: { date: "2016-09-30" } });
  });

  it("Given the limits of heavy routes: a body over the limit, a 1 ms time budget, a foreign Host, Then 413, 503 with Retry-After, 421", async () => {
    const small = createApp({ engine: k, limits: { maxBodyBytes: 1000 }, allowedHosts: ["127.0.0.1"] });
    const big = await small.request(`http://127.0.0.1/api/agreements/${ID}/draft?appliesFrom=2025-04-01`, { method: "POST", body: edited(), headers: { "content-type": "text/plain", host: "127.0.0.1" } });
    expect(big.status).toBe(413);
    expect((await problemOf(big)).code).toBe("input.too-large");
    const evil = await small.request(`http://evil.example/api/agreements/${ID}/draft?appliesFrom=2025-04-01`, { method: "POST", body: "x", headers: { "content-type": "text/plain", host: "evil.example" } });
    expect(evil.status).toBe(421);
    const slow = await post(tight, `/api/agreements/${ID}/draft?appliesFrom=2025-04-01`, edited());
    expect(slow.status).toBe(503);
    expect(slow.headers.get("retry-after")).toMatch(/^\d+$/u);
    expect((await problemOf(slow)).code).toBe("server.time-budget");
  });
});

describe("the viewer's 改正案 page", () => {
  const form = (fields: Record<string, string>): RequestInit => ({ method: "POST", body: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  const app = (): ReturnType<typeof createApp> => createApp({ engine: k });

  it("Given the agreement's page, Then a 改正案 tab links to a form prefilled with the text in force on the day before the 適用日", async () => {
    const agreement = await (await app().request(`/agreements/${ID}`)).text();
    expect(agreement).toContain(`href="/agreements/${ID}/draft"`);
    const r = await app().request(`/agreements/${ID}/draft?appliesFrom=${encodeURIComponent("令和7年4月1日")}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    const page = await r.text();
    expect(page).toContain('<form method="post" action="/agreements/okayama-wake/draft"');
    expect(page).toContain("2025-03-31");
    // The textarea holds the text in force (escaped as HTML text), which the 2025-04-01 amendment has not yet changed.
    const area = /<textarea[^>]*>([\s\S]*?)<\/textarea>/u.exec(page)?.[1] ?? "";
    expect(area.replace(/&amp;/gu, "&").replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&lt;/gu, "<").replace(/&gt;/gu, ">")).toBe(inForce);
  });

  it("Given the form posted with an edited text (browser line breaks CRLF), Then the draft and the 新旧対照表 on the page, and downloads as text, md and html", async () => {
    const fields = { appliesFrom: "令和7年4月1日", signedOn: "", text: edited().replace(/\n/gu, "\r\n") };
    const r = await app().request(`/agreements/${ID}/draft`, form(fields));
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain('<pre class="draft">');
    expect(page).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
    expect(page).toContain("新旧対照表");
    expect(page).not.toContain("<style>");
    for (const [format, type] of [["text", "text/plain"], ["md", "text/markdown"], ["html", "text/html"]] as const) {
      const d = await app().request(`/agreements/${ID}/draft`, form({ ...fields, download: format }));
      expect(d.status, format).toBe(200);
      expect(d.headers.get("content-type")).toMatch(new RegExp(`^${type}`, "u"));
      expect(d.headers.get("content-disposition")).toMatch(/^attachment; filename="okayama-wake-draft\.(txt|md|html)"; filename\*=UTF-8''/u);
      expect(await d.text()).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
    }
  });

  it("Given a posted text with a line it cannot read, no 適用日, or no change, Then the page says what and where (no download)", async () => {
    const broken = await app().request(`/agreements/${ID}/draft`, form({ appliesFrom: "2025-04-01", signedOn: "", text: `${inForce}\n第3条 同じ番号の条がもう一度ある。\n`, download: "text" }));
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toMatch(/^text\/html/u);
    expect(await broken.text()).toMatch(/本文 \d+行目: /u);
    const noDate = await app().request(`/agreements/${ID}/draft`, form({ appliesFrom: "", signedOn: "", text: edited() }));
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain('data-field="appliesFrom"');
    const same = await app().request(`/agreements/${ID}/draft`, form({ appliesFrom: "2025-04-01", signedOn: "", text: inForce }));
    expect(same.status).toBe(422);
    expect(await same.text()).toContain("draft.no-change");
  });

  it("Given markup in the posted text, Then the page shows it as text", async () => {
    const r = await app().request(`/agreements/${ID}/draft`, form({ appliesFrom: "2025-04-01", signedOn: "", text: inForce.replace("毎年度会議", "毎年度<img src=x onerror=alert(1)>会議") }));
    const page = await r.text();
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x");
  });

  it("Given a server with workers, When the form is posted, Then it is drafted in a worker with no token", async () => {
    const r = await fetch(new URL(`/agreements/${ID}/draft`, server.url), form({ appliesFrom: "2025-04-01", signedOn: "", text: edited() }));
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
  });
});
