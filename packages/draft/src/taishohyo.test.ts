import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyOperation, canonicalJson, normalizeText, type AgreementDocument, type Article } from "@kyoyaku/core";
import { parseAgreement, parseText } from "@kyoyaku/text";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeTaishohyo } from "./taishohyo.js";

const SEED = fileURLToPath(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url));
const seed = (): AgreementDocument => {
  const r = parseAgreement(readFileSync(SEED, "utf8"));
  if (!r.ok) throw new Error("seed 1 does not parse");
  return r.value;
};
const BASE = { id: "岡山市-和気町", concludedOn: "2016-10-11" } as const;

/** Read a written draft back against `before` and apply what it says. */
function readBack(before: AgreementDocument, text: string): AgreementDocument {
  const r = parseText(text, { file: "draft.txt", base: before });
  if (!r.ok) throw new Error(`${r.issues.map((i) => `${i.location.line ?? ""} ${i.code} ${i.message}`).join("\n")}\n---\n${text}`);
  if (r.value.event.payload.kind !== "amend") throw new Error("not an amendment");
  return r.value.event.payload.operations.reduce((d, o) => {
    const a = applyOperation(d, o);
    if (!a.ok) throw new Error(`${o.op}: ${a.issues.map((i) => i.message).join(" ")}\n---\n${text}`);
    return a.value;
  }, before);
}

type Doc = { -readonly [K in keyof AgreementDocument]: AgreementDocument[K] };
const WORDS = ["速やかに", "必要に応じて", "協議の上", "原則として", "相互に"];
const renumbered = (a: Article, n: number): Article => ({ ...a, number: String(n) });

