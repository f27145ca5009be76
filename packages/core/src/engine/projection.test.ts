import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { EventDates, LegalEventInput, LegalPayload } from "../events/types.js";
import { agreement, dates } from "../history/testing.testkit.js";
import { canonicalJson, sha256 } from "../model/canonical.js";
import { SCHEMA_VERSION, SqliteEventStore } from "../store/sqlite.js";
import { migrate } from "../store/sqlite/migrations.js";
import { openKyoyaku } from "./engine.js";
import { projectAgreement } from "./projector.js";
import type { Kyoyaku } from "./types.js";

const tempPath = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-projection-")), "k.db");

function legal(id: string, name: string, payload: LegalPayload, d: EventDates, extra: Partial<LegalEventInput> = {}): LegalEventInput {
  const text = `${id} ${name}`;
  return { payload, dates: d, draft: false, parties: ["岡山市", "和気町"], source: { name: `${name}.txt`, text, sha256: sha256(text) }, ...extra };
}
const para = (article: string, text: string) => ({ op: "replace" as const, target: `article:${article}/paragraph:1`, node: { number: 1, text, items: [] } });

/**
 * A varied history across three agreements: amendments recorded out of order, a retroactive
 * one, a missing 議決日 added later by resolve, a draft left pending and one ratified, a
 * per-operation 適用日, a retraction, a 廃止, and a history that begins with an amendment.
 */
function record(k: Kyoyaku): void {
  const rec = (id: string, name: string, payload: LegalPayload, d: EventDates, extra: Partial<LegalEventInput> = {}) =>
    k.record({ agreementId: id, recordedBy: "法規担当", event: legal(id, name, payload, d, extra) });
  rec("a", "締結", { kind: "conclude", document: agreement() }, dates("2016-10-11"));
  rec("a", "変更1", { kind: "amend", operations: [para("1", "第一次")] }, dates("2018-03-20", "2018-04-01"));
  rec("a", "変更3", { kind: "amend", operations: [para("2", "第三次")] }, dates("2021-03-20", "2021-04-01", { resolutions: { 岡山市: "2021-03-01" } }));
  rec("a", "変更2", { kind: "amend", operations: [para("3", "第二次")] }, dates("2020-03-20", "2020-04-01"));
  rec("a", "遡及", { kind: "amend", operations: [para("4", "遡及")] }, dates("2022-06-01", "2022-04-01"));
  rec("a", "案", { kind: "amend", operations: [para("5", "案")] }, { appliesFrom: "2025-04-01", resolutions: {} }, { draft: true });
  k.resolve({ agreementId: "a", target: 3, resolutions: { 和気町: "2021-03-02" }, recordedBy: "法規担当" });
  rec("a", "案2", { kind: "amend", operations: [para("6", "案2")] }, { appliesFrom: "2026-04-01", resolutions: {} }, { draft: true });
  k.ratify({ agreementId: "a", target: 8, dates: dates("2026-03-20"), recordedBy: "法規担当" });
  rec("b", "現行", { kind: "baseline", document: agreement({ title: "別の協約" }) }, { appliesFrom: "2019-04-01", resolutions: {} });
  rec("b", "変更1", { kind: "amend", operations: [para("1", "B一"), { ...para("2", "B二"), appliesFrom: "2021-10-01" }] }, dates("2021-03-01", "2021-04-01"));
  rec("b", "変更2", { kind: "amend", operations: [para("3", "B三")] }, dates("2022-03-01", "2022-04-01"));
  k.correct({ agreementId: "b", target: 3, reason: "誤登録", retract: true, recordedBy: "法規担当" });
  rec("b", "廃止", { kind: "abolish" }, dates("2024-03-01", "2024-04-01"));
  const appendix = agreement().appendices[0]!;
  rec("c", "変更", { kind: "amend", operations: [{ op: "replace", target: "appendix:1", node: { ...appendix, heading: "別表" } }] }, dates("2025-03-27", "2025-04-01"));
}

const DAYS = ["2016-10-10", "2016-10-11", "2018-04-01", "2019-04-01", "2020-03-31", "2020-04-01", "2021-04-01", "2021-10-01",
  "2022-04-01", "2023-01-01", "2024-04-01", "2025-04-01", "2026-04-01", "2030-01-01"];

/** Every answer the projections give (as-of on each day, inForce, the list), as canonical JSON. */
function answers(k: Kyoyaku): string {
  const asOf = ["a", "b", "c"].flatMap((id) => DAYS.map((d) => {
    const x = k.asOf(id, d);
    return { id, d, inForce: x.inForce, reason: x.reason, root: x.root, interval: x.interval, events: x.events, flags: x.flags };
  }));
  return canonicalJson({ asOf, inForce: DAYS.map((d) => k.inForce(d)), agreements: k.agreements() });
}

