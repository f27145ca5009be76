/**
 * The web viewer: server-rendered pages that work as plain links and forms; the script only
 * makes the date slider update the text in place (it fetches the same page fragment that a
 * form submit would show).
 *
 * Pages: the agreement list (and those in force on a date), an agreement's text in force on
 * a date, its timeline on a time axis, the 新旧対照表 between two dates, the audit view with
 * the hash chain's status, and search.
 *
 * @module
 */
import {
  END_KIND_LABEL, EVENT_KIND_LABEL, addDays, addressLabel, eventLabel, isKyoyakuError, partiesLabel, partyResolutions, todayInJapan,
  type AgreementSummary, type AsOfAnswer, type AsOfOptions, type EventRef, type HistoryEntry, type Instant, type IsoDate, type Kyoyaku,
} from "@kyoyaku/core";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { toProblem } from "../problem.js";
import { asOfOptions, audit, comparison, timelineAnswer, type TimelineAnswer } from "../reads.js";
import { QUERY_MAX, dateValue, instantValue } from "../schemas.js";
import { documentHtml } from "./document.js";
import { dateHtml, html, reportBody, type SafeHtml } from "./html.js";
import { layout, type Page } from "./layout.js";
import { entryDays, epochDay, isoOfEpochDay, timelineSvg } from "./timeline.js";
import { draftDownload, draftPage, drafted } from "./draft.js";

/** A query problem shown on the page, next to the form that caused it. */
export interface FormError {
  readonly field: string;
  readonly message: string;
}

/** The reading options a viewer URL carries: date (or slider day), knownAt, drafts. */
interface Reading {
  readonly date: IsoDate;
  /** The date as the user typed it (kept in the input). */
  readonly typed: string;
  readonly knownAt?: Instant;
  readonly knownAtText?: string;
  readonly drafts: boolean;
  readonly errors: readonly FormError[];
}

const FIRST_DAY = epochDay("1868-10-23");
const LAST_DAY = epochDay("2200-12-31");

/**
 * A query value, trimmed; one longer than `max` characters is a form error (the API answers
 * 400) and is not read: a cut-short value would be a different question. The first `max`
 * characters are kept for the input box.
 */
function bounded(c: Context, name: string, max: number, label: string, errors: FormError[]): { text: string; over: boolean } {
  const text = (c.req.query(name) ?? "").trim();
  if (text.length <= max) return { text, over: false };
  errors.push({ field: name, message: `${label}: ${String(max)}字までです（${String(text.length)}字） [input.invalid]` });
  return { text: text.slice(0, max), over: true };
}

/** Read date/day/knownAt/drafts from a viewer URL; a bad value is a form error, not a failure. */
function reading(c: Context, dateParam = "date", label = "日付"): Reading {
  const errors: FormError[] = [];
  let date = todayInJapan();
  let typed = "";
  const { text, over } = bounded(c, dateParam, QUERY_MAX.date, label, errors);
  const day = c.req.query("day");
  if (over) typed = text;
  else if (text !== "") {
    typed = text;
    const d = dateValue(typed);
    // The reader's message quotes what was typed already: name the field, not the text again.
    if (d.ok) date = d.iso;
    else errors.push({ field: dateParam, message: `${label}: ${d.message}` });
  } else if (day !== undefined && day !== "") {
    const n = Number(day);
    if (Number.isInteger(n) && n >= FIRST_DAY && n <= LAST_DAY) date = isoOfEpochDay(n);
    else errors.push({ field: "day", message: `日付（day=${day.slice(0, 20)}）: スライダーの範囲の日ではない [input.invalid]` });
  }
  const k = bounded(c, "knownAt", QUERY_MAX.instant, "記録時点", errors);
  const kText = k.text;
  let knownAt: Instant | undefined;
  if (!k.over && kText !== "") {
    const r = instantValue(kText);
    if (r.ok) knownAt = r.instant;
    else errors.push({ field: "knownAt", message: `記録時点: ${r.message}` });
  }
  const drafts = ["1", "true", "on", "yes"].includes(c.req.query("drafts") ?? "");
  return { date, typed, drafts, errors, ...(knownAt !== undefined && { knownAt, knownAtText: kText }) };
}

