import { readFileSync } from "node:fs";
import { parseAgreement } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";
import { planOperations } from "./plan.js";

const text = readFileSync(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url), "utf8");
const read = (t: string) => {
  const r = parseAgreement(t);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("planOperations: a 条 inserted before changed ones", () => {
  it("pairs each changed 条 with its old self, renumbered, instead of rewriting them one number off", () => {
    // A new 第4条 (事務の分担); the old 第4条 gets a new 見出し and the old 第5条 new words, both moving down.
    const edited = text
      .replace("（費用分担）\n\n第4条", "（事務の分担）\n\n第4条 甲及び乙は、別表に掲げる取組の実施に当たり、それぞれの事務を分担するものとする。\n\n（経費の負担）\n\n第5条")
      .replace("（連絡会議）\n\n第5条", "（連絡会議）\n\n第6条")
      .replace("毎年度会議", "毎年度1回以上会議")
      .replace("（連携協約の変更及び廃止）\n\n第6条", "（連携協約の変更及び廃止）\n\n第7条");
    expect(edited).not.toBe(text);
    const ops = planOperations(read(text), read(edited));
    expect(ops.map((o) => `${o.op} ${"target" in o ? o.target : "parent" in o ? o.parent : ""}`)).toEqual([
      "replace article:4/caption",
      "replaceText article:5",
      "renumber article:6",
      "renumber article:5",
      "renumber article:4",
      "insert articles",
    ]);
    expect(ops.some((o) => o.op === "replace" && o.target === "article:5")).toBe(false);
  });
  it("still rewrites a 条 in place when as many 条 go as come, however unlike", () => {
    const edited = text.replace("（連絡会議）\n\n第5条 甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。", "（事務局）\n\n第5条 この連携協約に係る事務局は、岡山市に置く。");
    expect(edited).not.toBe(text);
    const ops = planOperations(read(text), read(edited));
    expect(ops.map((o) => `${o.op} ${"target" in o ? o.target : "parent" in o ? o.parent : ""}`)).toEqual(["replace article:5"]);
  });
});
