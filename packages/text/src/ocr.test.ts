import { describe, expect, it } from "vitest";
import { newCtx } from "./context.js";
import { splitLines } from "./lines.js";
import { repairOcr } from "./ocr.js";

describe("repairOcr", () => {
  it("reads 弟3条 between 第2条 and 第4条 as 第3条, with a warning at its line", () => {
    const ctx = newCtx("a.txt");
    const out = repairOcr(ctx, splitLines("第1条 甲。\n第2条 乙。\n弟3条 丙。\n第4条 丁。"));
    expect(out[2]!.text).toBe("第3条 丙。");
    expect(ctx.issues.map((i) => [i.code, i.severity, i.location.line])).toEqual([["parse.ocr-heading", "warning", 3]]);
    // The 条名 (number) is what was repaired; 「見出し」 is the （…） caption and would mislead.
    expect(ctx.issues[0]!.message).toContain("の条名を「第3条」として読みました");
    expect(ctx.issues[0]!.message).not.toContain("見出し");
  });
  it("refuses it between 第2条 and 第5条", () => {
    const ctx = newCtx();
    repairOcr(ctx, splitLines("第1条 甲。\n第2条 乙。\n弟3条 丙。\n第5条 丁。"));
    expect(ctx.issues.map((i) => [i.code, i.severity, i.location.line])).toEqual([["parse.ocr-heading", "error", 3]]);
  });
  it("gives back the same lines when nothing is damaged", () => {
    const lines = splitLines("第1条 甲。\n附則\n別表（第1条関係）");
    expect(repairOcr(newCtx(), lines)).toBe(lines);
  });
});
