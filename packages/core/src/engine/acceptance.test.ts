// Acceptance findings: re-recording a retracted source, read-only opens, misuse as
// KyoyakuError, and verify on a truncated tail.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { EventDates, LegalEventInput, LegalPayload } from "../events/types.js";
import { agreement, dates } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import { KyoyakuError } from "../model/errors.js";
import { SqliteEventStore } from "../store/sqlite.js";
import { openKyoyaku } from "./engine.js";
import type { Kyoyaku, RecordRequest } from "./types.js";

const PARTIES = ["岡山市", "和気町"];

function legal(payload: LegalPayload, d: EventDates, name: string): LegalEventInput {
  const text = `${name}\n${JSON.stringify(payload)}\n${JSON.stringify(d)}`;
  return { payload, dates: d, draft: false, parties: PARTIES, source: { name: `${name}.txt`, text, sha256: sha256(text) } };
}

const conclude = (): LegalEventInput => legal({ kind: "conclude", document: agreement() }, dates("2016-10-11"), "締結");
const amend = (): LegalEventInput =>
  legal({ kind: "amend", operations: [{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }] }, dates("2018-03-20", "2018-04-01"), "変更2018");

function clock(): () => string {
  let t = Date.parse("2024-04-01T00:00:00.000Z");
  return () => new Date((t += 3_600_000)).toISOString();
}

const tempPath = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-acceptance-")), "k.db");

function thrown(f: () => unknown): KyoyakuError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(KyoyakuError);
    return e as KyoyakuError;
  }
  throw new Error("expected a KyoyakuError, nothing was thrown");
}

describe.each([
  ["memory", (): Kyoyaku => openKyoyaku({ clock: clock() })],
  ["sqlite", (): Kyoyaku => openKyoyaku({ path: tempPath(), clock: clock() })],
])("a retracted source (%s)", (_name, open) => {
  it("Given a file recorded into the wrong agreement and retracted there, When it is recorded into the right one, Then it is recorded", () => {
    const k = open();
    k.record({ agreementId: "wrong", event: conclude(), recordedBy: "法規担当" });
    k.correct({ agreementId: "wrong", target: 1, retract: true, reason: "別の協約に登録した", recordedBy: "法規担当" });
    const right = k.record({ agreementId: "right", event: conclude(), recordedBy: "法規担当" });
    expect(right.duplicate).toBe(false);
    expect(right.event).toMatchObject({ agreementId: "right", seq: 1 });
    expect(k.asOf("right", "2020-04-01").inForce).toBe(true);
    // Now live in "right": recording it again there is a duplicate; into "wrong" is refused.
    const again = k.record({ agreementId: "right", event: conclude(), recordedBy: "法規担当" });
    expect(again).toMatchObject({ duplicate: true, status: "ratified", agreementId: "right" });
    expect(again.event.seq).toBe(1);
    const e = thrown(() => k.record({ agreementId: "wrong", event: conclude(), recordedBy: "法規担当" }));
    expect(e.code).toBe("source.recorded-elsewhere");
    expect(e.message).toContain("right の #1 としてすでに記録されている");
    expect(k.version("wrong")).toBe(2);
    expect(k.verify().ok).toBe(true);
    k.close();
  });

  it("Given a retracted source, When it is recorded again into the same agreement, Then it is a new event", () => {
    const k = open();
    k.record({ agreementId: "a", event: conclude(), recordedBy: "法規担当" });
    k.correct({ agreementId: "a", target: 1, retract: true, reason: "誤登録", recordedBy: "法規担当" });
    const r = k.record({ agreementId: "a", event: conclude(), recordedBy: "法規担当" });
    expect(r).toMatchObject({ duplicate: false, event: { seq: 3 } });
    expect(k.history("a").map((h) => h.status)).toEqual(["retracted", "ratified", "ratified"]);
    k.close();
  });

  it("Given a draft, When the same source is recorded again, Then the duplicate says draft", () => {
    const k = open();
    const draft = { ...conclude(), draft: true };
    k.record({ agreementId: "a", event: draft, recordedBy: "法規担当" });
    expect(k.record({ agreementId: "a", event: draft, recordedBy: "法規担当" })).toMatchObject({ duplicate: true, status: "draft" });
    k.close();
  });

  it("Given misuse, Then KyoyakuError with a stable code, never a TypeError", () => {
    const k = open();
    expect(thrown(() => k.record(null as unknown as RecordRequest)).code).toBe("input.invalid");
    expect(thrown(() => k.correct(undefined as never)).code).toBe("input.invalid");
    expect(thrown(() => k.ratify(42 as never)).code).toBe("input.invalid");
    expect(thrown(() => k.resolve("x" as never)).code).toBe("input.invalid");
    k.record({ agreementId: "a", event: conclude(), recordedBy: "法規担当" });
    k.close();
    k.close(); // closing twice is harmless
    for (const call of [
      () => k.asOf("a", "2020-04-01"), () => k.agreements(), () => k.verify(), () => k.history("a"), () => k.events("a"),
      () => k.record({ agreementId: "a", event: amend(), recordedBy: "法規担当" }), () => k.rebuildProjections(),
    ]) {
      const e = thrown(call);
      expect(e.code).toBe("input.invalid");
      expect(e.message).toBe("エンジンは既に閉じている");
    }
  });
});

