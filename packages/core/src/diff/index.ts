// Public surface of this module; re-exported by ../index.ts.
export type { DocumentDiff, JsonPatchOperation, ProvisionChange, ProvisionLevel } from "./types.js";
export type { DiffStats } from "./hash.js";
export type { DiffOptions, DocumentsDiff } from "./documents.js";
export { diffDocuments, EMPTY_DOCUMENT, RENAME_THRESHOLD } from "./documents.js";
export { diffTimeline } from "./timeline.js";
