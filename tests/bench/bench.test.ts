/**
 * The benchmark still runs (functional only: no timing is asserted here; speed targets live
 * in `pnpm bench` and docs/benchmarks.md). Runs the built bench on its tiny size in a child
 * process, writing to a temporary directory, and checks that every figure is reported.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const out = mkdtempSync(join(tmpdir(), "kyoyaku-bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const FIGURES = [
  "asOfVersion.p50", "asOfVersion.p99", "asOfDocument.p50", "asOfDocument.p99", "git.p50", "append.ratio", "append.rate",
  "rebuild.rate", "diff.1", "diff.10", "diff.100", "parse.rate", "size.ratio", "memory.peak",
];

/** The generator's first agreements for a seed, as one JSON text (run in a child: the bench is plain ESM). */
function generated(seed: number): string {
  const script = `import { agreements } from ${JSON.stringify(join(REPO, "bench/generate.mjs"))};
    process.stdout.write(JSON.stringify([...agreements(0, 5, { seed: ${seed} })]));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 26 });
  expect(r.stderr).toBe("");
  return r.stdout;
}

describe("bench", () => {
  it("Given a seed, When the generator runs twice, Then it yields the same histories, and another seed yields others", () => {
    const a = generated(1);
    expect(JSON.parse(a)).toHaveLength(5);
    expect(generated(1)).toBe(a);
    expect(generated(2)).not.toBe(a);
  });

  it("Given the tiny size, When the bench runs, Then it reports every figure with a value, a goal and met or missed", () => {
    const r = spawnSync(process.execPath, [join(REPO, "bench/run.mjs"), "--size", "tiny", "--out", out], { cwd: REPO, encoding: "utf8", timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "benchmarks.json"), "utf8")) as {
      scale: { size: string; agreements: number; events: number };
      figures: { id: string; value: number; goal: string; met: boolean | null }[];
      phases: Record<string, number>;
      memory: { heapCapMiB: number; live: { events: number; liveHeapMiB: number }[]; liveGrowth: number };
      parse: { passes: number[] };
    };
    expect(json.scale).toMatchObject({ size: "tiny", agreements: 20 });
    expect(json.scale.events).toBeGreaterThan(20);
    expect(json.figures.map((f) => f.id)).toEqual(FIGURES);
    for (const f of json.figures) {
      expect(Number.isFinite(f.value), f.id).toBe(true);
      expect(f.goal, f.id).not.toBe("");
      expect(typeof f.met, f.id).toBe("boolean");
    }
    // Every phase timed; the import child ran under a heap cap with live-heap samples after forced GCs.
    expect(Object.keys(json.phases)).toEqual(expect.arrayContaining(["import (child: generation + recording)", "projection rebuild", "parse"]));
    for (const s of Object.values(json.phases)) expect(s).toBeGreaterThanOrEqual(0);
    expect(json.memory.heapCapMiB).toBe(256);
    expect(json.memory.live.length).toBeGreaterThan(0);
    expect(json.memory.live.at(-1)!.events).toBe(json.scale.events);
    expect(Number.isFinite(json.memory.liveGrowth)).toBe(true);
    expect(json.parse.passes).toHaveLength(5);
    const md = readFileSync(join(out, "benchmarks.md"), "utf8");
    expect(md).toContain("| figure | kyoyaku | compared with (same run) | ratio | goal | met? |");
    expect(md).toContain("--size tiny");
    expect(md).toContain("| events recorded | seconds | live heap MiB | external MiB | RSS MiB |");
  });
});
