import fc from "fast-check";
import jsonpatch from "fast-json-patch";
import { produce, type Draft } from "immer";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, deepFreeze } from "../model/canonical.js";
import type { AgreementDocument, AppendixItem, Article, Paragraph, Section } from "../model/document.js";
import { diffDocuments } from "./documents.js";
import type { JsonPatchOperation } from "./types.js";

// Small alphabets so that names collide, numbers repeat and renames look similar.
const word = fc.string({ unit: fc.constantFrom("あ", "い", "う", "甲", "乙", "取", "組", "、", "。", " "), minLength: 0, maxLength: 6 });
const name = fc.string({ unit: fc.constantFrom("産", "業", "振", "興", "地", "域"), minLength: 1, maxLength: 5 });

const paragraph = (n: number): fc.Arbitrary<Paragraph> =>
  fc.record({ text: word, items: fc.array(fc.record({ label: fc.constantFrom("一", "二", "三"), text: word, items: fc.constant([]) }), { maxLength: 2 }) })
    .map((p) => ({ number: n, ...p }));
const articleArb = (n: number): fc.Arbitrary<Article> =>
  fc.record({ caption: fc.option(word, { nil: undefined }), count: fc.integer({ min: 1, max: 3 }) })
    .chain(({ caption, count }) => fc.tuple(...Array.from({ length: count }, (_x, i) => paragraph(i + 1)))
      .map((paragraphs) => ({ number: String(n), ...(caption !== undefined ? { caption } : {}), paragraphs })));
const item: fc.Arbitrary<AppendixItem> = fc.record({ name, fields: fc.array(fc.record({ name: fc.constantFrom("取組内容", "甲の役割", "乙の役割"), text: word }), { maxLength: 3 }) });
const section = (label: string): fc.Arbitrary<Section> => fc.record({ label: fc.constant(label), title: word, items: fc.array(item, { maxLength: 5 }) });

const documentArb: fc.Arbitrary<AgreementDocument> = fc
  .record({
    title: word,
    preamble: word,
    closing: fc.option(word, { nil: undefined }),
    parties: fc.uniqueArray(fc.record({ role: fc.constantFrom("甲", "乙", "丙"), name: word, head: fc.option(word, { nil: undefined }) }), { maxLength: 3, selector: (p) => p.role }),
    articleCount: fc.integer({ min: 0, max: 5 }),
    sectionCount: fc.integer({ min: 0, max: 3 }),
    supplementary: fc.option(fc.record({ heading: fc.constant("附 則"), paragraphs: fc.array(paragraph(1), { maxLength: 1 }) }), { nil: undefined }),
  })
  .chain((d) =>
    fc.record({
      articles: fc.tuple(...Array.from({ length: d.articleCount }, (_x, i) => articleArb(i + 1))),
      sections: fc.tuple(...Array.from({ length: d.sectionCount }, (_x, i) => section(["I", "II", "III"][i]!))),
    }).map(({ articles, sections }) => {
      const { articleCount: _a, sectionCount: _s, ...rest } = d;
      return deepFreeze({
        ...rest,
        articles,
        appendices: sections.length > 0 ? [{ number: 1, heading: "別表（第3条関係）", sections }] : [],
        unknown: [],
      } as AgreementDocument);
    }),
  );

/** One random edit, interpreted against the document (indices are taken modulo sizes). */
const editArb = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.nat(), fc.nat(), word, name);
type Edit = [number, number, number, string, string];

function applyEdit(d: Draft<AgreementDocument>, [kind, x, y, text, nm]: Edit): void {
  const secs = d.appendices[0]?.sections ?? [];
  const sec = secs.length > 0 ? secs[x % secs.length] : undefined;
  const art = d.articles.length > 0 ? d.articles[x % d.articles.length] : undefined;
  switch (kind) {
    case 0: d.title = text; break;
    case 1: d.preamble = text; break;
    case 2: if (art) art.paragraphs[y % art.paragraphs.length]!.text = text; break;
    case 3: if (art) art.caption = text; break;
    case 4: if (d.articles.length > 0) d.articles.splice(x % d.articles.length, 1); break; // 削る (no renumbering)
    case 5: d.articles.forEach((a, i) => { a.number = String(i + 1); }); break; // 繰上げ
    case 6: d.articles.splice(x % (d.articles.length + 1), 0, { number: String(y % 9), caption: text, paragraphs: [{ number: 1, text, items: [] }] }); break;
    case 7: if (sec && sec.items.length > 0) sec.items[y % sec.items.length]!.name = nm; break;
    case 8: if (sec) sec.items.splice(y % (sec.items.length + 1), 0, { name: nm, fields: [{ name: "取組内容", text }] }); break;
    case 9: if (sec && sec.items.length > 0) sec.items.splice(y % sec.items.length, 1); break;
    case 10: { // move a 取組 to another section
      const to = secs.length > 0 ? secs[y % secs.length] : undefined;
      if (sec && to && sec.items.length > 0) to.items.push(...sec.items.splice(y % sec.items.length, 1));
      break;
    }
    case 11: if (d.supplementary) delete d.supplementary; else d.supplementary = { heading: "附 則", paragraphs: [{ number: 1, text, items: [] }] }; break;
  }
}

const pairArb = fc.oneof(
  // b is a: random edits of a (shared structure, as versions are)
  fc.tuple(documentArb, fc.array(editArb, { maxLength: 6 })).map(([a, edits]) => [a, produce(a, (d) => { for (const e of edits) applyEdit(d, e as Edit); })] as const),
  // two unrelated documents
  fc.tuple(documentArb, documentArb),
);

const apply = (doc: AgreementDocument, patch: readonly JsonPatchOperation[]): unknown =>
  jsonpatch.applyPatch(structuredClone(doc), patch as jsonpatch.Operation[], true, true).newDocument;

describe("diffDocuments laws (fast-check)", () => {
  it("applying the patch to a copy of a gives b (deep-equal, same canonical JSON)", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const { patch } = diffDocuments(a, b);
        const got = apply(a, patch);
        expect(got).toEqual(b);
        expect(canonicalJson(got)).toBe(canonicalJson(b));
      }),
      { numRuns: 400 },
    );
  });

  it("with the large-list path forced (no LCS table: unique anchors, then keys), the patch still gives b and the list is empty iff equal", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const { patch, changes } = diffDocuments(a, b, { lcsCells: 0 });
        const got = apply(a, patch);
        expect(got).toEqual(b);
        expect(changes.length === 0).toBe(contentHash(a) === contentHash(b));
      }),
      { numRuns: 100 },
    );
  });

  it("the change list is empty iff a and b hash equal", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const { changes } = diffDocuments(a, b);
        expect(changes.length === 0).toBe(contentHash(a) === contentHash(b));
      }),
      { numRuns: 400 },
    );
  });

  it("diffing a document with itself or a plain copy gives nothing", () => {
    fc.assert(
      fc.property(documentArb, (a) => {
        expect(diffDocuments(a, a)).toEqual({ patch: [], changes: [] });
        expect(diffDocuments(a, structuredClone(a))).toEqual({ patch: [], changes: [] });
      }),
      { numRuns: 100 },
    );
  });
});
