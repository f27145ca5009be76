import { describe, expect, it } from "vitest";
import { kindLabel, statusLabel } from "./labels.js";

describe("labels", () => {
  it("names event kinds in Japanese with English beside", () => {
    expect(kindLabel("conclude")).toBe("締結 (conclude)");
    expect(kindLabel("amend")).toBe("変更 (amend)");
    expect(kindLabel("baseline")).toBe("現行取込 (baseline)");
    expect(kindLabel("correct")).toBe("訂正 (correct)");
    expect(statusLabel("draft")).toBe("案 (draft)");
    expect(statusLabel("retracted")).toBe("撤回 (retracted)");
  });
});
