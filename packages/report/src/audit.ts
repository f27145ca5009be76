/**
 * The audit report (監査報告) of one agreement: every recorded event with both times (適用日
 * and recorded_at), who recorded it, its source file name and SHA-256, the hash-chain
 * links, and the findings an auditor looks for — missing 議決日, retroactive application,
 * changes recorded out of order, corrections (訂正) and pending drafts.
 *
 * @module
 */
import { EVENT_KIND_LABEL, eventLabel, normalizeText, type EventDates, type HistoryEntry, type Instant, type StoredEvent } from "@kyoyaku/core";
import { formatDay, formatInstant } from "./dates.js";
import { escapeHtml, htmlPage, table } from "./html.js";
import { entryMarks, MISSING } from "./timeline.js";

/** Options of {@link renderAudit}. */
export interface AuditOptions {
  readonly format: "text" | "md" | "html" | "json";
  readonly agreementId?: string;
  /** The knowledge time the report answers for (events recorded up to then). */
  readonly knownAt?: Instant;
  /** `knownAt` as the person wrote it (`2020-01-01`, 令和2年1月1日), shown beside the instant used. */
  readonly knownAtText?: string;
}

/** One finding of the audit. */
export interface AuditFinding {
  readonly kind: "chain" | "missing-resolution" | "retroactive" | "out-of-order" | "correction" | "draft";
  readonly seq: number;
  readonly message: string;
}

/** What an empty section means, said outright (「なし」 under the chain read as "no chain"). */
const KIND_NONE: Readonly<Record<AuditFinding["kind"], string>> = {
  chain: "不整合なし（連番に欠けも重複もなく、各記録が直前の記録のハッシュを正しく参照している）",
  "missing-resolution": "該当なし（確定した出来事の議決日はすべて登録済み）",
  retroactive: "該当なし",
  "out-of-order": "該当なし",
  correction: "該当なし",
  draft: "該当なし",
};

const KIND_TITLE: Readonly<Record<AuditFinding["kind"], string>> = {
  chain: "記録の連鎖（ハッシュチェーン）",
  "missing-resolution": "議決日未登録",
  retroactive: "遡及適用",
  "out-of-order": "登録順の逆転（古い改正を後から登録）",
  correction: "訂正・確定・議決日追加",
  draft: "未確定の案",
};

/**
 * The findings of an audit, in a stable order (by kind, then sequence).
 *
 * @example
 * auditFindings(events, entries).filter((f) => f.kind === "missing-resolution");
 * // [{ kind: "missing-resolution", seq: 2, message: "#2 変更: 備前市の議決日が未登録" }]
 */
export function auditFindings(events: readonly StoredEvent[], entries: readonly HistoryEntry[]): AuditFinding[] {
  const out: AuditFinding[] = [];
  events.forEach((e, i) => {
    const prev = events[i - 1];
    if (e.seq !== i + 1) out.push({ kind: "chain", seq: e.seq, message: `#${e.seq}: 連番が ${i + 1} であるべきところ ${e.seq}（欠番または重複）` });
    const expected = prev ? prev.hash : "";
    if (e.prevHash !== expected) out.push({ kind: "chain", seq: e.seq, message: `#${e.seq}: 直前の記録のハッシュ（${short(expected)}）と記録された値（${short(e.prevHash)}）が一致しない` });
  });
  for (const x of entries) {
    const label = eventLabel(x, "heading");
    if (x.status === "ratified" && x.missingResolutions.length > 0) {
      out.push({ kind: "missing-resolution", seq: x.seq, message: `${label}: ${x.missingResolutions.map((p) => `${normalizeText(p)}の議決日が${MISSING}`).join("、")}` });
    }
    if (x.retroactive) {
      out.push({ kind: "retroactive", seq: x.seq, message: `${label}: 適用日 ${formatDay(x.dates?.appliesFrom)} は締結日 ${formatDay(x.dates?.concludedOn)} より前` });
    }
    // A retracted event is out of the history: its recording order no longer matters.
    if (x.outOfOrder && x.status !== "retracted") out.push({ kind: "out-of-order", seq: x.seq, message: `${label}: 適用日 ${formatDay(x.dates?.appliesFrom)} の改正が、より後の適用日の改正の後に登録された` });
    if (x.status === "draft") out.push({ kind: "draft", seq: x.seq, message: `${label}: 案のまま（効力なし）` });
  }
  // What a record event did is said once, by its history entry's summary (the same line `history` prints).
  const summaries = new Map(entries.map((x) => [x.seq, x.summary] as const));
  const changes = dateChanges(events);
  for (const e of events) {
    const r = e.record;
    if (!r) continue;
    const what = summaries.get(e.seq) ?? `→ #${r.target}`;
    // A correction replaces dates wholesale: say which ones it changed. (A ratification or a
    // resolution only adds dates, which its summary already lists.)
    const changed = r.kind === "correct" ? (changes.get(e.seq) ?? []) : [];
    const diff = changed.length > 0 ? `［${changed.join("、")}］` : "";
    out.push({ kind: "correction", seq: e.seq, message: `${eventLabel(e, "heading")}: ${what}${diff}（${formatInstant(e.recordedAt)}、${e.recordedBy}）` });
  }
  const order = Object.keys(KIND_TITLE);
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.seq - b.seq);
}

