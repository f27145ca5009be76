import fc from "fast-check";
import { castDraft, type Draft } from "immer";
import { describe, expect, it } from "vitest";
import type { Operation } from "../events/types.js";
import { canonicalJson, deepFreeze, isDeepFrozen } from "../model/canonical.js";
import type { AgreementDocument, Article, Item } from "../model/document.js";
import { isKyoyakuError } from "../model/errors.js";
import { applyOperation } from "./apply.js";
import { editDocument } from "./edit.js";
import { agreement, article, measure } from "./testing.testkit.js";

const items = (...texts: string[]): Item[] => texts.map((text, i) => ({ label: `(${i + 1})`, text, items: [] }));

/** Seed-1-like agreement with a 条 of 号 (第7条) and a 附則, deep-frozen as versions are. */
const base: AgreementDocument = deepFreeze(agreement({
  articles: [
    ...agreement().articles,
    { number: "7", caption: "連携する事務", paragraphs: [{ number: 1, text: "甲及び乙は、次に掲げる事務について連携する。", items: items("産業の振興に関する事務", "観光の推進に関する事務", "子育て支援に関する事務") }] },
  ],
  supplementary: { heading: "附 則", paragraphs: [{ number: 1, text: "この連携協約は、平成28年10月11日から適用する。", items: [] }] },
}));

/** Core's own apply, operation by operation. */
function replay(doc: AgreementDocument, operations: readonly Operation[]): AgreementDocument {
  let d = doc;
  for (const op of operations) {
    const r = applyOperation(d, op);
    if (!r.ok) throw new Error(`${JSON.stringify(op)}: ${r.issues.map((i) => i.message).join("; ")}`);
    d = r.value;
  }
  return d;
}

/** Renumber articles from index `from` on to their position (第N条 after an insert or delete). */
function renumberArticles(d: Draft<AgreementDocument>, from: number): void {
  for (let i = from; i < d.articles.length; i++) d.articles[i]!.number = String(i + 1);
}

