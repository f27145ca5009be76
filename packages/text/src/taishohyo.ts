/**
 * Reading a 新旧対照表方式 amendment: 「…連携協約の一部を次の表のように変更する。」 followed by
 * the table (改正後 | 改正前), whose rows are the amending text. Each row is read against the
 * agreement as in force on the day before the 適用日 (the base): every 改正前 cell must equal the
 * stored text of its provision, 改正後 gives the new text, 「（略）」 keeps a provision (or one 項 of
 * it), 「（新設）」 and 「（削る）」 add and delete. Every row is read or the text is refused at
 * that row's line.
 *
 * Forms: columns separated by tabs, by rules (│ | ｜, Markdown tables with `|---|` and `<br>`),
 * with 【】 or combining 傍線 (U+0332) marks around the changed words (marks are not text).
 *
 * @module
 */
import {
  articleLabel, canonicalJson, normalizeText,
  type AgreementDocument, type Appendix, type Article, type Operation, type Paragraph, type Section,
} from "@kyoyaku/core";
import { report, type Ctx } from "./context.js";
import { isDateLine } from "./dates.js";
import { blankEnd, cleanLine, normalizeLine, type Line } from "./lines.js";
import { compareArticleNumbers, NUMBER_CHARS, readNumber } from "./numbers.js";
import { renderProvision } from "./render.js";
import { isClosing, isSupplementaryHeading, matchAppendixHeading, matchArticle, matchCaption, matchSection, readAppendix, readArticles } from "./structure.js";
import type { ReadAs } from "./types.js";

/** 「…の一部を次の表のように変更する。」: the enacting sentence of a 新旧対照表方式 amendment. */
export const TAISHOHYO_ENACT = /次の表のように(?:変更|改正)する。$/u;

const PIPES = /[│|｜┃]/u;
const RULE_ROW = /^[ \t\u3000]*[|｜│]?[ \t\u3000]*:?-{3,}:?[ \t\u3000]*[|｜│][ \t\u3000]*:?-{3,}:?[ \t\u3000]*[|｜│]?[ \t\u3000]*$/u;
/** 【】 and combining underline (傍線) mark the changed words: they are not text. */
const stripMarks = (s: string): string => s.replace(/【|】|\u0332/gu, "");
const BR = /<br\s*\/?>/giu;

/**
 * The header row of the table: 「改正後<TAB>改正前」, 「改正後 │ 改正前」, 「| 改正後 | 改正前 |」 (a draft's
 * 「改正案」「現行」 too).
 *
 * @example
 * isTableHeader(splitLines("改正後\t改正前")[0]!); // true
 */
export function isTableHeader(l: Line): boolean {
  return /^[|｜│┃]?(?:改正後|改正案)[|｜│┃]+(?:改正前|現行)[|｜│┃]?$/u.test(l.raw.replace(/[ \t\u3000]+/gu, (m) => (m.includes("\t") ? "|" : "")));
}

/**
 * Where the table of a 新旧対照表方式 text lies: `[header, end)` line indices, when an enacting
 * sentence 「…次の表のように変更する。」 comes before a header row.
 *
 * @example
 * tableSpan(splitLines("…の一部を次の表のように変更する。\n改正後\t改正前\n第5条…\t第5条…\n附 則")); // [1, 3]
 */
export function tableSpan(lines: readonly Line[]): [number, number] | undefined {
  const enact = lines.findIndex((l) => TAISHOHYO_ENACT.test(l.text));
  if (enact < 0) return undefined;
  let k = enact + 1;
  while (k < lines.length && lines[k]!.text === "") k++;
  if (k >= lines.length) return undefined;
  if (isTableHeader(lines[k]!)) return [k, tableRows({ issues: [], allowPartial: true }, lines, k).next];
  // No header row (refused by the amendment reader): the rows still hold headings side by side.
  let end = k;
  while (end < lines.length && !(endsTable(lines[end]!) && !/[\t|｜│┃]/u.test(lines[end]!.raw))) end++;
  return [k, end];
}

/** A table row: its cells' lines (a Markdown `<br>` makes several). */
interface Row { readonly no: number; readonly raw: string; readonly after: readonly Line[]; readonly before: readonly Line[] }

const cellLine = (no: number, raw: string): Line => {
  const text = cleanLine(stripMarks(raw));
  return { no, raw, text, norm: normalizeLine(text) };
};

