import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sha256 } from "../model/canonical.js";
import { advanceHeads, anchorPath, checkAnchor, mergeProblems, noteHeads, parseAnchor, readAnchor, writeAnchor } from "./anchor.js";
import { SqliteEventStore } from "./sqlite.js";
import { concludeInput, makeDocument, newLegal, testProjector } from "./store.testkit.js";

const project = testProjector();
const h = (s: string): string => sha256(s);
const tempDir = (): string => mkdtempSync(join(tmpdir(), "kyoyaku-anchor-"));

function record(store: SqliteEventStore, id: string, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    const d = `20${String(10 + i).padStart(2, "0")}-04-01`;
    store.append({ agreementId: id, events: [newLegal(concludeInput(makeDocument({ variant: { "取組I-1": `v${i}` } }), d, { kind: i === 0 ? "conclude" : "baseline", sourceText: `${id}:${i}` }))] }, project);
  }
}

describe("anchor file format", () => {
  it("Given an anchor written by writeAnchor, When read back, Then the heads are the same and no temp file is left", () => {
    const dir = tempDir();
    const path = join(dir, "k.db.anchor");
    const heads = [{ agreementId: "a", seq: 2, hash: h("a2") }, { agreementId: "岡山市-和気町", seq: 1, hash: h("b1") }];
    writeAnchor(path, { heads });
    expect(readAnchor(path)?.heads).toEqual(heads);
    expect(existsSync(`${path}.${process.pid}.tmp`)).toBe(false);
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ kyoyaku: "anchor", version: 1 });
  });

  it("Given a saved verify --json report, When parsed as an anchor, Then its heads are the anchor", () => {
    const report = { ok: true, agreements: 1, events: 3, problems: [], heads: [{ agreementId: "a", seq: 3, hash: h("x") }] };
    expect(parseAnchor(JSON.stringify(report), "r.json").heads).toEqual(report.heads);
  });

  it("Given no file, Then readAnchor is undefined; Given garbage, a duplicate or a bad hash, Then input.invalid naming the file", () => {
    expect(readAnchor(join(tempDir(), "none.anchor"))).toBeUndefined();
    expect(() => parseAnchor("{not json", "x.anchor")).toThrow(/アンカー x\.anchor は JSON ではない/u);
    expect(() => parseAnchor('{"heads":[{"agreementId":"a","seq":1,"hash":"zz"}]}', "x.anchor")).toThrow(/x\.anchor に最後の出来事の一覧/u);
    expect(() => parseAnchor(JSON.stringify({ heads: [{ agreementId: "a", seq: 1, hash: h("1") }, { agreementId: "a", seq: 2, hash: h("2") }] }), "x.anchor")).toThrow(/に a が2回ある/u);
  });

  it("anchorPath appends .anchor", () => {
    expect(anchorPath("/d/k.db")).toBe("/d/k.db.anchor");
  });
});

describe("checkAnchor and mergeProblems", () => {
  const chain = [{ seq: 1, hash: h("1") }, { seq: 2, hash: h("2") }];
  it("Given heads the database reaches, Then no problem; Given a head past the stored tail, Then chain.rollback at the first missing seq", () => {
    expect(checkAnchor({ heads: [{ agreementId: "a", seq: 2, hash: h("2") }] }, () => chain)).toEqual([]);
    expect(checkAnchor({ heads: [{ agreementId: "a", seq: 1, hash: h("1") }] }, () => chain)).toEqual([]);
    const [p] = checkAnchor({ heads: [{ agreementId: "a", seq: 5, hash: h("5") }] }, () => chain);
    expect(p).toMatchObject({ agreementId: "a", seq: 3, code: "chain.rollback" });
    expect(checkAnchor({ heads: [{ agreementId: "gone", seq: 1, hash: h("g") }] }, () => [])[0]).toMatchObject({ agreementId: "gone", seq: 1 });
  });

  it("Given a head whose hash differs, Then chain.rollback at the anchored seq", () => {
    expect(checkAnchor({ heads: [{ agreementId: "a", seq: 2, hash: h("other") }] }, () => chain)[0]).toMatchObject({ seq: 2, code: "chain.rollback" });
  });

  it("mergeProblems keeps the lowest seq per agreement, in first-seen order", () => {
    const p = (agreementId: string, seq: number) => ({ agreementId, seq, code: "chain.rollback" as const, message: `${agreementId}${seq}` });
    expect(mergeProblems([p("b", 5), p("a", 2)], [p("b", 3), p("c", 1), p("a", 4)]).map((x) => x.message)).toEqual(["b3", "a2", "c1"]);
  });
});

