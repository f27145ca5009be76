import { describe, expect, it } from "vitest";
import { progressGuard } from "./progress.js";

describe("progressGuard", () => {
  it("lets an index that moves forward pass and throws, naming the loop and the place, when it stands still or goes back", () => {
    const turn = progressGuard("readX");
    expect(() => { turn(0); turn(1); turn(5); }).not.toThrow();
    expect(() => turn(5, "line 9")).toThrow("readX: no progress at line 9");
    const back = progressGuard("readY");
    back(3);
    expect(() => back(2)).toThrow("readY: no progress at index 2");
  });
});
