/**
 * The viewer's pages without a browser (app.request): they work as plain links and forms
 * (no script needed), escape every text from the record, and answer mistakes with a page
 * that says what is wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { createApp } from "@kyoyaku/server";
import { parseText } from "@kyoyaku/text";
import { SEED_CONCLUDE, seedDatabase, seedText, tempDir } from "./fixture.js";

const tmp = tempDir();
let k: Kyoyaku;
let app: ReturnType<typeof createApp>;
const EVIL_ID = 'evil"<b>';
const EVIL_NAME = '<script>alert("x")</script>';

const page = async (path: string): Promise<{ status: number; html: string; type: string | null; csp: string | null }> => {
  const r = await app.request(path);
  return { status: r.status, html: await r.text(), type: r.headers.get("content-type"), csp: r.headers.get("content-security-policy") };
};

beforeAll(() => {
  const db = join(tmp.dir, "kyoyaku.db");
  seedDatabase(db, { ratified: true });
  k = openKyoyaku({ path: db });
  // A text whose 取組 name and agreement id are markup: the viewer must show them as text.
  const text = seedText(SEED_CONCLUDE).replace("圏域全体の戦略的な産業振興に向けた仕組みの構築", EVIL_NAME);
  const parsed = parseText(text, { file: "evil.txt" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  k.record({ agreementId: EVIL_ID, event: parsed.value.event, recordedBy: "<i>tester</i>" });
  app = createApp({ engine: k });
});

afterAll(() => {
  k?.close();
  tmp.remove();
});

describe("viewer pages", () => {
  it("Given the list, When opened, Then every agreement is a link, and the page is Japanese HTML under a strict CSP", async () => {
    const p = await page("/");
    expect(p.status).toBe(200);
    expect(p.type).toMatch(/^text\/html/u);
    expect(p.html).toContain('<html lang="ja">');
    expect(p.html).toContain('href="/agreements/okayama-wake"');
    expect(p.csp).toContain("script-src 'self'");
    expect(p.csp).not.toContain("unsafe-inline");
  });

  it("Given markup in a 取組 name, an agreement id and recorded-by, When every page shows them, Then they are escaped", async () => {
    const id = encodeURIComponent(EVIL_ID);
    for (const path of ["/", `/agreements/${id}?date=2020-04-01`, `/agreements/${id}/timeline`, `/agreements/${id}/audit`, `/agreements/${id}/diff`, `/agreements/${id}/draft`, `/search?q=alert&date=2020-04-01`]) {
      const p = await page(path);
      expect(p.status, path).toBe(200);
      expect(p.html, path).not.toContain("<script>alert");
      expect(p.html, path).not.toContain("<b>");
      expect(p.html, path).not.toContain("<i>tester");
    }
    const text = await page(`/agreements/${id}?date=2020-04-01`);
    expect(text.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(text.html).toContain("evil&quot;&lt;b&gt;");
  });

  it("Given no script, When the slider's form or the date form is sent, Then the page reads that day (day= epoch days, date= wareki or ISO)", async () => {
    const day = Math.round(Date.parse("2020-04-01T00:00:00Z") / 86_400_000);
    const bySlider = await page(`/agreements/okayama-wake?day=${day}`);
    expect(bySlider.html).toContain('data-date="2020-04-01"');
    const byWareki = await page(`/agreements/okayama-wake?date=${encodeURIComponent("令和2年4月1日")}`);
    expect(byWareki.html).toContain('data-date="2020-04-01"');
    expect(byWareki.html).toContain('<time datetime="2020-04-01">令和2年4月1日<span class="iso">（2020-04-01）</span></time>');
    // The slider's form and the date form submit with GET to the page itself.
    expect(byWareki.html).toMatch(/<form method="get" action="\/agreements\/okayama-wake" class="slider-form">/u);
    const fragment = await page("/agreements/okayama-wake/text?date=2020-04-01");
    expect(fragment.html.startsWith('<section id="reading" data-date="2020-04-01"')).toBe(true);
  });

  it("Given a date before the first 適用日, with drafts excluded, and with knownAt, When read, Then each state is said plainly in Japanese", async () => {
    const before = await page("/agreements/okayama-wake?date=2000-01-01");
    expect(before.html).toContain("この日付に効力のある本文はありません");
    const bizen = parseText(seedText("001_6d3949d91c26715e.txt"), { file: "001.txt" });
    if (!bizen.ok) throw new Error("seed 2");
    k.record({ agreementId: "okayama-bizen", event: bizen.value.event, recordedBy: "法規担当" });
    const draft = await page("/agreements/okayama-bizen?date=2025-04-01");
    expect(draft.html).toContain("未確定の案（#1 変更）は、この本文に反映していません");
    const applied = await page("/agreements/okayama-bizen?date=2025-04-01&drafts=1");
    expect(applied.html).toContain("仮定の表示です。");
    expect(applied.html).toContain("未確定の案（#1 変更）を、確定したものとして反映しています");
    expect(applied.html).toContain("次の部分は本文が記録されていません");
    const known = await page("/agreements/okayama-wake?date=2025-04-01&knownAt=2025-03-01T00:02:00Z");
    expect(known.html).toContain("2025-03-01 09:02:00（日本時間） までに記録された内容");
  });

  it("Given mistakes, When a page is asked, Then the form says what is wrong (400) or an error page names the code (404)", async () => {
    const bad = await page(`/agreements/okayama-wake?date=${encodeURIComponent("平成31年5月1日")}`);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('<li data-field="date">');
    expect(bad.html).toContain("平成31年5月1日");
    const order = await page("/agreements/okayama-wake/diff?from=2025-04-01&to=2020-04-01");
    expect(order.status).toBe(400);
    expect(order.html).toContain('data-field="from"');
    const missing = await page("/agreements/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("not-found.agreement");
    const route = await page("/no/such/page");
    expect(route.status).toBe(404);
  });

  it("Given a date that cannot be read, When each date field is sent, Then the message names the field and quotes the text once", async () => {
    const errorsOf = (html: string): string => /<div class="form-errors"[\s\S]*?<\/div>/u.exec(html)?.[0] ?? "";
    const cases: [string, string, string][] = [
      ["/agreements/okayama-wake?date=nonsense", "date", "日付: 「nonsense」"],
      ["/agreements/okayama-wake?date=2025-04-01&knownAt=nonsense", "knownAt", "記録時点: 「nonsense」"],
      ["/agreements/okayama-wake/diff?from=nonsense&to=2025-04-01", "from", "改正前の日付: 「nonsense」"],
      ["/agreements/okayama-wake/diff?from=2025-03-31&to=nonsense", "to", "改正後の日付: 「nonsense」"],
    ];
    for (const [path, field, text] of cases) {
      const p = await page(path);
      expect(p.status, path).toBe(400);
      const errors = errorsOf(p.html);
      expect(errors, path).toContain(`data-field="${field}"`);
      expect(errors, path).toContain(text);
      expect(errors.split("nonsense").length - 1, path).toBe(1);
    }
  });

  it("Given a date it cannot read, When the text page is asked, Then it shows the error and no text (today's text would be taken for the date asked)", async () => {
    const good = await page("/agreements/okayama-wake?date=2025-04-01");
    expect(good.html).toContain("第1条");
    for (const bad of ["nonsense", "令和2年2月30日", "平成31年5月1日"]) {
      const p = await page(`/agreements/okayama-wake?date=${encodeURIComponent(bad)}`);
      expect(p.status, bad).toBe(400);
      expect(p.html, bad).toContain('class="form-errors"');
      expect(p.html, bad).toContain(bad);
      expect(p.html, bad).not.toContain("第1条");
      expect(p.html, bad).not.toMatch(/<title>[^<]*\d{4}-\d{2}-\d{2}/u);
    }
    // The slider's label names no day either: today under the error would be taken for the date asked.
    expect((await page("/agreements/okayama-wake?date=nonsense")).html).toContain('<output for="day" id="day-label">—</output>');
    const slider = await page("/agreements/okayama-wake?day=99999999");
    expect(slider.status).toBe(400);
    expect(slider.html).toContain("スライダーの範囲の日ではない");
    expect(slider.html).not.toContain("第1条");
  });

  it("Given a date or instant it cannot read, When the list, timeline or audit page is asked, Then it shows the error alone — not the whole list, a time axis marked at today, or the report of every record", async () => {
    const errorsOf = (html: string): string => /<div class="form-errors"[\s\S]*?<\/div>/u.exec(html)?.[0] ?? "";
    const list = await page(`/?date=${encodeURIComponent("令和2年2月30日")}`);
    expect(list.status).toBe(400);
    expect(errorsOf(list.html)).toContain("令和2年2月30日");
    expect(list.html).not.toContain('class="agreements"');
    expect(list.html).not.toContain("/agreements/okayama-wake");
    expect((await page("/?date=2020-04-01")).html).toContain("/agreements/okayama-wake");
    for (const path of ["/agreements/okayama-wake/timeline?date=nonsense", "/agreements/okayama-wake/timeline?knownAt=nonsense"]) {
      const p = await page(path);
      expect(p.status, path).toBe(400);
      expect(errorsOf(p.html), path).toContain("nonsense");
      expect(p.html, path).not.toContain("time-axis-figure");
      expect(p.html, path).not.toContain('class="events"');
    }
    expect((await page("/agreements/okayama-wake/timeline?date=2020-04-01")).html).toContain('class="events"');
    const audit = await page("/agreements/okayama-wake/audit?knownAt=nonsense");
    expect(audit.status).toBe(400);
    expect(errorsOf(audit.html)).toContain("記録時点: 「nonsense」");
    expect(audit.html).not.toContain("audit-report");
    expect(audit.html).not.toContain("記録時点: 現在（すべての記録）");
    const good = await page("/agreements/okayama-wake/audit?knownAt=2030-01-01");
    expect(good.status).toBe(200);
    expect(good.html).toContain("audit-report");
  });

  it("Given a search of 201 characters, or a date padded past 40, When sent, Then the form refuses it (400) as the API does — never read cut short", async () => {
    const errorsOf = (html: string): string => /<div class="form-errors"[\s\S]*?<\/div>/u.exec(html)?.[0] ?? "";
    const long = "子育て".repeat(67); // 201 characters
    const search = await page(`/search?q=${encodeURIComponent(long)}&date=2020-04-01`);
    expect(search.status).toBe(400);
    expect(errorsOf(search.html)).toContain('data-field="q"');
    expect(errorsOf(search.html)).toContain("200字まで");
    expect(search.html).not.toContain("件（"); // no results for a question not asked
    const api = await app.request(`/api/search?q=${encodeURIComponent(long)}&date=2020-04-01`);
    expect(api.status).toBe(400);
    expect((await page(`/search?q=${encodeURIComponent(long.slice(0, 200))}&date=2020-04-01`)).status).toBe(200);
    // A valid date, then 30 spaces and junk: the first 40 characters alone would read as the date.
    const padded = encodeURIComponent(`2020-04-01${" ".repeat(30)}junk`);
    for (const [path, field] of [[`/agreements/okayama-wake?date=${padded}`, "date"], [`/agreements/okayama-wake/diff?from=${padded}&to=2025-04-01`, "from"], [`/agreements/okayama-wake?knownAt=${encodeURIComponent(`2025-03-01${" ".repeat(50)}junk`)}`, "knownAt"]] as const) {
      const p = await page(path);
      expect(p.status, path).toBe(400);
      expect(errorsOf(p.html), path).toContain(`data-field="${field}"`);
    }
  });

  it("Given any page, When its head is read, Then it names an icon inline, so a browser does not ask for /favicon.ico (a 404 in every console)", async () => {
    expect((await page("/")).html).toContain('<link rel="icon" href="data:,">');
  });

  it("Given the stylesheet, When read, Then it sets Japanese type (font stack, line-height, strict line breaks) and prints on A4 without navigation, the 新旧対照表 landscape", async () => {
    const css = await page("/assets/viewer.css");
    expect(css.type).toMatch(/^text\/css/u);
    expect(css.html).toMatch(/"Noto Sans CJK JP"/u);
    expect(css.html).toMatch(/line-height: 1\.8;/u);
    expect(css.html).toMatch(/line-break: strict;/u);
    expect(css.html).toMatch(/@page \{ size: A4;/u);
    expect(css.html).toMatch(/@page landscape \{ size: A4 landscape;/u);
    expect(css.html).toMatch(/\.page-diff main \{ page: landscape; \}/u);
  });
});

describe("a draft 廃止 as a what-if", () => {
  const own = tempDir();
  let engine: Kyoyaku;
  let viewer: ReturnType<typeof createApp>;

  beforeAll(() => {
    const db = join(own.dir, "kyoyaku.db");
    seedDatabase(db, { ratified: true });
    engine = openKyoyaku({ path: db });
    const name = "16_abolish.txt";
    const parsed = parseText(readFileSync(fileURLToPath(new URL(`../fixtures/amendments/${name}`, import.meta.url)), "utf8"), { file: name });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    engine.record({ agreementId: "okayama-wake", event: parsed.value.event, recordedBy: "法規担当" });
    viewer = createApp({ engine });
  });

  afterAll(() => {
    engine?.close();
    own.remove();
  });

  it("Given a pending draft 廃止, When the text is read with drafts applied after its 適用日, Then the page says it is a what-if (not in force only because of a draft) and links to the record as it stands", async () => {
    const after = "2026-04-01";
    const answer = engine.asOf("okayama-wake", after, { withDrafts: true });
    expect(answer.inForce).toBe(false);
    const r = await viewer.request(`/agreements/okayama-wake?date=${after}&drafts=1`);
    const text = await r.text();
    expect(r.status).toBe(200);
    expect(text).toContain('class="flag drafts-applied"');
    expect(text).toContain("仮定の");
    expect(text).toContain(`href="/agreements/okayama-wake?date=${after}"`);
    expect(text).toContain("#4 廃止");
    // Without drafts, the same day is in force and the draft is named as not applied.
    const plain = await (await viewer.request(`/agreements/okayama-wake?date=${after}`)).text();
    expect(plain).toContain('class="flag drafts-excluded"');
    expect(plain).not.toContain('class="flag drafts-applied"');
  });
});
