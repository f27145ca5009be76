import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openKyoyaku } from "../engine/engine.js";
import { projectAgreement } from "../engine/projector.js";
import type { EventDates, LegalEventInput, LegalPayload } from "../events/types.js";
import { agreement, dates } from "../history/testing.testkit.js";
import { canonicalJson, contentHash, sha256 } from "../model/canonical.js";
import type { AgreementDocument, Appendix, AppendixItem, Article, Paragraph, Section } from "../model/document.js";
import { leanProjection } from "./common.js";
import { rowHash } from "./nodes.js";
import { SCHEMA_VERSION, SqliteEventStore } from "./sqlite.js";
import { migrate } from "./sqlite/migrations.js";

// Migration 5 re-keys the node store (Merkle nodes). These tests build a file as schema 4
// wrote it — nodes keyed by sha256 of a whole subtree's canonical JSON, children as bare
// hashes — from a history recorded with the current code, and open it.

const tempPath = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-migration5-")), "k.db");

/** Schema 4's node key: sha256 of the whole subtree's canonical JSON. */
const oldHash = (v: unknown): string => sha256(canonicalJson(v));

/** Schema 4's node rows (store/nodes.ts before migration 5), parents first. */
function oldNodes(document: AgreementDocument): { hash: string; kind: string; json: string }[] {
  const out: { hash: string; kind: string; json: string }[] = [];
  const visit = <T>(value: T, kind: string, reduce: (v: T) => unknown): string => {
    const hash = oldHash(value);
    out.push({ hash, kind, json: canonicalJson(reduce(value)) });
    return hash;
  };
  const item = (i: AppendixItem): string => visit(i, "appendixItem", (v) => v);
  const section = (s: Section): string => visit(s, "section", (v) => ({ ...v, items: v.items.map(item) }));
  const appendix = (a: Appendix): string => visit(a, "appendix", (v) => ({ ...v, sections: v.sections.map(section) }));
  const paragraph = (p: Paragraph): string => visit(p, "paragraph", (v) => v);
  const article = (a: Article): string => visit(a, "article", (v) => ({ ...v, paragraphs: v.paragraphs.map(paragraph) }));
  visit(document, "document", (d) => ({ ...d, articles: d.articles.map(article), appendices: d.appendices.map(appendix) }));
  return out;
}

function legal(id: string, name: string, payload: LegalPayload, d: EventDates, extra: Partial<LegalEventInput> = {}): LegalEventInput {
  const text = `${id} ${name}`;
  return { payload, dates: d, draft: false, parties: ["岡山市", "和気町"], source: { name: `${name}.txt`, text, sha256: sha256(text) }, ...extra };
}
const para = (article: string, text: string) => ({ op: "replace" as const, target: `article:${article}/paragraph:1`, node: { number: 1, text, items: [] } });

/**
 * A file recorded with the current code: two agreements, an out-of-order amendment, a draft, a
 * 廃止. Kept at schema 7: its event rows whole, as every schema before 8 wrote them (schema 8
 * rows refer to nodes, which migrations 5 and 7 drop).
 */
function recordCurrent(): string {
  const path = tempPath();
  const k = openKyoyaku({ path, sqlite: { migrateTo: 7 } });
  const rec = (id: string, name: string, payload: LegalPayload, d: EventDates, extra: Partial<LegalEventInput> = {}) =>
    k.record({ agreementId: id, recordedBy: "法規担当", event: legal(id, name, payload, d, extra) });
  rec("a", "締結", { kind: "conclude", document: agreement() }, dates("2016-10-11"));
  rec("a", "変更2", { kind: "amend", operations: [para("2", "第二次")] }, dates("2020-03-20", "2020-04-01"));
  rec("a", "変更1", { kind: "amend", operations: [para("1", "第一次")] }, dates("2018-03-20", "2018-04-01"));
  rec("a", "案", { kind: "amend", operations: [para("3", "案")] }, { appliesFrom: "2025-04-01", resolutions: {} }, { draft: true });
  rec("b", "現行", { kind: "baseline", document: agreement({ title: "別の協約" }) }, { appliesFrom: "2019-04-01", resolutions: {} });
  rec("b", "廃止", { kind: "abolish" }, dates("2024-03-01", "2024-04-01"));
  k.close();
  return path;
}

