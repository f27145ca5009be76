/**
 * scripts/test-machine.mjs, the first step of the README's test command: it finds the browser
 * without a hard-coded path, installs Debian's chromium and fonts-noto-cjk when it runs as root
 * with apt-get, and otherwise stops with the one command to run. Driven here on a PATH made of
 * stand-in programs (apt-get, fc-list, chromium) in a temporary folder, so no test installs anything.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findChromium, setUp } from "../../scripts/test-machine.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder to use as the whole PATH, with the named stand-ins (shell scripts) in it. */
function fakePath(programs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "kyoyaku-machine-"));
  dirs.push(dir);
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const FONT = 'echo "Noto Sans CJK JP"';
const NO_FONT = "exit 0";

function run(env: NodeJS.ProcessEnv, root: boolean): { code: number; log: string[] } {
  const log: string[] = [];
  const code = setUp({ env, root, log: (l) => log.push(l) });
  return { code, log };
}

describe("findChromium", () => {
  it("Given chromium-browser only, When found, Then its path on PATH is used", () => {
    const dir = fakePath({ "chromium-browser": "exit 0" });
    expect(findChromium({ PATH: dir })).toEqual({ path: join(dir, "chromium-browser") });
  });

  it("Given chromium and google-chrome both, When found, Then chromium comes first", () => {
    const dir = fakePath({ chromium: "exit 0", "google-chrome": "exit 0" });
    expect(findChromium({ PATH: dir }).path).toBe(join(dir, "chromium"));
  });

  it("Given KYOYAKU_CHROMIUM, When found, Then it wins over PATH, and a path that cannot run is an error naming it", () => {
    const dir = fakePath({ chromium: "exit 0", "my-chrome": "exit 0" });
    expect(findChromium({ PATH: dir, KYOYAKU_CHROMIUM: join(dir, "my-chrome") }).path).toBe(join(dir, "my-chrome"));
    expect(findChromium({ PATH: dir, KYOYAKU_CHROMIUM: join(dir, "nope") }).error).toContain(`KYOYAKU_CHROMIUM=${join(dir, "nope")}`);
  });

  it("Given no browser anywhere, When found, Then the error names every place looked", () => {
    const error = findChromium({ PATH: fakePath({}) }).error ?? "";
    for (const name of ["KYOYAKU_CHROMIUM", "chromium", "chromium-browser", "google-chrome"]) expect(error).toContain(name);
  });
});

describe("setUp", () => {
  it("Given a browser and a Japanese font, When set up, Then it says nothing and succeeds", () => {
    expect(run({ PATH: fakePath({ chromium: "exit 0", "fc-list": FONT }) }, false)).toEqual({ code: 0, log: [] });
  });

  it("Given root with apt-get and nothing installed, When set up, Then apt-get installs chromium and fonts-noto-cjk and the check passes", () => {
    const dir = fakePath({});
    const calls = join(dir, "calls");
    // The stand-in apt-get records its arguments and, on install, puts a chromium and a font on PATH.
    writeFileSync(join(dir, "apt-get"), `#!/bin/sh\necho "$@" >> ${calls}\n[ "$1" = install ] && printf '#!/bin/sh\\n' > ${dir}/chromium && /bin/chmod +x ${dir}/chromium && printf '#!/bin/sh\\n${FONT}\\n' > ${dir}/fc-list && /bin/chmod +x ${dir}/fc-list\nexit 0\n`);
    chmodSync(join(dir, "apt-get"), 0o755);
    writeFileSync(join(dir, "fc-list"), `#!/bin/sh\n${NO_FONT}\n`);
    chmodSync(join(dir, "fc-list"), 0o755);
    const { code, log } = run({ PATH: dir }, true);
    expect(code).toBe(0);
    expect(readFileSync(calls, "utf8").trim().split("\n")).toEqual(["update -qq", "install -y -qq chromium fonts-noto-cjk"]);
    expect(log.join("\n")).toContain("apt-get install chromium fonts-noto-cjk を実行します");
  });

  it("Given no root, When set up on a Debian machine without a browser, Then it stops at once with the one command to run, and apt-get is not called", () => {
    const dir = fakePath({ "apt-get": "echo called > /dev/stderr; exit 9", "fc-list": NO_FONT });
    const { code, log } = run({ PATH: dir }, false);
    expect(code).toBe(1);
    expect(log.at(-1)).toBe("次を実行してください: sudo apt-get install -y chromium fonts-noto-cjk");
    expect(log[0]).toContain("Chromium が見つかりません");
    expect(log[0]).toContain("日本語フォントがありません");
  });

  it("Given root but apt-get failing (no network), When set up, Then it fails and names the command", () => {
    const { code, log } = run({ PATH: fakePath({ "apt-get": "exit 100", "fc-list": FONT }) }, true);
    expect(code).toBe(1);
    expect(log.at(-1)).toContain("apt-get update が失敗しました（終了コード 100）");
    expect(log.at(-1)).toContain("sudo apt-get install -y chromium fonts-noto-cjk");
  });

  it("Given a machine without apt-get, When set up, Then it says what to install and to set KYOYAKU_CHROMIUM", () => {
    const { code, log } = run({ PATH: fakePath({ "fc-list": NO_FONT }) }, true);
    expect(code).toBe(1);
    expect(log.at(-1)).toContain("KYOYAKU_CHROMIUM=/path/to/chromium");
  });
});
