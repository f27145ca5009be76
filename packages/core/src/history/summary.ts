/**
 * One-line Japanese summaries of operations and events, in the words of a 改め文
 * (「第3条中「A」を「B」に改める」「第6条を第7条とし、第5条の次に1条を加える」).
 *
 * @module
 */
import type { LegalPayload, Operation, ProvisionNode } from "../events/types.js";
import type { Address } from "../model/address.js";
import type { AgreementDocument } from "../model/document.js";
import { normalizeText } from "../model/normalize.js";
import { addressLabel, dateLabel } from "./labels.js";

/** The counter a 改め文 uses for one provision of this kind: 1条, 1項, 1号 … */
function counter(node: ProvisionNode): string {
  if (typeof node === "string") return "文";
  const n = node as unknown as Record<string, unknown>;
  if ("paragraphs" in n && typeof n.number === "string") return "1条";
  if ("sections" in n) return "1表";
  if ("fields" in n) return `取組「${String(n.name)}」`;
  if (typeof n.title === "string" && "items" in n) return "1区分";
  if (typeof n.number === "number" && "items" in n) return "1項";
  if (typeof n.label === "string" && "items" in n) return "1号";
  if (typeof n.role === "string") return "当事者1者";
  if (typeof n.text === "string" && typeof n.name === "string") return `欄「${String(n.name)}」`;
  return "1規定";
}

/** How an address reads as the object of a phrase; a plain 別表 heading names the 別表 as written. */
function labelFor(address: Address, node?: ProvisionNode): string {
  if (/^appendix:\d+$/u.test(address) && node && typeof node === "object" && "heading" in node) {
    const heading = normalizeText(String(node.heading)).replace(/[（(].*$/u, "");
    if (heading.startsWith("別表")) return heading;
  }
  return addressLabel(address);
}

const PARENT_LABEL: Record<string, string> = { articles: "本則", appendices: "別表", parties: "当事者" };

/**
 * One line, in the words of a 改め文, of what an operation does; a per-operation 適用日
 * is added in parentheses.
 *
 * @example
 * summarizeOperation({ op: "replace", target: "appendix:1", node: appendix }); // "別表を全部改める"
 * summarizeOperation({ op: "replaceText", target: "article:3", from: "A", to: "B" }); // "第3条中「A」を「B」に改める"
 * summarizeOperation({ op: "renumber", target: "article:6", to: "article:7" }); // "第6条を第7条とする"
 */
export function summarizeOperation(op: Operation): string {
  const nth = (n?: number): string => (n === undefined ? "" : n === 1 ? "最初の" : `${n}番目の`);
  let s: string;
  switch (op.op) {
    case "replace": s = /\/caption$/u.test(op.target) && typeof op.node === "string" ? `${addressLabel(op.target)}を「（${op.node}）」に改める` : `${labelFor(op.target, op.node)}を全部改める`; break;
    case "replaceText": s = `${addressLabel(op.target)}中${nth(op.occurrence)}「${op.from}」を「${op.to}」に改める`; break;
    case "deleteText": s = `${addressLabel(op.target)}中${nth(op.occurrence)}「${op.text}」を削る`; break;
    case "delete": s = `${addressLabel(op.target)}を削る`; break;
    case "renumber": s = `${addressLabel(op.target)}を${addressLabel(op.to)}とする`; break;
    case "restate": s = "全部を改める（全部変更）"; break;
    case "insert": {
      // A string inserted into an article is its 見出し (「第5条に見出しとして「（X）」を付する」).
      if (typeof op.node === "string" && /^article:[^/]+$/u.test(op.parent)) { s = `${addressLabel(op.parent)}に見出しとして「（${op.node}）」を付する`; break; }
      const what = counter(op.node);
      const where = op.after !== undefined ? `${addressLabel(op.after)}の次に`
        : op.before !== undefined ? `${addressLabel(op.before)}の前に`
        : `${PARENT_LABEL[op.parent] ?? addressLabel(op.parent)}の末尾に`;
      s = `${where}${what}を加える`;
      break;
    }
  }
  return op.appliesFrom !== undefined ? `${s}（${op.appliesFrom}から適用）` : s;
}

/** 改め文 join: 「…とする」「…改める」「…加える」「…削る」 take their 連用形 before 「、」. */
function joinable(s: string): string {
  return s.replace(/とする(（[^）]*）)?$/u, "とし$1").replace(/改める(（[^）]*）)?$/u, "改め$1").replace(/加える(（[^）]*）)?$/u, "加え$1").replace(/削る(（[^）]*）)?$/u, "削り$1");
}

/**
 * The operations of an amendment as one sentence without its final 「。」.
 *
 * @example
 * summarizeOperations([renumber6to7, insertAfter5]); // "第6条を第7条とし、第5条の次に1条を加える"
 */
export function summarizeOperations(ops: readonly Operation[]): string {
  if (ops.length === 0) return "（改正内容なし）";
  const parts = ops.map(summarizeOperation);
  return parts.map((p, i) => (i < parts.length - 1 ? joinable(p) : p)).join("、");
}

/** What the agreement calls itself: 連携協約, 協定, 規約 … */
function noun(doc: AgreementDocument): string {
  const t = normalizeText(doc.title);
  for (const n of ["連携協約", "協定", "規約", "協約"]) if (t.includes(n)) return n;
  return "協約";
}

/**
 * Counts of a document, as summaries print them.
 *
 * @example
 * documentCounts(seed1Document); // "6条、別表3区分14取組"
 */
export function documentCounts(doc: AgreementDocument): string {
  const parts = [`${doc.articles.length}条`];
  doc.appendices.forEach((a, i) => {
    const items = a.sections.reduce((n, s) => n + s.items.length, 0);
    const name = doc.appendices.length === 1 ? "別表" : `別表第${i + 1}`;
    parts.push(a.sections.length === 1 && a.sections[0]!.label === "" ? `${name}${items}取組` : `${name}${a.sections.length}区分${items}取組`);
  });
  return parts.join("、");
}

/**
 * One line of what a legal event did.
 *
 * @example
 * summarizePayload({ kind: "conclude", document }); // "連携協約を締結（6条、別表3区分14取組）"
 * summarizePayload({ kind: "abolish" }); // "協約を廃止"
 * summarizePayload({ kind: "notice", party: "和気町" }); // "和気町が協約の廃止を通告"
 */
export function summarizePayload(payload: LegalPayload): string {
  switch (payload.kind) {
    case "conclude": return `${noun(payload.document)}を締結（${documentCounts(payload.document)}）`;
    case "baseline": return `現行の${noun(payload.document)}を取込（${documentCounts(payload.document)}${payload.document.unknown.length > 0 ? `、不明：${payload.document.unknown.join("・")}` : ""}）`;
    case "amend": return summarizeOperations(payload.operations);
    case "abolish": return "協約を廃止";
    case "notice": return `${normalizeText(payload.party)}が協約の廃止を通告`;
    case "withdrawNotice": return `#${payload.target}（通告）を撤回`;
    case "declineRenewal": return `${normalizeText(payload.party)}が期間満了による終了（更新しない旨）を意思表示`;
    case "renew": return `協約の期間を${dateLabel(payload.until)}まで更新${payload.automatic === true ? "（自動延長）" : ""}`;
  }
}
