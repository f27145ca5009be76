/**
 * The engine: a store plus the pure history functions. Writes check the domain rules
 * (checkEvent) and append events with their projections in one transaction; the default
 * as-of read comes from the version projection, every other read replays events.
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import { isIsoDate, parseInstant, todayInJapan } from "../date/index.js";
import { diffTimeline } from "../diff/index.js";
import type { DocumentDiff } from "../diff/types.js";
import type { EventDates, EventKind, LegalEventInput, RecordPayload, StoredEvent } from "../events/types.js";
import { buildTimeline, effectiveEvents, historyEntries, versionAt } from "../history/index.js";
import { asOfAnswerFrom, outsideReason, replayFor, withTermFlag, type Replay } from "../history/timeline.js";
import { agreementParties } from "../history/effective.js";
import { checkEventWith } from "../history/rules.js";
import { StepMemo } from "../history/steps.js";
import type { Timeline } from "../history/types.js";
import { appendixItemAddress, articleAddress, sectionKey } from "../model/address.js";
import { deepFreeze, sha256 } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";
import { agreementNotFound } from "../model/nearest.js";
import type { Issue } from "../model/issue.js";
import { normalizeText, searchKey } from "../model/normalize.js";
import { MemoryEventStore } from "../store/memory.js";
import { SqliteEventStore, type SqliteStoreOptions } from "../store/sqlite.js";
import { checkExpectedVersion } from "../store/common.js";
import type { AppendRequest, AppendResult, EventStore, StoredVersion } from "../store/types.js";
import { findContentDuplicate } from "./content.js";
import { withNormalizedIds } from "./ids.js";
import { memoProjector, projectAgreement } from "./projector.js";
import type {
  AgreementSummary, AsOfAnswer, AsOfOptions, AsOfVersion, CorrectionRequest, HistoryEntry, InForceEntry, Kyoyaku, RatifyRequest,
  RecordMeta, RecordRequest, RecordResult, ResolveRequest, SearchHit, VerifyReport,
} from "./types.js";

/** Options of {@link openKyoyaku}. */
export interface OpenOptions {
  /** A SQLite file (created when absent). */
  readonly path?: string;
  /** A store to use instead (the caller keeps ownership: `close` does not close it). */
  readonly store?: EventStore;
  /** System time for `recordedAt` and "today" (default: the machine's clock). */
  readonly clock?: () => Instant;
  /** SQLite settings when `path` is given. */
  readonly sqlite?: SqliteStoreOptions;
  /**
   * Open `path` read-only (an auditor reading a file in a directory they cannot write):
   * no migrations run, and every write (record, ratify, resolve, correct, rebuildProjections)
   * throws `input.invalid` "database opened read-only". Reads answer as a writable open does.
   */
  readonly readonly?: boolean;
}

/**
 * Open the engine on a SQLite file (`path`), a given store, or, with neither, in memory.
 *
 * @example
 * const k = openKyoyaku({ path: "kyoyaku.db" });
 * k.record({ agreementId: "okayama-wake", event, recordedBy: "法規担当" });
 * k.asOf("okayama-wake", "2020-04-01").inForce; // true
 * k.close();
 */
export function openKyoyaku(options: OpenOptions = {}): Kyoyaku {
  if (options === null || typeof options !== "object") throw invalid("openKyoyaku: options must be an object ({ path } or { store })");
  if (options.path !== undefined && options.store !== undefined) {
    throw new KyoyakuError("input.invalid", "openKyoyaku: give either path or store, not both");
  }
  if (options.path !== undefined && typeof options.path !== "string") throw invalid(`openKyoyaku: path ${JSON.stringify(options.path)} must be a file name`);
  const readonly = options.readonly === true || options.sqlite?.readonly === true;
  if (readonly && options.path === undefined) throw invalid("openKyoyaku: readonly needs a path (a SQLite file to read)");
  const owned = options.store === undefined;
  const store = options.store
    ?? (options.path !== undefined ? new SqliteEventStore(options.path, { ...options.sqlite, readonly }) : new MemoryEventStore());
  try {
    // Every agreement id enters through one door: normalised, invisible characters refused (ids.ts).
    return withNormalizedIds(new Engine(store, owned, options.clock ?? (() => new Date().toISOString()), readonly));
  } catch (e) {
    if (owned) store.close();
    throw e;
  }
}

// A slug: no '/', no white space, not empty. Japanese letters are fine (岡山市-和気町).
const AGREEMENT_ID = /^[^\s/]+$/u;

function invalid(message: string, details: Record<string, unknown> = {}): KyoyakuError {
  return new KyoyakuError("input.invalid", message, [], details);
}

function checkAgreementId(id: unknown): asserts id is string {
  if (typeof id !== "string" || !AGREEMENT_ID.test(id) || id.length > 200) {
    throw invalid(`agreement id ${JSON.stringify(id)} is not a slug: give a non-empty name without '/' or white space, e.g. okayama-wake`, { agreementId: id });
  }
}

/** Days already checked (reads ask about the same days again and again); bounded. */
const checkedDates = new Set<string>();

