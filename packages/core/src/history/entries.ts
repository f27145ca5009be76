/**
 * The history listing: every recorded event with both of its times (valid time 適用日,
 * system time recorded_at), its status as known at a given instant, and a one-line summary.
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import type { HistoryEntry } from "./types.js";
import type { RecordPayload, Resolutions, StoredEvent } from "../events/types.js";
import { normalizeText } from "../model/normalize.js";
import { appliesFromOf, effectiveEvents, eventRef, knownBy, missingResolutionsOf, type EffectiveEvent } from "./effective.js";
import { dateLabel, eventLabel } from "./labels.js";
import { summarizePayload } from "./summary.js";
import { buildFromEffective } from "./timeline.js";
import { addressLabel } from "./labels.js";

const LAST = "\uffff";

function recordSummary(r: RecordPayload, target: EffectiveEvent | undefined): string {
  const who = target !== undefined ? eventLabel(target) : `#${r.target}`;
  const day = (d: IsoDate | undefined): string => (d !== undefined ? dateLabel(d) : "—");
  const resolutions = (rs: Resolutions | undefined): string =>
    Object.entries(rs ?? {}).map(([p, d]) => `${normalizeText(p)} ${dateLabel(d)}`).join("、");
  switch (r.kind) {
    case "ratify":
      return `${who}の案を確定（締結日 ${day(r.dates.concludedOn)}、適用日 ${day(r.dates.appliesFrom ?? (target && appliesFromOf(target)))}）`;
    case "resolve":
      return `${who}に議決日を追加（${resolutions(r.resolutions)}）`;
    case "correct": {
      if (r.retract === true) return `${who}を撤回：${r.reason}`;
      const what = [r.dates ? "日付" : undefined, r.payload ? "内容" : undefined].filter(Boolean).join("・");
      const given = r.dates ? resolutions(r.dates.resolutions) : "";
      const dates = r.dates ? `（締結日 ${day(r.dates.concludedOn)}、適用日 ${day(r.dates.appliesFrom ?? r.dates.concludedOn)}${given !== "" ? `、議決日 ${given}` : ""}）` : "";
      return `${who}の${what || "記録"}を訂正${dates}：${r.reason}`;
    }
  }
}

/**
 * Every event known at `options.knownAt`, in valid-time order: legal events by 適用日, then
 * 締結日, then seq (drafts without a 適用日 last); each record event (ratify, resolve,
 * correct) right after the event it is about, in the order recorded. Each entry carries both
 * times, its status, retroactivity, `outOfOrder` (recorded after an event with a later
 * 適用日), the record events that changed it, missing 議決日 and a summary in Japanese.
 *
 * @example
 * historyEntries(events).map((h) => `${h.dates?.appliesFrom ?? ""} ${h.summary}`);
 * // ["2016-10-11 連携協約を締結（6条、別表3区分14取組）", "2025-04-01 別表を全部改める", …]
 */
export function historyEntries(events: readonly StoredEvent[], options: { readonly knownAt?: Instant } = {}): HistoryEntry[] {
  const known = knownBy(events, options.knownAt);
  const eff = effectiveEvents(events, options);
  const bySeq = new Map(eff.map((e) => [e.seq, e]));
  const sortKey = (e: EffectiveEvent): [string, string, number] => [appliesFromOf(e) ?? LAST, e.dates.concludedOn ?? LAST, e.seq];
  const legal = [...eff].sort((x, y) => {
    const [a1, a2, a3] = sortKey(x);
    const [b1, b2, b3] = sortKey(y);
    return a1 !== b1 ? (a1 < b1 ? -1 : 1) : a2 !== b2 ? (a2 < b2 ? -1 : 1) : a3 - b3;
  });
  const records = known.filter((e) => e.record);
  const placed = new Set<number>();
  const out: HistoryEntry[] = [];
  const recordEntry = (s: StoredEvent): HistoryEntry => {
    const r = s.record!;
    const target = bySeq.get(r.target);
    const dates = r.kind === "resolve" ? { resolutions: r.resolutions } : r.dates;
    return Object.freeze({
      seq: s.seq, kind: s.kind, status: "ratified" as const, ...(dates ? { dates } : {}), parties: target?.parties ?? [],
      recordedAt: s.recordedAt, recordedBy: s.recordedBy, retroactive: false, outOfOrder: false, target: r.target,
      amendedBy: [], missingResolutions: [], summary: recordSummary(r, target),
    });
  };
  // A 通告's line says its 失効日 (computed from the clause in force on the 通告日) and what became of it.
  const notices = eff.some((e) => e.kind === "notice") ? buildFromEffective(eff, false).timeline.notices ?? [] : [];
  const noticeNote = (seq: number): string => {
    const n = notices.find((x) => x.seq === seq);
    if (n === undefined) return "";
    const how = n.outcome === "ended" ? "" : n.outcome === "withdrawn" ? `、#${n.withdrawnBy}で撤回` : "、それより前に終了";
    return `（失効日 ${dateLabel(n.expiresOn)}：${addressLabel(n.clause)}による${how}）`;
  };
  for (const e of legal) {
    const applies = appliesFromOf(e);
    const outOfOrder = applies !== undefined && eff.some((f) => {
      const fa = appliesFromOf(f);
      return f.seq < e.seq && f.status !== "retracted" && fa !== undefined && fa > applies;
    });
    out.push(Object.freeze({
      seq: e.seq, kind: e.kind, status: e.status, dates: e.dates, parties: e.parties, recordedAt: e.recordedAt, recordedBy: e.recordedBy,
      ...(e.source ? { sourceName: e.source.name, sourceSha256: e.source.sha256 } : {}),
      retroactive: eventRef(e).retroactive, outOfOrder, amendedBy: e.amendedBy,
      missingResolutions: e.status === "retracted" ? [] : missingResolutionsOf(e),
      summary: summarizePayload(e.payload) + (e.kind === "notice" ? noticeNote(e.seq) : ""),
    }));
    for (const s of records) {
      if (s.record!.target === e.seq) { out.push(recordEntry(s)); placed.add(s.seq); }
    }
  }
  // Record events about no known legal event (checkEvent refuses these; kept visible if present).
  for (const s of records) if (!placed.has(s.seq)) out.push(recordEntry(s));
  return out;
}
