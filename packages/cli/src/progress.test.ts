import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { safeIo } from "./format/escape.js";
import { memoryIo } from "./io.js";
import { main } from "./main.js";
import { Progress } from "./progress.js";

const seeds = fileURLToPath(new URL("../assets/seeds/", import.meta.url));

describe("Progress", () => {
  it("draws on a terminal stderr only when there are several items", () => {
    const tty = memoryIo({ tty: true });
    const p = new Progress(safeIo(tty), 4);
    expect(p.enabled).toBe(true);
    p.update(2, "b.txt");
    expect(tty.err()).toBe("\r\u001b[K[############------------] 2/4 b.txt");
    p.clear();
    expect(tty.err().endsWith("\r\u001b[K")).toBe(true);
    expect(new Progress(memoryIo({ tty: true }), 1).enabled).toBe(false);
    expect(new Progress(memoryIo({ tty: false }), 5).enabled).toBe(false);
    expect(new Progress(memoryIo({ tty: true }), 5, false).enabled).toBe(false);
  });

  it("shortens a long label from the left to fit the terminal", () => {
    const io = memoryIo({ tty: true });
    const p = new Progress(safeIo(io), 2);
    p.update(0, `${"長い名前".repeat(30)}.txt`);
    const line = io.err().replace("\r\u001b[K", "");
    expect(line).toMatch(/\] 0\/2 ….*\.txt$/u);
  });
});

describe("import with a terminal", () => {
  it("shows the bar on stderr while importing several files, and erases it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-progress-"));
    for (const f of ["000_0d517b853e764d1a.txt", "001_6d3949d91c26715e.txt"]) copyFileSync(join(seeds, f), join(dir, f));
    expect(await main(["init"], memoryIo({ cwd: dir }))).toBe(0);
    const io = memoryIo({ cwd: dir, tty: true, env: { NO_COLOR: "1" } });
    const code = await main(["import", "000_0d517b853e764d1a.txt", "001_6d3949d91c26715e.txt"], io);
    expect(code, io.err()).toBe(0);
    expect(io.err()).toContain("] 0/2 000_0d517b853e764d1a.txt");
    expect(io.err()).toContain("] 1/2 001_6d3949d91c26715e.txt");
    expect(io.err().endsWith("\r\u001b[K")).toBe(true);
    expect(io.out()).toContain("2件中 記録 2件、記録済み 0件、失敗 0件");
    // NO_COLOR: no escape sequences in stdout even on a terminal.
    expect(io.out()).not.toContain("\u001b[");
  });
});
