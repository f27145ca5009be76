/**
 * Laws over generated histories — the seed agreement amended at random, recorded in random
 * order, with drafts (案) later ratified, 訂正 of dates, retractions, and 遡及適用:
 *
 * - as-of equals a naive replay written here from DESIGN.md (ratified, not retracted, sorted
 *   by 適用日, 締結日, seq; nothing after a 廃止), for the default view and as known at any
 *   recorded instant;
 * - the JSON Patch of `diff(from, to)` applied to the older document gives the newer;
 * - parse(render(x)) = x for every version the history produces;
 * - rebuildProjections() leaves the versions and agreements tables row-for-row identical to
 *   the ones built incrementally by the appends.
 */
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  applyOperation, contentHash, isKyoyakuError, openKyoyaku, sha256, SqliteEventStore,
  type AgreementDocument, type EventDates, type LegalEventInput, type StoredEvent,
} from "@kyoyaku/core";
import { parseAgreement, renderDocument } from "@kyoyaku/text";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, reportFigures, scale, seedDocument, seedOf } from "./reliability.testkit.js";
import { amendArticle } from "./workload.mjs";

const RUNS = scale(100, 2000);
const ID = "law";
const base = seedDocument();
const PARTIES = base.parties.map((p) => p.name);
const requireCore = createRequire(join(REPO, "packages/core/package.json"));
const jsonpatch = requireCore("fast-json-patch") as { applyPatch<T>(doc: T, patch: readonly unknown[], validate?: boolean, mutate?: boolean): { newDocument: T } };
const Database = requireCore("better-sqlite3") as new (path: string, o?: { readonly?: boolean }) => { prepare(sql: string): { all(): unknown[] }; close(): void };

