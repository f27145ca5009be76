/**
 * Checks and conversions both stores share.
 *
 * @module
 */
import type { Interval } from "../date/types.js";
import type { AsOfFlags } from "../history/types.js";
import type { EventRef, StoredEvent } from "../events/types.js";
import type { Address } from "../model/address.js";
import { KyoyakuError } from "../model/errors.js";
import { canonicalJson, deepFreeze } from "../model/canonical.js";
import { sealEvents } from "./chain.js";
import type { AgreementProjection, AgreementSummaryRow, AppendRequest, AppendResult, ProjectedVersion, StoredAgreement, StoredVersion } from "./types.js";

/**
 * Throw `concurrency.conflict` when the caller's expected version is not the stream's.
 *
 * @example
 * checkExpectedVersion({ agreementId: "a", expectedVersion: 0, events }, 1); // throws concurrency.conflict
 */
export function checkExpectedVersion(request: AppendRequest, actual: number): void {
  if (request.expectedVersion !== undefined && request.expectedVersion !== actual) {
    throw new KyoyakuError(
      "concurrency.conflict",
      `協約 ${request.agreementId} の版は ${actual} で、想定した ${request.expectedVersion} ではない: その間に別の記録があった。読み直してからもう一度実行すること`,
      [],
      { agreementId: request.agreementId, expected: request.expectedVersion, actual },
    );
  }
}

/**
 * The source SHA-256s of the new events (legal events with a source).
 *
 * @example
 * sourceShas({ agreementId: "a", events: [newLegal(input)] }); // [input.source.sha256]
 */
export function sourceShas(request: AppendRequest): string[] {
  return request.events.flatMap((e) => (e.legal?.source !== undefined ? [e.legal.source.sha256] : []));
}

/**
 * True when a later 訂正 in the same stream retracts event `seq` (as recorded now). The
 * store needs this without the history module: a source whose events are all retracted is
 * not a duplicate and may be recorded again (typically into the right agreement).
 *
 * @example
 * isRetracted(store.read("a"), 1); // true after correct({ target: 1, retract: true })
 */
export function isRetracted(events: readonly StoredEvent[], seq: number): boolean {
  return events.some((e) => e.seq > seq && e.record?.kind === "correct" && e.record.target === seq && e.record.retract === true);
}

/**
 * Of the events recorded from one source, the one a new record duplicates: the first not
 * retracted. `undefined` when there is none (or all are retracted).
 *
 * @example
 * liveSourceEvent(candidates, (id) => store.read(id)); // the live event, if any
 */
export function liveSourceEvent(candidates: readonly StoredEvent[], read: (agreementId: string) => readonly StoredEvent[]): StoredEvent | undefined {
  return candidates.find((c) => !isRetracted(read(c.agreementId), c.seq));
}

/**
 * Refuse an empty append, or one that carries the same source twice (`input.invalid`).
 *
 * @example
 * checkBatch({ agreementId: "a", events: [] }); // throws input.invalid
 */
export function checkBatch(request: AppendRequest): void {
  if (request.events.length === 0) throw new KyoyakuError("input.invalid", "追記するものがない: 要求に出来事が一つもない");
  const shas = sourceShas(request);
  if (new Set(shas).size !== shas.length) throw new KyoyakuError("input.invalid", "一度の追記に同じ原文が2回ある");
}

/** The committed state a batch of appends starts from, as one store reads it. */
export interface BatchBase {
  /** The committed events of an agreement, in seq order (gap-free: its length is its version). */
  stream(agreementId: string): readonly StoredEvent[];
  /** The committed events recorded from a source, in recording order. */
  bySource(sha256: string): readonly StoredEvent[];
  /** Keep each sealed legal event's stored JSON for {@link storedLegalJson} (a store that writes rows). */
  readonly keepLegalJson?: boolean;
}

