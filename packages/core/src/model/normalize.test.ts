import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize.js";

describe("normalizeText", () => {
  const table: [string, string][] = [
    ["岡 山 市", "岡山市"],
    ["備 前 市  ", "備前市"],
    ["E S Dによる人づくり", "ESDによる人づくり"],
    ["ＥＳＤ", "ESD"],
    ["第３条", "第3条"],
    ["Ⅱ", "II"],
    ["Ⅲ　圏域全体", "III圏域全体"],
    ["### III 圏域全体，の", "III圏域全体、の"],
    ["# 連携中枢都市圏形成に係る変更連携協約書", "連携中枢都市圏形成に係る変更連携協約書"],
    ["- 1 この協約は、令和7年4月1日から適用する。", "1この協約は、令和7年4月1日から適用する。"],
    ["甲,乙", "甲、乙"],
    ["（目的）", "(目的)"],
    ["取組内容\t\t", "取組内容"],
    ["a\n- b\n###  c", "abc"],
  ];
  it.each(table)("Given %j, Then it normalises to %j", (text, out) => {
    expect(normalizeText(text)).toBe(out);
  });

  it("keeps what only looks like Markdown", () => {
    expect(normalizeText("#1")).toBe("#1");
    expect(normalizeText("-1")).toBe("-1");
    expect(normalizeText("甲 - 乙")).toBe("甲-乙");
  });

  it("is idempotent", () => {
    for (const [text] of table) expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
  });
});
