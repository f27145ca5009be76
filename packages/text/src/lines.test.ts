import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "@kyoyaku/core";
import { fixture, fixtureFiles, SEED1, SEED2 } from "./fixtures.test-util.js";
import { looksBinary } from "./detect.js";
import { blankEnd, cleanLine, normalizeLine, splitLines, wholeDocumentReading } from "./lines.js";

// Characters on both sides of the fast path's edges: the ones it maps itself, the ones it sends
// to NFKC (combining marks, half-width kana, ①, ｟, other white space, line breaks, surrogates).
const TRICKY = [
  "#", "-", "＃", "－", " ", "\t", "\u3000", "\u00a0", "\u2003", "\n", "\r", "\u2028", ",", "，", ".", "．", "、", "。",
  "a", "Ｚ", "１", "1", "（", "）", "(", ")", "「", "」", "・", "ー", "ｰ", "ｶ", "ﾞ", "か", "\u3099", "ウ", "ヴ", "\u0301", "e",
  "①", "㍻", "Ⅲ", "｟", "～", "~", "岡", "々", "〇", "條", "\ud842\udfb7", "\ud842", "÷", "…",
];

describe("normalizeLine", () => {
  it("Given any text of tricky characters, When normalised, Then it equals normalizeText", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 14 }).map((cs) => cs.join("")), (s) => {
        expect(normalizeLine(s)).toBe(normalizeText(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it("Given any string, When normalised, Then it equals normalizeText", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 20 }), (s) => {
      expect(normalizeLine(s)).toBe(normalizeText(s));
    }), { numRuns: 5_000 });
  });

  it("Given every line of the seeds and fixtures, When normalised, Then it equals normalizeText", () => {
    const files = [`seeds/${SEED1}`, `seeds/${SEED2}`, ...fixtureFiles("bad").map((f) => `bad/${f}`)];
    let lines = 0;
    for (const f of files) {
      for (const raw of fixture(f).split(/\r\n|\n|\r/u)) {
        for (const s of [raw, cleanLine(raw)]) expect(normalizeLine(s)).toBe(normalizeText(s));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(100);
  });

  it("Given Markdown markers, When normalised, Then they go as normalizeText drops them", () => {
    expect(normalizeLine("### 第１条（目的） 岡 山 市，")).toBe("第1条(目的)岡山市、");
    expect(normalizeLine("- 1 この協約")).toBe("1この協約");
    expect(normalizeLine("####### 七つ")).toBe("#######七つ");
    expect(normalizeLine("- ")).toBe("-");
    expect(normalizeLine("＃　見出し")).toBe("見出し");
  });
});

describe("cleanLine and looksBinary, written for speed", () => {
  // The definitions they replaced, as the reference.
  const cleanReference = (raw: string): string =>
    raw.replace(/[ \t\u3000]+$/u, "").replace(/^[ \t\u3000]+/u, "").replace(/^#{1,6}[ \t\u3000]+/u, "").replace(/^-[ \t\u3000]+(?=[0-9０-９(（])/u, "");
  const binaryReference = (text: string): boolean => {
    if (text.includes("\u0000")) return true;
    let bad = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
    }
    return bad > 0 && bad * 50 >= [...text].length;
  };
  const chars = [...TRICKY, "\u0001", "\u0085", "\ufffd", "\u007f", "\u009f", "\u00a0", "\ud83d\ude00", "\ude00", "（", "1"];

  it("Given any line of tricky characters, When cleaned, Then it equals the regular-expression definition", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((cs) => cs.join("")), (s) => {
      expect(cleanLine(s)).toBe(cleanReference(s));
    }), { numRuns: 20_000 });
  });

  it("Given any text, When judged binary, Then the verdict equals the code-point definition", () => {
    const text = fc.array(fc.constantFrom(...chars, "岡", "山", "a"), { maxLength: 120 }).map((cs) => cs.join(""));
    fc.assert(fc.property(text, (s) => {
      expect(looksBinary(s)).toBe(binaryReference(s));
    }), { numRuns: 20_000 });
    expect(looksBinary("\u0001" + "岡".repeat(49))).toBe(true);
    expect(looksBinary("\u0001" + "岡".repeat(50))).toBe(false);
    expect(looksBinary("\u0001" + "\ud83d\ude00".repeat(49))).toBe(true);
  });
});

describe("wholeDocumentReading", () => {
  it("one entry from the first to the last non-blank line; none for a blank text", () => {
    expect(wholeDocumentReading(splitLines("\n連携協約書\n\n第1条 甲及び乙は、連携する。\n\n"), "連携協約書")).toEqual([
      { line: 2, lastLine: 4, text: "連携協約書", as: { kind: "part", part: "document" } },
    ]);
    expect(wholeDocumentReading(splitLines("\n \n"), "x")).toEqual([]);
  });
});

describe("cleaning a line with a long run of blanks inside it", () => {
  it("takes time linear in the line — /[ \\t\\u3000]+$/ tried every blank of the run against the end (100,000 tabs: 85 s with the parse)", () => {
    const line = `取組名${"\t".repeat(200_000)}連携する。\t \u3000`;
    const t = performance.now();
    expect(cleanLine(line)).toBe(`取組名${"\t".repeat(200_000)}連携する。`);
    expect(blankEnd("取組名\t \t")).toBe(3);
    expect(blankEnd("取組名")).toBe(3);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
