import { parseDate, resolveAddress, type AgreementDocument, type Appendix, type Article, type Item, type JpDate, type Paragraph, type Party, type Section } from "@kyoyaku/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixture, SEED1, SEED2 } from "./fixtures.test-util.js";
import { parseAgreement, parseText } from "./parse.js";
import { renderDocument, renderProvision } from "./render.js";

const seed1 = parseAgreement(fixture(`seeds/${SEED1}`));
if (!seed1.ok) throw new Error("seed 1 does not parse");
const doc1 = seed1.value;

/** Seed 2's new 別表 as a document: seed 2's parties and dates around the replaced table. */
function seed2Document(): AgreementDocument {
  const r = parseText(fixture(`seeds/${SEED2}`));
  if (!r.ok || r.value.event.payload.kind !== "amend") throw new Error("seed 2 does not parse");
  const op = r.value.event.payload.operations[0]!;
  if (op.op !== "replace") throw new Error("not a replacement");
  return { ...doc1, title: "連携中枢都市圏形成に係る連携協約書", parties: [
    { role: "甲", name: "岡山市", address: "岡山市北区大供一丁目1番1号", office: "岡山市長" },
    { role: "乙", name: "備前市", address: "備前市東片上126番地", office: "備前市長" },
  ], name: "岡山市及び備前市における連携中枢都市圏形成に係る連携協約", preamble: doc1.preamble.replace(/和気町/gu, "備前市"), appendices: [op.node as Appendix] };
}

describe("renderDocument", () => {
  it("Given seed 1, When rendered and read again, Then the same document comes back", () => {
    const back = parseAgreement(renderDocument(doc1));
    expect(back.issues).toEqual([]);
    expect(back.ok && back.value).toStrictEqual(doc1);
  });

  it("Given seed 2's new 別表 as a document, When rendered and read again, Then the same document comes back", () => {
    const d = seed2Document();
    const back = parseAgreement(renderDocument(d));
    expect(back.issues).toEqual([]);
    expect(back.ok && back.value).toStrictEqual(d);
  });

  it("lays the text out like the original: captions, 第N条, signature block, tab-separated 取組", () => {
    const text = renderDocument(doc1);
    expect(text.startsWith("連携中枢都市圏形成に係る連携協約書\n\n平成28年10月11日\n\n岡山市\n和気町\n\n")).toBe(true);
    expect(text).toContain("（目的）\n\n第1条 この連携協約は、");
    expect(text).toContain("甲 岡山市北区大供一丁目1番1号\n\n岡山市\n\n岡山市長\n\n大森 雅夫\n");
    expect(text).toContain("別表（第3条関係）\n\nI 圏域全体の経済成長のけん引\n\n圏域全体の戦略的な産業振興に向けた仕組みの構築\t\n取組内容\t圏域全体として");
  });
});

describe("renderProvision", () => {
  it("renders an article with its caption", () => {
    expect(renderProvision(resolveAddress(doc1, "article:3")!, "article:3")).toBe("（連携する取組及び役割分担）\n\n第3条 甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。");
  });
  it("renders a 取組 with its fields, a field, a section heading and plain parts", () => {
    const addr = "appendix:1/section:II/item:ESDによる人づくりとネットワーク化の推進";
    const text = renderProvision(resolveAddress(doc1, addr)!, addr);
    expect(text.split("\n")).toHaveLength(4);
    expect(text.startsWith("E S Dによる人づくりとネットワーク化の推進\t\n取組内容\t")).toBe(true);
    expect(renderProvision(resolveAddress(doc1, `${addr}/field:甲の役割`)!, `${addr}/field:甲の役割`)).toMatch(/^甲の役割\t/u);
    expect(renderProvision(resolveAddress(doc1, "appendix:1/section:II")!, "appendix:1/section:II").split("\n")[0]).toBe("II 高次の都市機能の集積・強化");
    expect(renderProvision(resolveAddress(doc1, "title")!, "title")).toBe(doc1.title);
    expect(renderProvision(resolveAddress(doc1, "date")!, "date")).toBe("平成28年10月11日");
  });
  it("renders a numbered paragraph with its items", () => {
    const p: Paragraph = { number: 2, text: "甲は、次に掲げる事務を行う。", items: [{ label: "(1)", text: "調整", items: [{ label: "ア", text: "連絡", items: [] }] }] };
    expect(renderProvision(p, "article:3/paragraph:2")).toBe("2 甲は、次に掲げる事務を行う。\n(1) 調整\nア 連絡");
  });
});

// ---------------------------------------------------------------------------------------
// Property: every generated document survives render → parse unchanged.

