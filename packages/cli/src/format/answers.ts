/**
 * Text renderings of engine answers (event references, as-of headers, history entries),
 * in Japanese legal style with ISO dates and English kind names beside.
 *
 * @module
 */
import {
  addressLabel, normalizeText, partiesLabel, partyResolutions, warekiLabel, type AsOfAnswer, type EventDates, type EventKind, type EventRef, type HistoryEntry, type Resolutions,
} from "@kyoyaku/core";
import { jpDate, jpInstant, jpInterval } from "./dates.js";
import { kindLabel, statusLabel } from "./labels.js";
import { table } from "./width.js";

/**
 * One event reference on one line.
 *
 * @example
 * eventRefLine({ seq: 1, kind: "conclude", concludedOn: "2016-10-11", appliesFrom: "2016-10-11", draft: false, retroactive: false });
 * // "#1 締結 (conclude) 締結日 平成28年10月11日 適用日 平成28年10月11日"
 * eventRefLine({ seq: 2, kind: "amend", appliesFrom: "2025-04-01", draft: false, retroactive: false }, ["appliesFrom"]);
 * // "#2 変更 (amend) 適用日 令和7年4月1日（入力による）"
 */
export function eventRefLine(r: EventRef, supplied: EventDates["supplied"] = []): string {
  const parts = [`#${r.seq}`, kindLabel(r.kind)];
  // A date the person gave (--applies-from, --signed-on), not read from the text, says so.
  const by = (f: "concludedOn" | "appliesFrom"): string => (supplied.includes(f) ? "（入力による）" : "");
  if (r.draft) parts.push("【案】");
  if (r.concludedOn !== undefined) parts.push(`締結日 ${warekiLabel(r.concludedOn)}${by("concludedOn")}`);
  if (r.appliesFrom !== undefined) parts.push(`適用日 ${warekiLabel(r.appliesFrom)}${by("appliesFrom")}`);
  if (r.retroactive) parts.push("（遡及適用）");
  return parts.join(" ");
}

/**
 * The labelled header lines printed above a text in force; `supplied` says which dates of an
 * event the person gave rather than the text (printed 「（入力による）」).
 *
 * @example
 * asOfHeader(k.asOf("okayama-wake", "2020-04-01"), "連携協約書");
 * // "協約        okayama-wake（連携協約書）\n基準日      令和2年4月1日（2020-04-01）\n版の期間 …"
 */
export function asOfHeader(a: AsOfAnswer, title?: string, supplied: (seq: number) => EventDates["supplied"] = () => []): string {
  const rows: [string, string][] = [];
  rows.push(["協約", title !== undefined && title !== "" ? `${a.agreementId}（${title}）` : a.agreementId]);
  rows.push(["基準日", jpDate(a.date)]);
  if (a.knownAt !== undefined) rows.push(["記録時点", `${jpInstant(a.knownAt)} までに記録された内容による`]);
  if (!a.inForce) {
    rows.push(["状態", `効力なし（not in force）${a.reason !== undefined ? `: ${a.reason}` : ""}`]);
  } else if (a.interval !== undefined) {
    rows.push(["版の期間", jpInterval(a.interval)]);
  }
  a.events.forEach((e, i) => rows.push([i === 0 ? "根拠" : "", eventRefLine(e, supplied(e.seq))]));
  for (const [label, text] of flagLines(a)) rows.push([label, text]);
  return table(rows);
}

/**
 * Flags of an as-of answer as labelled lines; each kind of flag is listed explicitly.
 *
 * @example
 * flagLines(answer).map(([label]) => label); // ["案は除外", "不明な部分", "議決日未登録"]
 */
