// Messages shown to a 法規担当 are in Japanese (the code stays English): every issue the parser
// gives for the 改め文, 附則 and structure mistakes a person makes is checked here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const AMEND = read("amendments/02_replace_text.txt");
const SEED = read("seeds/000_0d517b853e764d1a.txt");
const SENTENCE = "第５条中「毎年度」を「毎年度１回以上」に改める。";
const SUPP = "この協約は、令和7年4月1日から適用する。";
const ENGLISH = /\b(?:expected|cannot|line \d+|is not|does not|missing|refused|the text|numbering)\b/u;

describe("parser messages are Japanese", () => {
  const cases: [string, string][] = [
    ["quote missing (OCR lost 「)", AMEND.replace(SENTENCE, "第５条中毎年度を「毎年度1回以上」に改める。")],
    ["quote unbalanced", AMEND.replace(SENTENCE, "第５条中「毎年度を「毎年度1回以上」に改める。")],
    ["verb unknown", AMEND.replace(SENTENCE, "第５条中「毎年度」を「毎年度1回以上」に変える。")],
    ["削る misspelt", AMEND.replace(SENTENCE, "第５条中「毎年度」を削除する。")],
    ["two sentences on a line", AMEND.replace(SENTENCE, `${SENTENCE}第3条中「別表」を「別表第1」に改める。`)],
    ["附則 with a date in no form", AMEND.replace(SUPP, "この協約は、令和7年4月1日以後に開催する会議について適用する。")],
    ["ただし書 naming an untouched provision", AMEND.replace(SUPP, `${SUPP}ただし、第3条の改正規定は、令和7年10月1日から適用する。`)],
    ["ただし書 naming nothing readable", AMEND.replace(SUPP, `${SUPP}ただし、会議に関する改正規定は、令和7年10月1日から適用する。`)],
    ["附則 date unreadable", AMEND.replace(SUPP, "この協約は、令和7年13月1日から適用する。")],
    ["no enacting sentence", AMEND.replace(/^.*次のとおり変更する。$/mu, "")],
    ["article gap", SEED.replace(/\n（費用分担）\n\n第4条[^\n]*\n/u, "\n")],
    ["roles not stated (no 署名欄, no 前文)", AMEND.slice(0, AMEND.indexOf(SUPP) + SUPP.length)],
    ["an ordinance", read("bad/ordinance.txt")],
    ["an empty file", "  \n"],
    ["the 。 at the end lost", AMEND.replace(SENTENCE, SENTENCE.slice(0, -1))],
    ["nothing readable after the provision", AMEND.replace(SENTENCE, "第５条について「毎年度」を「毎年度１回以上」に改める。")],
  ];
  it.each(cases)("%s", (_, text) => {
    const r = parseText(text, { file: "x.txt" });
    const shown = r.issues.filter((i) => i.severity !== "info");
    expect(shown.length).toBeGreaterThan(0);
    for (const i of shown) {
      expect(i.message, `${i.code}: ${i.message}`).toMatch(/[\u3040-\u30ff]/u);
      expect(i.message, `${i.code}: ${i.message}`).not.toMatch(ENGLISH);
      expect(i.location.line, i.code).toBeTypeOf("number");
    }
  });
});
