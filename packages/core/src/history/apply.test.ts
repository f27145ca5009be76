import { describe, expect, it } from "vitest";
import { resolveAddress } from "../model/address.js";
import type { AgreementDocument, Article, Appendix, AppendixItem, Paragraph } from "../model/document.js";
import { applyOperation, DOCUMENT_PARTS } from "./apply.js";
import { agreement, appendix, article, measure } from "./testing.testkit.js";

const doc = agreement();

function value(r: ReturnType<typeof applyOperation>): AgreementDocument {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.value;
}

describe("applyOperation", () => {
  it("given a whole 別表 replacement, when applied, then the 別表 is the new one and the articles are shared", () => {
    const next = appendix({ I: ["新たな産業の創出"] });
    const out = value(applyOperation(doc, { op: "replace", target: "appendix:1", node: next }));
    expect(out.appendices[0]).toEqual(next);
    expect(out.articles).toBe(doc.articles);
    expect(Object.isFrozen(out.appendices[0]!.sections[0]!.items[0])).toBe(true);
    expect(doc.appendices[0]!.sections.length).toBe(3);
  });

  it("given 「第3条中「別表」を「別表第1」に改める」, when applied, then only 第3条 changes", () => {
    const out = value(applyOperation(doc, { op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }));
    expect(out.articles[2]!.paragraphs[0]!.text).toBe("甲及び乙が相互に連携する取組の内容及び役割分担は、別表第1に掲げるとおりとする。");
    expect(out.articles[0]).toBe(doc.articles[0]);
  });

  it("given a text that occurs twice, when replaced without occurrence, then both change; with occurrence 2, only the second", () => {
    const all = value(applyOperation(doc, { op: "replaceText", target: "article:6", from: "甲及び乙", to: "両者" }));
    expect(all.articles[5]!.paragraphs.map((p) => p.text).join("|")).not.toContain("甲及び乙");
    const second = value(applyOperation(doc, { op: "replaceText", target: "article:6", from: "甲及び乙", to: "両者", occurrence: 2 }));
    expect(second.articles[5]!.paragraphs[0]!.text).toContain("甲及び乙の協議");
    expect(second.articles[5]!.paragraphs[1]!.text).toBe("両者は、あらかじめ議会の議決を経なければならない。");
  });

  it("given a quoted text written without the source's spaces, when replaced, then the spaced original is found", () => {
    const out = value(applyOperation(doc, { op: "replaceText", target: "appendix:1/section:II", from: "ESDによる", to: "ESDを通じた" }));
    expect(out.appendices[0]!.sections[1]!.items[0]!.name).toBe("ESDを通じた人づくり");
  });

  it("given a text that does not occur, when replaced, then an error names the provision and the quoted text", () => {
    const r = applyOperation(doc, { op: "replaceText", target: "article:3", from: "存在しない語", to: "X" });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ severity: "error", code: "rule.text-missing", location: { address: "article:3" } });
    expect(r.issues[0]!.message).toContain("第3条");
    expect(r.issues[0]!.message).toContain("「存在しない語」");
  });

  it("given deleteText, when applied, then the words are removed", () => {
    const out = value(applyOperation(doc, { op: "deleteText", target: "article:5", text: "毎年度" }));
    expect(out.articles[4]!.paragraphs[0]!.text).toBe("甲及び乙の長は、会議を開催するものとする。");
  });

  it("given 「第6条を第7条とし、第5条の次に1条を加える」, when applied in order, then 第6条 is new and 第7条 is the old 第6条", () => {
    const renumbered = value(applyOperation(doc, { op: "renumber", target: "article:6", to: "article:7" }));
    const added = value(applyOperation(renumbered, { op: "insert", parent: "articles", after: "article:5", node: article("6", "新しい条") }));
    expect(added.articles.map((a) => a.number)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect((resolveAddress(added, "article:7") as Article).paragraphs[0]!.text).toContain("変更し、又は廃止");
    expect((resolveAddress(added, "article:6") as Article).paragraphs[0]!.text).toBe("新しい条");
  });

  it("given an insert before an article, a paragraph into an article and a 取組 into a section, when applied, then each lands in place", () => {
    const a = value(applyOperation(doc, { op: "insert", parent: "articles", before: "article:1", node: article("0", "前の条") }));
    expect(a.articles[0]!.number).toBe("0");
    const p: Paragraph = { number: 2, text: "第2項", items: [] };
    const b = value(applyOperation(doc, { op: "insert", parent: "article:3", node: p }));
    expect((resolveAddress(b, "article:3/paragraph:2") as Paragraph).text).toBe("第2項");
    const c = value(applyOperation(doc, { op: "insert", parent: "appendix:1/section:I", after: "appendix:1/section:I/item:産業振興", node: measure("販路開拓") }));
    expect(c.appendices[0]!.sections[0]!.items.map((i) => i.name)).toEqual(["産業振興", "販路開拓", "広域観光の推進"]);
  });

  it("given a new item under a paragraph and a new section and appendix, when inserted, then they are found by address", () => {
    const withItem = value(applyOperation(doc, { op: "insert", parent: "article:1/paragraph:1", node: { label: "(1)", text: "号", items: [] } }));
    expect(resolveAddress(withItem, "article:1/paragraph:1/item:(1)")).toMatchObject({ text: "号" });
    const withSection = value(applyOperation(doc, { op: "insert", parent: "appendix:1", node: { label: "IV", title: "新区分", items: [] } }));
    expect(resolveAddress(withSection, "appendix:1/section:IV")).toMatchObject({ title: "新区分" });
    const second: Appendix = { ...appendix({ I: ["x"] }, "別表第2"), number: 2 };
    const withAppendix = value(applyOperation(doc, { op: "insert", parent: "appendices", node: second }));
    expect(withAppendix.appendices.length).toBe(2);
  });

  it("given an Article inserted into a 別表 section, when applied, then it is refused as the wrong shape", () => {
    const r = applyOperation(doc, { op: "insert", parent: "appendix:1/section:I", node: article("9", "x") });
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.code).toBe("rule.invalid-operation");
  });

  it("given an insert of an article number that exists, when applied, then rule.target-exists", () => {
    const r = applyOperation(doc, { op: "insert", parent: "articles", node: article("3", "x") });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "rule.target-exists", location: { address: "article:3" } });
  });

  it("given a delete of a 取組, when applied, then it is gone and the other sections are shared", () => {
    const out = value(applyOperation(doc, { op: "delete", target: "appendix:1/section:III/item:公共施設の最適化" }));
    expect(out.appendices[0]!.sections[2]!.items.map((i: AppendixItem) => i.name)).toEqual(["子育て支援の充実"]);
    expect(out.appendices[0]!.sections[0]).toBe(doc.appendices[0]!.sections[0]);
  });

  it("given a target that does not exist, when applied, then rule.target-missing names 第7条", () => {
    for (const op of [
      { op: "delete", target: "article:7" },
      { op: "replace", target: "article:7", node: article("7", "x") },
      { op: "replaceText", target: "article:7", from: "a", to: "b" },
      { op: "renumber", target: "article:7", to: "article:8" },
      { op: "insert", parent: "articles", after: "article:7", node: article("8", "x") },
    ] as const) {
      const r = applyOperation(doc, op);
      expect(r.ok).toBe(false);
      expect(r.issues[0]).toMatchObject({ severity: "error", code: "rule.target-missing", location: { address: "article:7" } });
      expect(r.issues[0]!.message).toContain("第7条");
    }
  });

  it("given renumber to a number that exists or across levels, when applied, then it is refused", () => {
    expect(applyOperation(doc, { op: "renumber", target: "article:5", to: "article:6" }).issues[0]!.code).toBe("rule.target-exists");
    expect(applyOperation(doc, { op: "renumber", target: "article:5", to: "article:6/paragraph:1" }).issues[0]!.code).toBe("rule.invalid-operation");
  });

  it("given a paragraph renumber, when applied, then its number field changes", () => {
    const out = value(applyOperation(doc, { op: "renumber", target: "article:6/paragraph:2", to: "article:6/paragraph:3" }));
    expect(out.articles[5]!.paragraphs[1]!.number).toBe(3);
  });

  it("given a restatement, when applied, then the document is the restated one", () => {
    const restated = agreement({ title: "全部変更後の協約書", articles: [article("1", "唯一の条")] });
    const out = value(applyOperation(doc, { op: "restate", document: restated }));
    expect(out).toEqual(restated);
    expect(Object.isFrozen(out.articles[0])).toBe(true);
  });

  it("given a replacement of the title, when applied, then the title is the string given", () => {
    expect(value(applyOperation(doc, { op: "replace", target: "title", node: "新題名" })).title).toBe("新題名");
    expect(applyOperation(doc, { op: "replace", target: "title", node: article("1", "x") }).ok).toBe(false);
  });
});