function checkDate(date: unknown, what: string): asserts date is IsoDate {
  if (typeof date === "string" && checkedDates.has(date)) return;
  if (typeof date !== "string" || !isIsoDate(date)) {
    throw invalid(`${what} ${JSON.stringify(date)} is not a calendar day in the form YYYY-MM-DD (e.g. 2020-04-01)`, { [what]: date });
  }
  if (checkedDates.size >= 4096) checkedDates.clear();
  checkedDates.add(date);
}

function instant(text: unknown, what: string): Instant {
  if (typeof text !== "string") throw invalid(`${what} must be an ISO 8601 instant such as 2026-11-21T09:30:00+09:00`);
  const r = parseInstant(text);
  if (!r.ok) throw new KyoyakuError("input.invalid", `${what} ${JSON.stringify(text)}: ${r.issues[0]?.message ?? "not an instant"}`, r.issues);
  return r.value;
}

/** A request must be an object before its fields are read (`record(null)` is a caller's mistake, not a TypeError). */
function checkRequest(request: unknown, what: string): void {
  if (request === null || typeof request !== "object") throw invalid(`${what} needs a request object, got ${request === null ? "null" : typeof request}`);
}

function checkTarget(target: unknown): asserts target is number {
  if (typeof target !== "number" || !Number.isInteger(target) || target < 1) throw invalid(`target ${JSON.stringify(target)} must be the seq (1, 2, …) of a recorded event`);
}

const LEGAL_KINDS: ReadonlySet<string> = new Set(["conclude", "amend", "abolish", "baseline", "notice", "withdrawNotice", "renew", "declineRenewal"]);

function checkLegalInput(event: LegalEventInput): void {
  if (event === null || typeof event !== "object") throw invalid("event must be a legal event (payload, dates, draft, parties)");
  if (event.payload === null || typeof event.payload !== "object" || !LEGAL_KINDS.has(event.payload.kind)) {
    throw invalid(`event.payload.kind must be one of conclude, amend, abolish, baseline, notice, withdrawNotice, renew, declineRenewal`);
  }
  if (event.payload.kind === "notice" && (typeof event.payload.party !== "string" || event.payload.party.trim() === "")) throw invalid("a 通告 (notice) needs the notifying party");
  if (event.payload.kind === "withdrawNotice") checkTarget(event.payload.target);
  if (event.payload.kind === "renew") checkDate(event.payload.until, "until");
  if (event.payload.kind === "declineRenewal" && (typeof event.payload.party !== "string" || event.payload.party.trim() === "")) throw invalid("a 更新拒絶 (declineRenewal) needs the declaring party");
  if (event.dates === null || typeof event.dates !== "object") throw invalid("event.dates is missing");
  if (typeof event.draft !== "boolean") throw invalid("event.draft must be true or false");
  if (!Array.isArray(event.parties)) throw invalid("event.parties must be a list of municipality names");
  checkEventDates(event.dates, "event.dates");
  if (event.payload.kind === "amend") {
    if (!Array.isArray(event.payload.operations)) throw invalid("an amendment (変更) needs a list of operations");
    event.payload.operations.forEach((op, i) => {
      if (op.appliesFrom !== undefined) checkDate(op.appliesFrom, `operations[${i}].appliesFrom`);
    });
  }
  const s = event.source;
  if (s !== undefined) {
    if (typeof s.text !== "string" || typeof s.name !== "string") throw invalid("event.source needs a name and a text");
    if (s.sha256 !== sha256(s.text)) throw invalid(`event.source.sha256 does not match the text of ${s.name}: give the SHA-256 of its UTF-8 bytes`, { source: s.name });
  }
}

/** Every ISO date of an EventDates must be a real calendar day (2019-02-29 is not). */
function checkEventDates(dates: EventDates, where: string): void {
  for (const key of ["concludedOn", "appliesFrom", "effectiveFrom", "announcedOn"] as const) {
    if (dates[key] !== undefined) checkDate(dates[key], `${where}.${key}`);
  }
  if (dates.resolutions === null || typeof dates.resolutions !== "object") throw invalid(`${where}.resolutions must map each party to its 議決日 ({} when none is known)`);
  for (const [party, day] of Object.entries(dates.resolutions)) checkDate(day, `${where}.resolutions[${party}]`);
}

/** Validate who/when/expectedVersion; returns the recorded-at instant (the clock's when absent). */
function checkMeta(meta: RecordMeta, clock: () => Instant): Instant {
  if (typeof meta.recordedBy !== "string" || meta.recordedBy.trim() === "") throw invalid("recordedBy (who records) is required");
  if (meta.expectedVersion !== undefined && (!Number.isInteger(meta.expectedVersion) || meta.expectedVersion < 0)) {
    throw invalid(`expectedVersion ${JSON.stringify(meta.expectedVersion)} must be the last seq you saw (0 for a new agreement)`);
  }
  return instant(meta.recordedAt ?? clock(), "recordedAt");
}

/** How many agreements keep a step memo between appends (see Engine#memos). */
const MEMO_AGREEMENTS = 256;

/** How many replays (a what-if with drafts, an audit as known at) the engine keeps (see Engine#replays). */
const REPLAYS = 16;

