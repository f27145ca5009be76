/**
 * Drafting from an edit made in code: an embedding tool (a municipal system that lets people
 * edit in its own screens) changes the text in force with an immer recipe, and gets the
 * 変更連携協約書 without ever building operations by hand.
 *
 * @module
 */
import { addDays, editDocument, fail, isKyoyakuError, issue, ok, type EditRecipe, type IsoDate, type Kyoyaku, type Result } from "@kyoyaku/core";
import { draftAmendment } from "./draft.js";
import { writeAmendment } from "./kaimebun.js";
import { wordBoundaries } from "./quote.js";
import type { Draft, DraftBase, DraftOptions } from "./types.js";

/**
 * The base of a draft that applies from `appliesFrom`: the text in force on the day before
 * (the engine's as-of) and the agreement's 締結日 from its record (its 締結, else the date under
 * the title of the text in force). Refused (`draft.no-base`,
 * `draft.no-concluded-on`) when nothing is in force that day or the record has no 締結 to name.
 *
 * @example
 * const base = draftBaseOf(k, "okayama-wake", "2025-04-01");
 * if (base.ok) base.value.concludedOn; // "2016-10-11"
 */
export function draftBaseOf(engine: Kyoyaku, id: string, appliesFrom: IsoDate): Result<DraftBase> {
  const dayBefore = addDays(appliesFrom, -1);
  const before = engine.asOf(id, dayBefore).document;
  if (before === undefined) {
    return fail([issue("error", "draft.no-base", `協約「${id}」は適用日の前日（${dayBefore}）に効力がないため、その本文を変更する案は作れない`, { date: dayBefore })]);
  }
  // The 締結's 締結日, else the date printed under the title (a history that begins with a 現行取込).
  const concludedOn = engine.history(id).find((e) => e.kind === "conclude" && e.status === "ratified")?.dates?.concludedOn ?? before.date?.iso;
  if (concludedOn === undefined) {
    return fail([issue("error", "draft.no-concluded-on", `協約「${id}」の記録に締結日がないため、前文の「…に締結した…連携協約」が書けない`)]);
  }
  return ok({ id, before, concludedOn });
}

/**
 * Draft the 変更連携協約書 for an edit of the text in force on the day before `date`, made by
 * an immer `recipe` (`date` is the 適用日; core's {@link editDocument}: immer's patches turned into the change's
 * operations), then written as 改め文 by {@link writeAmendment}. When the writer cannot say
 * the edit's operations as they are, the change is planned again from the
 * edited text ({@link draftAmendment}, whole 条 where needed); either way the draft is read back
 * and must lead exactly to the edited text. An edit of what no amendment changes is refused
 * (`input.invalid`).
 *
 * @example
 * const r = draftFromEdit(k, "okayama-wake", "2025-04-01", (doc) => {
 *   const p = doc.articles[4]!.paragraphs[0]!;
 *   p.text = p.text.replace("毎年度", "毎年度1回以上");
 * });
 * if (r.ok) console.log(r.value.text); // …第5条中「毎年度」を「毎年度1回以上」に改める。…
 */
export function draftFromEdit(engine: Kyoyaku, id: string, date: IsoDate, recipe: EditRecipe, options: Omit<DraftOptions, "appliesFrom"> = {}): Result<Draft> {
  const base = draftBaseOf(engine, id, date);
  if (!base.ok) return fail(base.issues);
  let edit;
  try {
    // Quotes cut where the 改め文 writer cuts words (a run of 漢字 whole).
    edit = editDocument(base.value.before, recipe, { wordBoundaries });
  } catch (e) {
    if (isKyoyakuError(e) && e.code === "input.invalid") return fail([issue("error", "draft.unsupported-change", e.message)]);
    throw e;
  }
  if (edit.operations.length === 0) return fail([issue("error", "draft.no-change", "編集は本文を何も変えていない（改める所がない）")]);
  const full: DraftOptions = { ...options, appliesFrom: date };
  const written = writeAmendment(base.value, edit.operations, full);
  if (written.ok) return written;
  // The edit's operations as they are cannot be written (or read back) as 改め文: plan again
  // from the edited text, which may say the change otherwise (whole 条 where needed).
  const planned = draftAmendment(base.value, edit.after, full);
  if (!planned.ok) return planned;
  const why = written.issues.map((i) => i.message).join("／");
  return ok(planned.value, [...planned.issues, issue("info", "draft.replanned", `編集の操作をそのまま改め文に書けないため（${why}）、編集後の本文との差分から改めて書いた`)]);
}
