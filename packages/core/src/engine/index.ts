// Public surface of this module; re-exported by ../index.ts.
export { openKyoyaku } from "./engine.js";
export { normalizeAgreementId } from "./ids.js";
export type { OpenOptions } from "./engine.js";
export { projectAgreement, strictProjector } from "./projector.js";
export { contentKey, findContentDuplicate } from "./content.js";
export type { LegalContent } from "./content.js";
