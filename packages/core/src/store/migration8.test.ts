/**
 * Migration 8: event rows refer to the nodes of their payload. A file written with schema 7
 * (whole event rows) opens with the same answers and verify passing, and keeps its rows; events
 * recorded from then on are stored compact, read back equal to the events as recorded (same
 * hashes), and a node they refer to that goes missing or changes is reported at that event.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openKyoyaku } from "../engine/engine.js";
import type { LegalEventInput, LegalPayload } from "../events/types.js";
import { agreement, article, measure } from "../history/testing.testkit.js";
import { canonicalJson, contentHash, sha256 } from "../model/canonical.js";
import { isKyoyakuError } from "../model/errors.js";
import { eventHash } from "./chain.js";
import { SCHEMA_VERSION, SqliteEventStore } from "./sqlite.js";

const tempPath = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-m8-")), "k.db");

function legal(payload: LegalPayload, on: string, label: string, draft = false): LegalEventInput {
  return {
    payload,
    dates: draft ? { appliesFrom: on, resolutions: {} } : { concludedOn: on, resolutions: { 岡山市: on, 和気町: on } },
    draft,
    parties: ["岡山市", "和気町"],
    source: { name: label, text: label, sha256: sha256(label) },
  };
}

/** A 締結, a replaced 条, a replaced 取組, a whole 別表 replaced, and a draft replacing a 取組 no version holds. */
const DRAFT_ITEM = measure("案の取組", "どの版にもない取組の内容。");
function record(path: string, migrateTo?: number): void {
  let t = Date.parse("2024-01-01T00:00:00Z");
  const k = openKyoyaku({ path, ...(migrateTo !== undefined ? { sqlite: { migrateTo } } : {}), clock: () => new Date((t += 1000)).toISOString() });
  const appendix = agreement().appendices[0]!;
  const rec = (payload: LegalPayload, on: string, label: string, draft = false): void => {
    k.record({ agreementId: "a", event: legal(payload, on, label, draft), recordedBy: "t" });
  };
  rec({ kind: "conclude", document: agreement() }, "2016-10-11", "締結");
  rec({ kind: "amend", operations: [{ op: "replace", target: "article:3", node: article("3", "改めた第3条") }] }, "2018-04-01", "変更1");
  rec({ kind: "amend", operations: [{ op: "replace", target: "appendix:1/section:I/item:産業振興", node: measure("産業振興", "改めた取組") }] }, "2020-04-01", "変更2");
  rec({ kind: "amend", operations: [{ op: "replace", target: "appendix:1", node: { ...appendix, heading: "別表（改）" } }] }, "2022-04-01", "変更3");
  rec({ kind: "amend", operations: [{ op: "replace", target: "appendix:1/section:I/item:産業振興", node: DRAFT_ITEM }] }, "2030-04-01", "案", true);
  k.close();
}

const DAYS = ["2016-10-10", "2016-10-11", "2018-04-01", "2020-04-01", "2022-04-01", "2031-01-01"];

function legalRows(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT legal FROM events ORDER BY agreement_id, seq").all() as { legal: string }[]).map((r) => r.legal);
  } finally {
    db.close();
  }
}

