/**
 * Bad input, fuzzed: the text parsers (parseText, parseAgreement, parseAmendment — with and
 * without a base document) on mutated seed and 改め文 texts and on random strings, and the
 * date parser on mutated 和暦 strings. The only outcomes allowed: a result (its warnings
 * located), or a refusal whose errors are located (a line in the text, an address, a date) —
 * never an exception, never the parser's own "parse.internal" catch-all. Bounded by case
 * counts and a time limit per property; KYOYAKU_LONG=1 runs many more. A property stopped by
 * the time limit must still have run its minimum number of cases (MIN_RUNS), or the test
 * fails: a slow machine must not turn the fuzzing into a handful of cases called a pass.
 *
 * Each parser and reader case runs in a worker thread (fuzz-worker.mjs, the BUILT packages) and
 * is bounded: a case over CASE_LIMIT_MS, or one that runs the worker out of its heap, is a
 * failure naming its input (written in full to results/) — a parser loop without progress is
 * found in seconds, never as a hung or out-of-memory test run. The format readers are fuzzed the
 * same way: mutated 例規集 HTML, Word .docx (document.xml and the zip's bytes), texts in
 * Shift_JIS / EUC-JP / UTF-16 bytes, random bytes behind each format's magic.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { findDates, isIsoDate, parseDate, type Issue } from "@kyoyaku/core";
import Encoding from "encoding-japanese";
import fc from "fast-check";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reikishuHtml, wordDocx } from "../formats/make.js";
import { HERE, reportFigures, scale, SEED_TEXT, DRAFT_TEXT, seedDocument, seedOf } from "./reliability.testkit.js";

const RUNS = scale(1200, 30_000);
/**
 * The cases each property must run before the time limit may stop it. About a quarter of what
 * an idle 2-core machine runs in the limit (parser.mutated ≈ 110 cases/s, the others faster).
 */
const MIN_RUNS: Readonly<Record<string, number>> = {
  "parser.mutated": scale(250, 5_000),
  "parser.random": scale(600, 10_000),
  "formats.mutated": scale(150, 3_000),
  "date.parse": scale(600, 10_000),
  "date.find": scale(600, 10_000),
};
const TIME_LIMIT_MS = scale(12_000, 240_000);
/**
 * The longest one parser or reader case may take: 5 s (`KYOYAKU_CASE_MS`). A case takes
 * milliseconds (a 50 MB text is refused in 3 s); one that runs longer is stuck.
 */
const CASE_LIMIT_MS = Number(process.env.KYOYAKU_CASE_MS ?? 5_000);
/** The worker's heap: a case that needs more is growing without bound. */
const HEAP_MB = 512;
/** A test's own timeout: the property's time limit plus room for the case running when it is reached. */
const TIMEOUT = TIME_LIMIT_MS + CASE_LIMIT_MS + 60_000;
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
  verdict(name, fc.check(fc.property(arb, predicate), options(runs)), runs);
}

/** {@link check} of a property whose cases run in the worker. */
async function checkAsync<T>(name: string, arb: fc.Arbitrary<T>, predicate: (t: T) => Promise<void>, runs = RUNS): Promise<void> {
  verdict(name, await fc.check(fc.asyncProperty(arb, predicate), options(runs)), runs);
}

const options = (runs: number): fc.Parameters<unknown> => ({ numRuns: runs, seed, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false });

function verdict(name: string, out: fc.RunDetails<unknown>, runs: number): void {
  ran[name] = out.numRuns;
  const min = Math.min(MIN_RUNS[name] ?? runs, runs);
  if (out.failed || out.numRuns < min) failed.push(name);
  if (!out.failed && out.numRuns < min) {
    throw new Error(`${name}: only ${out.numRuns} cases ran before the ${TIME_LIMIT_MS} ms limit; at least ${min} must (KYOYAKU_SEED=${seed})`);
  }
  if (out.failed) throw new Error(`${name} (KYOYAKU_SEED=${seed}):\n${fc.defaultReportMessage(out) ?? ""}\n${String((out.errorInstance as Error | undefined)?.message ?? out.errorInstance)}`);
}

