/**
 * The engine's reads: as-of (from the version projection, or a replay for drafts and
 * "known at"), timeline, history, in force, search, diff. The default as-of read comes from
 * the projection; every other read replays events (cached by the agreement's head).
 *
 * @module
 */
import type { Instant, IsoDate } from "../date/types.js";
import { todayInJapan } from "../date/index.js";
import { diffTimeline } from "../diff/index.js";
import type { DocumentDiff } from "../diff/types.js";
import type { StoredEvent } from "../events/types.js";
import { buildTimeline, historyEntries, versionAt } from "../history/index.js";
import { asOfAnswerFrom, outsideReason, replayFor, withTermFlag, type Replay } from "../history/timeline.js";
import { agreementParties } from "../history/effective.js";
import type { AsOfAnswer, AsOfOptions, AsOfVersion, HistoryEntry, Timeline } from "../history/types.js";
import { appendixItemAddress, articleAddress, sectionKey } from "../model/address.js";
import type { AgreementDocument } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";
import { agreementNotFound } from "../model/nearest.js";
import { normalizeText, searchKey } from "../model/normalize.js";
import type { EventStore, StoredVersion } from "../store/types.js";
import { checkAgreementId, firstError, instant, invalid } from "./checks.js";
import { readDay } from "./days.js";
import { endKindOf } from "../history/labels.js";
import type { AgreementSummary, InForceEntry, SearchHit } from "./types.js";

/** How many replays (a what-if with drafts, an audit as known at) the engine keeps (see EngineReads#replays). */
const REPLAYS = 16;

/** How many documents read lately the engine keeps by root (see EngineReads#load). */
const DOCUMENTS = 8;

/** The reads of one engine, with the caches they keep (its gate, closed, is checked before these run). */
export class EngineReads {
  readonly #store: EventStore;
  readonly #clock: () => Instant;
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

  constructor(store: EventStore, clock: () => Instant) {
    this.#store = store;
    this.#clock = clock;
  }

  agreements(): readonly AgreementSummary[] {
    return this.#store.agreementIds().map((id) => {
      const row = this.#store.agreement(id);
      return {
        id,
        ...(row?.title !== undefined ? { title: row.title } : {}),
        parties: row?.parties ?? [],
        events: this.#store.version(id),
        ...(row?.firstAppliesFrom !== undefined ? { firstAppliesFrom: row.firstAppliesFrom } : {}),
        ...(row?.abolishedFrom !== undefined ? { abolishedFrom: row.abolishedFrom, endedBy: endKindOf(row)! } : {}),
      };
    });
  }

  events(agreementId: string): readonly StoredEvent[] {
    checkAgreementId(agreementId);
    return this.#store.read(agreementId);
  }

  version(agreementId: string): number {
    checkAgreementId(agreementId);
    return this.#store.version(agreementId);
  }

  asOf(agreementId: string, day: IsoDate, options: AsOfOptions = {}): AsOfAnswer {
    const date = readDay(day, "date");
    const opts = this.#options(options);
    const p = this.#projected(agreementId, date, opts);
    if (p !== undefined) return "version" in p ? this.#termFlag(versionAnswer(p.version, date, this.#load(p.version.root))) : p.outside;
    // An audit/draft question, or one the projection cannot answer (the replay says why).
    return asOfAnswerFrom(agreementId, this.#replay(agreementId, opts), date, opts);
  }

  asOfVersion(agreementId: string, day: IsoDate, options: AsOfOptions = {}): AsOfVersion {
    const date = readDay(day, "date");
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
    if (doc === undefined) throw new KyoyakuError("store.integrity", `保存された版の文書 ${root} がノードの保存領域にない: verify を実行すること`);
    this.#documents.set(root, doc);
    if (this.#documents.size > DOCUMENTS) this.#documents.delete(this.#documents.keys().next().value!);
    return doc;
  }

  timeline(agreementId: string, options: AsOfOptions = {}): Timeline {
    const opts = this.#options(options);
    // buildTimeline's Result, from the (cached) replay.
    const { timeline, problems } = this.#replay(agreementId, opts);
    const issues = problems.map((p) => p.issue);
    if (issues.some((x) => x.severity === "error")) {
      throw new KyoyakuError("store.integrity", `${agreementId} の履歴を組み立てられない: ${firstError(issues)?.message ?? ""}`, issues, { agreementId });
    }
    return timeline;
  }

  history(agreementId: string, options: { readonly knownAt?: Instant } = {}): readonly HistoryEntry[] {
    const opts = this.#options(options);
    return historyEntries(this.#known(agreementId)(), opts.knownAt !== undefined ? { knownAt: opts.knownAt } : {});
  }

  inForce(day: IsoDate, options: AsOfOptions & { readonly party?: string } = {}): readonly InForceEntry[] {
    const date = readDay(day, "date");
    const opts = this.#options(options);
    const party = options.party === undefined ? undefined : normalizeText(options.party);
    if (party === "") throw invalid("party には団体名を与えること");
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
    if (typeof text !== "string" || normalizeText(text) === "") throw invalid("search には探す文字列が要る");
    const on = readDay(options.on ?? todayInJapan(new Date(this.#clock())), "on");
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

  diff(agreementId: string, fromDay: IsoDate, toDay: IsoDate, options: AsOfOptions = {}): DocumentDiff {
    const from = readDay(fromDay, "from");
    const to = readDay(toDay, "to");
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

  /** Validated options with `knownAt` as a UTC instant. */
  #options<T extends { readonly knownAt?: Instant; readonly withDrafts?: boolean }>(options: T): T {
    if (options === null || typeof options !== "object") throw invalid("options はオブジェクトでなければならない");
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
