/**
 * 改め文: the sentences of a change agreement that say what changes
 * (「第3条中「A」を「B」に改める。」「第5条の次に次の1条を加える。」「別表を次のように改める。」 …),
 * read into clauses on provision targets. Quotes are matched bracket by bracket, so a quote
 * may contain 、。 and nested 「」. Numbers may be in any script (第五条, 第５条, 別表第二, 別表Ⅳ,
 * 次の二項), read by core's one numeral reader; a malformed one (第十十条) refuses the sentence.
 * 見出し are targets of their own (「第5条の見出し中…」「…の見出しを「（X）」に改める」
 * 「…に見出しとして「（X）」を付する」「…の見出しを削る」).
 *
 * @module
 */
import { LOWER_ROMAN_MESSAGE, lowerRoman, NUMBER_CHARS, readNumber, romanLabel } from "./numbers.js";
import { progressGuard } from "./progress.js";

/** What an instruction points at. */
export interface Target {
  /** `caption`: the 見出し of `article` (「第5条の見出し」). */
  readonly kind: "article" | "caption" | "paragraph" | "item" | "appendix" | "section" | "appendixItem" | "supplementary" | "title" | "preamble" | "name";
  /** As written, for messages. */
  readonly written: string;
  readonly article?: string;
  readonly paragraph?: number;
  /** 号 number (its label is resolved later). */
  readonly item?: number;
  readonly appendix?: number;
  /** Section label (ASCII roman) when written. */
  readonly section?: string;
  /** 取組 name as written (「X」の項). */
  readonly itemName?: string;
}

/** One clause of an instruction. */
export type Clause =
  | { readonly kind: "replaceText"; readonly target: Target; readonly from: string; readonly to: string; readonly occurrence?: number }
  | { readonly kind: "deleteText"; readonly target: Target; readonly text: string; readonly occurrence?: number }
  | { readonly kind: "replace"; readonly target: Target }
  | { readonly kind: "delete"; readonly target: Target }
  | { readonly kind: "renumber"; readonly target: Target; readonly to: Target }
  | { readonly kind: "insert"; readonly target: Target; readonly position: "after" | "before" | "end"; readonly unit?: "条" | "項" | "号"; readonly count?: number }
  /**
   * A 見出し set to `caption` (without its parentheses): 「第5条の見出しを「（X）」に改める」
   * (`attach` false: the article has one) or 「第5条に見出しとして「（X）」を付する」 (`attach` true: it has none).
   */
  | { readonly kind: "caption"; readonly target: Target; readonly caption: string; readonly attach: boolean };

/**
 * Why an instruction could not be read, and where in it; `code` when the reason has its own
 * (`amend.numeral-malformed`), else the caller's `amend.unrecognised`.
 */
export interface InstructionError { readonly message: string; readonly at: number; readonly code?: string }

const NUM = `[${NUMBER_CHARS}]+`;
const SP = /[ \u3000]*/uy;
// Lowercase forms (ii, ⅱ) are matched only to be refused with their own message.
const ROMAN = /([IVXⅠ-Ⅻivxⅰ-ⅻＩＶＸｉｖｘ]+)/uy;
// A number in the normalised line (full-width digits are ASCII there); malformed kanji
// numerals (第十十条) still begin an instruction, so that parseInstruction refuses them at their line.
const N = "[0-9〇零一壱二弐三参四五六七八九十拾百千]+";
const STARTS = new RegExp(
  `^(?:第${N}条(?:の${N})*(?:第${N}項)?(?:第${N}号)?(?:中|を|の次|の前|に|の見出し)|同条|同項|別表(?:第${N})?(?:\\([^)]*\\))?[IVXivx]*(?:中|を|の|に)|附則(?:第${N}項)?(?:中|を|の|に)|前文(?:中|を)|題名(?:中|を)|名称(?:中|を))`,
  "u",
);

const re = (src: string): RegExp => new RegExp(src, "uy");
const R_ARTICLE = re(`第(${NUM})条((?:の${NUM})*)`);
const R_PARAGRAPH = re(`第(${NUM})項`);
const R_ITEM = re(`第(${NUM})号`);
const R_APPENDIX = re(`別表(?:第(${NUM}))?(?:[（(]([^）)]*)[）)])?`);
const R_SUPPL = re(`附[ \\u3000]*則(?:第(${NUM})項)?`);
const R_COUNT = re(`(${NUM})(条|項|号)`);

