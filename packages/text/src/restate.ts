/**
 * A deliberate restatement (全部変更 / 再締結): a whole agreement text recorded into an
 * agreement that already has its 締結, as an amendment whose one operation restates the
 * document. Never chosen by the parser or the engine: the user asks for it (`kyoyaku import
 * --restate`, `?restate=true` on the API import), because a second 締結 is otherwise refused.
 *
 * @module
 */
import type { LegalEventInput } from "@kyoyaku/core";
import type { ParsedText } from "./types.js";

/**
 * The amendment that restates a parsed 締結 text, or `undefined` when the text is not a
 * whole agreement (a 変更 or 廃止 text: record it as it is).
 *
 * @example
 * const r = parseText(text);
 * if (r.ok) restatement(r.value)?.payload; // { kind: "amend", operations: [{ op: "restate", document }], title: "…協約書" }
 */
export function restatement(parsed: ParsedText): LegalEventInput | undefined {
  const doc = parsed.document;
  if (parsed.kind !== "conclude" || doc === undefined) return undefined;
  return {
    ...parsed.event,
    payload: {
      kind: "amend",
      operations: [{ op: "restate", document: doc }],
      ...(parsed.title !== "" ? { title: parsed.title } : {}),
    },
  };
}
