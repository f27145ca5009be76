// Bad input is refused with a reason, or read with located warnings — never silently wrong,
// never an exception. Fixtures: tests/fixtures/bad/ (see its README).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Issue, Result } from "@kyoyaku/core";
import { parseAgreement, parseText } from "@kyoyaku/text";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const seeds = [read("seeds/000_0d517b853e764d1a.txt"), read("seeds/001_6d3949d91c26715e.txt")];

const located = (i: Issue): boolean => i.location.line !== undefined || i.location.address !== undefined;

function refused(file: string, code: string): Issue {
  const r = parseText(file.endsWith(".bin") ? readFileSync(`${dir}bad/${file}`, "latin1") : read(`bad/${file}`), { file });
  expect(r.ok).toBe(false);
  const e = r.issues.find((i) => i.severity === "error");
  expect(e?.code).toBe(code);
  expect(e?.location.file).toBe(file);
  return e!;
}

describe("texts that are not agreements are refused with the reason", () => {
  it("an ordinance (条例)", () => {
    const e = refused("ordinance.txt", "parse.not-an-agreement");
    expect(e.message).toContain("条例である");
    expect(e.location.line).toBe(1);
  });
  it("the 規約 of a 市長会", () => {
    expect(refused("mayors_association.txt", "parse.not-an-agreement").message).toContain("市長会");
  });
  it("a mayors' 申合せ", () => {
    expect(refused("mayors_understanding.txt", "parse.not-an-agreement").message).toContain("申合せ");
  });
  it("a 事務委託規約", () => {
    expect(refused("jimu_itaku.txt", "parse.not-an-agreement").message).toContain("事務の委託に関する規約");
  });
  it("an empty or blank file", () => {
    expect(refused("empty.txt", "parse.empty").message).toContain("空");
    refused("blank.txt", "parse.empty");
  });
  it("a value that is not a string (a Buffer, undefined) from a JavaScript caller: refused with the reason, not an internal error", () => {
    for (const value of [undefined, null, Buffer.from("連携協約書"), 42] as unknown[]) {
      for (const parse of [parseText, parseAgreement]) {
        const r = parse(value as string, { file: "x.txt" });
        expect(r.ok).toBe(false);
        expect(r.issues.map((i) => i.code)).toEqual(["parse.not-text"]);
        expect(r.issues[0]!.message).toContain("文字列でない");
        expect(r.issues[0]!.location.file).toBe("x.txt");
      }
    }
  });
  it("random bytes", () => {
    expect(refused("random.bin", "parse.binary").message).toContain("テキストでない");
  });
});

describe("damaged agreements", () => {
  it("Given 第4条 is missing, When read, Then a warning names the gap at 第5条's line and address", () => {
    const r = parseAgreement(read("bad/missing_article.txt"), { file: "missing_article.txt" });
    expect(r.ok).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({
      severity: "warning", code: "parse.article-gap",
      message: expect.stringContaining("第4条がない"),
      location: expect.objectContaining({ file: "missing_article.txt", address: "article:5", line: expect.any(Number) }),
    }));
    if (r.ok) expect(r.value.articles.map((a) => a.number)).toEqual(["1", "2", "3", "5", "6"]);
  });

  it("Given a 別表 cut mid-row, When read, Then the cut 取組 is reported with its address", () => {
    const r = parseAgreement(read("bad/truncated_appendix.txt"), { file: "t.txt" });
    expect(r.ok).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({
      code: "parse.appendix-missing-field",
      location: expect.objectContaining({ address: "appendix:1/section:III/item:教育分野における交流の強化", line: expect.any(Number) }),
    }));
  });

  it("Given a 取組 without its 甲の役割 row, When read, Then a warning names the 取組 and the field", () => {
    const r = parseAgreement(read("bad/missing_field.txt"), { file: "f.txt" });
    expect(r.ok).toBe(true);
    const w = r.issues.find((i) => i.code === "parse.appendix-missing-field");
    expect(w?.message).toContain("甲の役割");
    expect(w?.location.address).toBe("appendix:1/section:I/item:国内外に開かれた広域観光の推進");
  });

  it("Given 平成31年5月1日, When read, Then it is refused with date.not-in-era at the date's line", () => {
    const r = parseText(read("bad/nonexistent_date.txt"), { file: "d.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({
      severity: "error", code: "date.not-in-era",
      location: expect.objectContaining({ file: "d.txt", line: 5, address: "date", date: "平成31年5月1日" }),
    }));
  });
});

