/**
 * Crash safety: a child process importing a planned sequence of documents is killed with
 * SIGKILL at random points, many times. After each kill the database opens, `verify` passes
 * (anchor included: it never runs ahead of the database), SQLite's own integrity check
 * passes, and the events present are exactly a prefix of the plan — every import (one
 * transaction, one or two events) whole or absent. The next round continues where the last
 * stopped; a final round runs to the end and everything planned is there exactly once.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openKyoyaku } from "@kyoyaku/core";
import { describe, expect, it } from "vitest";
import { HERE, REPO, reportFigures, requireBuilt, scale, seedDocument, seedOf, withSeed } from "./reliability.testkit.js";
import { crashPlan, plannedShas, rng, type PlannedUnit } from "./workload.mjs";

const KILLS = scale(30, 300);
const UNITS = scale(400, 2000);
const AGREEMENTS = scale(3, 8);

interface Db {
  pragma(sql: string, options?: { simple: boolean }): unknown;
  close(): void;
}
const Database = createRequire(join(REPO, "packages/core/package.json"))("better-sqlite3") as new (path: string, options?: { readonly?: boolean }) => Db;

interface Round {
  readonly finished: boolean;
  readonly mode: string;
}

/** Run the child from unit `from`; kill it `delay` ms after it is ready (or after spawn when `early`). */
function round(db: string, seed: number, from: number, delay: number | undefined, early: boolean): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(HERE, "crash-child.mjs"), db, String(seed), String(UNITS), String(AGREEMENTS), String(from)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let timer: NodeJS.Timeout | undefined;
    const kill = (): void => {
      child.kill("SIGKILL");
    };
    if (delay !== undefined && early) timer = setTimeout(kill, delay);
    child.stdout.on("data", (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (delay !== undefined && !early && !before.includes("ready") && out.includes("ready")) timer = setTimeout(kill, delay);
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (signal === "SIGKILL" || code === 0) {
        resolve({ finished: out.includes("finished"), mode: /ready (\w+)/u.exec(out)?.[1] ?? "?" });
      } else {
        reject(new Error(`the child failed (exit ${code}, signal ${signal}):\n${err}`));
      }
    });
  });
}

/**
 * Check the database after a kill; returns the number of whole units present. Throws when
 * verify fails, SQLite finds damage, or the events are not a prefix of the plan made of whole
 * units (`batch`: a unit is one transaction).
 */
function check(db: string, plan: readonly PlannedUnit[], batch: boolean): { units: number; events: number } {
  // Killed before it created the file: nothing imported, a valid prefix.
  if (!existsSync(db)) return { units: 0, events: 0 };
  const raw = new Database(db, { readonly: true });
  try {
    expect(raw.pragma("quick_check", { simple: true })).toBe("ok");
  } finally {
    raw.close();
  }
  const k = openKyoyaku({ path: db });
  try {
    const report = k.verify();
    expect(report.problems).toEqual([]);
    const planned = plannedShas(plan);
    const present = new Map<string, number>();
    let events = 0;
    for (const [id, shas] of planned) {
      const stored = k.events(id).map((e) => e.legal?.source?.sha256);
      // Exactly a prefix of the plan for this agreement: nothing lost in the middle, nothing twice.
      expect(stored).toEqual(shas.slice(0, stored.length));
      present.set(id, stored.length);
      events += stored.length;
    }
    expect(k.agreements().map((a) => a.id).every((id) => planned.has(id))).toBe(true);
    // The global prefix: the child imports unit after unit, so the counts must be those of plan[0, u).
    const seen = new Map<string, number>();
    let u = 0;
    let matched = events === 0 ? 0 : -1;
    for (; u < plan.length; u++) {
      const unit = plan[u]!;
      for (let i = 0; i < unit.events.length; i++) {
        seen.set(unit.agreementId, (seen.get(unit.agreementId) ?? 0) + 1);
        const all = [...planned.keys()].every((id) => (seen.get(id) ?? 0) === (present.get(id) ?? 0));
        if (all && (i === unit.events.length - 1 || !batch)) matched = i === unit.events.length - 1 ? u + 1 : u;
      }
      if (matched >= 0) break;
    }
    if (matched < 0) throw new Error(`the events present (${[...present].map(([id, n]) => `${id}: ${n}`).join(", ")}) are not whole imports of the plan`);
    return { units: matched, events };
  } finally {
    k.close();
  }
}

describe("crash safety (SIGKILL during imports)", () => {
  it(`Given a child importing ${UNITS} planned imports, When it is killed ${KILLS} times at random points, Then after each kill verify passes and every import is whole or absent`, async () => {
    requireBuilt();
    const seed = seedOf();
    await withSeed("crash", seed, async () => {
      const random = rng(seed);
      const db = join(mkdtempSync(join(tmpdir(), "kyoyaku-crash-")), "k.db");
      const plan = crashPlan(seed, UNITS, AGREEMENTS, seedDocument());
      let from = 0;
      let kills = 0;
      let midImport = 0;
      let early = 0;
      let mode = "?";
      const started = Date.now();
      while (kills < KILLS && from < plan.length) {
        const isEarly = random() < 0.2;
        const r = await round(db, seed, from, isEarly ? Math.floor(random() * 400) : Math.floor(random() * 250), isEarly);
        if (r.mode !== "?") mode = r.mode;
        const after = check(db, plan, mode === "batch");
        if (r.finished) {
          from = after.units;
          break;
        }
        kills += 1;
        if (isEarly) early += 1;
        if (after.units > from) midImport += 1;
        from = after.units;
      }
      // The last round runs to the end: everything planned, once.
      const last = await round(db, seed, from, undefined, false);
      expect(last.finished).toBe(true);
      const final = check(db, plan, mode === "batch");
      expect(final.units).toBe(plan.length);
      const total = plan.reduce((n, u) => n + u.events.length, 0);
      expect(final.events).toBe(total);
      expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 10));
      reportFigures("crash", {
        seed, kills, killsAfterProgress: midImport, killsDuringStartup: early, imports: plan.length, events: total, importMode: mode,
        lost: 0, seconds: Math.round((Date.now() - started) / 100) / 10,
      });
    });
  }, scale(170_000, 1_800_000));
});