describe("editDocument", () => {
  it("Given a word changed in a one-項 条, Then one replaceText quoting whole words at the 条", () => {
    const { after, operations } = editDocument(base, (d) => {
      d.articles[3]!.paragraphs[0]!.text = "費用及びその負担については、甲及び乙が協議して定める。";
    });
    expect(operations).toEqual([{ op: "replaceText", target: "article:4", from: "分担", to: "負担" }]);
    expect(after.articles[3]!.paragraphs[0]!.text).toBe("費用及びその負担については、甲及び乙が協議して定める。");
    expect(isDeepFrozen(after)).toBe(true);
    expect(after.articles[0]).toBe(base.articles[0]); // untouched provisions shared
  });

  it("Given a quote that occurs twice in the 項, Then the quote is widened until it is unique", () => {
    const { operations } = editDocument(base, (d) => {
      d.articles[5]!.paragraphs[1]!.text = "甲及び乙は、あらかじめ議会の議決を経るものとする。";
    });
    expect(operations).toHaveLength(1);
    const op = operations[0]!;
    expect(op).toMatchObject({ op: "replaceText", target: "article:6/paragraph:2" });
    expect(canonicalJson(replay(base, operations))).toBe(canonicalJson(editDocument(base, (d) => { d.articles[5]!.paragraphs[1]!.text = "甲及び乙は、あらかじめ議会の議決を経るものとする。"; }).after));
  });

  it("Given 第5条 deleted and the later 条 renumbered, Then 「第5条を削り、第6条を第5条とし…」", () => {
    const { operations } = editDocument(base, (d) => {
      d.articles.splice(4, 1);
      renumberArticles(d, 4);
    });
    expect(operations).toEqual([
      { op: "delete", target: "article:5" },
      { op: "renumber", target: "article:6", to: "article:5" },
      { op: "renumber", target: "article:7", to: "article:6" },
    ]);
  });

  it("Given a 条 inserted after 第2条, Then the later 条 are renumbered from the last and the new one inserted", () => {
    const added: Article = article("3", "甲及び乙は、連携の状況を公表するものとする。");
    const { operations, after } = editDocument(base, (d) => {
      d.articles.splice(2, 0, castDraft(added));
      renumberArticles(d, 3);
    });
    expect(operations.map((o) => (o.op === "renumber" ? `${o.target}→${o.to}` : o.op))).toEqual([
      "article:7→article:8", "article:6→article:7", "article:5→article:6", "article:4→article:5", "article:3→article:4", "insert",
    ]);
    expect(operations[5]).toEqual({ op: "insert", parent: "articles", after: "article:2", node: after.articles[2] });
  });

  it("Given 見出し added, changed and removed, Then insert, replace and delete of the caption", () => {
    const { operations } = editDocument(base, (d) => {
      delete d.articles[0]!.caption;
      d.articles[1]!.caption = "連携の原則";
    });
    expect(operations).toEqual([
      { op: "delete", target: "article:1/caption" },
      { op: "replace", target: "article:2/caption", node: "連携の原則" },
    ]);
    const bare = deepFreeze(agreement({ articles: [{ number: "1", paragraphs: [{ number: 1, text: "目的", items: [] }] }] }));
    expect(editDocument(bare, (d) => { d.articles[0]!.caption = "目的"; }).operations).toEqual([{ op: "insert", parent: "article:1", node: "目的" }]);
  });

  it("Given a 号 deleted and the later 号 relabelled, Then delete and renumber of the 号", () => {
    const { operations } = editDocument(base, (d) => {
      const p = d.articles[6]!.paragraphs[0]!;
      p.items.splice(0, 1);
      p.items.forEach((it, i) => { it.label = `(${i + 1})`; });
    });
    expect(operations).toEqual([
      { op: "delete", target: "article:7/paragraph:1/item:(1)" },
      { op: "renumber", target: "article:7/paragraph:1/item:(2)", to: "article:7/paragraph:1/item:(1)" },
      { op: "renumber", target: "article:7/paragraph:1/item:(3)", to: "article:7/paragraph:1/item:(2)" },
    ]);
  });

  it("Given a 取組 added to 別表 section II and one deleted, Then insert after its predecessor and delete", () => {
    const { operations } = editDocument(base, (d) => {
      d.appendices[0]!.sections[1]!.items.push(castDraft(measure("高度な中心拠点の強化")));
      d.appendices[0]!.sections[2]!.items.splice(1, 1);
    });
    expect(operations.map((o) => [o.op, "target" in o ? o.target : o.op === "insert" ? `${o.parent} after ${o.after}` : ""])).toEqual([
      ["insert", "appendix:1/section:II after appendix:1/section:II/item:ESDによる人づくり"],
      ["delete", "appendix:1/section:III/item:公共施設の最適化"],
    ]);
  });

  it("Given the numbers of two 条 swapped, Then one is deleted and inserted again (no operation swaps)", () => {
    const edit = editDocument(base, (d) => {
      const [a, b] = [d.articles[0]!, d.articles[1]!];
      d.articles[0] = b;
      d.articles[1] = a;
      renumberArticles(d, 0);
    });
    expect(canonicalJson(replay(base, edit.operations))).toBe(canonicalJson(edit.after));
  });

  // Planning costs little beside core's apply of the same operations (1,000 条: 2.5 s, of which apply 2.2 s).
  it("Given 500 条 and one inserted first (all renumbered), Then 500 renumbers from the last and one insert, in seconds at most", () => {
    const big = deepFreeze(agreement({ articles: Array.from({ length: 500 }, (_x, i) => article(String(i + 1), `第${i + 1}条の本文である。`)) }));
    const t = Date.now();
    const { operations, after } = editDocument(big, (d) => {
      d.articles.unshift(castDraft(article("1", "新たに加える条である。")));
      renumberArticles(d, 1);
    });
    const ms = Date.now() - t;
    expect(operations).toHaveLength(501);
    expect(operations[0]).toEqual({ op: "renumber", target: "article:500", to: "article:501" });
    expect(operations[499]).toEqual({ op: "renumber", target: "article:1", to: "article:2" });
    expect(operations[500]).toMatchObject({ op: "insert", parent: "articles", before: "article:2" });
    expect(after.articles[1]!.paragraphs).toBe(big.articles[0]!.paragraphs);
    expect(ms).toBeLessThan(10_000);
  });

  it("Given an edit of `unknown`, Then input.invalid (no amendment changes what is not known)", () => {
    try {
      editDocument(base, (d) => { d.unknown.push("articles"); });
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
    }
  });

  it("Given a member the model does not have added to a 条, Then input.invalid naming the part (the operations cannot say it)", () => {
    try {
      editDocument(base, (d) => { (d.articles[0] as unknown as Record<string, unknown>).note = "メモ"; });
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
      expect((e as Error).message).toContain("articles");
    }
  });

  it("Given a recipe that changes nothing, Then no operation and the same document", () => {
    const r = editDocument(base, () => {});
    expect(r.operations).toEqual([]);
    expect(r.after).toBe(base);
  });
});

// ---- The law: core's apply of the operations gives exactly immer's after. ----

const WORDS = ["甲", "乙", "及び", "連携", "協議", "し、", "事務", "。", "圏域", "の", "取組", "について"] as const;
const word = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 3 }).map((w) => w.join(""));
const pick = fc.nat(1000);

type Action = (d: Draft<AgreementDocument>) => void;

/** Replace a span of `s` (chosen by a, b) with `w`. */
const splice = (s: string, a: number, b: number, w: string): string => {
  const i = a % (s.length + 1);
  const j = i + (b % Math.max(1, s.length - i + 1));
  return s.slice(0, i) + w + s.slice(j);
};

