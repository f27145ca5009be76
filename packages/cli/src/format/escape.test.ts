import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../io.js";
import { escapeControls, own, safeIo, terminalSafe } from "./escape.js";
import { styleFor } from "./style.js";

describe("escapeControls", () => {
  it("Given the red-team's sequences, Then each control is shown as \\uHHHH and the rest kept", () => {
    expect(escapeControls("協約\u001b]0;owned\u0007")).toBe("協約\\u001b]0;owned\\u0007");
    expect(escapeControls("\u001b[8m隠す\u001b[0m")).toBe("\\u001b[8m隠す\\u001b[0m");
    expect(escapeControls("a\u009bb\u007fc\u0000")).toBe("a\\u009bb\\u007fc\\u0000");
    expect(escapeControls("上書き\r偽")).toBe("上書き\\u000d偽");
    expect(escapeControls("abc\u202edcba")).toBe("abc\\u202edcba");
  });

  it("Given tab, line feed and CR LF, Then they are kept", () => {
    expect(escapeControls("第1条\t甲\r\n乙\n")).toBe("第1条\t甲\r\n乙\n");
  });

  it("Given any string, Then the escaped one has no control character but tab, LF and CR before LF", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        // eslint-disable-next-line no-control-regex
        expect(escapeControls(s)).not.toMatch(/[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/u);
      }),
      { numRuns: 200 },
    );
  });
});

describe("terminalSafe", () => {
  it("Given the CLI's own colour around text with an ESC in it, Then the colour is written and the ESC of the text escaped", () => {
    const tty = memoryIo({ tty: true });
    const red = styleFor(tty, tty.stdout).red;
    expect(terminalSafe(red("題名\u001b]0;x\u0007"))).toBe("\u001b[31m題名\\u001b]0;x\\u0007\u001b[39m");
    expect(terminalSafe(`${own("\r\u001b[K")}ok`)).toBe("\r\u001b[Kok");
  });

  it("Given a stream wrapped by safeIo, When a file name with ESC is written, Then the stream gets it escaped", () => {
    const io = memoryIo();
    safeIo(io).stderr.write("kyoyaku import: \u001b[8mhidden.txt: no such file\n");
    expect(io.err()).toBe("kyoyaku import: \\u001b[8mhidden.txt: no such file\n");
  });
});

describe("--json output", () => {
  it("Given JSON with a raw C1 or bidi character in a string, When made terminal-safe, Then it is still JSON with the same value", () => {
    const value = { title: "協約\u009b8m\u202e逆" };
    const safe = terminalSafe(JSON.stringify(value));
    expect(safe).not.toMatch(/[\u0080-\u009f\u202e]/u);
    expect(JSON.parse(safe)).toEqual(value);
  });
});
