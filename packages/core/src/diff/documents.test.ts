import jsonpatch from "fast-json-patch";
import { castDraft, produce } from "immer";
import { describe, expect, it } from "vitest";
import type { AgreementDocument } from "../model/document.js";
import { canonicalJson } from "../model/canonical.js";
import { diffDocuments, EMPTY_DOCUMENT } from "./documents.js";
import type { DiffStats } from "./hash.js";
import { article, largeDocument, measure, sampleDocument } from "./diff.testkit.js";
import type { JsonPatchOperation } from "./types.js";

const apply = (doc: AgreementDocument, patch: readonly JsonPatchOperation[]): unknown =>
  jsonpatch.applyPatch(structuredClone(doc), patch as jsonpatch.Operation[], true, true).newDocument;

/** Applying the patch must give `after` exactly (same canonical JSON). */
function expectPatchWorks(before: AgreementDocument, after: AgreementDocument, patch: readonly JsonPatchOperation[]): void {
  const got = apply(before, patch);
  expect(got).toEqual(after);
  expect(canonicalJson(got)).toBe(canonicalJson(after));
}

const base = sampleDocument([
  { label: "I", title: "圏域全体の経済成長のけん引", items: [measure("強みをいかした新たな産業の創出・育成", "新たな産業の創出や育成に取り組む。"), measure("地域資源をいかした商品や農産物の販路開拓・拡大", "販路の開拓・拡大に取り組む。")] },
  { label: "II", title: "高次の都市機能の集積・強化", items: [measure("E S Dによる人づくりとネットワーク化の推進", "E S Dによる人づくりに取り組む。")] },
]);