const day = (n: number): string => new Date(Date.parse("2016-10-11T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
const dates = (concludedOn: string, appliesFrom: string): EventDates => ({
  concludedOn, appliesFrom, resolutions: Object.fromEntries(PARTIES.map((p) => [p, day((Date.parse(concludedOn) - Date.parse("2016-10-11")) / 86_400_000 - 2)])),
});

interface Amendment {
  readonly at: number; // days after the 締結 the change is concluded
  readonly retro: number; // days its 適用日 lies before its 締結日 (0: applies 10 days after)
  readonly article: number;
  readonly draft: boolean;
  readonly ratifyShift: number | null; // a draft ratified with its dates moved this many days; null: left pending
  readonly correctShift: number | null; // a 訂正 of its dates, moved this many days
  readonly retract: boolean;
}

const amendmentArb: fc.Arbitrary<Amendment> = fc.record({
  at: fc.integer({ min: 30, max: 3000 }),
  retro: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  article: fc.integer({ min: 1, max: base.articles.length }),
  draft: fc.boolean(),
  ratifyShift: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  correctShift: fc.option(fc.integer({ min: -20, max: 200 }), { freq: 3, nil: null }),
  retract: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

const caseArb = fc.record({
  amendments: fc.array(amendmentArb, { maxLength: 7 }),
  abolishAfter: fc.option(fc.integer({ min: 1, max: 500 }), { freq: 4, nil: null }),
}).chain((spec) => fc.record({
  spec: fc.constant(spec),
  order: fc.shuffledSubarray(spec.amendments.map((_, i) => i), { minLength: spec.amendments.length, maxLength: spec.amendments.length }),
  probe: fc.array(fc.integer({ min: -30, max: 4000 }), { minLength: 3, maxLength: 8 }),
}));

interface Folded { status: "ratified" | "draft" | "retracted"; dates: EventDates; payload: LegalEventInput["payload"] }

/** The naive replay of the law, over the stored record (record events folded in seq order). */
function naive(events: readonly StoredEvent[], date: string): AgreementDocument | undefined {
  const legal = new Map<number, Folded>();
  for (const e of events) {
    if (e.legal !== undefined) legal.set(e.seq, { status: e.legal.draft ? "draft" : "ratified", dates: e.legal.dates, payload: e.legal.payload });
    const r = e.record;
    const t = r === undefined ? undefined : legal.get(r.target);
    if (r === undefined || t === undefined) continue;
    if (r.kind === "ratify") {
      t.status = "ratified";
      t.dates = { ...t.dates, ...r.dates, resolutions: { ...t.dates.resolutions, ...r.dates.resolutions } };
    }
    if (r.kind === "correct") {
      if (r.dates !== undefined) t.dates = r.dates;
      if (r.payload !== undefined) t.payload = r.payload;
      if (r.retract === true) t.status = "retracted";
    }
  }
  const live = [...legal].filter(([, f]) => f.status === "ratified").map(([seq, f]) => ({ seq, ...f }));
  const from = (f: Folded): string => f.dates.appliesFrom ?? f.dates.concludedOn!;
  live.sort((a, b) => (from(a) < from(b) ? -1 : from(a) > from(b) ? 1 : a.dates.concludedOn! < b.dates.concludedOn! ? -1 : a.dates.concludedOn! > b.dates.concludedOn! ? 1 : a.seq - b.seq));
  let doc: AgreementDocument | undefined;
  for (const e of live) {
    if (from(e) > date) break;
    if (e.payload.kind === "abolish") return undefined;
    if (e.payload.kind === "conclude" || e.payload.kind === "baseline") doc = e.payload.document;
    if (e.payload.kind === "amend") {
      for (const op of e.payload.operations) {
        const r = applyOperation(doc, op);
        if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
        doc = r.value;
      }
    }
  }
  return doc;
}

const rows = (path: string): string => {
  const db = new Database(path, { readonly: true });
  try {
    return JSON.stringify([
      db.prepare("SELECT * FROM versions ORDER BY agreement_id, valid_from").all(),
      db.prepare("SELECT * FROM agreements ORDER BY agreement_id").all(),
    ]);
  } finally {
    db.close();
  }
};

const seed = seedOf();
const counts = { histories: 0, events: 0, refused: 0, asOfChecks: 0, patches: 0, roundTrips: 0, rebuilds: 0 };

describe("laws over generated histories (fast-check)", () => {
  it("as-of = naive replay (now and as known then); diff patches apply; parse(render(x)) = x; rebuild = incremental, row for row", () => {
    const out = fc.check(fc.property(caseArb, ({ spec, order, probe }) => {
      const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-law-")), "k.db");
      const store = new SqliteEventStore(path, { synchronous: "NORMAL", anchor: false });
      let t = Date.parse("2024-01-01T00:00:00Z");
      const k = openKyoyaku({ store, clock: () => new Date((t += 60_000)).toISOString() });
      const attempt = (f: () => { event: StoredEvent }): number | undefined => {
        try {
          return f().event.seq;
        } catch (e) {
          if (!isKyoyakuError(e) || e.code !== "rule.violation") throw e;
          counts.refused += 1; // a history the rules refuse: nothing written, the law holds over what is
          return undefined;
        }
      };
      try {
        const text = `${base.title}[law]`;
        k.record({ agreementId: ID, recordedBy: "law", event: { payload: { kind: "conclude", document: base }, dates: dates(day(0), day(0)), draft: false, parties: PARTIES, source: { name: "c.txt", text, sha256: sha256(text) } } });
        const last = Math.max(0, ...spec.amendments.map((a) => a.at + 200));
        for (const i of order) {
          const a = spec.amendments[i]!;
          const concluded = day(a.at);
          const applies = a.retro > 0 ? day(a.at - a.retro) : day(a.at + 10);
          const ev = amendArticle(base, a.article, `版${i}`, concluded, applies < day(1) ? day(1) : applies, `a${i}.txt`);
          const input = { ...ev, draft: a.draft, dates: a.draft ? { resolutions: {} } : ev.dates };
          const seq = attempt(() => k.record({ agreementId: ID, event: input, recordedBy: "law" }));
          if (seq === undefined) continue;
          const shift = a.ratifyShift;
          if (a.draft && shift !== null) {
            const c = day(a.at + shift);
            attempt(() => k.ratify({ agreementId: ID, target: seq, dates: dates(c, a.retro > 0 ? day(Math.max(1, a.at - a.retro)) : day(a.at + shift + 10)), recordedBy: "law" }));
          }
          if (a.correctShift !== null) {
            const c = day(a.at + a.correctShift);
            attempt(() => k.correct({ agreementId: ID, target: seq, reason: "日付の誤り", dates: dates(c, day(a.at + a.correctShift! + 5)), recordedBy: "law" }));
          }
          if (a.retract) attempt(() => k.correct({ agreementId: ID, target: seq, reason: "誤登録", retract: true, recordedBy: "law" }));
        }
        if (spec.abolishAfter !== null) {
          const on = day(last + spec.abolishAfter);
          const text = `廃止[law]${on}`;
          attempt(() => k.record({ agreementId: ID, recordedBy: "law", event: { payload: { kind: "abolish" }, dates: dates(on, on), draft: false, parties: PARTIES, source: { name: "z.txt", text, sha256: sha256(text) } } }));
        }
        const events = k.events(ID);
        counts.histories += 1;
        counts.events += events.length;
        const probes = [...new Set(probe.map(day))].sort();
        for (const d of probes) {
          const want = naive(events, d);
          const got = k.asOf(ID, d);
          expect(got.inForce, `asOf ${d}`).toBe(want !== undefined);
          if (want !== undefined) expect(got.root).toBe(contentHash(want));
          for (const cut of [1, Math.ceil(events.length / 2), events.length]) {
            const then = naive(events.slice(0, cut), d);
            const gotThen = k.asOf(ID, d, { knownAt: events[cut - 1]!.recordedAt });
            expect(gotThen.inForce, `asOf ${d} known after #${cut}`).toBe(then !== undefined);
            if (then !== undefined) expect(gotThen.root).toBe(contentHash(then));
          }
          counts.asOfChecks += 1;
        }
        // Diff: the patch from one probe date to the next rebuilds the newer document.
        for (let i = 0; i + 1 < probes.length; i++) {
          const a = k.asOf(ID, probes[i]!);
          const b = k.asOf(ID, probes[i + 1]!);
          if (!a.inForce || !b.inForce) continue;
          const diff = k.diff(ID, probes[i]!, probes[i + 1]!);
          const applied = jsonpatch.applyPatch(structuredClone(a.document), diff.patch, true, true).newDocument;
          expect(contentHash(applied)).toBe(b.root);
          counts.patches += 1;
        }
        // Every version survives render → parse.
        for (const v of k.timeline(ID).versions) {
          const again = parseAgreement(renderDocument(v.document), { file: "rendered.txt" });
          expect(again.ok).toBe(true);
          if (again.ok) expect(contentHash(again.value)).toBe(contentHash(v.document));
          counts.roundTrips += 1;
        }
        // Rebuild from events alone: the same rows, byte for byte.
        const before = rows(path);
        k.rebuildProjections();
        expect(rows(path)).toBe(before);
        expect(k.verify().problems).toEqual([]);
        counts.rebuilds += 1;
      } finally {
        k.close();
        store.close();
      }
    }), { numRuns: RUNS, seed });
    if (out.failed) throw new Error(`KYOYAKU_SEED=${seed}\n${fc.defaultReportMessage(out) ?? ""}\n${String((out.errorInstance as Error | undefined)?.stack ?? out.errorInstance)}`);
  }, scale(170_000, 1_800_000));
});

afterAll(() => {
  reportFigures("properties", { seed, ...counts });
});