const at = <T>(xs: T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

const actions: fc.Arbitrary<Action>[] = [
  // words in a 項, a 号, a 取組's field, the 前文, a section title
  fc.tuple(pick, pick, pick, pick, word).map(([x, y, a, b, w]): Action => (d) => {
    const p = at(at(d.articles, x)?.paragraphs ?? [], y);
    if (p) p.text = splice(p.text, a, b, w);
  }),
  fc.tuple(pick, pick, pick, word).map(([y, a, b, w]): Action => (d) => {
    const it = at(d.articles.find((x) => x.number === "7")?.paragraphs[0]?.items ?? [], y);
    if (it) it.text = splice(it.text, a, b, w);
  }),
  fc.tuple(pick, pick, pick, pick, pick, word).map(([s, i, f, a, b, w]): Action => (d) => {
    const fl = at(at(at(d.appendices[0]?.sections ?? [], s)?.items ?? [], i)?.fields ?? [], f);
    if (fl) fl.text = splice(fl.text, a, b, w);
  }),
  fc.tuple(pick, pick, word).map(([a, b, w]): Action => (d) => { d.preamble = splice(d.preamble, a, b, w); }),
  fc.tuple(pick, word).map(([s, w]): Action => (d) => { const sec = at(d.appendices[0]?.sections ?? [], s); if (sec) sec.title = `区分${w}`; }),
  // 項 insert / delete (later 項 renumbered)
  fc.tuple(pick, pick, word, fc.boolean()).map(([x, y, w, add]): Action => (d) => {
    const a = at(d.articles, x);
    if (!a) return;
    const ps = a.paragraphs;
    if (add) ps.splice(y % (ps.length + 1), 0, { number: 0, text: `新たな項${w}を定める。`, items: [] });
    else if (ps.length > 1) ps.splice(y % ps.length, 1);
    ps.forEach((p, i) => { p.number = i + 1; });
  }),
  // 号 insert / delete (later 号 relabelled)
  fc.tuple(pick, word, fc.boolean()).map(([y, w, add]): Action => (d) => {
    const its = d.articles.find((x) => x.number === "7")?.paragraphs[0]?.items;
    if (!its) return;
    if (add) its.splice(y % (its.length + 1), 0, { label: "", text: `${w}新たな事務`, items: [] });
    else if (its.length > 0) its.splice(y % its.length, 1);
    its.forEach((it, i) => { it.label = `(${i + 1})`; });
  }),
  // 条 insert / delete (with or without renumbering the later 条)
  fc.tuple(pick, word, fc.boolean(), fc.boolean()).map(([x, w, add, renumber]): Action => (d) => {
    const n = x % (d.articles.length + (add ? 1 : 0));
    if (add) {
      if (!renumber) return void d.articles.push(castDraft(article(`${d.articles.length + 1}の2`, `${w}新たな条。`)));
      d.articles.splice(n, 0, castDraft(article("0", `${w}新たな条を定める。`)));
    } else if (d.articles.length > 1) d.articles.splice(n, 1);
    if (renumber) renumberArticles(d, 0);
  }),
  // 見出し change / add / remove
  fc.tuple(pick, fc.option(word, { nil: undefined })).map(([x, w]): Action => (d) => {
    const a = at(d.articles, x);
    if (!a) return;
    if (w === undefined || w === "") delete a.caption;
    else a.caption = w;
  }),
  // 別表の項 insert / delete / rename
  fc.tuple(pick, pick, word, fc.constantFrom("add", "delete", "rename")).map(([s, i, w, what]): Action => (d) => {
    const sec = at(d.appendices[0]?.sections ?? [], s);
    if (!sec) return;
    const name = `${w}新取組${sec.items.length}${s % 7}`;
    if (sec.items.some((x) => x.name === name)) return;
    if (what === "add") sec.items.splice(i % (sec.items.length + 1), 0, castDraft(measure(name)));
    else if (what === "delete") sec.items.splice(i % Math.max(1, sec.items.length), 1);
    else { const it = at(sec.items, i); if (it) it.name = name; }
  }),
  // whole 別表: its heading (restates it) or a whole section
  fc.tuple(word, fc.boolean()).map(([w, heading]): Action => (d) => {
    const ap = d.appendices[0];
    if (!ap) return;
    if (heading) ap.heading = `別表${w}（第3条関係）`;
    else ap.sections.splice(0, 1);
  }),
];

describe("editDocument — the law (fast-check)", () => {
  it("applying the operations to the document with core's apply gives exactly immer's after, at every level", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...actions), { minLength: 1, maxLength: 4 }), (recipe) => {
        const { after, operations } = editDocument(base, (d) => { for (const act of recipe) act(d); });
        expect(isDeepFrozen(after)).toBe(true);
        expect(canonicalJson(replay(base, operations))).toBe(canonicalJson(after));
        expect(canonicalJson(base)).toBe(canonicalJson(agreementBase)); // the original is untouched
      }),
      { numRuns: 300 },
    );
  });
});

const agreementBase = structuredClone(base);
