import { readFileSync } from "node:fs";
import { parseAgreement } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";
import { provisionName, writeAmendment } from "./kaimebun.js";

const seed = parseAgreement(readFileSync(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url), "utf8"));
if (!seed.ok) throw new Error("seed 1 must read");
const before = seed.value;
const base = { id: "okayama-wake", before, concludedOn: "2016-10-11" };

describe("provisionName", () => {
  it("names provisions as a 改め文 does", () => {
    expect(provisionName(before, "article:5")).toBe("第5条");
    expect(provisionName(before, "article:4/caption")).toBe("第4条の見出し");
    expect(provisionName(before, "article:5/paragraph:2")).toBe("第5条第2項");
    expect(provisionName(before, "appendix:1")).toBe("別表");
    expect(provisionName(before, "appendix:1/section:II")).toBe("別表II");
    expect(provisionName(before, "preamble")).toBe("前文");
  });
  it("quotes a 取組 by its name as written", () => {
    const it = before.appendices[0]!.sections[1]!.items[0]!;
    expect(provisionName(before, `appendix:1/section:II/item:${it.name}`)).toBe(`別表II中「${it.name}」の項`);
  });
});

describe("writeAmendment", () => {
  it("writes a draft 案 with the 前文, the chained 改め文, the 附則 with a ただし書 and the 署名欄", () => {
    const r = writeAmendment(base, [
      { op: "replaceText", target: "article:1", from: "けん引", to: "牽引" },
      { op: "replaceText", target: "article:1", from: "少子高齢社会", to: "少子高齢化社会" },
      { op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度1回以上" },
    ], { appliesFrom: "2025-04-01", provisionDates: { "article:5": "2025-10-01" } });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const lines = r.value.text.split("\n");
    expect(lines[0]).toBe("(案)");
    expect(lines).toContain("令和○年○月○日");
    expect(lines).toContain("甲及び乙は、平成28年10月11日に締結した岡山市及び和気町における連携中枢都市圏形成に係る連携協約の一部を次のとおり変更する。");
    expect(lines).toContain("第1条中「けん引」を「牽引」に改め、「少子高齢社会」を「少子高齢化社会」に改める。");
    expect(lines).toContain("この変更連携協約は、令和7年4月1日から適用する。ただし、第5条の改正規定は、令和7年10月1日から適用する。");
    expect(lines).toContain("甲 岡山市北区大供一丁目1番1号");
    expect(r.value.after.articles[4]!.paragraphs[0]!.text).toContain("毎年度1回以上会議");
  });
  it("writes the 締結日 when signed, with no (案)", () => {
    const r = writeAmendment(base, [{ op: "delete", target: "article:4/caption" }], { appliesFrom: "2025-04-01", signedOn: "2025-03-25" });
    expect(r.ok && r.value.text.startsWith("連携中枢都市圏形成に係る変更連携協約書\n\n令和7年3月25日\n")).toBe(true);
    expect(r.ok && r.value.text).toContain("第4条の見出しを削る。");
  });
  it("refuses a quote the engine would apply to every occurrence (it would import as another change)", () => {
    const r = writeAmendment(base, [{ op: "replaceText", target: "article:6", from: "甲及び乙", to: "両当事者" }], { appliesFrom: "2025-04-01" });
    // 「甲及び乙」 occurs three times in 第6条: the operation itself replaces all three, and so does the draft.
    expect(r.ok).toBe(true);
    const r2 = writeAmendment(base, [{ op: "replaceText", target: "article:6", from: "甲及び乙", to: "両当事者", occurrence: 2 }], { appliesFrom: "2025-04-01" });
    expect(r2.ok).toBe(false);
    expect(r2.issues[0]?.code).toBe("draft.unwritable");
  });
  it("refuses a ただし書 date for a provision the change does not change", () => {
    const r = writeAmendment(base, [{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度1回以上" }], { appliesFrom: "2025-04-01", provisionDates: { "article:2": "2025-10-01" } });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "draft.date-per-unchanged", location: { address: "article:2" } });
  });
  it("refuses an operation whose target is not in the text in force, naming it", () => {
    const r = writeAmendment(base, [{ op: "delete", target: "article:9" }], { appliesFrom: "2025-04-01" });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe("draft.unwritable");
  });
});