describe("diffDocuments", () => {
  it("Given the same document, When diffed, Then patch and changes are empty", () => {
    expect(diffDocuments(base, base)).toEqual({ patch: [], changes: [] });
    expect(diffDocuments(base, structuredClone(base))).toEqual({ patch: [], changes: [] });
  });

  it("Given a 取組 whose 取組内容 changed, When diffed, Then one replaced change at its address and an exact patch", () => {
    const after = produce(base, (d) => {
      d.appendices[0]!.sections[1]!.items[0]!.fields[0]!.text = "E S Dによる人づくりとネットワーク化に取り組む。";
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ address: "appendix:1/section:II/item:ESDによる人づくりとネットワーク化の推進", level: "appendixItem", change: "replaced" });
    expect(patch).toEqual([{ op: "replace", path: "/appendices/0/sections/1/items/0/fields/0/text", value: "E S Dによる人づくりとネットワーク化に取り組む。" }]);
    expectPatchWorks(base, after, patch);
  });

  it("Given a renamed 取組 (similar name), When diffed, Then it is replaced with its old address, not removed and added", () => {
    const after = produce(base, (d) => {
      d.appendices[0]!.sections[0]!.items[1]!.name = "地域資源を活かした商品や農産物の販路開拓・拡大";
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes).toEqual([
      expect.objectContaining({
        address: "appendix:1/section:I/item:地域資源を活かした商品や農産物の販路開拓・拡大",
        beforeAddress: "appendix:1/section:I/item:地域資源をいかした商品や農産物の販路開拓・拡大",
        change: "replaced",
      }),
    ]);
    expectPatchWorks(base, after, patch);
  });

  it("Given a 取組 removed and an unrelated one added, When diffed, Then removed and added in document order", () => {
    const after = produce(base, (d) => {
      d.appendices[0]!.sections[0]!.items.splice(0, 1, castDraft(measure("新たな産業の創出及び地域産業の振興", "地域産業の振興に取り組む。")));
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes.map((c) => [c.change, c.address])).toEqual([
      ["removed", "appendix:1/section:I/item:強みをいかした新たな産業の創出・育成"],
      ["added", "appendix:1/section:I/item:新たな産業の創出及び地域産業の振興"],
    ]);
    expectPatchWorks(base, after, patch);
  });

  it("Given a 取組 that changed section, When diffed, Then it is moved with movedFrom", () => {
    const after = produce(base, (d) => {
      const [m] = d.appendices[0]!.sections[0]!.items.splice(0, 1);
      d.appendices[0]!.sections[1]!.items.push(m!);
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes).toEqual([
      expect.objectContaining({
        change: "moved",
        level: "appendixItem",
        address: "appendix:1/section:II/item:強みをいかした新たな産業の創出・育成",
        movedFrom: "appendix:1/section:I/item:強みをいかした新たな産業の創出・育成",
      }),
    ]);
    expectPatchWorks(base, after, patch);
  });

  it("Given 第5条 deleted and 第6条 renumbered 第5条, When diffed, Then 第5条 removed and 第6条 moved to 第5条", () => {
    const after = produce(base, (d) => {
      d.articles.splice(4, 1);
      d.articles[4]!.number = "5";
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes.map((c) => [c.change, c.address, c.movedFrom])).toEqual([
      ["removed", "article:5", undefined],
      ["moved", "article:5", "article:6"],
    ]);
    expectPatchWorks(base, after, patch);
  });

  it("Given a new 見出し and a new 第2項, When diffed, Then the article is replaced and the paragraph added", () => {
    const after = produce(base, (d) => {
      d.articles[3]!.caption = "費用の分担";
      d.articles[3]!.paragraphs.push({ number: 2, text: "前項の費用は、毎年度協議する。", items: [] });
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes.map((c) => [c.change, c.level, c.address])).toEqual([
      ["replaced", "article", "article:4"],
      ["added", "paragraph", "article:4/paragraph:2"],
    ]);
    expectPatchWorks(base, after, patch);
  });

  it("Given document-level edits, When diffed, Then title, 前文 and 附則 are reported by their addresses", () => {
    const after = produce(base, (d) => {
      d.title = "連携中枢都市圏形成に係る連携協約書（変更後）";
      d.supplementary = { heading: "附 則", paragraphs: [{ number: 1, text: "この協約は、令和7年4月1日から適用する。", items: [] }] };
      d.parties[1]!.head = "";
      d.articles.push(castDraft(article("7", "雑則", "この協約に定めのない事項は、協議して定める。")));
    });
    const { patch, changes } = diffDocuments(base, after);
    expect(changes.map((c) => [c.change, c.level, c.address])).toEqual([
      ["replaced", "document", "title"],
      ["replaced", "party", "party:乙"],
      ["added", "article", "article:7"],
      ["added", "supplementary", "supplementary"],
    ]);
    expectPatchWorks(base, after, patch);
  });

  it("Given the empty document, When diffed against a document, Then every part is added", () => {
    const { patch, changes } = diffDocuments(EMPTY_DOCUMENT, base);
    expect(new Set(changes.map((c) => c.change))).toEqual(new Set(["added"]));
    expect(changes.map((c) => c.address)).toEqual([
      "title", "date", "party:甲", "party:乙", "name", "preamble",
      "article:1", "article:2", "article:3", "article:4", "article:5", "article:6", "closing", "appendix:1",
    ]);
    expectPatchWorks(EMPTY_DOCUMENT, base, patch);
  });
});

describe("diffDocuments cost (hash skipping)", () => {
  const big = largeDocument(10, 200); // 2,000 取組
  const changed = produce(big, (d) => {
    d.appendices[0]!.sections[7]!.items[123]!.fields[2]!.text = "甲と連携して取り組む。";
  });

  it("Given 2,000 取組 and one changed (immer, shared structure), When diffed, Then only the changed path is hashed and descended", () => {
    const stats: DiffStats = { hashed: 0, descended: 0 };
    const { changes } = diffDocuments(big, changed, { stats });
    expect(changes.map((c) => c.address)).toEqual(["appendix:1/section:VIII/item:取組7-123"]);
    // Only the changed 取組's fields are hashed; the walk descends document → 別表 → section → 取組.
    expect(stats.hashed).toBeLessThanOrEqual(8);
    expect(stats.descended).toBe(4);
  });

  it("Given the same edit on an unshared copy, When diffed, Then the counters do see the whole document (the counting is real)", () => {
    const stats: DiffStats = { hashed: 0, descended: 0 };
    const copy = structuredClone(changed); // unfrozen, no shared identity
    const { changes } = diffDocuments(big, copy, { stats });
    expect(changes.map((c) => c.address)).toEqual(["appendix:1/section:VIII/item:取組7-123"]);
    expect(stats.hashed).toBeGreaterThan(2000);
    expect(stats.descended).toBeGreaterThan(2000);
  });

  it("Given one change more, When diffed, Then the cost grows with the change, not the document", () => {
    const two = produce(changed, (d) => {
      d.appendices[0]!.sections[2]!.items[5]!.name = "取組2-5 改";
    });
    const one: DiffStats = { hashed: 0, descended: 0 };
    const both: DiffStats = { hashed: 0, descended: 0 };
    diffDocuments(big, changed, { stats: one });
    const { changes } = diffDocuments(big, two, { stats: both });
    expect(changes).toHaveLength(2);
    expect(both.hashed).toBeLessThanOrEqual(one.hashed + 8);
  });
});
