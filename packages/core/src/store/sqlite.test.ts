import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { contentEncoding, contentHash } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { eventHash } from "./chain.js";
import { APPLICATION_ID, SCHEMA_VERSION, SqliteEventStore } from "./sqlite.js";
import { concludeInput, makeDocument, newLegal, testProjector } from "./store.testkit.js";

const project = testProjector();
const tempPath = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-sqlite-")), "k.db");

const docs = [
  makeDocument(),
  makeDocument({ variant: { "取組II-2": "（改）" } }),
  makeDocument({ variant: { "取組I-1": "（再改）" } }),
  makeDocument({ variant: { "取組III-4": "（三改）" } }),
];
const dates = ["2016-10-11", "2019-04-01", "2021-04-01", "2023-04-01"];

/** A file with one agreement of four events (and a second agreement of one). */
function populated(): string {
  const path = tempPath();
  const store = new SqliteEventStore(path);
  docs.forEach((d, i) => store.append({ agreementId: "a", events: [newLegal(concludeInput(d, dates[i]!, { kind: i === 0 ? "conclude" : "baseline" }))] }, project));
  store.append({ agreementId: "b", events: [newLegal(concludeInput(makeDocument({ parties: ["岡山市", "備前市"] }), "2018-01-01"))] }, project);
  store.close();
  return path;
}

/** Run raw SQL on the file with the append-only triggers dropped (what an attacker could do). */
function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.exec(`DROP TRIGGER IF EXISTS events_refuse_update; DROP TRIGGER IF EXISTS events_refuse_delete;
           DROP TRIGGER IF EXISTS sources_refuse_update; DROP TRIGGER IF EXISTS nodes_refuse_update;`);
  db.prepare(sql).run(...params);
  db.close();
}

function verifyFile(path: string) {
  const store = new SqliteEventStore(path);
  try {
    return store.verify(project);
  } finally {
    store.close();
  }
}

function caught(f: () => unknown): KyoyakuError {
  try {
    f();
  } catch (e) {
    if (e instanceof KyoyakuError) return e;
    throw e;
  }
  throw new Error("expected a KyoyakuError");
}

