import { castDraft, produce } from "immer";
import { describe, expect, it } from "vitest";
import { contentHash } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { isKyoyakuError } from "../model/errors.js";
import type { EventRef } from "../events/types.js";
import type { Timeline, Version } from "../history/types.js";
import { diffTimeline } from "./timeline.js";
import { measure, sampleDocument } from "./diff.testkit.js";

const ref = (seq: number, kind: EventRef["kind"], appliesFrom: string, concludedOn = appliesFrom): EventRef =>
  ({ seq, kind, appliesFrom, concludedOn, draft: false, retroactive: appliesFrom < concludedOn });

const v1 = sampleDocument([
  { label: "I", title: "圏域全体の経済成長のけん引", items: [measure("強みをいかした新たな産業の創出・育成", "創出に取り組む。"), measure("国内外に開かれた広域観光の推進", "観光の推進に取り組む。")] },
]);
// seq 2 (適用日 2025-04-01): a 取組 replaced and one added.
const v2 = produce(v1, (d) => {
  d.appendices[0]!.sections[0]!.items[1]!.fields[0]!.text = "圏域の歴史，文化の魅力を発信し、観光の推進に取り組む。";
  d.appendices[0]!.sections[0]!.items.push(castDraft(measure("高度な中心拠点の強化", "中心拠点の整備等に取り組む。")));
});
// seq 4 (適用日 2026-04-01, recorded after seq 3): 第4条 and the same 取組 again.
const v3 = produce(v2, (d) => {
  d.articles[3]!.paragraphs[0]!.text = "費用は、甲及び乙が協議して定める。";
  d.appendices[0]!.sections[0]!.items[1]!.fields[1]!.text = "広域観光の推進に中心となって取り組む。";
});
// seq 3 (適用日 2027-04-01): 第5条 deleted.
const v4 = produce(v3, (d) => {
  d.articles.splice(4, 1);
});

const version = (document: AgreementDocument, from: string, to: string | null, changedBy: EventRef[], events: EventRef[]): Version =>
  ({ interval: { from, to }, document, root: contentHash(document), events, changedBy });

const e1 = ref(1, "conclude", "2016-10-11");
const e2 = ref(2, "amend", "2025-04-01", "2025-03-25");
const e3 = ref(3, "amend", "2027-04-01", "2027-03-01");
const e4 = ref(4, "amend", "2026-04-01", "2026-05-01"); // retroactive
const timeline: Timeline = {
  versions: [
    version(v1, "2016-10-11", "2025-04-01", [e1], [e1]),
    version(v2, "2025-04-01", "2026-04-01", [e2], [e1, e2]),
    version(v3, "2026-04-01", "2027-04-01", [e4], [e1, e2, e4]),
    version(v4, "2027-04-01", null, [e3], [e1, e2, e4, e3]),
  ],
  draftsExcluded: [],
  draftsApplied: [],
};

describe("diffTimeline", () => {
  it("Given the day before and the 適用日 of an amendment, When diffed, Then the change shows (half-open intervals)", () => {
    const d = diffTimeline(timeline, "2025-03-31", "2025-04-01", "okayama-wake");
    expect(d.agreementId).toBe("okayama-wake");
    expect(d.before?.interval).toEqual({ from: "2016-10-11", to: "2025-04-01" });
    expect(d.after?.interval).toEqual({ from: "2025-04-01", to: "2026-04-01" });
    expect(d.before?.root).toBe(contentHash(v1));
    expect(d.changes.map((c) => [c.change, c.address, c.event?.seq])).toEqual([
      ["replaced", "appendix:1/section:I/item:国内外に開かれた広域観光の推進", 2],
      ["added", "appendix:1/section:I/item:高度な中心拠点の強化", 2],
    ]);
  });

  it("Given two dates inside the same version, When diffed, Then there is no change", () => {
    const d = diffTimeline(timeline, "2025-04-01", "2026-03-31");
    expect(d.changes).toEqual([]);
    expect(d.patch).toEqual([]);
  });

  it("Given dates spanning three amendments, When diffed, Then each change names the last event that changed it, with its 適用日", () => {
    const d = diffTimeline(timeline, "2020-01-01", "2030-01-01");
    expect(d.changes.map((c) => [c.change, c.address, c.event?.seq, c.event?.appliesFrom])).toEqual([
      ["replaced", "article:4/paragraph:1", 4, "2026-04-01"],
      ["removed", "article:5", 3, "2027-04-01"],
      ["replaced", "appendix:1/section:I/item:国内外に開かれた広域観光の推進", 4, "2026-04-01"],
      ["added", "appendix:1/section:I/item:高度な中心拠点の強化", 2, "2025-04-01"],
    ]);
    expect(d.changes[0]!.event?.retroactive).toBe(true);
  });

  it("Given a date before the first 適用日, When diffed, Then the before side is absent and everything is added by the 締結", () => {
    const d = diffTimeline(timeline, "2016-10-10", "2016-10-11");
    expect(d.before).toBeUndefined();
    expect(d.after?.root).toBe(contentHash(v1));
    expect(d.changes.length).toBeGreaterThan(5);
    expect(d.changes.every((c) => c.change === "added" && c.event?.seq === 1)).toBe(true);
  });

  it("Given a later from than to, When diffed, Then the diff runs backwards, still attributed to the events", () => {
    const d = diffTimeline(timeline, "2025-04-01", "2025-03-31");
    expect(d.changes.map((c) => [c.change, c.address, c.event?.seq])).toEqual([
      ["replaced", "appendix:1/section:I/item:国内外に開かれた広域観光の推進", 2],
      ["removed", "appendix:1/section:I/item:高度な中心拠点の強化", 2],
    ]);
  });

  it("Given an abolished agreement, When diffed across the 廃止, Then the after side is absent and all is removed by the 廃止", () => {
    const abolish = ref(5, "abolish", "2031-04-01");
    const t: Timeline = {
      ...timeline,
      versions: [...timeline.versions.slice(0, 3), version(v4, "2027-04-01", "2031-04-01", [e3], [e1, e2, e4, e3])],
      abolishedFrom: "2031-04-01",
      abolishedBy: abolish,
    };
    expect(diffTimeline(t, "2031-03-31", "2031-03-31").changes).toEqual([]);
    const d = diffTimeline(t, "2031-03-31", "2031-04-01");
    expect(d.after).toBeUndefined();
    expect(d.changes.every((c) => c.change === "removed" && c.event?.seq === 5)).toBe(true);
  });

  it("Given a malformed date, When diffed, Then a KyoyakuError input.invalid names it", () => {
    try {
      diffTimeline(timeline, "2025/04/01", "2026-04-01");
      expect.unreachable();
    } catch (e) {
      expect(isKyoyakuError(e) && e.code).toBe("input.invalid");
      expect((e as Error).message).toContain("2025/04/01");
    }
  });
});
