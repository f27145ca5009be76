// Public surface of this module; re-exported by ../index.ts.
export type { Timeline, Version } from "./types.js";