/**
 * True when a normalised line begins like an instruction (a target followed by 中/を/の/に, not
 * 「第3条 …」), whatever script its numbers are written in (第五条, 第５条, 別表第二, 別表Ⅳ).
 *
 * @example
 * startsInstruction("第3条中「A」を「B」に改める。"); // true
 * startsInstruction("第十二条の二中「A」を「B」に改める。"); // true
 * startsInstruction("第3条甲及び乙は"); // false
 */
export function startsInstruction(norm: string): boolean {
  return STARTS.test(norm);
}

/** A 見出し as a 改め文 quotes it, 「（連絡会議）」, without its parentheses; `undefined` when not so written. */
function captionOf(quoted: string): string | undefined {
  const m = /^[（(]([^（()）]+)[）)]$/u.exec(quoted.trim());
  return m ? m[1] : undefined;
}

/**
 * Read a 「…」 quote at `p` with nested brackets; returns the inner text and the index after it.
 *
 * @example
 * readQuote("「A「B」、C。」を", 0); // { text: "A「B」、C。", end: 9 }
 */
export function readQuote(s: string, p: number): { text: string; end: number } | undefined {
  if (s[p] !== "「") return undefined;
  let depth = 0;
  for (let j = p; j < s.length; j++) {
    if (s[j] === "「") depth++;
    else if (s[j] === "」") {
      depth--;
      if (depth === 0) return { text: s.slice(p + 1, j), end: j + 1 };
    }
  }
  return undefined;
}

/**
 * Parse one instruction sentence into clauses.
 *
 * @example
 * parseInstruction("第1条中「A」を「B」に改め、「C」を「D」に改める。");
 * // [{kind:"replaceText",target:{kind:"article",article:"1",…},from:"A",to:"B"}, {…from:"C",to:"D"}]
 */