describe("advanceHeads", () => {
  it("Given a fresh head extending the anchored one, Then it replaces it; a head further along or contradicted by the database stays", () => {
    const anchored = [{ agreementId: "a", seq: 2, hash: h("2") }, { agreementId: "b", seq: 4, hash: h("b4") }];
    const stored: Record<string, string> = { "a:2": h("2"), "b:4": h("b4-rewritten") };
    const at = (id: string, seq: number): string | undefined => stored[`${id}:${seq}`];
    const next = advanceHeads(anchored, [{ agreementId: "a", seq: 3, hash: h("3") }, { agreementId: "b", seq: 5, hash: h("b5") }, { agreementId: "c", seq: 1, hash: h("c1") }], at);
    expect(next).toEqual([{ agreementId: "a", seq: 3, hash: h("3") }, { agreementId: "b", seq: 4, hash: h("b4") }, { agreementId: "c", seq: 1, hash: h("c1") }]);
    // Another writer got further: an older fresh head does not move the anchor back.
    expect(advanceHeads([{ agreementId: "a", seq: 7, hash: h("7") }], [{ agreementId: "a", seq: 6, hash: h("6") }], () => h("7"))).toEqual([{ agreementId: "a", seq: 7, hash: h("7") }]);
  });

  it("Given a damaged anchor file, Then noteHeads leaves it as it is and says so", () => {
    const path = join(tempDir(), "k.db.anchor");
    writeFileSync(path, "{damaged");
    expect(noteHeads(path, [{ agreementId: "a", seq: 1, hash: h("1") }], () => undefined)).toBe(false);
    expect(readFileSync(path, "utf8")).toBe("{damaged");
  });
});

describe("SqliteEventStore with an anchor", () => {
  it("Given appends to a file, Then <db>.anchor holds each agreement's head after each commit, and verify passes", () => {
    const path = join(tempDir(), "k.db");
    const store = new SqliteEventStore(path);
    record(store, "a", 3);
    record(store, "b", 1);
    const heads = ["a", "b"].map((id) => ({ agreementId: id, seq: store.version(id), hash: store.read(id).at(-1)!.hash }));
    expect(readAnchor(anchorPath(path))?.heads).toEqual(heads);
    expect(store.verify(project)).toMatchObject({ ok: true, problems: [] });
    store.close();
  });

  it("Given the file swapped for an older copy, Then verify reports chain.rollback at the first missing seq, and a later write does not erase the evidence", () => {
    const dir = tempDir();
    const path = join(dir, "k.db");
    const store = new SqliteEventStore(path);
    record(store, "a", 2);
    store.close();
    copyFileSync(path, join(dir, "old.db"));
    const again = new SqliteEventStore(path);
    record(again, "a", 2, 2);
    record(again, "new", 1);
    again.close();
    copyFileSync(join(dir, "old.db"), path);
    const old = new SqliteEventStore(path);
    const r = old.verify(project);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ agreementId: "a", seq: 3, code: "chain.rollback" }),
      expect.objectContaining({ agreementId: "new", seq: 1, code: "chain.rollback" }),
    ]);
    // Re-recording over the rolled-back history reaches #4 again with other hashes: still caught.
    record(old, "a", 2, 10);
    expect(old.verify(project).problems[0]).toMatchObject({ agreementId: "a", seq: 4, code: "chain.rollback" });
    old.close();
  });

  it("Given the tail deleted and the projections rebuilt, Then only the anchor tells: chain.rollback at the first deleted seq", () => {
    const path = join(tempDir(), "k.db");
    const store = new SqliteEventStore(path);
    record(store, "a", 4);
    store.close();
    const db = new Database(path);
    db.exec("DROP TRIGGER events_refuse_delete; DELETE FROM events WHERE agreement_id = 'a' AND seq >= 3;");
    db.close();
    const s2 = new SqliteEventStore(path);
    s2.rebuildProjections(project);
    expect(s2.verify(project).problems).toEqual([expect.objectContaining({ agreementId: "a", seq: 3, code: "chain.rollback" })]);
    s2.close();
    // Without the anchor the file alone looks intact: that is why the anchor exists.
    const blind = new SqliteEventStore(path, { anchor: false });
    expect(blind.verify(project).ok).toBe(true);
    blind.close();
  });

  it("Given a damaged anchor, Then verify reports anchor.unreadable; Given anchor: false or :memory:, Then no file is written", () => {
    const dir = tempDir();
    const path = join(dir, "k.db");
    const store = new SqliteEventStore(path);
    record(store, "a", 1);
    writeFileSync(anchorPath(path), "{");
    expect(store.verify(project).problems).toEqual([expect.objectContaining({ agreementId: "", seq: 0, code: "anchor.unreadable" })]);
    store.close();
    const other = join(dir, "o.db");
    const none = new SqliteEventStore(other, { anchor: false });
    record(none, "a", 1);
    none.close();
    expect(existsSync(anchorPath(other))).toBe(false);
    const elsewhere = join(dir, "kept", "x.anchor");
    const custom = new SqliteEventStore(join(dir, "c.db"), { anchor: join(dir, "x.anchor") });
    record(custom, "a", 1);
    custom.close();
    expect(readAnchor(join(dir, "x.anchor"))?.heads).toHaveLength(1);
    expect(existsSync(elsewhere)).toBe(false);
  });
});
