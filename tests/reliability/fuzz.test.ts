/**
 * Bad input, fuzzed: the text parsers (parseText, parseAgreement, parseAmendment — with and
 * without a base document) on mutated seed and 改め文 texts and on random strings, and the
 * date parser on mutated 和暦 strings. The only outcomes allowed: a result (its warnings
 * located), or a refusal whose errors are located (a line in the text, an address, a date) —
 * never an exception, never the parser's own "parse.internal" catch-all. Bounded by case
 * counts and a time limit per property; KYOYAKU_LONG=1 runs many more. A property stopped by
 * the time limit must still have run its minimum number of cases (MIN_RUNS), or the test
 * fails: a slow machine must not turn the fuzzing into a handful of cases called a pass.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findDates, isIsoDate, parseDate, type Issue, type Result } from "@kyoyaku/core";
import { parseAgreement, parseAmendment, parseText } from "@kyoyaku/text";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { reportFigures, scale, SEED_TEXT, DRAFT_TEXT, seedDocument, seedOf } from "./reliability.testkit.js";

const RUNS = scale(1200, 30_000);
/**
 * The cases each property must run before the time limit may stop it. About a quarter of what
 * an idle 2-core machine runs in the limit (parser.mutated ≈ 110 cases/s, the others faster).
 */
const MIN_RUNS: Readonly<Record<string, number>> = {
  "parser.mutated": scale(250, 5_000),
  "parser.random": scale(600, 10_000),
  "date.parse": scale(600, 10_000),
  "date.find": scale(600, 10_000),
};
const TIME_LIMIT_MS = scale(12_000, 240_000);
/** A test's own timeout: the property's time limit plus room for the case running when it is reached. */
const TIMEOUT = TIME_LIMIT_MS + 60_000;
const FIXTURES = join(SEED_TEXT, "../..");
const seeds = [
  readFileSync(SEED_TEXT, "utf8"),
  readFileSync(DRAFT_TEXT, "utf8"),
  ...readdirSync(join(FIXTURES, "amendments")).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(join(FIXTURES, "amendments", f), "utf8")),
];
const base = seedDocument();
const seed = seedOf();
// Printed before any case runs: a run that dies (out of memory, killed) must still name its seed.
console.log(`[reliability] fuzz seed ${seed} (replay: KYOYAKU_SEED=${seed})`);
const ran: Record<string, number> = {};
/** The properties that failed (a counterexample, or too few cases before the time limit). */
const failed: string[] = [];

/**
 * Run a property for at most RUNS cases or TIME_LIMIT_MS; count the cases; fail with the seed
 * and the counterexample, or when the time limit stopped it before its MIN_RUNS cases.
 */
function check<T>(name: string, arb: fc.Arbitrary<T>, predicate: (t: T) => void, runs = RUNS): void {
  const out = fc.check(fc.property(arb, predicate), { numRuns: runs, seed, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false });
  ran[name] = out.numRuns;
  const min = Math.min(MIN_RUNS[name] ?? runs, runs);
  if (out.failed || out.numRuns < min) failed.push(name);
  if (!out.failed && out.numRuns < min) {
    throw new Error(`${name}: only ${out.numRuns} cases ran before the ${TIME_LIMIT_MS} ms limit; at least ${min} must (KYOYAKU_SEED=${seed})`);
  }
  if (out.failed) throw new Error(`${name} (KYOYAKU_SEED=${seed}):\n${fc.defaultReportMessage(out) ?? ""}\n${String((out.errorInstance as Error | undefined)?.message ?? out.errorInstance)}`);
}

/** Every issue located, and the outcome honest: ok ⇒ no error; refused ⇒ at least one error. */
function honest(r: Result<unknown>, text: string, file: string): void {
  const lines = text.split(/\r\n|\r|\n/u).length;
  for (const i of r.issues) {
    expect(i.code, i.message).not.toBe("parse.internal");
    expect(located(i), `${i.code}: ${i.message} has no location`).toBe(true);
    if (i.location.line !== undefined) {
      expect(i.location.line).toBeGreaterThanOrEqual(1);
      expect(i.location.line, `${i.code} at line ${i.location.line} of ${lines}`).toBeLessThanOrEqual(lines + 1);
    }
    if (i.location.file !== undefined) expect(i.location.file).toBe(file);
  }
  if (r.ok) expect(r.issues.some((i) => i.severity === "error")).toBe(false);
  else expect(r.issues.some((i) => i.severity === "error")).toBe(true);
}
const located = (i: Issue): boolean => i.location.line !== undefined || i.location.address !== undefined || i.location.date !== undefined;

/** The parsers on one text: none may throw. */
function parseAll(text: string): void {
  const file = "fuzz.txt";
  honest(parseText(text, { file }), text, file);
  honest(parseAgreement(text, { file }), text, file);
  honest(parseAmendment(text, { file }), text, file);
  honest(parseAmendment(text, { file, base }), text, file);
  honest(parseText(text, { file, allowDraft: true, base }), text, file);
}

// ------------------------------------------------------------------ mutations of real texts