const enc = encodeURIComponent;

/** The query string that keeps knownAt and drafts across the agreement's pages. */
function keep(r: Pick<Reading, "knownAtText" | "drafts">, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (r.knownAtText !== undefined) q.set("knownAt", r.knownAtText);
  if (r.drafts) q.set("drafts", "1");
  const s = q.toString();
  return s === "" ? "" : `?${s}`;
}

/** The JST wall-clock reading of an instant, for 記録時点. */
function instantJst(instant: Instant): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  return `${new Date(t + 9 * 3600_000).toISOString().replace("T", " ").slice(0, 19)}（日本時間）`;
}

/** The form errors above a page's result: what to fix, each with its field. */
export function errorsHtml(errors: readonly FormError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="form-errors" role="alert"><p>入力を確かめてください。</p><ul>${errors.map((e) => html`<li data-field="${e.field}">${e.message}</li>`)}</ul></div>`;
}

function eventRefHtml(e: EventRef): SafeHtml {
  const marks = [e.draft ? "案" : "", e.retroactive ? "遡及適用" : ""].filter((m) => m !== "");
  return html`<span class="event-ref">${eventLabel(e, "heading")}（締結日 ${e.concludedOn !== undefined ? dateHtml(e.concludedOn) : "—"}、適用日 ${e.appliesFrom !== undefined ? dateHtml(e.appliesFrom) : "—"}）${marks.length > 0 ? html`<span class="marks">［${marks.join("・")}］</span>` : ""}</span>`;
}

const refs = (list: readonly EventRef[]): string => list.map((e) => eventLabel(e, "heading")).join("、");

/** The flags of an answer, each stated plainly. */
function flagsHtml(a: AsOfAnswer, id: string, r: Reading): SafeHtml {
  const f = a.flags;
  const items: SafeHtml[] = [];
  // The reader asked for a what-if: say so whatever the answer (a draft 廃止 leaves no text), name
  // the drafts the answer applied, and offer the record as it stands.
  if (a.withDrafts) {
    const recorded = `/agreements/${enc(id)}${keep({ ...r, drafts: false }, { date: a.date })}`;
    const applied = f.draftsApplied.length > 0 ? html`未確定の案（${refs(f.draftsApplied)}）を、確定したものとして反映しています。` : html`未確定の案を確定したものとして扱っています。`;
    items.push(html`<li class="flag drafts-applied"><strong>仮定の表示です。</strong>${applied}<a href="${recorded}">確定した記録だけで見る</a></li>`);
  }
  if (f.draftsExcluded.length > 0) {
    const withDrafts = `/agreements/${enc(id)}${keep({ ...r, drafts: true }, { date: a.date })}`;
    items.push(html`<li class="flag drafts-excluded">未確定の案（${refs(f.draftsExcluded)}）は、この本文に反映していません。<a href="${withDrafts}">案を反映した仮定の本文を見る</a></li>`);
  }
  if (f.retroactive.length > 0) {
    items.push(html`<li class="flag retroactive">遡及適用: ${refs(f.retroactive)} は、締結日より前の適用日から適用されています。</li>`);
  }
  if (f.unknownParts.length > 0) {
    items.push(html`<li class="flag unknown">次の部分は本文が記録されていません: ${f.unknownParts.map((u) => addressLabel(u)).join("、")}。記録にない部分は表示していません。</li>`);
  }
  if (f.missingResolutions.length > 0) {
    items.push(html`<li class="flag missing-resolutions">議決日が未登録です: ${f.missingResolutions.map((m) => `#${m.seq} の${m.party}`).join("、")}。</li>`);
  }
  if (items.length === 0) return html``;
  return html`<ul class="flags">${items}</ul>`;
}

/** The part of the agreement page that the slider replaces: the version header, flags and text. */
function readingHtml(k: Kyoyaku, id: string, r: Reading): SafeHtml {
  const a = k.asOf(id, r.date, asOfOptions(r.knownAt, r.drafts));
  const interval = a.interval;
  return html`<section id="reading" data-date="${a.date}" data-in-force="${a.inForce ? "1" : "0"}" aria-live="polite">
<header class="version">
<h2 class="as-of">${dateHtml(a.date)} 時点${a.inForce ? "の本文" : ""}</h2>
<dl>
${interval !== undefined ? html`<div><dt>版の期間</dt><dd>${dateHtml(interval.from)} から ${interval.to !== null ? html`${dateHtml(addDays(interval.to, -1))} まで` : "（終期なし）"}</dd></div>` : ""}
${a.events.length > 0 ? html`<div><dt>根拠</dt><dd><ul class="refs">${a.events.map((e) => html`<li>${eventRefHtml(e)}</li>`)}</ul></dd></div>` : ""}
<div><dt>記録時点</dt><dd>${a.knownAt !== undefined ? html`${instantJst(a.knownAt)} までに記録された内容` : "現在（すべての記録）"}</dd></div>
</dl>
${flagsHtml(a, id, r)}
</header>
${a.inForce && a.document !== undefined
  ? documentHtml(a.document)
  : html`<p class="not-in-force">この日付に効力のある本文はありません${a.reason !== undefined ? html`（${a.reason}）` : ""}。</p>`}
</section>`;
}

/** The tabs of an agreement's pages (本文, 年表, 新旧対照表, 監査, 改正案). */
export function tabs(id: string, current: Page["kind"], r: Pick<Reading, "knownAtText" | "drafts">, date?: IsoDate): SafeHtml {
  const q = (extra: Record<string, string> = {}): string => keep(r, extra);
  const tab = (kind: Page["kind"], href: string, label: string): SafeHtml =>
    html`<a href="${href}"${kind === current ? html` aria-current="page"` : ""}>${label}</a>`;
  const base = `/agreements/${enc(id)}`;
  return html`<nav class="tabs no-print" aria-label="協約の表示">
${tab("agreement", base + q(date !== undefined ? { date } : {}), "本文")}
${tab("timeline", `${base}/timeline${q(date !== undefined ? { date } : {})}`, "年表")}
${tab("diff", `${base}/diff${q()}`, "新旧対照表")}
${tab("audit", `${base}/audit${q()}`, "監査")}
${tab("draft", `${base}/draft`, "改正案")}
</nav>`;
}

/** The agreement's summary; an unknown id fails as the engine fails it (not-found.agreement). */
export function summary(k: Kyoyaku, id: string): AgreementSummary {
  const s = k.agreements().find((a) => a.id === id);
  // Unknown ids fail as the engine fails them (not-found.agreement).
  if (s === undefined) k.history(id);
  return s ?? { id, parties: [], events: 0 };
}

/** The breadcrumb, title and parties above each of an agreement's pages. */
export function agreementHead(s: AgreementSummary): SafeHtml {
  return html`<nav class="breadcrumb no-print"><a href="/">協約一覧</a> › ${s.id}</nav>
<h1>${s.title ?? s.id}<span class="agreement-id">${s.id}</span></h1>
<p class="parties">当事者: ${partiesLabel(s.parties)}</p>`;
}

/** Hidden inputs that keep knownAt and drafts in a form. */
function keepInputs(r: Pick<Reading, "knownAtText" | "drafts">, skip: readonly string[] = []): SafeHtml {
  return html`${r.knownAtText !== undefined && !skip.includes("knownAt") ? html`<input type="hidden" name="knownAt" value="${r.knownAtText}">` : ""}${r.drafts && !skip.includes("drafts") ? html`<input type="hidden" name="drafts" value="1">` : ""}`;
}

function agreementPage(k: Kyoyaku, id: string, r: Reading): Page {
  const s = summary(k, id);
  const t = timelineAnswer(k, id, asOfOptions(r.knownAt, r.drafts));
  const days = [...t.entries.flatMap(entryDays), ...t.versions.map((v) => v.interval.from), r.date];
  const sorted = [...days].sort();
  const today = todayInJapan();
  const min = epochDay(`${sorted[0]!.slice(0, 4)}-01-01`);
  const max = Math.max(epochDay(`${(sorted[sorted.length - 1]! > today ? sorted[sorted.length - 1]! : today).slice(0, 4)}-12-31`), min + 1);
  const action = `/agreements/${enc(id)}`;
  const main = html`${agreementHead(s)}
${tabs(id, "agreement", r, r.date)}
<section class="date-controls no-print" aria-label="日付">
<form method="get" action="${action}" class="slider-form">
<label for="day">日付を動かす</label>
<div class="slider-row">
<input type="range" id="day" name="day" min="${String(min)}" max="${String(max)}" step="1" value="${String(epochDay(r.date))}" list="version-starts" data-agreement="${id}">
<output for="day" id="day-label">${r.errors.length > 0 ? "—" : dateHtml(r.date)}</output>
</div>
<datalist id="version-starts">${t.versions.map((v) => html`<option value="${String(epochDay(v.interval.from))}" label="${v.interval.from}"></option>`)}</datalist>
<p class="version-links">改正の日: ${t.versions.map((v, i) => html`<a href="${action}${keep(r, { date: v.interval.from })}">${i === 0 ? "当初" : `版${i + 1}`}（${dateHtml(v.interval.from)}）</a>`)}</p>
${keepInputs(r)}
<button type="submit" class="js-hidden">この日付で表示</button>
</form>
<form method="get" action="${action}" class="date-form">
<div class="field"><label for="date">日付を入力（和暦・西暦）</label>
<input type="text" id="date" name="date" value="${r.typed !== "" ? r.typed : r.date}" placeholder="令和2年4月1日 または 2020-04-01" autocomplete="off" spellcheck="false"></div>
<div class="field"><label for="knownAt">記録時点（監査用・任意）</label>
<input type="text" id="knownAt" name="knownAt" value="${r.knownAtText ?? ""}" placeholder="例: 2025-03-31" autocomplete="off"></div>
<label class="check"><input type="checkbox" name="drafts" value="1"${r.drafts ? html` checked` : ""}> 未確定の案を反映する（仮定）</label>
<button type="submit">表示</button>
</form>
${errorsHtml(r.errors)}
</section>
${r.errors.length > 0 ? "" : readingHtml(k, id, r)}`;
  // A date it cannot read gets the error and no text: today's text under the error would be
  // taken for the date asked.
  return { title: r.errors.length > 0 ? `${s.title ?? id}（日付を確かめてください）` : `${s.title ?? id}（${r.date}）`, kind: "agreement", main };
}

const STATUS_LABEL: Readonly<Record<HistoryEntry["status"], string>> = { ratified: "確定", draft: "案", retracted: "撤回" };

function marksOf(e: HistoryEntry): string[] {
  return [
    e.status === "draft" ? "案" : "",
    e.status === "retracted" ? "撤回" : "",
    e.retroactive ? "遡及適用" : "",
    e.outOfOrder ? "登録順逆転" : "",
    e.target !== undefined ? `#${e.target} について` : "",
  ].filter((m) => m !== "");
}

