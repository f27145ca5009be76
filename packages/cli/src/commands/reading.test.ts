import { describe, expect, it } from "vitest";
import { readingLine } from "./import.js";

describe("readingLine (the dry-run listing)", () => {
  it("names a 通告 letter as a 通告, not a 締結, and does not call the recorded text 効力なし", () => {
    expect(readingLine({ line: 1, lastLine: 12, text: "…協定の廃止について（通告）", as: { kind: "part", part: "notice-letter" } }))
      .toBe("   1  …協定の廃止について（通告）（〜12行目）  → 通告書の全文（通告）");
    expect(readingLine({ line: 1, lastLine: 40, text: "連携協約書", as: { kind: "part", part: "document" } }))
      .toBe("   1  連携協約書（〜40行目）  → 協約書の全文（締結）");
  });
  it("keeps 効力なし on the non-operative parts", () => {
    expect(readingLine({ line: 10, lastLine: 10, text: "…を次のとおり変更する。", as: { kind: "part", part: "enacting" } }))
      .toBe("  10  …を次のとおり変更する。  → 制定文（効力なし）");
  });
});
