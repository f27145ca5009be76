/**
 * The engine's writes: record (one or many), ratify, resolve and correct. Each checks its
 * request and the domain rules (checkEvent) against the agreement's history, then appends
 * the events with their projections in one store transaction.
 *
 * @module
 */
import type { Instant } from "../date/types.js";
import type { EventKind, LegalEventInput, RecordPayload, StoredEvent } from "../events/types.js";
import { effectiveEvents } from "../history/effective.js";
import { checkEventWith } from "../history/rules.js";
import { StepMemo } from "../history/steps.js";
import { deepFreeze } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import type { Issue } from "../model/issue.js";
import { checkExpectedVersion } from "../store/common.js";
import type { AppendRequest, AppendResult, EventStore } from "../store/types.js";
import {
  checkAgreementId, checkEventDates, checkForward, checkLegalInput, checkMeta, checkRequest, checkTarget, firstError, invalid, recordedElsewhere,
} from "./checks.js";
import { findContentDuplicate } from "./content.js";
import { memoProjector } from "./projector.js";
import type { CorrectionRequest, RatifyRequest, RecordMeta, RecordRequest, RecordResult, ResolveRequest } from "./types.js";

/** How many agreements keep a step memo between appends (see EngineWrites#memos). */
const MEMO_AGREEMENTS = 256;

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
    const what = [agreementId, source].filter((x) => x !== undefined).join("、");
    return new KyoyakuError(e.code, `要求 [${index}]${what !== "" ? `（${what}）` : ""}: ${e.message}`, e.issues,
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

/** The writes of one engine (its gates, closed and read-only, are checked before these run). */
export class EngineWrites {
  readonly #store: EventStore;
  readonly #clock: () => Instant;
  /**
   * Step memos of the agreements written most recently (least recent first). A memo keeps
   * the versions it has seen alive (tens of KiB each, with their memoised canonical texts), so
   * only the last MEMO_AGREEMENTS are kept.
   */
  readonly #memos = new Map<string, StepMemo>();

  constructor(store: EventStore, clock: () => Instant) {
    this.#store = store;
    this.#clock = clock;
  }

  /** The status of a stored legal event as recorded now. */
  #statusOf(event: StoredEvent): "ratified" | "draft" | "retracted" {
    return effectiveEvents(this.#store.read(event.agreementId)).find((e) => e.seq === event.seq)?.status ?? (event.legal?.draft === true ? "draft" : "ratified");
  }

  #duplicate(requested: string, existing: StoredEvent, by: "source" | "content" = "source"): RecordResult {
    if (existing.agreementId !== requested) throw recordedElsewhere(existing.legal?.source?.name, existing.agreementId, existing.seq, requested);
    return { agreementId: existing.agreementId, event: existing, duplicate: true, duplicateBy: by, status: this.#statusOf(existing), issues: [] };
  }


  record(request: RecordRequest): RecordResult {
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
    if (!Array.isArray(requests)) throw invalid("recordMany には記録の要求の一覧を与えること");
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
      throw named(index, requests[index]!, () => new KyoyakuError(e.code, e.message.replace(/^要求 \[\d+\]（[^）]*）: /u, ""), e.issues, omit(e.details, "index")), true);
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
    checkRequest(request, "ratify");
    checkAgreementId(request.agreementId);
    checkTarget(request.target);
    if (request.dates === null || typeof request.dates !== "object") throw invalid("ratify には確定の日付（締結日、議決日、適用日）が要る");
    checkEventDates(request.dates, "dates");
    return this.#append(request.agreementId, request, "ratify", { record: { kind: "ratify", target: request.target, dates: request.dates } });
  }

  resolve(request: ResolveRequest): RecordResult {
    checkRequest(request, "resolve");
    checkAgreementId(request.agreementId);
    checkTarget(request.target);
    if (request.resolutions === null || typeof request.resolutions !== "object" || Object.keys(request.resolutions).length === 0) {
      throw invalid("resolve には一つ以上の議決日（団体 → 日付）が要る");
    }
    checkEventDates({ resolutions: request.resolutions }, "resolve");
    return this.#append(request.agreementId, request, "resolve", { record: { kind: "resolve", target: request.target, resolutions: request.resolutions } });
  }

  correct(request: CorrectionRequest): RecordResult {
    checkRequest(request, "correct");
    checkAgreementId(request.agreementId);
    checkTarget(request.target);
    if (typeof request.reason !== "string" || request.reason.trim() === "") throw invalid("a correction (訂正) needs a reason");
    if (request.dates === undefined && request.payload === undefined && request.retract !== true) {
      throw invalid("訂正には日付、payload 又は retract: true のいずれかが要る");
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

  /** The step memo of an agreement, now the most recently used. */
  #memo(agreementId: string): StepMemo {
    const memo = this.#memos.get(agreementId) ?? new StepMemo();
    this.#memos.delete(agreementId);
    this.#memos.set(agreementId, memo);
    if (this.#memos.size > MEMO_AGREEMENTS) this.#memos.delete(this.#memos.keys().next().value!);
    return memo;
  }
}
