/**
 * 新旧対照表 output: a standalone printable HTML page (A4 landscape, 改正後 | 改正前), a
 * Markdown table, or plain text in two columns aligned by display width.
 *
 * Marking: HTML underlines changed characters (`<u class="changed">`); Markdown and plain
 * text put them in 【】. A new provision's 改正前 cell says 「（新設）」, a deleted one's 改正後
 * cell 「（削る）」, and unchanged provisions left out are 「（略）」.
 *
 * @module
 */
import { eventLabel, type AgreementDocument, type DocumentDiff, type EventRef } from "@kyoyaku/core";
import { comparisonRows, type ComparisonRow } from "./comparison.js";
import { formatDay } from "./dates.js";
import { bracketed, type Line } from "./marks.js";
import { OMITTED } from "./provisions.js";
import { padEnd, wrapLine } from "./width.js";

/** Options of {@link renderComparisonTable}. */
export interface ComparisonOptions {
  readonly format: "html" | "md" | "text";
  /** The agreement's name for the heading (default: the document's name line, or its title, or the agreement id). */
  readonly title?: string;
  /**
   * The older document: lets the table elide unchanged provisions with 「（略）」 and show headings.
   * `undefined` is taken (as `asOf(…).document` is when nothing was in force), also under
   * `exactOptionalPropertyTypes`.
   */
  readonly before?: AgreementDocument | undefined;
  /** The newer document. */
  readonly after?: AgreementDocument | undefined;
  /** Plain text: total width of the table in display columns (full-width characters count 2). Default 87 (two columns of 40). */
  readonly width?: number;
}

const LEGEND_TEXT = "【】で囲んだ部分は改正部分。（新設）は新たに設ける規定、（削る）は削る規定、（略）は改正しない規定。";
const LEGEND_HTML = "下線部分は改正部分。（新設）は新たに設ける規定、（削る）は削る規定、（略）は改正しない規定。";

interface Heading {
  readonly title: string;
  readonly before: string;
  readonly after: string;
  /** The events that made the changes (根拠), one line each. */
  readonly events: string[];
}

/** The heading's word for the events that made the changes, as `show` heads a version's. */
const BASIS = "根拠";

function eventLine(e: EventRef): string {
  const marks = [e.draft ? "案" : "", e.retroactive ? "遡及適用" : ""].filter((x) => x !== "");
  return `${eventLabel(e, "heading")}（締結日 ${formatDay(e.concludedOn)}、適用日 ${formatDay(e.appliesFrom)}）${marks.length > 0 ? `［${marks.join("・")}］` : ""}`;
}

/** 「根拠: #2 変更（…）」 on one line for one event; the label, then one indented line each, for more. */
function basisLines(events: readonly string[], indent: string): string[] {
  if (events.length === 0) return [];
  if (events.length === 1) return [`${BASIS}: ${events[0]}`];
  return [`${BASIS}:`, ...events.map((e) => `${indent}${e}`)];
}

function headingOf(diff: DocumentDiff, rows: readonly ComparisonRow[], options: ComparisonOptions): Heading {
  const doc = options.after ?? options.before;
  const title = options.title ?? doc?.name ?? (doc?.title !== "" ? doc?.title : undefined) ?? diff.agreementId ?? "連携協約";
  const side = (date: string, present: boolean): string => `${formatDay(date)} 現在${present ? "" : "（効力を有する協約なし）"}`;
  const known = diff.before !== undefined || diff.after !== undefined;
  const events = new Map<number, EventRef>();
  for (const r of rows) if (r.kind === "change") for (const e of r.events) events.set(e.seq, e);
  return {
    title,
    before: side(diff.from, !known || diff.before !== undefined),
    after: side(diff.to, !known || diff.after !== undefined),
    events: [...events.values()].sort((a, b) => a.seq - b.seq).map(eventLine),
  };
}

/** The two columns of a row as lines. */
function columns(r: ComparisonRow): { after: readonly Line[]; before: readonly Line[] } {
  if (r.kind === "change") return r.cells;
  const text = r.kind === "context" ? r.text : OMITTED;
  return { after: [[{ text, changed: false }]], before: [[{ text, changed: false }]] };
}

// ——— plain text ———

function renderText(h: Heading, rows: readonly ComparisonRow[], width: number): string {
  const out: string[] = ["新旧対照表", h.title, `改正後: ${h.after}`, `改正前: ${h.before}`];
  out.push(...basisLines(h.events, "  "));
  out.push(`表記: ${LEGEND_TEXT}`, "");
  const rule = (ch: string): string => `+${ch.repeat(width + 2)}+${ch.repeat(width + 2)}+`;
  const line = (l: string, r: string): string => `| ${padEnd(l, width)} | ${padEnd(r, width)} |`;
  out.push(rule("-"), line("改正後", "改正前"), rule("="));
  for (const r of rows) {
    const c = columns(r);
    const left = c.after.flatMap((l) => wrapLine(bracketed(l), width));
    const right = c.before.flatMap((l) => wrapLine(bracketed(l), width));
    for (let i = 0; i < Math.max(left.length, right.length); i++) out.push(line(left[i] ?? "", right[i] ?? ""));
    out.push(rule("-"));
  }
  if (rows.length === 0) out.push(line("（改正なし）", "（改正なし）"), rule("-"));
  return `${out.join("\n")}\n`;
}

