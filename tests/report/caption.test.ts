/**
 * 見出し changes (tests/fixtures/amendments/kanji/03_caption.txt) applied to seed 1: the
 * 新旧対照表 shows the old and new 見出し of each article, the changed characters marked.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyOperation, diffDocuments, type AgreementDocument } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import { comparisonRows, renderComparisonTable } from "@kyoyaku/report";
import { seedDocuments } from "./seeds.js";

const file = fileURLToPath(new URL("../fixtures/amendments/kanji/03_caption.txt", import.meta.url));
const marked = (l: readonly { text: string; changed: boolean }[]): string => l.map((s) => (s.changed ? `【${s.text}】` : s.text)).join("");

describe("新旧対照表 of 見出し changes", () => {
  it("shows the deleted, replaced and edited 見出し of 第2条, 第4条 and 第5条", () => {
    const seed = seedDocuments().before;
    const parsed = parseText(readFileSync(file, "utf8"), { file: "03_caption.txt" });
    if (!parsed.ok || parsed.value.event.payload.kind !== "amend") throw new Error("03_caption.txt does not parse");
    let doc: AgreementDocument = seed;
    for (const op of parsed.value.event.payload.operations) {
      const r = applyOperation(doc, op);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      doc = r.value;
    }
    const { patch, changes } = diffDocuments(seed, doc);
    const diff = { from: "2025-03-31", to: "2025-04-01", patch, changes };
    const rows = comparisonRows(diff, seed, doc).filter((r) => r.kind === "change");
    const cells = (address: string): { before: string[]; after: string[] } => {
      const row = rows.find((r) => r.kind === "change" && r.address === address);
      if (!row || row.kind !== "change") throw new Error(`no row for ${address}`);
      return { before: row.cells.before.map(marked), after: row.cells.after.map(marked) };
    };
    expect(rows.map((r) => r.kind === "change" && [r.change, r.address])).toEqual([["replaced", "article:2"], ["replaced", "article:4"], ["replaced", "article:5"]]);
    // 「第二条の見出しを削る」: the old 見出し marked, none after.
    expect(cells("article:2")).toEqual({ before: ["【（基本方針）】", "第2条 （略）"], after: ["第2条 （略）"] });
    expect(cells("article:4")).toEqual({ before: ["（費用【分】担）", "第4条 （略）"], after: ["（費用【の負】担）", "第4条 （略）"] });
    expect(cells("article:5").after).toContain("（連絡【調整】会議）");
    const text = renderComparisonTable(diff, { format: "text", before: seed, after: doc });
    expect(text).toContain("（費用【の負】担）");
    expect(text).toContain("【（基本方針）】");
  });
});
