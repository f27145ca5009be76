/**
 * The engine: a store plus the pure history functions. Writes check the domain rules
 * (checkEvent) and append events with their projections in one transaction; the default
 * as-of read comes from the version projection, every other read replays events. The jobs
 * live beside this file: checks.ts (what callers give), writes.ts and reads.ts; the Engine
 * class composes them behind its gates (closed, read-only).
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import type { DocumentDiff } from "../diff/types.js";
import type { StoredEvent } from "../events/types.js";
import type { Timeline } from "../history/types.js";
import { KyoyakuError } from "../model/errors.js";
import { MemoryEventStore } from "../store/memory.js";
import { SqliteEventStore, type SqliteStoreOptions } from "../store/sqlite.js";
import type { EventStore } from "../store/types.js";
import { invalid } from "./checks.js";
import { withNormalizedIds } from "./ids.js";
import { projectAgreement } from "./projector.js";
import { EngineReads } from "./reads.js";
import type {
  AgreementSummary, AsOfAnswer, AsOfOptions, AsOfVersion, CorrectionRequest, HistoryEntry, InForceEntry, Kyoyaku, RatifyRequest,
  RecordRequest, RecordResult, ResolveRequest, SearchHit, VerifyReport,
} from "./types.js";
import { EngineWrites } from "./writes.js";

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
  if (options === null || typeof options !== "object") throw invalid("openKyoyaku: options はオブジェクト（{ path } 又は { store }）でなければならない");
  if (options.path !== undefined && options.store !== undefined) {
    throw new KyoyakuError("input.invalid", "openKyoyaku: path と store のどちらか一方だけを与えること");
  }
  if (options.path !== undefined && typeof options.path !== "string") throw invalid(`openKyoyaku: path ${JSON.stringify(options.path)} はファイル名でなければならない`);
  const readonly = options.readonly === true || options.sqlite?.readonly === true;
  if (readonly && options.path === undefined) throw invalid("openKyoyaku: readonly には path（読む SQLite のファイル）が要る");
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

class Engine implements Kyoyaku {
  readonly #store: EventStore;
  readonly #owned: boolean;
  readonly #readonly: boolean;
  #closed = false;
  readonly #reads: EngineReads;
  readonly #writes: EngineWrites;

  constructor(store: EventStore, owned: boolean, clock: () => Instant, readonly: boolean) {
    this.#store = store;
    this.#owned = owned;
    this.#readonly = readonly;
    this.#reads = new EngineReads(store, clock);
    this.#writes = new EngineWrites(store, clock);
    // A file migrated to a new projection shape answers only after its projections are rebuilt.
    if (store.projectionsStale?.() === true) {
      if (readonly) {
        // Only an interrupted writable open leaves this behind (migrations are refused read-only).
        throw new KyoyakuError("store.schema", "このデータベースの射影は再構築を待っているが、読取り専用で開くときは再構築できない。一度書込み可能で開いてから、読取り専用で開くこと");
      }
      store.rebuildProjections(projectAgreement);
    }
  }

  /** Every call checks this first: a closed engine answers nothing (not a TypeError from SQLite). */
  #live(): void {
    if (this.#closed) throw invalid("エンジンは既に閉じている");
  }

  /** Every write checks this: a read-only engine refuses before touching the store. */
  #writable(): void {
    this.#live();
    if (this.#readonly) throw invalid("データベースを読取り専用で開いている: 記録するには readonly を付けずに開くこと");
  }

  // ---------------------------------------------------------------- writes

  record(request: RecordRequest): RecordResult {
    this.#writable();
    return this.#writes.record(request);
  }

  recordMany(requests: readonly RecordRequest[]): readonly RecordResult[] {
    this.#writable();
    return this.#writes.recordMany(requests);
  }

  ratify(request: RatifyRequest): RecordResult {
    this.#writable();
    return this.#writes.ratify(request);
  }

  resolve(request: ResolveRequest): RecordResult {
    this.#writable();
    return this.#writes.resolve(request);
  }

  correct(request: CorrectionRequest): RecordResult {
    this.#writable();
    return this.#writes.correct(request);
  }

  // ---------------------------------------------------------------- reads

  agreements(): readonly AgreementSummary[] {
    this.#live();
    return this.#reads.agreements();
  }

  events(agreementId: string): readonly StoredEvent[] {
    this.#live();
    return this.#reads.events(agreementId);
  }

  version(agreementId: string): number {
    this.#live();
    return this.#reads.version(agreementId);
  }

  asOf(agreementId: string, date: IsoDate, options: AsOfOptions = {}): AsOfAnswer {
    this.#live();
    return this.#reads.asOf(agreementId, date, options);
  }

  asOfVersion(agreementId: string, date: IsoDate, options: AsOfOptions = {}): AsOfVersion {
    this.#live();
    return this.#reads.asOfVersion(agreementId, date, options);
  }

  timeline(agreementId: string, options: AsOfOptions = {}): Timeline {
    this.#live();
    return this.#reads.timeline(agreementId, options);
  }

  history(agreementId: string, options: { readonly knownAt?: Instant } = {}): readonly HistoryEntry[] {
    this.#live();
    return this.#reads.history(agreementId, options);
  }

  inForce(date: IsoDate, options: AsOfOptions & { readonly party?: string } = {}): readonly InForceEntry[] {
    this.#live();
    return this.#reads.inForce(date, options);
  }

  search(text: string, options: AsOfOptions & { readonly on?: IsoDate } = {}): readonly SearchHit[] {
    this.#live();
    return this.#reads.search(text, options);
  }

  diff(agreementId: string, from: IsoDate, to: IsoDate, options: AsOfOptions = {}): DocumentDiff {
    this.#live();
    return this.#reads.diff(agreementId, from, to, options);
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
}