/** Split one table line into its two cells; undefined when it has not two. */
function splitRow(raw: string, piped: boolean, bordered: boolean): [string, string] | undefined {
  if (piped) {
    // Loops, not /[ \t\u3000]+$/: a long run of blanks inside a line made that quadratic.
    let s = raw.slice(0, blankEnd(raw)).trimStart();
    if (bordered && /^[|｜│┃]/u.test(s)) s = s.slice(1);
    if (bordered && /[|｜│┃]$/u.test(s)) s = s.slice(0, -1);
    const cells = s.split(PIPES);
    return cells.length === 2 ? [cells[0]!, cells[1]!] : undefined;
  }
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === " " || raw[end - 1] === "\u3000")) end--;
  const cells = raw.slice(0, end).split("\t");
  if (cells.length === 2) return [cells[0]!, cells[1]!];
  // A 別表 row (field<TAB>text) in each column: the first half of the cells is 改正後.
  if (cells.length % 2 === 0 && cells.length > 2) return [cells.slice(0, cells.length / 2).join("\t"), cells.slice(cells.length / 2).join("\t")];
  return undefined;
}

/** The text's end of the table: 附則, 後文, the signature date. */
const endsTable = (l: Line): boolean => isSupplementaryHeading(l) || isClosing(l) || isDateLine(l.text);

const OMIT = /^[（(]略[）)]$/u;
const NEW = /^[（(]新設[）)]$/u;
const DELETED = /^[（(]削る[）)]$/u;
const RANGE = new RegExp(`^第([${NUMBER_CHARS}の]+)条(?:[～〜~－\\-]|から)第([${NUMBER_CHARS}の]+)条(?:まで)?[ \\u3000]*[（(]略[）)]$`, "u");
const PARAGRAPH_OMIT = /^([0-9０-９]+)[ \u3000\t]*[（(]略[）)]$/u;
const isOmit = (s: string): boolean => OMIT.test(s.replace(/[ \u3000\t]+/gu, ""));

/** A side of a row group: what its cell says. */
type Side =
  | { kind: "new" }
  | { kind: "deleted" }
  | { kind: "range"; from: string; to: string }
  | { kind: "article"; number: string; lines: Line[] }
  | { kind: "appendix"; number: number; lines: Line[] };

/** One provision of the table: consecutive rows, the 改正後 and 改正前 lines of the same provision. */
interface Group { readonly first: number; readonly last: number; readonly rows: Row[] }

/** What reading the table gives. */
export interface TableReading {
  readonly operations: Operation[];
  /** One per group of rows (and the header row), in source order; operations by index. */
  readonly readings: { line: number; lastLine: number; text: string; as: ReadAs | { readonly kind: "ops"; readonly indices: number[] } }[];
  /** The index of the first line after the table. */
  readonly next: number;
}

/**
 * The rows of the table from its header at `start` to the line that ends it (附則, 後文, a date);
 * a line that is not two columns is an error at that line.
 *
 * @example
 * tableRows(ctx, splitLines("改正後\t改正前\n第5条 …\t第5条 …\n附 則"), 0).next; // 2
 */
export function tableRows(ctx: Ctx, lines: readonly Line[], start: number): { rows: Row[]; header: Line; rules: Line[]; next: number } {
  const header = lines[start]!;
  const piped = PIPES.test(header.raw);
  // 「| 改正後 | 改正前 |」 (Markdown) has outer rules; 「改正後 │ 改正前」 has one between the columns.
  const bordered = /^[ \t\u3000]*[|｜│┃]/u.test(header.raw);
  const rows: Row[] = [];
  const rules: Line[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.text === "") { rows.push({ no: l.no, raw: l.raw, after: [cellLine(l.no, "")], before: [cellLine(l.no, "")] }); continue; }
    if (piped && RULE_ROW.test(l.raw)) { rules.push(l); continue; }
    const cells = splitRow(l.raw, piped, bordered);
    if (!cells) {
      if (endsTable(l)) break;
      report(ctx, "error", "amend.taishohyo-row-unread", `${l.no}行目は新旧対照表の行（改正後と改正前の2列）として読めない：「${l.text.slice(0, 40)}」`, l.no);
      continue;
    }
    // Markdown puts a cell's lines on one row with <br>: they are the cell's lines in order.
    const a = cells[0].split(BR);
    const b = cells[1].split(BR);
    const n = Math.max(a.length, b.length);
    rows.push({
      no: l.no, raw: l.raw,
      after: Array.from({ length: n }, (_, k) => cellLine(l.no, a[k] ?? "")),
      before: Array.from({ length: n }, (_, k) => cellLine(l.no, b[k] ?? "")),
    });
  }
  while (rows.length > 0 && rows[rows.length - 1]!.after.every((x) => x.text === "") && rows[rows.length - 1]!.before.every((x) => x.text === "")) rows.pop();
  return { rows, header, rules, next: i };
}

