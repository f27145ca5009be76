import { describe, expect, it } from "vitest";
import type { AsOfAnswer, HistoryEntry } from "@kyoyaku/core";
import { asOfHeader, dateRows, eventRefLine, flagLines, historyBlock, resolutionsText } from "./answers.js";

const conclude = { seq: 1, kind: "conclude", concludedOn: "2016-10-11", appliesFrom: "2016-10-11", draft: false, retroactive: false } as const;
const draft = { seq: 2, kind: "amend", appliesFrom: "2025-04-01", draft: true, retroactive: false } as const;

describe("eventRefLine", () => {
  it("names the event with its dates in wareki", () => {
    expect(eventRefLine(conclude)).toBe("#1 締結 (conclude) 締結日 平成28年10月11日 適用日 平成28年10月11日");
    expect(eventRefLine(draft)).toBe("#2 変更 (amend) 【案】 適用日 令和7年4月1日");
    expect(eventRefLine({ ...conclude, appliesFrom: "2016-04-01", retroactive: true })).toContain("（遡及適用）");
  });
});

describe("resolutionsText and dateRows", () => {
  it("marks missing 議決日 and keeps the parties' order", () => {
    expect(resolutionsText({ 岡山市: "2016-09-30" }, ["岡山市", "和気町"])).toBe("岡山市 平成28年9月30日（2016-09-30）、和気町 未登録");
    expect(resolutionsText({}, [])).toBe("—");
  });
  it("matches and prints party names normalised, whichever spelling the 議決日 was recorded under", () => {
    expect(resolutionsText({ 岡山市: "2025-03-18" }, ["岡 山 市", "備 前 市"])).toBe("岡山市 令和7年3月18日（2025-03-18）、備前市 未登録");
    expect(resolutionsText({ "備 前 市": "2025-03-21" }, ["岡山市", "備前市"])).toBe("岡山市 未登録、備前市 令和7年3月21日（2025-03-21）");
  });
  it("shows a draft's blank date as written", () => {
    const rows = dateRows(
      { resolutions: {}, appliesFrom: "2025-04-01", written: { concludedOn: { text: "令和7年3月 日", precision: "month", year: 2025, month: 3 } } },
      ["岡山市"],
    );
    expect(rows).toEqual([
      ["締結日", "令和7年3月 日（日付未確定）"],
      ["適用日", "令和7年4月1日（2025-04-01）"],
      ["議決日", "岡山市 未登録"],
    ]);
  });
  it("says a 現行取込 has no 議決 of its own instead of marking its 議決日 未登録", () => {
    expect(dateRows({ appliesFrom: "2020-04-01", resolutions: {} }, ["岡山市", "和気町"], "baseline").at(-1)).toEqual(["議決日", "—（現行取込）"]);
    expect(dateRows({ appliesFrom: "2020-04-01", resolutions: { 岡山市: "2020-03-01" } }, ["岡山市", "和気町"], "baseline").at(-1))
      .toEqual(["議決日", "岡山市 令和2年3月1日（2020-03-01）"]);
  });
});

describe("asOfHeader and flagLines", () => {
  const flags = { draftsExcluded: [draft], draftsApplied: [], retroactive: [], unknownParts: ["preamble", "articles"], missingResolutions: [{ seq: 1, party: "和気町" }] };
  const answer: AsOfAnswer = {
    agreementId: "okayama-wake", date: "2020-04-01", withDrafts: false, inForce: true,
    interval: { from: "2016-10-11", to: null }, events: [conclude], flags,
  };

  it("lists every kind of flag explicitly", () => {
    expect(flagLines(answer).map(([l]) => l)).toEqual(["案は除外", "不明な部分", "議決日未登録"]);
    expect(flagLines(answer)[1]![1]).toContain("前文、本則の各条");
  });

  it("prints the agreement, date, interval and events", () => {
    expect(asOfHeader(answer, "連携協約書").split("\n").slice(0, 4)).toEqual([
      "協約          okayama-wake（連携協約書）",
      "基準日        令和2年4月1日（2020-04-01）",
      "版の期間      平成28年10月11日から（終期なし） [2016-10-11, …)",
      "根拠          #1 締結 (conclude) 締結日 平成28年10月11日 適用日 平成28年10月11日",
    ]);
  });

  it("says why nothing is in force", () => {
    const text = asOfHeader({ ...answer, inForce: false, reason: "2016-10-11 より前", events: [], interval: undefined, flags: { ...flags, draftsExcluded: [], unknownParts: [], missingResolutions: [] } });
    expect(text).toContain("状態    効力なし（not in force）: 2016-10-11 より前");
    expect(text).not.toContain("版の期間");
  });
});

describe("historyBlock", () => {
  it("shows both times, the source and the notes", () => {
    const h: HistoryEntry = {
      seq: 1, kind: "conclude", status: "ratified", parties: ["岡山市", "和気町"],
      dates: { concludedOn: "2016-10-11", appliesFrom: "2016-04-01", resolutions: {} },
      recordedAt: "2026-11-21T00:00:00.000Z", recordedBy: "法規担当", sourceName: "a.txt", sourceSha256: "ab",
      retroactive: true, outOfOrder: true, amendedBy: [3], missingResolutions: ["岡山市", "和気町"], summary: "連携協約を締結",
    };
    const text = historyBlock(h);
    expect(text.split("\n")[0]).toBe("#1 締結 (conclude) — 確定 (ratified)");
    expect(text).toContain("記録日時  2026-11-21T00:00:00.000Z（日本時間 2026-11-21 09:00:00）");
    expect(text).toContain("記録者    法規担当");
    expect(text).toContain("原文      a.txt sha256:ab");
    expect(text).toContain("遡及適用（適用日が締結日より前）；記録順が前後（より後の適用日の記録の後に記録）；議決日未登録: 岡山市、和気町；後の記録で変更: #3");
  });

  it("shows the parties of a text that spells 「岡 山 市」 normalised", () => {
    const h: HistoryEntry = {
      seq: 1, kind: "amend", status: "draft", parties: ["岡 山 市", "備 前 市"], dates: { resolutions: {} },
      recordedAt: "2026-11-21T00:00:00.000Z", recordedBy: "法規担当", retroactive: false, outOfOrder: false, amendedBy: [],
      missingResolutions: ["岡 山 市", "備 前 市"], summary: "別表を全部改める",
    };
    const text = historyBlock(h);
    expect(text).toContain("当事者    岡山市、備前市");
    expect(text).toContain("議決日    岡山市 未登録、備前市 未登録");
    expect(text).toContain("議決日未登録: 岡山市、備前市");
  });
});
