/**
 * Writing a 新旧対照表方式 amendment: the 変更連携協約書 whose amending text is the table itself —
 * 題名, 前文 「…の一部を次の表のように変更する。」, the table (改正後 │ 改正前) with 【】 around the
 * changed words and 「（略）」 for what stays, 附則 and 署名欄. What it writes reads back (with
 * @kyoyaku/text's reader) to operations that turn `before` into `after`.
 *
 * @module
 */
import {
  articleLabel, canonicalJson, fail, issue, normalizeText, ok, warekiLabel,
  type AgreementDocument, type Appendix, type Article, type Paragraph, type Result, type Section,
} from "@kyoyaku/core";
import { renderProvision } from "@kyoyaku/text";
import { baseName, changeNoun, changeTitle, DRAFT_DATE, roles, signatureBlock, supplementary } from "./kaimebun.js";
import type { DraftBase, DraftOptions } from "./types.js";

/** A written 新旧対照表方式 変更連携協約書. */
export interface TaishohyoDraft {
  /** The whole text, as a 法規担当 hands it on (案 when no 締結日 is given). */
  readonly text: string;
}

/** The column rule: 「改正後 │ 改正前」 (tabs stay free for the 別表's own columns). */
const RULE = " │ ";
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
/** Text that cannot go into a cell unchanged: a column rule or a mark the reader takes off. */
const UNWRITABLE = /[│|｜┃【】]|\u0332/u;
/** The full-width space of 法制執務 layout (「第5条＿（略）」, 「附＿則」, ＿ standing for it). */
const SP = "\u3000";

/** One row group: the 改正後 and 改正前 cells, line by line. */
interface Group { readonly after: readonly string[]; readonly before: readonly string[] }

/** 【】 around what differs between two texts (the part between their common prefix and suffix). */
function marked(a: string, b: string): [string, string] {
  if (a === b) return [a, b];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const mark = (t: string): string => (t.length - s > p ? `${t.slice(0, p)}【${t.slice(p, t.length - s)}】${t.slice(t.length - s)}` : t);
  return [mark(a), mark(b)];
}

/** A whole line marked as new or removed: 【（事務局）】, 【第6条 …】, 取組 rows with their tab kept. */
const markLine = (l: string): string => (l === "" ? l : l.includes("\t") ? l.split("\t").map((c) => (c === "" ? c : `【${c}】`)).join("\t") : `【${l}】`);

const paragraphLines = (p: Paragraph, number: string | undefined): string[] => {
  const lines = renderProvision(p, `article:1/paragraph:${p.number}`).split("\n");
  // Paragraph 1 is written after its 条 heading (「第5条 …」), the others after their number.
  if (number !== undefined) lines[0] = p.number === 1 ? `${articleLabel(number)} ${p.text}`.trimEnd() : lines[0]!;
  return lines;
};

/** The cells of a 条 that changes: unchanged 項 as 「（略）」, changed words in 【】, added/removed 項 beside （新設）/（削る）. */
function changedArticle(a: Article, b: Article): Group {
  const heading = (n: string, other: string): string => (n === other ? articleLabel(n) : articleLabel(n).replace(/^第(.+)条$/u, "第【$1】条"));
  const after: string[] = [];
  const before: string[] = [];
  const push = (x: readonly string[], y: readonly string[]): void => {
    for (let k = 0; k < Math.max(x.length, y.length); k++) { after.push(x[k] ?? ""); before.push(y[k] ?? ""); }
  };
  // A 見出し added or removed stands beside 「（新設）」 / 「（削る）」 (a side without one would keep the stored 見出し).
  if (a.caption !== undefined && b.caption !== undefined) {
    const [ca, cb] = marked(a.caption, b.caption);
    push([`（${ca}）`], [`（${cb}）`]);
  } else if (a.caption !== undefined) push([markLine(`（${a.caption}）`)], ["（新設）"]);
  else if (b.caption !== undefined) push(["（削る）"], [markLine(`（${b.caption}）`)]);
  const numbers = [...new Set([...a.paragraphs, ...b.paragraphs].map((p) => p.number))].sort((x, y) => x - y);
  for (const n of numbers) {
    const pa = a.paragraphs.find((p) => p.number === n);
    const pb = b.paragraphs.find((p) => p.number === n);
    const lead = (which: Article): string => (n === 1 ? `${heading(which.number, (which === a ? b : a).number)}${SP}（略）` : `${n}${SP}（略）`);
    if (pa && pb && same(pa, pb)) { push([lead(a)], [lead(b)]); continue; }
    const la = pa ? paragraphLines(pa, a.number) : [];
    const lb = pb ? paragraphLines(pb, b.number) : [];
    if (!pb) { push(la.map(markLine), ["（新設）"]); continue; }
    if (!pa) { push(["（削る）"], lb.map(markLine)); continue; }
    const ma: string[] = [];
    const mb: string[] = [];
    for (let k = 0; k < Math.max(la.length, lb.length); k++) {
      const [x, y] = la[k] !== undefined && lb[k] !== undefined ? marked(la[k]!, lb[k]!) : [la[k] !== undefined ? markLine(la[k]!) : undefined, lb[k] !== undefined ? markLine(lb[k]!) : undefined];
      if (x !== undefined) ma.push(x);
      if (y !== undefined) mb.push(y);
    }
    push(ma, mb);
  }
  return { after, before };
}

