import { describe, expect, it } from "vitest";
import { historyEntries } from "./entries.js";
import { addressLabel, articleLabel, dateLabel, eventLabel, noTargetMessage, partiesLabel, partyResolutions, seqRanges, warekiLabel } from "./labels.js";
import { documentCounts, summarizeOperation, summarizeOperations, summarizePayload } from "./summary.js";
import { agreement, appendix, article, dates, History } from "./testing.testkit.js";

describe("summarizeOperation", () => {
  it("given each kind of operation, when summarised, then it reads like a 改め文", () => {
    expect(summarizeOperation({ op: "replace", target: "appendix:1", node: appendix({ I: ["x"] }) })).toBe("別表を全部改める");
    expect(summarizeOperation({ op: "replaceText", target: "article:3", from: "A", to: "B" })).toBe("第3条中「A」を「B」に改める");
    expect(summarizeOperation({ op: "replaceText", target: "article:3/paragraph:2", from: "A", to: "B", occurrence: 1 })).toBe("第3条第2項中最初の「A」を「B」に改める");
    expect(summarizeOperation({ op: "deleteText", target: "article:5", text: "毎年度" })).toBe("第5条中「毎年度」を削る");
    expect(summarizeOperation({ op: "delete", target: "appendix:1/section:III/item:公共施設の最適化" })).toBe("別表III中「公共施設の最適化」の取組を削る");
    expect(summarizeOperation({ op: "renumber", target: "article:6", to: "article:7" })).toBe("第6条を第7条とする");
    expect(summarizeOperation({ op: "insert", parent: "articles", after: "article:5", node: article("6", "x") })).toBe("第5条の次に1条を加える");
    expect(summarizeOperation({ op: "insert", parent: "article:3", node: { number: 2, text: "x", items: [] } })).toBe("第3条の末尾に1項を加える");
    expect(summarizeOperation({ op: "restate", document: agreement() })).toBe("全部を改める（全部変更）");
    expect(summarizeOperation({ op: "delete", target: "article:5", appliesFrom: "2025-10-01" })).toBe("第5条を削る（2025-10-01から適用）");
  });

  it("given a renumber and an insert, when summarised together, then they join as 「…とし、…を加える」", () => {
    expect(summarizeOperations([
      { op: "renumber", target: "article:6", to: "article:7" },
      { op: "insert", parent: "articles", after: "article:5", node: article("6", "x") },
    ])).toBe("第6条を第7条とし、第5条の次に1条を加える");
  });

  it("given the seed-like agreement, when a conclusion is summarised, then it counts articles, sections and 取組", () => {
    expect(documentCounts(agreement())).toBe("6条、別表3区分5取組");
    expect(summarizePayload({ kind: "conclude", document: agreement() })).toBe("連携協約を締結（6条、別表3区分5取組）");
    expect(summarizePayload({ kind: "abolish" })).toBe("協約を廃止");
  });
});

describe("labels", () => {
  it("given addresses and dates, when labelled, then Japanese names and wareki come out", () => {
    expect(addressLabel("article:3/paragraph:2/item:(1)")).toBe("第3条第2項第1号");
    expect(addressLabel("appendix:2/section:I")).toBe("別表第2I");
    expect(addressLabel("supplementary/paragraph:1")).toBe("附則第1項");
    expect(warekiLabel("2019-04-30")).toBe("平成31年4月30日");
    expect(warekiLabel("2019-05-01")).toBe("令和元年5月1日");
    expect(warekiLabel("1989-01-07")).toBe("昭和64年1月7日");
    expect(dateLabel("2025-04-01")).toBe("令和7年4月1日（2025-04-01）");
    expect(dateLabel("2025-04-01")).toBe("令和7年4月1日（2025-04-01）");
    expect(dateLabel("1800-01-01")).toBe("1800-01-01");
  });

  it("given an article with a 枝番号, when labelled, then 「第5条の2」 as the text writes it", () => {
    expect(articleLabel("5の2")).toBe("第5条の2");
    expect(addressLabel("article:5の2/paragraph:1")).toBe("第5条の2第1項");
    expect(addressLabel("appendix:1/section:II/item:高度な中心拠点の強化")).toBe("別表II中「高度な中心拠点の強化」の取組");
  });

  it("given events and parties, when labelled, then 「#N（種別）」 in a sentence, 「#N 種別」 heading a line, names normalised", () => {
    expect(eventLabel({ seq: 1, kind: "conclude" })).toBe("#1（締結）");
    expect(eventLabel({ seq: 2, kind: "amend" }, "heading")).toBe("#2 変更");
    expect(eventLabel({ seq: 3, kind: "baseline" })).toBe("#3（現行取込）");
    expect(partiesLabel(["岡 山 市", "備　前　市"])).toBe("岡山市、備前市");
    expect(partiesLabel([])).toBe("—");
  });

  it("given 議決日 recorded under either spelling, when listed party by party, then one normalised name each, missing ones without a date; none missing for a 現行取込", () => {
    expect(partyResolutions({ 岡山市: "2016-09-30", 津山市: "2016-09-29" }, ["岡 山 市", "和気町"]))
      .toEqual([{ party: "岡山市", date: "2016-09-30" }, { party: "和気町" }, { party: "津山市", date: "2016-09-29" }]);
    expect(partyResolutions(undefined, ["岡山市"], "baseline")).toEqual([]);
    expect(partyResolutions({ 岡山市: "2020-03-01" }, ["岡山市", "和気町"], "baseline")).toEqual([{ party: "岡山市", date: "2020-03-01" }]);
  });
});