// ——— Markdown ———

const mdEscape = (s: string): string => s.replace(/[\\|*_`<>[\]]/gu, (c) => `\\${c}`);

function renderMarkdown(h: Heading, rows: readonly ComparisonRow[]): string {
  const out: string[] = ["# 新旧対照表", "", `**${mdEscape(h.title)}**`, "", `- 改正後: ${h.after}`, `- 改正前: ${h.before}`];
  out.push(...basisLines(h.events, "  - ").map((l) => (l.startsWith(BASIS) ? `- ${l}` : l)));
  out.push(`- 表記: ${LEGEND_TEXT}`, "", "| 改正後 | 改正前 |", "| --- | --- |");
  const cell = (lines: readonly Line[]): string => lines.map((l) => mdEscape(bracketed(l))).join("<br>");
  for (const r of rows) {
    const c = columns(r);
    out.push(`| ${cell(c.after)} | ${cell(c.before)} |`);
  }
  if (rows.length === 0) out.push("| （改正なし） | （改正なし） |");
  return `${out.join("\n")}\n`;
}

// ——— HTML ———

const esc = (s: string): string => s.replace(/[&<>"]/gu, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const CSS = `@page { size: A4 landscape; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", "IPAexMincho", "Yu Mincho", serif; font-size: 10.5pt; line-height: 1.6; color: #000; background: #fff; margin: 16px; }
h1 { font-size: 16pt; text-align: center; letter-spacing: 0.5em; margin: 0 0 8px; }
.agreement { text-align: center; font-size: 12pt; margin: 0 0 8px; }
.meta { margin: 0 0 10px; padding: 0; list-style: none; font-size: 9.5pt; }
.meta li { margin: 0; }
table.comparison { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.comparison col { width: 50%; }
table.comparison th, table.comparison td { border: 1px solid #000; padding: 4px 8px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
table.comparison th { text-align: center; background: #f2f2f2; font-weight: bold; }
table.comparison thead { display: table-header-group; }
table.comparison tr { break-inside: avoid; }
tr.context td { color: #333; }
tr.elided td { text-align: center; }
.line { white-space: pre-wrap; }
u.changed { text-decoration: underline; text-decoration-thickness: 1.5px; text-underline-offset: 2px; background: #fff3b0; }
@media print { u.changed { background: none; } body { margin: 0; } }`;

function htmlCell(lines: readonly Line[], cls: "after" | "before"): string {
  const body = lines
    .map((l) => `<div class="line">${l.map((s) => (s.changed ? `<u class="changed">${esc(s.text)}</u>` : esc(s.text))).join("")}</div>`)
    .join("");
  return `<td class="${cls}">${body}</td>`;
}

function renderHtml(h: Heading, rows: readonly ComparisonRow[]): string {
  const trs = rows.map((r) => {
    const c = columns(r);
    const attrs = r.kind === "change" ? ` class="change ${r.change}" data-address="${esc(r.address)}"` : ` class="${r.kind}"`;
    return `<tr${attrs}>${htmlCell(c.after, "after")}${htmlCell(c.before, "before")}</tr>`;
  });
  if (rows.length === 0) trs.push(`<tr class="elided"><td class="after">（改正なし）</td><td class="before">（改正なし）</td></tr>`);
  const events = h.events.length > 0 ? `<li>${BASIS}: ${h.events.map(esc).join("／")}</li>` : "";
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>新旧対照表 — ${esc(h.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<h1>新旧対照表</h1>
<p class="agreement">${esc(h.title)}</p>
<ul class="meta">
<li>改正後: ${esc(h.after)}</li>
<li>改正前: ${esc(h.before)}</li>
${events}
<li>表記: ${esc(LEGEND_HTML)}</li>
</ul>
<table class="comparison">
<colgroup><col class="after"><col class="before"></colgroup>
<thead><tr><th class="after">改正後</th><th class="before">改正前</th></tr></thead>
<tbody>
${trs.join("\n")}
</tbody>
</table>
</body>
</html>
`;
}

/**
 * Render a 新旧対照表 (comparison table) of a diff: 改正後 on the left, 改正前 on the right,
 * one row per changed provision, changed characters marked, unchanged provisions elided.
 *
 * @example
 * const diff = engine.diff("okayama-wake", "2025-03-31", "2025-04-01");
 * renderComparisonTable(diff, { format: "html", before: engine.asOf(id, "2025-03-31").document, after: engine.asOf(id, "2025-04-01").document });
 * // "<!DOCTYPE html>…<th class=\"after\">改正後</th><th class=\"before\">改正前</th>…"
 */
export function renderComparisonTable(diff: DocumentDiff, options: ComparisonOptions): string {
  const rows = comparisonRows(diff, options.before, options.after);
  const h = headingOf(diff, rows, options);
  switch (options.format) {
    case "html":
      return renderHtml(h, rows);
    case "md":
      return renderMarkdown(h, rows);
    case "text":
      // Each column gets half of what the borders leave ("| " + " | " + " |" = 7 columns).
      return renderText(h, rows, Math.max(10, Math.floor(((options.width ?? 87) - 7) / 2)));
  }
}
