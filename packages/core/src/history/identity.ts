/**
 * Rules about which agreement a text is: a second 締結 in an agreement that already has one is
 * refused (a restatement is recorded as an amendment with a `restate` operation, on purpose),
 * and a 変更 or 廃止 that names another agreement (title or 締結日) is refused. Both say what the
 * text looks like, so the user knows what to do instead.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { LegalEventInput } from "../events/types.js";
import type { AgreementDocument } from "../model/document.js";
import { issue, type Issue } from "../model/issue.js";
import { normalizeText } from "../model/normalize.js";
import type { EffectiveEvent } from "./effective.js";
import { dateLabel, eventLabel, sourceLineLabel } from "./labels.js";

const live = (e: EffectiveEvent): boolean => e.status !== "retracted";

/** The title without its trailing 書 (連携協約書 → 連携協約), normalised. */
const bare = (title: string): string => normalizeText(title).replace(/書$/u, "");

/** The 締結日 of a document as written in it (the signature date, else the date under the title). */
const documentDate = (d: AgreementDocument): IsoDate | undefined => d.signedOn?.iso ?? d.date?.iso;

/**
 * What a candidate 締結 looks like next to the one recorded: a 廃止, a 通告 letter, a
 * restatement (全部変更), the same agreement again, another agreement.
 */
function looksLike(doc: AgreementDocument, l: LegalEventInput, recorded: EffectiveEvent): string {
  const title = normalizeText(doc.title);
  const preamble = normalizeText(doc.preamble);
  const old = recorded.payload.kind === "conclude" || recorded.payload.kind === "baseline" ? recorded.payload.document : undefined;
  const when = l.dates.concludedOn;
  const was = recorded.dates.concludedOn;
  const parties = new Set(l.parties.map((p) => normalizeText(p)));
  const sameParties = parties.size > 0 && recorded.parties.length === parties.size && recorded.parties.every((p) => parties.has(normalizeText(p)));
  if (/廃止/u.test(title) || /廃止する/u.test(preamble)) return "廃止の協約書のように見える（廃止なら「…連携協約を廃止する。」の文がある廃止の協約書として取り込む）";
  if (/通告|通知/u.test(title) || /通告/u.test(preamble)) return "通告・通知の文書のように見える（協約の締結ではない）";
  if (/全部を次の(?:とおり|ように)(?:変更|改正)/u.test(preamble) || /変更/u.test(title)) {
    return "全部変更（協約全体の書き直し）のように見える：意図してそうするなら `kyoyaku import --restate` で変更（全部変更）として記録する";
  }
  if (!sameParties) return `当事者（${[...parties].join("・")}）が記録済みの協約（${recorded.parties.map((p) => normalizeText(p)).join("・")}）と異なる別の協約のように見える：別の協約IDで記録する`;
  if (old !== undefined && bare(old.title) === bare(doc.title) && when !== undefined && when === was) {
    return `同じ協約（題名・当事者・締結日 ${dateLabel(when)} が同じ）をもう一度取り込もうとしている（写しの違いで原文が異なるだけなら、記録済みの${eventLabel(recorded)}で足りる）`;
  }
  if (when !== undefined && was !== undefined && when > was) {
    return `同じ当事者による後の日付（${dateLabel(when)}）の協約で、再締結・全部変更（restatement）のように見える：意図してそうするなら \`kyoyaku import --restate\` で変更（全部変更）として記録する`;
  }
  return "同じ当事者の別の締結のように見える：記録済みの締結が誤りなら訂正（kyoyaku correct）で撤回してから取り込む";
}

/**
 * A 締結 into an agreement that already has a live 締結: refused (`rule.second-conclusion`),
 * saying what the text looks like.
 *
 * @example
 * secondConclusion(effectiveEvents(events), input); // [issue("error", "rule.second-conclusion", "…")] when #1 is a 締結
 */
export function secondConclusion(before: readonly EffectiveEvent[], l: LegalEventInput): Issue[] {
  if (l.payload.kind !== "conclude") return [];
  const recorded = before.find((e) => e.kind === "conclude" && live(e));
  if (recorded === undefined) return [];
  const draft = recorded.status === "draft" ? `（${eventLabel(recorded)}は案：確定するなら kyoyaku ratify）` : "";
  const what = looksLike(l.payload.document, l, recorded);
  return [issue("error", "rule.second-conclusion",
    `この協約には締結が${eventLabel(recorded)}として記録済み${draft}で、二つ目の締結は記録できない。このテキストは${what}`,
    { ...(l.dates.concludedOn !== undefined ? { date: l.dates.concludedOn } : {}) })];
}