/** Rewrite a current file as schema 4 wrote it: same events and sources, old node rows and roots. */
function asSchema4(current: string): string {
  const path = tempPath();
  const db = new Database(path);
  migrate(db, 4);
  db.exec(`ATTACH '${current}' AS cur; INSERT INTO sources SELECT * FROM cur.sources; INSERT INTO events SELECT * FROM cur.events;`);
  const store = new SqliteEventStore(current);
  const insertNode = db.prepare("INSERT OR IGNORE INTO nodes (hash, kind, json) VALUES (?, ?, ?)");
  for (const id of store.agreementIds()) {
    const p = projectAgreement(id, store.read(id));
    const lean = leanProjection(p);
    db.prepare("INSERT INTO agreements (agreement_id, summary, applied, missing) VALUES (?, ?, ?, ?)")
      .run(id, canonicalJson(lean.agreement.summary), canonicalJson(lean.agreement.applied), canonicalJson(lean.agreement.missing));
    p.versions.forEach((v, i) => {
      for (const n of oldNodes(v.document)) insertNode.run(n.hash, n.kind, n.json);
      const l = lean.versions[i]!;
      db.prepare("INSERT INTO versions (agreement_id, valid_from, valid_to, root, events, changed_by, unknown, meta) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")
        .run(id, l.interval.from, l.interval.to, oldHash(v.document), l.events, l.changedBy.join(","), l.unknown.length === 0 ? null : canonicalJson(l.unknown));
    });
  }
  store.close();
  db.exec("DETACH cur");
  db.close();
  return path;
}

const DAYS = ["2016-10-10", "2016-10-11", "2018-04-01", "2019-04-01", "2020-04-01", "2024-04-01", "2025-04-01"];

describe("migration 5: Merkle nodes", () => {
  it("Given a file written with schema 4, When kyoyaku opens it, Then nodes and roots are re-encoded from events and every answer is the same", () => {
    const current = recordCurrent();
    const k1 = openKyoyaku({ path: current });
    const want = ["a", "b"].flatMap((id) => DAYS.map((d) => k1.asOf(id, d)));
    k1.close();
    const old = asSchema4(current);
    // The fixture really is schema 4: its roots are the old whole-subtree hashes.
    const before = new Database(old, { readonly: true });
    expect(before.pragma("user_version", { simple: true })).toBe(4);
    const oldRoots = (before.prepare("SELECT root FROM versions").all() as { root: string }[]).map((r) => r.root);
    expect(oldRoots.length).toBeGreaterThan(3);
    expect(oldRoots).not.toContain(want.find((a) => a.inForce)!.root);
    before.close();

    const alone = new SqliteEventStore(old);
    expect(alone.projectionsStale()).toBe(true); // until the engine rebuilds them
    expect(alone.versions("a")).toEqual([]);
    alone.close();

    const k2 = openKyoyaku({ path: old });
    const got = ["a", "b"].flatMap((id) => DAYS.map((d) => k2.asOf(id, d)));
    expect(canonicalJson(got)).toBe(canonicalJson(want));
    for (const a of got) if (a.inForce) expect(a.root).toBe(contentHash(a.document));
    expect(k2.verify()).toMatchObject({ ok: true, agreements: 2, problems: [] });
    k2.close();

    const db = new Database(old, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    expect(db.prepare("SELECT count(*) AS n FROM pending").get()).toEqual({ n: 0 });
    const rows = db.prepare("SELECT hash, json FROM nodes").all() as { hash: string; json: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const byHash = new Map(rows.map((r) => [r.hash, { kind: "", json: r.json }]));
    expect(rows.filter((r) => rowHash(r.hash, JSON.parse(r.json) as object, (h) => byHash.get(h)) !== r.hash)).toEqual([]); // no old row is left
    db.close();
  });

  it("Given an empty schema 4 file, When opened, Then it migrates with nothing to rebuild", () => {
    const path = tempPath();
    const db = new Database(path);
    migrate(db, 4);
    db.close();
    const store = new SqliteEventStore(path);
    expect(store.projectionsStale()).toBe(false);
    expect(store.stats()).toMatchObject({ events: 0, nodes: 0, versions: 0 });
    store.close();
  });
});
