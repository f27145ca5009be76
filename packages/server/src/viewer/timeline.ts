/**
 * The timeline of an agreement on a time axis (SVG, no script): the versions as bands, and
 * one lane per legal event with its 議決日 (◆, one per party), 締結日 (●) and 適用日 (▲)
 * marked distinctly, a draft's lane dashed, a retracted one greyed.
 *
 * @module
 */
import { END_KIND_LABEL, EVENT_KIND_LABEL, partyResolutions, warekiLabel, type HistoryEntry, type IsoDate } from "@kyoyaku/core";
import type { TimelineAnswer } from "../reads.js";
import { html, type SafeHtml } from "./html.js";

const DAY = 86_400_000;

/**
 * Days since 1970-01-01 of an ISO day (the slider's unit as well).
 *
 * @example
 * epochDay("1970-01-02"); // 1
 */
export function epochDay(iso: IsoDate): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

/**
 * The ISO day of an epoch day.
 *
 * @example
 * isoOfEpochDay(18353); // "2020-04-01"
 */
export function isoOfEpochDay(day: number): IsoDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const isLegal = (e: HistoryEntry): boolean => e.kind === "conclude" || e.kind === "amend" || e.kind === "abolish" || e.kind === "baseline";

/** Every day an entry names: 議決日, 締結日, 適用日. */
export function entryDays(e: HistoryEntry): IsoDate[] {
  const d = e.dates;
  return [...Object.values(d?.resolutions ?? {}), d?.concludedOn, d?.appliesFrom].filter((x): x is IsoDate => typeof x === "string");
}

/**
 * The span the axis shows: from 1 January of the earliest year named to 31 December of the
 * latest (the selected date and today included), so that ticks fall on whole years.
 *
 * @example
 * axisSpan(["2016-10-11", "2025-04-01"]); // { from: "2016-01-01", to: "2025-12-31" }
 */
export function axisSpan(days: readonly IsoDate[]): { from: IsoDate; to: IsoDate } {
  const sorted = [...days].sort();
  const first = sorted[0] ?? "2000-01-01";
  const last = sorted[sorted.length - 1] ?? first;
  return { from: `${first.slice(0, 4)}-01-01`, to: `${last.slice(0, 4)}-12-31` };
}

const W = 960;
const LEFT = 150;
const RIGHT = 24;
const LANE = 48;
// Within a lane, one row per kind of date, so that days close together stay apart.
const ROW = { resolution: -13, concluded: 0, applies: 13 } as const;

/**
 * The SVG time axis of a timeline.
 *
 * @example
 * timelineSvg(timelineAnswer(k, "okayama-wake", {}), "2020-04-01", "2026-01-01").html.startsWith("<svg"); // true
 */