export function flagLines(a: Pick<AsOfAnswer, "flags" | "withDrafts">): [string, string][] {
  const f = a.flags;
  const rows: [string, string][] = [];
  if (f.draftsApplied.length > 0) {
    rows.push(["案を反映", `${f.draftsApplied.map((r) => `#${r.seq}`).join("、")} — 未確定の案を確定したものとして反映した仮定の本文です（--with-drafts）`]);
  }
  if (f.draftsExcluded.length > 0) {
    // With --with-drafts, a draft still left out could not be placed (its 適用日 is not known to the day, …).
    const why = a.withDrafts === true ? "--with-drafts でも反映できない案（適用日が日まで定まっていない等。history で確認）" : "反映するには --with-drafts";
    rows.push(["案は除外", `${f.draftsExcluded.map((r) => eventRefLine(r)).join("；")} — ${why}`]);
  }
  if (f.retroactive.length > 0) {
    rows.push(["遡及適用", f.retroactive.map((r) => `#${r.seq}（適用日 ${day(r.appliesFrom)} ＜ 締結日 ${day(r.concludedOn)}）`).join("、")]);
  }
  if (f.unknownParts.length > 0) {
    rows.push(["不明な部分", `${f.unknownParts.map(addressLabel).join("、")} — 原文が登録されていないため表示できません`]);
  }
  if (f.renewalUnrecorded !== undefined) rows.push(["自動更新", f.renewalUnrecorded]);
  if (f.missingResolutions.length > 0) {
    rows.push([MISSING_RESOLUTIONS, f.missingResolutions.map((m) => `#${m.seq} ${normalizeText(m.party)}`).join("、")]);
  }
  return rows;
}

/** The label of the parties whose 議決日 is not recorded (未登録), in every view. */
const MISSING_RESOLUTIONS = "議決日未登録";

const day = (iso: string | undefined): string => (iso !== undefined ? warekiLabel(iso) : "—");

/**
 * 議決日 per party (core's partyResolutions: names normalised), missing ones marked 未登録; a
 * 現行取込 (baseline), which has no 議決 of its own, lists only the dates given, else
 * 「—（現行取込）」.
 *
 * @example
 * resolutionsText({ "岡山市": "2016-09-30" }, ["岡山市", "和気町"]);
 * // "岡山市 平成28年9月30日（2016-09-30）、和気町 未登録"
 */
export function resolutionsText(resolutions: Resolutions, parties: readonly string[], kind?: EventKind): string {
  // A 通告の撤回, 更新 or 更新拒絶 asks for no 議決 kyoyaku can name: only dates given are listed.
  const optional = kind === "withdrawNotice" || kind === "renew" || kind === "declineRenewal";
  const rows = partyResolutions(resolutions, optional ? [] : parties, kind);
  if (rows.length === 0) return kind === "baseline" ? "—（現行取込）" : "—";
  return rows.map((r) => `${r.party} ${r.date !== undefined ? jpDate(r.date) : "未登録"}`).join("、");
}

/**
 * Date rows of an event (締結日, 適用日, 施行日, 告示日, 議決日); a draft's blank date as written.
 * A 現行取込 (baseline) has no 議決 of its own: its 議決日 row lists only dates given, else
 * 「—（現行取込）」, never 未登録.
 *
 * @example
 * dateRows({ concludedOn: "2016-10-11", resolutions: {} }, ["岡山市"]);
 * // [["締結日", "平成28年10月11日（2016-10-11）"], ["適用日", "—"], ["議決日", "岡山市 未登録"]]
 * dateRows({ appliesFrom: "2020-04-01", resolutions: {} }, ["岡山市"], "baseline").at(-1);
 * // ["議決日", "—（現行取込）"]
 */
export function dateRows(d: EventDates | undefined, parties: readonly string[], kind?: EventKind): [string, string][] {
  const rows: [string, string][] = [];
  const written = d?.written;
  // A date the person gave (--applies-from, --signed-on) rather than the text says so.
  const by = (f: "concludedOn" | "appliesFrom" | "effectiveFrom"): string => (d?.supplied?.includes(f) === true ? "（入力による）" : "");
  // A 通告, its 撤回 and a 更新 are done on a day, not concluded; a 通告's 失効日 is computed, not given.
  const act = kind === "notice" ? "通告日" : kind === "withdrawNotice" ? "撤回日" : kind === "renew" ? "更新日" : kind === "declineRenewal" ? "意思表示の日" : undefined;
  rows.push([act ?? "締結日", d?.concludedOn !== undefined ? jpDate(d.concludedOn) + by("concludedOn") : written?.concludedOn !== undefined ? `${written.concludedOn.text}（日付未確定）` : "—"]);
  if (act === undefined) rows.push(["適用日", d?.appliesFrom !== undefined ? jpDate(d.appliesFrom) + by("appliesFrom") : written?.appliesFrom !== undefined ? `${written.appliesFrom.text}（日付未確定）` : "—"]);
  if (d?.effectiveFrom !== undefined) rows.push(["施行日", jpDate(d.effectiveFrom) + by("effectiveFrom")]);
  if (d?.announcedOn !== undefined) rows.push(["告示日", jpDate(d.announcedOn)]);
  rows.push(["議決日", resolutionsText(d?.resolutions ?? {}, parties, kind)]);
  return rows;
}

/**
 * A history entry as a block: a title line, then labelled rows indented.
 *
 * @example
 * historyBlock(entry).split("\n")[0]; // "#1 締結 (conclude) — 確定 (ratified)"
 */
export function historyBlock(h: HistoryEntry): string {
  const head = [`#${h.seq}`, kindLabel(h.kind)];
  const legal = h.kind === "conclude" || h.kind === "amend" || h.kind === "abolish" || h.kind === "baseline"
    || h.kind === "notice" || h.kind === "withdrawNotice" || h.kind === "renew" || h.kind === "declineRenewal";
  if (legal) head.push(`— ${statusLabel(h.status)}`);
  if (h.target !== undefined) head.push(`→ #${h.target}`);
  const rows: [string, string][] = [];
  if (h.summary !== "") rows.push(["内容", h.summary]);
  if (legal) {
    if (h.parties.length > 0) rows.push(["当事者", partiesLabel(h.parties)]);
    rows.push(...dateRows(h.dates, h.parties, h.kind));
  }
  // The same two rows, in the same words, as the audit report's.
  rows.push(["記録日時", jpInstant(h.recordedAt)], ["記録者", h.recordedBy]);
  if (h.sourceName !== undefined || h.sourceSha256 !== undefined) {
    rows.push(["原文", [h.sourceName, h.sourceSha256 && `sha256:${h.sourceSha256}`].filter(Boolean).join(" ")]);
  }
  const notes: string[] = [];
  if (h.retroactive) notes.push("遡及適用（適用日が締結日より前）");
  if (h.outOfOrder) notes.push("記録順が前後（より後の適用日の記録の後に記録）");
  if (h.missingResolutions.length > 0) notes.push(`${MISSING_RESOLUTIONS}: ${partiesLabel(h.missingResolutions)}`);
  if (h.amendedBy.length > 0) notes.push(`後の記録で変更: ${h.amendedBy.map((s) => `#${s}`).join("、")}`);
  if (notes.length > 0) rows.push(["注記", notes.join("；")]);
  return `${head.join(" ")}\n${indent(table(rows), "    ")}`;
}

/**
 * Indent every non-empty line.
 *
 * @example
 * indent("a\n\nb", "  "); // "  a\n\n  b"
 */
export function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? l : by + l))
    .join("\n");
}
