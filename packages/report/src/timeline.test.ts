import { describe, expect, it } from "vitest";
import type { EventDates, HistoryEntry, StoredEvent } from "@kyoyaku/core";
import { auditFindings, renderAudit } from "./audit.js";
import { renderTimeline } from "./timeline.js";

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  seq: 1, kind: "conclude", status: "ratified", parties: ["岡山市", "和気町"], recordedAt: "2026-01-10T01:00:00.000Z", recordedBy: "法規担当",
  retroactive: false, outOfOrder: false, amendedBy: [], missingResolutions: [], summary: "連携協約を締結（第1条〜第6条、別表）", ...over,
});

const entries: HistoryEntry[] = [
  entry({ dates: { concludedOn: "2016-10-11", appliesFrom: "2016-10-11", resolutions: { 岡山市: "2016-09-30" } }, missingResolutions: ["和気町"], sourceName: "000.txt", sourceSha256: "ab".repeat(32) }),
  entry({ seq: 2, kind: "amend", parties: ["岡山市", "和気町"], dates: { concludedOn: "2025-05-01", appliesFrom: "2025-04-01", resolutions: { 岡山市: "2025-03-20", 和気町: "2025-03-21" } }, retroactive: true, outOfOrder: true, summary: "別表を改める" }),
  entry({ seq: 3, kind: "amend", status: "draft", dates: { resolutions: {}, written: { concludedOn: { text: "令和7年3月 日", precision: "month", year: 2025, month: 3 } } }, summary: "別表を改める（案）" }),
  entry({ seq: 4, kind: "correct", target: 1, summary: "#1（締結）の日付を訂正（締結日 —、適用日 —）：適用日の誤記" }),
];

const base = { agreementId: "okayama-wake", recordedAt: "2026-01-10T01:00:00.000Z", recordedBy: "法規担当" };
const events: StoredEvent[] = [
  { ...base, seq: 1, kind: "conclude", prevHash: "", hash: "h1", legal: { payload: { kind: "abolish" }, dates: { resolutions: {} }, draft: false, parties: [], source: { name: "000.txt", text: "…", sha256: "ab".repeat(32) } } },
  { ...base, seq: 2, kind: "amend", prevHash: "h1", hash: "h2" },
  { ...base, seq: 3, kind: "amend", prevHash: "h2", hash: "h3" },
  { ...base, seq: 4, kind: "correct", prevHash: "hX", hash: "h4", recordedBy: "監査担当", record: { kind: "correct", target: 1, reason: "適用日の誤記", dates: { resolutions: {} } } },
];

