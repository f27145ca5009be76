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

describe("号 and 項 lined by identity across a renumbering (issue 13 c)", () => {
  const items = (...xs: [string, string][]) => xs.map(([label, text]) => ({ label, text, items: [] }));
  const article4 = (list: ReturnType<typeof items>, ...more: string[]): AgreementDocument["articles"][number] => ({
    number: "4", caption: "費用", paragraphs: [{ number: 1, text: "費用の負担は、次の各号に定めるところによる。", items: list }, ...more.map((text, i) => ({ number: i + 2, text, items: [] }))],
  });
  const show = (l: readonly { text: string; changed: boolean }[]): string => l.map((s) => (s.changed ? `【${s.text}】` : s.text)).join("");
  const cells = (before: AgreementDocument, after: AgreementDocument) => {
    const { patch, changes } = diffDocuments(before, after);
    const row = comparisonRows({ from: "2025-03-31", to: "2025-04-01", patch, changes }, before, after).find((r) => r.kind === "change")!;
    if (row.kind !== "change") throw new Error("no change row");
    return { after: row.cells.after.map(show), before: row.cells.before.map(show) };
  };

  it("Given 「第1項中第3号を第4号とし、第2号を第3号とし、第1号の次に次の1号を加える」, When tabled, Then old (2) lines with new (3) (only the number marked) and new (2) is wholly new", () => {
    const before = doc([article4(items(["（1）", "共通経費 甲及び乙が協議して定める。"], ["（2）", "個別経費 当該取組を実施する者が負担する。"], ["（3）", "事務費 甲が負担する。"]))]);
    const after = doc([article4(items(["（1）", "共通経費 甲及び乙が協議して定める。"], ["（2）", "広報経費 乙が負担する。"], ["（3）", "個別経費 当該取組を実施する者が負担する。"], ["（4）", "事務費 甲が負担する。"]))]);
    const c = cells(before, after);
    expect(c.after).toEqual(["（費用）", "第4条 費用の負担は、次の各号に定めるところによる。", "\u3000（1） 共通経費 甲及び乙が協議して定める。", "\u3000【（2） 広報経費 乙が負担する。】", "\u3000（【3】） 個別経費 当該取組を実施する者が負担する。", "\u3000（【4】） 事務費 甲が負担する。"]);
    expect(c.before).toEqual(["（費用）", "第4条 費用の負担は、次の各号に定めるところによる。", "\u3000（1） 共通経費 甲及び乙が協議して定める。", "\u3000（【2】） 個別経費 当該取組を実施する者が負担する。", "\u3000（【3】） 事務費 甲が負担する。"]);
  });

  it("Given 「第2号を削り、第3号を第2号とする」, When tabled, Then old (2) is 削る and old (3) lines with new (2)", () => {
    const before = doc([article4(items(["（1）", "共通経費 甲及び乙が協議して定める。"], ["（2）", "個別経費 当該取組を実施する者が負担する。"], ["（3）", "事務費 甲が負担する。"]))]);
    const after = doc([article4(items(["（1）", "共通経費 甲及び乙が協議して定める。"], ["（2）", "事務費 甲が負担する。"]))]);
    const c = cells(before, after);
    expect(c.before.slice(3)).toEqual(["\u3000【（2） 個別経費 当該取組を実施する者が負担する。】", "\u3000（【3】） 事務費 甲が負担する。"]);
    expect(c.after.slice(3)).toEqual(["\u3000（【2】） 事務費 甲が負担する。"]);
  });

  it("Given a 項 inserted before 第2項 (第2項を第3項とし、第1項の次に次の1項を加える), When tabled, Then old 第2項 lines with new 第3項", () => {
    const before = doc([article4([], "前項の規定にかかわらず、甲は乙と協議する。")]);
    const after = doc([article4([], "前項の費用は、毎年度定める。", "前項の規定にかかわらず、甲は乙と協議する。")]);
    const c = cells(before, after);
    expect(c.after.slice(2)).toEqual(["【2 前項の費用は、毎年度定める。】", "【3】 前項の規定にかかわらず、甲は乙と協議する。"]);
    expect(c.before.slice(2)).toEqual(["【2】 前項の規定にかかわらず、甲は乙と協議する。"]);
  });
});