const articleLines = (a: Article): string[] => renderProvision(a, `article:${a.number}`).split("\n").filter((l) => l !== "");

/** Pair the articles of before and after: unchanged ones (renumbered or not) by content, the rest in order between them. */
function pairArticles(before: readonly Article[], after: readonly Article[]): [Article | undefined, Article | undefined][] {
  const key = (a: Article): string => canonicalJson({ ...a, number: "" });
  // Longest common subsequence of the articles' contents.
  const n = before.length;
  const m = after.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = key(before[i]!) === key(after[j]!) ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const anchors: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (key(before[i]!) === key(after[j]!)) { anchors.push([i, j]); i++; j++; } else if (L[i + 1]![j]! >= L[i]![j + 1]!) i++; else j++;
  }
  anchors.push([n, m]);
  const out: [Article | undefined, Article | undefined][] = [];
  let bi = 0;
  let aj = 0;
  for (const [i, j] of anchors) {
    // Between anchors: changed articles in order (a 条 keeps its number if it can), then the removed or added.
    const bs = before.slice(bi, i);
    const as = after.slice(aj, j);
    const paired = Math.min(bs.length, as.length);
    for (let k = 0; k < paired; k++) out.push([bs[k], as[k]]);
    for (const b of bs.slice(paired)) out.push([b, undefined]);
    for (const a of as.slice(paired)) out.push([undefined, a]);
    if (i < n && j < m) out.push([before[i], after[j]]);
    bi = i + 1;
    aj = j + 1;
  }
  return out;
}

function articleGroups(before: readonly Article[], after: readonly Article[]): Group[] {
  const groups: Group[] = [];
  let run: Article[] = [];
  const flush = (): void => {
    if (run.length === 1) groups.push({ after: [`${articleLabel(run[0]!.number)}${SP}（略）`], before: [`${articleLabel(run[0]!.number)}${SP}（略）`] });
    else if (run.length > 1) { const r = `${articleLabel(run[0]!.number)}～${articleLabel(run[run.length - 1]!.number)}${SP}（略）`; groups.push({ after: [r], before: [r] }); }
    run = [];
  };
  for (const [b, a] of pairArticles(before, after)) {
    if (a && b && same(a, b)) { run.push(a); continue; }
    flush();
    if (a && b) groups.push(changedArticle(a, b));
    else if (a) groups.push({ after: articleLines(a).map(markLine), before: ["（新設）"] });
    else if (b) groups.push({ after: ["（削る）"], before: articleLines(b) });
  }
  flush();
  return groups;
}

const sectionLines = (s: Section): string[] => renderProvision(s, `appendix:1/section:${s.label || "I"}`).split("\n");

/** Two rows of a 取組 (「取組内容⇥…」): the same field with its changed words in 【】, else both rows marked whole. */
function fieldRows(a: string, b: string): [string, string] {
  if (a === b) return [a, b];
  const [fa, ta] = [a.slice(0, a.indexOf("\t")), a.slice(a.indexOf("\t") + 1)];
  const [fb, tb] = [b.slice(0, b.indexOf("\t")), b.slice(b.indexOf("\t") + 1)];
  if (!a.includes("\t") || !b.includes("\t") || fa !== fb) return [markLine(a), markLine(b)];
  const [x, y] = marked(ta, tb);
  return [`${fa}\t${x}`, `${fb}\t${y}`];
}