/** Every issue located, and the outcome honest: ok ⇒ no error; refused ⇒ at least one error. */
function honest(r: Outcome, text: string, file: string): void {
  const lines = text.split(/\r\n|\r|\n/u).length;
  for (const i of r.issues) {
    expect(i.code, `${r.call}: ${i.message}`).not.toBe("parse.internal");
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

// ------------------------------------------------------------------ bounded cases

/** One parser call's outcome, as the worker sends it. */
interface Outcome { readonly call: string; readonly ok: boolean; readonly issues: readonly Issue[] }
interface Answer { readonly outcomes: readonly Outcome[]; readonly text?: string }
/** A case: a text for the parsers, or a file for readDocument ("spin" and "grow" are the worker's probes of the bound). */
type Request = { readonly op: "parse" | "spin" | "grow"; readonly text: string } | { readonly op: "read"; readonly bytes: Uint8Array; readonly name: string };

/**
 * Runs one case at a time in a worker thread. A case that does not answer within
 * CASE_LIMIT_MS, or that kills the worker (out of its heap), rejects with a message naming the
 * input — written in full to results/ — and the worker is replaced.
 */
class Bounded {
  #worker: Worker | undefined;
  #id = 0;
  #pending: { id: number; settle: (a: Answer | Error) => void } | undefined;
  /** The properties that already had a stuck case: their shrinking is not waited for, case by case. */
  readonly stuck = new Set<string>();

  constructor(readonly limitMs = CASE_LIMIT_MS, readonly heapMb = HEAP_MB) {}

  /** Settled once the current worker has loaded the packages (or ended): a case's time starts then. */
  #ready: Promise<void> = Promise.resolve();

  #spawn(): Worker {
    let loaded!: () => void;
    this.#ready = new Promise((resolve) => { loaded = resolve; });
    const w = new Worker(join(HERE, "fuzz-worker.mjs"), { workerData: { base }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const fail = (e: Error): void => {
      loaded();
      if (this.#worker === w) this.#worker = undefined;
      const p = this.#pending;
      this.#pending = undefined;
      p?.settle(e);
    };
    w.on("message", (m: Answer & { id: number; threw?: string; ready?: true }) => {
      if (m.ready) return loaded();
      const p = this.#pending;
      if (p?.id !== m.id) return;
      this.#pending = undefined;
      p.settle(m.threw !== undefined ? new Error(`threw: ${m.threw}`) : m);
    });
    // Out of its heap, a worker ends with exit code 1 (an "error" event may come first, or not at all).
    w.on("error", (e) => fail(new Error(`the worker died: ${e.message}${"code" in e ? ` (${String(e.code)})` : ""} — out of its ${this.heapMb} MiB heap?`)));
    w.on("exit", (code) => fail(new Error(`the worker died (exit code ${code}) — out of its ${this.heapMb} MiB heap?`)));
    return w;
  }

  /** Run one case; `name` is the property, named with the input when the case is stuck. */
  async run(name: string, request: Request): Promise<Answer> {
    const w = (this.#worker ??= this.#spawn());
    await this.#ready;
    const id = ++this.#id;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending = undefined;
        this.#worker = undefined;
        void w.terminate();
        reject(new Error(`a case ran over ${this.limitMs} ms — a loop without progress? ${this.#keep(name, request)}`));
      }, this.limitMs);
      this.#pending = {
        id,
        settle: (a) => {
          clearTimeout(timer);
          if (a instanceof Error) reject(new Error(`${a.message} ${this.#keep(name, request)}`));
          else resolve(a);
        },
      };
      w.postMessage({ id, ...request });
    }).catch((e: unknown) => {
      this.stuck.add(name);
      throw e;
    });
  }

  /** Write the input of a stuck case in full, and say where. */
  #keep(name: string, r: Request): string {
    const dir = join(HERE, "results");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `fuzz-stuck-${name}-${seed}.${r.op === "read" ? "bin" : "txt"}`);
    writeFileSync(file, r.op === "read" ? r.bytes : r.text);
    const what = r.op !== "read" ? `the text (${r.text.length} characters), beginning ${JSON.stringify(r.text.slice(0, 200))}` : `the file ${r.name} (${r.bytes.length} bytes)`;
    return `Input: ${what}; in full: ${file}`;
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    await w?.terminate();
  }
}
const bounded = new Bounded();

/** The parsers on one text, in the worker: none may throw, hang or grow without bound. */
async function parseAll(name: string, text: string): Promise<void> {
  // After a stuck case, fast-check's shrinking would wait CASE_LIMIT_MS per try: the first input is named already.
  if (bounded.stuck.has(name)) return;
  const a = await bounded.run(name, { op: "parse", text });
  for (const o of a.outcomes) honest(o, text, "fuzz.txt");
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
  | { kind: "truncate"; at: number }
  | { kind: "join"; at: number; len: number; with: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: "grapheme", maxLength: 6 }), fc.string({ unit: "binary", maxLength: 3 })) }),
  fc.record({ kind: fc.constant("deleteLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("numerals" as const), which: fc.nat({ max: NUMERALS.length - 1 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  // Lines run together as a PDF's text layer gives them: the reader re-segments such a text.
  fc.record({ kind: fc.constant("join" as const), at: fc.nat(), len: fc.integer({ min: 2, max: 400 }), with: fc.constantFrom(" ", "\u3000", "") }),
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
      case "join": { const l = lines(); const a = m.at % l.length; l.splice(a, m.len, l.slice(a, a + m.len).join(m.with)); t = l.join("\n"); break; }
    }
  }
  return t;
}