function timelinePage(k: Kyoyaku, id: string, r: Reading, explicitDate: boolean): Page {
  const s = summary(k, id);
  const t: TimelineAnswer = timelineAnswer(k, id, asOfOptions(r.knownAt, r.drafts));
  const rows = t.entries.map((e) => {
    const res = partyResolutions(e.dates?.resolutions, e.parties, e.kind);
    return html`<tr class="${e.status}" data-seq="${String(e.seq)}">
<td class="seq">#${String(e.seq)}</td>
<td>${EVENT_KIND_LABEL[e.kind]}<br><span class="status">${STATUS_LABEL[e.status]}</span></td>
<td>${res.length > 0 ? html`<ul class="plain">${res.map((x) => html`<li>${x.party}: ${x.date !== undefined ? dateHtml(x.date) : html`<span class="missing">未登録</span>`}</li>`)}</ul>` : "—"}</td>
<td>${e.dates?.concludedOn !== undefined ? dateHtml(e.dates.concludedOn) : e.dates?.written?.concludedOn?.text ?? "—"}</td>
<td>${e.dates?.appliesFrom !== undefined ? dateHtml(e.dates.appliesFrom) : e.dates?.written?.appliesFrom?.text ?? "—"}</td>
<td class="recorded">${instantJst(e.recordedAt)}<br>${e.recordedBy}</td>
<td>${e.summary}${marksOf(e).length > 0 ? html`<br><span class="marks">［${marksOf(e).join("・")}］</span>` : ""}</td>
</tr>`;
  });
  // A date or instant it cannot read gets the error alone: a time axis marked at today, or every
  // record when an instant was asked, would be taken for the answer asked.
  const main = html`${agreementHead(s)}
${tabs(id, "timeline", r, explicitDate ? r.date : undefined)}
<h2>年表</h2>
${r.errors.length > 0 ? errorsHtml(r.errors) : html`<p class="lead">各記録の議決日・締結日・適用日を時間軸に並べています。帯は版（その期間に効力のある本文）です。${r.knownAt !== undefined ? `記録時点 ${instantJst(r.knownAt)} までの記録です。` : ""}</p>
<ul class="legend" aria-label="凡例">
<li><svg viewBox="0 0 14 14" class="key resolution" aria-hidden="true"><path d="M 7 0 l 6 7 l -6 7 l -6 -7 z"></path></svg>議決日（当事者ごと）</li>
<li><svg viewBox="0 0 14 14" class="key concluded" aria-hidden="true"><circle cx="7" cy="7" r="6"></circle></svg>締結日</li>
<li><svg viewBox="0 0 14 14" class="key applies" aria-hidden="true"><path d="M 7 0 l 7 13 l -14 0 z"></path></svg>適用日</li>
<li><span class="key-line draft"></span>案（未確定）</li>
<li><span class="key-line selected"></span>表示中の日付</li>
</ul>
<figure class="time-axis-figure">${timelineSvg(t, explicitDate ? r.date : undefined, todayInJapan())}</figure>
${t.draftsExcluded.length > 0 ? html`<p class="flag drafts-excluded">未確定の案（${refs(t.draftsExcluded)}）は版に反映していません。</p>` : ""}
${t.abolishedFrom !== undefined ? html`<p class="flag">${t.endReason ?? "廃止"}: ${dateHtml(t.abolishedFrom)} から効力を失います。</p>` : ""}
<h2>記録の一覧</h2>
<table class="events">
<thead><tr><th>記録</th><th>種別・状態</th><th>議決日</th><th>締結日</th><th>適用日</th><th>記録日時・記録者</th><th>内容・注記</th></tr></thead>
<tbody>${rows}</tbody>
</table>
`}`;
  return { title: `年表 — ${s.title ?? id}`, kind: "timeline", main };
}

