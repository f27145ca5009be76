/**
 * Golden test: the draft for a realistic edit of seed 1 — 第1条's wording (けん引 → 牽引), 第5条's
 * meetings (毎年度1回以上, from a later day by a ただし書), a new 第6条 (事務局) with the old 第6条
 * renumbered, a 取組 renamed (いかした → 活かした) and one deleted — reads as a 法規担当 would
 * write it. The expected draft is tests/fixtures/drafts/seed1_draft.txt; a change of the writer
 * that changes it must change that file too (KYOYAKU_UPDATE_GOLDEN=1 rewrites it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { draftAmendment } from "@kyoyaku/draft";
import { parseAgreement } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const fixture = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);
const read = (name: string): string => readFileSync(fixture(name), "utf8");

describe("the draft of a realistic edit of seed 1", () => {
  it("is the golden 変更連携協約書", () => {
    const before = parseAgreement(read("seeds/000_0d517b853e764d1a.txt"));
    const after = parseAgreement(read("drafts/seed1_edited.txt"), { file: "seed1_edited.txt" });
    if (!before.ok || !after.ok) throw new Error("the fixtures must read");
    const r = draftAmendment({ id: "okayama-wake", before: before.value, concludedOn: "2016-10-11" }, after.value, {
      appliesFrom: "2025-04-01", signedOn: "2025-03-25", provisionDates: { "article:5": "2025-10-01" },
    });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const golden = fixture("drafts/seed1_draft.txt");
    if (process.env.KYOYAKU_UPDATE_GOLDEN === "1") writeFileSync(golden, r.value.text);
    expect(r.value.text).toBe(readFileSync(golden, "utf8"));
    // The 新旧対照表 of the same change marks the words changed.
    expect(r.value.comparison.text).toContain("【牽】引");
    expect(r.value.comparison.text).toContain("（新設）");
  });
});
