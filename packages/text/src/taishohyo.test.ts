import { applyOperation, canonicalJson, type AgreementDocument, type IsoDate, type Operation } from "@kyoyaku/core";
import { describe, expect, it } from "vitest";
import { fixture, SEED1 } from "./fixtures.test-util.js";
import { parseAgreement, parseText } from "./parse.js";

const seed = (): AgreementDocument => {
  const r = parseAgreement(fixture(`seeds/${SEED1}`));
  if (!r.ok) throw new Error("seed 1 does not parse");
  return r.value;
};

const apply = (doc: AgreementDocument, ops: readonly Operation[]): AgreementDocument =>
  ops.reduce((d, o) => {
    const r = applyOperation(d, o);
    if (!r.ok) throw new Error(`${o.op} ${JSON.stringify(r.issues)}`);
    return r.value;
  }, doc);

const DIR = "amendments/taishohyo/";

/** Parse a fixture against seed 1; the amend event's operations and dates. */
function read(file: string, base: AgreementDocument = seed()) {
  const r = parseText(fixture(`${DIR}${file}`), { file, base });
  return r;
}

describe("新旧対照表方式: each form gives the document its 改め文 gives", () => {
  for (const [table, kaimebun] of [
    ["01_tab.txt", "01_tab.kaimebun.txt"],
    ["02_ruled.txt", "02_ruled.kaimebun.txt"],
    ["03_markdown.txt", "01_tab.kaimebun.txt"],
  ] as const) {
    it(`${table} = ${kaimebun}`, () => {
      const t = read(table);
      const k = read(kaimebun);
      expect(t.issues.filter((i) => i.severity !== "info")).toEqual([]);
      if (!t.ok || !k.ok || t.value.event.payload.kind !== "amend" || k.value.event.payload.kind !== "amend") throw new Error("not read");
      const base = seed();
      expect(canonicalJson(apply(base, t.value.event.payload.operations))).toBe(canonicalJson(apply(base, k.value.event.payload.operations)));
      expect(t.value.event.dates).toEqual(k.value.event.dates);
      // The completeness law: every non-blank line is covered by a reading.
      const covered = new Set<number>();
      for (const r of t.value.reading) for (let n = r.line; n <= r.lastLine; n++) covered.add(n);
      fixture(`${DIR}${table}`).split("\n").forEach((l, i) => { if (l.trim() !== "") expect(covered.has(i + 1), `line ${i + 1}`).toBe(true); });
    });
  }

  it("01: the operations in the order the engine applies them, each read at its row", () => {
    const t = read("01_tab.txt");
    if (!t.ok || t.value.event.payload.kind !== "amend") throw new Error("not read");
    expect(t.value.event.payload.operations.map((o) => [o.op, o.op === "insert" ? o.after : o.op === "restate" ? "" : o.target])).toEqual([
      ["renumber", "article:6"], ["replace", "article:5"], ["insert", "article:5"],
    ]);
    const rows = t.value.reading.filter((r) => r.line >= 12 && r.line <= 19).map((r) => [r.line, r.as.kind === "part" ? r.as.part : r.as.kind === "operation" ? r.as.operations.map((o) => o.op).join(",") : r.as.kind]);
    expect(rows).toEqual([[12, "table-header"], [13, "kept"], [14, "replace"], [16, "insert"], [18, "renumber"]]);
  });

  it("a 改正前 cell that is not the stored text is refused at its row, naming the 項 and showing both texts", () => {
    const r = read("bad_mismatch.txt");
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.severity === "error")!;
    expect(e.code).toBe("amend.taishohyo-mismatch");
    expect(e.location).toMatchObject({ file: "bad_mismatch.txt", line: 14, address: "article:5/paragraph:1" });
    expect(e.message).toContain("改正前の欄「甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎月会議を開催するものとする。」");
    expect(e.message).toContain("記録の本文「甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。」");
  });

  it("without a base the table is refused (it cannot be checked); baseAt is asked for the day before the 適用日", () => {
    const text = fixture(`${DIR}01_tab.txt`);
    const none = parseText(text, { file: "a.txt" });
    expect(none.ok).toBe(false);
    expect(none.issues.find((i) => i.severity === "error")).toMatchObject({ code: "amend.taishohyo-base-missing", location: { line: 12 } });
    const asked: [IsoDate, readonly string[]][] = [];
    const r = parseText(text, { file: "a.txt", baseAt: (day, parties) => { asked.push([day, parties]); return seed(); } });
    expect(r.ok).toBe(true);
    expect(asked).toEqual([["2025-03-31", ["岡山市", "和気町"]]]);
  });

  const mutate = (from: string, to: string) => parseText(fixture(`${DIR}01_tab.txt`).replace(from, to), { file: "m.txt", base: seed() });
  const firstError = (r: ReturnType<typeof mutate>) => r.issues.find((i) => i.severity === "error");

  it("every row is read or the text is refused at that row's line", () => {
    // A row with three columns.
    expect(firstError(mutate("（事務局）\t（新設）", "（事務局）\t（新設）\t備考"))).toMatchObject({ code: "amend.taishohyo-row-unread", location: { line: 16 } });
    // （新設） in the 改正後 column.
    expect(firstError(mutate("（事務局）\t（新設）", "（新設）\t（事務局）"))?.location.line).toBe(16);
    // A cell that is no provision.
    expect(firstError(mutate("第１条～第４条　（略）\t第１条～第４条　（略）", "なお、第１条から第４条までは改めない。\t（略）"))).toMatchObject({ code: "amend.taishohyo-cell-unread", location: { line: 13 } });
    // An empty 改正前 cell where （新設） was meant.
    expect(firstError(mutate("（事務局）\t（新設）", "（事務局）\t"))).toMatchObject({ code: "amend.taishohyo-cell-empty", location: { line: 16 } });
    // The same 条 in two rows.
    expect(firstError(mutate("第【７】条　（略）\t第【６】条　（略）", "第【７】条　（略）\t第【６】条　（略）\n（連絡会議）\t（連絡会議）\n第５条　（略）\t第５条　（略）"))).toMatchObject({ code: "amend.taishohyo-duplicate", location: { line: 20 } });
    // A 条 the agreement does not have.
    expect(firstError(mutate("第【７】条　（略）\t第【６】条　（略）", "第【８】条　（略）\t第【７】条　（略）"))).toMatchObject({ code: "amend.target-missing", location: { line: 18 } });
  });

  it("a （略） below a 項 (号, part of a sentence) is refused, never stored as text", () => {
    const r = mutate("毎年度【１回以上】会議を開催するものとする。\t", "毎年度【１回以上】（略）\t");
    expect(firstError(r)).toMatchObject({ code: "amend.taishohyo-omission-unread", location: { line: 15 } });
  });

  it("a row that writes no 見出し keeps the stored one; 「（削る）」 in its place removes it", () => {
    const plain = mutate("（連絡会議）\t（連絡会議）\n", "");
    const withCaptions = read("01_tab.txt");
    if (!plain.ok || !withCaptions.ok || plain.value.event.payload.kind !== "amend" || withCaptions.value.event.payload.kind !== "amend") throw new Error("not read");
    expect(apply(seed(), plain.value.event.payload.operations)).toEqual(apply(seed(), withCaptions.value.event.payload.operations));
    const removed = mutate("（連絡会議）\t（連絡会議）\n", "（削る）\t（連絡会議）\n");
    if (!removed.ok || removed.value.event.payload.kind !== "amend") throw new Error("not read");
    const doc = apply(seed(), removed.value.event.payload.operations);
    expect(doc.articles.find((a) => a.number === "5")?.caption).toBeUndefined();
    expect(firstError(mutate("（連絡会議）\t（連絡会議）\n", "（新設）\t（連絡会議）\n"))).toMatchObject({ code: "amend.taishohyo-cell-unread", location: { line: 14 } });
  });

  it("a 取組 written 「名称 （略）」 in a 区分 that changes is kept as stored; （新設）/（削る） beside a 取組 add and remove it", () => {
    const lines = fixture(`${DIR}02_ruled.txt`).split("\n");
    const at = lines.findIndex((l) => l.startsWith("教育分野における交流の強化"));
    // The 取組's four rows (name, 取組内容, 甲の役割, 乙の役割) become one （略） row.
    lines.splice(at, 4, "教育分野における交流の強化　（略） │ 教育分野における交流の強化　（略）");
    const r = parseText(lines.join("\n"), { file: "m.txt", base: seed() });
    const k = read("02_ruled.kaimebun.txt");
    if (!r.ok || !k.ok || r.value.event.payload.kind !== "amend" || k.value.event.payload.kind !== "amend") throw new Error(JSON.stringify(r.issues));
    expect(canonicalJson(apply(seed(), r.value.event.payload.operations))).toBe(canonicalJson(apply(seed(), k.value.event.payload.operations)));
    // The same 取組 removed: 「（削る）」 beside its rows.
    const gone = [...lines];
    gone[at] = "（削る） │ 教育分野における交流の強化　（略）";
    const g = parseText(gone.join("\n"), { file: "m.txt", base: seed() });
    if (!g.ok || g.value.event.payload.kind !== "amend") throw new Error(JSON.stringify(g.issues));
    const doc = apply(seed(), g.value.event.payload.operations);
    expect(doc.appendices[0]!.sections[2]!.items.map((it) => it.name)).not.toContain("教育分野における交流の強化");
  });

  it("a draft's header row 「改正案」「現行」 is read as 「改正後」「改正前」", () => {
    const r = mutate("改正後\t改正前\n", "改正案\t現行\n");
    expect(r.ok).toBe(true);
  });

  it("a table without its header row is refused at the line where it should be", () => {
    const r = mutate("改正後\t改正前\n", "");
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.code === "amend.taishohyo-header-missing")).toMatchObject({ severity: "error", location: { line: 12 } });
  });
});
