// Public surface of this module; re-exported by ../index.ts.
export type { NoticeState, Timeline, Version } from "./types.js";
export type { NoticeExpiry, Term } from "./clauses.js";
export { noticeExpiry, termLabel, termOf } from "./clauses.js";
export { applyOperation, DOCUMENT_PARTS, partialDocument } from "./apply.js";
export type { Edit, EditOptions, EditRecipe } from "./edit.js";
export { editDocument } from "./edit.js";
export type { EffectiveEvent } from "./effective.js";
export { appliesFromOf, changeDatesOf, effectiveEvents, eventRef, missingResolutionsOf } from "./effective.js";
export { asOfAnswer, asOfFlags, buildTimeline, noticeEndReason, versionAt } from "./timeline.js";
export type { CandidateEvent } from "./rules.js";
export { checkEvent } from "./rules.js";
export { historyEntries } from "./entries.js";
export { documentCounts, summarizeOperation, summarizeOperations, summarizePayload } from "./summary.js";
export { addressLabel, dateLabel, warekiLabel } from "./labels.js";
export { ratifyRetryOf, recordUnlessRetry, resolveRetryOf } from "./retries.js";