/** What a batch of appends will write, computed before anything is written. */
export interface BatchPlan {
  /** One per request, in request order. */
  readonly results: readonly AppendResult[];
  /** The new events of the batch, in the order they are written. */
  readonly sealed: readonly StoredEvent[];
  /** The whole new stream (committed + sealed) of each agreement the batch appends to, in first-touched order. */
  readonly streams: ReadonlyMap<string, readonly StoredEvent[]>;
}

/**
 * Plan a batch of appends in request order, each against the state the requests before it
 * leave: a source recorded before (in the store or earlier in the batch, live) makes its
 * request a duplicate; `expectedVersion` is compared with the version the earlier requests
 * left; the new events are sealed onto the chain as it then stands. Pure apart from reading
 * `base`; throws (input.invalid, concurrency.conflict) with `details.index` naming the
 * request when `indexed`. Both stores' `appendMany` plan with it, then write the plan.
 *
 * @example
 * const plan = planBatch(requests, { stream: (id) => store.read(id), bySource: (sha) => [] }, true);
 * plan.results.map((r) => r.duplicate); // [false, true, …]
 */
export function planBatch(requests: readonly AppendRequest[], base: BatchBase, indexed: boolean): BatchPlan {
  const named = <T>(index: number, f: () => T): T => {
    if (!indexed) return f();
    try {
      return f();
    } catch (e) {
      if (!(e instanceof KyoyakuError)) throw e;
      const id = requests[index]?.agreementId;
      throw new KyoyakuError(e.code, `要求 [${index}]（${String(id)}）: ${e.message}`, e.issues, { ...e.details, index, agreementId: id });
    }
  };
  requests.forEach((r, i) => named(i, () => checkBatch(r)));
  const streams = new Map<string, StoredEvent[]>();
  const fresh = new Map<string, StoredEvent[]>();
  const results: AppendResult[] = [];
  const sealed: StoredEvent[] = [];
  const streamOf = (id: string): readonly StoredEvent[] => streams.get(id) ?? base.stream(id);
  requests.forEach((request, index) => {
    const current = streamOf(request.agreementId);
    let existing: StoredEvent | undefined;
    for (const sha of sourceShas(request)) {
      const inBatch = fresh.get(sha);
      existing = liveSourceEvent(inBatch === undefined ? base.bySource(sha) : [...base.bySource(sha), ...inBatch], streamOf);
      if (existing !== undefined) break;
    }
    if (existing !== undefined) {
      results.push({ duplicate: true, existing, version: current.length });
      return;
    }
    named(index, () => checkExpectedVersion(request, current.length));
    const events = sealEvents(request.agreementId, lastOf(current), request.events, base.keepLegalJson === true);
    // One array per agreement, grown in place: a batch of many events for one agreement copies nothing.
    const stream = streams.get(request.agreementId) ?? [...current];
    stream.push(...events);
    streams.set(request.agreementId, stream);
    for (const e of events) {
      sealed.push(e);
      const sha = e.legal?.source?.sha256;
      if (sha !== undefined) fresh.set(sha, [...(fresh.get(sha) ?? []), e]);
    }
    results.push({ duplicate: false, events, version: stream.length });
  });
  // Each stream is a fresh array of frozen events: freezing the array freezes it whole.
  for (const s of streams.values()) Object.freeze(s);
  return { results, sealed, streams };
}

/**
 * The agreement-level part of a lean projection, stored once per agreement: the summary, and
 * the events behind its latest version in valid-time order (every version stands on a
 * prefix of them), each with the parties whose 議決日 is missing.
 */
export interface LeanAgreement {
  readonly summary: AgreementSummaryRow;
  readonly applied: readonly EventRef[];
  /** Aligned with `applied`: the parties of each event without a recorded 議決日. */
  readonly missing: readonly (readonly string[])[];
}

/**
 * A version row as stored: only what a lookup needs. Its events, flags and `changedBy`
 * refs are derived at read time from the {@link LeanAgreement} ({@link expandVersion}).
 */