/** True when a cell line begins a provision of its own (a group starts there). */
function opens(l: Line, hasArticle: boolean): boolean {
  const t = l.text.replace(/[ \u3000]+/gu, "");
  const caption = !OMIT.test(t) && !NEW.test(t) && !DELETED.test(t) && matchCaption(l) !== undefined;
  if (caption && !hasArticle) return false;
  return caption || matchAppendixHeading(l) !== undefined || RANGE.test(t) || (matchArticle(l) !== undefined && hasArticle);
}

/** Group rows into provisions: a new group at a row where either cell opens a provision. */
function groupRows(rows: readonly Row[]): Group[] {
  const groups: Group[] = [];
  let cur: { rows: Row[]; article: [boolean, boolean]; any: [boolean, boolean] } | undefined;
  for (const r of rows) {
    const cells = [r.after, r.before] as const;
    const starts = cur === undefined || cells.some((c, k) => c.some((l) => l.text !== "" && opens(l, cur!.article[k]! || (cur!.any[k]! && matchCaption(l) !== undefined))));
    if (starts) {
      if (cur) groups.push({ first: cur.rows[0]!.no, last: cur.rows[cur.rows.length - 1]!.no, rows: cur.rows });
      cur = { rows: [], article: [false, false], any: [false, false] };
    }
    cur!.rows.push(r);
    cells.forEach((c, k) => {
      for (const l of c) {
        if (l.text === "") continue;
        cur!.any[k] = true;
        if (matchArticle(l) || RANGE.test(l.text.replace(/[ \u3000]+/gu, ""))) cur!.article[k] = true;
      }
    });
  }
  if (cur) groups.push({ first: cur.rows[0]!.no, last: cur.rows[cur.rows.length - 1]!.no, rows: cur.rows });
  // Blank rows between groups belong to nobody; a group of blank rows is dropped.
  return groups.filter((g) => g.rows.some((r) => r.after.some((l) => l.text !== "") || r.before.some((l) => l.text !== "")));
}

/** Classify one side of a group; undefined (with an error) when it is none of the forms. */
function readSide(ctx: Ctx, lines: Line[], column: string, at: number): Side | undefined {
  const full = lines.filter((l) => l.text !== "");
  const first = full[0];
  if (!first) {
    report(ctx, "error", "amend.taishohyo-cell-empty", `${at}行目からの行の${column}の欄が空です（加える規定なら改正前に「（新設）」、削る規定なら改正後に「（削る）」と書く）`, at);
    return undefined;
  }
  const t = first.text.replace(/[ \u3000]+/gu, "");
  const only = full.length === 1;
  if (NEW.test(t) && only) return { kind: "new" };
  if (DELETED.test(t) && only) return { kind: "deleted" };
  const range = RANGE.exec(t);
  if (range && only) {
    const from = matchArticle({ ...first, text: `第${range[1]!}条` })?.number;
    const to = matchArticle({ ...first, text: `第${range[2]!}条` })?.number;
    if (from !== undefined && to !== undefined) return { kind: "range", from, to };
  }
  const heading = matchAppendixHeading(first) ?? matchAppendixHeading({ ...first, text: first.text.replace(/[ \u3000]*[（(]略[）)]$/u, "") });
  if (heading) return { kind: "appendix", number: heading.number ?? 1, lines };
  const articleLine = full.find((l) => matchArticle(l));
  if (articleLine && (full[0] === articleLine || (matchCaption(full[0]!) !== undefined && full[1] === articleLine))) {
    return { kind: "article", number: matchArticle(articleLine)!.number, lines };
  }
  report(ctx, "error", "amend.taishohyo-cell-unread", `${first.no}行目の${column}の欄「${first.text.slice(0, 40)}」は、条（（見出し）と第N条…）・別表・「（略）」「（新設）」「（削る）」のいずれとしても読めない`, first.no);
  return undefined;
}

