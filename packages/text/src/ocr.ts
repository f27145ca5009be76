/**
 * OCR damage in structure lines: 「弟3条」「第l条」「第１0条」, 「附 貝リ」, 「別表〔第3条関係〕」.
 * A damaged heading is read as what it must be only when the text proves it (the article
 * numbers around it leave exactly that number), with a warning; otherwise the text is refused
 * at that line. Never a silently wrong numbering, never a heading read as running text.
 *
 * @module
 */
import { report, type Ctx } from "./context.js";
import { normalizeLine, type Line } from "./lines.js";
import { isSupplementaryHeading, matchAppendixHeading, matchArticle } from "./structure.js";

// A heading-shaped line: 第 (or 弟, 笫, 茅) + a number with OCR look-alikes + 条 (or 粂, 朶) + a blank.
const DAMAGED_ARTICLE = /^([第弟笫茅])[ \u3000]*([^ \u3000\t条粂朶「」、。]{1,4}?)[ \u3000]*([条粂朶])((?:の[0-9０-９]+)?)(?:[ \u3000]+(.*))?$/u;
const LOOKALIKE: Readonly<Record<string, string>> = { l: "1", I: "1", "|": "1", ｌ: "1", Ｉ: "1", O: "0", o: "0", Ｏ: "0", ｏ: "0" };
// 則 split by OCR into 貝 + リ (刂 read as a katakana).
const DAMAGED_SUPPLEMENTARY = /^[附付][ \u3000]*(?:貝[リりIJ]|貝\s*[リり]|員[リり])$/u;
// 別表 with brackets OCR turned into others: 〔〕［］【】｛｝ or a 」 for a ）.
const DAMAGED_APPENDIX = /^(別[ \u3000]*表(?:第[0-9０-９]+)?)[ \u3000]*([（(〔［【｛[{])(第[0-9０-９]+条関係)([）)〕］】｝\]}」])$/u;

const readDigits = (s: string): number | undefined => {
  const t = [...s].map((c) => LOOKALIKE[c] ?? c).join("").normalize("NFKC");
  return /^[0-9]+$/u.test(t) ? Number(t) : undefined;
};

const mixedWidth = (s: string): boolean => /[0-9]/u.test(s) && /[０-９]/u.test(s);

function line(l: Line, text: string): Line {
  return { no: l.no, raw: l.raw, text, norm: normalizeLine(text) };
}

/**
 * Find OCR-damaged structure lines: repair those the text proves (with a `parse.ocr-heading`
 * warning), refuse the others (`parse.ocr-heading` error at the line). Mixed-width numbers
 * (「第１0条」) read the same either way and get a `parse.ocr-number` warning. A text without
 * any comes back as the same array; the test per line is one character.
 *
 * @example
 * repairOcr(ctx, splitLines("第1条 …\n第2条 …\n弟3条 …\n第4条 …"))[2]!.text; // "第3条 …" (with a warning)
 */