export interface LeanVersion {
  /** Half-open `[from, to)`. */
  readonly interval: Interval;
  readonly root: string;
  /** The version stands on the first `events` of `LeanAgreement.applied`. */
  readonly events: number;
  /** Seqs of the events that made the version (their refs are in `applied`). */
  readonly changedBy: readonly number[];
  /** `flags.unknownParts` (the document's unknown parts); empty when fully known. */
  readonly unknown: readonly Address[];
  /**
   * Only for a version a projector shaped otherwise (never the engine's projector): its
   * events, changedBy and flags as given, kept whole so nothing is lost.
   */
  readonly meta?: { readonly events: readonly EventRef[]; readonly changedBy: readonly EventRef[]; readonly flags: AsOfFlags };
}

/** The lean form of one agreement's projection. */
export interface LeanProjection {
  readonly agreement: LeanAgreement;
  readonly versions: readonly LeanVersion[];
}

// Equal refs: the same object (the engine's projector shares them), else equal content.
const same = (a: unknown, b: unknown): boolean => a === b || canonicalJson(a) === canonicalJson(b);
const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => same(x, b[i]));

/**
 * True when `flags` are the flags a lean version standing on the first `count` applied
 * events gives (what {@link expandVersion} derives from the agreement row), compared without
 * building them: a projection has a version per change, each standing on more events.
 */
function derivable(flags: AsOfFlags, agreement: LeanAgreement, p: Prefixes, count: number): boolean {
  const applied = agreement.summary.draftsApplied.filter((r) => (p.position.get(r.seq) ?? count) < count);
  const retroactive = p.retroactiveUpTo[count]!;
  const missing = p.missingUpTo[count]!;
  return sameList(flags.draftsExcluded, agreement.summary.draftsExcluded) && sameList(flags.draftsApplied, applied)
    && flags.retroactive.length === retroactive && flags.retroactive.every((r, i) => same(r, p.retroactive[i]))
    && flags.missingResolutions.length === missing
    && flags.missingResolutions.every((m, i) => m.seq === p.missing[i]!.seq && m.party === p.missing[i]!.party);
}

/**
 * The lean form of a projection: events and missing 議決日 stored once per agreement,
 * versions as (interval, root, number of events, changedBy seqs, unknown parts). A version
 * whose metadata does not follow from that shape keeps its metadata whole (`meta`), so the
 * encoding never loses anything; the engine's projector always fits the shape.
 *
 * @example
 * leanProjection(projection).versions[0]?.events; // 1: the first version stands on one event
 */
export function leanProjection(projection: AgreementProjection): LeanProjection {
  const vs = projection.versions;
  const longest = vs.reduce<ProjectedVersion | undefined>((m, v) => (m === undefined || v.events.length > m.events.length ? v : m), undefined);
  const applied = longest?.events ?? [];
  const bySeq = new Map<number, string[]>();
  for (const m of longest?.flags.missingResolutions ?? []) bySeq.set(m.seq, [...(bySeq.get(m.seq) ?? []), m.party]);
  const agreement: LeanAgreement = { summary: projection.summary, applied, missing: applied.map((r) => bySeq.get(r.seq) ?? []) };
  const p = prefixesOf(agreement);
  const versions = vs.map((v): LeanVersion => {
    const count = v.events.length;
    const changedBy = v.changedBy.map((r) => r.seq);
    const lean: LeanVersion = { interval: v.interval, root: v.root, events: count, changedBy, unknown: v.flags.unknownParts };
    const fits = count <= applied.length
      && v.events.every((r, i) => same(r, applied[i]))
      && v.changedBy.every((r) => { const i = p.position.get(r.seq); return i !== undefined && i < count && same(r, applied[i]); })
      && derivable(v.flags, agreement, p, count);
    return fits ? lean : { ...lean, meta: { events: v.events, changedBy: v.changedBy, flags: v.flags } };
  });
  return { agreement, versions };
}