/**
 * Rewrite a current file as schema 3 wrote it: the same events, sources and nodes, and the
 * version rows of migration 3, each carrying its events, changedBy and flags whole.
 */
function asSchema3(current: string): string {
  const path = tempPath();
  const db = new Database(path);
  migrate(db, 3);
  db.exec(`ATTACH '${current}' AS cur; INSERT INTO sources SELECT * FROM cur.sources; INSERT INTO events SELECT * FROM cur.events;
           INSERT INTO nodes SELECT * FROM cur.nodes;`);
  const store = new SqliteEventStore(current);
  for (const id of store.agreementIds()) {
    const p = projectAgreement(id, store.read(id));
    db.prepare("INSERT INTO agreements (agreement_id, summary) VALUES (?, ?)").run(id, canonicalJson(p.summary));
    for (const v of p.versions) {
      db.prepare("INSERT INTO versions (agreement_id, valid_from, valid_to, root, meta) VALUES (?, ?, ?, ?, ?)")
        .run(id, v.interval.from, v.interval.to, v.root, canonicalJson({ events: v.events, changedBy: v.changedBy, flags: v.flags }));
    }
  }
  store.close();
  db.exec("DETACH cur");
  db.close();
  return path;
}

/** What schema 3 answered from its rows: the row covering each day, as stored. */
function schema3Answers(path: string): Map<string, unknown> {
  const db = new Database(path, { readonly: true });
  const out = new Map<string, unknown>();
  for (const id of ["a", "b", "c"]) {
    for (const d of DAYS) {
      const row = db.prepare("SELECT * FROM versions WHERE agreement_id = ? AND valid_from <= ? AND (valid_to IS NULL OR ? < valid_to) ORDER BY valid_from DESC LIMIT 1")
        .get(id, d, d) as { valid_from: string; valid_to: string | null; root: string; meta: string } | undefined;
      if (row !== undefined) out.set(`${id} ${d}`, { root: row.root, interval: { from: row.valid_from, to: row.valid_to }, ...(JSON.parse(row.meta) as object) });
    }
  }
  db.close();
  return out;
}

