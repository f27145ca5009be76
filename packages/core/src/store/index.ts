// Public surface of this module; re-exported by ../index.ts.
export type {
  AgreementProjection, AgreementSummaryRow, AppendRequest, AppendResult, EventStore, NewEvent, ProjectedVersion, Projector,
  PutDocumentResult, StoreStats, StoredAgreement, StoredVersion,
} from "./types.js";
export { MemoryEventStore } from "./memory.js";
export { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, SqliteEventStore } from "./sqlite.js";
export type { Migration, SqliteStoreOptions } from "./sqlite.js";
export { eventHash } from "./chain.js";
export { decodeDocument, encodeDocument } from "./nodes.js";
export type { EncodedNode, NodeKind } from "./nodes.js";
export { ANCHOR_SUFFIX, advanceHeads, anchorPath, checkAnchor, mergeProblems, noteHeads, parseAnchor, readAnchor, writeAnchor } from "./anchor.js";
export type { Anchor } from "./anchor.js";
