import { describe, expect, it } from "vitest";
import { addressLabel, kindLabel, statusLabel } from "./labels.js";

describe("labels", () => {
  it("names event kinds in Japanese with English beside", () => {
    expect(kindLabel("conclude")).toBe("締結 (conclude)");
    expect(kindLabel("amend")).toBe("変更 (amend)");
    expect(kindLabel("baseline")).toBe("現行取込 (baseline)");
    expect(kindLabel("correct")).toBe("訂正 (correct)");
    expect(statusLabel("draft")).toBe("案 (draft)");
  });

  it("reads provision addresses the way a legal text names them", () => {
    expect(addressLabel("article:3")).toBe("第3条");
    expect(addressLabel("article:3/paragraph:2")).toBe("第3条第2項");
    expect(addressLabel("article:3/paragraph:1/item:1")).toBe("第3条第1項第1号");
    expect(addressLabel("appendix:1")).toBe("別表");
    expect(addressLabel("appendix:2/section:I")).toBe("別表第2 I");
    expect(addressLabel("appendix:1/section:II/item:高度な中心拠点の強化")).toBe("別表 II「高度な中心拠点の強化」");
    expect(addressLabel("appendix:1/section:II/item:a%2Fb/field:取組内容")).toBe("別表 II「a/b」 取組内容");
    expect(addressLabel("preamble")).toBe("前文");
    expect(addressLabel("supplementary/paragraph:1")).toBe("附則第1項");
  });
});
