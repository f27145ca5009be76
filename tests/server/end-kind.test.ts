/**
 * An agreement that ended without a 廃止 (期間満了, 通告による失効) is labelled by what ended it,
 * in the engine's list, the viewer's list and the timeline bar — never called 廃止.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { createApp } from "@kyoyaku/server";
import { parseText } from "@kyoyaku/text";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

function record(k: Kyoyaku, id: string, path: string): void {
  const r = parseText(readFileSync(join(FIXTURES, path), "utf8"), { file: path });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  k.record({ agreementId: id, event: r.value.event, recordedBy: "法規担当" });
}

describe("what ended an agreement", () => {
  const k = openKyoyaku({});
  record(k, "tsuyama-kagamino", "notice/teijuu-fiscal-end.txt");
  record(k, "okayama-wake", "seeds/000_0d517b853e764d1a.txt");
  record(k, "okayama-wake", "never-as/abolish_fiscal_end.txt");
  const app = createApp({ engine: k });

  it("the engine's list says 期間満了 for the term and 廃止 for the 廃止", () => {
    expect(k.agreements().map((a) => [a.id, a.abolishedFrom, a.endedBy])).toEqual([
      ["okayama-wake", "2026-04-01", "abolish"],
      ["tsuyama-kagamino", "2026-04-01", "term"],
    ]);
  });
  it("the viewer's list labels each date by its kind", async () => {
    const html = await (await app.request("/")).text();
    expect(html).toContain("<th>終了</th>");
    expect(html).toMatch(/tsuyama-kagamino[\s\S]*?から期間満了/u);
    expect(html).toMatch(/okayama-wake[\s\S]*?から廃止/u);
    expect(html).not.toContain("<th>廃止</th>");
  });
  it("the timeline bar of a term that ran out is titled 期間満了, not 廃止", async () => {
    const html = await (await app.request("/agreements/tsuyama-kagamino/timeline")).text();
    expect(html).toContain("<title>期間満了 令和8年4月1日</title>");
    const abolished = await (await app.request("/agreements/okayama-wake/timeline")).text();
    expect(abolished).toContain("<title>廃止 令和8年4月1日</title>");
  });
});