/** True when the title a 廃止 names is the recorded agreement's (its name line, its title, or parties + title). */
function sameTitle(named: string, doc: AgreementDocument, parties: readonly string[]): boolean {
  const n = bare(named);
  if (n === "") return true;
  if (doc.name !== undefined && bare(doc.name) === n) return true;
  const t = bare(doc.title);
  if (t === n) return true;
  // 「岡山市及び和気町における連携中枢都市圏形成に係る連携協約」 for the title 「連携中枢都市圏形成に係る連携協約書」.
  if (t !== "" && n.endsWith(t)) {
    const prefix = n.slice(0, n.length - t.length);
    return /(?:における|の|間の)$/u.test(prefix) && parties.every((p) => prefix.includes(normalizeText(p)));
  }
  return false;
}

/**
 * A 変更 or 廃止 naming an agreement in its 前文 (「平成28年10月11日に締結した…連携協約の一部を次の
 * とおり変更する。」「…連携協約を廃止する。」) whose title or 締結日 is not the recorded one's:
 * refused — `rule.amend-base-mismatch` for a 変更, `rule.abolish-base-mismatch` for a 廃止 —
 * naming both, and the line of the sentence (「（ファイル名 N行目）」) when the text was read from one.
 *
 * @example
 * baseMismatch(effectiveEvents(events), input); // [] when the text names #1's title and 締結日
 */
export function baseMismatch(before: readonly EffectiveEvent[], l: LegalEventInput): Issue[] {
  const p = l.payload;
  if ((p.kind !== "abolish" && p.kind !== "amend") || p.base === undefined) return [];
  const base = p.base;
  const origins = before.filter((e) => live(e) && (e.kind === "conclude" || e.kind === "baseline"));
  if (origins.length === 0) return [];
  const docs: AgreementDocument[] = [];
  const restatedOn: IsoDate[] = [];
  for (const e of before) {
    if (!live(e)) continue;
    if (e.payload.kind === "conclude" || e.payload.kind === "baseline") docs.push(e.payload.document);
    if (e.payload.kind === "amend") {
      for (const op of e.payload.operations) {
        if (op.op !== "restate") continue;
        docs.push(op.document);
        // A 全部変更 is a later 締結 of the same agreement: a text may name it by its day.
        if (e.dates.concludedOn !== undefined) restatedOn.push(e.dates.concludedOn);
      }
    }
  }
  const code = p.kind === "amend" ? "rule.amend-base-mismatch" : "rule.abolish-base-mismatch";
  const what = p.kind === "amend" ? "この変更は" : "この廃止は";
  const verb = p.kind === "amend" ? "変更する" : "廃止する";
  const line = l.sourceLines?.base;
  const where = sourceLineLabel(l.source, line);
  const at = line !== undefined && l.source !== undefined ? { file: l.source.name, line } : {};
  const parties = origins[0]!.parties;
  const out: Issue[] = [];
  if (base.title !== undefined && !docs.some((d) => sameTitle(base.title!, d, parties))) {
    const names = [...new Set(docs.map((d) => d.name ?? d.title))].map((t) => `「${t}」`).join("、");
    out.push(issue("error", code,
      `${what}「${base.title}」を${verb}と言うが、この協約は${names}（${eventLabel(origins[0]!)}）：別の協約の${p.kind === "amend" ? "変更" : "廃止"}を取り込もうとしていないか確かめる${where}`, at));
  }
  const named = base.date?.iso;
  const known = [...new Set([...origins.flatMap((e) => {
    const d = e.kind === "conclude" ? e.dates.concludedOn : undefined;
    const q = e.payload.kind === "conclude" || e.payload.kind === "baseline" ? documentDate(e.payload.document) : undefined;
    return [d, q].filter((x): x is IsoDate => x !== undefined);
  }), ...restatedOn])];
  if (named !== undefined && known.length > 0 && !known.includes(named)) {
    out.push(issue("error", code,
      `${what}${base.date!.text}（${named}）に締結した協約を${verb}と言うが、この協約の締結日は${known.map((d) => dateLabel(d)).join("・")}（${eventLabel(origins[0]!)}）：締結日が一致しない${where}`,
      { ...at, date: named }));
  }
  return out;
}