const lineOf = (no: number, raw: string): Line => { const text = cleanLine(raw); return { no, raw, text, norm: normalizeLine(text) }; };

/** The lines of a paragraph as rendered, for putting the stored text where a cell says （略）. */
const paragraphTexts = (p: Paragraph): string[] => renderProvision(p, `article:1/paragraph:${p.number}`).split("\n");

/**
 * One side's article: the lines as written, with 「第N条 （略）」「２ （略）」 filled from the base
 * article `b` (the provision the row keeps). 「第N条 （略）」 alone keeps the whole article.
 */
function sideArticle(ctx: Ctx, side: { number: string; lines: Line[] }, b: Article | undefined, column: string): Article | undefined {
  const full = side.lines.filter((l) => l.text !== "");
  // The 見出し line: 「（連絡会議）」; 「（新設）」 / 「（削る）」 in its place adds or removes the 見出し;
  // none written keeps the stored one (a table need not repeat an unchanged 見出し).
  const first = full[0]!.text.replace(/[ \u3000]+/gu, "");
  const headed = !matchArticle(full[0]!);
  // 「（新設）」 in the 改正前 column, 「（削る）」 in the 改正後 one: no 見出し on this side.
  const none = headed && (column === "改正前" ? NEW : DELETED).test(first);
  if (headed && (column === "改正前" ? DELETED : NEW).test(first)) {
    report(ctx, "error", "amend.taishohyo-cell-unread", `${full[0]!.no}行目：「（新設）」は改正前の欄に、「（削る）」は改正後の欄に書く`, full[0]!.no, { address: `article:${side.number}/caption` });
    return undefined;
  }
  const kept = headed && OMIT.test(first);
  const caption = none ? undefined : headed && !kept ? matchCaption(full[0]!) : b?.caption;
  const body = full.slice(headed ? 1 : 0);
  const head = matchArticle(body[0]!)!;
  const need = (what: string, no: number): boolean => {
    if (b) return true;
    report(ctx, "error", "amend.taishohyo-omission-unread", `${no}行目の${column}の欄の${what}「（略）」は、改正前の協約にない規定を略している`, no, { address: `article:${side.number}` });
    return false;
  };
  if (body.length === 1 && isOmit(head.rest)) {
    if (!need(articleLabel(side.number), body[0]!.no)) return undefined;
    return { number: side.number, ...(caption !== undefined ? { caption } : {}), paragraphs: b!.paragraphs };
  }
  const out: Line[] = caption !== undefined ? [lineOf(full[0]!.no, `（${caption}）`)] : [];
  for (const l of body) {
    const pm = PARAGRAPH_OMIT.exec(l.text);
    // 「（新設）」 beside a 項 the change adds, 「（削る）」 beside one it deletes: no 項 on this side.
    const compact = l.text.replace(/[ \u3000]+/gu, "");
    if (l !== body[0] && (column === "改正前" ? NEW : DELETED).test(compact)) continue;
    if (l === body[0] && isOmit(head.rest)) {
      if (!need("第1項", l.no)) return undefined;
      const [p1, ...rest] = paragraphTexts(b!.paragraphs[0]!);
      out.push(lineOf(l.no, `${articleLabel(side.number)} ${p1}`), ...rest.map((x) => lineOf(l.no, x)));
    } else if (pm) {
      const n = readNumber(pm[1]!)!;
      const p = b?.paragraphs.find((x) => x.number === n);
      if (!p) { need(`第${n}項`, l.no); if (b) report(ctx, "error", "amend.taishohyo-omission-unread", `${l.no}行目の${column}の欄は第${n}項を「（略）」とするが、改正前の${articleLabel(b.number)}に第${n}項がない`, l.no, { address: `article:${b.number}/paragraph:${n}` }); return undefined; }
      out.push(...paragraphTexts(p).map((x) => lineOf(l.no, x)));
    } else {
      if (/[（(]略[）)]$/u.test(l.text)) {
        report(ctx, "error", "amend.taishohyo-omission-unread", `${l.no}行目の${column}の欄の「${l.text.slice(0, 30)}」：条・項の単位でない「（略）」は読めない（号や文の一部は略さずに書く）`, l.no, { address: `article:${side.number}` });
        return undefined;
      }
      out.push(l);
    }
  }
  const r = readArticles(ctx, out, 0, () => false, false);
  if (r.articles.length !== 1 || r.next < out.length) {
    const stray = out[r.next] ?? out[0]!;
    report(ctx, "error", "amend.taishohyo-cell-unread", `${stray.no}行目の${column}の欄は一つの条として読めない：「${stray.text.slice(0, 40)}」`, stray.no, { address: `article:${side.number}` });
    return undefined;
  }
  return r.articles[0]!;
}

