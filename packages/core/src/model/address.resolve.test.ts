import { describe, expect, it } from "vitest";
import { appendixItemAddress, articleAddress, paragraphAddress, readAddress, resolveAddress, sectionAddress, sectionKey } from "./address.js";
import { deepFreeze } from "./canonical.js";
import type { AgreementDocument } from "./document.js";

// A small agreement built by hand, shaped like the seed 連携協約書 (with a few extra parts).
const doc: AgreementDocument = deepFreeze({
  title: "連携中枢都市圏形成に係る連携協約書",
  date: { text: "平成28年10月11日", precision: "day", iso: "2016-10-11", year: 2016, month: 10, day: 11, era: { name: "平成", year: 28 } },
  parties: [
    { role: "甲", name: "岡 山 市", office: "岡山市長" },
    { role: "乙", name: "和気町" },
  ],
  name: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約",
  preamble: "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、…次のとおり連携協約を締結する。",
  articles: [
    { number: "1", caption: "目的", paragraphs: [{ number: 1, text: "この連携協約は、…", items: [] }] },
    {
      number: "3",
      caption: "連携する取組及び役割分担",
      paragraphs: [
        { number: 1, text: "甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。", items: [] },
        {
          number: 2,
          text: "次に掲げる事項は、協議して定める。",
          items: [
            { label: "(1)", text: "費用", items: [{ label: "ア", text: "負担割合", items: [] }] },
            { label: "(2)", text: "期間", items: [] },
          ],
        },
      ],
    },
    { number: "3の2", paragraphs: [{ number: 1, text: "枝番号の条", items: [] }] },
  ],
  closing: "この連携協約の締結を証するため、…",
  appendices: [
    {
      number: 1,
      heading: "別表（第3条関係）",
      relatedTo: "第3条関係",
      sections: [
        {
          label: "II",
          title: "高次の都市機能の集積・強化",
          items: [
            { name: "高度な中心拠点の強化", fields: [{ name: "取組内容", text: "…" }, { name: "甲の役割", text: "甲は…" }] },
            { name: "E S Dによる人づくりとネットワーク化の推進", fields: [{ name: "乙 の 役 割", text: "乙は…" }] },
          ],
        },
      ],
    },
    { number: 2, heading: "別表第2", sections: [{ label: "", title: "", items: [{ name: "a/b", fields: [] }] }] },
  ],
  supplementary: { heading: "附 則", paragraphs: [{ number: 1, text: "この協約は、令和7年4月1日から適用する。", items: [] }] },
  unknown: [],
});

const sectionII = doc.appendices[0]!.sections[0]!;

describe("resolveAddress", () => {
  it("finds document-level parts", () => {
    expect(resolveAddress(doc, "title")).toBe(doc.title);
    expect(resolveAddress(doc, "name")).toBe(doc.name);
    expect(resolveAddress(doc, "preamble")).toBe(doc.preamble);
    expect(resolveAddress(doc, "closing")).toBe(doc.closing);
    expect(resolveAddress(doc, "date")).toBe(doc.date);
    expect(resolveAddress(doc, "parties")).toBe(doc.parties);
    expect(resolveAddress(doc, "articles")).toBe(doc.articles);
    expect(resolveAddress(doc, "appendices")).toBe(doc.appendices);
    expect(resolveAddress(doc, "supplementary")).toBe(doc.supplementary);
  });

  it("finds parties by role", () => {
    expect(resolveAddress(doc, "party:甲")).toBe(doc.parties[0]);
    expect(resolveAddress(doc, "party:乙")).toBe(doc.parties[1]);
  });

  it("finds articles, paragraphs and nested items", () => {
    expect(resolveAddress(doc, articleAddress("3"))).toBe(doc.articles[1]);
    expect(resolveAddress(doc, "article:3の2")).toBe(doc.articles[2]);
    expect(resolveAddress(doc, paragraphAddress("3", 1))).toBe(doc.articles[1]!.paragraphs[0]);
    expect(resolveAddress(doc, "article:3/paragraph:2/item:(2)")).toBe(doc.articles[1]!.paragraphs[1]!.items[1]);
    expect(resolveAddress(doc, "article:3/paragraph:2/item:(1)/item:ア")).toBe(doc.articles[1]!.paragraphs[1]!.items[0]!.items[0]);
    // labels compare normalised: full-width parentheses and digits find (1)
    expect(resolveAddress(doc, "article:3/paragraph:2/item:（１）")).toBe(doc.articles[1]!.paragraphs[1]!.items[0]);
    expect(resolveAddress(doc, "article:３")).toBe(doc.articles[1]);
  });

  it("finds 別表 sections, 取組 and fields, with spaced names", () => {
    expect(resolveAddress(doc, "appendix:1")).toBe(doc.appendices[0]);
    expect(resolveAddress(doc, sectionAddress(1, "II"))).toBe(sectionII);
    expect(resolveAddress(doc, "appendix:1/section:Ⅱ")).toBe(sectionII);
    expect(resolveAddress(doc, "appendix:1/section:II/item:高度な中心拠点の強化")).toBe(sectionII.items[0]);
    expect(resolveAddress(doc, "appendix:1/section:II/item:高度な中心拠点の強化/field:取組内容")).toBe(sectionII.items[0]!.fields[0]);
    const esd = appendixItemAddress(1, "II", "E S Dによる人づくりとネットワーク化の推進");
    expect(esd).toBe("appendix:1/section:II/item:ESDによる人づくりとネットワーク化の推進");
    expect(resolveAddress(doc, esd)).toBe(sectionII.items[1]);
    expect(resolveAddress(doc, "appendix:1/section:II/item:E S Dによる人づくりとネットワーク化の推進")).toBe(sectionII.items[1]);
    expect(resolveAddress(doc, `${esd}/field:乙の役割`)).toBe(sectionII.items[1]!.fields[0]);
  });

  it("finds an unlabelled section by position and a name with a slash", () => {
    const sec = doc.appendices[1]!.sections[0]!;
    expect(sectionKey(sec, 0)).toBe("#1");
    expect(resolveAddress(doc, "appendix:2/section:#1")).toBe(sec);
    expect(appendixItemAddress(2, "#1", "a/b")).toBe("appendix:2/section:#1/item:a%2Fb");
    expect(resolveAddress(doc, "appendix:2/section:#1/item:a%2Fb")).toBe(sec.items[0]);
  });

  it("finds 附則 paragraphs", () => {
    expect(resolveAddress(doc, "supplementary/paragraph:1")).toBe(doc.supplementary!.paragraphs[0]);
  });

  it.each([
    "article:9",
    "article:3/paragraph:3",
    "article:3/paragraph:2/item:(3)",
    "article:3/paragraph:2/item:(1)/item:イ",
    "article:3/item:(1)",
    "article:3/section:II",
    "party:丙",
    "appendix:3",
    "appendix:1/section:IV",
    "appendix:1/section:II/item:存在しない取組",
    "appendix:1/section:II/item:高度な中心拠点の強化/field:丙の役割",
    "appendix:1/item:高度な中心拠点の強化",
    "supplementary/paragraph:2",
    "supplementary/item:1",
    "signedOn",
    "chapter:1",
    "",
    "title/extra",
  ])("returns undefined for %j", (address) => {
    expect(resolveAddress(doc, address)).toBeUndefined();
  });

  it("returns undefined for parts a document does not have", () => {
    const bare: AgreementDocument = { title: "t", parties: [], preamble: "", articles: [], appendices: [], unknown: ["articles"] };
    expect(resolveAddress(bare, "supplementary")).toBeUndefined();
    expect(resolveAddress(bare, "supplementary/paragraph:1")).toBeUndefined();
    expect(resolveAddress(bare, "closing")).toBeUndefined();
    expect(resolveAddress(bare, "article:1")).toBeUndefined();
  });
});