function diffPage(k: Kyoyaku, id: string, c: Context): { page: Page; status: 200 | 400 } {
  const s = summary(k, id);
  const r = reading(c, "to", "改正後の日付");
  const options: AsOfOptions = asOfOptions(r.knownAt, r.drafts);
  const t = timelineAnswer(k, id, options);
  const errors = [...r.errors];
  const fromBound = bounded(c, "from", QUERY_MAX.date, "改正前の日付", errors);
  const fromText = fromBound.text;
  const toText = (c.req.query("to") ?? "").trim().slice(0, QUERY_MAX.date); // read (and bounded) by reading()
  // Without dates: the latest change, from the day before it to its first day.
  const last = t.versions[t.versions.length - 1];
  let to = toText !== "" ? r.date : last?.interval.from ?? todayInJapan();
  let from = t.versions.length > 1 && last !== undefined ? addDays(last.interval.from, -1) : to;
  if (fromText !== "" && !fromBound.over) {
    const d = dateValue(fromText);
    if (d.ok) from = d.iso;
    else errors.push({ field: "from", message: `改正前の日付: ${d.message}` });
  }
  if (errors.length === 0 && from > to) errors.push({ field: "from", message: `改正前の日付（${from}）が改正後の日付（${to}）より後です。古い日付を改正前に入れてください。` });
  if (errors.length > 0) to = from;
  const action = `/agreements/${enc(id)}/diff`;
  const table = errors.length === 0 ? reportBody(comparison(k, id, from, to, options, "html").text) : html``;
  const main = html`${agreementHead(s)}
${tabs(id, "diff", r)}
<section class="diff-controls no-print" aria-label="比べる日付">
<form method="get" action="${action}" class="date-form">
<div class="field"><label for="from">改正前の日付</label><input type="text" id="from" name="from" value="${fromText !== "" ? fromText : from}" autocomplete="off"></div>
<div class="field"><label for="to">改正後の日付</label><input type="text" id="to" name="to" value="${toText !== "" ? toText : to}" autocomplete="off"></div>
<label class="check"><input type="checkbox" name="drafts" value="1"${r.drafts ? html` checked` : ""}> 未確定の案を反映する（仮定）</label>
${keepInputs(r, ["drafts"])}
<button type="submit">対照表を作る</button>
</form>
${t.versions.length > 1 ? html`<p class="version-links">改正ごとの対照表: ${t.versions.slice(1).map((v) => html`<a href="${action}${keep(r, { from: addDays(v.interval.from, -1), to: v.interval.from })}">${dateHtml(v.interval.from)}（${refs(v.changedBy)}）</a>`)}</p>` : html`<p class="version-links">この協約の版は一つだけです（改正の記録はありません）。</p>`}
${errorsHtml(errors)}
</section>
${r.drafts ? html`<p class="flag drafts-applied">未確定の案を確定したものとして反映した仮定の比較です。</p>` : ""}
<section class="report comparison-report">${table}</section>`;
  return { page: { title: `新旧対照表 — ${s.title ?? id}`, kind: "diff", main }, status: errors.length > 0 ? 400 : 200 };
}