/** Normalised text of a provision, for comparing a 改正前 cell with the stored text (layout, widths and 、/， aside). */
const same = (a: string, b: string): boolean => a.split("\n").map(normalizeText).filter((x) => x !== "").join("\n") === b.split("\n").map(normalizeText).filter((x) => x !== "").join("\n");

/** The first 項 (or the 見出し) where a 改正前 article differs from the stored one, for the message. */
function firstDifference(written: Article, stored: Article): { address: string; written: string; stored: string; label: string } {
  const address = `article:${stored.number}`;
  if (!same(written.caption ?? "", stored.caption ?? "")) return { address: `${address}/caption`, written: `（${written.caption ?? ""}）`, stored: `（${stored.caption ?? ""}）`, label: `${articleLabel(stored.number)}の見出し` };
  const n = Math.max(written.paragraphs.length, stored.paragraphs.length);
  for (let k = 0; k < n; k++) {
    const w = written.paragraphs[k];
    const s = stored.paragraphs[k];
    const wt = w ? paragraphTexts(w).join("\n") : "（なし）";
    const st = s ? paragraphTexts(s).join("\n") : "（なし）";
    if (!same(wt, st)) {
      const p = (s ?? w)!.number;
      return { address: `${address}/paragraph:${p}`, written: wt, stored: st, label: `${articleLabel(stored.number)}第${p}項` };
    }
  }
  return { address, written: renderProvision(written, address), stored: renderProvision(stored, address), label: articleLabel(stored.number) };
}

const mismatch = (ctx: Ctx, line: number, label: string, address: string, written: string, stored: string): void => {
  report(ctx, "error", "amend.taishohyo-mismatch",
    `${line}行目の改正前の欄（${label}）は、変更される協約の本文（適用日の前日に効力のある本文）と一致しない：\n  改正前の欄「${written.replace(/\n/gu, "／")}」\n  記録の本文「${stored.replace(/\n/gu, "／")}」`,
    line, { address });
};

/**
 * Read the 新旧対照表 whose header row is `lines[start]`, against `base` (the agreement as in force on
 * the day before the 適用日). Operations come in the order the engine can apply them: deletes,
 * renumbers (those moving up from the highest), replaces, then inserts from the lowest.
 *
 * @example
 * readTaishohyo(ctx, splitLines("改正後\t改正前\n第5条 甲は、毎月…\t第5条 甲は、毎年度…"), 0, seed).operations[0]?.op; // "replace"
 */
