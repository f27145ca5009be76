/**
 * Japanese labels for provision addresses, dates and events, as messages, summaries and
 * every renderer (CLI, reports) need them: 「第7条」「別表II中「…」の取組」
 * 「平成28年10月11日（2016-10-11）」「#2（変更）」. One phrasing for each, here.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import { isIsoDate } from "../date/calendar.js";
import { toWareki } from "../date/era.js";
import { EVENT_KIND_LABEL, type EventKind, type Resolutions } from "../events/types.js";
import { parseAddress, type Address } from "../model/address.js";
import { normalizeText } from "../model/normalize.js";

/** The diff's pseudo-address of the document's unknown parts (docs/diff.md). */
const UNKNOWN_PARTS = "unknown";

const ITEM_NUMBER = /^[(（]?([0-9０-９]+)[)）]?$/u;

/**
 * An article's label as the text writes it: 「第3条」, and with 枝番号 「第5条の2」.
 *
 * @example
 * articleLabel("3"); // "第3条"
 * articleLabel("5の2"); // "第5条の2"
 */
export function articleLabel(number: string): string {
  const [main, ...branches] = number.split("の");
  return `第${main}条${branches.map((b) => `の${b}`).join("")}`;
}

/**
 * A Japanese label for a provision address, as a 改め文 would name it. The one phrasing of
 * addresses for messages, summaries, the CLI and reports; an address that does not parse is
 * returned as it is.
 *
 * @example
 * addressLabel("article:7"); // "第7条"
 * addressLabel("article:5の2"); // "第5条の2"
 * addressLabel("article:5/caption"); // "第5条の見出し"
 * addressLabel("article:3/paragraph:2/item:1"); // "第3条第2項第1号"
 * addressLabel("appendix:1/section:II"); // "別表II"
 * addressLabel("appendix:1/section:I/item:子育て支援の充実"); // "別表I中「子育て支援の充実」の取組"
 * addressLabel("unknown"); // "原文が未登録の部分"
 */
export function addressLabel(address: Address): string {
  // `unknown` is the diff's pseudo-address for the list of parts no recorded text gives.
  if (address === UNKNOWN_PARTS) return "原文が未登録の部分";
  const segs = parseAddress(address);
  if (!segs) return address;
  let out = "";
  for (const s of segs) {
    const v = s.value ?? "";
    switch (s.kind) {
      case "title": out += "題名"; break;
      case "name": out += "名称"; break;
      case "date": out += "日付"; break;
      case "preamble": out += "前文"; break;
      case "closing": out += "末文"; break;
      case "signedOn": out += "署名の日付"; break;
      case "parties": out += "当事者"; break;
      case "party": out += `当事者${v}`; break;
      case "articles": out += "本則の各条"; break;
      case "article": out += articleLabel(v); break;
      case "caption": out += "の見出し"; break;
      case "paragraph": out += `第${v}項`; break;
      case "item": {
        if (out.includes("別表")) { out += `中「${v}」の取組`; break; }
        const m = ITEM_NUMBER.exec(v);
        out += m ? `第${m[1]}号` : v;
        break;
      }
      case "appendices": out += "別表"; break;
      case "appendix": out += v === "1" ? "別表" : `別表第${v}`; break;
      case "section": out += v.startsWith("#") ? `（${v.slice(1)}番目の区分）` : v; break;
      case "field": out += `の${v}の欄`; break;
      case "supplementary": out += "附則"; break;
    }
  }
  return out;
}

/**
 * The wareki (和暦) form of an ISO day, for messages; the ISO text as is when it has none
 * (malformed, or before 明治).
 *
 * @example
 * warekiLabel("2016-10-11"); // "平成28年10月11日"
 * warekiLabel("2019-05-01"); // "令和元年5月1日"
 */
export function warekiLabel(date: IsoDate): string {
  if (!isIsoDate(date) || date < "1868-10-23") return date;
  return toWareki(date);
}

/**
 * A day as every output names it (the CLI, reports, rule messages, summaries): the legal
 * reading first, ISO beside — 「平成28年10月11日（2016-10-11）」. The ISO text alone when it
 * has no wareki (malformed, or before 明治).
 *
 * @example
 * dateLabel("2016-10-11"); // "平成28年10月11日（2016-10-11）"
 * dateLabel("1800-01-01"); // "1800-01-01"
 */
export function dateLabel(date: IsoDate): string {
  const known = labelMemo.get(date);
  if (known !== undefined) return known;
  const w = warekiLabel(date);
  const label = w === date ? date : `${w}（${date}）`;
  // Reasons and messages name the same few days again and again (as-of answers say why a
  // day is not in force); the era conversion costs more than the lookup it answers.
  if (labelMemo.size >= LABEL_MEMO) labelMemo.delete(labelMemo.keys().next().value!);
  labelMemo.set(date, label);
  return label;
}

const LABEL_MEMO = 4096;
const labelMemo = new Map<string, string>();

/**
 * How every output names a recorded event: its sequence number with its kind. `inline`
 * (the default) is the form inside a sentence, 「#1（締結）の岡山市の議決日…」; `heading` the
 * form that heads a line or a list entry, 「#2 変更」.
 *
 * @example
 * eventLabel({ seq: 1, kind: "conclude" }); // "#1（締結）"
 * eventLabel({ seq: 2, kind: "amend" }, "heading"); // "#2 変更"
 */
export function eventLabel(event: { readonly seq: number; readonly kind: EventKind }, form: "inline" | "heading" = "inline"): string {
  const kind = EVENT_KIND_LABEL[event.kind] ?? event.kind;
  return form === "heading" ? `#${event.seq} ${kind}` : `#${event.seq}（${kind}）`;
}

