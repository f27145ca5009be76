/**
 * Effective events: the legal events of one agreement as the record reads them at a given
 * system time, after folding in the record events (案の確定 ratify, 議決日追加 resolve,
 * 訂正 correct) recorded by then. Nothing stored is edited; this is a read.
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import type { EventDates, EventRef, LegalEventKind, LegalPayload, SourceLines, StoredEvent } from "../events/types.js";
import type { AsOfOptions } from "./types.js";
import { normalizeText } from "../model/normalize.js";

/** A legal event as the record reads it at a given system time. */
export interface EffectiveEvent {
  readonly seq: number;
  readonly kind: LegalEventKind;
  /** `ratified`; `draft` (a pending 案); `retracted` (withdrawn by a 訂正). */
  readonly status: "ratified" | "draft" | "retracted";
  /** Dates after ratification, resolutions and corrections. */
  readonly dates: EventDates;
  readonly payload: LegalPayload;
  readonly parties: readonly string[];
  readonly recordedAt: Instant;
  readonly recordedBy: string;
  readonly source?: { readonly name: string; readonly sha256: string };
  /** Where the payload's parts were read in the source; gone when a 訂正 replaced the payload. */
  readonly sourceLines?: SourceLines;
  /** Seqs of the record events folded into this one, in order. */
  readonly amendedBy: readonly number[];
}

/**
 * True when instant `a` is at or before `b`, compared as points in time (ISO strings of any
 * precision or offset); falls back to string order when either does not parse.
 *
 * @example
 * instantAtOrBefore("2025-03-01T09:00:00+09:00", "2025-03-01T00:00:00Z"); // true
 */
export function instantAtOrBefore(a: Instant, b: Instant): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a <= b : ta <= tb;
}

/**
 * The events recorded by `knownAt` (all when absent), in sequence order: a record made after
 * the instant is not known then. The one implementation of this filter — the engine's
 * knowledge-time answers, the CLI's `audit --known-at` and the server's audit read use it.
 *
 * @example
 * knownBy(events, "2025-04-10T00:00:00Z").length; // events recorded by then
 */
export function knownBy(events: readonly StoredEvent[], knownAt?: Instant): StoredEvent[] {
  const out = knownAt === undefined ? [...events] : events.filter((e) => instantAtOrBefore(e.recordedAt, knownAt));
  return out.sort((a, b) => a.seq - b.seq);
}

/** Merge dates: later values win where given; resolutions are united. */
function mergeDates(old: EventDates, next: EventDates): EventDates {
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(next)) if (v !== undefined && k !== "resolutions" && k !== "written") out[k] = v;
  const written = old.written || next.written ? { ...old.written, ...next.written } : undefined;
  return { ...(out as unknown as EventDates), resolutions: { ...old.resolutions, ...next.resolutions }, ...(written ? { written } : {}) };
}

const unique = (names: readonly string[]): string[] => [...new Set(names)];

/**
 * Fold the record events into the legal events they target, reading only what was recorded
 * by `options.knownAt`. A record event naming no recorded legal event, or ratifying a
 * non-draft, is ignored here (`checkEvent` refuses it before it is written).
 *
 * - ratify: the draft becomes `ratified`; its dates are merged with the ratified dates
 *   (an 適用日 known from the draft's 附則 stays unless the ratification gives one);
 * - resolve: 議決日 are added (later ones win per party);
 * - correct: `dates` replace the dates wholesale, `payload` replaces the payload, `retract`
 *   withdraws the event.
 *
 * @example
 * const eff = effectiveEvents(events, { knownAt: "2025-05-01T00:00:00Z" });
 * eff.filter((e) => e.status === "draft").length; // drafts still pending then
 */
export function effectiveEvents(events: readonly StoredEvent[], options: AsOfOptions = {}): EffectiveEvent[] {
  const known = knownBy(events, options.knownAt);
  const bySeq = new Map<number, { -readonly [K in keyof EffectiveEvent]: EffectiveEvent[K] }>();
  const order: number[] = [];
  for (const e of known) {
    if (e.legal) {
      const l = e.legal;
      bySeq.set(e.seq, {
        seq: e.seq, kind: e.kind as LegalEventKind, status: l.draft ? "draft" : "ratified", dates: l.dates, payload: l.payload,
        parties: l.parties, recordedAt: e.recordedAt, recordedBy: e.recordedBy,
        ...(l.source ? { source: { name: l.source.name, sha256: l.source.sha256 } } : {}),
        ...(l.sourceLines ? { sourceLines: l.sourceLines } : {}),
        amendedBy: [],
      });
      order.push(e.seq);
      continue;
    }
    const r = e.record;
    if (!r) continue;
    const t = bySeq.get(r.target);
    if (!t || r.target >= e.seq) continue;
    switch (r.kind) {
      case "ratify":
        if (t.status !== "draft") continue;
        t.status = "ratified";
        t.dates = mergeDates(t.dates, r.dates);
        break;
      case "resolve":
        t.dates = { ...t.dates, resolutions: { ...t.dates.resolutions, ...r.resolutions } };
        break;
      case "correct":
        if (r.dates) t.dates = r.dates;
        if (r.payload) { t.payload = r.payload; delete t.sourceLines; }
        if (r.retract) t.status = "retracted";
        break;
    }
    t.amendedBy = [...t.amendedBy, e.seq];
  }
  return order.map((s) => Object.freeze(bySeq.get(s)!));
}

