import { describe, expect, it } from "vitest";
import { articleLabel, diffDocuments, type AgreementDocument } from "@kyoyaku/core";
import { comparisonRows } from "./comparison.js";
import { markChanges } from "./marks.js";
import { renderComparisonTable } from "./render-comparison.js";
import { displayWidth, wrapLine } from "./width.js";

const doc = (articles: AgreementDocument["articles"]): AgreementDocument => ({ title: "協約書", parties: [], preamble: "前文", articles, appendices: [], unknown: [] });
const art = (number: string, caption: string, ...texts: string[]): AgreementDocument["articles"][number] =>
  ({ number, caption, paragraphs: texts.map((text, i) => ({ number: i + 1, text, items: [] })) });

describe("markChanges", () => {
  it("Given a one-character change, Then each column marks only its own side", () => {
    const m = markChanges("地域資源をいかした", "地域資源を活かした");
    expect(m.after).toEqual([{ text: "地域資源を", changed: false }, { text: "活", changed: true }, { text: "かした", changed: false }]);
    expect(m.before).toEqual([{ text: "地域資源を", changed: false }, { text: "い", changed: true }, { text: "かした", changed: false }]);
  });
});

describe("display width", () => {
  it("counts full-width characters as 2 and wraps without exceeding the width", () => {
    expect(displayWidth("第1条（目的）")).toBe(13);
    expect(wrapLine("あいうえおa", 4)).toEqual(["あい", "うえ", "おa"]);
  });
  it("prints 枝番号 as 第5条の2", () => {
    expect(articleLabel("5の2")).toBe("第5条の2");
  });
});

describe("comparisonRows", () => {
  const before = doc([art("1", "目的", "目的とする。"), art("2", "基本方針", "連携を図る。", "協議する。"), art("3", "費用", "協議して定める。")]);
  const after = doc([art("1", "目的", "目的とする。"), art("2", "基本方針", "連携を図る。", "誠実に協議する。"), art("3", "費用", "協議して定める。")]);
  const { patch, changes } = diffDocuments(before, after);
  const diff = { from: "2025-03-31", to: "2025-04-01", patch, changes };

  it("Given a changed 第2項, When rendered with the documents, Then the 条 row elides its unchanged 項 and （略） stands for 第1条 and 第3条", () => {
    const rows = comparisonRows(diff, before, after);
    expect(rows.map((r) => r.kind)).toEqual(["elided", "change", "elided"]);
    const row = rows[1]!;
    expect(row.kind === "change" && row.cells.after.map((l) => l.map((s) => (s.changed ? `【${s.text}】` : s.text)).join(""))).toEqual(["（基本方針）", "第2条 （略）", "2 【誠実に】協議する。"]);
  });

  it("Given no documents, When rendered, Then the changed 項 alone is shown, labelled 第2条第2項", () => {
    const rows = comparisonRows(diff);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kind === "change" && rows[0]!.cells.before[0]!.map((s) => s.text).join("")).toBe("第2条第2項 協議する。");
  });

  it("Given no change, When rendered, Then the table says 改正なし", () => {
    expect(renderComparisonTable({ from: "2025-03-31", to: "2025-04-01", patch: [], changes: [] }, { format: "text" })).toContain("（改正なし）");
  });
});
