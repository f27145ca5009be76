// Public surface of this module; re-exported by ../index.ts.
export type { DocumentDiff, JsonPatchOperation, ProvisionChange, ProvisionLevel } from "./types.js";
