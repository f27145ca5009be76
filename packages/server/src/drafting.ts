/**
 * Drafting on the server (issue 15): a whole new agreement text in, the 変更連携協約書 and its
 * 新旧対照表 out; nothing is written. The API route and the viewer page share this.
 *
 * @module
 */
import type { Issue, IsoDate, Kyoyaku } from "@kyoyaku/core";
import { draftAmendment, draftBaseOf, type Draft, type DraftStyle } from "@kyoyaku/draft";
import { parseAgreement } from "@kyoyaku/text";
import { problem, ProblemError, type ProblemIssue } from "./problem.js";

/** What a draft request gives. */
export interface DraftRequest {
  readonly id: string;
  /** The whole agreement text as the person edited it. */
  readonly text: string;
  /** 適用日 of the change: the text in force the day before is the base. */
  readonly appliesFrom: IsoDate;
  readonly signedOn?: IsoDate;
  readonly style?: DraftStyle;
  /** A name for the posted text in located issues (`本文.txt:12`). */
  readonly name?: string;
}

/** A located issue of the posted text (its line) or of the draft (a provision, a date). */
function located(i: Issue): ProblemIssue {
  return { severity: i.severity, code: i.code, message: i.message, location: { in: "body", ...i.location } };
}

/**
 * Draft the 変更連携協約書 that takes the text in force on the day before `appliesFrom` to the
 * posted text. Throws a {@link ProblemError}: `input.invalid` (400) when the text cannot be read
 * as an agreement (each issue with its line), `draft.refused` (422) when no draft can be written
 * (nothing changed, a part no amendment changes, nothing in force that day).
 *
 * @example
 * const d = draftFromText(k, { id: "okayama-wake", text: edited, appliesFrom: "2025-04-01" });
 * d.text; // "(案)\n\n連携中枢都市圏形成に係る変更連携協約書\n…"
 */
export function draftFromText(k: Kyoyaku, request: DraftRequest): Draft {
  const style = request.style ?? "kaimebun";
  const file = request.name ?? "本文.txt";
  const parsed = parseAgreement(request.text, { file });
  if (!parsed.ok) {
    const errors = parsed.issues.filter((i) => i.severity === "error");
    throw new ProblemError(problem("input.invalid", `新しい本文を協約書として読めない: ${errors[0]?.message ?? "読めない行がある"}`, errors.map(located)));
  }
  const base = draftBaseOf(k, request.id, request.appliesFrom);
  if (!base.ok) return refused(base.issues);
  const drafted = draftAmendment(base.value, parsed.value, { appliesFrom: request.appliesFrom, style, ...(request.signedOn !== undefined && { signedOn: request.signedOn }) });
  if (!drafted.ok) return refused(drafted.issues);
  return drafted.value;
}

function refused(issues: readonly Issue[]): never {
  const errors = issues.filter((i) => i.severity === "error");
  throw new ProblemError(problem("draft.refused", `変更連携協約書の案を作れない: ${errors[0]?.message ?? "理由が示されていない"}`, errors.map(located)));
}
