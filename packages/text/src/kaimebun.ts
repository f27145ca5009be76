/**
 * 改め文: the sentences of a change agreement that say what changes
 * (「第3条中「A」を「B」に改める。」「第5条の次に次の1条を加える。」「別表を次のように改める。」 …),
 * read into clauses on provision targets. Quotes are matched bracket by bracket, so a quote
 * may contain 、。 and nested 「」.
 *
 * @module
 */
import { NUMBER_CHARS, articleNumber, readNumber } from "./numbers.js";

/** What an instruction points at. */
export interface Target {
  readonly kind: "article" | "paragraph" | "item" | "appendix" | "section" | "appendixItem" | "supplementary" | "title" | "preamble" | "name";
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
  | { readonly kind: "insert"; readonly target: Target; readonly position: "after" | "before" | "end"; readonly unit?: "条" | "項" | "号"; readonly count?: number };

/** Why an instruction could not be read, and where in it. */
export interface InstructionError { readonly message: string; readonly at: number }

const NUM = `[${NUMBER_CHARS}]+`;
const SP = /[ \u3000]*/uy;
const ROMAN = /([IVXⅠ-ⅫＩＶＸ]+)/uy;

const re = (src: string): RegExp => new RegExp(src, "uy");
const R_ARTICLE = re(`第(${NUM})条((?:の${NUM})*)`);
const R_PARAGRAPH = re(`第(${NUM})項`);
const R_ITEM = re(`第(${NUM})号`);
const R_APPENDIX = re(`別表(?:第(${NUM}))?(?:[（(]([^）)]*)[）)])?`);
const R_SUPPL = re(`附[ \\u3000]*則(?:第(${NUM})項)?`);
const R_COUNT = re(`(${NUM})(条|項|号)`);

/**
 * True when a line begins like an instruction (a target followed by 中/を/の/に, not 「第3条 …」).
 *
 * @example
 * startsInstruction("第3条中「A」を「B」に改める。"); // true
 * startsInstruction("第3条甲及び乙は"); // false
 */
export function startsInstruction(norm: string): boolean {
  return /^(?:第\d+条(?:の\d+)*(?:第\d+項)?(?:第\d+号)?(?:中|を|の次|の前|に|の見出し)|同条|同項|別表(?:第\d+)?(?:\([^)]*\))?[IVX]*(?:中|を|の|に)|附則(?:第\d+項)?(?:中|を|の|に)|前文(?:中|を)|題名(?:中|を)|名称(?:中|を))/u.test(norm);
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
  const err = (message: string): InstructionError => ({ message, at: p });

  const readTarget = (): Target | undefined => {
    const start = p;
    if (eat("同条")) {
      if (!last?.article) { p = start; return undefined; }
      let t: Target = { kind: "article", written: "", article: last.article };
      const pm = match(R_PARAGRAPH);
      if (pm) t = { ...t, kind: "paragraph", paragraph: readNumber(pm[1]!)! };
      const im = match(R_ITEM);
      if (im) t = { ...t, kind: "item", paragraph: t.paragraph ?? 1, item: readNumber(im[1]!)! };
      return { ...t, written: s.slice(start, p) };
    }
    if (eat("同項")) {
      if (last?.paragraph === undefined) { p = start; return undefined; }
      let t: Target = { kind: "paragraph", written: "", article: last.article!, paragraph: last.paragraph };
      const im = match(R_ITEM);
      if (im) t = { ...t, kind: "item", item: readNumber(im[1]!)! };
      return { ...t, written: s.slice(start, p) };
    }
    const am = match(R_ARTICLE);
    if (am) {
      const article = articleNumber(am[1]! + am[2]!);
      if (article === undefined) { p = start; return undefined; }
      let t: Target = { kind: "article", written: "", article };
      const pm = match(R_PARAGRAPH);
      if (pm) t = { ...t, kind: "paragraph", paragraph: readNumber(pm[1]!)! };
      const im = match(R_ITEM);
      if (im) t = { ...t, kind: "item", paragraph: t.paragraph ?? 1, item: readNumber(im[1]!)! };
      return { ...t, written: s.slice(start, p) };
    }
    const bm = match(R_APPENDIX);
    if (bm) {
      const appendix = bm[1] !== undefined ? readNumber(bm[1]) ?? 1 : 1;
      let t: Target = { kind: "appendix", written: "", appendix };
      const rm = match(ROMAN);
      if (rm) {
        const label = rm[1]!.normalize("NFKC");
        if (/^[IVX]+$/u.test(label)) t = { ...t, kind: "section", section: label };
        else p = start + bm[0].length;
      }
      return { ...t, written: s.slice(start, p) };
    }
    const sm = match(R_SUPPL);
    if (sm) {
      const t: Target = sm[1] !== undefined ? { kind: "paragraph", written: "", paragraph: readNumber(sm[1])! } : { kind: "supplementary", written: "" };
      return { ...t, kind: sm[1] !== undefined ? "paragraph" : "supplementary", written: s.slice(start, p), ...(sm[1] !== undefined ? { article: "附則" } : {}) };
    }
    if (eat("前文")) return { kind: "preamble", written: "前文" };
    if (eat("題名")) return { kind: "title", written: "題名" };
    if (eat("名称")) return { kind: "name", written: "名称" };
    return undefined;
  };

