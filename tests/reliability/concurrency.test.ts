/**
 * Concurrency: several processes append at once to one shared agreement (expectedVersion
 * from a fresh read; conflicts come back as the typed `concurrency.conflict` and are retried)
 * and to their own agreements, while readers check every answer they get. Afterwards every
 * successful append is stored exactly once at the seq it was given, nothing else is stored,
 * the chains are gap-free, verify passes and the histories build. A writer kept waiting past
 * busy_timeout gets a typed error, not SQLite's.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isKyoyakuError, openKyoyaku } from "@kyoyaku/core";
import { describe, expect, it } from "vitest";
import { HERE, REPO, reportFigures, requireBuilt, scale, seedDocument, seedOf, withSeed } from "./reliability.testkit.js";
import { concludeFor, writerAmendment, rng } from "./workload.mjs";

const WRITERS = scale(4, 8);
const OPS = scale(40, 120);
const READERS = scale(2, 3);

type Line =
  | { ok: { agreementId: string; seq: number; sha: string; duplicate: boolean } }
  | { done: { conflicts: number; refusals: number; checks?: number; versionsSeen?: number } }
  | { refused: { code: string; message: string } }
  | { raw: unknown }
  | { violation: string }
  | { badConflict: unknown }
  | { gaveUp: string };

function run(script: string, args: readonly string[]): Promise<{ code: number | null; lines: Line[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(HERE, script), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, lines: out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Line), stderr: err }));
  });
}

describe("concurrent writers and readers", () => {
  it(`Given ${WRITERS} writer processes (${OPS} appends each, half to one shared agreement) and ${READERS} readers, Then nothing is lost or duplicated, conflicts are typed, and every read is consistent`, async () => {
    requireBuilt();
    const seed = seedOf();
    await withSeed("concurrency", seed, async () => {
      const dir = mkdtempSync(join(tmpdir(), "kyoyaku-conc-"));
      const db = join(dir, "k.db");
      const base = seedDocument();
      const setup = openKyoyaku({ path: db });
      const first = setup.record({ agreementId: "shared", event: concludeFor(base, "shared"), recordedBy: "setup", expectedVersion: 0 });
      setup.close();
      const stop = join(dir, "stop");
      const ids = ["shared", ...Array.from({ length: WRITERS }, (_, w) => `own-${w}`)].join(",");
      const started = Date.now();
      const readers = Array.from({ length: READERS }, (_, r) => run("concurrency-reader.mjs", [db, String(seed + 1000 + r), stop, ids]));
      const writers = await Promise.all(Array.from({ length: WRITERS }, (_, w) => run("concurrency-writer.mjs", [db, String(seed), String(w), String(OPS)])));
      writeFileSync(stop, "");
      const readerResults = await Promise.all(readers);
      const seconds = (Date.now() - started) / 1000;

      for (const r of [...writers, ...readerResults]) {
        const wrong = r.lines.filter((l) => "raw" in l || "violation" in l || "badConflict" in l || "gaveUp" in l);
        expect(wrong, r.stderr).toEqual([]);
        expect(r.code, r.stderr).toBe(0);
      }
      const successes = writers.flatMap((r) => r.lines.flatMap((l) => ("ok" in l ? [l.ok] : [])));
      const conflicts = writers.reduce((n, r) => n + r.lines.reduce((m, l) => m + ("done" in l ? l.done.conflicts : 0), 0), 0);
      const refusals = writers.flatMap((r) => r.lines.flatMap((l) => ("refused" in l ? [l.refused] : [])));
      const readerChecks = readerResults.reduce((n, r) => n + r.lines.reduce((m, l) => m + ("done" in l ? l.done.checks ?? 0 : 0), 0), 0);
      expect(successes).toHaveLength(WRITERS * OPS);
      expect(successes.every((s) => !s.duplicate)).toBe(true);

      const k = openKyoyaku({ path: db });
      try {
        const report = k.verify();
        expect(report.problems).toEqual([]);
        // Every success stored once, at its seq; nothing stored that no writer was told about.
        let stored = 0;
        for (const id of ids.split(",")) {
          const events = k.events(id);
          stored += events.length;
          expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
          const bySha = new Map(events.map((e) => [e.legal?.source?.sha256, e.seq]));
          expect(bySha.size).toBe(events.length);
          for (const s of successes.filter((x) => x.agreementId === id)) expect(bySha.get(s.sha)).toBe(s.seq);
          // The history builds and answers.
          expect(k.timeline(id).versions.length).toBeGreaterThan(0);
          expect(k.asOf(id, "2030-01-01").inForce).toBe(true);
        }
        expect(stored).toBe(successes.length + 1);
        expect(k.events("shared")[0]!.hash).toBe(first.event.hash);
      } finally {
        k.close();
      }
      expect(conflicts).toBeGreaterThan(0);
      expect(readerChecks).toBeGreaterThan(0);
      reportFigures("concurrency", {
        seed, writers: WRITERS, readers: READERS, appends: successes.length, sharedAppends: successes.filter((s) => s.agreementId === "shared").length,
        conflicts, otherRefusals: refusals.length, refusalCodes: [...new Set(refusals.map((r) => r.code))], readerChecks, lost: 0, duplicated: 0, seconds,
      });
    });
  }, scale(170_000, 1_800_000));

  it(`Given ${WRITERS} writer processes appending to one agreement WITHOUT expectedVersion, Then every append lands once, recordedAt never runs backwards, and verify passes`, async () => {
    requireBuilt();
    const seed = seedOf();
    await withSeed("concurrency-free", seed, async () => {
      const db = join(mkdtempSync(join(tmpdir(), "kyoyaku-free-")), "k.db");
      const setup = openKyoyaku({ path: db });
      setup.record({ agreementId: "free", event: concludeFor(seedDocument(), "free"), recordedBy: "setup" });
      setup.close();
      const ops = Math.ceil(OPS / 2);
      const writers = await Promise.all(Array.from({ length: WRITERS }, (_, w) => run("concurrency-writer.mjs", [db, String(seed), String(w), String(ops), "free"])));
      for (const r of writers) {
        // A writer kept waiting past busy_timeout (8 writers queueing on one agreement) is told
        // store.busy, typed, nothing written, and tries again: allowed, counted.
        expect(r.lines.filter((l) => !("ok" in l) && !("done" in l) && !("refused" in l && l.refused.code === "store.busy")), r.stderr).toEqual([]);
        expect(r.code, r.stderr).toBe(0);
      }
      const successes = writers.flatMap((r) => r.lines.flatMap((l) => ("ok" in l ? [l.ok] : [])));
      const busy = writers.reduce((n, r) => n + r.lines.filter((l) => "refused" in l).length, 0);
      const escaped = writers.reduce((n, r) => n + r.lines.reduce((m, l) => m + ("done" in l ? l.done.conflicts : 0), 0), 0);
      expect(successes).toHaveLength(WRITERS * ops);
      const k = openKyoyaku({ path: db, readonly: true });
      try {
        expect(k.verify().problems).toEqual([]);
        const events = k.events("free");
        expect(events).toHaveLength(successes.length + 1);
        const bySha = new Map(events.map((e) => [e.legal?.source?.sha256, e.seq]));
        for (const s of successes) expect(bySha.get(s.sha)).toBe(s.seq);
        // System time runs forward within the agreement: "known at" is a prefix of the stream.
        const backwards = events.filter((e, i) => i > 0 && Date.parse(e.recordedAt) < Date.parse(events[i - 1]!.recordedAt));
        expect(backwards.map((e) => e.seq)).toEqual([]);
      } finally {
        k.close();
      }
      reportFigures("concurrency-free", { seed, writers: WRITERS, appends: successes.length, conflictsPastEngineRetries: escaped, busy, backwards: 0, lost: 0 });
    });
  }, scale(120_000, 1_800_000));

  it("Given another process holding the write lock past busy_timeout, When a writer records, Then it gets a typed store.busy error and nothing is written", () => {
    const db = join(mkdtempSync(join(tmpdir(), "kyoyaku-busy-")), "k.db");
    const base = seedDocument();
    const k = openKyoyaku({ path: db, sqlite: { busyTimeoutMs: 150 } });
    k.record({ agreementId: "a", event: concludeFor(base, "a"), recordedBy: "t" });
    const Database = createRequire(join(REPO, "packages/core/package.json"))("better-sqlite3") as new (p: string) => { exec(sql: string): void; close(): void };
    const holder = new Database(db);
    holder.exec("BEGIN IMMEDIATE");
    try {
      let error: unknown;
      try {
        k.record({ agreementId: "a", event: writerAmendment(base, 0, 1, rng(1)), recordedBy: "t" });
      } catch (e) {
        error = e;
      }
      expect(isKyoyakuError(error)).toBe(true);
      expect(error).toMatchObject({ code: "store.busy" });
      expect((error as Error).message).toMatch(/another process|busy/u);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(k.version("a")).toBe(1);
    k.close();
  });
});
