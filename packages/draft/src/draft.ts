/**
 * Drafting from the edited text: plan the operations that take the text in force to it, write
 * the 改め文, and check the plan reaches the edited text exactly — a part the amendment cannot
 * change (the parties, the dates, the 署名欄) or a change the plan missed is refused, naming
 * the part, rather than drafted without it.
 *
 * @module
 */
import { applyOperation, canonicalJson, fail, issue, type AgreementDocument, type Issue, type Operation, type Result } from "@kyoyaku/core";
import { writeAmendment } from "./kaimebun.js";
import { writeTaishohyo } from "./taishohyo.js";
import { planOperations, type Granularity } from "./plan.js";
import type { Draft, DraftBase, DraftOptions } from "./types.js";

/** The parts of a document an amendment's operations do not reach, with their Japanese names. */
const PART_NAMES: Readonly<Record<string, string>> = {
  title: "題名", date: "日付", parties: "当事者", name: "名称", preamble: "前文", articles: "条", closing: "後文",
  signedOn: "署名欄の日付", appendices: "別表", supplementary: "附則", unknown: "不明な部分",
};

/** The top-level parts where two documents differ. */
function differingParts(a: AgreementDocument, b: AgreementDocument): string[] {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => canonicalJson(ra[k] ?? null) !== canonicalJson(rb[k] ?? null));
}

/** Apply operations in order; the issues of the first that fails. */
function applyAll(doc: AgreementDocument, operations: readonly Operation[]): Result<AgreementDocument> {
  let d = doc;
  for (const op of operations) {
    const r = applyOperation(d, op);
    if (!r.ok) return r;
    d = r.value;
  }
  return { ok: true, value: d, issues: [] };
}

/**
 * Draft the 変更連携協約書 that takes `base.before` to `after`: {@link planOperations} then
 * {@link writeAmendment}. When the finest plan cannot be written (a quote the 改め文 cannot
 * make unique, a 号 below a 号), each changed 条 and 別表 is rewritten whole instead. Refused
 * with `draft.unsupported-change` when the texts differ where an amendment does not reach
 * (parties, dates, 後文, 署名欄), and with `draft.no-change` when they do not differ at all.
 *
 * @example
 * const r = draftAmendment({ id: "okayama-wake", before, concludedOn: "2016-10-11" }, edited, { appliesFrom: "2025-04-01" });
 * if (r.ok) console.log(r.value.text); // (案) … 第5条中「毎年度会議」を「毎年度1回以上会議」に改める。…
 */
export function draftAmendment(base: DraftBase, after: AgreementDocument, options: DraftOptions): Result<Draft> {
  if (canonicalJson(base.before) === canonicalJson(after)) {
    return fail([issue("error", "draft.no-change", "新しい本文は、変更前の本文と同じです（改める所がない）")]);
  }
  let last: readonly Issue[] = [];
  for (const granularity of ["fine", "coarse"] as Granularity[]) {
    const operations = planOperations(base.before, after, granularity);
    const reached = applyAll(base.before, operations);
    if (!reached.ok) { last = reached.issues; continue; }
    const parts = differingParts(reached.value, after);
    if (parts.length > 0) {
      return fail(parts.map((p) => issue("error", "draft.unsupported-change",
        `新しい本文は${PART_NAMES[p] ?? p}が変更前と異なるが、変更連携協約の改め文はそこを改めない（当事者・日付・後文・署名欄は変更協約書自身のものを書く）。その部分を変更前の本文のとおりに戻してください`, { address: p })));
    }
    const written = writeAmendment(base, operations, options);
    if (written.ok) return options.style === "taishohyo" ? asTable(base, after, options, written.value) : written;
    last = written.issues;
  }
  return fail(last);
}

/**
 * The same change in 新旧対照表方式 ({@link writeTaishohyo}: the table is the amending text); the
 * operations, diff and 新旧対照表 stay those of the plan, which the table reads back to.
 */
function asTable(base: DraftBase, after: AgreementDocument, options: DraftOptions, planned: Draft): Result<Draft> {
  const t = writeTaishohyo(base, base.before, after, options);
  return t.ok ? { ok: true, value: { ...planned, text: t.value.text }, issues: t.issues } : fail(t.issues);
}