describe("migration 4: lean projections", () => {
  it("Given a file written with schema 3, When kyoyaku opens it, Then it migrates, rebuilds the projections and answers exactly as before", () => {
    const current = tempPath();
    // Schema 7: whole event rows, as schema 3 wrote them (schema 8 rows refer to nodes, which later steps drop).
    const k1 = openKyoyaku({ path: current, sqlite: { migrateTo: 7 } });
    record(k1);
    const want = answers(k1);
    k1.close();
    const old = asSchema3(current);
    const before = schema3Answers(old);
    expect(before.size).toBeGreaterThan(20);

    const k2 = openKyoyaku({ path: old });
    // Same answers as a file recorded with the current schema …
    expect(answers(k2)).toBe(want);
    // … and as schema 3 gave from its own rows.
    for (const [key, v] of before) {
      const [id, d] = key.split(" ") as [string, string];
      const a = k2.asOf(id, d);
      expect(canonicalJson({ root: a.root, interval: a.interval, events: a.events, changedBy: undefined, flags: a.flags }))
        .toBe(canonicalJson({ ...(v as object), changedBy: undefined }));
    }
    expect(k2.verify()).toMatchObject({ ok: true, agreements: 3 });
    k2.close();
    const db = new Database(old, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(db.prepare("SELECT count(*) AS n FROM pending").get()).toEqual({ n: 0 });
    db.close();
  });

  it("Given a schema 3 file opened by the store alone, Then the projections are stale until rebuilt", () => {
    const current = tempPath();
    const k = openKyoyaku({ path: current, sqlite: { migrateTo: 7 } });
    record(k);
    k.close();
    const store = new SqliteEventStore(asSchema3(current));
    expect(store.projectionsStale()).toBe(true);
    expect(store.versions("a")).toEqual([]);
    store.rebuildProjections(projectAgreement);
    expect(store.projectionsStale()).toBe(false);
    expect(store.versions("a").length).toBeGreaterThan(3);
    store.close();
  });

  it("Given an empty schema 1 file, Then migrating to 4 leaves nothing to rebuild", () => {
    const path = tempPath();
    new SqliteEventStore(path, { migrateTo: 1 }).close();
    const store = new SqliteEventStore(path);
    expect(store.projectionsStale()).toBe(false);
    store.close();
  });
});

describe("lean projections", () => {
  it("version rows hold an event count, changedBy seqs and unknown parts; events and missing 議決日 are stored once per agreement", () => {
    const path = tempPath();
    const k = openKyoyaku({ path });
    record(k);
    k.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare("SELECT * FROM versions WHERE agreement_id = 'a' ORDER BY valid_from").all() as {
      events: number; changed_by: string; unknown: string | null; meta: string | null;
    }[];
    expect(rows.map((r) => r.events)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.changed_by)).toEqual(["1", "2", "4", "3", "5", "8"]);
    expect(rows.every((r) => r.meta === null && r.unknown === null)).toBe(true);
    const c = db.prepare("SELECT unknown FROM versions WHERE agreement_id = 'c'").get() as { unknown: string };
    expect(JSON.parse(c.unknown)).toContain("articles");
    const a = db.prepare("SELECT applied, missing FROM agreements WHERE agreement_id = 'a'").get() as { applied: string; missing: string };
    expect((JSON.parse(a.applied) as { seq: number }[]).map((r) => r.seq)).toEqual([1, 2, 4, 3, 5, 8]);
    expect(JSON.parse(a.missing)).toEqual([[], [], [], [], [], []]);
    const b = db.prepare("SELECT missing FROM agreements WHERE agreement_id = 'b'").get() as { missing: string };
    // b begins with a 現行取込: it has no 議決 of its own, so no 議決日 is missing for it.
    expect(JSON.parse(b.missing)[0]).toEqual([]);
    db.close();
  });

  for (const kind of ["sqlite", "memory"] as const) {
    it(`rebuilds projections equal to the incremental ones (${kind})`, () => {
      const path = tempPath();
      const k = kind === "sqlite" ? openKyoyaku({ path }) : openKyoyaku();
      record(k);
      const incremental = answers(k);
      k.rebuildProjections();
      expect(answers(k)).toBe(incremental);
      expect(k.verify().ok).toBe(true);
      k.close();
    });
  }

  it("answers from the projection what a replay answers, flags included", () => {
    const k = openKyoyaku({ path: tempPath() });
    record(k);
    const far = "2100-01-01T00:00:00Z";
    for (const id of ["a", "b", "c"]) {
      for (const d of DAYS) {
        const p = k.asOf(id, d);
        const r = k.asOf(id, d, { knownAt: far });
        expect(canonicalJson({ ...p, knownAt: undefined })).toBe(canonicalJson({ ...r, knownAt: undefined }));
      }
    }
    k.close();
  });

  /** Tamper with the projection tables (no triggers guard them: they are derived data). */
  function tampered(sql: string): { path: string; report: ReturnType<Kyoyaku["verify"]> } {
    const path = tempPath();
    const k = openKyoyaku({ path });
    record(k);
    k.close();
    const db = new Database(path);
    expect(db.prepare(sql).run().changes).toBe(1);
    db.close();
    const k2 = openKyoyaku({ path });
    const report = k2.verify();
    k2.close();
    return { path, report };
  }

  it("Given a version row that stands on one event fewer, Then verify reports projection.mismatch at the event that made it", () => {
    const { report } = tampered("UPDATE versions SET events = events - 1 WHERE agreement_id = 'a' AND valid_from = '2020-04-01'");
    expect(report.problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 4, code: "projection.mismatch" })]);
  });

  it("Given a version row with another changedBy, Then verify reports projection.mismatch", () => {
    const { report } = tampered("UPDATE versions SET changed_by = '2' WHERE agreement_id = 'a' AND valid_from = '2021-04-01'");
    expect(report.problems).toEqual([expect.objectContaining({ agreementId: "a", code: "projection.mismatch" })]);
  });

  it("Given the stored events of an agreement edited (a 遡及適用 hidden), Then verify reports it at the first version standing on it, and rebuild repairs it", () => {
    const { path, report } = tampered(`UPDATE agreements SET applied = replace(applied, '"retroactive":true', '"retroactive":false') WHERE agreement_id = 'a'`);
    expect(report.problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 5, code: "projection.mismatch" })]);
    const k = openKyoyaku({ path });
    expect(k.asOf("a", "2023-01-01").flags.retroactive).toEqual([]);
    k.rebuildProjections();
    expect(k.verify().ok).toBe(true);
    expect(k.asOf("a", "2023-01-01").flags.retroactive.map((r) => r.seq)).toEqual([5]);
    k.close();
  });

  it("Given a missing 議決日 removed from the stored agreement row, Then verify reports projection.mismatch at the version of that event", () => {
    const { report } = tampered(`UPDATE agreements SET missing = '[]' WHERE agreement_id = 'b'`);
    expect(report.problems).toEqual([expect.objectContaining({ agreementId: "b", seq: 1, code: "projection.mismatch" })]);
  });
});
