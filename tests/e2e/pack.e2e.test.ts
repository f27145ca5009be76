/**
 * Every package is publishable: `pnpm pack` of each, the tarballs installed into a fresh project
 * outside the workspace (packages from the pnpm store where it has them; every dependency pinned
 * to the workspace lockfile's version, so better-sqlite3's build is the one the store already
 * holds rather than 90 s of compiling), then: the installed packages hold README, LICENSE, the
 * build and their sources but no build info and no tests; every `exports`, `types`, `main` and
 * `bin` path exists; docs/library.md's example type-checks with `skipLibCheck: false` (no
 * @types/better-sqlite3 in the project) and runs; the installed `kyoyaku` runs its demo.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "./helpers.js";
import { compileConsumer, EXAMPLE_OUTPUT, exampleTexts, libraryDraftExample, libraryExample, README_OUTPUT, readmeExample, runConsumer, writeConsumer } from "./library.js";

const PACKAGES = ["core", "text", "formats", "report", "draft", "server", "cli"] as const;
const dir = mkdtempSync(join(tmpdir(), "kyoyaku-pack-"));
const project = join(dir, "consumer");
const tarballs = join(dir, "tarballs");
const tarball = (p: string): string => join(tarballs, `kyoyaku-${p}-0.1.0.tgz`);
const timings: Record<string, number> = {};

/** pnpm as the test command runs it (`npm_execpath` under `pnpm test`), else through npx. */
function pnpmCommand(): [string, string[]] {
  const execpath = process.env.npm_execpath;
  return execpath !== undefined && /pnpm/u.test(execpath) ? [process.execPath, [execpath]] : ["npx", ["-y", "pnpm@10"]];
}

function pnpm(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  const [command, prefix] = pnpmCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

/** name → version for every package the workspace lockfile holds in one version only. */
function lockfilePins(): Record<string, string> {
  const lock = readFileSync(join(REPO, "pnpm-lock.yaml"), "utf8");
  const section = lock.slice(lock.indexOf("\npackages:\n"), lock.indexOf("\nsnapshots:\n"));
  const versions = new Map<string, Set<string>>();
  for (const m of section.matchAll(/^ {2}'?((?:@[^/\s]+\/)?[^@\s']+)@([^(:'\s]+)'?:$/gmu)) {
    const [, name, version] = m as unknown as [string, string, string];
    versions.set(name, (versions.get(name) ?? new Set()).add(version));
  }
  return Object.fromEntries([...versions].filter(([, v]) => v.size === 1).map(([name, v]) => [name, [...v][0]!]));
}

/** Every file under `root`, relative to it. */
function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(root, f)).isFile()).map((f) => f.split("\\").join("/"));
}

const installed = (p: string): string => realpathSync(join(project, "node_modules/@kyoyaku", p));