/**
 * What each record event changed in its target's dates, old → new (「適用日 A → B」), by the
 * record event's seq. The dates are folded as the history folds them: a ratification merges
 * its dates, a resolution adds 議決日, a correction replaces the dates.
 *
 * @example
 * dateChanges(events).get(4); // ["適用日 平成28年10月11日（2016-10-11） → 平成28年10月12日（2016-10-12）"]
 */
export function dateChanges(events: readonly StoredEvent[]): Map<number, string[]> {
  const current = new Map<number, EventDates>();
  const out = new Map<number, string[]>();
  for (const e of events) {
    if (e.legal) {
      current.set(e.seq, e.legal.dates);
      continue;
    }
    const r = e.record;
    const before = r && r.target < e.seq ? current.get(r.target) : undefined;
    if (!r || before === undefined) continue;
    const after: EventDates =
      r.kind === "ratify"
        ? { ...before, ...definedOnly(r.dates), resolutions: { ...before.resolutions, ...r.dates.resolutions } }
        : r.kind === "resolve"
          ? { ...before, resolutions: { ...before.resolutions, ...r.resolutions } }
          : (r.dates ?? before);
    current.set(r.target, after);
    out.set(e.seq, datesDiff(before, after));
  }
  return out;
}

function definedOnly(d: EventDates): Partial<EventDates> {
  const { resolutions: _r, written: _w, ...rest } = d;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<EventDates>;
}

/** The date fields that differ, each as 「名 旧 → 新」; 議決日 party by party (names normalised). */
function datesDiff(a: EventDates, b: EventDates): string[] {
  const out: string[] = [];
  const field = (name: string, x: string | undefined, y: string | undefined): void => {
    if ((x ?? "") !== (y ?? "")) out.push(`${name} ${formatDay(x)} → ${formatDay(y)}`);
  };
  field("締結日", a.concludedOn, b.concludedOn);
  field("適用日", a.appliesFrom, b.appliesFrom);
  const norm = (rs: EventDates["resolutions"]): Map<string, string> => new Map(Object.entries(rs ?? {}).map(([p, d]) => [normalizeText(p), d]));
  const ra = norm(a.resolutions);
  const rb = norm(b.resolutions);
  for (const party of [...new Set([...ra.keys(), ...rb.keys()])].sort()) field(`議決日 ${party}`, ra.get(party), rb.get(party));
  return out;
}

const short = (h: string): string => (h === "" ? "（なし）" : `${h.slice(0, 12)}…`);

/**
 * Render the audit report of one agreement from its stored events and history entries.
 *
 * @example
 * renderAudit(engine.events("okayama-wake"), engine.history("okayama-wake"), { format: "md", agreementId: "okayama-wake" });
 * // "# 監査報告 — okayama-wake\n\n…| 記録 | 種別 | 記録日時 | 記録者 |…"
 */
