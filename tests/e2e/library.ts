/**
 * docs/library.md's example as a consumer project: the code block extracted as written, a
 * strict tsconfig with `skipLibCheck: false` (so every published .d.ts it reaches is checked),
 * compiled with the workspace's TypeScript and run with node. Run on the workspace's packages
 * (library.e2e.test.ts, transpiled only: fast and offline) and type-checked and run on the
 * packed tarballs installed elsewhere (pack.e2e.test.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { REPO, type RunResult } from "./helpers.js";

export const LIBRARY_DOC = join(REPO, "docs/library.md");
export const README = join(REPO, "README.md");
const MARKER = "<!-- library example:";
const README_MARKER = "<!-- readme library example:";
const DRAFT_MARKER = "<!-- library draft example:";
const TSC = join(REPO, "node_modules/typescript/bin/tsc");

function blockAfter(path: string, marker: string): string {
  const doc = readFileSync(path, "utf8");
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`${path}: no "${marker}" marker`);
  const m = /```ts\n([\s\S]*?)\n```/u.exec(doc.slice(at));
  if (!m) throw new Error(`${path}: no \`\`\`ts block after the marker`);
  return `${m[1]}\n`;
}

/**
 * The ```ts block after the library-example marker in docs/library.md.
 *
 * @example
 * libraryExample().startsWith("import"); // true
 */
export function libraryExample(): string {
  return blockAfter(LIBRARY_DOC, MARKER);
}

/** docs/library.md's drafting example (draftFromEdit; it reads 締結.txt from the working folder). */
export function libraryDraftExample(): string {
  return blockAfter(LIBRARY_DOC, DRAFT_MARKER);
}

/** The README's short library example (it reads 締結.txt and 変更.txt from the working folder). */
export function readmeExample(): string {
  return blockAfter(README, README_MARKER);
}

/**
 * The two texts docs/library.md's example holds inline (`const concluded`, `const amendment`),
 * as the README's example reads them from files.
 */
export function exampleTexts(): { readonly "締結.txt": string; readonly "変更.txt": string } {
  const code = libraryExample();
  const text = (name: string): string => {
    const m = new RegExp(`const ${name} = \`([^\`]*)\`;`, "u").exec(code);
    if (!m) throw new Error(`docs/library.md: no \`const ${name} = \`…\`\` in the example`);
    return m[1]!;
  };
  return { "締結.txt": text("concluded"), "変更.txt": text("amendment") };
}

/**
 * Write a consumer project in `dir`: each source (by default `index.ts`, the doc's example) and a
 * strict tsconfig that compiles them all.
 */
export function writeConsumer(dir: string, sources: Readonly<Record<string, string>> = { "index.ts": libraryExample() }): void {
  for (const [file, code] of Object.entries(sources)) writeFileSync(join(dir, file), code);
  const compilerOptions = {
    target: "ES2022", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", strict: true,
    // The strictest flags a consumer may use beside strict: passing `asOf(…).document` (possibly
    // undefined) as an optional option must still type-check.
    exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true,
    skipLibCheck: false, outDir: "out", types: ["node"],
  };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify({ compilerOptions, files: Object.keys(sources) }, null, 2)}\n`);
}

function run(command: string, args: readonly string[], cwd: string, timeout = 120_000): RunResult {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout, env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Type-check and compile the consumer in `dir` (tsc -p). */
export function compileConsumer(dir: string): RunResult {
  return run(process.execPath, [TSC, "-p", dir], dir);
}

/**
 * Compile the consumer in `dir` without type-checking it (pack.e2e.test.ts type-checks the same
 * code strictly against the installed packages): out/index.js, ESM.
 */
export function transpileConsumer(dir: string, file = "index.ts"): void {
  const out = ts.transpileModule(readFileSync(join(dir, file), "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
    reportDiagnostics: true,
  });
  if (out.diagnostics !== undefined && out.diagnostics.length > 0) {
    throw new Error(out.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"));
  }
  mkdirSync(join(dir, "out"), { recursive: true });
  writeFileSync(join(dir, "out", file.replace(/\.ts$/u, ".js")), out.outputText);
}

/** Run a compiled example in `dir` (it creates kyoyaku.db there). */
export function runConsumer(dir: string, file = "index.js"): RunResult {
  return run(process.execPath, [join(dir, "out", file)], dir);
}

/**
 * The lines docs/library.md shows under "It prints" (its ```text block after the example), each
 * cut at its 「…」 into the pieces that must appear as printed.
 *
 * @example
 * docOutputPieces().flat().includes("true 1 2"); // true
 */
export function docOutputPieces(): string[][] {
  const doc = readFileSync(LIBRARY_DOC, "utf8");
  const at = doc.indexOf("It prints");
  const m = at < 0 ? null : /```text\n([\s\S]*?)\n```/u.exec(doc.slice(at));
  if (!m) throw new Error(`${LIBRARY_DOC}: no \`\`\`text block after "It prints"`);
  return m[1]!.split("\n").map((line) => line.split("…").map((piece) => piece.trim()).filter((piece) => piece !== "")).filter((pieces) => pieces.length > 0);
}

/** What the README's example must print: the 新旧対照表 of the amendment and a clean verify. */
export const README_OUTPUT: readonly (string | RegExp)[] = [
  "改正前: 令和2年3月31日（2020-03-31） 現在",
  "の経済成長【及び生活関連機能サービスの向",
  /^true$/mu,
];

/** What the example must print: both events recorded, the amended 第1条 in force, the diff, the 新旧対照表, a clean verify. */
export const EXAMPLE_OUTPUT: readonly (string | RegExp)[] = [
  /^#1 conclude \[/mu,
  /^#2 amend \[/mu,
  "2020-04-01 true この協約は、甲及び乙が連携して圏域の経済成長及び生活関連機能サービスの向上を図ることを目的とする。",
  "[ 'replaced article:1/paragraph:1' ]",
  "改正前: 令和2年3月31日（2020-03-31） 現在",
  "の経済成長【及び生活関連機能サービスの向",
  /^true 1 2$/mu,
];

/** What the drafting example must print: the operations, the 改め文 of both edits, the 新旧対照表. */
export const DRAFT_OUTPUT: readonly (string | RegExp)[] = [
  /^replaceText insert$/mu,
  "(案)",
  "第1条中「成長」を「成長及び生活関連機能サービスの向上」に改める。",
  "別表I中「観光振興」の項の次に次のように加える。",
  "令和2年4月1日から適用する",
  "新旧対照表",
];