export function readTaishohyo(ctx: Ctx, lines: readonly Line[], start: number, base: AgreementDocument): TableReading {
  const { rows, header, rules, next } = tableRows(ctx, lines, start);
  const readings: TableReading["readings"] = [header, ...rules].map((l) => ({ line: l.no, lastLine: l.no, text: l.text, as: { kind: "part", part: "table-header" } }));
  const deletes: Operation[] = [];
  const renumbers: { op: Operation; from: string; to: string }[] = [];
  const replaces: Operation[] = [];
  const inserts: { number: string; node: Article | Appendix; group: number }[] = [];
  /** Which group made each operation, to give each reading its indices once the order is fixed. */
  const madeBy = new Map<Operation, number>();
  const groups = groupRows(rows);
  if (groups.length === 0) report(ctx, "error", "amend.taishohyo-empty", `${header.no}行目の新旧対照表に行がない`, header.no);
  /** The provisions each column has named, by the line of their row: a provision twice would be changed twice. */
  const named = [new Map<string, number>(), new Map<string, number>()] as const;
  const twice = (side: Side | undefined, k: 0 | 1, line: number): boolean => {
    if (side === undefined || (side.kind !== "article" && side.kind !== "appendix")) return false;
    const address = side.kind === "article" ? `article:${side.number}` : `appendix:${side.number}`;
    const seen = named[k].get(address);
    if (seen !== undefined) {
      report(ctx, "error", "amend.taishohyo-duplicate", `${line}行目の${k === 0 ? "改正後" : "改正前"}の欄の${side.kind === "article" ? articleLabel(side.number) : "別表"}は、${seen}行目の行にもある（一つの規定は一つの行に書く）`, line, { address });
      return true;
    }
    named[k].set(address, line);
    return false;
  };
  groups.forEach((g, gi) => {
    const text = g.rows.map((r) => r.raw).join("\n");
    const errorsBefore = ctx.issues.length;
    const after = readSide(ctx, g.rows.flatMap((r) => r.after), "改正後", g.first);
    const before = readSide(ctx, g.rows.flatMap((r) => r.before), "改正前", g.first);
    if (twice(after, 0, g.first) || twice(before, 1, g.first)) return;
    const ops: Operation[] = [];
    const kept = (): void => { readings.push({ line: g.first, lastLine: g.last, text, as: { kind: "part", part: "kept" } }); };
    if (!after || !before) return;
    if (after.kind === "range" || before.kind === "range") {
      if (after.kind !== "range" || before.kind !== "range" || after.from !== before.from || after.to !== before.to) {
        report(ctx, "error", "amend.taishohyo-cell-unread", `${g.first}行目：条の範囲の「（略）」は改正後と改正前の両方に同じ範囲で書く`, g.first);
        return;
      }
      for (const n of [after.from, after.to]) {
        if (!base.articles.some((a) => a.number === n)) report(ctx, "error", "amend.target-missing", `${g.first}行目の「（略）」が挙げる${articleLabel(n)}は、変更される協約にない`, g.first, { address: `article:${n}` });
      }
      kept();
      return;
    }
    if (after.kind === "new" || before.kind === "deleted" || (after.kind === "deleted" && before.kind === "new")) {
      report(ctx, "error", "amend.taishohyo-cell-unread", `${g.first}行目：「（新設）」は改正前の欄に、「（削る）」は改正後の欄に書く`, g.first);
      return;
    }
    // 改正前: the provision as stored, checked cell against text.
    let stored: Article | Appendix | undefined;
    if (before.kind === "article") {
      const b = base.articles.find((a) => a.number === before.number);
      if (!b) { report(ctx, "error", "amend.target-missing", `${g.first}行目の改正前の欄の${articleLabel(before.number)}は、変更される協約にない`, g.first, { address: `article:${before.number}` }); return; }
      const side = sideArticle(ctx, before, b, "改正前");
      if (!side) return;
      if (!same(renderProvision(side, `article:${b.number}`), renderProvision({ ...b, number: side.number }, `article:${b.number}`))) {
        const d = firstDifference(side, b);
        mismatch(ctx, g.first, d.label, d.address, d.written, d.stored);
        return;
      }
      stored = b;
    } else if (before.kind === "appendix") {
      const b = base.appendices.find((a) => a.number === before.number);
      if (!b) { report(ctx, "error", "amend.target-missing", `${g.first}行目の改正前の欄の別表${before.number > 1 ? `第${before.number}` : ""}は、変更される協約にない`, g.first, { address: `appendix:${before.number}` }); return; }
      const written = sideAppendix(ctx, before, b, "改正前");
      if (!written) return;
      if (!same(renderProvision(written, "appendix:1"), renderProvision(b, "appendix:1"))) {
        mismatch(ctx, g.first, b.heading, `appendix:${b.number}`, renderProvision(written, "appendix:1"), renderProvision(b, "appendix:1"));
        return;
      }
      stored = b;
    }
    // 改正後.
    if (after.kind === "deleted") {
      const address = before.kind === "article" ? `article:${before.number}` : `appendix:${(stored as Appendix).number}`;
      ops.push({ op: "delete", target: address });
    } else if (after.kind === "article") {
      if (before.kind === "appendix") { report(ctx, "error", "amend.taishohyo-cell-unread", `${g.first}行目：改正後は条、改正前は別表で、同じ規定の行でない`, g.first); return; }
      const b = stored as Article | undefined;
      const side = sideArticle(ctx, after, b, "改正後");
      if (!side) return;
      const node = keepUnchanged(side, b);
      if (!b) inserts.push({ number: node.number, node, group: gi });
      else {
        if (b.number !== node.number) {
          const op: Operation = { op: "renumber", target: `article:${b.number}`, to: `article:${node.number}` };
          renumbers.push({ op, from: b.number, to: node.number });
          ops.push(op);
        }
        if (canonicalJson(node) !== canonicalJson({ ...b, number: node.number })) ops.push({ op: "replace", target: `article:${node.number}`, node });
      }
    } else if (after.kind === "appendix") {
      if (before.kind === "article") { report(ctx, "error", "amend.taishohyo-cell-unread", `${g.first}行目：改正後は別表、改正前は条で、同じ規定の行でない`, g.first); return; }
      const b = stored as Appendix | undefined;
      const written = sideAppendix(ctx, after, b, "改正後");
      if (!written) return;
      const node = keepUnchangedAppendix(written, b);
      if (!b) inserts.push({ number: String(node.number), node, group: gi });
      else if (!same(renderProvision(node, "appendix:1"), renderProvision(b, "appendix:1"))) ops.push({ op: "replace", target: `appendix:${b.number}`, node });
    }
    if (ctx.issues.length > errorsBefore && ctx.issues.slice(errorsBefore).some((x) => x.severity === "error")) return;
    const inserting = after.kind !== "deleted" && stored === undefined;
    for (const o of ops) { madeBy.set(o, gi); if (o.op === "delete") deletes.push(o); else if (o.op === "replace") replaces.push(o); }
    if (ops.length === 0 && !inserting) { kept(); return; }
    readings.push({ line: g.first, lastLine: g.last, text, as: { kind: "ops", indices: [] } });
  });
  // The order the engine applies them in: a renumber must not land on a number still taken.
  // Those moving down first, from the lowest; then those moving up, from the highest.
  const up = (r: { from: string; to: string }): boolean => compareArticleNumbers(r.to, r.from) > 0;
  renumbers.sort((a, b) => Number(up(a)) - Number(up(b)) || (up(a) ? compareArticleNumbers(b.from, a.from) : compareArticleNumbers(a.from, b.from)));
  const numbers = new Set(base.articles.map((a) => a.number));
  for (const d of deletes) if (d.op === "delete") numbers.delete(d.target.replace(/^article:/u, ""));
  for (const r of renumbers) { numbers.delete(r.from); numbers.add(r.to); }
  const insertOps: Operation[] = [];
  for (const ins of [...inserts].sort((a, b) => ("sections" in a.node ? 1 : 0) - ("sections" in b.node ? 1 : 0) || compareArticleNumbers(a.number, b.number))) {
    let op: Operation;
    if ("sections" in ins.node) {
      op = { op: "insert", parent: "appendices", node: ins.node };
    } else {
      const prior = [...numbers].filter((n) => compareArticleNumbers(n, ins.number) < 0).sort(compareArticleNumbers).pop();
      const first = [...numbers].sort(compareArticleNumbers)[0];
      op = prior !== undefined ? { op: "insert", parent: "articles", after: `article:${prior}`, node: ins.node }
        : first !== undefined ? { op: "insert", parent: "articles", before: `article:${first}`, node: ins.node }
          : { op: "insert", parent: "articles", node: ins.node };
      numbers.add(ins.number);
    }
    madeBy.set(op, ins.group);
    insertOps.push(op);
  }
  const operations = [...deletes, ...renumbers.map((r) => r.op), ...replaces, ...insertOps];
  const groupLine = groups.map((g) => g.first);
  operations.forEach((o, idx) => {
    const line = groupLine[madeBy.get(o)!];
    const r = readings.find((x) => x.line === line && x.as.kind === "ops");
    if (r && r.as.kind === "ops") r.as.indices.push(idx);
  });
  return { operations, readings, next };
}

