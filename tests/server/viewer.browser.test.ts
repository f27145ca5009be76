/// <reference lib="dom" />
/**
 * The web viewer in a real browser: Chromium (tests/browser.ts finds it) driven by playwright-core, against a
 * real server on 127.0.0.1 over the seeded database. Pick an agreement, move the date slider
 * and type a wareki date and check the text shown is the engine's as-of answer, open the
 * 新旧対照表 and find the known changed 取組 marked, open the timeline and the audit view,
 * and take screenshots (tests/server/screenshots/, not tracked).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openKyoyaku, type AgreementDocument, type Kyoyaku } from "@kyoyaku/core";
import { serve, type RunningServer } from "@kyoyaku/server";
import { CHROMIUM_ARGS, chromiumPath } from "../browser.js";
import { seedDatabase, tempDir } from "./fixture.js";

const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));
const CHANGED = "appendix:1/section:I/item:地域資源を活かした商品や農産物の販路開拓・拡大";

const tmp = tempDir();
let server: RunningServer;
let k: Kyoyaku;
let context: BrowserContext;
let page: Page;
let profile: string;

const epochDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** What the engine says is in force: each article's and each 取組's text, as the page should show them. */
function expected(doc: AgreementDocument): { articles: string[]; items: string[] } {
  return {
    articles: doc.articles.map((a) => a.paragraphs.map((p) => p.text).join("")),
    items: doc.appendices.flatMap((a) => a.sections.flatMap((s) => s.items.map((i) => i.name))),
  };
}

/** What the page shows in #reading. */
async function shown(p: Page): Promise<{ date: string | null; articles: string[]; items: string[] }> {
  return p.evaluate(() => {
    const reading = document.getElementById("reading");
    return {
      date: reading?.getAttribute("data-date") ?? null,
      articles: Array.from(document.querySelectorAll("#reading .article")).map((a) =>
        Array.from(a.querySelectorAll(".paragraph > p .text")).map((t) => t.textContent ?? "").join("")),
      items: Array.from(document.querySelectorAll("#reading table.torikumi caption")).map((c) => c.textContent ?? ""),
    };
  });
}

