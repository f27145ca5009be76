import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepFreeze } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { normalizeText } from "../model/normalize.js";
import { applyOperation } from "./apply.js";
import { exactHits, looseHits } from "./match.js";
import { agreement } from "./testing.testkit.js";

// The regular expressions the matcher replaced, kept here as the oracle of its semantics.
const ESC = /[.*+?^${}()|[\]\\]/gu;
function loosePattern(needle: string): RegExp {
  const alt = (c: string): string => {
    if (c === "、") return "[、，,]";
    if (c === "。") return "[。．]";
    const wide = /[!-~]/u.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : undefined;
    const e = c.replace(ESC, "\\$&");
    return wide ? `(?:${e}|${wide.replace(ESC, "\\$&")})` : e;
  };
  return new RegExp([...normalizeText(needle)].map(alt).join("\\s*"), "gu");
}
const scan = (text: string, re: RegExp): { start: number; end: number }[] =>
  [...text.matchAll(re)].filter((m) => m[0].length > 0).map((m) => ({ start: m.index, end: m.index + m[0].length }));

// Characters where the folding rules bite: spaces, commas and periods in every width, ASCII and full-width letters.
const ALPHABET = [..."甲乙及びの、，,。．.AＡbｂ1１ 　\t\n﹐"];
const str = (max: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((a) => a.join(""));

describe("text matching (改め文 quotes)", () => {
  it("Given random texts and quotes, When matched, Then the hits are the old regular expressions' (exact, then loose)", () => {
    fc.assert(
      fc.property(str(40), str(6), (text, needle) => {
        if (needle === "") return;
        expect(exactHits(text, needle)).toEqual(scan(text, new RegExp(needle.replace(ESC, "\\$&"), "gu")));
        expect(looseHits(text, needle).hits).toEqual(scan(text, loosePattern(needle)));
      }),
      { numRuns: 300 },
    );
  });

  it("Given spaced and full-width text, When a plain quote is looked for, Then the spaced original is found", () => {
    expect(looseHits("協定は Ｅ Ｓ Ｄ，による", "ESD、による").hits).toEqual([{ start: 4, end: 13 }]);
    expect(looseHits("甲．乙", "甲。乙").hits).toEqual([{ start: 0, end: 3 }]);
    expect(looseHits("甲.乙", "甲。乙").hits).toEqual([]);
  });

  it("Given a 1.8 MB provision and an 18,000-character quote not in it, When matched, Then it answers at once with no hit", () => {
    const text = "甲及び乙は、連携して取り組む。".repeat(120_000);
    const quote = "甲及び乙は、連携して取り組む".repeat(1_300) + "丙";
    expect(looseHits(text, quote).hits).toEqual([]);
    expect(exactHits(text, quote)).toEqual([]);
  });
});

describe("long quotes in applyOperation", () => {
  const long = (n: number): string => "圏域の住民の利便性の向上を図るため、関係機関と協力して".repeat(Math.ceil(n / 27)).slice(0, n);
  const withText = (text: string): AgreementDocument => {
    const doc = agreement();
    const a = doc.articles[0]!;
    return deepFreeze({ ...doc, articles: [{ ...a, paragraphs: [{ ...a.paragraphs[0]!, text }] }, ...doc.articles.slice(1)] });
  };

  it("Given a 条 of 110,000 characters where the quote occurs 20,000 times, When replaced, Then every occurrence is replaced (each text rebuilt once)", () => {
    const text = "甲及び乙の事務の連携。".repeat(10_000);
    const r = applyOperation(withText(text), { op: "replaceText", target: "article:1", from: "の", to: "における" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.articles[0]!.paragraphs[0]!.text).toBe(text.replaceAll("の", "における"));
  });

  for (const n of [8_000, 20_000]) {
    it(`Given a ${n}-character quote that is in the text (spaced differently), When replaced, Then it is found and replaced`, () => {
      const quote = long(n);
      const doc = withText(`前文。${quote.replace(/、/gu, "，").replace(/(.{50})/gu, "$1 ")}後文。`);
      const r = applyOperation(doc, { op: "replaceText", target: "article:1", from: quote, to: "新しい文" });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.articles[0]!.paragraphs[0]!.text).toMatch(/^前文。新しい文 ?後文。$/u);
    });

    it(`Given a ${n}-character quote that is not in the text, When replaced, Then rule.text-missing names the provision and a shortened quote`, () => {
      const doc = withText("甲及び乙は、連携して取り組む。");
      const r = applyOperation(doc, { op: "replaceText", target: "article:1", from: long(n), to: "X" });
      expect(r.ok).toBe(false);
      const issue = r.issues[0]!;
      expect(issue.code).toBe("rule.text-missing");
      expect(issue.location.address).toBe("article:1");
      expect(issue.message).toContain(`（${n}字）`);
      expect(issue.message.length).toBeLessThan(200);
    });
  }
});
