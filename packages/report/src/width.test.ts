import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayWidth, wrapLine } from "./width.js";

const NO_START = [..."、。，．）」』】〕〉》］｝・：；？！"];

describe("wrapLine", () => {
  it("Given a 。 that would begin a line, When wrapping, Then the character before is carried down with it", () => {
    expect(wrapLine("あいう。え", 6)).toEqual(["あい", "う。え"]);
  });

  it("Given 」。 after the break, When wrapping, Then both are carried down with the character before them", () => {
    expect(wrapLine("あい「う」。お", 10)).toEqual(["あい「", "う」。お"]);
  });

  it("Given only forbidden characters, When wrapping, Then it still wraps (nothing to carry)", () => {
    expect(wrapLine("。。。", 2)).toEqual(["。", "。", "。"]);
  });

  it("keeps every character, in order, and starts no wrapped line with a closing mark when one can be avoided", () => {
    const ch = fc.constantFrom(..."あ条第1項い、。）」「の".split(""));
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 60 }), fc.integer({ min: 8, max: 40 }), (chars, width) => {
        const text = chars.join("");
        const lines = wrapLine(text, width);
        expect(lines.join("")).toBe(text);
        lines.slice(1).forEach((l, i) => {
          const prev = lines[i]!;
          // A forbidden start is allowed only when the line before is all forbidden characters.
          if (NO_START.includes([...l][0]!)) expect([...prev].every((c) => NO_START.includes(c))).toBe(true);
        });
        // Carrying down never grows a line by more than the run it carries.
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width + 2 * [...l].filter((c) => NO_START.includes(c)).length + 2);
      }),
    );
  });
});