/** How many documents read lately the engine keeps by root (see Engine#load). */
const DOCUMENTS = 8;

/** The same source, live, in another agreement: record refuses it (retract it there first). */
function recordedElsewhere(sourceName: string | undefined, agreementId: string, seq: number, requested: string): KyoyakuError {
  return new KyoyakuError(
    "source.recorded-elsewhere",
    // The base name only: a name stored as an absolute path must not reach an HTTP client.
    `受け付けなかった（何も記録していない）: この原文${sourceName !== undefined ? `（${sourceName.split(/[\\/]/u).filter((p) => p !== "").at(-1) ?? sourceName}）` : ""}は ${requested} ではなく ${agreementId} の #${seq} としてすでに記録されている。誤りなら、そちらを取り消して（訂正 --retract）から記録し直すこと`,
    [],
    { agreementId, seq, requested },
  );
}

/** System time runs forward within an agreement, so "known at" is a prefix of the stream. */
function checkForward(agreementId: string, last: StoredEvent | undefined, recordedAt: Instant): void {
  if (last !== undefined && Date.parse(recordedAt) < Date.parse(last.recordedAt)) {
    throw invalid(`recordedAt ${recordedAt} is before event ${last.seq} of ${agreementId}, recorded at ${last.recordedAt}: the record only runs forward`, { agreementId });
  }
}

/**
 * Run one request of a batch; a KyoyakuError it throws is thrown again naming the request
 * (its index, agreement and source) in the message and `details`. With `give`, the error
 * `f` returns is named and returned instead.
 */
function named<T>(index: number, request: RecordRequest, f: () => T, give = false): T {
  const name = (e: KyoyakuError): KyoyakuError => {
    const r = request !== null && typeof request === "object" ? request : undefined;
    const agreementId = typeof r?.agreementId === "string" ? r.agreementId : undefined;
    const source = typeof r?.event?.source?.name === "string" ? r.event.source.name : undefined;
    const what = [agreementId, source].filter((x) => x !== undefined).join(", ");
    return new KyoyakuError(e.code, `request ${index}${what !== "" ? ` (${what})` : ""}: ${e.message}`, e.issues,
      { ...(agreementId !== undefined ? { agreementId } : {}), ...e.details, index, ...(source !== undefined ? { source } : {}) });
  };
  if (give) return name(f() as KyoyakuError) as T;
  try {
    return f();
  } catch (e) {
    throw e instanceof KyoyakuError ? name(e) : e;
  }
}

function omit(details: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = details;
  return rest;
}

function firstError(issues: readonly Issue[]): Issue | undefined {
  return issues.find((i) => i.severity === "error");
}

/**
 * A deep-frozen copy of a checked request payload: arrays and plain objects copied member by
 * member (several times faster than structuredClone for the documents and operations of an
 * event), anything else through structuredClone; then deepFreeze, which also marks the copy
 * frozen all the way down (isDeepFrozen), so applying its operations shares their nodes
 * rather than copying them.
 */
function frozenCopy<T>(value: T): T {
  return deepFreeze(plainCopy(value));
}

function plainCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plainCopy((value as Record<string, unknown>)[key]);
  return out as T;
}

/** How often a write without an expectedVersion is retried after another writer's commit. */
const APPEND_RETRIES = 50;

class Engine implements Kyoyaku {
  readonly #store: EventStore;
  readonly #owned: boolean;
  readonly #clock: () => Instant;
  /**
   * Step memos of the agreements written most recently (least recent first). A memo keeps
   * the versions it has seen alive (tens of KiB each, with their memoised canonical texts), so
   * only the last MEMO_AGREEMENTS are kept.
   */
  readonly #memos = new Map<string, StepMemo>();
  readonly #readonly: boolean;
  #closed = false;
  /**
   * Timelines built from the projection, by the stored version list they stand on: a store
   * that hands back the same list (nothing written since) gets the same timeline, with the
   * documents it has loaded.
   */
  readonly #timelines = new WeakMap<readonly StoredVersion[], Timeline>();
  /**
   * Replays the projection cannot answer (`withDrafts`, `knownAt`), least recently used first,
   * keyed by agreement, options and the hash of the agreement's last event (its head): a
   * stored draft is replayed once, not on every `drafts=1` read, and any append changes the
   * head, so an entry is never stale. At most REPLAYS are kept.
   */
  readonly #replays = new Map<string, Replay>();
  /** Documents read lately, by root (least recently used first); at most DOCUMENTS. */
  readonly #documents = new Map<string, AgreementDocument>();

  constructor(store: EventStore, owned: boolean, clock: () => Instant, readonly: boolean) {
    this.#store = store;
    this.#owned = owned;
    this.#clock = clock;
    this.#readonly = readonly;
    // A file migrated to a new projection shape answers only after its projections are rebuilt.
    if (store.projectionsStale?.() === true) {
      if (readonly) {
        // Only an interrupted writable open leaves this behind (migrations are refused read-only).
        throw new KyoyakuError("store.schema", "the projections of this database await a rebuild, which a read-only open cannot do: open it writable once, then read-only");
      }
      store.rebuildProjections(projectAgreement);
    }
  }

