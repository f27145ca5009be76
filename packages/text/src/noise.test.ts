import { describe, expect, it } from "vitest";
import { splitLines } from "./lines.js";
import { takeAnnotations } from "./noise.js";

describe("takeAnnotations", () => {
  it("blanks noise lines, cuts inline notes and keeps each with its line", () => {
    const r = takeAnnotations(splitLines("○岡山市協約\n平成28年10月11日告示第123号\n第1条 甲は、行う。（令2協約1・一部改正）\n\n沿革\n平成29年3月31日 一部改正"));
    expect(r.lines.map((l) => l.text)).toEqual(["岡山市協約", "", "第1条 甲は、行う。", "", "", ""]);
    expect(r.annotations).toEqual([
      { kind: "記号", text: "○", line: 1 }, { kind: "告示番号", text: "平成28年10月11日告示第123号", line: 2 },
      { kind: "改正注記", text: "（令2協約1・一部改正）", line: 3 }, { kind: "沿革", text: "沿革", line: 5 }, { kind: "沿革", text: "平成29年3月31日 一部改正", line: 6 },
    ]);
  });
  it("gives back the same lines when there is no noise", () => {
    const lines = splitLines("連携協約書\n（目的）\n第1条 甲は、行う。");
    expect(takeAnnotations(lines).lines).toBe(lines);
  });
});
