import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderComparisonTable } from "@kyoyaku/report";
import { AMEND, seedDiff } from "./seeds.js";

const golden = (name: string): string => readFileSync(fileURLToPath(new URL(`./golden/${name}`, import.meta.url)), "utf8");
const I = "appendix:1/section:I/item:";

describe("新旧対照表 of the seeds' 別表 (golden)", () => {
  const { diff, before, after } = seedDiff();

  it("Given seed 1 and seed 1 with seed 2's 別表, When diffed on the 適用日, Then the change list names what was removed, added and replaced", () => {
    const byAddress = new Map(diff.changes.map((c) => [c.address, c]));
    expect(byAddress.get(`${I}圏域全体の戦略的な産業振興に向けた仕組みの構築`)?.change).toBe("removed");
    expect(byAddress.get(`${I}新たな産業の創出及び地域産業の振興`)?.change).toBe("added");
    expect(byAddress.get(`${I}地域資源を活かした商品や農産物の販路開拓・拡大`)).toMatchObject({
      change: "replaced",
      beforeAddress: `${I}地域資源をいかした商品や農産物の販路開拓・拡大`,
    });
    expect(byAddress.get("appendix:1/section:III/item:圏域内への移住・定住の促進")?.change).toBe("replaced");
    // Only the 別表 changed, and every change is attributed to the amendment.
    expect(diff.changes.every((c) => c.address.startsWith("appendix:1/") && c.event?.seq === AMEND.seq)).toBe(true);
    expect(diff.changes.map((c) => c.change).sort()).toEqual([
      ...Array<string>(11).fill("added"), ...Array<string>(11).fill("removed"), ...Array<string>(3).fill("replaced"),
    ]);
  });

  it("renders the plain-text table exactly as the golden file", () => {
    const text = renderComparisonTable(diff, { format: "text", before, after });
    expect(text).toContain("地域資源を【活】かした");
    expect(text).toContain("地域資源を【い】かした");
    expect(text).toBe(golden("seeds-appendix.txt"));
  });

  it("renders the Markdown table exactly as the golden file", () => {
    const md = renderComparisonTable(diff, { format: "md", before, after });
    expect(md).toContain("| 改正後 | 改正前 |");
    expect(md).toContain("| （削る） | 【圏域全体の戦略的な産業振興に向けた仕組みの構築】<br>");
    expect(md).toContain("| 【新たな産業の創出及び地域産業の振興】<br>");
    expect(md).toBe(golden("seeds-appendix.md"));
  });

  it("renders a standalone A4-landscape HTML page with 改正後 on the left and underlined changes", () => {
    const html = renderComparisonTable(diff, { format: "html", before, after });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("@page { size: A4 landscape;");
    expect(html).toMatch(/<th class="after">改正後<\/th><th class="before">改正前<\/th>/u);
    expect(html).toContain('地域資源を<u class="changed">活</u>かした');
    expect(html).toContain("令和7年4月1日（2025-04-01）");
    expect(html).toContain("<li>根拠: #2 変更（締結日 令和7年3月25日（2025-03-25）、適用日 令和7年4月1日（2025-04-01））</li>");
  });
});
