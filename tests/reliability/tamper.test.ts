/**
 * Tampering: each way of changing a database behind kyoyaku's back — one byte of a stored
 * event (in the file's raw bytes, and by SQL with the append-only triggers dropped), a source
 * text, a deleted event, two events swapped, a projection row (versions, agreements), a node,
 * a deleted tail with the projections rebuilt, the file swapped for an older copy — makes the
 * BUILT `kyoyaku verify` exit 3 and name the agreement and the first bad seq, in text and in
 * --json.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { eventHash, openKyoyaku } from "@kyoyaku/core";
import { json, kyoyaku, openDb } from "../e2e/helpers.js";
import { reportFigures, requireBuilt, SEED_TEXT } from "./reliability.testkit.js";

const FIXTURES = join(SEED_TEXT, "../..");
const ID = "tamper";
let pristine: string; // a directory holding k.db (4 events of ID, 1 of "other") and its anchor
let older: string; // k.db as it was after 2 events of ID

function importInto(dir: string, file: string, id: string, by: string, resolution: string): void {
  const [a, b] = resolution.split(",");
  const r = kyoyaku(dir, ["import", file, "--db", "k.db", "-a", id, "--resolution", `岡山市=${a}`, "--resolution", `和気町=${b}`, "--recorded-by", by]);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(() => {
  requireBuilt();
  pristine = mkdtempSync(join(tmpdir(), "kyoyaku-tamper-"));
  expect(kyoyaku(pristine, ["init", "--db", "k.db"]).code).toBe(0);
  importInto(pristine, SEED_TEXT, ID, "recorder-one", "2016-09-30,2016-09-27");
  importInto(pristine, join(FIXTURES, "amendments/02_replace_text.txt"), ID, "recorder-two", "2025-03-01,2025-03-01");
  older = join(pristine, "older.db");
  copyFileSync(join(pristine, "k.db"), older);
  importInto(pristine, join(FIXTURES, "amendments/05_delete_text.txt"), ID, "recorder-three", "2025-03-01,2025-03-01");
  importInto(pristine, join(FIXTURES, "amendments/11_chained.txt"), ID, "recorder-four", "2025-03-01,2025-03-01");
  const otherText = join(pristine, "other.txt");
  writeFileSync(otherText, readFileSync(SEED_TEXT, "utf8") + "\n");
  importInto(pristine, otherText, "other", "recorder-other", "2016-09-30,2016-09-27");
  const ok = kyoyaku(pristine, ["verify", "--db", "k.db", "--json"]);
  expect(ok.code, ok.stdout).toBe(0);
  expect(json<{ events: number }>(ok).events).toBe(5);
});

/** A fresh copy of the pristine database (and its anchor) in a directory of its own. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "kyoyaku-tamper-case-"));
  copyFileSync(join(pristine, "k.db"), join(dir, "k.db"));
  copyFileSync(join(pristine, "k.db.anchor"), join(dir, "k.db.anchor"));
  return dir;
}

/** Run SQL on the copy with the append-only triggers dropped (what anyone with the file can do). */
function sql(dir: string, statements: string): void {
  const db = openDb(join(dir, "k.db"), false);
  try {
    db.exec(`DROP TRIGGER IF EXISTS events_refuse_update; DROP TRIGGER IF EXISTS events_refuse_delete;
             DROP TRIGGER IF EXISTS sources_refuse_update; DROP TRIGGER IF EXISTS nodes_refuse_update; DROP TRIGGER IF EXISTS nodes_refuse_delete;`);
    db.exec(statements);
  } finally {
    db.close();
  }
}

/** Flip one byte of the file inside the only occurrence of `marker` (ASCII stays ASCII). */
function flipByte(dir: string, marker: string): void {
  const path = join(dir, "k.db");
  const bytes = readFileSync(path);
  const needle = Buffer.from(marker, "utf8");
  const at = bytes.indexOf(needle);
  expect(at, `${marker} is in the file`).toBeGreaterThanOrEqual(0);
  expect(bytes.indexOf(needle, at + 1), `${marker} occurs once`).toBe(-1);
  const i = at + needle.length - 2;
  bytes[i] = bytes[i]! ^ 0x01;
  writeFileSync(path, bytes);
}

let detected = 0;