export function renderAudit(events: readonly StoredEvent[], entries: readonly HistoryEntry[], options: AuditOptions): string {
  const byseq = new Map(entries.map((x) => [x.seq, x] as const));
  const findings = auditFindings(events, entries);
  const agreementId = options.agreementId ?? events[0]?.agreementId;
  const rows = events.map((e) => {
    const x = byseq.get(e.seq);
    const dates = x?.dates ?? e.legal?.dates;
    const source = e.legal?.source;
    return {
      seq: e.seq,
      kind: e.kind,
      kindLabel: EVENT_KIND_LABEL[e.kind],
      status: x?.status ?? (e.legal?.draft === true ? "draft" : e.legal ? "ratified" : undefined),
      recordedAt: e.recordedAt,
      recordedBy: e.recordedBy,
      concludedOn: dates?.concludedOn,
      appliesFrom: dates?.appliesFrom,
      sourceName: x?.sourceName ?? source?.name,
      sourceSha256: x?.sourceSha256 ?? source?.sha256,
      // The file the text was read from (Word, PDF, HTML, Shift_JIS…), by its bytes' SHA-256.
      ...(source?.original !== undefined && { sourceOriginal: source.original }),
      hash: e.hash,
      prevHash: e.prevHash,
      marks: x ? entryMarks(x) : [],
      summary: x?.summary ?? "",
    };
  });
  if (options.format === "json") {
    return `${JSON.stringify({ agreementId, ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}), events: rows, findings }, null, 2)}\n`;
  }
  const title = `監査報告${agreementId !== undefined ? ` — ${agreementId}` : ""}`;
  const intro = [
    options.knownAt === undefined
      ? "記録時点: 現在（すべての記録）"
      : `記録時点: ${options.knownAtText !== undefined && options.knownAtText !== options.knownAt ? `${options.knownAtText}（指定のとおり）→ ` : ""}${formatInstant(options.knownAt)} までに記録されたもの`,
    `記録数: ${events.length}件、所見: ${findings.length}件`,
    findings.some((f) => f.kind === "chain") ? "連鎖: 不整合あり（下記）" : `連鎖: 連番と直前ハッシュの参照は整合（ハッシュ値の再計算は verify コマンド）`,
  ];
  const ACT_DAY: Readonly<Record<string, string>> = { notice: "通告日", withdrawNotice: "撤回日", renew: "更新日", declineRenewal: "意思表示の日" };
  const header = ["記録", "種別", "記録日時", "記録者", "締結日", "適用日", "出典", "SHA-256", "注記"];
  const cells = (empty: string): string[][] => rows.map((r) => [
    `#${r.seq}`,
    r.kindLabel,
    formatInstant(r.recordedAt),
    r.recordedBy,
    // A 通告, its 撤回, a 更新 or 更新拒絶 is dated by the act (通告日 …) and has no 適用日 of its own: its line says what it does.
    r.concludedOn !== undefined ? `${ACT_DAY[r.kind] !== undefined ? `${ACT_DAY[r.kind]!} ` : ""}${formatDay(r.concludedOn)}` : "—",
    r.appliesFrom !== undefined ? formatDay(r.appliesFrom) : ACT_DAY[r.kind] !== undefined && r.summary !== "" ? `—（${r.summary}）` : "—",
    r.sourceName === undefined ? "—" : r.sourceOriginal === undefined ? r.sourceName : `${r.sourceName}（原本: ${r.sourceOriginal.format}${r.sourceOriginal.encoding !== undefined ? `・${r.sourceOriginal.encoding}` : ""}、sha256:${r.sourceOriginal.sha256}）`,
    r.sourceSha256 ?? "—",
    r.marks.length > 0 ? r.marks.join("・") : empty,
  ]);
  // No record (a --known-at before the first one): say so, not an empty table a reader may take for a cut page.
  const noRecords = options.knownAt === undefined ? "該当なし（記録がない）" : "該当なし（この時点までに記録されたものはない）";
  const records = (format: "html" | "md" | "text", empty: string): string =>
    rows.length > 0 ? table(format, header, cells(empty)) : format === "html" ? `<p>${escapeHtml(noRecords)}</p>` : format === "text" ? `  ${noRecords}` : noRecords;
  const sections = (Object.keys(KIND_TITLE) as AuditFinding["kind"][]).map((k) => ({ title: KIND_TITLE[k], none: KIND_NONE[k], items: findings.filter((f) => f.kind === k) }));
  switch (options.format) {
    case "html": {
      const body = [
        `<h1>${escapeHtml(title)}</h1>`,
        `<ul>${intro.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
        "<h2>記録一覧</h2>",
        records("html", "—"),
        ...sections.map((s) => `<h2>${escapeHtml(s.title)}</h2>\n${s.items.length > 0 ? `<ul>${s.items.map((f) => `<li>${escapeHtml(f.message)}</li>`).join("")}</ul>` : `<p>${escapeHtml(s.none)}</p>`}`),
      ];
      return htmlPage(title, body.join("\n"));
    }
    case "md":
      return `${[
        `# ${title}`,
        "",
        ...intro.map((l) => `- ${l}`),
        "",
        "## 記録一覧",
        "",
        records("md", "—"),
        ...sections.flatMap((s) => ["", `## ${s.title}`, "", ...(s.items.length > 0 ? s.items.map((f) => `- ${f.message}`) : [s.none])]),
      ].join("\n")}\n`;
    case "text":
      return `${[
        title,
        ...intro,
        "",
        "■ 記録一覧",
        records("text", ""),
        ...sections.flatMap((s) => ["", `■ ${s.title}`, ...(s.items.length > 0 ? s.items.map((f) => `  ${f.message}`) : [`  ${s.none}`])]),
      ].join("\n")}\n`;
  }
}