beforeAll(async () => {
  let t = Date.now();
  mkdirSync(tarballs);
  mkdirSync(project);
  const pack = await pnpm(["-r", "--filter", "./packages/*", "pack", "--pack-destination", tarballs], REPO);
  if (pack.code !== 0) throw new Error(`pnpm pack failed:\n${pack.output}`);
  for (const p of PACKAGES) if (!existsSync(tarball(p))) throw new Error(`pnpm pack made no ${tarball(p)}:\n${pack.output}`);
  timings.pack = Date.now() - t;

  const own = Object.fromEntries(PACKAGES.map((p) => [`@kyoyaku/${p}`, `file:${tarball(p)}`]));
  const pins = lockfilePins();
  const manifest = {
    name: "kyoyaku-consumer",
    private: true,
    type: "module",
    dependencies: own,
    // @types/node: the version the workspace itself uses (the lockfile may hold others for dependencies)
    devDependencies: { "@types/node": (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["@types/node"]! },
    pnpm: { overrides: { ...pins, ...own }, onlyBuiltDependencies: ["better-sqlite3"] },
  };
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  t = Date.now();
  // --no-frozen-lockfile: pnpm freezes by default when CI is set, and this project has no lockfile.
  const install = await pnpm(["install", "--prefer-offline", "--no-frozen-lockfile", "--reporter", "append-only"], project);
  timings.install = Date.now() - t;
  if (install.code !== 0) throw new Error(`pnpm install of the tarballs failed:\n${install.output}`);
  console.log(`pack ${timings.pack} ms, install ${timings.install} ms`);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the packed packages, installed into a fresh project", () => {
  it.each(PACKAGES)("Given @kyoyaku/%s installed, When its files are listed, Then it ships README, LICENSE and the build, and no build info, tests or workspace: ranges", (p) => {
    const root = installed(p);
    const list = files(root);
    expect(list).toContain("README.md");
    expect(list).toContain("LICENSE");
    expect(list).toContain("dist/index.js");
    expect(list).toContain("dist/index.d.ts");
    expect(list.filter((f) => /\.tsbuildinfo$|\.test\.|\.testkit\.|\.test-util\.|(^|\/)fixtures?\//u.test(f))).toEqual([]);
    const manifest = readFileSync(join(root, "package.json"), "utf8");
    expect(manifest).not.toContain("workspace:");
    const pkg = JSON.parse(manifest) as { main: string; types: string; exports: Record<string, { types: string; default: string } | string>; bin?: Record<string, string>; license: string };
    expect(pkg.license).toBe("MIT");
    const main = pkg.exports["."] as { types: string; default: string };
    for (const path of [pkg.main, pkg.types, main.types, main.default, ...Object.values(pkg.bin ?? {})]) {
      expect(existsSync(join(root, path)), `${p}: ${path}`).toBe(true);
    }
  });

  it("Given the tarballs, When installed, Then the project has no @types/better-sqlite3 (the published types do not need it)", () => {
    expect(existsSync(join(project, "node_modules/@types/better-sqlite3"))).toBe(false);
    // The declarations a consumer's compiler reads: index.d.ts and what it imports, transitively
    // (internal modules of the SQLite store may name better-sqlite3; none of them may be reachable).
    const root = join(installed("core"), "dist");
    const reach = new Set<string>();
    const walk = (f: string): void => {
      if (reach.has(f)) return;
      reach.add(f);
      for (const m of readFileSync(join(root, f), "utf8").matchAll(/from "(\.[^"]+)\.js"/gu)) walk(posix.normalize(posix.join(posix.dirname(f), `${m[1]!}.d.ts`)));
    };
    walk("index.d.ts");
    const naming = [...reach].filter((f) => /from "better-sqlite3"/u.test(readFileSync(join(root, f), "utf8")));
    expect(reach.size).toBeGreaterThan(10);
    expect(naming).toEqual([]);
  });

  it("Given docs/library.md's, the README's and each package README's examples as the consumer's code, When type-checked with skipLibCheck false and run, Then each prints what its doc shows", () => {
    const t = Date.now();
    // Each package README's example is type-checked too (not run: they name files of their own).
    const packageReadmes = Object.fromEntries(PACKAGES.flatMap((p) => {
      const m = /```ts\n([\s\S]*?)\n```/u.exec(readFileSync(join(installed(p), "README.md"), "utf8"));
      return m ? [[`readme-${p}.ts`, `${m[1]}\nexport {};\n`]] : [];
    }));
    expect(Object.keys(packageReadmes)).toEqual(["readme-core.ts", "readme-text.ts", "readme-formats.ts", "readme-report.ts", "readme-draft.ts", "readme-server.ts"]);
    // The drafting example is type-checked here and run by library.e2e.test.ts.
    writeConsumer(project, { "index.ts": libraryExample(), "readme.ts": readmeExample(), "library-draft.ts": libraryDraftExample(), ...packageReadmes });
    const tsc = compileConsumer(project);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
    const doc = runConsumer(project);
    expect(doc.stderr).toBe("");
    expect(doc.code).toBe(0);
    for (const line of EXAMPLE_OUTPUT) expect(doc.stdout).toMatch(line);
    // The README's example reads the two texts from files and records them in a database of its own.
    const readmeDir = join(project, "readme");
    mkdirSync(readmeDir);
    for (const [file, text] of Object.entries(exampleTexts())) writeFileSync(join(readmeDir, file), text);
    const readme = spawnSync(process.execPath, [join(project, "out/readme.js")], { cwd: readmeDir, encoding: "utf8" });
    expect(readme.stderr).toBe("");
    expect(readme.status).toBe(0);
    for (const line of README_OUTPUT) expect(readme.stdout).toMatch(line);
    console.log(`consumer ${Date.now() - t} ms`);
  });

  it("Given @kyoyaku/cli installed, When its kyoyaku bin runs the demo, Then the seeds ship with it and the demo ends well", () => {
    const bin = join(project, "node_modules/.bin/kyoyaku");
    const version = spawnSync(bin, ["--version"], { cwd: project, encoding: "utf8" });
    expect(version.stdout.trim()).toBe("0.1.0");
    const demo = spawnSync(bin, ["demo", "--db", "demo.db"], { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
    expect(demo.stderr).toBe("");
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain("令和2年4月1日");
  });
});
