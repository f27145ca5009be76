import { describe, expect, it } from "vitest";
import { countIn, quoteEdits, wordBoundaries } from "./quote.js";

describe("wordBoundaries", () => {
  it("keeps a 漢字 compound whole unless both sides are words of two or more characters", () => {
    expect(wordBoundaries("毎年度会議を")).toEqual([0, 3, 5, 6]);
  });
  it("never cuts a カタカナ or digit run", () => {
    const b = wordBoundaries("ネットワーク化2025年");
    expect(b.some((i) => i > 0 && i < 6)).toBe(false);
  });
});

describe("quoteEdits", () => {
  const one = (before: string, after: string, others: string[] = []) =>
    quoteEdits({ before: [before, ...others], after: [after, ...others] });

  it("quotes whole words around an insertion", () => {
    expect(one("甲及び乙の長は、毎年度会議を開催する。", "甲及び乙の長は、毎年度1回以上会議を開催する。")).toEqual([{ from: "毎年度", to: "毎年度1回以上" }]);
  });
  it("never opens a quote on an inflection or closes it before one", () => {
    expect(one("地域資源をいかした商品", "地域資源を活かした商品")).toEqual([{ from: "いかした", to: "活かした" }]);
    expect(one("国内外に開かれた広域観光の推進", "国内外に開かれた広域観光の振興", ["広域観光の推進に取り組む。"])).toEqual([{ from: "開かれた広域観光の推進", to: "開かれた広域観光の振興" }]);
  });
  it("extends a quote until it occurs once in the provision, counting the other texts", () => {
    const edits = one("甲は協議し、乙は協議する。", "甲は協議し、乙は合意する。");
    expect(edits).toHaveLength(1);
    const e = edits![0]!;
    expect(countIn("甲は協議し、乙は協議する。", e.from)).toBe(1);
    expect("甲は協議し、乙は協議する。".replace(e.from, e.to)).toBe("甲は協議し、乙は合意する。");
  });
  it("writes a deletion as a quote with nothing after it", () => {
    const [e] = one("甲及び乙は、速やかに協議する。", "甲及び乙は、協議する。")!;
    expect(e!.to === "" || "甲及び乙は、速やかに協議する。".replace(e!.from, e!.to) === "甲及び乙は、協議する。").toBe(true);
  });
  it("quotes a text most of which changes whole", () => {
    expect(one("救急医療体制の維持に取り組む。", "休日当番医制の運営に協力する。")).toEqual([{ from: "救急医療体制の維持に取り組む。", to: "休日当番医制の運営に協力する。" }]);
  });
  it("applies later clauses to the text the earlier ones left (each quote unique at its turn)", () => {
    const before = "甲は会議を開き、乙は会議に出る。";
    const after = "甲は協議会を開き、乙は協議会に出る。";
    let text = before;
    for (const e of one(before, after)!) {
      expect(countIn(text, e.from)).toBe(1);
      text = text.replace(e.from, e.to);
    }
    expect(text).toBe(after);
  });
  it("keeps 「」 balanced in a quote", () => {
    for (const e of one("この協約（以下「本協約」という。）は", "この協約（以下「この協約」という。）は")!) {
      expect((e.from.match(/「/gu) ?? []).length).toBe((e.from.match(/」/gu) ?? []).length);
    }
  });
});

describe("a number and its counter", () => {
  it("are one word: 「2回」 is quoted whole, never 「回会議」", () => {
    expect(wordBoundaries("毎年度2回会議を")).toEqual([0, 3, 5, 7, 8]);
    const edits = quoteEdits({ before: ["毎年度2回会議を開催するものとする。"], after: ["毎年度2回以上会議を開催するものとする。"] });
    expect(edits).toEqual([{ from: "2回", to: "2回以上" }]);
  });
});
