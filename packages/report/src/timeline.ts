/**
 * The timeline of an agreement: its events with 締結日, 議決日 per party (「未登録」 when not
 * recorded), 適用日, kind, marks (案, 遡及適用, 登録順逆転, 撤回) and what each changed.
 *
 * @module
 */
import { EVENT_KIND_LABEL, partyResolutions, type HistoryEntry } from "@kyoyaku/core";
import { formatDay } from "./dates.js";
import { escapeHtml, htmlPage, table } from "./html.js";

/** Options of {@link renderTimeline}. */
export interface TimelineOptions {
  readonly format: "text" | "md" | "html" | "json";
  /** Heading, e.g. the agreement id or name. */
  readonly title?: string;
}

/** The mark used where a party's 議決日 is not recorded. */
export const MISSING = "未登録";

/**
 * The marks of an entry, in Japanese: 案 (pending draft), 撤回 (retracted by a 訂正),
 * 遡及適用 (適用日 before 締結日), 登録順逆転 (recorded after a later change).
 *
 * @example
 * entryMarks({ ...entry, status: "draft", retroactive: true }); // ["案", "遡及適用"]
 */
export function entryMarks(e: HistoryEntry): string[] {
  return [
    e.status === "draft" ? "案" : "",
    e.status === "retracted" ? "撤回" : "",
    e.retroactive ? "遡及適用" : "",
    e.outOfOrder ? "登録順逆転" : "",
  ].filter((x) => x !== "");
}

/**
 * 議決日 per party of an entry (core's partyResolutions: names normalised, none missing for a
 * 現行取込).
 *
 * @example
 * resolutionsOf({ ...entry, parties: ["岡 山 市", "和気町"], dates: { resolutions: { 岡山市: "2016-09-30" } } });
 * // [{ party: "岡山市", date: "2016-09-30" }, { party: "和気町" }]
 */
export function resolutionsOf(e: HistoryEntry): { party: string; date?: string }[] {
  return partyResolutions(e.dates?.resolutions, e.parties, e.kind);
}

const isLegal = (e: HistoryEntry): boolean => e.kind === "conclude" || e.kind === "amend" || e.kind === "abolish" || e.kind === "baseline"
  || e.kind === "notice" || e.kind === "withdrawNotice" || e.kind === "renew" || e.kind === "declineRenewal";
/** A 通告, its 撤回 and a 更新 are done on a day (通告日・撤回日・更新日); they have no 適用日 of their own. */
const isAct = (e: HistoryEntry): boolean => e.kind === "notice" || e.kind === "withdrawNotice" || e.kind === "renew" || e.kind === "declineRenewal";
const ACT_DAY: Readonly<Record<string, string>> = { notice: "通告日", withdrawNotice: "撤回日", renew: "更新日", declineRenewal: "意思表示の日" };

/** 締結日 as printed: wareki (ISO), or the draft's written date, or 「—」. */
function concluded(e: HistoryEntry): string {
  if (e.dates?.concludedOn !== undefined) return formatDay(e.dates.concludedOn);
  return e.dates?.written?.concludedOn?.text ?? "—";
}

function applies(e: HistoryEntry): string {
  if (isAct(e)) return "—";
  if (e.dates?.appliesFrom !== undefined) return formatDay(e.dates.appliesFrom);
  if (e.dates?.written?.appliesFrom?.text !== undefined) return e.dates.written.appliesFrom.text;
  return e.kind === "conclude" || e.kind === "abolish" ? concluded(e) : "—";
}

function kindText(e: HistoryEntry): string {
  const label = EVENT_KIND_LABEL[e.kind];
  return e.target !== undefined ? `${label} → #${e.target}` : label;
}

/**
 * Render the timeline of an agreement from its history entries (as `Kyoyaku.history`
 * returns them).
 *
 * @example
 * renderTimeline(engine.history("okayama-wake"), { format: "text" });
 * // "#1 締結\n  締結日: 平成28年10月11日（2016-10-11）\n  議決日: 岡山市 平成28年9月30日（2016-09-30）、和気町 未登録\n…"
 */
export function renderTimeline(entries: readonly HistoryEntry[], options: TimelineOptions): string {
  if (options.format === "json") {
    return `${JSON.stringify(
      entries.map((e) => ({
        seq: e.seq,
        kind: e.kind,
        kindLabel: EVENT_KIND_LABEL[e.kind],
        status: e.status,
        ...(e.target !== undefined ? { target: e.target } : {}),
        concludedOn: e.dates?.concludedOn ?? null,
        concludedOnText: isLegal(e) ? concluded(e) : null,
        resolutions: isLegal(e) ? resolutionsOf(e).map((r) => ({ party: r.party, date: r.date ?? null, text: r.date ? formatDay(r.date) : MISSING })) : [],
        appliesFrom: e.dates?.appliesFrom ?? null,
        appliesFromText: isLegal(e) ? applies(e) : null,
        marks: entryMarks(e),
        summary: e.summary,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy,
      })),
      null,
      2,
    )}\n`;
  }
  const header = ["記録", "種別", "締結日", "議決日", "適用日", "注記", "内容"];
  const rows = entries.map((e) => [
    `#${e.seq}`,
    kindText(e),
    isLegal(e) ? concluded(e) : "—",
    isLegal(e) ? resolutionsOf(e).map((r) => `${r.party} ${r.date ? formatDay(r.date) : MISSING}`).join("\n") || (e.kind === "baseline" ? "—" : MISSING) : "—",
    isLegal(e) ? applies(e) : "—",
    entryMarks(e).join("・"),
    e.summary,
  ]);
  const title = `履歴${options.title !== undefined ? ` — ${options.title}` : ""}`;
  const empty = "（記録はありません）";
  switch (options.format) {
    case "html":
      return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n${entries.length > 0 ? table("html", header, rows) : `<p>${empty}</p>`}`);
    case "md":
      return `# ${title}\n\n${entries.length > 0 ? table("md", header, rows) : empty}\n`;
    case "text": {
      const lines = [title, ""];
      if (entries.length === 0) lines.push(empty);
      entries.forEach((e, i) => {
        const r = rows[i]!;
        const marks = entryMarks(e);
        lines.push(`${r[0]} ${r[1]}${marks.length > 0 ? ` ［${marks.join("・")}］` : ""}`);
        if (isLegal(e)) {
          if (isAct(e)) lines.push(`  ${ACT_DAY[e.kind]!}: ${r[2]}`, `  議決日: ${r[3]!.replace(/\n/gu, "、")}`);
          else lines.push(`  締結日: ${r[2]}`, `  議決日: ${r[3]!.replace(/\n/gu, "、")}`, `  適用日: ${r[4]}`);
        }
        lines.push(`  内容: ${e.summary}`, "");
      });
      return `${lines.join("\n").trimEnd()}\n`;
    }
  }
}