/** verify must exit 3 and name `id` #`seq` with `code`, in text and in JSON. */
function expectCaught(dir: string, id: string, seq: number, code: string, extra: readonly string[] = [], also: readonly string[] = []): void {
  const text = kyoyaku(dir, ["verify", "--db", "k.db", ...extra]);
  expect(text.code, text.stdout + text.stderr).toBe(3);
  expect(text.stdout).toContain(`${id} #${seq}:`);
  expect(text.stdout).toContain(`[${code}]`);
  expect(text.stderr).toMatch(/最初に壊れている箇所: \S+ #\d+ \[/u);
  if (also.length === 0) expect(text.stderr).toContain(`最初に壊れている箇所: ${id} #${seq} [${code}]`);
  const js = kyoyaku(dir, ["verify", "--db", "k.db", "--json", ...extra]);
  expect(js.code).toBe(3);
  const report = json<{ ok: boolean; problems: { agreementId: string; seq: number; code: string }[] }>(js);
  expect(report.ok).toBe(false);
  expect(report.problems.find((p) => p.agreementId === id)).toMatchObject({ agreementId: id, seq, code });
  // Only the tampered agreement is reported.
  expect(report.problems.map((p) => p.agreementId).sort()).toEqual([id, ...also].sort());
  detected += 1;
}

describe("tampering is detected by kyoyaku verify (exit 3, agreement and first bad seq)", () => {
  it("Given one byte of a stored event flipped in the raw file (its recorded_by), Then chain.hash-mismatch at that event", () => {
    const dir = copy();
    flipByte(dir, "recorder-three");
    expectCaught(dir, ID, 3, "chain.hash-mismatch");
  });

  it("Given one byte of a stored source text flipped in the raw file, Then chain.hash-mismatch at the event recorded from it", () => {
    const dir = copy();
    // A line only the source of #2 has (the parsed payload holds the words, not the sentence).
    const line = readFileSync(join(FIXTURES, "amendments/02_replace_text.txt"), "utf8").split("\n").find((l) => l.includes("に改める"))!;
    const bytes = readFileSync(join(dir, "k.db"));
    expect(bytes.indexOf(Buffer.from(line))).toBeGreaterThanOrEqual(0);
    // Flip inside the full-width digit's last byte: still valid UTF-8 (５ → ４).
    flipByte(dir, line.slice(0, line.indexOf("条") ));
    expectCaught(dir, ID, 2, "chain.hash-mismatch");
  });

  it("Given an event changed by SQL with the triggers dropped, Then chain.hash-mismatch at it", () => {
    const dir = copy();
    sql(dir, `UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE agreement_id = '${ID}' AND seq = 2`);
    expectCaught(dir, ID, 2, "chain.hash-mismatch");
  });

  it("Given an event relinked by SQL (prev_hash changed), Then chain.hash-mismatch at it", () => {
    const dir = copy();
    sql(dir, `UPDATE events SET prev_hash = '${"0".repeat(64)}' WHERE agreement_id = '${ID}' AND seq = 3`);
    expectCaught(dir, ID, 3, "chain.hash-mismatch");
  });

  it("Given an event rewritten with its hash recomputed (a careful forger), Then chain.prev-mismatch at the next event", () => {
    const dir = copy();
    const k = openKyoyaku({ path: join(dir, "k.db"), readonly: true });
    const e3 = k.events(ID)[2]!;
    k.close();
    const { hash: _old, ...envelope } = e3;
    const forged = eventHash({ ...envelope, recordedBy: "forger" });
    sql(dir, `UPDATE events SET recorded_by = 'forger', hash = '${forged}' WHERE agreement_id = '${ID}' AND seq = 3`);
    expectCaught(dir, ID, 4, "chain.prev-mismatch");
  });

  it("Given a source text edited by SQL, Then chain.hash-mismatch at the event recorded from it", () => {
    const dir = copy();
    sql(dir, `UPDATE sources SET text = text || ' ' WHERE sha256 = (SELECT source_sha256 FROM events WHERE agreement_id = '${ID}' AND seq = 4)`);
    expectCaught(dir, ID, 4, "chain.hash-mismatch");
  });

  it("Given an event deleted, Then chain.seq-gap at the missing seq", () => {
    const dir = copy();
    sql(dir, `DELETE FROM events WHERE agreement_id = '${ID}' AND seq = 2`);
    expectCaught(dir, ID, 2, "chain.seq-gap");
  });

  it("Given two events swapped (their seqs exchanged), Then the first of them is reported", () => {
    const dir = copy();
    sql(dir, `UPDATE events SET seq = 1000 WHERE agreement_id = '${ID}' AND seq = 2;
              UPDATE events SET seq = 2 WHERE agreement_id = '${ID}' AND seq = 3;
              UPDATE events SET seq = 3 WHERE agreement_id = '${ID}' AND seq = 1000;`);
    expectCaught(dir, ID, 2, "chain.hash-mismatch");
  });

  it("Given a versions row given another version's root, Then projection.mismatch at the event that made the row", () => {
    const dir = copy();
    const db = openDb(join(dir, "k.db"));
    const rows = db.prepare(`SELECT valid_from, root, changed_by FROM versions WHERE agreement_id = '${ID}' ORDER BY valid_from`).all();
    db.close();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    sql(dir, `UPDATE versions SET root = '${String(first.root)}' WHERE agreement_id = '${ID}' AND valid_from = '${String(last.valid_from)}'`);
    expectCaught(dir, ID, Math.min(...String(last.changed_by).split(",").map(Number)), "projection.mismatch");
  });

  it("Given a versions row's interval moved, Then projection.mismatch at the event that made it", () => {
    const dir = copy();
    sql(dir, `UPDATE versions SET valid_to = '2030-01-01' WHERE agreement_id = '${ID}' AND valid_to IS NULL`);
    const db = openDb(join(dir, "k.db"));
    const row = db.prepare(`SELECT changed_by FROM versions WHERE agreement_id = '${ID}' AND valid_to = '2030-01-01'`).all()[0]!;
    db.close();
    expectCaught(dir, ID, Math.min(...String(row.changed_by).split(",").map(Number)), "projection.mismatch");
  });

  it("Given the agreements row edited (title), Then projection.mismatch at the last event", () => {
    const dir = copy();
    sql(dir, `UPDATE agreements SET summary = json_set(summary, '$.title', '改ざん') WHERE agreement_id = '${ID}'`);
    expectCaught(dir, ID, 4, "projection.mismatch");
  });

  it("Given a provision node edited, Then node.hash-mismatch at the first version that reaches it", () => {
    const dir = copy();
    // A node only the latest version reaches: the 第1条 text after 11_chained.
    const db = openDb(join(dir, "k.db"));
    const [latest] = db.prepare(`SELECT root, changed_by FROM versions WHERE agreement_id = '${ID}' AND valid_to IS NULL`).all();
    db.close();
    sql(dir, `UPDATE nodes SET json = replace(json, '"title":"', '"title":"X') WHERE hash = '${String(latest!.root)}'`);
    expectCaught(dir, ID, Math.min(...String(latest!.changed_by).split(",").map(Number)), "node.hash-mismatch");
  });

  it("Given the tail deleted and the projections rebuilt (the file alone looks intact), Then the anchor: chain.rollback at the first deleted seq", () => {
    const dir = copy();
    sql(dir, `DELETE FROM events WHERE agreement_id = '${ID}' AND seq >= 3`);
    expectCaught(dir, ID, 3, "chain.rollback", ["--rebuild"]);
  });

  it("Given the file swapped for an older copy, Then chain.rollback at the first missing seq; and with the anchor deleted too, an anchor kept elsewhere (verify --json) still tells", () => {
    const dir = copy();
    const saved = join(mkdtempSync(join(tmpdir(), "kyoyaku-kept-")), "heads.json");
    writeFileSync(saved, kyoyaku(dir, ["verify", "--db", "k.db", "--json"]).stdout);
    copyFileSync(older, join(dir, "k.db"));
    // The older copy predates "other" altogether: its #1 is missing too.
    expectCaught(dir, ID, 3, "chain.rollback", [], ["other"]);
    rmSync(join(dir, "k.db.anchor"));
    expect(kyoyaku(dir, ["verify", "--db", "k.db"]).code).toBe(0); // the file alone cannot tell
    expectCaught(dir, ID, 3, "chain.rollback", ["--anchor", saved], ["other"]);
  });

  it("reports the figures", () => {
    expect(detected).toBe(15);
    reportFigures("tamper", { cases: detected, detected, missed: 0 });
  });
});
