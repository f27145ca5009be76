import { describe, expect, it } from "vitest";
import { memoryIo } from "../io.js";
import { terminalSafe } from "./escape.js";
import { styleFor } from "./style.js";

describe("styleFor", () => {
  it("colours only a terminal without NO_COLOR", () => {
    const tty = memoryIo({ tty: true });
    expect(terminalSafe(styleFor(tty, tty.stdout).bold("x"))).toBe("\u001b[1mx\u001b[22m");
    const pipe = memoryIo({ tty: false });
    expect(styleFor(pipe, pipe.stdout).bold("x")).toBe("x");
    const noColor = memoryIo({ tty: true, env: { NO_COLOR: "1" } });
    expect(styleFor(noColor, noColor.stdout).enabled).toBe(false);
    const dumb = memoryIo({ tty: true, env: { TERM: "dumb" } });
    expect(styleFor(dumb, dumb.stdout).red("x")).toBe("x");
  });
});