const FRAGMENTS = [
  "第3条", "第５条", "第十二条", "第5条の2", "第1項", "第２号", "別表", "別表I", "別表（第3条関係）", "附則", "附 則", "ただし、",
  "中「", "」を「", "」に改める。", "」を削る。", "を次のように改める。", "の次に次の1条を加える。", "を削る。", "とし、",
  "令和7年4月1日", "令和元年5月1日", "平成31年5月1日", "平成三十一年四月三十日", "令和○年○月○日", "令和7年3月 日", "昭和64年1月8日",
  "甲", "乙", "（目的）", "(案)", "（案）", "取組内容", "\t", "#", "### ", "- 1 ", "「", "」", "（", "）", "\n", "\n\n", "。", "、", "，",
];
const NUMERALS: readonly [RegExp, string][] = [[/1/gu, "１"], [/２/gu, "2"], [/一/gu, "1"], [/3/gu, "三"], [/条/gu, "項"], [/改める/gu, "改め"], [/「/gu, "『"]];

type Mutation =
  | { kind: "delete"; at: number; len: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "deleteLine"; at: number }
  | { kind: "swapLines"; at: number; with: number }
  | { kind: "numerals"; which: number }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "grapheme", maxLength: 6 }), fc.string({ unit: "binary", maxLength: 3 })) }),
  fc.record({ kind: fc.constant("deleteLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("numerals" as const), which: fc.nat({ max: NUMERALS.length - 1 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = (n: number): number => n % (t.length + 1);
    const lines = (): string[] => t.split("\n");
    switch (m.kind) {
      case "delete": t = t.slice(0, at(m.at)) + t.slice(at(m.at) + m.len); break;
      case "insert": t = t.slice(0, at(m.at)) + m.text + t.slice(at(m.at)); break;
      case "deleteLine": { const l = lines(); l.splice(m.at % l.length, 1); t = l.join("\n"); break; }
      case "swapLines": {
        const l = lines();
        const a = m.at % l.length;
        const b = m.with % l.length;
        [l[a], l[b]] = [l[b]!, l[a]!];
        t = l.join("\n");
        break;
      }
      case "numerals": { const [re, to] = NUMERALS[m.which]!; t = t.replace(re, to); break; }
      case "truncate": t = t.slice(0, at(m.at)); break;
    }
  }
  return t;
}

describe("fuzzing the text parsers (fast-check)", () => {
  it("mutated seed and 改め文 texts (deletions, inserted 第N条/別表/改め文 fragments, numeral swaps, random unicode) are read or refused, always located", () => {
    check("parser.mutated", fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 })), ([s, ms]) => parseAll(mutate(seeds[s]!, ms)));
  }, TIMEOUT);

  it("random strings (unicode, binary, and soups of legal fragments) are read or refused, always located", () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS, "連携協約書", "変更連携協約書", "岡山市", "和気町", "協約", "廃止する。"), fc.string({ maxLength: 4 })), { maxLength: 120 }).map((x) => x.join(""));
    check("parser.random", fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), soup), (text) => parseAll(text));
  }, TIMEOUT);
});

// ------------------------------------------------------------------ dates

const ERA = ["明治", "大正", "昭和", "平成", "令和", "元号", ""];
const NUM = fc.oneof(fc.integer({ min: 0, max: 70 }).map(String), fc.constantFrom("元", "〇", "○", " ", "一", "十", "三十一", "二十九", "１２", "00", "-1", "99999999999999999999"));
const wareki = fc.tuple(fc.constantFrom(...ERA), NUM, fc.constantFrom("年", "年 ", "ねん", "."), NUM, fc.constantFrom("月", "月 ", "/"), NUM, fc.constantFrom("日", "", "日。", " 日"))
  .map(([e, y, a, m, b, d, c]) => `${e}${y}${a}${m}${b}${d}${c}`);
const dateText = fc.oneof(wareki, wareki.chain((w) => fc.tuple(fc.constant(w), fc.nat(), fc.string({ maxLength: 3 })).map(([t, i, s]) => t.slice(0, i % (t.length + 1)) + s + t.slice(i % (t.length + 1)))), fc.string({ maxLength: 30 }));

describe("fuzzing the date parser (fast-check)", () => {
  it("mutated 和暦 strings: a valid calendar day, a partial date only when allowed, or a located date.* error", () => {
    check("date.parse", fc.tuple(dateText, fc.boolean()), ([text, allowPartial]) => {
      const r = parseDate(text, { allowPartial, file: "d.txt", line: 3 });
      if (r.ok) {
        const d = r.value;
        if (d.precision === "day") expect(d.iso !== undefined && isIsoDate(d.iso), `${text} → ${d.iso}`).toBe(true);
        else expect(allowPartial).toBe(true);
        for (const i of r.issues) expect(i.severity).not.toBe("error");
      } else {
        expect(r.issues.some((i) => i.severity === "error")).toBe(true);
      }
      for (const i of r.issues) {
        expect(i.code).toMatch(/^date\./u);
        expect(i.location.line).toBe(3);
      }
    });
  }, TIMEOUT);

  it("findDates over running text: spans inside the text, each one parseDate can judge without throwing", () => {
    check("date.find", fc.array(fc.oneof(dateText, fc.string({ maxLength: 8 })), { maxLength: 8 }).map((x) => x.join("")), (text) => {
      for (const s of findDates(text)) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(text.length);
        expect(s.start).toBeLessThan(s.end);
        const r = parseDate(text.slice(s.start, s.end), { allowPartial: true });
        if (!r.ok) expect(r.issues.every((i) => i.code.startsWith("date."))).toBe(true);
      }
    });
  }, TIMEOUT);
});

afterAll(() => {
  const total = Object.values(ran).reduce((a, b) => a + b, 0);
  reportFigures("fuzz", { seed, casesRun: total, byProperty: ran, minimumByProperty: MIN_RUNS, failures: failed.length, failed });
});