/**
 * The stored version a lean row stands for (frozen), with its events and flags derived.
 * `agreement` must be frozen all the way down, as both stores keep it.
 *
 * @example
 * expandVersion("a", lean.agreement, lean.versions[0]!).events.length; // lean.versions[0].events
 */
export function expandVersion(agreementId: string, agreement: LeanAgreement, v: LeanVersion): StoredVersion {
  if (v.meta !== undefined) return deepFreeze({ agreementId, interval: v.interval, root: v.root, ...v.meta });
  const p = prefixesOf(agreement);
  const n = v.events;
  // Frozen level by level, not walked: the refs and entries are the agreement row's, frozen
  // all the way down already (an expansion is on the path of every as-of lookup).
  const f = Object.freeze;
  return f({
    agreementId,
    interval: f(v.interval),
    root: v.root,
    events: f(agreement.applied.slice(0, n)),
    changedBy: f(v.changedBy.map((s) => agreement.applied[p.position.get(s)!]!)),
    // The flags as prefixes of lists computed once per agreement row (see derivable).
    flags: f({
      draftsExcluded: agreement.summary.draftsExcluded,
      draftsApplied: f(agreement.summary.draftsApplied.filter((r) => (p.position.get(r.seq) ?? n) < n)),
      retroactive: f(p.retroactive.slice(0, p.retroactiveUpTo[n])),
      unknownParts: f(v.unknown),
      missingResolutions: f(p.missing.slice(0, p.missingUpTo[n])),
    }),
  });
}

/** Per agreement row: what every version's flags are a prefix of (see expandVersion). */
interface Prefixes {
  /** Index of each applied event in `applied`, by seq. */
  readonly position: ReadonlyMap<number, number>;
  readonly retroactive: readonly EventRef[];
  /** How many of `retroactive` are among the first i applied events. */
  readonly retroactiveUpTo: Int32Array;
  readonly missing: readonly { readonly seq: number; readonly party: string }[];
  /** How many of `missing` belong to the first i applied events. */
  readonly missingUpTo: Int32Array;
}

const prefixMemo = new WeakMap<LeanAgreement, Prefixes>();

function prefixesOf(agreement: LeanAgreement): Prefixes {
  const known = prefixMemo.get(agreement);
  if (known !== undefined) return known;
  const n = agreement.applied.length;
  const position = new Map<number, number>();
  const retroactive: EventRef[] = [];
  const missing: { seq: number; party: string }[] = [];
  const retroactiveUpTo = new Int32Array(n + 1);
  const missingUpTo = new Int32Array(n + 1);
  agreement.applied.forEach((r, i) => {
    position.set(r.seq, i);
    if (r.retroactive) retroactive.push(r);
    for (const party of agreement.missing[i] ?? []) missing.push({ seq: r.seq, party });
    retroactiveUpTo[i + 1] = retroactive.length;
    missingUpTo[i + 1] = missing.length;
  });
  const p = { position, retroactive: deepFreeze(retroactive), retroactiveUpTo, missing: deepFreeze(missing), missingUpTo };
  prefixMemo.set(agreement, p);
  return p;
}

/**
 * The stored summary row of an agreement (frozen).
 *
 * @example
 * storedAgreement("a", lean.agreement).agreementId; // "a"
 */
export function storedAgreement(agreementId: string, agreement: LeanAgreement): StoredAgreement {
  return deepFreeze({ agreementId, ...agreement.summary });
}

/**
 * True when `date` falls in the half-open interval of `v`.
 *
 * @example
 * covers({ interval: { from: "2020-04-01", to: "2021-04-01" } } as StoredVersion, "2021-04-01"); // false
 */
export function covers(v: { readonly interval: Interval }, date: string): boolean {
  return v.interval.from <= date && (v.interval.to === null || date < v.interval.to);
}

/**
 * The last event of a list.
 *
 * @example
 * lastOf([]); // undefined
 */
export function lastOf(events: readonly StoredEvent[]): StoredEvent | undefined {
  return events[events.length - 1];
}
