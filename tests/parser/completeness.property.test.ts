// THE COMPLETENESS LAW as a property: an amendment generated from the forms the parser reads,
// over seed 1's articles and 別表, with ONE sentence mangled, is either read exactly as the
// unmangled text (when the mangling kept the meaning) or refused with errors located at the
// mangled line only — never read as something else, never refused somewhere else.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parseAgreement, parseText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const seed = parseAgreement(readFileSync(`${dir}seeds/000_0d517b853e764d1a.txt`, "utf8"));
if (!seed.ok) throw new Error("seed 1 does not parse");
const doc = seed.value;
const section = doc.appendices[0]!.sections[0]!;
const itemNames = section.items.map((i) => i.name).filter((n) => !/[ \u3000「」]/u.test(n));

/** One block of the text: its lines, and what a mangling may do to its first line. */
interface Block { readonly lines: string[]; readonly role: "fixed" | "instruction" | "supplementary"; readonly article?: string }

const WORDS = ["協議の上", "毎年度1回以上", "連携", "推進する", "必要に応じて"];

/** A 改め文 over seed 1 (with its new text, when it takes one). */
const instruction: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ n: fc.integer({ min: 1, max: 6 }), at: fc.nat(), len: fc.integer({ min: 2, max: 5 }), to: fc.constantFrom(...WORDS), del: fc.boolean() }).map(({ n, at, len, to, del }) => {
    const text = doc.articles[n - 1]!.paragraphs[0]!.text.replace(/[「」]/gu, "");
    const start = at % Math.max(1, text.length - len);
    const from = text.slice(start, start + len);
    return { lines: [del ? `第${n}条中「${from}」を削る。` : `第${n}条中「${from}」を「${to}」に改める。`], role: "instruction" as const, article: String(n) };
  }),
  fc.integer({ min: 1, max: 6 }).map((n) => ({
    lines: [`第${n}条を次のように改める。`, "", `（見出し${n}）`, `第${n}条\u3000甲及び乙は、この連携協約の目的を達成するため、相互に協力するものとする。`],
    role: "instruction" as const, article: String(n),
  })),
  fc.constantFrom(...itemNames).map((name) => ({ lines: [`別表${section.label}中「${name}」の項を削る。`], role: "instruction" as const })),
);

const SUPPLEMENTARY = [
  "この協約は、令和7年4月1日から適用する。",
  "この変更連携協約は、令和7年4月1日から効力を生ずる。",
  "この協約は、締結の日から施行し、令和7年4月1日から適用する。",
  "この協約は、令和7年度分から適用する。",
];

interface Generated { readonly blocks: Block[] }

const amendment: fc.Arbitrary<Generated> = fc.record({
  body: fc.uniqueArray(instruction, { minLength: 1, maxLength: 4, selector: (b) => b.lines[0]! }),
  supp: fc.constantFrom(...SUPPLEMENTARY),
  proviso: fc.boolean(),
}).map(({ body, supp, proviso }) => {
  // One operation per provision keeps the 改め文 independent of each other's order.
  const seen = new Set<string>();
  const instructions = body.filter((b) => { const k = b.article ?? b.lines[0]!; if (seen.has(k)) return false; seen.add(k); return true; });
  const named = instructions.find((b) => b.article !== undefined);
  const fixed = (...lines: string[]): Block => ({ lines, role: "fixed" });
  return {
    blocks: [
      fixed("連携中枢都市圏形成に係る変更連携協約書"), fixed("令和7年3月25日"), fixed("岡山市", "和気町"),
      fixed("岡山市及び和気町における連携中枢都市圏形成に係る変更連携協約"),
      fixed("平成28年10月11日に締結した岡山市及び和気町における連携中枢都市圏形成に係る連携協約の一部を次のとおり変更する。"),
      ...instructions,
      fixed("附　則"),
      { lines: [proviso && named ? `1 ${supp}` : supp], role: "supplementary" as const },
      ...(proviso && named ? [{ lines: [`2 ただし、第${named.article}条の改正規定は、令和7年10月1日から適用する。`], role: "supplementary" as const }] : []),
      fixed("この協約の締結を証するため、本協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。"),
      fixed("令和7年3月25日"),
      fixed("甲　岡山市北区大供一丁目1番1号", "岡山市", "岡山市長", "大森　雅夫"),
      fixed("乙　和気郡和気町尺所555番地", "和気町", "和気町長", "大森　直徳"),
    ],
  };
});

/** The text of the blocks (a blank line between blocks) and the line each block starts on. */
function render(blocks: readonly Block[]): { text: string; starts: number[] } {
  const out: string[] = [];
  const starts: number[] = [];
  for (const b of blocks) { starts.push(out.length + 1); out.push(...b.lines, ""); }
  return { text: out.join("\n"), starts };
}

type Mangle =
  | { kind: "verb" | "unbalance" | "reword" | "width" | "comma"; block: number }
  | { kind: "insert"; at: number; text: string };