/** Run SQL on the file with the append-only triggers and foreign keys off (what anyone with the file can do). */
function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  try {
    db.pragma("foreign_keys = OFF");
    db.exec("DROP TRIGGER IF EXISTS events_refuse_update; DROP TRIGGER IF EXISTS nodes_refuse_update; DROP TRIGGER IF EXISTS nodes_refuse_delete;");
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe("migration 8: event rows refer to the nodes of their payload", () => {
  it("Given a file written with schema 7, When kyoyaku opens it, Then it answers the same, its rows stay whole, verify passes, and later events are stored compact", () => {
    const old = tempPath();
    record(old, 7);
    const whole = legalRows(old);
    expect(whole.some((l) => l.includes('"preamble"'))).toBe(true); // the 締結's document, whole
    const k7 = openKyoyaku({ path: old, sqlite: { migrateTo: 7 } });
    const want = canonicalJson(DAYS.map((d) => k7.asOf("a", d)));
    const events7 = canonicalJson(k7.history("a"));
    k7.close();

    const k = openKyoyaku({ path: old });
    expect(canonicalJson(DAYS.map((d) => k.asOf("a", d)))).toBe(want);
    expect(canonicalJson(k.history("a"))).toBe(events7);
    expect(k.verify()).toMatchObject({ ok: true, problems: [] });
    k.record({ agreementId: "b", event: legal({ kind: "conclude", document: agreement({ title: "別の協約" }) }, "2017-04-01", "締結b"), recordedBy: "t" });
    expect(k.verify()).toMatchObject({ ok: true, problems: [] });
    k.close();

    const db = new Database(old, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const rows = legalRows(old);
    expect(rows.slice(0, whole.length)).toEqual(whole); // nothing rewritten
    const b = JSON.parse(rows[whole.length]!) as { payload: { document: unknown } };
    expect(b.payload.document).toEqual({ "#": contentHash(agreement({ title: "別の協約" })) });
  });

  it("Given the same history recorded with schema 7 and schema 8, Then the rows of 8 are smaller and the events read back are the same, hashes and all", () => {
    const p7 = tempPath();
    const p8 = tempPath();
    record(p7, 7);
    record(p8);
    const s7 = new SqliteEventStore(p7, { migrateTo: 7 });
    const s8 = new SqliteEventStore(p8);
    const e7 = s7.read("a");
    const e8 = s8.read("a");
    expect(canonicalJson(e8)).toBe(canonicalJson(e7));
    for (const e of e8) {
      const { hash, ...envelope } = e;
      expect(eventHash(envelope)).toBe(hash);
    }
    s7.close();
    s8.close();
    const r7 = legalRows(p7);
    const r8 = legalRows(p8);
    // Every payload with a document or provision refers to it; the 締結 and the replaced 取組, 条 and 別表 are nodes.
    expect(r8.map((l) => l.includes('{"#":"'))).toEqual([true, true, true, true, true]);
    expect(r8.join("").length).toBeLessThan(r7.join("").length / 2);
    // The source's SHA-256 is in the source_sha256 column only (schema 7 wrote it in both).
    expect(r7.every((l) => l.includes('"sha256":"'))).toBe(true);
    expect(r8.some((l) => l.includes('"sha256":"'))).toBe(false);
  });

  it("Given a node only an event refers to deleted, Then verify reports node.missing at that event, and reading it is store.integrity", () => {
    const path = tempPath();
    record(path);
    tamper(path, "DELETE FROM nodes WHERE hash = ?", contentHash(DRAFT_ITEM));
    const store = new SqliteEventStore(path, { anchor: false });
    const k = openKyoyaku({ store });
    expect(k.verify()).toMatchObject({ ok: false, problems: [{ agreementId: "a", seq: 5, code: "node.missing" }] });
    let code: string | undefined;
    try {
      k.history("a");
    } catch (e) {
      code = isKyoyakuError(e) ? e.code : "other";
    }
    expect(code).toBe("store.integrity");
    store.close();
  });

  it("Given a node an event refers to edited, Then verify reports node.hash-mismatch at that event", () => {
    const path = tempPath();
    record(path);
    tamper(path, "UPDATE nodes SET json = replace(json, '内容', '中身') WHERE hash = ?", contentHash(DRAFT_ITEM));
    const store = new SqliteEventStore(path, { anchor: false });
    expect(openKyoyaku({ store }).verify()).toMatchObject({ ok: false, problems: [{ agreementId: "a", seq: 5, code: "node.hash-mismatch" }] });
    store.close();
  });

  it("Given an event's source_sha256 changed to another stored source, Then verify reports chain.hash-mismatch at that event", () => {
    const path = tempPath();
    record(path);
    tamper(path, "UPDATE events SET source_sha256 = ? WHERE seq = 2", sha256("締結"));
    const store = new SqliteEventStore(path, { anchor: false });
    expect(openKyoyaku({ store }).verify()).toMatchObject({ ok: false, problems: [{ agreementId: "a", seq: 2, code: "chain.hash-mismatch" }] });
    store.close();
  });

  it("Given an event's reference changed to another stored node, Then verify reports chain.hash-mismatch at that event", () => {
    const path = tempPath();
    record(path);
    const other = contentHash(measure("産業振興", "改めた取組"));
    tamper(path, "UPDATE events SET legal = replace(legal, ?, ?) WHERE seq = 5", contentHash(DRAFT_ITEM), other);
    const store = new SqliteEventStore(path, { anchor: false });
    expect(openKyoyaku({ store }).verify()).toMatchObject({ ok: false, problems: [{ agreementId: "a", seq: 5, code: "chain.hash-mismatch" }] });
    store.close();
  });
});
