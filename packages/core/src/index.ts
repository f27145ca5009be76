/**
 * @kyoyaku/core — the model, dates, events, store and as-of queries of kyoyaku.
 * This file is the package's whole public API.
 *
 * @packageDocumentation
 */

// Model (協約書の構造)
export type { AgreementDocument, Appendix, AppendixItem, Article, Field, Item, Paragraph, Party, Role, Section, SupplementaryProvisions } from "./model/document.js";
export type { Address, Node, Segment, SegmentKind } from "./model/address.js";
export { appendixItemAddress, articleAddress, formatAddress, paragraphAddress, parseAddress, readAddress, resolveAddress, sectionAddress, sectionKey } from "./model/address.js";
export { normalizeText, searchKey } from "./model/normalize.js";
export { canonicalJson, contentHash, deepFreeze, sha256 } from "./model/canonical.js";
export type { Issue, Location, Result, Severity } from "./model/issue.js";
export { fail, formatIssue, hasErrors, issue, ok } from "./model/issue.js";
export type { ErrorCode } from "./model/errors.js";
export { KyoyakuError, isKyoyakuError } from "./model/errors.js";
export { agreementNotFound, nearest } from "./model/nearest.js";

// Dates (和暦・ISO)
export type { DatePrecision, EraName, Instant, Interval, IsoDate, JpDate } from "./date/types.js";
export * from "./date/index.js";

// Events (締結・変更・廃止・現行取込・訂正)
export type {
  Annotation, AnnotationKind, EventDates, EventKind, LegalEventInput, LegalEventKind, LegalPayload, Operation, ProvisionNode, RecordEventKind, SourceLines,
  RecordPayload, Resolutions, Source, SourceOriginal, StoredEvent, EventRef,
} from "./events/types.js";
export { EVENT_KIND_LABEL } from "./events/types.js";
export { ratificationDates } from "./events/ratify.js";

// History, store, diff and the engine
export * from "./history/index.js";
// Labels every renderer shares (one phrasing of addresses, dates, events and parties).
export { articleLabel, END_KIND_LABEL, endKindOf, eventLabel, partiesLabel, noTargetMessage, partyResolutions, seqRanges, type EndKind } from "./history/labels.js";
// knownBy: the one filter of events by knowledge time (audit --known-at, the server's audit read).
export { agreementParties, effectiveEvents, knownBy, type EffectiveEvent } from "./history/effective.js";
export * from "./store/index.js";
export * from "./diff/index.js";
export type * from "./engine/types.js";
export * from "./engine/index.js";