  /** Every call checks this first: a closed engine answers nothing (not a TypeError from SQLite). */
  #live(): void {
    if (this.#closed) throw invalid("the engine is closed");
  }

  /** Every write checks this: a read-only engine refuses before touching the store. */
  #writable(): void {
    this.#live();
    if (this.#readonly) throw invalid("database opened read-only: open it without readonly to record");
  }

  /** The status of a stored legal event as recorded now. */
  #statusOf(event: StoredEvent): "ratified" | "draft" | "retracted" {
    return effectiveEvents(this.#store.read(event.agreementId)).find((e) => e.seq === event.seq)?.status ?? (event.legal?.draft === true ? "draft" : "ratified");
  }

  #duplicate(requested: string, existing: StoredEvent, by: "source" | "content" = "source"): RecordResult {
    if (existing.agreementId !== requested) throw recordedElsewhere(existing.legal?.source?.name, existing.agreementId, existing.seq, requested);
    return { agreementId: existing.agreementId, event: existing, duplicate: true, duplicateBy: by, status: this.#statusOf(existing), issues: [] };
  }

  // ---------------------------------------------------------------- writes

  record(request: RecordRequest): RecordResult {
    this.#writable();
    checkRequest(request, "record");
    checkAgreementId(request.agreementId);
    checkLegalInput(request.event);
    checkMeta(request, this.#clock);
    const source = request.event.source;
    if (source !== undefined) {
      // findBySource prefers a live event; one whose events are all retracted may be recorded again.
      const existing = this.#store.findBySource(source.sha256);
      if (existing !== undefined && this.#statusOf(existing) !== "retracted") return this.#duplicate(request.agreementId, existing);
    }
    return this.#append(request.agreementId, request, request.event.payload.kind, { legal: request.event });
  }

  recordMany(requests: readonly RecordRequest[]): readonly RecordResult[] {
    this.#writable();
    if (!Array.isArray(requests)) throw invalid("recordMany needs a list of record requests");
    if (requests.length === 0) return [];
    // Check every request against the history the requests before it leave (a provisional
    // stream per agreement), then append them all in one store transaction.
    const streams = new Map<string, StoredEvent[]>();
    const inBatch = new Map<string, { index: number; agreementId: string; seq: number }>();
    /** The request index of each event this batch appends, by agreement and seq. */
    const inBatchSeq = new Map<string, number>();
    const appends: AppendRequest[] = [];
    /** Per request: a duplicate's result, the same event as an earlier request, or the index of its append. */
    const plan: ({ result: RecordResult } | { sameAs: number; by?: "content" } | { append: number; issues: readonly Issue[] })[] = [];
    requests.forEach((request, index) => named(index, request, () => {
      checkRequest(request, "recordMany");
      checkAgreementId(request.agreementId);
      checkLegalInput(request.event);
      const recordedAt = checkMeta(request, this.#clock);
      const id = request.agreementId;
      const source = request.event.source;
      if (source !== undefined) {
        const earlier = inBatch.get(source.sha256);
        if (earlier !== undefined) {
          if (earlier.agreementId !== id) throw recordedElsewhere(source.name, earlier.agreementId, earlier.seq, id);
          plan.push({ sameAs: earlier.index });
          return;
        }
        const existing = this.#store.findBySource(source.sha256);
        if (existing !== undefined && this.#statusOf(existing) !== "retracted") {
          plan.push({ result: this.#duplicate(id, existing) });
          return;
        }
      }
      const stream = streams.get(id) ?? [...this.#store.read(id)];
      streams.set(id, stream);
      // The same content as a live event (recorded, or earlier in this batch): never applied twice.
      const same = findContentDuplicate(stream, request.event);
      if (same !== undefined) {
        const earlier = inBatchSeq.get(`${id}\u0000${same.seq}`);
        plan.push(earlier !== undefined ? { sameAs: earlier, by: "content" } : { result: this.#duplicate(id, same, "content") });
        return;
      }
      checkForward(id, stream[stream.length - 1], recordedAt);
      // One frozen copy of the event, shared by the rule check and the stored event: the
      // projection then meets the very documents the check built and reuses its steps.
      const legal = frozenCopy(request.event);
      const kind = legal.payload.kind;
      const issues = this.#check(id, stream, kind, { legal });
      // After the rules, as record (whose store checks it on append).
      checkExpectedVersion({ agreementId: id, events: [], ...(request.expectedVersion !== undefined ? { expectedVersion: request.expectedVersion } : {}) }, stream.length);
      const seq = stream.length + 1;
      stream.push({ agreementId: id, seq, kind, legal, recordedAt, recordedBy: request.recordedBy, prevHash: "", hash: "" });
      if (source !== undefined) inBatch.set(source.sha256, { index, agreementId: id, seq });
      inBatchSeq.set(`${id}\u0000${seq}`, index);
      // Always the version the check saw: if another writer records into this agreement
      // before the batch commits, the store refuses it (concurrency.conflict) rather than
      // write events checked against a history that is no longer the stream's.
      appends.push({ agreementId: id, expectedVersion: seq - 1, events: [{ kind, legal, recordedAt, recordedBy: request.recordedBy }] });
      plan.push({ append: appends.length - 1, issues });
    }));
    const requestOf = plan.flatMap((p, index) => ("append" in p ? [index] : []));
    let appended: readonly AppendResult[];
    try {
      appended = appends.length === 0 ? [] : this.#store.appendMany(appends, (id, events) => memoProjector(this.#memo(id))(id, events));
    } catch (e) {
      // The store names its own request; name the caller's.
      if (!(e instanceof KyoyakuError)) throw e;
      const i = e.details["index"];
      const index = typeof i === "number" ? requestOf[i] : undefined;
      if (index === undefined) throw e;
      throw named(index, requests[index]!, () => new KyoyakuError(e.code, e.message.replace(/^request \d+ \([^)]*\): /u, ""), e.issues, omit(e.details, "index")), true);
    }
    const results: RecordResult[] = [];
    for (const p of plan) {
      if ("result" in p) results.push(p.result);
      else if ("sameAs" in p) {
        const first = results[p.sameAs]!;
        results.push(first.duplicate ? first : { agreementId: first.agreementId, event: first.event, duplicate: true, duplicateBy: p.by ?? "source", status: this.#statusOf(first.event), issues: [] });
      } else {
        const r = appended[p.append]!;
        // Another writer recorded the same source between our check and the append.
        results.push(r.duplicate ? this.#duplicate(appends[p.append]!.agreementId, r.existing) : { agreementId: appends[p.append]!.agreementId, event: r.events[0]!, duplicate: false, issues: p.issues });
      }
    }
    return results;
  }

  ratify(request: RatifyRequest): RecordResult {
    this.#writable();
    checkRequest(request, "ratify");
    checkAgreementId(request.agreementId);
    checkTarget(request.target);
    if (request.dates === null || typeof request.dates !== "object") throw invalid("ratify needs the ratified dates (締結日, 議決日, 適用日)");
    checkEventDates(request.dates, "dates");
    return this.#append(request.agreementId, request, "ratify", { record: { kind: "ratify", target: request.target, dates: request.dates } });
  }

  resolve(request: ResolveRequest): RecordResult {
    this.#writable();
    checkRequest(request, "resolve");
    checkAgreementId(request.agreementId);
    checkTarget(request.target);
    if (request.resolutions === null || typeof request.resolutions !== "object" || Object.keys(request.resolutions).length === 0) {
      throw invalid("resolve needs at least one 議決日 (party → date)");
    }
    checkEventDates({ resolutions: request.resolutions }, "resolve");
    return this.#append(request.agreementId, request, "resolve", { record: { kind: "resolve", target: request.target, resolutions: request.resolutions } });
  }

  correct(request: CorrectionRequest): RecordResult {
    this.#writable();
    checkRequest(request, "correct");
    checkAgreementId(request.agreementId);
    checkTarget(request.target);
    if (typeof request.reason !== "string" || request.reason.trim() === "") throw invalid("a correction (訂正) needs a reason");
    if (request.dates === undefined && request.payload === undefined && request.retract !== true) {
      throw invalid("a correction (訂正) must give dates, a payload, or retract: true");
    }
    if (request.dates !== undefined) checkEventDates(request.dates, "dates");
    const record: RecordPayload = {
      kind: "correct",
      target: request.target,
      reason: request.reason,
      ...(request.dates !== undefined ? { dates: request.dates } : {}),
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
      ...(request.retract === true ? { retract: true } : {}),
    };
    return this.#append(request.agreementId, request, "correct", { record });
  }

  #append(agreementId: string, meta: RecordMeta, kind: EventKind, body: { legal?: LegalEventInput; record?: RecordPayload }): RecordResult {
    // A caller without an expectedVersion still gets one: the version the rules were checked
    // against. Another process committing in between (a race) is then retried here with a
    // fresh read, check and recordedAt — never written unchecked, nor behind in system time.
    for (let attempt = 1; ; attempt++) {
      try {
        return this.#appendOnce(agreementId, meta, kind, body);
      } catch (e) {
        if (meta.expectedVersion !== undefined || attempt >= APPEND_RETRIES || !(e instanceof KyoyakuError) || e.code !== "concurrency.conflict") throw e;
        // A short, growing, random pause: writers that keep colliding fall out of step.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.floor(Math.random() * Math.min(50, 2 * attempt)));
      }
    }
  }

  #appendOnce(agreementId: string, meta: RecordMeta, kind: EventKind, body: { legal?: LegalEventInput; record?: RecordPayload }): RecordResult {
    // Read first, then stamp: a clock reading taken before another process's commit would
    // otherwise be refused as running backwards (input.invalid) instead of retried.
    const existing = this.#store.read(agreementId);
    const recordedAt = checkMeta(meta, this.#clock);
    const last = existing[existing.length - 1];
    checkForward(agreementId, last, recordedAt);
    const memo = this.#memo(agreementId);
    // One frozen copy, as recordMany: the store keeps it, and the projector meets the very
    // payload the check built (the step memo's remembered build).
    if (body.legal !== undefined) body = { legal: frozenCopy(body.legal) };
    // The same content as a live event of this agreement, from other bytes: a duplicate, never applied twice.
    const same = body.legal !== undefined ? findContentDuplicate(existing, body.legal) : undefined;
    if (same !== undefined) return this.#duplicate(agreementId, same, "content");
    const issues = this.#check(agreementId, existing, kind, body);
    const result = this.#store.append(
      {
        agreementId,
        expectedVersion: meta.expectedVersion ?? existing.length,
        events: [{ kind, ...body, recordedAt, recordedBy: meta.recordedBy }],
      },
      memoProjector(memo),
    );
    // Another writer recorded the same source between our check and the append.
    if (result.duplicate) return this.#duplicate(agreementId, result.existing);
    return { agreementId, event: result.events[0]!, duplicate: false, issues };
  }

  /** The domain rules (checkEventWith through the agreement's step memo); refuses on an error, returns the rest. */
  #check(agreementId: string, existing: readonly StoredEvent[], kind: EventKind, body: { legal?: LegalEventInput; record?: RecordPayload }): Issue[] {
    const issues = checkEventWith(existing, { kind, ...body }, this.#memo(agreementId));
    const error = firstError(issues);
    if (error !== undefined) {
      throw new KyoyakuError("rule.violation", `受け付けなかった（何も記録していない）: ${error.message}`, issues, { agreementId });
    }
    return issues;
  }

  // ---------------------------------------------------------------- reads

  agreements(): readonly AgreementSummary[] {
    this.#live();
    return this.#store.agreementIds().map((id) => {
      const row = this.#store.agreement(id);
      return {
        id,
        ...(row?.title !== undefined ? { title: row.title } : {}),
        parties: row?.parties ?? [],
        events: this.#store.version(id),
        ...(row?.firstAppliesFrom !== undefined ? { firstAppliesFrom: row.firstAppliesFrom } : {}),
        ...(row?.abolishedFrom !== undefined ? { abolishedFrom: row.abolishedFrom } : {}),
      };
    });
  }

  events(agreementId: string): readonly StoredEvent[] {
    this.#live();
    checkAgreementId(agreementId);
    return this.#store.read(agreementId);
  }

  version(agreementId: string): number {
    this.#live();
    checkAgreementId(agreementId);
    return this.#store.version(agreementId);
  }

  asOf(agreementId: string, date: IsoDate, options: AsOfOptions = {}): AsOfAnswer {
    this.#live();
    checkDate(date, "date");
    const opts = this.#options(options);
    const p = this.#projected(agreementId, date, opts);
    if (p !== undefined) return "version" in p ? this.#termFlag(versionAnswer(p.version, date, this.#load(p.version.root))) : p.outside;
    // An audit/draft question, or one the projection cannot answer (the replay says why).
    return asOfAnswerFrom(agreementId, this.#replay(agreementId, opts), date, opts);
  }

  asOfVersion(agreementId: string, date: IsoDate, options: AsOfOptions = {}): AsOfVersion {
    this.#live();
    checkDate(date, "date");
    const opts = this.#options(options);
    const p = this.#projected(agreementId, date, opts);
    if (p !== undefined) return "version" in p ? this.#termFlag(versionAnswer(p.version, date)) : p.outside;
    const { document: _document, ...answer } = asOfAnswerFrom(agreementId, this.#replay(agreementId, opts), date, opts);
    return Object.freeze(answer);
  }

  /**
   * The answer of the projection when it has one (no `knownAt`, no `withDrafts`): the stored
   * version in force on `date` (one indexed lookup), or — before the first 適用日, on or
   * after the 廃止 — "not in force" from the agreement row, in the words and flags of the
   * replay. `undefined` when only a replay can answer (an agreement without any version, or
   * none recorded: then the replay says why, or `not-found.agreement`).
   */
  #projected(agreementId: string, date: IsoDate, opts: AsOfOptions): { version: StoredVersion } | { outside: AsOfAnswer } | undefined {
    checkAgreementId(agreementId);
    if (opts.knownAt !== undefined || opts.withDrafts === true) return undefined;
    const version = this.#store.versionAt(agreementId, date);
    if (version !== undefined) return { version };
    const row = this.#store.agreement(agreementId);
    if (row?.firstAppliesFrom === undefined) return undefined;
    const reason = outsideReason(row.firstAppliesFrom, row.abolishedFrom, date, row.endReason);
    if (reason === undefined) return undefined;
    const flags = { draftsExcluded: row.draftsExcluded, draftsApplied: [], retroactive: [], unknownParts: [], missingResolutions: [] };
    return { outside: Object.freeze({ agreementId, date, withDrafts: false, inForce: false, reason, events: [], flags: Object.freeze(flags) }) };
  }

  /** An answer from the projection with 自動更新（記録なし） when its agreement's term says so. */
  #termFlag<A extends AsOfVersion>(a: A): A {
    const term = this.#store.agreement(a.agreementId)?.term;
    if (term === undefined) return a;
    const flags = withTermFlag(a.flags, term, a.date);
    return flags === a.flags ? a : Object.freeze({ ...a, flags });
  }

  #load(root: string): AgreementDocument {
    // A root names its content, so a document read lately is the answer as long as it is kept:
    // the 新旧対照表 reads the two documents its diff has just read, and a big agreement's
    // nodes outnumber the store's node cache.
    const recent = this.#documents.get(root);
    if (recent !== undefined) {
      this.#documents.delete(root);
      this.#documents.set(root, recent);
      return recent;
    }
    const doc = this.#store.load(root);
    if (doc === undefined) throw new KyoyakuError("store.integrity", `the document ${root} of a stored version is missing from the node store: run verify`);
    this.#documents.set(root, doc);
    if (this.#documents.size > DOCUMENTS) this.#documents.delete(this.#documents.keys().next().value!);
    return doc;
  }

  timeline(agreementId: string, options: AsOfOptions = {}): Timeline {
    this.#live();
    const opts = this.#options(options);
    // buildTimeline's Result, from the (cached) replay.
    const { timeline, problems } = this.#replay(agreementId, opts);
    const issues = problems.map((p) => p.issue);
    if (issues.some((x) => x.severity === "error")) {
      throw new KyoyakuError("store.integrity", `the history of ${agreementId} cannot be built: ${firstError(issues)?.message ?? ""}`, issues, { agreementId });
    }
    return timeline;
  }

  history(agreementId: string, options: { readonly knownAt?: Instant } = {}): readonly HistoryEntry[] {
    this.#live();
    const opts = this.#options(options);
    return historyEntries(this.#known(agreementId)(), opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {});
  }

  inForce(date: IsoDate, options: AsOfOptions & { readonly party?: string } = {}): readonly InForceEntry[] {
    this.#live();
    checkDate(date, "date");
    const opts = this.#options(options);
    const party = options.party === undefined ? undefined : normalizeText(options.party);
    if (party === "") throw invalid("party must name a municipality");
    const out: InForceEntry[] = [];
    if (opts.knownAt === undefined && opts.withDrafts !== true) {
      for (const v of this.#store.versionsOn(date)) {
        const row = this.#store.agreement(v.agreementId);
        const parties = row?.parties ?? [];
        if (party !== undefined && !parties.some((p) => normalizeText(p) === party)) continue;
        out.push({ agreementId: v.agreementId, ...(row?.title !== undefined ? { title: row.title } : {}), parties, interval: v.interval, root: v.root });
      }
      return out;
    }
    for (const id of this.#store.agreementIds()) {
      const events = this.#store.read(id);
      const parties = agreementParties(events, opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {});
      if (party !== undefined && !parties.some((p) => normalizeText(p) === party)) continue;
      const built = buildTimeline(events, opts);
      if (!built.ok) continue;
      const at = versionAt(built.value, date);
      if (!at.inForce) continue;
      const title = at.version.document.title !== "" ? at.version.document.title : this.#store.agreement(id)?.title;
      out.push({ agreementId: id, ...(title !== undefined ? { title } : {}), parties, interval: at.version.interval, root: at.version.root });
    }
    return out;
  }

  search(text: string, options: AsOfOptions & { readonly on?: IsoDate } = {}): readonly SearchHit[] {
    this.#live();
    if (typeof text !== "string" || normalizeText(text) === "") throw invalid("search needs some text to look for");
    const on = options.on ?? todayInJapan(new Date(this.#clock()));
    checkDate(on, "on");
    const needle = searchKey(text);
    const hits: SearchHit[] = [];
    const { on: _on, ...asOf } = options;
    for (const entry of this.inForce(on, asOf)) {
      const doc = asOf.knownAt === undefined && asOf.withDrafts !== true ? this.#load(entry.root) : this.asOf(entry.agreementId, on, asOf).document;
      if (doc === undefined) continue;
      for (const a of doc.articles) {
        const heading = `第${a.number}条${a.caption !== undefined ? `（${a.caption}）` : ""}`;
        const body = a.paragraphs.map((p) => [p.text, ...itemTexts(p.items)].join("\n")).join("\n");
        if (searchKey(`${heading}\n${body}`).includes(needle)) {
          hits.push({ agreementId: entry.agreementId, address: articleAddress(a.number), kind: "article", heading, text: body });
        }
      }
      for (const ap of doc.appendices) {
        ap.sections.forEach((s, si) => {
          for (const item of s.items) {
            const body = item.fields.map((f) => `${f.name}：${f.text}`).join("\n");
            if (searchKey(`${item.name}\n${body}`).includes(needle)) {
              hits.push({ agreementId: entry.agreementId, address: appendixItemAddress(ap.number, sectionKey(s, si), item.name), kind: "item", heading: item.name, text: body });
            }
          }
        });
      }
    }
    return hits;
  }

  diff(agreementId: string, from: IsoDate, to: IsoDate, options: AsOfOptions = {}): DocumentDiff {
    this.#live();
    checkDate(from, "from");
    checkDate(to, "to");
    const opts = this.#options(options);
    const projected = opts.knownAt === undefined && opts.withDrafts !== true ? this.#projectedTimeline(agreementId) : undefined;
    return diffTimeline(projected ?? this.timeline(agreementId, opts), from, to, agreementId);
  }

  /**
   * The default view's timeline from the projection, without a replay: the stored versions,
   * each document loaded from the node store only when read (a diff reads the two it
   * compares and those between them). Loaded subtrees carry their content hashes, so a diff
   * of versions far apart descends only where they differ. `undefined` when the projection
   * has no version (the replay then says why, or that the agreement is unknown).
   */
  #projectedTimeline(agreementId: string): Timeline | undefined {
    checkAgreementId(agreementId);
    const stored = this.#store.versions(agreementId);
    const known = this.#timelines.get(stored);
    if (known !== undefined) return known;
    const row = this.#store.agreement(agreementId);
    if (stored.length === 0 || row === undefined) return undefined;
    const versions = stored.map((v) => {
      let document: AgreementDocument | undefined;
      const load = (): AgreementDocument => (document ??= this.#load(v.root));
      return Object.freeze({ interval: v.interval, root: v.root, events: v.events, changedBy: v.changedBy, get document() { return load(); } });
    });
    const timeline: Timeline = Object.freeze({
      versions: Object.freeze(versions),
      ...(row.abolishedFrom !== undefined ? { abolishedFrom: row.abolishedFrom } : {}),
      ...(row.abolishedBy !== undefined ? { abolishedBy: row.abolishedBy } : {}),
      ...(row.endReason !== undefined ? { endReason: row.endReason } : {}),
      ...(row.notices !== undefined ? { notices: row.notices } : {}),
      ...(row.term !== undefined ? { term: row.term } : {}),
      draftsExcluded: row.draftsExcluded,
      draftsApplied: row.draftsApplied,
    });
    this.#timelines.set(stored, timeline);
    return timeline;
  }

  verify(): VerifyReport {
    this.#live();
    return this.#store.verify(projectAgreement);
  }

  rebuildProjections(): void {
    this.#writable();
    this.#store.rebuildProjections(projectAgreement);
  }

  /** Close the engine (and its store when the engine opened it). Closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned) this.#store.close();
  }

  // ---------------------------------------------------------------- helpers

  /** The step memo of an agreement, now the most recently used. */
  #memo(agreementId: string): StepMemo {
    const memo = this.#memos.get(agreementId) ?? new StepMemo();
    this.#memos.delete(agreementId);
    this.#memos.set(agreementId, memo);
    if (this.#memos.size > MEMO_AGREEMENTS) this.#memos.delete(this.#memos.keys().next().value!);
    return memo;
  }

  /** Validated options with `knownAt` as a UTC instant. */
  #options<T extends { readonly knownAt?: Instant; readonly withDrafts?: boolean }>(options: T): T {
    if (options === null || typeof options !== "object") throw invalid("options must be an object");
    if (options.knownAt === undefined) return options;
    return { ...options, knownAt: instant(options.knownAt, "knownAt") };
  }

  /**
   * The replay of an agreement's events for `opts`, from #replays when its head is unchanged.
   * Options are part of the key as given (`knownAt` already normalised by #options).
   */
  #replay(agreementId: string, opts: AsOfOptions): Replay {
    const events = this.#known(agreementId)();
    const head = events.at(-1);
    const key = JSON.stringify([agreementId, events.length, head?.hash ?? "", opts.withDrafts === true, opts.knownAt ?? null]);
    const known = this.#replays.get(key);
    if (known !== undefined) {
      this.#replays.delete(key);
      this.#replays.set(key, known);
      return known;
    }
    const replay = replayFor(events, opts);
    this.#replays.set(key, replay);
    if (this.#replays.size > REPLAYS) this.#replays.delete(this.#replays.keys().next().value!);
    return replay;
  }

  /** A reader of the agreement's events; throws not-found for an agreement with none. */
  #known(agreementId: string): () => readonly StoredEvent[] {
    checkAgreementId(agreementId);
    if (this.#store.version(agreementId) === 0) {
      throw agreementNotFound(agreementId, this.agreements().map((a) => a.id));
    }
    return () => this.#store.read(agreementId);
  }
}

/** The as-of answer a stored version gives (frozen), with its document when given. */
function versionAnswer(v: StoredVersion, date: IsoDate): AsOfVersion;
function versionAnswer(v: StoredVersion, date: IsoDate, document: AgreementDocument): AsOfAnswer;
function versionAnswer(v: StoredVersion, date: IsoDate, document?: AgreementDocument): AsOfAnswer {
  // Two literal shapes, no spread: this object is built for every as-of answer.
  return Object.freeze(document === undefined
    ? { agreementId: v.agreementId, date, withDrafts: false, inForce: true, root: v.root, interval: v.interval, events: v.events, flags: v.flags }
    : { agreementId: v.agreementId, date, withDrafts: false, inForce: true, document, root: v.root, interval: v.interval, events: v.events, flags: v.flags });
}

function itemTexts(items: readonly { readonly label: string; readonly text: string; readonly items: readonly unknown[] }[]): string[] {
  return items.flatMap((i) => [`${i.label} ${i.text}`, ...itemTexts(i.items as typeof items)]);
}
