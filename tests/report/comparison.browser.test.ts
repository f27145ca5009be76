import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderComparisonTable } from "@kyoyaku/report";
import { boxProblems, measureComparisonPage, pixelProblems, type PageLayout } from "./layout.js";
import { seedDiff } from "./seeds.js";

const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** The golden table squeezed into one column: every cell a full-width block. */
const oneColumn = (html: string): string =>
  html.replace("</style>", "table.comparison, table.comparison tbody, table.comparison thead, table.comparison tr, table.comparison th, table.comparison td { display: block; width: 100%; }\n</style>");

describe("新旧対照表 HTML in Chromium", () => {
  const { diff, before, after } = seedDiff();
  const html = renderComparisonTable(diff, { format: "html", before, after });
  let good: PageLayout;
  let bad: PageLayout;

  beforeAll(async () => {
    good = await measureComparisonPage(html);
    bad = await measureComparisonPage(oneColumn(html));
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(`${screenshots}comparison.png`, good.screenshot);
    writeFileSync(`${screenshots}comparison-one-column.png`, bad.screenshot);
  });

  it("Given the golden table, When laid out, Then 改正後 and 改正前 cells sit side by side, 改正後 on the left, each about half", () => {
    expect(good.rows.length).toBe(6);
    expect(boxProblems(good)).toEqual([]);
  });

  it("Given the golden table's screenshot, When its pixels are scanned, Then a vertical rule divides the two columns", () => {
    expect(pixelProblems(good.screenshot, good.table)).toEqual([]);
  });

  it("Given a one-column variant, When checked, Then both the box check and the pixel check report the lost layout", () => {
    const boxes = boxProblems(bad);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.join("\n")).toMatch(/not left of|same row top|% of the table width/u);
    expect(pixelProblems(bad.screenshot, bad.table)).toEqual([expect.stringContaining("no vertical rule")]);
  });
});