export function timelineSvg(t: TimelineAnswer, selected: IsoDate | undefined, today: IsoDate): SafeHtml {
  const lanes = t.entries.filter(isLegal);
  const named = [...lanes.flatMap(entryDays), ...t.versions.flatMap((v) => [v.interval.from, ...(v.interval.to !== null ? [v.interval.to] : [])]), ...(selected ? [selected] : []), today];
  const span = axisSpan(named);
  const d0 = epochDay(span.from);
  const d1 = epochDay(span.to) + 1;
  const x = (iso: IsoDate): number => LEFT + ((epochDay(iso) - d0) / (d1 - d0)) * (W - LEFT - RIGHT);
  const years = Number(span.to.slice(0, 4)) - Number(span.from.slice(0, 4)) + 1;
  const step = years <= 12 ? 1 : years <= 30 ? 2 : 5;
  const ticks: SafeHtml[] = [];
  for (let y = Number(span.from.slice(0, 4)); y <= Number(span.to.slice(0, 4)); y += step) {
    const iso = `${y}-01-01`;
    const era = warekiLabel(iso).replace(/年.*$/u, "");
    ticks.push(html`<g class="tick"><line x1="${x(iso)}" x2="${x(iso)}" y1="40" y2="${72 + lanes.length * LANE}"></line><text x="${x(iso) + 3}" y="14">${String(y)}</text><text class="era" x="${x(iso) + 3}" y="28">${era}</text></g>`);
  }
  const bandY = 44;
  const bands = t.versions.map((v, i) => {
    const from = x(v.interval.from);
    const to = v.interval.to !== null ? x(v.interval.to) : x(span.to) + 2;
    const label = `版${i + 1}: ${warekiLabel(v.interval.from)}から${v.interval.to !== null ? `（${warekiLabel(v.interval.to)}の前日まで）` : ""}`;
    return html`<g class="version v${i % 2}"><title>${label}</title><rect x="${from}" y="${bandY}" width="${Math.max(1, to - from)}" height="16"></rect>${to - from > 40 ? html`<text x="${from + 4}" y="${bandY + 12}">版${String(i + 1)}</text>` : ""}</g>`;
  });
  const abolished = t.abolishedFrom !== undefined
    ? html`<g class="abolished"><title>${END_KIND_LABEL[t.endedBy ?? "abolish"]} ${warekiLabel(t.abolishedFrom)}</title><rect x="${x(t.abolishedFrom)}" y="${bandY}" width="${Math.max(1, x(span.to) - x(t.abolishedFrom))}" height="16"></rect></g>`
    : "";
  const laneRows = lanes.map((e, i) => {
    const y = 96 + i * LANE;
    const days = entryDays(e);
    const min = days.length > 0 ? Math.min(...days.map(x)) : undefined;
    const max = days.length > 0 ? Math.max(...days.map(x)) : undefined;
    const cls = ["lane", e.status, e.retroactive ? "retroactive" : ""].filter((c) => c !== "").join(" ");
    const status = e.status === "draft" ? "（案）" : e.status === "retracted" ? "（撤回）" : "";
    const resolutions = partyResolutions(e.dates?.resolutions, e.parties, e.kind).filter((r) => r.date !== undefined);
    const ry = y + ROW.resolution;
    const ay = y + ROW.applies;
    return html`<g class="${cls}" data-seq="${String(e.seq)}">
<rect class="lane-bg" x="${LEFT - 4}" y="${y - LANE / 2 + 2}" width="${W - LEFT - RIGHT + 8}" height="${LANE - 4}"></rect>
<text class="lane-label" x="8" y="${y + 4}">#${String(e.seq)} ${EVENT_KIND_LABEL[e.kind]}${status}</text>
${min !== undefined && max !== undefined ? html`<line class="span" x1="${min}" x2="${max}" y1="${y}" y2="${y}"></line>` : ""}
${resolutions.map((r) => html`<g class="mark resolution"><title>議決日（${r.party}） ${warekiLabel(r.date!)}（${r.date!}）</title><path d="M ${x(r.date!)} ${ry - 6} l 5 6 l -5 6 l -5 -6 z"></path></g>`)}
${e.dates?.concludedOn !== undefined ? html`<g class="mark concluded"><title>締結日 ${warekiLabel(e.dates.concludedOn)}（${e.dates.concludedOn}）</title><circle cx="${x(e.dates.concludedOn)}" cy="${y}" r="5.5"></circle></g>` : ""}
${e.dates?.appliesFrom !== undefined ? html`<g class="mark applies"><title>適用日 ${warekiLabel(e.dates.appliesFrom)}（${e.dates.appliesFrom}）</title><path d="M ${x(e.dates.appliesFrom)} ${ay - 6} l 6 11 l -12 0 z"></path></g>` : ""}
${days.length === 0 ? html`<text class="no-dates" x="${LEFT + 4}" y="${y + 4}">日付未定</text>` : ""}
</g>`;
  });
  const height = 80 + lanes.length * LANE;
  const marker = (iso: IsoDate, cls: string, label: string): SafeHtml =>
    html`<g class="${cls}"><title>${label} ${warekiLabel(iso)}（${iso}）</title><line x1="${x(iso)}" x2="${x(iso)}" y1="36" y2="${height - 6}"></line></g>`;
  return html`<svg class="time-axis" viewBox="0 0 ${String(W)} ${String(height)}" role="img" aria-label="年表: 議決日・締結日・適用日の時間軸" xmlns="http://www.w3.org/2000/svg">
${ticks}
${bands}
${abolished}
${laneRows}
${marker(today, "today", "今日")}
${selected !== undefined ? marker(selected, "selected", "表示中の日付") : ""}
</svg>`;
}
