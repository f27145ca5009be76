/// <reference lib="dom" />
/**
 * Layout checks of the 新旧対照表 HTML in a real browser (a Chromium found by
 * tests/browser.ts, through playwright-core): the table must keep two columns — 改正後 on the left, 改正前 on the right,
 * side by side, each about half the width — as seen both from the page's boxes and from
 * the screenshot's pixels (a vertical rule between the columns).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { CHROMIUM_ARGS, chromiumPath } from "../browser.js";


export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
export interface RowBoxes { readonly after: Box; readonly before: Box }

/** What the browser saw. */
export interface PageLayout {
  readonly table: Box;
  /** Header cells: 改正後 and 改正前. */
  readonly header: RowBoxes | undefined;
  /** The first rows' cells (a row without two cells gives `undefined`). */
  readonly rows: readonly (RowBoxes | undefined)[];
  /** PNG of the top of the page (the table's first screenful). */
  readonly screenshot: Buffer;
}

/**
 * Problems with the two-column layout from the boxes: for the header and each row, the
 * 改正後 cell must be left of the 改正前 cell, on the same top, not overlapping, each
 * 40–60 % of the table's width.
 */
export function boxProblems(layout: Pick<PageLayout, "table" | "header" | "rows">): string[] {
  const out: string[] = [];
  const check = (name: string, r: RowBoxes | undefined): void => {
    if (!r) return void out.push(`${name}: 改正後 and 改正前 cells not both found`);
    const { after: a, before: b } = r;
    if (Math.abs(a.y - b.y) > 2) out.push(`${name}: cells not on the same row top (${a.y} vs ${b.y})`);
    if (!(a.x < b.x)) out.push(`${name}: 改正後 (x=${a.x}) is not left of 改正前 (x=${b.x})`);
    if (a.x + a.width > b.x + 2) out.push(`${name}: cells overlap or are not side by side`);
    for (const [label, c] of [["改正後", a], ["改正前", b]] as const) {
      const share = c.width / layout.table.width;
      if (share < 0.4 || share > 0.6) out.push(`${name}: ${label} cell is ${(share * 100).toFixed(0)} % of the table width`);
    }
  };
  check("header", layout.header);
  if (layout.rows.length === 0) out.push("no rows");
  layout.rows.forEach((r, i) => check(`row ${i + 1}`, r));
  return out;
}

/**
 * Problems with the two-column layout from the pixels: within the table (its box in page
 * pixels), some pixel column near the middle must be dark from the table's top to the
 * bottom of the screenshot — the rule between 改正後 and 改正前.
 */
export function pixelProblems(png: Buffer, table: Box): string[] {
  const img = PNG.sync.read(png);
  const top = Math.max(0, Math.ceil(table.y) + 1);
  const bottom = Math.min(img.height, Math.floor(table.y + table.height)) - 1;
  if (bottom - top < 50) return [`the table is not in the screenshot (rows ${top}–${bottom})`];
  const dark = (x: number, y: number): boolean => {
    const i = (y * img.width + x) * 4;
    return img.data[i]! + img.data[i + 1]! + img.data[i + 2]! < 3 * 110;
  };
  const ruleAt = (x: number): boolean => {
    let n = 0;
    for (let y = top; y < bottom; y++) if (dark(x, y)) n++;
    return n / (bottom - top) > 0.97;
  };
  const mid = table.x + table.width / 2;
  const from = Math.max(0, Math.floor(mid - table.width * 0.1));
  const to = Math.min(img.width - 1, Math.ceil(mid + table.width * 0.1));
  for (let x = from; x <= to; x++) if (ruleAt(x)) return [];
  return [`no vertical rule between the columns near x=${Math.round(mid)} (searched ${from}–${to})`];
}

/**
 * Open `html` in Chromium (fresh profile, A4-landscape-wide viewport) and measure the
 * 新旧対照表: boxes of the header and first `rows` rows, and a screenshot of the first
 * screenful.
 */
export async function measureComparisonPage(html: string, rows = 6): Promise<PageLayout> {
  const profile = mkdtempSync(join(tmpdir(), "kyoyaku-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1123, height: 1400 },
    deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const measured = await page.evaluate((n: number) => {
      const box = (el: Element | null | undefined): Box | undefined => {
        if (!el) return undefined;
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const pair = (tr: Element | null): RowBoxes | undefined => {
        const a = box(tr?.querySelector(".after"));
        const b = box(tr?.querySelector(".before"));
        return a && b ? { after: a, before: b } : undefined;
      };
      const table = box(document.querySelector("table.comparison")) ?? { x: 0, y: 0, width: 0, height: 0 };
      const trs = Array.from(document.querySelectorAll("table.comparison tbody tr")).slice(0, n);
      return { table, header: pair(document.querySelector("table.comparison thead tr")), rows: trs.map(pair) };
    }, rows);
    const screenshot = await page.screenshot({ type: "png", fullPage: false });
    return { ...measured, screenshot };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
