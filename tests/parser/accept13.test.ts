// Forms found in the acceptance pass of issue 13 (texts written as a 法規担当 writes them), each
// read exactly or refused at its own line.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAgreement, parseText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const seed1 = parseAgreement(read("seeds/000_0d517b853e764d1a.txt"));
if (!seed1.ok) throw new Error("seed 1 does not parse");
const base = seed1.value;

describe("「第2条に次の二号を加える。」: 号 added to an article with one 項", () => {
  it("inserts the 号 into its only 項 (paragraph 1), one after the other", () => {
    {
      const r = parseText(read("amendments/accept13/01_insert_items_into_article.txt"), { file: "01.txt", base });
      expect(r.ok, JSON.stringify(r.issues)).toBe(true);
      if (!r.ok || r.value.event.payload.kind !== "amend") return;
      expect(r.value.event.payload.operations).toStrictEqual([
        { op: "insert", parent: "article:2/paragraph:1", node: { label: "（１）", text: "圏域の将来像の共有", items: [] } },
        { op: "insert", parent: "article:2/paragraph:1", after: "article:2/paragraph:1/item:(1)", node: { label: "（２）", text: "連携する取組の検証", items: [] } },
      ]);
    }
  });

  it("with baseAt (as the CLI and API give it) the agreement is found and the 号 are inserted", () => {
    const days: string[] = [];
    const r = parseText(read("amendments/accept13/01_insert_items_into_article.txt"), { file: "01.txt", baseAt: (day) => { days.push(day); return base; } });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    expect(days).toStrictEqual(["2025-03-31"]);
    expect(r.ok && r.value.event.payload.kind === "amend" && r.value.event.payload.operations.map((o) => o.op === "insert" && o.parent)).toStrictEqual(["article:2/paragraph:1", "article:2/paragraph:1"]);
  });

  it("without the agreement (no base) the 項 is not guessed: refused at the sentence's line", () => {
    const r = parseText(read("amendments/accept13/01_insert_items_into_article.txt"), { file: "01.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "amend.content-mismatch", severity: "error", location: expect.objectContaining({ line: 12 }) }));
  });

  it("an article with several 項 does not say which 項: refused at the sentence's line", () => {
    const two = { ...base, articles: base.articles.map((a) => (a.number === "2" ? { ...a, paragraphs: [...a.paragraphs, { number: 2, text: "前項の連携の方法は、別に定める。", items: [] }] } : a)) };
    const r = parseText(read("amendments/accept13/01_insert_items_into_article.txt"), { file: "01.txt", base: two });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: "amend.content-mismatch", severity: "error", location: expect.objectContaining({ line: 12 }) }));
  });
});

describe("a 通告 letter's reading (the dry-run listing)", () => {
  it("is one entry read as the 通告 letter, never as a 締結 document", () => {
    const r = parseText(read("amendments/accept13/02_tsukoku_letter.txt"), { file: "02.txt" });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe("notice");
    expect(r.value.reading).toStrictEqual([
      { line: 1, lastLine: 12, text: "津山市及び鏡野町における定住自立圏形成に関する協定の廃止について（通告）", as: { kind: "part", part: "notice-letter" } },
    ]);
  });
});

describe("OCR damage in the date under the title (曰 for 日)", () => {
  it("is refused at the date's line, not read into the 前文 with the party and name lines after it", () => {
    const text = read("seeds/000_0d517b853e764d1a.txt").replace("平成28年10月11日\n", "平成28年10月11曰\n");
    const r = parseText(text, { file: "ocr.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: "error", location: expect.objectContaining({ line: 5 }) }));
  });
});

describe("a header line that is none (a damaged date, a party OCR'd 岡山巿) before the party and name lines", () => {
  it.each([
    ["平成28年10月11日\n", "平成28年10月11\n", 5],
    ["日\n\n岡山市\n", "日\n\n岡山巿\n", 7],
  ])("%s → %s is refused at its line (parse.header-unread), not read into the 前文", (from, to, line) => {
    const r = parseText(read("seeds/000_0d517b853e764d1a.txt").replace(from, to), { file: "h.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error")).toStrictEqual([expect.objectContaining({ code: "parse.header-unread", location: expect.objectContaining({ line }) })]);
  });
});

describe("the reading of a one-line (PDF) amendment: each sentence gets its own operations", () => {
  it("two 改め文 re-segmented onto line 1 are listed each with its operation, as in the text in lines", () => {
    const lines = read("amendments/accept13/03_two_sentences_proviso.txt");
    const oneLine = `${lines.split("\n").filter((l) => l.trim() !== "").join(" ")}\n`;
    const targets = (text: string): unknown[] => {
      const r = parseText(text, { file: "x.txt" });
      expect(r.ok, JSON.stringify(r.issues)).toBe(true);
      if (!r.ok) return [];
      return r.value.reading.filter((d) => d.as.kind === "operation").map((d) => [d.text, d.as.kind === "operation" ? d.as.operations.map((o) => [o.target, o.appliesFrom]) : []]);
    };
    const expected = [
      ["第4条中「協議して」を「協議の上」に改める。", [["article:4", "2025-04-01"]]],
      ["第5条中「毎年度」を「毎年度1回以上」に改める。", [["article:5", "2025-10-01"]]],
    ];
    expect(targets(lines)).toStrictEqual(expected);
    expect(targets(oneLine)).toStrictEqual(expected);
  });
});