const CHARS = [..."圏域全体の経済成長取組連携実施観光教育福祉産業振興甲乙役割情報共有推進強化、。「」ESD，・"];
const text = (prefix: string): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 24 }).map((cs) => prefix + cs.join(""));

const wareki = fc.record({ y: fc.integer({ min: 2, max: 30 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }): JpDate => {
    const r = parseDate(`平成${y}年${m}月${d}日`);
    if (!r.ok) throw new Error("generator date");
    return r.value;
  });

const KATA = [..."アイウエオカキク"];
const items = (depth: number): fc.Arbitrary<Item[]> =>
  depth > 3 ? fc.constant([]) : fc.array(fc.tuple(text("事項"), items(depth + 1)), { maxLength: depth === 1 ? 3 : 2 }).map((xs) =>
    xs.map(([t, sub], i) => ({ label: depth === 1 ? `(${i + 1})` : depth === 2 ? KATA[i]! : `(${KATA[i]})`, text: t, items: sub })));

const article = (n: number): fc.Arbitrary<Article> =>
  fc.record({
    caption: fc.option(fc.constantFrom("目的", "基本方針", "費用分担", "連絡会議"), { nil: undefined }),
    paragraphs: fc.array(fc.tuple(text("甲及び乙は"), items(1)), { minLength: 1, maxLength: 3 }),
  }).map(({ caption, paragraphs }) => ({
    number: String(n),
    ...(caption !== undefined ? { caption } : {}),
    paragraphs: paragraphs.map(([t, its], i) => ({ number: i + 1, text: t, items: its })),
  }));

const FIELDS = ["取組内容", "甲の役割", "乙の役割"];
const section = (label: string): fc.Arbitrary<Section> =>
  fc.record({ title: text("圏域"), items: fc.array(fc.tuple(text("施策"), fc.array(text("内容"), { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 3 }) })
    .map(({ title, items: its }) => ({
      label, title,
      items: its.map(([name, texts], i) => ({ name: `${name}${i}`, fields: FIELDS.map((f, j) => ({ name: f, text: texts[j]! })) })),
    }));

const ROMAN = ["I", "II", "III"];
const appendix = (n: number, many: boolean): fc.Arbitrary<Appendix> =>
  fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(...ROMAN.slice(0, k).map(section))).map((sections) => ({
    number: n, heading: many ? `別表第${n}（第3条関係）` : "別表（第3条関係）", relatedTo: "第3条関係", sections,
  }));

const MUNI = ["岡山市", "和気町", "備前市", "赤磐市"];
const document: fc.Arbitrary<AgreementDocument> = fc.record({
  date: wareki,
  nParties: fc.integer({ min: 2, max: 3 }),
  nArticles: fc.integer({ min: 1, max: 4 }),
  nAppendices: fc.integer({ min: 0, max: 2 }),
  withSupplementary: fc.boolean(),
  head: fc.constantFrom("大森 雅夫", "山田太郎"),
}).chain((g) => fc.record({
  articles: fc.tuple(...Array.from({ length: g.nArticles }, (_, i) => article(i + 1))),
  appendices: g.nAppendices === 0 ? fc.constant([] as Appendix[]) : fc.tuple(...Array.from({ length: g.nAppendices }, (_, i) => appendix(i + 1, g.nAppendices > 1))),
  supplementary: fc.array(text("この協約は"), { minLength: 1, maxLength: 2 }),
}).map(({ articles, appendices, supplementary }): AgreementDocument => {
  const parties: Party[] = MUNI.slice(0, g.nParties).map((name, i) => ({ role: "甲乙丙"[i]!, name, address: `${name}役所${i + 1}番地`, office: `${name}長`, head: g.head }));
  return {
    title: "連携中枢都市圏形成に係る連携協約書",
    date: g.date,
    parties,
    name: `${parties.map((p) => p.name).join("及び")}における連携中枢都市圏形成に係る連携協約`,
    preamble: `${parties.map((p) => `${p.name}（以下「${p.role}」という。）`).join("及び")}は、次のとおり連携協約を締結する。`,
    articles,
    closing: "この連携協約の締結を証するため、本連携協約書を作成し、記名押印の上、各1通を保有する。",
    signedOn: g.date,
    appendices,
    ...(g.withSupplementary ? { supplementary: { heading: "附 則", paragraphs: supplementary.map((t, i) => ({ number: i + 1, text: t, items: [] })) } } : {}),
    unknown: [],
  };
}));

describe("property: parseAgreement(renderDocument(doc)) = doc", () => {
  it("holds for generated documents", () => {
    fc.assert(fc.property(document, (doc) => {
      const back = parseAgreement(renderDocument(doc));
      expect(back.issues).toEqual([]);
      expect(back.ok && back.value).toStrictEqual(doc);
    }), { numRuns: 200 });
  });
});
