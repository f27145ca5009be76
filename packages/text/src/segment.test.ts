import { describe, expect, it } from "vitest";
import { looksExtracted, segmentText, tidy } from "./segment.js";

const ONE = "連携協約書 平成28年10月11日 岡山市 和気町 岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。 （目的） 第1条 甲及び乙は、次に掲げる事務を行う。 （1） 企画 （2） 調整 2 前項の事務は、甲が行う。 （費用） 第2条 費用は、協議して定める。 この連携協約の締結を証するため、本書2通を作成する。 平成28年10月11日 甲 岡山市北区大供一丁目1番1号 岡山市 岡山市長 大森 雅夫 乙 和気郡和気町尺所555番地 和気町 和気町長 大森直徳";

describe("segmentText", () => {
  it("cuts a one-line agreement into the lines the readers expect", () => {
    const r = segmentText(ONE);
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => l.text)).toEqual([
      "連携協約書", "平成28年10月11日", "岡山市", "和気町",
      "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。",
      "（目的）", "第1条 甲及び乙は、次に掲げる事務を行う。", "（1）企画", "（2）調整", "2 前項の事務は、甲が行う。",
      "（費用）", "第2条 費用は、協議して定める。",
      "この連携協約の締結を証するため、本書2通を作成する。", "平成28年10月11日",
      "甲 岡山市北区大供一丁目1番1号", "岡山市", "岡山市長", "大森 雅夫",
      "乙 和気郡和気町尺所555番地", "和気町", "和気町長", "大森直徳",
    ]);
    expect(r.lines.every((l) => l.no === 1)).toBe(true);
  });
  it("ends a closing written 「…の証として」 at its own 。 — it once looked for 「を証するため」, found the first 。 of the text and looped for ever", () => {
    const r = segmentText(ONE.replace("この連携協約の締結を証するため", "本協約締結の証として"));
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => l.text).slice(12, 15)).toEqual(["本協約締結の証として、本書2通を作成する。", "平成28年10月11日", "甲 岡山市北区大供一丁目1番1号"]);
  });
  it("locates a refusal by line and column", () => {
    const t = `x\n${ONE.replace("第2条", "第3条")}`;
    expect(segmentText(t).problems.map((p) => [p.code, p.line, p.column])).toEqual([["segment.article-order", 2, t.split("\n")[1]!.indexOf("第3条") + 1]]);
  });
});

describe("looksExtracted and tidy", () => {
  it("tells an extraction from a text in lines", () => {
    expect(looksExtracted(ONE)).toBe(true);
    expect(looksExtracted(ONE.replace(/ (?=（|第|この|甲 |乙 )/gu, "\n"))).toBe(false);
  });
  it("drops blanks between CJK characters only", () => {
    expect(tidy(" 定住自 立圏  E  S D ")).toBe("定住自立圏 E S D");
  });
});