/** The written article with every 見出し and 項 that equals the stored one (widths, 、/， aside) taken as stored. */
function keepUnchanged(a: Article, b: Article | undefined): Article {
  if (!b) return a;
  const caption = a.caption !== undefined && b.caption !== undefined && same(a.caption, b.caption) ? b.caption : a.caption;
  const paragraphs = a.paragraphs.map((p) => {
    const q = b.paragraphs.find((x) => x.number === p.number);
    return q && same(paragraphTexts(p).join("\n"), paragraphTexts(q).join("\n")) ? q : p;
  });
  return { number: a.number, ...(caption !== undefined ? { caption } : {}), paragraphs };
}

/** The written 別表 with its heading, every 区分 and every 取組 that equals the stored one (widths aside) taken as stored. */
function keepUnchangedAppendix(a: Appendix, b: Appendix | undefined): Appendix {
  if (!b) return a;
  const heading = same(a.heading, b.heading) ? { heading: b.heading, ...(b.relatedTo !== undefined ? { relatedTo: b.relatedTo } : {}) } : { heading: a.heading, ...(a.relatedTo !== undefined ? { relatedTo: a.relatedTo } : {}) };
  const sections = a.sections.map((sec) => {
    const old = b.sections.find((x) => x.label === sec.label);
    if (!old) return sec;
    if (same(renderProvision(sec, "appendix:1/section:I"), renderProvision(old, "appendix:1/section:I"))) return old;
    const items = sec.items.map((it) => {
      const o = old.items.find((x) => normalizeText(x.name) === normalizeText(it.name));
      return o && same(renderProvision(it, "appendix:1/section:I/item:x"), renderProvision(o, "appendix:1/section:I/item:x")) ? o : it;
    });
    return { ...sec, title: same(sec.title, old.title) ? old.title : sec.title, items };
  });
  return { ...a, ...heading, sections };
}