function auditPage(k: Kyoyaku, id: string, r: Reading): Page {
  const s = summary(k, id);
  const v = k.verify();
  const problems = v.problems.filter((p) => p.agreementId === id);
  const head = v.heads?.find((h) => h.agreementId === id);
  const ok = problems.length === 0;
  // An instant it cannot read gets the error and no report: the report of every record under
  // it would be taken for the instant asked.
  const report = r.errors.length > 0 ? undefined : audit(k, id, "html", r.knownAt);
  const main = html`${agreementHead(s)}
${tabs(id, "audit", r)}
<section class="chain-status ${ok ? "ok" : "broken"}" aria-label="ハッシュ連鎖の検証" data-ok="${ok ? "1" : "0"}">
<h2>ハッシュ連鎖の検証: ${ok ? "異常なし" : "不整合あり"}</h2>
${ok
  ? html`<p>この協約の記録はすべて、ハッシュ値の再計算と直前の記録への参照が一致しました（データベース全体: 協約 ${String(v.agreements)}件、記録 ${String(v.events)}件${v.ok ? "、異常なし" : "、他の協約に不整合あり"}）。</p>`
  : html`<ul>${problems.map((p) => html`<li>#${String(p.seq)}: ${p.message} <code>[${p.code}]</code></li>`)}</ul>`}
${head !== undefined ? html`<p class="head">最後の記録: #${String(head.seq)} <code class="hash">${head.hash}</code><br><small>末尾の記録が削られていないことは、この値をデータベースの外に控えておき、後で比べて確かめられます。</small></p>` : ""}
</section>
<form method="get" action="/agreements/${enc(id)}/audit" class="date-form no-print">
<div class="field"><label for="knownAt">記録時点（この時点までの記録で報告）</label>
<input type="text" id="knownAt" name="knownAt" value="${r.knownAtText ?? ""}" placeholder="例: 2025-03-31 または 2025-03-31T12:00:00+09:00" autocomplete="off"></div>
<button type="submit">報告を作る</button>
</form>
${errorsHtml(r.errors)}
${report === undefined ? "" : html`<section class="report audit-report">${reportBody(report)}</section>`}`;
  return { title: `監査 — ${s.title ?? id}`, kind: "audit", main };
}

function listPage(k: Kyoyaku, c: Context): { page: Page; status: 200 | 400 } {
  const dateText = (c.req.query("date") ?? "").trim();
  const r = reading(c);
  const all = k.agreements();
  let body: SafeHtml;
  // A date it cannot read gets the error alone: the whole list under it would be taken for
  // the agreements in force on the date asked.
  if (r.errors.length > 0) body = html`<p><a href="/">すべての協約を表示</a></p>`;
  else if (dateText !== "") {
    const entries = k.inForce(r.date, asOfOptions(r.knownAt, r.drafts));
    body = html`<h2>${dateHtml(r.date)} に効力のある協約（${String(entries.length)}件）</h2>
${entries.length === 0 ? html`<p>この日付に効力のある協約はありません。</p>` : html`<table class="agreements"><thead><tr><th>協約</th><th>当事者</th><th>版の期間</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td><a href="/agreements/${enc(e.agreementId)}${keep(r, { date: r.date })}">${e.title ?? e.agreementId}</a><br><span class="agreement-id">${e.agreementId}</span></td><td>${partiesLabel(e.parties)}</td><td>${dateHtml(e.interval.from)} から${e.interval.to !== null ? html` ${dateHtml(addDays(e.interval.to, -1))} まで` : ""}</td></tr>`)}
</tbody></table>`}
<p><a href="/">すべての協約を表示</a></p>`;
  } else {
    body = all.length === 0
      ? html`<p>協約はまだ登録されていません。<code>kyoyaku import FILE</code> で登録します。</p>`
      : html`<table class="agreements"><thead><tr><th>協約</th><th>当事者</th><th>記録</th><th>最初の適用日</th><th>終了</th></tr></thead><tbody>
${all.map((a) => html`<tr><td><a href="/agreements/${enc(a.id)}">${a.title ?? a.id}</a><br><span class="agreement-id">${a.id}</span></td><td>${partiesLabel(a.parties)}</td><td class="num">${String(a.events)}件</td><td>${a.firstAppliesFrom !== undefined ? dateHtml(a.firstAppliesFrom) : "—（効力のある版なし）"}</td><td>${a.abolishedFrom !== undefined ? html`${dateHtml(a.abolishedFrom)} から${END_KIND_LABEL[a.endedBy ?? "abolish"]}` : "—"}</td></tr>`)}
</tbody></table>`;
  }
  const main = html`<h1>協約一覧</h1>
<p class="lead">協約を選ぶと、任意の日付に効力のある本文、年表、新旧対照表、監査報告を読めます。</p>
<form method="get" action="/" class="date-form no-print">
<div class="field"><label for="date">この日付に効力のある協約（和暦・西暦）</label>
<input type="text" id="date" name="date" value="${dateText.slice(0, 40)}" placeholder="令和2年4月1日" autocomplete="off"></div>
<button type="submit">絞り込む</button>
</form>
${errorsHtml(r.errors)}
${body}`;
  return { page: { title: "協約一覧", kind: "list", main }, status: r.errors.length > 0 ? 400 : 200 };
}