describe("SqliteEventStore: file, pragmas, schema", () => {
  it("opens one file in WAL mode with synchronous FULL, foreign keys and a busy timeout", () => {
    const path = tempPath();
    new SqliteEventStore(path).close();
    const db = new Database(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    // synchronous, foreign_keys and busy_timeout are per connection: ask the store's own.
    const store2 = new SqliteEventStore(path);
    expect(store2.pragmas()).toEqual({ journalMode: "wal", synchronous: "FULL", foreignKeys: true, busyTimeoutMs: 5000 });
    store2.close();
    const bulk = new SqliteEventStore(path, { synchronous: "NORMAL", busyTimeoutMs: 100 });
    expect(bulk.pragmas()).toMatchObject({ synchronous: "NORMAL", busyTimeoutMs: 100 });
    bulk.close();
  });

  it("keeps events across close and reopen, and reads them from a second connection", () => {
    const path = populated();
    const a = new SqliteEventStore(path);
    const b = new SqliteEventStore(path);
    expect(a.read("a").map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(b.versionAt("a", "2020-01-01")?.root).toBe(contentHash(docs[1]));
    expect(b.load(contentHash(docs[3]))).toEqual(docs[3]);
    // A write through a sees through b (b's cache is keyed on the stream's last hash).
    const doc = makeDocument({ variant: { "取組I-2": "（五）" } });
    a.append({ agreementId: "a", expectedVersion: 4, events: [newLegal(concludeInput(doc, "2025-04-01", { kind: "baseline" }))] }, project);
    expect(b.version("a")).toBe(5);
    expect(b.read("a")).toHaveLength(5);
    // b's stale expectedVersion conflicts.
    const err = caught(() => b.append({ agreementId: "a", expectedVersion: 4, events: [newLegal(concludeInput(makeDocument({ variant: { x: "y" } }), "2026-04-01", { kind: "baseline", sourceText: "other" }))] }, project));
    expect(err.code).toBe("concurrency.conflict");
    expect(err.details).toEqual({ agreementId: "a", expected: 4, actual: 5 });
    a.close();
    b.close();
  });

  it("refuses UPDATE and DELETE on events and sources with its triggers", () => {
    const path = populated();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE events SET recorded_by = 'x' WHERE seq = 1").run()).toThrow(/append-only/u);
    expect(() => db.prepare("DELETE FROM events WHERE seq = 4").run()).toThrow(/append-only/u);
    expect(() => db.prepare("UPDATE sources SET text = 'x'").run()).toThrow(/append-only/u);
    expect(() => db.prepare("DELETE FROM nodes").run()).toThrow(/append-only/u);
    db.close();
    expect(verifyFile(path).ok).toBe(true);
  });

  it("stores each source text once, by SHA-256, outside the event rows", () => {
    const path = populated();
    const db = new Database(path, { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM sources").get() as { n: number }).n).toBe(5);
    const legal = (db.prepare("SELECT legal FROM events WHERE agreement_id = 'a' AND seq = 1").get() as { legal: string }).legal;
    expect(JSON.parse(legal).source.text).toBeUndefined();
    db.close();
  });

  it("refuses a file that is not a SQLite database with store.schema", () => {
    const path = tempPath();
    writeFileSync(path, "連携協約書\n".repeat(500));
    const err = caught(() => new SqliteEventStore(path));
    expect(err.code).toBe("store.schema");
    expect(err.message).toMatch(/SQLite のデータベースではない/u);
  });

  it("refuses another application's SQLite database with store.schema", () => {
    const path = tempPath();
    const db = new Database(path);
    db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
    db.close();
    const err = caught(() => new SqliteEventStore(path));
    expect(err.code).toBe("store.schema");
    expect(err.message).toMatch(/kyoyaku のデータベースではない/u);
  });

  it("refuses a database from a newer kyoyaku with store.schema naming both versions", () => {
    const path = populated();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const err = caught(() => new SqliteEventStore(path));
    expect(err.code).toBe("store.schema");
    expect(err.message).toContain(`スキーマの版 ${SCHEMA_VERSION + 1}`);
    expect(err.message).toContain(`読めるのは ${SCHEMA_VERSION} まで`);
  });

  it("migrates an older database step by step to the current schema", () => {
    const path = tempPath();
    new SqliteEventStore(path, { migrateTo: 1 }).close();
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'versions'").get()).toBeUndefined();
    db.close();
    const store = new SqliteEventStore(path);
    store.append({ agreementId: "a", events: [newLegal(concludeInput(docs[0]!, "2016-10-11"))] }, project);
    expect(store.versions("a")).toHaveLength(1);
    store.close();
    const after = new Database(path);
    expect(after.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    after.close();
  });
});

describe("SqliteEventStore: verify finds tampering at the right seq", () => {
  it("Given event 2's recorded_by edited in place, Then chain.hash-mismatch at seq 2", () => {
    const path = populated();
    tamper(path, "UPDATE events SET recorded_by = '誰か' WHERE agreement_id = 'a' AND seq = 2");
    const report = verifyFile(path);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 2, code: "chain.hash-mismatch" })]);
    expect(report.agreements).toBe(2);
  });

  it("Given event 3 rewritten with a freshly computed hash, Then the broken link is at seq 4 (chain.prev-mismatch)", () => {
    const path = populated();
    const store = new SqliteEventStore(path);
    const e3 = store.read("a")[2]!;
    store.close();
    const forged = { ...e3, recordedBy: "改ざん者" };
    const { hash: _old, ...envelope } = forged;
    tamper(path, "UPDATE events SET recorded_by = ?, hash = ? WHERE agreement_id = 'a' AND seq = 3", "改ざん者", eventHash(envelope));
    expect(verifyFile(path).problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 4, code: "chain.prev-mismatch" })]);
  });

  it("Given event 2 deleted, Then chain.seq-gap at seq 2", () => {
    const path = populated();
    tamper(path, "DELETE FROM events WHERE agreement_id = 'a' AND seq = 2");
    expect(verifyFile(path).problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 2, code: "chain.seq-gap" })]);
  });

  it("Given a source text edited, Then chain.hash-mismatch at the event recorded from it", () => {
    const path = populated();
    const sha = concludeInput(docs[2]!, dates[2]!, { kind: "baseline" }).source!.sha256;
    tamper(path, "UPDATE sources SET text = text || '（追記）' WHERE sha256 = ?", sha);
    expect(verifyFile(path).problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 3, code: "chain.hash-mismatch" })]);
  });

  it("Given a version row moved, Then projection.mismatch at the event that made it, and rebuild repairs it", () => {
    const path = populated();
    tamper(path, "UPDATE versions SET valid_from = '2019-05-01' WHERE agreement_id = 'a' AND valid_from = '2019-04-01'");
    const report = verifyFile(path);
    expect(report.problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 2, code: "projection.mismatch" })]);
    const store = new SqliteEventStore(path);
    store.rebuildProjections(project);
    expect(store.verify(project).ok).toBe(true);
    expect(store.versionAt("a", "2019-04-01")?.root).toBe(contentHash(docs[1]));
    store.close();
  });

  it("Given a 取組 node edited, Then node.hash-mismatch in the first version that uses it", () => {
    const path = populated();
    // 取組II-4 is unchanged in every version, and agreement b shares it too (stored once).
    const item = docs[0]!.appendices[0]!.sections[1]!.items[3]!;
    tamper(path, "UPDATE nodes SET json = ? WHERE hash = ?", contentEncoding({ ...item, name: "差し替えた取組" }), contentHash(item));
    const report = verifyFile(path);
    expect(report.problems).toEqual([
      expect.objectContaining({ agreementId: "a", seq: 1, code: "node.hash-mismatch" }),
      expect.objectContaining({ agreementId: "b", seq: 1, code: "node.hash-mismatch" }),
    ]);
    expect(report.problems[0]?.message).toContain(contentHash(item));
  });

  it("Given a node deleted, Then node.missing", () => {
    const path = populated();
    const db = new Database(path);
    db.exec("DROP TRIGGER nodes_refuse_delete");
    db.pragma("foreign_keys = OFF");
    const section = docs[3]!.appendices[0]!.sections[2]!;
    db.prepare("DELETE FROM nodes WHERE hash = ?").run(contentHash(section));
    db.close();
    expect(verifyFile(path).problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 4, code: "node.missing" })]);
  });
});