describe("historyEntries", () => {
  it("given an older amendment recorded last, when listed, then valid-time order and it is flagged out of order", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2021-03-01", "2021-04-01"));
    h.amend([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], dates("2018-03-01", "2018-04-01"));
    const list = historyEntries(h.events);
    expect(list.map((e) => e.seq)).toEqual([1, 3, 2]);
    expect(list.map((e) => e.outOfOrder)).toEqual([false, true, false]);
    expect(list[1]!.summary).toBe("第3条中「別表」を「別表第1」に改める");
    expect(list[0]!.summary).toBe("連携協約を締結（6条、別表3区分5取組）");
  });

  it("given a draft, its ratification and a resolution, when listed, then record events follow their target and amendedBy links them", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "replace", target: "appendix:1", node: appendix({ I: ["x"] }) }], { resolutions: {}, appliesFrom: "2025-04-01" }, { draft: true });
    h.record({ kind: "resolve", target: 1, resolutions: {} });
    h.record({ kind: "ratify", target: 2, dates: { concludedOn: "2025-03-27", resolutions: { 岡山市: "2025-03-20" } } });
    const list = historyEntries(h.events);
    expect(list.map((e) => e.seq)).toEqual([1, 3, 2, 4]);
    expect(list[2]).toMatchObject({ status: "ratified", amendedBy: [4], missingResolutions: ["和気町"], summary: "別表を全部改める" });
    expect(list[3]).toMatchObject({ kind: "ratify", target: 2, summary: "#2（変更）の案を確定（締結日 令和7年3月27日（2025-03-27）、適用日 令和7年4月1日（2025-04-01））" });
    const before = historyEntries(h.events, { knownAt: h.events[1]!.recordedAt });
    expect(before.map((e) => [e.seq, e.status])).toEqual([[1, "ratified"], [2, "draft"]]);
  });

  it("given a retroactive amendment and a retraction, when listed, then flagged retroactive and retracted", () => {
    const h = new History();
    h.conclude(agreement(), dates("2016-10-11"));
    h.amend([{ op: "deleteText", target: "article:5", text: "毎年度" }], dates("2019-06-01", "2019-04-01"));
    h.record({ kind: "correct", target: 2, reason: "誤登録", retract: true });
    const list = historyEntries(h.events);
    expect(list[1]).toMatchObject({ seq: 2, retroactive: true, status: "retracted", amendedBy: [3] });
    expect(list[2]!.summary).toBe("#2（変更）を撤回：誤登録");
  });

  it("given a resolution and a correction of dates, when listed, then their summaries name the event, the parties normalised and the dates in wareki", () => {
    const h = new History();
    h.legal({ kind: "conclude", document: agreement() }, { concludedOn: "2016-10-11", resolutions: {} }, { parties: ["岡 山 市", "和気町"] });
    h.record({ kind: "resolve", target: 1, resolutions: { "岡 山 市": "2016-09-30" } });
    h.record({ kind: "correct", target: 1, reason: "入力誤り", dates: { concludedOn: "2016-10-11", resolutions: { 和気町: "2016-09-28" } } });
    const list = historyEntries(h.events);
    expect(list[1]!.summary).toBe("#1（締結）に議決日を追加（岡山市 平成28年9月30日（2016-09-30））");
    expect(list[2]!.summary).toBe("#1（締結）の日付を訂正（締結日 平成28年10月11日（2016-10-11）、適用日 平成28年10月11日（2016-10-11）、議決日 和気町 平成28年9月28日（2016-09-28））：入力誤り");
  });
});

describe("seqRanges and noTargetMessage", () => {
  it("given event numbers in any order, when listed, then consecutive runs are joined", () => {
    expect(seqRanges([7, 1, 2, 3, 5, 8, 2])).toBe("#1–#3, #5, #7–#8");
    expect(seqRanges([4])).toBe("#4");
    expect(seqRanges([])).toBe("");
  });

  it("given a seq that is a record event, when named as a target, then the message says so and lists the legal events", () => {
    const events = [{ seq: 1, kind: "conclude" }, { seq: 2, kind: "amend" }, { seq: 3, kind: "resolve" }, { seq: 4, kind: "amend" }] as const;
    expect(noTargetMessage("a", events, 3)).toBe("a #3 は別の出来事についての議決日追加の記録で、法的な出来事ではない（法的な出来事は #1–#2, #4）");
    expect(noTargetMessage("a", events, 9)).toBe("a に出来事 #9 はない（最後は #4。法的な出来事は #1–#2, #4）");
    expect(noTargetMessage("a", [], 1)).toBe("a に出来事 #1 はない（出来事の記録がない）");
  });
});
