/**
 * The history layer on the two seed documents, parsed by @kyoyaku/text: seed 1 is a
 * 連携協約書 (岡山市 × 和気町, 平成28年10月11日); seed 2 a draft 変更連携協約書 (岡山市 × 備前市,
 * 令和7年3月 日) replacing the 別表 from 令和7年4月1日, whose base agreement is not at hand.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  asOfAnswer, buildTimeline, checkEvent, historyEntries, versionAt,
  type LegalEventInput, type RecordPayload, type StoredEvent,
} from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

const seed = (name: string): LegalEventInput => {
  const file = fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));
  const r = parseText(readFileSync(file, "utf8"), { file: name });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.value.event;
};
const conclusion = seed("000_0d517b853e764d1a.txt");
const draft = seed("001_6d3949d91c26715e.txt");

function stream(...items: ({ legal: LegalEventInput } | { record: RecordPayload })[]): StoredEvent[] {
  return items.map((x, i) => ({
    agreementId: "t", seq: i + 1, kind: "legal" in x ? x.legal.payload.kind : x.record.kind, ...x,
    recordedAt: new Date(Date.parse("2025-03-01T00:00:00Z") + i * 86_400_000 * 10).toISOString(), recordedBy: "法規担当", prevHash: "", hash: "",
  }));
}

describe("seed 1: 連携協約書 concluded 2016-10-11", () => {
  const events = stream({ legal: conclusion });

  it("given the conclusion, when asked the day before and on 2016-10-11, then not yet in force, then in force with 6 articles", () => {
    const t = buildTimeline(events);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const before = versionAt(t.value, "2016-10-10");
    expect(!before.inForce && before.reason).toContain("平成28年10月11日（2016-10-11）");
    const on = versionAt(t.value, "2016-10-11");
    expect(on.inForce && on.version.document.articles.length).toBe(6);
    expect(on.inForce && on.version.interval).toEqual({ from: "2016-10-11", to: null });
  });

  it("given the conclusion, when listed, then summarised with its counts and missing 議決日 named (never invented)", () => {
    const [entry] = historyEntries(events);
    expect(entry!.summary).toBe("連携協約を締結（6条、別表3区分14取組）");
    expect(entry!.missingResolutions).toEqual(["岡山市", "和気町"]);
  });

  it("given the conclusion, when seed 2's 別表 replacement is recorded as a ratified amendment of it, then two versions split at 2025-04-01", () => {
    const asWritten: LegalEventInput = { ...draft, draft: false, parties: conclusion.parties, dates: { ...draft.dates, concludedOn: "2025-03-27" } };
    // As written, its 前文 names the 岡山市-備前市 agreement: refused at that line.
    expect(checkEvent(events, { kind: "amend", legal: asWritten }).filter((i) => i.severity === "error").map((i) => [i.code, i.location.line])).toEqual([["rule.amend-base-mismatch", 14]]);
    const payload = asWritten.payload.kind === "amend" ? { ...asWritten.payload, base: { title: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約" } } : asWritten.payload;
    const amended: LegalEventInput = { ...asWritten, payload };
    expect(checkEvent(events, { kind: "amend", legal: amended }).filter((i) => i.severity === "error")).toEqual([]);
    const all = stream({ legal: conclusion }, { legal: amended });
    const on = asOfAnswer("t", all, "2025-04-01");
    const eve = asOfAnswer("t", all, "2025-03-31");
    expect(eve.document?.appendices[0]!.sections[0]!.items.length).toBe(4);
    expect(on.document?.appendices[0]!.sections[0]!.items[0]!.name).toBe("新たな産業の創出及び地域産業の振興");
    expect(on.document?.articles).toBe(eve.document?.articles);
    expect(on.interval).toEqual({ from: "2025-04-01", to: null });
    expect(historyEntries(all)[1]!.summary).toBe("別表を全部改める");
  });
});

describe("seed 2: a draft 変更連携協約書 whose base text is not at hand", () => {
  it("given only the draft, when asked as of 2025-04-01 without drafts, then nothing is in force and the draft is flagged excluded", () => {
    const ans = asOfAnswer("okayama-bizen", stream({ legal: draft }), "2025-04-01");
    expect(ans.inForce).toBe(false);
    expect(ans.reason).toContain("記録なし");
    expect(ans.flags.draftsExcluded.map((r) => r.seq)).toEqual([1]);
  });

  it("given only the draft, when asked with drafts, then a partial document from its 附則 適用日 lists the unknown parts", () => {
    const ans = asOfAnswer("okayama-bizen", stream({ legal: draft }), "2025-04-01", { withDrafts: true });
    expect(ans.inForce).toBe(true);
    expect(ans.interval).toEqual({ from: "2025-04-01", to: null });
    expect(ans.document?.appendices.length).toBe(1);
    expect(ans.flags.unknownParts).toEqual(expect.arrayContaining(["title", "preamble", "articles", "parties"]));
    expect(ans.flags.unknownParts).not.toContain("appendices");
    expect(ans.flags.draftsApplied.map((r) => r.seq)).toEqual([1]);
    expect(ans.flags.missingResolutions.map((m) => m.party)).toEqual(["岡 山 市", "備 前 市"]);
  });

  it("given the draft, when ratified with a month-only date, then refused; with a full 締結日, then accepted and known only from then", () => {
    const events = stream({ legal: draft });
    const partial: RecordPayload = { kind: "ratify", target: 1, dates: { resolutions: {}, ...(draft.dates.written ? { written: draft.dates.written } : {}) } };
    expect(checkEvent(events, { kind: "ratify", record: partial }).map((i) => i.code)).toContain("rule.ratify-incomplete-date");
    const ratify: RecordPayload = { kind: "ratify", target: 1, dates: { concludedOn: "2025-03-27", resolutions: { 岡山市: "2025-03-19", 備前市: "2025-03-18" } } };
    expect(checkEvent(events, { kind: "ratify", record: ratify }).filter((i) => i.severity !== "info")).toEqual([]);
    const all = stream({ legal: draft }, { record: ratify });
    const known = asOfAnswer("okayama-bizen", all, "2025-04-01");
    expect(known.inForce).toBe(true);
    expect(known.flags.missingResolutions).toEqual([]);
    expect(known.events[0]).toMatchObject({ seq: 1, draft: false, concludedOn: "2025-03-27", appliesFrom: "2025-04-01", retroactive: false });
    const earlier = asOfAnswer("okayama-bizen", all, "2025-04-01", { knownAt: all[0]!.recordedAt });
    expect(earlier.inForce).toBe(false);
  });
});