describe("fuzzing the text parsers (fast-check)", () => {
  it("mutated seed and 改め文 texts (deletions, inserted 第N条/別表/改め文 fragments, numeral swaps, random unicode, lines joined as an extraction) are read or refused, always located", async () => {
    await checkAsync("parser.mutated", fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 })), ([s, ms]) => parseAll("parser.mutated", mutate(seeds[s]!, ms)));
  }, TIMEOUT);

  it("random strings (unicode, binary, and soups of legal fragments) are read or refused, always located", async () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS, "連携協約書", "変更連携協約書", "岡山市", "和気町", "協約", "廃止する。"), fc.string({ maxLength: 4 })), { maxLength: 120 }).map((x) => x.join(""));
    await checkAsync("parser.random", fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), soup), (text) => parseAll("parser.random", text));
  }, TIMEOUT);

  it("a case that never returns, or grows without bound, is a failure naming its input within the limit — not a hang, not an out-of-memory run", async () => {
    // The worker's test probes stand in for a parser bug: a loop that never returns, and one that allocates for ever.
    const spin = new Bounded(300);
    const t = performance.now();
    await expect(spin.run("probe", { op: "spin", text: "乙 あ。" })).rejects.toThrow(/ran over 300 ms .*Input: the text \(4 characters\), beginning "乙 あ。"/u);
    expect(performance.now() - t).toBeLessThan(15_000);
    // A fresh worker took the place of the ended one.
    expect((await spin.run("probe", { op: "parse", text: "連携協約書" })).outcomes).toHaveLength(5);
    await spin.close();
    // A time limit far off: the heap's limit is what ends this one.
    const grow = new Bounded(30_000, 32);
    await expect(grow.run("probe", { op: "grow", text: "別表" })).rejects.toThrow(/worker died.*32 MiB heap.*Input: the text/u);
    await grow.close();
  }, TIMEOUT);
});

// ------------------------------------------------------------------ the format readers

/** The files mutated: 例規集 HTML, a Word .docx, texts in the Japanese encodings — made once from the seed texts. */
interface Files { html: { text: string; charset: "UTF-8" | "Shift_JIS" }[]; docx: JSZip; documentXml: string }
let files: Files;
const HTML_FRAGMENTS = ["<table>", "</td>", "<td colspan=\"99999\">", "<tr>", "<br>", "<!--", "-->", "<p class=\"num\">", "&nbsp;", "&#x1b;", "&#0;", "&#xFFFFFF;", "<meta charset=\"EUC-JP\">", "<script>", "</html>"];
const XML_FRAGMENTS = ["<w:p>", "</w:p>", "<w:t>", "</w:t>", "<w:tbl>", "<w:tab/>", "<w:numPr><w:ilvl w:val=\"9\"/><w:numId w:val=\"99\"/></w:numPr>", "<w:gridSpan w:val=\"100000\"/>", "<w:pPr><w:numPr><w:ilvl w:val=\"2000000000\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "<", "&"];
const ENCODINGS = ["SJIS", "EUCJP", "UTF16LE", "UTF16BE", "UTF8"] as const;
/** Bytes that open each format, for random bodies behind them. */
const MAGIC = ["%PDF-1.7\n", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", "PK\u0003\u0004", "<?xml version=\"1.0\"?>\n<Law Era=\"Reiwa\">", "<!DOCTYPE html><html><body>", "\u00ef\u00bb\u00bf"];

type ByteMutation = { kind: "flip"; at: number; value: number } | { kind: "cut"; at: number } | { kind: "splice"; at: number; bytes: Uint8Array };
const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("splice" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
);

function mutateBytes(bytes: Uint8Array, ms: readonly ByteMutation[]): Uint8Array {
  let b = bytes;
  for (const m of ms) {
    const at = m.at % (b.length + 1);
    if (m.kind === "flip" && at < b.length) { b = Uint8Array.from(b); b[at] = m.value; }
    else if (m.kind === "cut") b = b.subarray(0, at);
    else if (m.kind === "splice") b = Uint8Array.from([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
  }
  return b;
}

/** A text in an encoding, as encoding-japanese writes it (a character it cannot encode becomes what it makes of it). */
const encodeAs = (text: string, to: (typeof ENCODINGS)[number]): Uint8Array => Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: "UNICODE" }));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** One file case: how its bytes are made (all deterministic from the generated values). */
type FileCase =
  | { kind: "html"; which: number; ms: Mutation[]; fragment: string[] }
  | { kind: "docx"; ms: Mutation[]; fragment: string[] }
  | { kind: "text"; which: number; ms: Mutation[]; encoding: (typeof ENCODINGS)[number] }
  | { kind: "magic"; which: number; body: Uint8Array };