/**
 * Event numbers as compact ranges, the way a message lists them: consecutive numbers joined
 * with 「–」, runs separated by 「, 」 (input in any order, duplicates ignored).
 *
 * @example
 * seqRanges([1, 2, 3, 5, 7, 8]); // "#1–#3, #5, #7–#8"
 * seqRanges([4]); // "#4"
 */
export function seqRanges(seqs: readonly number[]): string {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (sorted[i + 1] === sorted[i]! + 1) i++;
    runs.push(start === sorted[i] ? `#${start}` : `#${start}–#${sorted[i]}`);
  }
  return runs.join(", ");
}

/**
 * Why `seq` names no legal event (締結, 変更, 廃止, 現行取込) that ratify, resolve or correct
 * could act on, given the agreement's recorded events: past the last event, or a record
 * event (ratify/resolve/correct) about another one. Lists the legal events as ranges.
 *
 * @example
 * noTargetMessage("okayama-wake", [{ seq: 1, kind: "conclude" }, { seq: 2, kind: "resolve" }], 2);
 * // "okayama-wake #2 は別の出来事についての議決日追加の記録で、法的な出来事ではない（法的な出来事は #1）"
 */
export function noTargetMessage(agreementId: string, events: readonly { readonly seq: number; readonly kind: EventKind }[], seq: number): string {
  const legal = events.filter((e) => e.kind === "conclude" || e.kind === "amend" || e.kind === "abolish" || e.kind === "baseline").map((e) => e.seq);
  const list = legal.length > 0 ? `法的な出来事は ${seqRanges(legal)}` : "法的な出来事はない";
  const found = events.find((e) => e.seq === seq);
  if (found !== undefined) return `${agreementId} #${seq} は別の出来事についての${EVENT_KIND_LABEL[found.kind] ?? found.kind}の記録で、法的な出来事ではない（${list}）`;
  const last = events[events.length - 1];
  return `${agreementId} に出来事 #${seq} はない（${last === undefined ? "出来事の記録がない" : `最後は #${last.seq}。${list}`}）`;
}

/**
 * A list of parties as every output prints it: each name normalised (「岡 山 市」 reads
 * 「岡山市」; the document text keeps its own spelling), joined with 「、」; 「—」 for none.
 *
 * @example
 * partiesLabel(["岡 山 市", "備前市"]); // "岡山市、備前市"
 * partiesLabel([]); // "—"
 */
export function partiesLabel(parties: readonly string[]): string {
  return parties.length === 0 ? "—" : parties.map(normalizeText).join("、");
}

/**
 * The 議決日 of an event party by party, as every output lists them: names normalised (a
 * text's 「岡 山 市」 and a date recorded for 「岡山市」 are one party), the event's parties first,
 * then any other party with a date; `date` absent where none is recorded (未登録). A 現行取込
 * (baseline) has no 議決 of its own: only the dates given are listed, none is missing.
 *
 * @example
 * partyResolutions({ 岡山市: "2016-09-30" }, ["岡 山 市", "和気町"]);
 * // [{ party: "岡山市", date: "2016-09-30" }, { party: "和気町" }]
 * partyResolutions({}, ["岡山市"], "baseline"); // []
 */
export function partyResolutions(resolutions: Resolutions | undefined, parties: readonly string[], kind?: EventKind): { party: string; date?: IsoDate }[] {
  const dates = new Map(Object.entries(resolutions ?? {}).map(([p, d]) => [normalizeText(p), d]));
  const names = new Set([...(kind === "baseline" ? [] : parties.map(normalizeText)), ...dates.keys()]);
  return [...names].map((party) => (dates.has(party) ? { party, date: dates.get(party)! } : { party }));
}

/**
 * True for a well-formed, existing ISO calendar day (`YYYY-MM-DD`); a type guard over
 * unknown input for the rule checks.
 *
 * @example
 * isCompleteIsoDay("2019-02-29"); // false
 */
export function isCompleteIsoDay(value: unknown): value is IsoDate {
  return typeof value === "string" && isIsoDate(value);
}

/**
 * The place a part of an event was read from, as messages end: 「（amend.txt 12行目）」.
 * Empty when the event was not read from a text or the line is unknown.
 *
 * @example
 * sourceLineLabel({ name: "amend.txt" }, 12); // "（amend.txt 12行目）"
 * sourceLineLabel(undefined, 12); // ""
 */
export function sourceLineLabel(source: { readonly name: string } | undefined, line: number | undefined): string {
  return source === undefined || line === undefined ? "" : `（${source.name} ${line}行目）`;
}

/** How an agreement stopped being in force: 廃止, 通告による失効, or 期間満了. */
export type EndKind = "abolish" | "notice" | "term";

/** The word outputs print for each {@link EndKind}. */
export const END_KIND_LABEL: Readonly<Record<EndKind, string>> = { abolish: "廃止", notice: "通告による失効", term: "期間満了" };

/**
 * How a timeline (or a stored summary of one) ends: the kind of the event that ended it (a
 * 廃止 or a 通告), else 期間満了 when the term ran out; `undefined` while it is in force.
 *
 * @example
 * endKindOf({ abolishedFrom: "2027-07-01", abolishedBy: { kind: "notice" } }); // "notice"
 * endKindOf({ abolishedFrom: "2026-04-01", term: { outcome: "expired" } }); // "term"
 */
export function endKindOf(t: { readonly abolishedFrom?: IsoDate; readonly abolishedBy?: { readonly kind: EventKind }; readonly term?: { readonly outcome: string } }): EndKind | undefined {
  if (t.abolishedFrom === undefined) return undefined;
  if (t.abolishedBy?.kind === "notice") return "notice";
  if (t.abolishedBy === undefined && t.term?.outcome === "expired") return "term";
  return "abolish";
}