/**
 * The 取組 of a 区分 that changes, side by side: an unchanged 取組 as 「名称（略）」, a changed one whole with
 * the differing rows in 【】, an added one beside 「（新設）」, a removed one beside 「（削る）」. Undefined when the
 * 取組 were reordered (the 区分 is then written whole).
 */
function itemRows(a: Section, b: Section): Group | undefined {
  const after: string[] = [];
  const before: string[] = [];
  const names = (s: Section): Set<string> => new Set(s.items.map((it) => normalizeText(it.name)));
  const [inA, inB] = [names(a), names(b)];
  const lines = (it: Section["items"][number]): string[] => renderProvision(it, "appendix:1/section:I/item:x").split("\n");
  let i = 0;
  let j = 0;
  while (i < b.items.length || j < a.items.length) {
    const ib = b.items[i];
    const ia = a.items[j];
    if (ia && ib && normalizeText(ia.name) === normalizeText(ib.name)) {
      if (same(ia, ib)) { after.push(`${ia.name}${SP}（略）`); before.push(`${ib.name}${SP}（略）`); } else {
        const [la, lb] = [lines(ia), lines(ib)];
        for (let k = 0; k < Math.max(la.length, lb.length); k++) {
          const [x, y] = la[k] !== undefined && lb[k] !== undefined ? fieldRows(la[k]!, lb[k]!) : [la[k] !== undefined ? markLine(la[k]!) : "", lb[k] !== undefined ? markLine(lb[k]!) : ""];
          after.push(x);
          before.push(y);
        }
      }
      i++; j++;
    } else if (ib && !inA.has(normalizeText(ib.name))) {
      const lb = lines(ib);
      lb.forEach((l, k) => { after.push(k === 0 ? "（削る）" : ""); before.push(markLine(l)); });
      i++;
    } else if (ia && !inB.has(normalizeText(ia.name))) {
      const la = lines(ia);
      la.forEach((l, k) => { after.push(markLine(l)); before.push(k === 0 ? "（新設）" : ""); });
      j++;
    } else return undefined;
  }
  return { after, before };
}

/** A 別表 that changes: its heading, unchanged 区分 as 「（略）」, changed 区分 whole with the lines that differ in 【】. */
function changedAppendix(a: Appendix, b: Appendix): Group {
  const after: string[] = [a.heading];
  const before: string[] = [b.heading];
  const labels = [...new Set([...a.sections, ...b.sections].map((s) => s.label))];
  for (const label of labels) {
    const sa = a.sections.find((s) => s.label === label);
    const sb = b.sections.find((s) => s.label === label);
    after.push("");
    before.push("");
    if (sa && sb && same(sa, sb) && label !== "") {
      after.push(`${label}${SP}${sa.title}${SP}（略）`);
      before.push(`${label}${SP}${sb.title}${SP}（略）`);
      continue;
    }
    const items = sa && sb && label !== "" ? itemRows(sa, sb) : undefined;
    if (items) {
      const [ta, tb] = marked(sa!.title, sb!.title);
      after.push(`${label}${SP}${ta}`, "", ...items.after);
      before.push(`${label}${SP}${tb}`, "", ...items.before);
      continue;
    }
    const la = sa ? sectionLines(sa) : [];
    const lb = sb ? sectionLines(sb) : [];
    const inB = new Set(lb);
    const inA = new Set(la);
    const ma = la.map((l) => (inB.has(l) ? l : markLine(l)));
    const mb = lb.map((l) => (inA.has(l) ? l : markLine(l)));
    for (let k = 0; k < Math.max(ma.length, mb.length); k++) { after.push(ma[k] ?? ""); before.push(mb[k] ?? ""); }
  }
  return { after, before };
}

function appendixGroups(before: readonly Appendix[], after: readonly Appendix[]): Group[] {
  const groups: Group[] = [];
  const numbers = [...new Set([...before, ...after].map((x) => x.number))].sort((x, y) => x - y);
  for (const n of numbers) {
    const a = after.find((x) => x.number === n);
    const b = before.find((x) => x.number === n);
    if (a && b && same(a, b)) continue;
    const lines = (x: Appendix): string[] => renderProvision(x, `appendix:${x.number}`).split("\n");
    if (a && b) groups.push(changedAppendix(a, b));
    else if (a) groups.push({ after: lines(a).map(markLine), before: ["（新設）"] });
    else if (b) groups.push({ after: ["（削る）"], before: lines(b) });
  }
  return groups;
}

/** 「連携中枢都市圏形成に係る連携協約書」 → 「連携中枢都市圏形成に係る変更連携協約書」. */