  // After a verb stem: 「、」 continues with another clause; 「る。」/「。」 ends the sentence.
  const verbEnd = (stem: "改め" | "削" | "加え" | "とし"): "more" | "end" | InstructionError => {
    if (stem === "削") {
      if (eat("り、") || eat("り，")) return "more";
      if (eat("る。")) return "end";
      return err("expected 「削る。」 or 「削り、」");
    }
    if (stem === "とし") {
      if (eat("し、") || eat("し，")) return "more";
      if (eat("する。")) return "end";
      return err("expected 「とし、」 or 「とする。」");
    }
    if (eat("、") || eat("，")) return "more";
    if (eat("る。")) return "end";
    return err(`expected 「${stem}る。」 or 「${stem}、」`);
  };

  const count = (): { unit: "条" | "項" | "号"; count: number } | undefined => {
    const m = match(R_COUNT);
    if (!m) return undefined;
    return { unit: m[2] as "条" | "項" | "号", count: readNumber(m[1]!) ?? 1 };
  };

  // Clauses about a target (not text edits).
  const afterTarget = (t: Target): "more" | "end" | InstructionError => {
    if (eat("を次のように改め") || eat("を次のとおり改め")) { clauses.push({ kind: "replace", target: t }); return verbEnd("改め"); }
    if (eat("を削")) { clauses.push({ kind: "delete", target: t }); return verbEnd("削"); }
    for (const [lit, position] of [["の次に", "after"], ["の前に", "before"], ["に", "end"]] as const) {
      const save = p;
      if (!eat(lit)) continue;
      eat("、");
      if (eat("次のように加え") || eat("次のとおり加え")) { clauses.push({ kind: "insert", target: t, position }); return verbEnd("加え"); }
      if (eat("次の")) {
        const c = count();
        if (c && eat("を加え")) { clauses.push({ kind: "insert", target: t, position, ...c }); return verbEnd("加え"); }
        return err("expected 「次のN条（項・号）を加える」");
      }
      p = save;
    }
    if (eat("を")) {
      const to = readTarget();
      if (to && eat("と")) {
        clauses.push({ kind: "renumber", target: t, to });
        return verbEnd("とし");
      }
      return err("expected 「を次のように改める」, 「を削る」 or 「を第N条とし」");
    }
    if (eat("中")) { scope = t; return textEdits(t); }
    return err(`nothing kyoyaku can read follows 「${t.written}」`);
  };

  // 「A」を「B」に改め / 「A」を削り / 「X」の項…, in `sc`.
  const textEdits = (sc: Target): "more" | "end" | InstructionError => {
    const occurrence = eat("最初の") ? 1 : undefined;
    const a = readQuote(s, p);
    if (!a) return err("expected a quoted text 「…」");
    p = a.end;
    if (eat("の項")) {
      if (sc.kind !== "section" && sc.kind !== "appendix") return err("「…」の項 is used for 別表 entries only");
      const t: Target = { kind: "appendixItem", written: `${sc.written}中「${a.text}」の項`, appendix: sc.appendix ?? 1, ...(sc.section !== undefined ? { section: sc.section } : {}), itemName: a.text };
      last = t;
      return afterTarget(t);
    }
    if (!eat("を")) return err("expected 「を」 after the quoted text");
    if (eat("削")) {
      clauses.push({ kind: "deleteText", target: sc, text: a.text, ...(occurrence ? { occurrence } : {}) });
      return verbEnd("削");
    }
    const b = readQuote(s, p);
    if (!b) return err("expected 「…」に改める or 削る");
    p = b.end;
    if (!eat("に")) return err("expected 「に改める」");
    clauses.push({ kind: "replaceText", target: sc, from: a.text, to: b.text, ...(occurrence ? { occurrence } : {}) });
    // 「A」を「B」に、「C」を「D」に改める。
    if ((s.startsWith("、「", p) || s.startsWith("，「", p))) { p += 1; return textEdits(sc); }
    if (!eat("改め")) return err("expected 「改める」");
    return verbEnd("改め");
  };

  for (;;) {
    ws();
    let state: "more" | "end" | InstructionError;
    const t = readTarget();
    if (t) {
      last = t;
      if (eat("中")) { scope = t; state = textEdits(t); }
      else state = afterTarget(t);
    } else if (s[p] === "「" || s.startsWith("最初の", p)) {
      if (!scope) return err("a quoted text with no provision before it");
      state = textEdits(scope);
    } else return err(clauses.length === 0 ? "the sentence does not begin with a provision (第N条, 別表, 附則 …)" : "cannot read the clause after 「、」");
    if (typeof state === "object") return state;
    if (state === "end") {
      ws();
      if (p < s.length) return err("text after the end of the sentence");
      return clauses;
    }
  }
}