function searchPage(k: Kyoyaku, c: Context): { page: Page; status: 200 | 400 } {
  const r = reading(c);
  const errors = [...r.errors];
  const q = bounded(c, "q", QUERY_MAX.search, "探す語句", errors).text;
  let results: SafeHtml = html``;
  if (q !== "" && errors.length === 0) {
    const hits = k.search(q, { ...asOfOptions(r.knownAt, r.drafts), on: r.date });
    results = html`<h2>「${q}」 ${String(hits.length)}件（${dateHtml(r.date)} 時点）</h2>
${hits.length === 0 ? html`<p>この日付に効力のある条・取組に見つかりません。</p>` : html`<ol class="hits">${hits.map((h) => html`<li><a href="/agreements/${enc(h.agreementId)}${keep(r, { date: r.date })}#${h.kind === "article" ? h.address : ""}">${h.agreementId} ${addressLabel(h.address)}</a><p>${h.text}</p></li>`)}</ol>`}`;
  }
  const main = html`<h1>検索</h1>
<form method="get" action="/search" class="date-form no-print">
<div class="field"><label for="q">探す語句</label><input type="search" id="q" name="q" value="${q}" placeholder="子育て"></div>
<div class="field"><label for="date">日付（和暦・西暦、省略時は今日）</label><input type="text" id="date" name="date" value="${r.typed}" autocomplete="off"></div>
<button type="submit">検索</button>
</form>
${errorsHtml(errors)}
${results}`;
  return { page: { title: q !== "" ? `検索「${q}」` : "検索", kind: "search", main }, status: errors.length > 0 ? 400 : 200 };
}

