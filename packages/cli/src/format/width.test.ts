import { describe, expect, it } from "vitest";
import { displayWidth, padEnd, table, wrap } from "./width.js";

describe("displayWidth", () => {
  it("counts CJK and full-width characters as two columns", () => {
    expect(displayWidth("第1条")).toBe(5);
    expect(displayWidth("（目的）")).toBe(8);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("")).toBe(0);
  });
});

describe("padEnd and table", () => {
  it("pads by display width", () => {
    expect(padEnd("締結", 6)).toBe("締結  ");
    expect(padEnd("toolong", 3)).toBe("toolong");
  });

  it("aligns mixed-width columns and does not pad the last", () => {
    expect(table([["seq", "種別", "x"], ["12", "締結", "y"]])).toBe("seq  種別  x\n12   締結  y");
  });
});

describe("wrap", () => {
  it("breaks Latin text at spaces", () => {
    expect(wrap("aaa bbb ccc", 7)).toBe("aaa bbb\nccc");
  });
  it("breaks Japanese text between characters, within the width", () => {
    const lines = wrap("あいうえおかきくけこ", 8).split("\n");
    expect(lines).toEqual(["あいうえ", "おかきく", "けこ"]);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(8);
  });
  it("never starts a line with a closing mark (行頭禁則): the character before it moves down", () => {
    expect(wrap("あいうえ。かきく", 8)).toBe("あいう\nえ。かき\nく");
    expect(wrap("（あいう）", 8)).toBe("（あい\nう）");
    expect(wrap("あいうえお: か", 10)).toBe("あいうえ\nお: か");
  });
  it("does not cut a Latin word inside Japanese text: it moves down whole", () => {
    expect(wrap("あいうえ、--agree でか", 14)).toBe("あいうえ、\n--agree でか");
  });
  it("keeps existing line breaks", () => {
    expect(wrap("a\nb", 10)).toBe("a\nb");
  });
});