const fileCase: fc.Arbitrary<{ c: FileCase; bytes: ByteMutation[] }> = fc.record({
  c: fc.oneof(
    fc.record({ kind: fc.constant("html" as const), which: fc.nat(), ms: fc.array(mutation, { maxLength: 6 }), fragment: fc.array(fc.constantFrom(...HTML_FRAGMENTS), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant("docx" as const), ms: fc.array(mutation, { maxLength: 6 }), fragment: fc.array(fc.constantFrom(...XML_FRAGMENTS), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant("text" as const), which: fc.nat(), ms: fc.array(mutation, { maxLength: 6 }), encoding: fc.constantFrom(...ENCODINGS) }),
    fc.record({ kind: fc.constant("magic" as const), which: fc.nat(), body: fc.uint8Array({ maxLength: 600 }) }),
  ),
  bytes: fc.array(byteMutation, { maxLength: 3 }),
});

/** Fragments put at places chosen by the text mutations' own positions, so a case stays one value. */
const sprinkle = (text: string, ms: readonly Mutation[], fragments: readonly string[]): string =>
  fragments.reduce((t, f, k) => { const at = ((ms[k] as { at?: number } | undefined)?.at ?? k * 977) % (t.length + 1); return t.slice(0, at) + f + t.slice(at); }, mutate(text, ms));

async function fileOf(c: FileCase): Promise<{ bytes: Uint8Array; name: string }> {
  switch (c.kind) {
    case "html": {
      const h = files.html[c.which % files.html.length]!;
      const text = sprinkle(h.text, c.ms, c.fragment);
      return { bytes: h.charset === "UTF-8" ? utf8(text) : encodeAs(text, "SJIS"), name: "fuzz.html" };
    }
    case "docx": {
      files.docx.file("word/document.xml", sprinkle(files.documentXml, c.ms, c.fragment));
      return { bytes: await files.docx.generateAsync({ type: "uint8array" }), name: "fuzz.docx" };
    }
    case "text": return { bytes: encodeAs(mutate(seeds[c.which % seeds.length]!, c.ms), c.encoding), name: "fuzz.txt" };
    case "magic": return { bytes: Uint8Array.from([...utf8(MAGIC[c.which % MAGIC.length]!), ...c.body]), name: "fuzz.bin" };
  }
}

/** A read file: refused with located `format.*` errors, or read (no error) into a text the parser reads or refuses honestly. */
function honestRead(a: Answer, name: string): void {
  const [read, parsed] = a.outcomes;
  for (const i of read!.issues) {
    expect(i.code, i.message).toMatch(/^format\./u);
    expect(i.location.file, `${i.code}: ${i.message}`).toBe(name);
  }
  expect(read!.issues.some((i) => i.severity === "error"), JSON.stringify(read!.issues.map((i) => i.code))).toBe(!read!.ok);
  if (read!.ok) honest(parsed!, a.text!, name);
}

describe("fuzzing the format readers (fast-check)", () => {
  beforeAll(async () => {
    const text = seeds[0]!;
    const docx = await JSZip.loadAsync(await wordDocx(text));
    files = {
      html: [{ text: reikishuHtml(text, "UTF-8"), charset: "UTF-8" }, { text: reikishuHtml(seeds[1]!, "Shift_JIS"), charset: "Shift_JIS" }],
      docx,
      documentXml: await docx.file("word/document.xml")!.async("string"),
    };
  });

  it("mutated 例規集 HTML, Word .docx (document.xml and the zip's bytes), texts in Shift_JIS/EUC-JP/UTF-16 and random bytes behind each format's magic are read or refused with located format errors", async () => {
    await checkAsync("formats.mutated", fileCase, async ({ c, bytes }) => {
      if (bounded.stuck.has("formats.mutated")) return;
      const f = await fileOf(c);
      const file = mutateBytes(f.bytes, bytes);
      honestRead(await bounded.run("formats.mutated", { op: "read", bytes: file, name: f.name }), f.name);
    }, scale(400, 10_000));
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

afterAll(async () => {
  await bounded.close();
  const total = Object.values(ran).reduce((a, b) => a + b, 0);
  reportFigures("fuzz", { seed, casesRun: total, byProperty: ran, minimumByProperty: MIN_RUNS, failures: failed.length, failed });
});