beforeAll(async () => {
  const executablePath = chromiumPath();
  const db = join(tmp.dir, "kyoyaku.db");
  seedDatabase(db, { ratified: true });
  server = await serve({ db, port: 0 });
  k = openKyoyaku({ path: db, readonly: true });
  profile = mkdtempSync(join(tmpdir(), "kyoyaku-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  k?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  tmp.remove();
});

describe("the viewer in Chromium", () => {
  it("Given the list, When an agreement is picked and the slider moved to 2020-04-01 and then 2025-04-01, Then the text shown is the engine's as-of answer each time", async () => {
    await page.goto(server.url);
    await page.getByRole("link", { name: "連携中枢都市圏形成に係る連携協約書" }).click();
    await page.waitForURL(/\/agreements\/okayama-wake$/u);
    await page.evaluate(async () => {
      await document.fonts.ready;
    });

    const slider = page.locator("#day");
    await slider.fill(String(epochDay("2020-04-01")));
    await page.waitForSelector('#reading[data-date="2020-04-01"]');
    const old = expected(k.asOf("okayama-wake", "2020-04-01").document!);
    expect(await shown(page)).toEqual({ date: "2020-04-01", ...old });
    expect(old.articles.length).toBe(6);
    await expect.poll(() => page.locator("#day-label").textContent()).toContain("令和2年4月1日");
    expect(page.url()).toContain("date=2020-04-01");

    await slider.fill(String(epochDay("2025-04-01")));
    await page.waitForSelector('#reading[data-date="2025-04-01"]');
    const now = expected(k.asOf("okayama-wake", "2025-04-01").document!);
    expect(await shown(page)).toEqual({ date: "2025-04-01", ...now });
    // The 別表 was replaced on 2025-04-01: what is shown changed with it.
    expect(now.items).not.toEqual(old.items);
    expect(await page.locator("#reading .version").textContent()).toContain("#2 変更");
    await page.screenshot({ path: `${screenshots}viewer-agreement.png`, fullPage: false });
  });

  it("Given the date field, When a wareki date is typed and sent, Then the page reads that day and says so in wareki with ISO beside", async () => {
    await page.fill("#date", "令和2年4月1日");
    await Promise.all([page.waitForURL(/date=/u), page.press("#date", "Enter")]);
    await page.waitForSelector('#reading[data-date="2020-04-01"]');
    expect(await shown(page)).toEqual({ date: "2020-04-01", ...expected(k.asOf("okayama-wake", "2020-04-01").document!) });
    const heading = await page.locator("#reading h2.as-of").textContent();
    expect(heading).toContain("令和2年4月1日");
    expect(heading).toContain("2020-04-01");

    await page.fill("#date", "平成31年5月1日");
    await Promise.all([page.waitForURL(/date=%E5%B9%B3/u), page.press("#date", "Enter")]);
    expect(await page.locator(".form-errors").textContent()).toContain("平成31年5月1日");
  });

  it("Given the 新旧対照表 tab, When 令和7年3月31日 and 令和7年4月1日 are compared, Then the changed 取組 is a marked row, 改正後 left of 改正前", async () => {
    await page.goto(new URL("agreements/okayama-wake", server.url).href);
    await page.getByRole("link", { name: "新旧対照表" }).click();
    await page.fill("#from", "令和7年3月31日");
    await page.fill("#to", "令和7年4月1日");
    await Promise.all([page.waitForURL(/from=/u), page.getByRole("button", { name: "対照表を作る" }).click()]);
    const row = page.locator(`table.comparison tr.change[data-address="${CHANGED}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator("u.changed").count()).toBeGreaterThan(0);
    const after = await row.locator("td.after").boundingBox();
    const before = await row.locator("td.before").boundingBox();
    expect(after!.x).toBeLessThan(before!.x);
    await page.screenshot({ path: `${screenshots}viewer-comparison.png`, fullPage: false });
    // Printed: no navigation or forms.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.site").isVisible()).toBe(false);
    expect(await page.locator(".diff-controls").isVisible()).toBe(false);
    expect(await page.locator("table.comparison").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
  });

  it("Given the 年表 tab, When opened, Then each legal event is a lane with its 議決日, 締結日 and 適用日 marked on the time axis", async () => {
    await page.getByRole("link", { name: "年表" }).click();
    await page.waitForSelector("svg.time-axis");
    const lanes = page.locator("svg.time-axis g.lane");
    expect(await lanes.count()).toBe(2);
    const first = lanes.nth(0);
    expect(await first.locator(".mark.resolution").count()).toBe(2);
    expect(await first.locator(".mark.concluded").count()).toBe(1);
    expect(await first.locator(".mark.applies").count()).toBe(1);
    expect(await first.locator(".mark.concluded title").textContent()).toContain("平成28年10月11日");
    expect(await lanes.nth(1).locator(".mark.applies title").textContent()).toContain("令和7年4月1日");
    expect(await page.locator("table.events tbody tr").count()).toBe(k.history("okayama-wake").length);
    await page.screenshot({ path: `${screenshots}viewer-timeline.png`, fullPage: true });
  });

  it("Given the 監査 tab, When opened, Then the hash chain is verified and the audit report lists every event", async () => {
    await page.getByRole("link", { name: "監査" }).click();
    const status = page.locator(".chain-status");
    expect(await status.getAttribute("data-ok")).toBe("1");
    expect(await status.textContent()).toContain("異常なし");
    expect(await status.locator("code.hash").textContent()).toBe(k.events("okayama-wake").at(-1)!.hash);
    expect(await page.locator(".audit-report h1").textContent()).toContain("監査報告");
    await page.screenshot({ path: `${screenshots}viewer-audit.png`, fullPage: false });
  });

  it("Given the 改正案 tab, When the text in force for 令和7年4月1日 is loaded, edited in the box and sent, Then the draft and its 新旧対照表 are shown, and no CSP report", async () => {
    const blocked: string[] = [];
    const listen = (m: { text(): string }): void => {
      if (/Content Security Policy/iu.test(m.text())) blocked.push(m.text());
    };
    page.on("console", listen);
    try {
      await page.getByRole("link", { name: "改正案" }).click();
      await page.fill("#base-applies", "令和7年4月1日");
      await page.getByRole("button", { name: "本文を読み込む" }).click();
      const box = page.locator("textarea#text");
      const text = await box.inputValue();
      expect(text).toContain("毎年度会議");
      await box.fill(text.replace("毎年度会議", "毎年度1回以上会議"));
      await page.getByRole("button", { name: "案を作る" }).click();
      expect(await page.locator("pre.draft").textContent()).toContain("第5条中「毎年度」を「毎年度1回以上」に改める。");
      expect(await page.locator(".comparison-report").textContent()).toContain("1回以上");
      // The edited text stays in the box for the next change.
      expect(await page.locator("textarea#text").inputValue()).toContain("毎年度1回以上会議");
      await page.screenshot({ path: `${screenshots}viewer-draft.png`, fullPage: false });
    } finally {
      page.off("console", listen);
    }
    expect(blocked).toEqual([]);
  });
  it("Given a phone-sized screen (400px), When each page is opened, Then nothing is wider than the screen, no resource is missing, and ISO days in the 新旧対照表 stay on one line", async () => {
    const missing: string[] = [];
    const onResponse = (r: { status(): number; url(): string }): void => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    };
    page.on("response", onResponse);
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      const base = new URL("agreements/okayama-wake", server.url).href;
      for (const path of ["", "?date=2025-04-01", "/timeline", "/diff?from=2016-10-11&to=2025-04-01", "/audit", "/draft?appliesFrom=2025-04-01"]) {
        await page.goto(base + path);
        expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 400 });
      }
      await page.screenshot({ path: `${screenshots}viewer-narrow-audit.png`, fullPage: false });
      // Every ISO day in the report's text is kept whole (a span the stylesheet does not break).
      await page.goto(`${base}/diff?from=2016-10-11&to=2025-04-01`);
      const days = await page.evaluate(() =>
        Array.from(document.querySelectorAll(".comparison-report .iso-day")).map((e) => ({ text: e.textContent, lines: e.getClientRects().length })));
      expect(days.length).toBeGreaterThan(0);
      for (const d of days) expect(d).toEqual({ text: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u), lines: 1 });
      await page.screenshot({ path: `${screenshots}viewer-narrow-comparison.png`, fullPage: false });
    } finally {
      page.off("response", onResponse);
      await page.setViewportSize({ width: 1200, height: 900 });
    }
    expect(missing).toEqual([]);
  });
  it("Given the API's HTML reports (format=html: 新旧対照表, 年表, audit), When opened under the server's own CSP, Then their CSS applies and nothing is blocked", async () => {
    const blocked: string[] = [];
    const listen = (m: { text(): string }): void => {
      if (/Content Security Policy/iu.test(m.text())) blocked.push(m.text());
    };
    page.on("console", listen);
    try {
      for (const path of ["/api/agreements/okayama-wake/diff?from=2025-03-31&to=2025-04-01&format=html", "/api/agreements/okayama-wake/timeline?format=html", "/api/agreements/okayama-wake/audit?format=html"]) {
        const r = await page.goto(new URL(path, server.url).href);
        expect(r?.headers()["content-security-policy"], path).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/u);
        expect(r?.headers()["content-security-policy"], path).not.toContain("unsafe-inline");
        // Each report's stylesheet sets a 16px body margin and collapsed table borders (the browser's defaults: 8px, separate).
        const look = await page.evaluate(() => ({ margin: getComputedStyle(document.body).marginTop, collapse: getComputedStyle(document.querySelector("table")!).borderCollapse }));
        expect(look, path).toEqual({ margin: "16px", collapse: "collapse" });
      }
    } finally {
      page.off("console", listen);
    }
    expect(blocked).toEqual([]);
  });

  it("Given printing, When the 年表 and audit are printed on A4 portrait and the 新旧対照表 to PDF, Then nothing is cut off at the right and the 新旧対照表's pages are landscape", async () => {
    const base = new URL("agreements/okayama-wake", server.url).href;
    // A4 portrait less the 16 mm margins: 178 mm ≈ 673 CSS px.
    await page.setViewportSize({ width: 673, height: 900 });
    await page.emulateMedia({ media: "print" });
    try {
      for (const path of ["/timeline", "/audit", "?date=2025-04-01"]) {
        await page.goto(base + path);
        expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 673 });
      }
      await page.goto(`${base}/diff?from=2016-10-11&to=2025-04-01`);
      const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString("latin1");
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/gu)].map((m) => Number(m[1]) > Number(m[2]));
      expect(boxes.length).toBeGreaterThan(0);
      expect(boxes.every((landscape) => landscape)).toBe(true);
    } finally {
      await page.emulateMedia({ media: "screen" });
      await page.setViewportSize({ width: 1200, height: 900 });
    }
  });
});