/**
 * The 適用日 of an effective event: its `appliesFrom`, else the ISO day its text wrote
 * (a draft's 附則; none when the 附則 left the day blank), else the 締結日 (conclude, abolish
 * and amend take effect when concluded unless a 適用日 is stated). `undefined` when none is known.
 *
 * @example
 * appliesFromOf(draft); // "2025-04-01" from 附則「令和7年4月1日から適用する」
 */
export function appliesFromOf(e: Pick<EffectiveEvent, "dates">): IsoDate | undefined {
  if (e.dates.appliesFrom !== undefined) return e.dates.appliesFrom;
  const written = e.dates.written?.appliesFrom;
  // A 附則 that names its 適用日 without the day (a 案's 「令和7年4月 日」) leaves it unknown: not the 締結日.
  if (written !== undefined) return written.iso;
  return e.dates.concludedOn;
}

/**
 * Distinct 適用日 of the operations of an event (per-operation ただし書 dates included), sorted.
 *
 * @example
 * changeDatesOf(amendWithProviso); // ["2025-04-01", "2025-10-01"]
 */
export function changeDatesOf(e: Pick<EffectiveEvent, "dates" | "payload">): IsoDate[] {
  const base = appliesFromOf(e);
  const dates = new Set<IsoDate>();
  if (e.payload.kind === "amend" && e.payload.operations.length > 0) {
    for (const op of e.payload.operations) {
      const d = op.appliesFrom ?? base;
      if (d !== undefined) dates.add(d);
    }
  } else if (base !== undefined) dates.add(base);
  return [...dates].sort();
}

/**
 * The short reference answers cite. `retroactive` (遡及適用) when the event or any of its
 * operations applies before its 締結日.
 *
 * @example
 * eventRef(eff).retroactive; // true when 適用日 < 締結日
 */
export function eventRef(e: EffectiveEvent): EventRef {
  const appliesFrom = appliesFromOf(e);
  const concludedOn = e.dates.concludedOn;
  const first = changeDatesOf(e)[0];
  return Object.freeze({
    seq: e.seq, kind: e.kind,
    ...(concludedOn !== undefined ? { concludedOn } : {}),
    ...(appliesFrom !== undefined ? { appliesFrom } : {}),
    draft: e.status === "draft",
    retroactive: concludedOn !== undefined && first !== undefined && first < concludedOn,
  });
}

/**
 * Parties of an event with no 議決日 recorded, as the text names them (compared after
 * normalisation, so 「岡 山 市」 matches 「岡山市」; outputs show them normalised). Never
 * invented: a missing date stays missing. A 現行取込 (baseline) has none to miss: it registers
 * the text in force without its history, and has no 議決 of its own.
 *
 * @example
 * missingResolutionsOf(eff); // ["和気町"] when only 岡山市's 議決日 is known
 * missingResolutionsOf({ ...eff, kind: "baseline" }); // []
 */
export function missingResolutionsOf(e: Pick<EffectiveEvent, "kind" | "dates" | "parties">): string[] {
  // A 現行取込 has no 議決 of its own; a 通告の撤回 or 更新 asks for none that kyoyaku can name.
  if (e.kind === "baseline" || e.kind === "withdrawNotice" || e.kind === "renew" || e.kind === "declineRenewal") return [];
  const have = new Set(Object.keys(e.dates.resolutions ?? {}).map(normalizeText));
  return e.parties.filter((p) => !have.has(normalizeText(p)));
}

/**
 * Who an agreement is between, by normalised name: the parties of its 締結 or 現行取込 text
 * when one is recorded (the latest ratified one in valid-time order, else a pending one), so
 * that an amendment naming other parties — a what-if draft of another pair, a text recorded
 * into the wrong agreement — does not change them. With no such text (a history that starts
 * with an amendment), the parties of its ratified events, else of all its events.
 *
 * @example
 * agreementParties(events); // ["岡山市", "和気町"] even after a what-if draft of 岡山市 × 備前市
 */
export function agreementParties(events: readonly StoredEvent[], options: AsOfOptions = {}): string[] {
  return partiesOfEffective(effectiveEvents(events, options));
}

/**
 * {@link agreementParties} from effective events already folded (the projector folds them
 * once for the timeline, the flags and the parties).
 *
 * @example
 * partiesOfEffective(effectiveEvents(events)); // ["岡山市", "和気町"]
 */
export function partiesOfEffective(effective: readonly EffectiveEvent[]): string[] {
  const live = effective.filter((e) => e.status !== "retracted");
  const texts = live.filter((e) => (e.kind === "conclude" || e.kind === "baseline") && e.parties.length > 0);
  const ratified = texts.filter((e) => e.status === "ratified");
  const byDate = (a: EffectiveEvent, b: EffectiveEvent): number => {
    const [x, y] = [appliesFromOf(a) ?? "", appliesFromOf(b) ?? ""];
    return x !== y ? (x < y ? -1 : 1) : a.seq - b.seq;
  };
  const text = [...(ratified.length > 0 ? ratified : texts)].sort(byDate).at(-1);
  if (text !== undefined) return unique(text.parties.map(normalizeText));
  const named = live.some((e) => e.status === "ratified") ? live.filter((e) => e.status === "ratified") : live;
  return unique(named.flatMap((e) => e.parties.map(normalizeText)));
}