/**
 * An error page for the viewer (the API answers problem+json instead).
 *
 * @example
 * errorPage(toProblem(new KyoyakuError("not-found.agreement", "no agreement x is recorded"))).kind; // "error"
 */
export function errorPage(p: { readonly title: string; readonly detail: string; readonly code: string; readonly status: number }): Page {
  return {
    title: p.title,
    kind: "error",
    main: html`<h1>${p.title}</h1><p class="detail">${p.detail}</p><p class="code">コード: <code>${p.code}</code>（HTTP ${String(p.status)}）</p><p><a href="/">協約一覧へ戻る</a></p>`,
  };
}

function page(c: Context, p: Page, status: 200 | 400 | 422 = 200): Response {
  return c.html(layout(p).html, status);
}

/**
 * Register the viewer's pages on `app`.
 *
 * @example
 * registerViewer(app, engine);
 */
export function registerViewer(app: OpenAPIHono, k: Kyoyaku): void {
  app.get("/", (c) => {
    const { page: p, status } = listPage(k, c);
    return page(c, p, status);
  });
  app.get("/search", (c) => {
    const { page: p, status } = searchPage(k, c);
    return page(c, p, status);
  });
  app.get("/agreements/:id", (c) => {
    const r = reading(c);
    return page(c, agreementPage(k, c.req.param("id"), r), r.errors.length > 0 ? 400 : 200);
  });
  // The fragment the slider script swaps in (the same markup as in the page).
  app.get("/agreements/:id/text", (c) => {
    const r = reading(c);
    const id = c.req.param("id");
    summary(k, id);
    if (r.errors.length > 0) return c.html(errorsHtml(r.errors).html, 400);
    return c.html(readingHtml(k, id, r).html);
  });
  app.get("/agreements/:id/timeline", (c) => {
    const r = reading(c);
    return page(c, timelinePage(k, c.req.param("id"), r, (c.req.query("date") ?? c.req.query("day") ?? "") !== ""), r.errors.length > 0 ? 400 : 200);
  });
  app.get("/agreements/:id/diff", (c) => {
    const { page: p, status } = diffPage(k, c.req.param("id"), c);
    return page(c, p, status);
  });
  app.get("/agreements/:id/audit", (c) => {
    const r = reading(c);
    return page(c, auditPage(k, c.req.param("id"), r), r.errors.length > 0 ? 400 : 200);
  });
  app.get("/agreements/:id/draft", (c) => {
    const { page: p, status } = draftPage(k, c.req.param("id"), { appliesFrom: c.req.query("appliesFrom") ?? "", signedOn: c.req.query("signedOn") ?? "" });
    return page(c, p, status);
  });
  app.post("/agreements/:id/draft", async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string): string => (typeof form[name] === "string" ? form[name] : "");
    const id = c.req.param("id");
    const input = { appliesFrom: field("appliesFrom"), signedOn: field("signedOn"), text: field("text") };
    const result = drafted(k, id, input);
    const format = field("download");
    // A download of a draft that could not be made shows the page saying why.
    if (result.draft !== undefined && (format === "text" || format === "md" || format === "html")) return draftDownload(id, result.draft, format);
    const { page: p, status } = draftPage(k, id, input, result);
    return page(c, p, status);
  });
}

/**
 * The viewer's answer to a failure: an HTML page with the problem's title, detail and code.
 *
 * @example
 * viewerError(c, new KyoyakuError("not-found.agreement", "no agreement x is recorded")).status; // 404
 */
export function viewerError(c: Context, e: unknown): Response {
  const p = toProblem(e);
  if (p.code === "internal" && !isKyoyakuError(e)) console.error(e);
  return c.html(layout(errorPage(p)).html, p.status as 400);
}