const UNKNOWN = ["第3条の規定は、なお従前の例による。", "甲及び乙は、この変更に伴い必要な措置を講ずる。", "（別紙のとおり）", "第４条の見出しを削る旨を確認する。"];

/** Apply a mangling; `line` is the mangled line, `same` whether the meaning is kept. */
function mangle(g: Generated, m: Mangle): { blocks: Block[]; target: number; same: boolean } | undefined {
  const blocks = g.blocks.map((b) => ({ ...b, lines: [...b.lines] }));
  if (m.kind === "insert") {
    // Only where the line cannot be read as part of a new text (after a sentence that takes none).
    const prev = blocks[m.at - 1];
    if (m.at > blocks.length || !prev || prev.lines.length > 1 && prev.role === "instruction") return undefined;
    blocks.splice(m.at, 0, { lines: [m.text], role: "fixed" });
    return { blocks, target: m.at, same: false };
  }
  const candidates = blocks.map((b, i) => [b, i] as const).filter(([b]) => b.role !== "fixed");
  const [b, i] = candidates[m.block % candidates.length]!;
  const first = b.lines[0]!;
  let next: string;
  let same = false;
  switch (m.kind) {
    case "verb": next = first.replace(/に改める。$/u, "に改正する。").replace(/を次のように改める。$/u, "を次のように改めた。").replace(/を削る。$/u, "を除く。").replace(/から(適用する|効力を生ずる)。$/u, "から適用される。"); break;
    case "unbalance": { const k = first.lastIndexOf("」"); if (k < 0) return undefined; next = first.slice(0, k) + first.slice(k + 1); break; }
    case "reword": if (b.role !== "supplementary") return undefined; next = first.replace(/から(?:適用する|効力を生ずる)。$/u, "以後に適用するものとする。").replace(/から施行し、/u, "以後速やかに施行し、"); break;
    case "width": {
      // Full-width digits outside quotes (第３条, 令和７年) keep the meaning; inside a quote they are text as written.
      let depth = 0;
      next = [...first].map((ch) => {
        if (ch === "「") depth++;
        else if (ch === "」") depth--;
        return depth === 0 && /[0-9]/u.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch;
      }).join("");
      same = true;
      break;
    }
    case "comma": if (b.role !== "supplementary") return undefined; next = first.replace(/は、/u, "は，"); same = true; break;
  }
  if (next === first) return undefined;
  b.lines[0] = next;
  blocks[i] = b;
  return { blocks, target: i, same };
}

const mangling: fc.Arbitrary<Mangle> = fc.oneof(
  fc.record({ kind: fc.constantFrom("verb", "unbalance", "reword", "width", "comma") as fc.Arbitrary<"verb" | "unbalance" | "reword" | "width" | "comma">, block: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.integer({ min: 5, max: 20 }), text: fc.constantFrom(...UNKNOWN) }),
);

describe("the completeness law (property)", () => {
  it("a generated amendment with one sentence mangled is read exactly or refused at the mangled line — nothing in between", () => {
    const seen = { read: 0, refused: 0 };
    fc.assert(fc.property(amendment, mangling, (g, m) => {
      const clean = render(g.blocks);
      const c = parseText(clean.text, { file: "g.txt" });
      if (!c.ok) throw new Error(`the unmangled text must parse:\n${clean.text}\n${JSON.stringify(c.issues)}`);
      const mm = mangle(g, m);
      if (mm === undefined || mm.target >= mm.blocks.length) return;
      const text = render(mm.blocks);
      const line = text.starts[mm.target]!;
      const r = parseText(text.text, { file: "g.txt" });
      if (r.ok) {
        // Read: only when the meaning was kept, and then exactly as the unmangled text.
        expect(mm.same, `read although mangled at line ${line}:\n${text.text}`).toBe(true);
        expect(r.value.event.payload).toEqual(c.value.event.payload);
        const { written: _a, ...d1 } = r.value.event.dates;
        const { written: _b, ...d2 } = c.value.event.dates;
        expect(d1).toEqual(d2);
        // Every non-blank line is covered by a reading entry.
        const covered = new Set(r.value.reading.flatMap((x) => Array.from({ length: x.lastLine - x.line + 1 }, (_, n) => x.line + n)));
        text.text.split("\n").forEach((l, n) => { if (l.trim() !== "") expect(covered.has(n + 1), `line ${n + 1} 「${l}」 not covered`).toBe(true); });
        seen.read++;
      } else {
        seen.refused++;
        const lines = r.issues.filter((i) => i.severity === "error").map((i) => i.location.line);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((l) => l === line), `errors at ${JSON.stringify(r.issues)} but mangled line ${line}:\n${text.text}`).toBe(true);
      }
    }), { numRuns: 200, seed: Number(process.env["KYOYAKU_SEED"] ?? 20261202) });
    // Both outcomes occur: the property is not vacuous.
    expect(seen.read).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