/** Edits a 法規担当 makes on seed 1: words, 見出し, 条 (added, removed, renumbered), 項, 別表 (fields, 取組, 区分). */
const edit = fc.oneof(
  fc.record({ kind: fc.constant("word" as const), article: fc.nat(5), at: fc.nat(200), word: fc.constantFrom(...WORDS) }),
  fc.record({ kind: fc.constant("cut" as const), article: fc.nat(5), at: fc.nat(200), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant("caption" as const), article: fc.nat(5), word: fc.constantFrom("等", "及び評価") }),
  fc.record({ kind: fc.constant("dropCaption" as const), article: fc.nat(5) }),
  fc.record({ kind: fc.constant("insertArticle" as const), after: fc.nat(5), renumber: fc.boolean() }),
  fc.record({ kind: fc.constant("deleteArticle" as const), article: fc.nat(5), renumber: fc.boolean() }),
  fc.record({ kind: fc.constant("addParagraph" as const), article: fc.nat(5) }),
  fc.record({ kind: fc.constant("dropParagraph" as const), article: fc.nat(5) }),
  fc.record({ kind: fc.constant("field" as const), section: fc.nat(2), item: fc.nat(8), field: fc.nat(2), word: fc.constantFrom(...WORDS) }),
  fc.record({ kind: fc.constant("addItem" as const), section: fc.nat(2), at: fc.nat(8) }),
  fc.record({ kind: fc.constant("dropItem" as const), section: fc.nat(2), item: fc.nat(8) }),
  fc.record({ kind: fc.constant("sectionTitle" as const), section: fc.nat(2) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(d: AgreementDocument, e: Edit): AgreementDocument {
  const doc = structuredClone(d) as Doc;
  const arts = [...doc.articles] as Article[];
  const art = "article" in e ? e.article % arts.length : 0;
  const sections = doc.appendices[0]!.sections;
  const sec = "section" in e ? e.section % sections.length : 0;
  switch (e.kind) {
    case "word": case "cut": {
      const a = arts[art]!;
      const p = a.paragraphs[0]!;
      const at = e.at % (p.text.length + 1);
      const text = e.kind === "word" ? p.text.slice(0, at) + e.word + p.text.slice(at) : p.text.slice(0, at) + p.text.slice(at + e.length);
      if (text.trim() === "" || normalizeText(text) === normalizeText(p.text)) return d;
      arts[art] = { ...a, paragraphs: [{ ...p, text }, ...a.paragraphs.slice(1)] };
      break;
    }
    case "caption": {
      const a = arts[art]!;
      arts[art] = { ...a, caption: `${a.caption ?? "事項"}${e.word}` };
      break;
    }
    case "dropCaption": {
      const { caption: _dropped, ...rest } = arts[art]!;
      arts[art] = rest;
      break;
    }
    case "insertArticle": {
      const i = e.after % arts.length;
      const n = arts[i]!.number;
      const node: Article = { number: e.renumber ? String(Number(n) + 1) : `${n}の2`, caption: "事務局", paragraphs: [{ number: 1, text: "第5条の会議の事務局は、甲に置く。", items: [] }] };
      if (e.renumber && arts.some((a) => a.number.includes("の"))) return d;
      const tail = arts.slice(i + 1).map((a) => (e.renumber ? renumbered(a, Number(a.number) + 1) : a));
      if (!e.renumber && arts.some((a) => a.number === node.number)) return d;
      doc.articles = [...arts.slice(0, i + 1), node, ...tail];
      return doc;
    }
    case "deleteArticle": {
      if (arts.length < 2) return d;
      if (e.renumber && arts.some((a) => a.number.includes("の"))) return d;
      const tail = arts.slice(art + 1).map((a) => (e.renumber ? renumbered(a, Number(a.number) - 1) : a));
      doc.articles = [...arts.slice(0, art), ...tail];
      return doc;
    }
    case "addParagraph": {
      const a = arts[art]!;
      arts[art] = { ...a, paragraphs: [...a.paragraphs, { number: a.paragraphs.length + 1, text: "前項の規定にかかわらず、甲及び乙が協議して別に定めることができる。", items: [] }] };
      break;
    }
    case "dropParagraph": {
      const a = arts[art]!;
      if (a.paragraphs.length < 2) return d;
      arts[art] = { ...a, paragraphs: a.paragraphs.slice(0, -1) };
      break;
    }
    case "field": case "addItem": case "dropItem": case "sectionTitle": {
      const s = sections[sec]!;
      const items = [...s.items];
      if (e.kind === "field") {
        const it = items[e.item % items.length]!;
        const f = it.fields[e.field % it.fields.length]!;
        items[e.item % items.length] = { ...it, fields: it.fields.map((x) => (x === f ? { ...x, text: `${e.word}${x.text}` } : x)) };
      } else if (e.kind === "addItem") {
        const name = `圏域の防災力の強化${items.length}`;
        items.splice(e.at % (items.length + 1), 0, { name, fields: [{ name: "取組内容", text: "大規模災害に備え、相互応援の体制を整える。" }, { name: "甲の役割", text: "乙と連携し、防災力の強化に取り組む。" }, { name: "乙の役割", text: "甲と連携し、防災力の強化に取り組む。" }] });
      } else if (e.kind === "dropItem") {
        if (items.length < 2) return d;
        items.splice(e.item % items.length, 1);
      }
      const title = e.kind === "sectionTitle" ? `${s.title}及び発展` : s.title;
      doc.appendices = [{ ...doc.appendices[0]!, sections: sections.map((x) => (x === s ? { ...s, title, items } : x)) }];
      return doc;
    }
  }
  doc.articles = arts;
  return doc;
}

describe("writeTaishohyo", () => {
  it("the law: reading what it writes and applying it to before gives after (generated edits on seed 1)", () => {
    const before = seed();
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), (edits, signed) => {
      const after = edits.reduce(applyEdit, before);
      fc.pre(canonicalJson(after) !== canonicalJson(before));
      const w = writeTaishohyo({ ...BASE, before }, before, after, { appliesFrom: "2025-04-01", ...(signed ? { signedOn: "2025-03-25" } : {}) });
      if (!w.ok) throw new Error(JSON.stringify(w.issues));
      expect(canonicalJson(readBack(before, w.value.text))).toBe(canonicalJson(after));
    }), { numRuns: 120 });
  });

  it("writes a draft a 法規担当 recognises: 案, 前文 naming the 締結日, (略) ranges, 【】 on the changed words, 附則, 署名欄", () => {
    const before = seed();
    const at = before.articles[4]!.paragraphs[0]!.text.indexOf("会議を開催");
    const after = applyEdit(applyEdit(before, { kind: "insertArticle", after: 4, renumber: true }), { kind: "word", article: 4, at, word: "1回以上" });
    const w = writeTaishohyo({ ...BASE, before }, before, after, { appliesFrom: "2025-04-01" });
    if (!w.ok) throw new Error(JSON.stringify(w.issues));
    expect(w.value.text).toMatchSnapshot();
  });

  it("a ただし書 for a provision with its own 適用日, read back onto that provision's operations", () => {
    const before = seed();
    const after = applyEdit(applyEdit(before, { kind: "caption", article: 3, word: "等" }), { kind: "addParagraph", article: 5 });
    const w = writeTaishohyo({ ...BASE, before }, before, after, { appliesFrom: "2025-04-01", signedOn: "2025-03-25", provisionDates: { "article:6": "2025-10-01" } });
    if (!w.ok) throw new Error(JSON.stringify(w.issues));
    // The same 附則 as the 改め文 draft's: one ただし書.
    expect(w.value.text).toContain("この変更連携協約は、令和7年4月1日から適用する。ただし、第6条の改正規定は、令和7年10月1日から適用する。");
    const r = parseText(w.value.text, { base: before });
    if (!r.ok || r.value.event.payload.kind !== "amend") throw new Error("not read");
    expect(r.value.event.payload.operations.map((o) => [o.op === "restate" ? "" : o.op === "insert" ? o.parent : o.target, o.appliesFrom])).toEqual([["article:4", undefined], ["article:6", "2025-10-01"]]);
  });

  it("refuses what a table of provisions cannot state, and text holding its marks", () => {
    const before = seed();
    const r1 = writeTaishohyo({ ...BASE, before }, before, { ...before, preamble: `${before.preamble}（改）` }, { appliesFrom: "2025-04-01" });
    expect(r1.ok ? undefined : r1.issues[0]!.code).toBe("draft.taishohyo-unsupported");
    const r2 = writeTaishohyo({ ...BASE, before }, before, before, { appliesFrom: "2025-04-01" });
    expect(r2.ok ? undefined : r2.issues[0]!.code).toBe("draft.no-change");
    const marked = applyEdit(before, { kind: "word", article: 0, at: 3, word: "速やかに" });
    const withMark = { ...marked, articles: marked.articles.map((a, i) => (i === 0 ? { ...a, paragraphs: [{ ...a.paragraphs[0]!, text: `【注】${a.paragraphs[0]!.text}` }] } : a)) };
    const r3 = writeTaishohyo({ ...BASE, before }, before, withMark, { appliesFrom: "2025-04-01" });
    expect(r3.ok ? undefined : r3.issues[0]!.code).toBe("draft.taishohyo-unwritable");
  });
});
