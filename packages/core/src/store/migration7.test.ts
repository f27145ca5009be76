/**
 * Migration 7: a node row per provision. A file written with schema 6 (every object and list
 * of a document a row of its own) opens with the same answers, rows in the new form, and
 * verify passing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openKyoyaku } from "../engine/engine.js";
import type { LegalEventInput, LegalPayload } from "../events/types.js";
import { agreement, article, measure } from "../history/testing.testkit.js";
import { canonicalJson, contentEncoding, contentHash, sha256 } from "../model/canonical.js";
import type { AgreementDocument } from "../model/document.js";
import { rowHash } from "./nodes.js";
import { SCHEMA_VERSION, SqliteEventStore } from "./sqlite.js";
import { migrate } from "./sqlite/migrations.js";

const tempPath = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-m7-")), "k.db");

function legal(payload: LegalPayload, on: string, label: string): LegalEventInput {
  return { payload, dates: { concludedOn: on, resolutions: { 岡山市: on, 和気町: on } }, draft: false, parties: ["岡山市", "和気町"], source: { name: label, text: label, sha256: sha256(label) } };
}

/** Every object and list of a document with its contentEncoding: the rows schema 5 and 6 wrote. */
function schema6Rows(doc: AgreementDocument): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object") return;
    out.push([contentHash(v), contentEncoding(v)]);
    for (const c of Object.values(v)) walk(c);
  };
  walk(doc);
  return out;
}

const DAYS = ["2016-10-10", "2016-10-11", "2018-04-01", "2020-04-01", "2024-04-01"];

describe("migration 7: a node row per provision", () => {
  it("Given a file written with schema 6, When kyoyaku opens it, Then its rows are re-encoded from events and every answer is the same", () => {
    const current = tempPath();
    let t = Date.parse("2024-01-01T00:00:00Z");
    // Kept at schema 7: whole event rows, as schema 6 wrote them (schema 8 rows refer to nodes).
    const k = openKyoyaku({ path: current, sqlite: { migrateTo: 7 }, clock: () => new Date((t += 1000)).toISOString() });
    k.record({ agreementId: "a", event: legal({ kind: "conclude", document: agreement() }, "2016-10-11", "締結"), recordedBy: "t" });
    k.record({ agreementId: "a", event: legal({ kind: "amend", operations: [{ op: "replace", target: "article:3", node: article("3", "改めた第3条") }] }, "2018-04-01", "変更1"), recordedBy: "t" });
    k.record({ agreementId: "a", event: legal({ kind: "amend", operations: [{ op: "replace", target: "appendix:1/section:I/item:産業振興", node: measure("産業振興", "改めた取組") }] }, "2020-04-01", "変更2"), recordedBy: "t" });
    const want = DAYS.map((d) => k.asOf("a", d));
    k.close();

    // The same file as schema 6 wrote it: events, projections, and a node row per object.
    const old = tempPath();
    const db = new Database(old);
    migrate(db, 6);
    db.exec(`ATTACH '${current}' AS cur;
             INSERT INTO sources SELECT * FROM cur.sources; INSERT INTO events SELECT * FROM cur.events;
             INSERT INTO agreements SELECT * FROM cur.agreements;`);
    const insertNode = db.prepare("INSERT OR IGNORE INTO nodes (hash, kind, json) VALUES (?, 'value', ?)");
    for (const a of want) if (a.inForce) for (const [h, json] of schema6Rows(a.document!)) insertNode.run(h, json);
    db.exec("INSERT INTO versions SELECT * FROM cur.versions; DETACH cur;");
    expect((db.prepare("SELECT count(*) AS n FROM nodes").get() as { n: number }).n).toBeGreaterThan(50); // schema 6 rows, every list and field
    db.close();

    const k2 = openKyoyaku({ path: old });
    expect(canonicalJson(DAYS.map((d) => k2.asOf("a", d)))).toBe(canonicalJson(want));
    expect(k2.verify()).toMatchObject({ ok: true, problems: [] });
    k2.close();

    const after = new Database(old, { readonly: true });
    expect(after.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const rows = after.prepare("SELECT hash, kind, json FROM nodes").all() as { hash: string; kind: string; json: string }[];
    expect(rows.filter((r) => r.kind === "value")).toEqual([]); // no schema 6 row left
    const byHash = new Map(rows.map((r) => [r.hash, r]));
    expect(rows.filter((r) => rowHash(r.hash, JSON.parse(r.json) as object, (h) => byHash.get(h)) !== r.hash)).toEqual([]);
    expect(after.prepare("SELECT count(*) AS n FROM pending").get()).toEqual({ n: 0 });
    after.close();
    const store = new SqliteEventStore(old);
    expect(store.stats().nodes).toBe(rows.length);
    store.close();
  });
});
