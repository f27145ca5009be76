#!/usr/bin/env node
/**
 * What the test suite needs from the machine beyond Node and the registries, found or set up
 * before any test runs (the README's test command and .ci/run call it through `pnpm test`):
 * Node ≥ 20.19, a Chromium for the browser tests (playwright-core drives it; no browser is
 * downloaded) and a Japanese font, so the pages those tests look at are the pages a user sees.
 *
 * Where it can, it installs what is missing (Debian's `chromium` and `fonts-noto-cjk` through
 * apt-get, when run as root); otherwise it stops at once and prints the one command to run.
 * Imported by the browser tests (findChromium), run directly as the `pretest` step.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** The variable that names a browser executable explicitly. */
export const CHROMIUM_ENV = "KYOYAKU_CHROMIUM";
/** Names a Chromium goes by on PATH, in the order they are tried. */
export const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
/** Debian's packages for the browser tests. */
export const APT_PACKAGES = ["chromium", "fonts-noto-cjk"];
const NODE_MIN = [20, 19];

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first executable `name` on `PATH`, or undefined. */
export function onPath(name, env = process.env) {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir !== "" && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * The Chromium to drive: $KYOYAKU_CHROMIUM when set (it must be executable), else the first of
 * chromium, chromium-browser, google-chrome, google-chrome-stable on PATH.
 *
 * @example
 * findChromium({ PATH: "/usr/bin" }); // { path: "/usr/bin/chromium" } on Debian with chromium installed
 * findChromium({ KYOYAKU_CHROMIUM: "/nope" }); // { error: "KYOYAKU_CHROMIUM=/nope は実行できるファイルではありません" }
 */
export function findChromium(env = process.env) {
  const named = env[CHROMIUM_ENV];
  if (named !== undefined && named !== "") {
    return executable(named) ? { path: named } : { error: `${CHROMIUM_ENV}=${named} は実行できるファイルではありません` };
  }
  for (const name of CHROMIUM_NAMES) {
    const path = onPath(name, env);
    if (path !== undefined) return { path };
  }
  return { error: `Chromium が見つかりません（${CHROMIUM_ENV} が未設定で、PATH に ${CHROMIUM_NAMES.join("、")} のいずれもない）` };
}

/** Whether fontconfig knows a font with Japanese glyphs (false without fontconfig). */
export function hasJapaneseFont(env = process.env) {
  const r = spawnSync("fc-list", [":lang=ja", "family"], { encoding: "utf8", env });
  return r.status === 0 && r.stdout.trim() !== "";
}

/** The one command that gets the missing pieces, for a person to run. */
export function setupCommand(env = process.env) {
  if (env[CHROMIUM_ENV] !== undefined && env[CHROMIUM_ENV] !== "" && findChromium(env).error !== undefined) {
    return `export ${CHROMIUM_ENV}=<実行できる Chromium のパス>（または unset ${CHROMIUM_ENV}）`;
  }
  if (onPath("apt-get", env) === undefined) {
    return `Chromium と日本語フォント（例: Noto Sans CJK JP）を入れ、${CHROMIUM_ENV}=/path/to/chromium を設定する`;
  }
  return `sudo apt-get install -y ${APT_PACKAGES.join(" ")}`;
}

/** What is missing, as lines for a person (empty when the machine is ready). */
export function missing(env = process.env) {
  const out = [];
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < NODE_MIN[0] || (major === NODE_MIN[0] && minor < NODE_MIN[1])) {
    out.push(`Node ${NODE_MIN.join(".")} 以上が必要です（この Node は ${process.versions.node}）`);
  }
  const chromium = findChromium(env);
  if (chromium.error !== undefined) out.push(chromium.error);
  if (!hasJapaneseFont(env)) out.push("日本語フォントがありません（fc-list :lang=ja が空）");
  return out;
}

/**
 * Check the machine and install what is missing where it can (as root with apt-get, and no
 * $KYOYAKU_CHROMIUM to honour); otherwise print what is missing and the one command to run.
 * Returns the exit code: 0 when the machine is ready.
 *
 * @example
 * setUp(); // 0 on a machine with chromium and fonts-noto-cjk, silently
 */
export function setUp({ env = process.env, root = process.getuid?.() === 0, log = console.error } = {}) {
  let problems = missing(env);
  if (problems.length === 0) return 0;
  const nodeOnly = problems.every((p) => p.startsWith("Node "));
  if (!nodeOnly && root && onPath("apt-get", env) !== undefined && env[CHROMIUM_ENV] === undefined) {
    log(`テスト環境: ${problems.join("。")}。apt-get install ${APT_PACKAGES.join(" ")} を実行します`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...APT_PACKAGES]]) {
      const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: aptEnv });
      if (r.status !== 0) {
        log(`テスト環境: apt-get ${args[0]} が失敗しました（終了コード ${r.status ?? r.signal}）。次を実行してください: ${setupCommand(env)}`);
        return 1;
      }
    }
    problems = missing(env);
    if (problems.length === 0) return 0;
  }
  log(`テスト環境が整っていません: ${problems.join("。")}。`);
  if (!nodeOnly) log(`次を実行してください: ${setupCommand(env)}`);
  return 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = setUp();