// ---------------------------------------------------------------------------------------
// Fuzz: mutated seeds and random strings give one of two outcomes, never an exception.

function outcomeIsHonest(r: Result<unknown>): boolean {
  if (r.ok) return r.issues.every((i) => i.severity !== "error" && located(i));
  return r.issues.some((i) => i.severity === "error" && located(i));
}

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "truncate"; at: number }
  | { kind: "edit"; at: number; char: string };

const CHARS = [..."第条項号別表附則甲乙（）()「」、。，0123456789１２３IⅡ\t #-令和平成年月日○ "];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("edit" as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }),
);

function mutate(text: string, ms: readonly Mutation[]): string {
  let lines = text.split("\n");
  for (const m of ms) {
    const n = Math.max(lines.length, 1);
    switch (m.kind) {
      case "delete": lines.splice(m.at % n, 1); break;
      case "duplicate": lines.splice(m.at % n, 0, lines[m.at % n] ?? ""); break;
      case "swap": {
        const a = m.at % n, b = m.with % n;
        [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
        break;
      }
      case "truncate": {
        const t = lines.join("\n");
        lines = t.slice(0, m.at % (t.length + 1)).split("\n");
        break;
      }
      case "edit": {
        const t = lines.join("\n");
        const i = m.at % (t.length + 1);
        lines = (t.slice(0, i) + m.char + t.slice(i + 1)).split("\n");
        break;
      }
    }
  }
  return lines.join("\n");
}

describe("fuzz (fast-check)", () => {
  it("mutated seeds are read with located warnings or refused with a located error", () => {
    fc.assert(fc.property(fc.constantFrom(0, 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (s, ms) => {
      const text = mutate(seeds[s]!, ms);
      const r = parseText(text, { file: "fuzz.txt" });
      expect(r.issues.filter((i) => i.code === "parse.internal")).toEqual([]);
      expect(outcomeIsHonest(r)).toBe(true);
      const a = parseAgreement(text, { file: "fuzz.txt" });
      expect(a.issues.filter((i) => i.code === "parse.internal")).toEqual([]);
      expect(outcomeIsHonest(a)).toBe(true);
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 400) });
  });

  it("random strings are refused (or read) honestly, without exceptions", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(fc.constantFrom(...CHARS, "\n", "協約", "連携協約書", "変更"), { maxLength: 80 }).map((x) => x.join(""))), (text) => {
      const r = parseText(text, { file: "random.txt" });
      expect(r.issues.filter((i) => i.code === "parse.internal")).toEqual([]);
      expect(outcomeIsHonest(r)).toBe(true);
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 400) });
  });
});

describe("a 見出し or 条名 damaged by OCR is refused at its line, never folded into the 条 before (issue 13 hunt)", () => {
  const seed = seeds[0]!;
  const errorAt = (text: string, code: string, line: number): void => {
    const r = parseText(text, { file: "ocr.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: "error", code, location: expect.objectContaining({ file: "ocr.txt", line }) }));
  };
  it("Given 「第  条」 (the number lost) under 「（費用分担）」, When read, Then both lines are refused where they stand — 第4条 was read into 第3条 with only a gap warning", () => {
    const text = seed.replace("（費用分担）\n\n第4条", "（費用分担）\n\n第  条");
    errorAt(text, "parse.caption-unread", 26);
    errorAt(text, "parse.article-heading-unread", 28);
  });
  it("Given 「（連絡会議」 with its closing parenthesis lost, When read, Then it is refused — it was read into 第4条's text and 第5条 lost its 見出し, with no issue at all", () => {
    errorAt(seed.replace("（連絡会議）", "（連絡会議"), "parse.caption-unread", 30);
  });
  it("Given a wrapped line that is a parenthesis inside a sentence (「（昭和22年法律第67号）」 alone), When read, Then it still continues the 条", () => {
    const r = parseAgreement(seed.replace("第3条 甲及び乙が相互に連携する取組の内容及び役割分担は、", "第3条 甲及び乙が相互に連携する取組の内容及び役割分担は、地方自治法\n（昭和22年法律第67号）\nに基づき、"));
    expect(r.ok && r.value.articles[2]!.paragraphs[0]!.text).toBe("甲及び乙が相互に連携する取組の内容及び役割分担は、地方自治法（昭和22年法律第67号）に基づき、別表に掲げるとおりとする。");
  });
});