export function repairOcr(ctx: Ctx, lines: readonly Line[]): readonly Line[] {
  let out: Line[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const c = l.text[0];
    if (c !== "第" && c !== "弟" && c !== "笫" && c !== "茅" && c !== "附" && c !== "付" && c !== "別") continue;
    const t = l.text;
    if (c === "附" || c === "付") {
      if (DAMAGED_SUPPLEMENTARY.test(t)) {
        report(ctx, "warning", "parse.ocr-heading", `「${t}」を附則の見出しとして読みました（「則」が「貝リ」と読み取られた OCR の誤り）。原本で確かめてください`, l.no, { address: "supplementary" });
        (out ??= lines.slice())[i] = line(l, "附則");
      } else if (c === "附" && /^附[ \u3000]*[^ \u3000]{1,3}$/u.test(t) && !isSupplementaryHeading(l)) {
        // A short line starting 附 is a damaged 附則 heading, or nothing kyoyaku can place.
        report(ctx, "error", "parse.ocr-heading", `「${t}」は附則の見出しの形ですが読めません（OCR の誤り?）。原本で確かめて直してください`, l.no, { address: "supplementary" });
      }
      continue;
    }
    if (c === "別") {
      const m = DAMAGED_APPENDIX.exec(t);
      if (m && !(/[（(]/u.test(m[2]!) && /[）)]/u.test(m[4]!))) {
        report(ctx, "warning", "parse.ocr-heading", `別表の見出し「${t}」の括弧を（ ）として読みました（OCR の誤り）`, l.no);
        (out ??= lines.slice())[i] = line(l, `${m[1]}（${m[3]}）`);
      } else if (!m && /^別[ \u3000]*表.{0,12}関係.{0,2}$/u.test(t) && matchAppendixHeading(l) === undefined) {
        report(ctx, "error", "parse.ocr-heading", `「${t}」は別表の見出しの形ですが読めません（括弧が欠けているか OCR の誤り?）。原本で確かめて直してください`, l.no);
      }
      continue;
    }
    const ok = matchArticle(l);
    if (ok) {
      const num = /^第[ \u3000]*([0-9０-９]+)/u.exec(t)?.[1];
      if (num !== undefined && mixedWidth(num)) {
        report(ctx, "warning", "parse.ocr-number", `「${t.slice(0, 12)}」の条番号は全角と半角の数字が混じっています（OCR の誤り?）。第${ok.number}条として読みました`, l.no, { address: `article:${ok.number}` });
      }
      continue;
    }
    const m = DAMAGED_ARTICLE.exec(t);
    if (!m) continue;
    const n = readDigits(m[2]!) ?? readKanji(m[2]!);
    const prev = neighbour(lines, i, -1);
    const next = neighbour(lines, i, +1);
    const proven = n !== undefined && m[4] === "" && (prev === undefined ? n === 1 : n === prev + 1) && (next === undefined || next === n + 1);
    if (!proven) {
      report(ctx, "error", "parse.ocr-heading",
        `「${t.slice(0, 16)}」は条の見出しの形ですが読めません（OCR の誤り?）。前後の条（${label(prev)}・${label(next)}）からも番号が決まらないため、読み取りを中止しました。原本で確かめて直してください`,
        l.no, n !== undefined ? { address: `article:${n}` } : {});
      continue;
    }
    const fixed = `第${n}条${m[5] !== undefined && m[5] !== "" ? ` ${m[5]}` : ""}`;
    report(ctx, "warning", "parse.ocr-heading", `「${t.slice(0, 16)}」の条名を「第${n}条」として読みました（OCR の誤り。前後が${prev !== undefined ? `第${prev}条` : "冒頭"}と${next !== undefined ? `第${next}条` : "末尾"}のため番号が決まります）。原本で確かめてください`, l.no, { address: `article:${n}` });
    (out ??= lines.slice())[i] = line(l, fixed);
  }
  return out ?? lines;
}

const label = (n: number | undefined): string => (n === undefined ? "なし" : Number.isNaN(n) ? "読めない見出し" : `第${n}条`);

const KANJI = "一二三四五六七八九";
function readKanji(s: string): number | undefined {
  if (/^[一二三四五六七八九]$/u.test(s)) return KANJI.indexOf(s) + 1;
  if (s === "十") return 10;
  return undefined;
}

/** The main number of the nearest readable article heading before (-1) or after (+1) line `i`. */
function neighbour(lines: readonly Line[], i: number, step: -1 | 1): number | undefined {
  for (let j = i + step; j >= 0 && j < lines.length; j += step) {
    const a = matchArticle(lines[j]!);
    if (a) return Number(a.number.split("の")[0]);
    // Another damaged heading proves nothing.
    if (DAMAGED_ARTICLE.test(lines[j]!.text)) return Number.NaN;
  }
  return undefined;
}