describe("renderTimeline", () => {
  it("Given entries with a missing 議決日, a retroactive and out-of-order amendment and a draft, When rendered as text, Then each shows its dates and marks", () => {
    const text = renderTimeline(entries, { format: "text", title: "okayama-wake" });
    expect(text).toContain("#1 締結\n  締結日: 平成28年10月11日（2016-10-11）\n  議決日: 岡山市 平成28年9月30日（2016-09-30）、和気町 未登録\n  適用日: 平成28年10月11日（2016-10-11）");
    expect(text).toContain("#2 変更 ［遡及適用・登録順逆転］");
    expect(text).toContain("#3 変更 ［案］\n  締結日: 令和7年3月 日");
    expect(text).toContain("#4 訂正 → #1");
  });

  it("renders Markdown and HTML tables and JSON with the same facts", () => {
    expect(renderTimeline(entries, { format: "md" })).toContain("| #2 | 変更 | 令和7年5月1日（2025-05-01） | 岡山市 令和7年3月20日（2025-03-20）<br>和気町 令和7年3月21日（2025-03-21） | 令和7年4月1日（2025-04-01） | 遡及適用・登録順逆転 | 別表を改める |");
    const html = renderTimeline(entries, { format: "html" });
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain("和気町 未登録");
    const json = JSON.parse(renderTimeline(entries, { format: "json" })) as { resolutions: { party: string; text: string }[]; marks: string[] }[];
    expect(json[0]!.resolutions).toEqual([{ party: "岡山市", date: "2016-09-30", text: "平成28年9月30日（2016-09-30）" }, { party: "和気町", date: null, text: "未登録" }]);
    expect(json[2]!.marks).toEqual(["案"]);
  });

  it("says so when there are no events", () => {
    expect(renderTimeline([], { format: "text" })).toContain("記録はありません");
  });

  it("Given a text that spells 「岡 山 市」 and a 議決日 recorded for 「岡山市」, When rendered, Then one party, normalised, with its date", () => {
    const spaced = entry({ parties: ["岡 山 市", "和気町"], dates: { concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30" } } });
    const text = renderTimeline([spaced], { format: "text" });
    expect(text).toContain("議決日: 岡山市 平成28年9月30日（2016-09-30）、和気町 未登録");
  });

  it("Given a 現行取込, When rendered, Then its 議決日 is —, not 未登録 (it has no 議決 of its own)", () => {
    const baseline = entry({ kind: "baseline", dates: { appliesFrom: "2020-04-01", resolutions: {} } });
    expect(renderTimeline([baseline], { format: "text" })).toContain("議決日: —\n");
  });
});

describe("renderAudit", () => {
  it("Given a broken chain link, a missing 議決日 and a 訂正, When audited, Then each is a finding", () => {
    const f = auditFindings(events, entries);
    expect(f.map((x) => [x.kind, x.seq])).toEqual([
      ["chain", 4], ["missing-resolution", 1], ["retroactive", 2], ["out-of-order", 2], ["correction", 4], ["draft", 3],
    ]);
    expect(f[4]!.message).toBe("#4 訂正: #1（締結）の日付を訂正（締結日 —、適用日 —）：適用日の誤記（2026-01-10 10:00:00 日本時間（2026-01-10T01:00:00.000Z）、監査担当）");
    expect(f[1]!.message).toBe("#1 締結: 和気町の議決日が未登録");
    expect(f[4]!.message).toContain("監査担当");
  });

  it("renders both times, who recorded, source names and hashes", () => {
    const md = renderAudit(events, entries, { format: "md", agreementId: "okayama-wake", knownAt: "2026-02-01T00:00:00.000Z" });
    expect(md).toContain("# 監査報告 — okayama-wake");
    expect(md).toContain("記録時点: 2026-02-01 09:00:00 日本時間（2026-02-01T00:00:00.000Z） までに記録されたもの");
    expect(md).toContain(`| #1 | 締結 | 2026-01-10 10:00:00 日本時間（2026-01-10T01:00:00.000Z） | 法規担当 | 平成28年10月11日（2016-10-11） | 平成28年10月11日（2016-10-11） | 000.txt | ${"ab".repeat(32)} | — |`);
    expect(md).toContain("## 記録一覧");
    expect(md).toContain("- #1 締結: 和気町の議決日が未登録");
    const text = renderAudit(events, entries, { format: "text" });
    expect(text).toContain("連鎖: 不整合あり");
    expect(renderAudit(events, entries, { format: "html" })).toContain("<h2>遡及適用</h2>");
    expect(JSON.parse(renderAudit(events, entries, { format: "json" })).findings).toHaveLength(6);
  });

  it("Given no record by the instant asked, When rendered, Then the record list says so instead of an empty table", () => {
    const knownAt = "2020-01-01T14:59:59.999Z";
    const text = renderAudit([], [], { format: "text", agreementId: "okayama-wake", knownAt, knownAtText: "令和2年1月1日" });
    expect(text).toContain("記録数: 0件");
    expect(text).toContain("■ 記録一覧\n  該当なし（この時点までに記録されたものはない）\n");
    expect(renderAudit([], [], { format: "md", knownAt })).toContain("## 記録一覧\n\n該当なし（この時点までに記録されたものはない）\n");
    const html = renderAudit([], [], { format: "html" });
    expect(html).toContain("<h2>記録一覧</h2>\n<p>該当なし（記録がない）</p>");
    expect(html).not.toContain("<table");
  });
});

describe("renderAudit: notes, corrections, retracted events", () => {
  const legal = (dates: EventDates): StoredEvent["legal"] => ({ payload: { kind: "abolish" }, dates, draft: false, parties: ["岡山市", "和気町"] });

  it("Given events without marks, When rendered as text, Then no empty 注記 line is printed", () => {
    const text = renderAudit(events, [entry({ dates: { resolutions: {} } })], { format: "text" });
    expect(text).not.toMatch(/注記:/u);
    // Markdown and HTML keep the column, with 「—」.
    expect(renderAudit(events, [entry({ dates: { resolutions: {} } })], { format: "md" })).toContain("| 注記 |");
  });

  it("Given a correction of one 議決日, When audited, Then the finding says old → new for that date only", () => {
    const evs: StoredEvent[] = [
      { ...base, seq: 1, kind: "conclude", prevHash: "", hash: "h1", legal: legal({ concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30", 和気町: "2016-09-27" } }) },
      { ...base, seq: 2, kind: "correct", prevHash: "h1", hash: "h2", record: { kind: "correct", target: 1, reason: "誤記", dates: { concludedOn: "2016-10-11", resolutions: { 岡山市: "2016-09-30", 和気町: "2016-09-28" } } } },
    ];
    const f = auditFindings(evs, [entry({ seq: 2, kind: "correct", target: 1, summary: "#1（締結）の日付を訂正" })]).find((x) => x.kind === "correction");
    expect(f?.message).toContain("［議決日 和気町 平成28年9月27日（2016-09-27） → 平成28年9月28日（2016-09-28）］");
    expect(f?.message).not.toContain("岡山市 平成28年9月30日（2016-09-30） →");
  });

  it("Given a retracted event recorded out of order, When audited, Then it is not listed under 登録順の逆転", () => {
    const list = [entry({ seq: 2, kind: "amend", status: "retracted", outOfOrder: true }), entry({ seq: 3, kind: "amend", outOfOrder: true })];
    expect(auditFindings(events, list).filter((x) => x.kind === "out-of-order").map((x) => x.seq)).toEqual([3]);
  });
});