export function parseInstruction(s: string, previous?: Target): Clause[] | InstructionError {
  let p = 0;
  const clauses: Clause[] = [];
  let last: Target | undefined = previous;
  let scope: Target | undefined;
  const eat = (lit: string): boolean => {
    if (s.startsWith(lit, p)) { p += lit.length; return true; }
    return false;
  };
  const match = (r: RegExp): RegExpExecArray | null => {
    r.lastIndex = p;
    const m = r.exec(s);
    if (m) p = r.lastIndex;
    return m;
  };
  const ws = (): void => { match(SP); };
  const err = (message: string, code?: string): InstructionError => ({ message, at: p, ...(code !== undefined ? { code } : {}) });
  // A malformed numeral met while reading a target: the sentence is refused with it.
  let bad: InstructionError | undefined;
  const num = (raw: string, from: number): number | undefined => {
    const n = readNumber(raw);
    if (n === undefined && bad === undefined) {
      bad = { code: "amend.numeral-malformed", at: from, message: `「${s.slice(from, p)}」の数字「${raw}」は正しい漢数字でないため読めない（十十・三五十・十百千・〇十などは数でなく、番号は1から。例: 十二、二十五、百三）` };
    }
    return n;
  };
  const article = (main: string, branches: string, from: number): string | undefined => {
    const parts = [main, ...branches.split("の").slice(1)].map((x) => num(x, from));
    return parts.some((x) => x === undefined) ? undefined : parts.join("の");
  };
  // 項・号 after a 条 (or 同条, 同項).
  const below = (t0: Target, start: number): Target | undefined => {
    let t = t0;
    if (t.kind === "article") {
      const pm = match(R_PARAGRAPH);
      if (pm) { const n = num(pm[1]!, start); if (n === undefined) return undefined; t = { ...t, kind: "paragraph", paragraph: n }; }
    }
    const im = match(R_ITEM);
    if (im) { const n = num(im[1]!, start); if (n === undefined) return undefined; t = { ...t, kind: "item", paragraph: t.paragraph ?? 1, item: n }; }
    // 「第5条の見出し」「同条の見出し」: the caption of the article itself.
    if (t.kind === "article" && eat("の見出し")) t = { ...t, kind: "caption" };
    return { ...t, written: s.slice(start, p) };
  };

  const readTarget = (): Target | undefined => {
    const start = p;
    if (eat("同条")) {
      if (!last?.article || last.article === "附則") { p = start; return undefined; }
      return below({ kind: "article", written: "", article: last.article }, start);
    }
    if (eat("同項")) {
      if (last?.paragraph === undefined) { p = start; return undefined; }
      return below({ kind: "paragraph", written: "", article: last.article!, paragraph: last.paragraph }, start);
    }
    const am = match(R_ARTICLE);
    if (am) {
      const a = article(am[1]!, am[2]!, start);
      if (a === undefined) return undefined;
      return below({ kind: "article", written: "", article: a }, start);
    }
    const bm = match(R_APPENDIX);
    if (bm) {
      const appendix = bm[1] !== undefined ? num(bm[1], start) : 1;
      if (appendix === undefined) return undefined;
      let t: Target = { kind: "appendix", written: "", appendix };
      const rm = match(ROMAN);
      if (rm) {
        const label = romanLabel(rm[1]!);
        if (label === undefined) {
          bad ??= { code: "amend.numeral-malformed", at: start, message: lowerRoman(rm[1]!) ? LOWER_ROMAN_MESSAGE(s.slice(start, p), rm[1]!) : `「${s.slice(start, p)}」の区分「${rm[1]!}」はローマ数字として読めない（I〜XXXIX: I, II, III, IV, V …）` };
          return undefined;
        }
        t = { ...t, kind: "section", section: label };
      }
      return { ...t, written: s.slice(start, p) };
    }
    const sm = match(R_SUPPL);
    if (sm) {
      if (sm[1] === undefined) return { kind: "supplementary", written: s.slice(start, p) };
      const n = num(sm[1], start);
      if (n === undefined) return undefined;
      return { kind: "paragraph", article: "附則", paragraph: n, written: s.slice(start, p) };
    }
    if (eat("前文")) return { kind: "preamble", written: "前文" };
    if (eat("題名")) return { kind: "title", written: "題名" };
    if (eat("名称")) return { kind: "name", written: "名称" };
    return undefined;
  };

  // After a verb stem: 「、」 continues with another clause; 「る。」/「。」 ends the sentence.
  const verbEnd = (stem: "改め" | "削" | "加え" | "とし" | "付"): "more" | "end" | InstructionError => {
    if (stem === "付") {
      if (eat("し、") || eat("し，")) return "more";
      if (eat("する。")) return "end";
      return err("「付する。」か「付し、」が続くはずの所が読めない");
    }
    if (stem === "削") {
      if (eat("り、") || eat("り，")) return "more";
      if (eat("る。")) return "end";
      return err("「削る。」か「削り、」が続くはずの所が読めない");
    }
    if (stem === "とし") {
      if (eat("し、") || eat("し，")) return "more";
      if (eat("する。")) return "end";
      return err("「とする。」か「とし、」が続くはずの所が読めない");
    }
    if (eat("、") || eat("，")) return "more";
    if (eat("る。")) return "end";
    return err(`「${stem}る。」か「${stem}、」が続くはずの所が読めない（文の終わりの「。」が欠けていないか確かめる）`);
  };

  const count = (): { unit: "条" | "項" | "号"; count: number } | undefined => {
    const from = p;
    const m = match(R_COUNT);
    if (!m) return undefined;
    const n = num(m[1]!, from);
    return n === undefined ? undefined : { unit: m[2] as "条" | "項" | "号", count: n };
  };

  // Clauses about a target (not text edits).
  const afterTarget = (t: Target): "more" | "end" | InstructionError => {
    if (t.kind === "caption") return afterCaption(t);
    // 「第5条に見出しとして「（X）」を付する」
    if (t.kind === "article" && eat("に見出しとして")) {
      const q = readQuote(s, p);
      const caption = q ? captionOf(q.text) : undefined;
      if (!q || caption === undefined) return err("「見出しとして」の後には「（見出し）」と括弧付きで書いた見出しが要る", "amend.caption-unread");
      p = q.end;
      if (!eat("を付")) return err("「を付する。」が続くはずの所が読めない", "amend.caption-unread");
      clauses.push({ kind: "caption", target: { ...t, kind: "caption", written: `${t.written}の見出し` }, caption, attach: true });
      return verbEnd("付");
    }
    if (eat("を次のように改め") || eat("を次のとおり改め")) { clauses.push({ kind: "replace", target: t }); return verbEnd("改め"); }
    if (eat("を削")) { clauses.push({ kind: "delete", target: t }); return verbEnd("削"); }
    for (const [lit, position] of [["の次に", "after"], ["の前に", "before"], ["に", "end"]] as const) {
      const save = p;
      if (!eat(lit)) continue;
      eat("、");
      if (eat("次のように加え") || eat("次のとおり加え")) { clauses.push({ kind: "insert", target: t, position }); return verbEnd("加え"); }
      if (eat("次の")) {
        const c = count();
        if (bad) return bad;
        if (c && eat("を加え")) { clauses.push({ kind: "insert", target: t, position, ...c }); return verbEnd("加え"); }
        return err("「次のN条（項・号）を加える」の形で書かれていない");
      }
      p = save;
    }
    if (eat("を")) {
      const to = readTarget();
      if (bad) return bad;
      if (to && eat("と")) {
        clauses.push({ kind: "renumber", target: t, to });
        return verbEnd("とし");
      }
      return err("「を次のように改める」「を削る」「を第N条とし」のいずれかが続くはずの所が読めない");
    }
    if (eat("中")) { scope = t; return textEdits(t); }
    return err(`「${t.written}」の後が、読める改め文の形（「中「…」を…」「を削る」「の次に次の…を加える」など）でない`);
  };

  // 見出し: 「第5条の見出しを「（X）」に改め」「…の見出しを削る」 (「…の見出し中「A」を…」 is a text edit).
  const afterCaption = (t: Target): "more" | "end" | InstructionError => {
    if (eat("を削")) { clauses.push({ kind: "delete", target: t }); return verbEnd("削"); }
    if (s.startsWith("を「", p)) {
      p += 1;
      const q = readQuote(s, p)!;
      const caption = captionOf(q.text);
      if (caption === undefined) return err(`新しい見出し「${q.text}」は「（見出し）」と括弧付きで書く`, "amend.caption-unread");
      p = q.end;
      if (!eat("に改め")) return err("「に改める」が続くはずの所が読めない", "amend.caption-unread");
      clauses.push({ kind: "caption", target: t, caption, attach: false });
      return verbEnd("改め");
    }
    return err(`「${t.written}」の後に読める形がない（見出しは「…の見出し中「A」を「B」に改める」「…の見出しを「（X）」に改める」「…の見出しを削る」）`, "amend.caption-unread");
  };

  // 「A」を「B」に改め / 「A」を削り / 「X」の項…, in `sc`.
  const textEdits = (sc: Target): "more" | "end" | InstructionError => {
    const occurrence = eat("最初の") ? 1 : undefined;
    const a = readQuote(s, p);
    if (!a) return err("改める・削る文言が「」で囲まれていない（「」が欠けていないか確かめる）");
    p = a.end;
    if (eat("の項")) {
      if (sc.kind !== "section" && sc.kind !== "appendix") return err("「「…」の項」は別表の取組にだけ使える");
      const t: Target = { kind: "appendixItem", written: `${sc.written}中「${a.text}」の項`, appendix: sc.appendix ?? 1, ...(sc.section !== undefined ? { section: sc.section } : {}), itemName: a.text };
      last = t;
      return afterTarget(t);
    }
    if (!eat("を")) return err("「」で囲んだ文言の後に「を」がない（「」が欠けていないか確かめる）");
    if (eat("削")) {
      clauses.push({ kind: "deleteText", target: sc, text: a.text, ...(occurrence ? { occurrence } : {}) });
      return verbEnd("削");
    }
    const b = readQuote(s, p);
    if (!b) return err("「「…」に改める」か「削る」が続くはずの所が読めない");
    p = b.end;
    if (!eat("に")) return err("「に改める」が続くはずの所が読めない");
    clauses.push({ kind: "replaceText", target: sc, from: a.text, to: b.text, ...(occurrence ? { occurrence } : {}) });
    // 「A」を「B」に、「C」を「D」に改める。
    if ((s.startsWith("、「", p) || s.startsWith("，「", p))) { p += 1; return textEdits(sc); }
    if (!eat("改め")) return err("「改める」が続くはずの所が読めない");
    return verbEnd("改め");
  };

  const turn = progressGuard("parseInstruction");
  for (;;) {
    ws();
    // Each clause eats at least its 、: one that ate nothing would be read again for ever.
    turn(p, `character ${p + 1}`);
    let state: "more" | "end" | InstructionError;
    const t = readTarget();
    if (bad) return bad;
    if (t) {
      last = t;
      if (eat("中")) { scope = t; state = textEdits(t); }
      else state = afterTarget(t);
    } else if (s[p] === "「" || s.startsWith("最初の", p)) {
      if (!scope) return err("「」で囲んだ文言の前に、条・項など改める規定が書かれていない");
      state = textEdits(scope);
    } else return err(clauses.length === 0 ? "文が規定（第N条、別表、附則 …）で始まっていない" : "「、」の後の句を読めない");
    if (typeof state === "object") return state;
    if (state === "end") {
      ws();
      if (p < s.length) return err("文の終わり（。）の後に文字が続いている（1行に1文で書く）");
      return clauses;
    }
  }
}