describe("applyOperation on a partial document", () => {
  it("given no base text, when the 別表 is replaced, then the appendices are known and every other part is unknown", () => {
    const next = appendix({ I: ["新たな産業の創出"] });
    const out = value(applyOperation(undefined, { op: "replace", target: "appendix:1", node: next }));
    expect(out.appendices).toEqual([next]);
    expect(out.unknown).toEqual(DOCUMENT_PARTS.filter((p) => p !== "appendices"));
    expect(out.unknown).toEqual(expect.arrayContaining(["title", "name", "preamble", "articles", "closing", "parties"]));
  });

  it("given no base text, when a text edit targets 第3条, then 第3条 stays unknown with a warning and nothing is invented", () => {
    const r = applyOperation(undefined, { op: "replaceText", target: "article:3", from: "A", to: "B" });
    expect(r.ok).toBe(true);
    expect(r.issues[0]).toMatchObject({ severity: "warning", code: "history.unknown-part", location: { address: "article:3" } });
    expect(value(r).articles).toEqual([]);
    expect(value(r).unknown).toContain("articles");
  });

  it("given no base text, when 第3条 is replaced whole, then 第3条 is known but the articles stay listed as unknown", () => {
    const out = value(applyOperation(undefined, { op: "replace", target: "article:3", node: article("3", "新3条") }));
    expect(out.articles.map((a) => a.number)).toEqual(["3"]);
    expect(out.unknown).toContain("articles");
  });

  it("given an unknown title, when the title is replaced, then it becomes known", () => {
    const out = value(applyOperation(undefined, { op: "replace", target: "title", node: "題名" }));
    expect(out.title).toBe("題名");
    expect(out.unknown).not.toContain("title");
  });

  it("given no base text, when an article is inserted after an unknown one, then it is kept with an info note", () => {
    const r = applyOperation(undefined, { op: "insert", parent: "articles", after: "article:5", node: article("6", "新6条") });
    expect(value(r).articles.map((a) => a.number)).toEqual(["6"]);
    expect(r.issues[0]!.severity).toBe("info");
  });
});
