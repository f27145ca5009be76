/**
 * @kyoyaku/report — 新旧対照表 (comparison tables), timelines and audit reports of kyoyaku
 * histories, as HTML, Markdown, plain text or JSON. This file is the package's whole public API.
 *
 * @packageDocumentation
 */
export type { ComparisonOptions } from "./render-comparison.js";
export { renderComparisonTable } from "./render-comparison.js";
export type { ComparisonRow } from "./comparison.js";
export { comparisonRows } from "./comparison.js";
export type { CellPair, Line, Span } from "./provisions.js";
export { markChanges } from "./marks.js";
export { displayWidth } from "./width.js";
export { formatDay, formatInstant } from "./dates.js";
export type { TimelineOptions } from "./timeline.js";
export { renderTimeline } from "./timeline.js";
export type { AuditFinding, AuditOptions } from "./audit.js";
export { auditFindings, renderAudit } from "./audit.js";
