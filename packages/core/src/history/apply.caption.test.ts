// 見出し (article captions) as the address `article:N/caption`: 「第5条の見出し中「A」を「B」に改める」,
// 「…の見出しを「（X）」に改める」, 「…に見出しとして「（X）」を付する」, 「…の見出しを削る」.
import { describe, expect, it } from "vitest";
import { resolveAddress } from "../model/address.js";
import { contentHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { applyOperation, partialDocument } from "./apply.js";
import { addressLabel } from "./labels.js";
import { summarizeOperation } from "./summary.js";
import { agreement } from "./testing.testkit.js";

const doc = agreement();
// 第2条 without a 見出し.
const noCaption: AgreementDocument = { ...doc, articles: doc.articles.map((a) => (a.number === "2" ? { number: a.number, paragraphs: a.paragraphs } : a)) };
const caption = (d: AgreementDocument, n: string): string | undefined => d.articles.find((a) => a.number === n)?.caption;

describe("the address article:N/caption", () => {
  it("resolves to the 見出し, or to nothing when the article has none", () => {
    expect(resolveAddress(doc, "article:1/caption")).toBe("見出し1");
    expect(resolveAddress(noCaption, "article:2/caption")).toBeUndefined();
    expect(resolveAddress(doc, "article:1/caption/paragraph:1")).toBeUndefined();
    expect(resolveAddress(doc, "article:1/paragraph:1/caption")).toBeUndefined();
    expect(resolveAddress(doc, "supplementary/caption")).toBeUndefined();
    expect(addressLabel("article:5の2/caption")).toBe("第5条の2の見出し");
  });
});

describe("applyOperation on a 見出し", () => {
  it("replaceText edits only the 見出し; text missing from it is rule.text-missing naming the 見出し", () => {
    const r = applyOperation(doc, { op: "replaceText", target: "article:1/caption", from: "見出し", to: "目的" });
    expect(r.ok && caption(r.value, "1")).toBe("目的1");
    expect(r.ok && r.value.articles[0]!.paragraphs).toBe(doc.articles[0]!.paragraphs);
    const miss = applyOperation(doc, { op: "replaceText", target: "article:1/caption", from: "連絡", to: "X" });
    expect(miss.ok).toBe(false);
    expect(miss.issues[0]).toMatchObject({ code: "rule.text-missing", location: { address: "article:1/caption" } });
    expect(miss.issues[0]?.message).toContain("第1条の見出し");
    // The paragraph text is not searched: 「見出し中」 means the 見出し only.
    const para = doc.articles[0]!.paragraphs[0]!.text.slice(0, 2);
    expect(applyOperation(doc, { op: "replaceText", target: "article:1/caption", from: para, to: "X" }).ok).toBe(false);
  });

  it("replace sets a 見出し the article has; one it lacks is rule.target-missing", () => {
    const r = applyOperation(doc, { op: "replace", target: "article:1/caption", node: "目的" });
    expect(r.ok && caption(r.value, "1")).toBe("目的");
    const lacks = applyOperation(noCaption, { op: "replace", target: "article:2/caption", node: "目的" });
    expect(lacks.ok).toBe(false);
    expect(lacks.issues[0]).toMatchObject({ code: "rule.target-missing", location: { address: "article:2/caption" } });
    expect(applyOperation(doc, { op: "replace", target: "article:1/caption", node: "" }).ok).toBe(false);
  });

  it("insert of a string into an article attaches a 見出し; an article that has one refuses it (rule.target-exists)", () => {
    const r = applyOperation(noCaption, { op: "insert", parent: "article:2", node: "連携" });
    expect(r.ok && caption(r.value, "2")).toBe("連携");
    const has = applyOperation(doc, { op: "insert", parent: "article:2", node: "連携" });
    expect(has.ok).toBe(false);
    expect(has.issues[0]).toMatchObject({ code: "rule.target-exists", location: { address: "article:2/caption" } });
    expect(applyOperation(noCaption, { op: "insert", parent: "article:2", after: "article:2/paragraph:1", node: "連携" }).ok).toBe(false);
  });

  it("delete removes the member, so the article equals one written without a 見出し", () => {
    const r = applyOperation(doc, { op: "delete", target: "article:2/caption" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect("caption" in r.value.articles[1]!).toBe(false);
    expect(contentHash(r.value)).toBe(contentHash(noCaption));
    expect(applyOperation(noCaption, { op: "delete", target: "article:2/caption" }).issues[0]?.code).toBe("rule.target-missing");
  });

  it("renumbering a 見出し is refused", () => {
    expect(applyOperation(doc, { op: "renumber", target: "article:1/caption", to: "article:2/caption" }).ok).toBe(false);
  });

  it("in a partial document (base not at hand) the change stays unknown, with a warning", () => {
    const r = applyOperation(partialDocument(), { op: "replaceText", target: "article:5/caption", from: "A", to: "B" });
    expect(r.ok && r.issues.map((i) => i.code)).toEqual(["history.unknown-part"]);
  });

  it("is summarised in the words of the 改め文", () => {
    expect(summarizeOperation({ op: "replaceText", target: "article:5/caption", from: "会議", to: "調整会議" })).toBe("第5条の見出し中「会議」を「調整会議」に改める");
    expect(summarizeOperation({ op: "replace", target: "article:5/caption", node: "連絡調整会議" })).toBe("第5条の見出しを「（連絡調整会議）」に改める");
    expect(summarizeOperation({ op: "insert", parent: "article:5", node: "連絡調整会議" })).toBe("第5条に見出しとして「（連絡調整会議）」を付する");
    expect(summarizeOperation({ op: "delete", target: "article:5/caption" })).toBe("第5条の見出しを削る");
  });
});