describe("openKyoyaku on a bad path", () => {
  it("Given a directory, Then input.invalid naming the path and the cause", () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-dir-"));
    const e = thrown(() => openKyoyaku({ path: dir }));
    expect(e.code).toBe("input.invalid");
    expect(e.message).toContain(dir);
    expect(e.message).toContain("ファイルではなくフォルダである");
  });

  it("Given a path whose directory does not exist, Then input.invalid naming the directory", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "kyoyaku-dir-")), "no", "such");
    const e = thrown(() => openKyoyaku({ path: join(dir, "k.db") }));
    expect(e.code).toBe("input.invalid");
    expect(e.message).toContain(`そのフォルダ ${dir} がない`);
  });

  it("Given a missing file opened read-only, Then input.invalid (nothing created)", () => {
    const path = tempPath();
    const e = thrown(() => openKyoyaku({ path, readonly: true }));
    expect(e.code).toBe("input.invalid");
    expect(e.message).toContain("ファイルがない");
  });

  it("Given a path under a plain file, Then input.invalid naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-dir-"));
    const blocker = join(dir, "plain");
    new Database(blocker).close();
    const e = thrown(() => openKyoyaku({ path: join(blocker, "k.db") }));
    expect(e.code).toBe("input.invalid");
    expect(e.message).toContain("はフォルダではない");
  });
});

describe("read-only open", () => {
  function recorded(): string {
    const path = tempPath();
    const k = openKyoyaku({ path, clock: clock() });
    k.record({ agreementId: "a", event: conclude(), recordedBy: "法規担当" });
    k.record({ agreementId: "a", event: amend(), recordedBy: "法規担当" });
    k.close();
    return path;
  }

  it("Given a recorded file, When opened read-only, Then every read answers as the writable open did and every write is refused", () => {
    const path = recorded();
    const w = openKyoyaku({ path, clock: clock() });
    const reads = (k: Kyoyaku): unknown => [
      k.agreements(), k.events("a"), k.version("a"), k.asOf("a", "2017-01-01"), k.asOf("a", "2019-01-01"),
      k.asOf("a", "2019-01-01", { knownAt: "2024-04-01T01:30:00Z" }), k.history("a"), k.inForce("2019-01-01"),
      k.diff("a", "2017-01-01", "2019-01-01"), k.search("別表", { on: "2019-01-01" }), k.verify(),
    ];
    const want = JSON.stringify(reads(w));
    w.close();
    const r = openKyoyaku({ path, readonly: true, clock: clock() });
    expect(JSON.stringify(reads(r))).toBe(want);
    for (const write of [
      () => r.record({ agreementId: "a", event: conclude(), recordedBy: "監査" }),
      () => r.record({ agreementId: "b", event: legal({ kind: "conclude", document: agreement() }, dates("2020-01-01"), "新"), recordedBy: "監査" }),
      () => r.ratify({ agreementId: "a", target: 1, dates: dates("2016-10-11"), recordedBy: "監査" }),
      () => r.resolve({ agreementId: "a", target: 1, resolutions: { 岡山市: "2016-09-30" }, recordedBy: "監査" }),
      () => r.correct({ agreementId: "a", target: 2, retract: true, reason: "x", recordedBy: "監査" }),
      () => r.rebuildProjections(),
    ]) {
      const e = thrown(write);
      expect(e.code).toBe("input.invalid");
      expect(e.message).toContain("データベースを読取り専用で開いている");
    }
    r.close();
    const again = openKyoyaku({ path, clock: clock() });
    expect(again.version("a")).toBe(2);
    again.close();
  });

  it("Given a read-only store, When something writes past the engine, Then the store refuses too", () => {
    const store = new SqliteEventStore(recorded(), { readonly: true });
    expect(thrown(() => store.putDocument(agreement())).message).toContain("データベースを読取り専用で開いている");
    store.close();
  });

  it("Given a file of an older schema, When opened read-only, Then store.schema says to open it writable once", () => {
    const path = tempPath();
    new SqliteEventStore(path, { migrateTo: 5 }).close();
    const e = thrown(() => openKyoyaku({ path, readonly: true }));
    expect(e.code).toBe("store.schema");
    expect(e.message).toContain("一度（この版の kyoyaku で）書込み可能で開いてから");
    openKyoyaku({ path }).close(); // migrates
    openKyoyaku({ path, readonly: true }).close();
  });

  it("Given projections awaiting a rebuild, When opened read-only, Then store.schema says so", () => {
    const path = recorded();
    const db = new Database(path);
    db.prepare("INSERT INTO pending (task) VALUES ('rebuild-projections')").run();
    db.close();
    const e = thrown(() => openKyoyaku({ path, readonly: true }));
    expect(e.code).toBe("store.schema");
    expect(e.message).toContain("射影は再構築を待っている");
  });
});

describe("verify after the last event is deleted behind the triggers", () => {
  it("Given the last event deleted, Then projection.mismatch blames the missing seq and says the tail is missing; heads show the new last event", () => {
    const path = tempPath();
    const k = openKyoyaku({ path, clock: clock() });
    k.record({ agreementId: "a", event: conclude(), recordedBy: "法規担当" });
    const second = k.record({ agreementId: "a", event: amend(), recordedBy: "法規担当" });
    const before = k.verify();
    expect(before.heads).toEqual([{ agreementId: "a", seq: 2, hash: second.event.hash }]);
    k.close();
    const db = new Database(path);
    db.exec("DROP TRIGGER events_refuse_delete");
    db.prepare("DELETE FROM events WHERE agreement_id = 'a' AND seq = 2").run();
    db.close();
    const r = openKyoyaku({ path, readonly: true });
    const report = r.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ agreementId: "a", seq: 2, code: "projection.mismatch" });
    expect(report.problems[0]!.message).toContain("保存された出来事は #1 で終わる");
    expect(report.heads).toEqual([{ agreementId: "a", seq: 1, hash: r.events("a")[0]!.hash }]);
    r.close();
  });
});