describe("readAddress: provisions as people write them", () => {
  it.each([
    ["第3条", "article:3"],
    ["第三条", "article:3"],
    ["第３条", "article:3"],
    ["第3条の2", "article:3の2"],
    ["第三条の二", "article:3の2"],
    ["第1条の見出し", "article:1/caption"],
    ["第3条第2項", "article:3/paragraph:2"],
    ["第3条第2項第1号", "article:3/paragraph:2/item:1"],
    ["第三条第二項第二号", "article:3/paragraph:2/item:2"],
    ["第3条第1号", "article:3/paragraph:1/item:1"],
    ["別表", "appendix:1"],
    ["別表第2", "appendix:2"],
    ["別表第二", "appendix:2"],
    ["別表II", "appendix:1/section:II"],
    ["別表Ⅱ", "appendix:1/section:II"],
    ["別表II中「高度な中心拠点の強化」の項", "appendix:1/section:II/item:高度な中心拠点の強化"],
    ["別表II中「高度な中心拠点の強化」の取組", "appendix:1/section:II/item:高度な中心拠点の強化"],
    ["附則", "supplementary"],
    ["附則第1項", "supplementary/paragraph:1"],
    ["前文", "preamble"],
    ["題名", "title"],
    ["article:3/paragraph:2", "article:3/paragraph:2"],
  ])("%s → %s", (written, address) => {
    expect(readAddress(written)).toBe(address);
  });

  it.each(["第3章", "第0条", "第3条第2節", "別表第2中「x」の項", "三条", "", "chapter:1"])("refuses %j", (written) => {
    expect(readAddress(written)).toBeUndefined();
  });

  it("resolves what it reads to the same node as the scheme, a 号 by its number against the label as written", () => {
    expect(resolveAddress(doc, readAddress("第三条第2項")!)).toBe(doc.articles[1]!.paragraphs[1]);
    expect(resolveAddress(doc, readAddress("第3条第2項第1号")!)).toBe(doc.articles[1]!.paragraphs[1]!.items[0]);
    expect(resolveAddress(doc, readAddress("第3条第2項第2号")!)).toBe(doc.articles[1]!.paragraphs[1]!.items[1]);
    expect(resolveAddress(doc, readAddress("第3条の2")!)).toBe(doc.articles[2]);
    expect(resolveAddress(doc, readAddress("別表II中「E S Dによる人づくりとネットワーク化の推進」の項")!)).toBe(sectionII.items[1]);
    expect(resolveAddress(doc, readAddress("別表第2")!)).toBe(doc.appendices[1]);
    expect(resolveAddress(doc, readAddress("附則第1項")!)).toBe(doc.supplementary!.paragraphs[0]);
  });
});