/**
 * Write the 新旧対照表方式 変更連携協約書 that changes `before` into `after`: the 題名 and name of a
 * change agreement, the parties, the 前文 naming the base agreement and its 締結日, the table, the
 * 附則 (適用日, and a ただし書 for each provision with its own date) and the 署名欄 with the parties'
 * roles. Refused (an error, nothing written) when the change is not one a table of provisions can
 * state: a change of the title, 前文, parties or 附則, or text holding a column rule or 【】.
 *
 * @example
 * const r = writeTaishohyo({ id: "okayama-wake", before, concludedOn: "2016-10-11" }, before, after, { appliesFrom: "2025-04-01" });
 * if (r.ok) r.value.text; // "(案)\n連携中枢都市圏形成に係る変更連携協約書\n…の一部を次の表のように変更する。\n\n改正後 │ 改正前\n…"
 */
export function writeTaishohyo(base: DraftBase, before: AgreementDocument, after: AgreementDocument, options: DraftOptions): Result<TaishohyoDraft> {
  const refuse = (code: string, message: string): Result<TaishohyoDraft> => fail([issue("error", code, message, {})]);
  for (const [part, label] of [["title", "題名"], ["name", "名称"], ["preamble", "前文"], ["parties", "当事者"], ["supplementary", "附則"], ["closing", "後文"]] as const) {
    if (!same(before[part] ?? null, after[part] ?? null)) return refuse("draft.taishohyo-unsupported", `${label}の変更は新旧対照表方式の表（条・別表の対照）で書けない：改め文方式（--style kaimebun）で起案する`);
  }
  const groups = [...articleGroups(before.articles, after.articles), ...appendixGroups(before.appendices, after.appendices)];
  if (groups.length === 0 || groups.every((g) => g.after.every((l, k) => l === g.before[k]))) return refuse("draft.no-change", "変更前と変更後の本文が同じで、起案する変更がない");
  const bad = [before, after].flatMap((d) => [...d.articles.flatMap((a) => articleLines(a)), ...d.appendices.flatMap((x) => renderProvision(x, `appendix:${x.number}`).split("\n"))]).find((l) => UNWRITABLE.test(l));
  if (bad !== undefined) return refuse("draft.taishohyo-unwritable", `本文に表の罫線・傍線の記号（│ | 【 】）があり、新旧対照表の欄に書けない：「${bad.slice(0, 30)}」`);

  // The frame (題名, date, 前文, 附則, 後文, 署名欄) is the 改め文 draft's: only the amending text differs.
  const signed = options.signedOn !== undefined ? warekiLabel(options.signedOn) : DRAFT_DATE;
  const out: string[] = [];
  const para = (...lines: string[]): void => { out.push(...lines, ""); };
  if (options.signedOn === undefined) para("(案)");
  para(changeTitle(before.title));
  para(signed);
  para(...before.parties.map((p) => p.name));
  if (before.name !== undefined) para(changeTitle(before.name));
  para(`${roles(before)}は、${warekiLabel(base.concludedOn)}に締結した${baseName(before)}の一部を次の表のように変更する。`);
  out.push(`改正後${RULE}改正前`);
  for (const g of groups) {
    for (let k = 0; k < Math.max(g.after.length, g.before.length); k++) out.push(`${g.after[k] ?? ""}${RULE}${g.before[k] ?? ""}`.trimEnd());
  }
  out.push("");
  para("附 則");
  const named = { ...options, provisionDates: Object.fromEntries(Object.entries(options.provisionDates ?? {}).map(([a, d]) => [provisionName(a), d])) };
  for (const l of supplementary(named, changeNoun(before))) para(l);
  para(`この${changeNoun(before)}の締結を証するため、本書${before.parties.length}通を作成し、${roles(before)}が記名押印の上、それぞれ各1通を保有する。`);
  para(signed);
  out.push(...signatureBlock(before));
  return ok({ text: `${out.join("\n").replace(/\n{3,}/gu, "\n\n").trimEnd()}\n` });
}

/** 「article:5」 → 「第5条」, 「appendix:1」 → 「別表」 (as a ただし書 names a provision). */
function provisionName(address: string): string {
  const a = /^article:([^/]+)$/u.exec(address);
  if (a) return articleLabel(a[1]!);
  const x = /^appendix:(\d+)$/u.exec(address);
  if (x) return x[1] === "1" ? "別表" : `別表第${x[1]!}`;
  return normalizeText(address);
}
