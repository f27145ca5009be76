import { parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { formatNumber, Numbering } from "./numbering.js";

const xml = (s: string): Element => parseDocument(s, { xmlMode: true }).children.find((c): c is Element => c.type === "tag")!;

describe("formatNumber", () => {
  it("renders the formats Japanese documents use", () => {
    expect([1, 2, 10, 21].map((n) => formatNumber(n, "japaneseCounting"))).toEqual(["一", "二", "十", "二十一"]);
    expect([1, 3].map((n) => formatNumber(n, "ideographTraditional"))).toEqual(["甲", "丙"]);
    expect([1, 2].map((n) => formatNumber(n, "iroha"))).toEqual(["イ", "ロ"]);
    expect([12, 4].map((n) => formatNumber(n, "decimalFullWidth"))).toEqual(["１２", "４"]);
    expect(formatNumber(3, "decimalEnclosedCircle")).toBe("③");
    expect(formatNumber(14, "upperRoman")).toBe("XIV");
    expect(formatNumber(1, "chineseCounting")).toBeUndefined();
  });
});

describe("Numbering", () => {
  const numbering = xml(`<w:numbering>
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%3"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  </w:numbering>`);
  it("counts per list, restarts deeper levels, and takes a start override", () => {
    const n = new Numbering(numbering);
    expect([n.next("1", 0), n.next("1", 1), n.next("1", 1), n.next("1", 0), n.next("1", 1)]).toEqual([
      { label: "第1条 " }, { label: "（1）" }, { label: "（2）" }, { label: "第2条 " }, { label: "（1）" },
    ]);
    expect(n.next("2", 0)).toEqual({ label: "第5条 " });
    expect(n.next("0", 0)).toBeUndefined();
  });
  it("refuses a level outside Word's 0–8 at once — w:ilvl=\"2000000000\" once filled a counter array that long — and a start that is no number", () => {
    const n = new Numbering(numbering);
    const t = performance.now();
    for (const l of [2_000_000_000, 9, -1, 1.5, Number.NaN]) expect(n.next("1", l)).toEqual({ badLevel: l });
    expect(performance.now() - t).toBeLessThan(5_000);
    const odd = new Numbering(xml(`<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="x"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`));
    expect(odd.next("1", 0)).toEqual({ unknown: "decimal（開始番号「NaN」）" });
  });
  it("names a format it cannot render instead of guessing", () => {
    expect(new Numbering(numbering).next("1", 2)).toEqual({ unknown: "chineseCounting" });
  });
});