/** One side's 別表: as written, or the stored one where the cell says 「別表（第3条関係）（略）」 / 「（略）」. */
function sideAppendix(ctx: Ctx, side: { number: number; lines: Line[] }, b: Appendix | undefined, column: string): Appendix | undefined {
  const full = side.lines.filter((l) => l.text !== "");
  const omitted = /[（(]略[）)]$/u.test(full[0]!.text) && full.length === 1 || (full.length === 2 && isOmit(full[1]!.text));
  if (omitted) {
    if (b) return b;
    report(ctx, "error", "amend.taishohyo-omission-unread", `${full[0]!.no}行目の「（略）」は、改正前の協約にない別表を略している`, full[0]!.no, { address: `appendix:${side.number}` });
    return undefined;
  }
  // 「II 高次の都市機能の集積・強化 （略）」 keeps that 区分 as stored, 「子育て支援の充実 （略）」 that 取組
  // (of the 区分 it stands in); 「（新設）」 / 「（削る）」 beside a 取組 the change adds or removes stand for nothing.
  const filled: Line[] = [];
  let current: Section | undefined;
  for (const l of side.lines.slice(side.lines.indexOf(full[0]!))) {
    const compact = l.text.replace(/[ \u3000]+/gu, "");
    if ((column === "改正前" ? NEW : DELETED).test(compact)) continue;
    const open = matchSection(l);
    if (open) current = b?.sections.find((x) => x.label === open.label);
    if (!/[（(]略[）)]$/u.test(l.text)) { filled.push(l); continue; }
    const stripped = { ...l, text: l.text.replace(/[ \u3000]*[（(]略[）)]$/u, "") };
    const sec = matchSection(stripped);
    if (sec) {
      current = b?.sections.find((x) => x.label === sec.label);
      if (!current) {
        report(ctx, "error", "amend.taishohyo-omission-unread", `${l.no}行目の「（略）」は、改正前の別表にない区分${sec.label}を略している`, l.no, { address: `appendix:${side.number}/section:${sec.label}` });
        return undefined;
      }
      filled.push(...renderProvision(current, `appendix:1/section:${current.label}`).split("\n").map((x) => lineOf(l.no, x)));
      continue;
    }
    const item = (current?.items ?? b?.sections.flatMap((x) => x.items) ?? []).find((it) => normalizeText(it.name) === normalizeText(stripped.text));
    if (item) { filled.push(...renderProvision(item, "appendix:1/section:I/item:x").split("\n").map((x) => lineOf(l.no, x))); continue; }
    filled.push(l);
  }
  const r = readAppendix(ctx, filled, 0, side.number);
  const rest = filled.slice(r.next).find((l) => l.text !== "");
  if (rest) {
    report(ctx, "error", "amend.taishohyo-cell-unread", `${rest.no}行目の欄は別表の一部として読めない：「${rest.text.slice(0, 40)}」`, rest.no, { address: `appendix:${side.number}` });
    return undefined;
  }
  if (r.appendix.sections.some((s) => s.items.some((it) => isOmit(it.name) || it.fields.some((f) => isOmit(f.text))))) {
    report(ctx, "error", "amend.taishohyo-omission-unread", `${full[0]!.no}行目からの別表の中の「（略）」は読めない（略すのは別表全体・区分・取組の単位で、欄の一部は略さずに書く）`, full[0]!.no, { address: `appendix:${side.number}` });
    return undefined;
  }
  return r.appendix;
}
