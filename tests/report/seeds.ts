/**
 * The golden 新旧対照表 of the seeds: seed 1 (岡山市・和気町 連携協約書) as the version before,
 * and seed 1 with its 別表 replaced by seed 2's (the 変更連携協約書 of 岡山市・備前市) as the
 * version after — as if seed 2 were this agreement's amendment. Read with @kyoyaku/text.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { contentHash, deepFreeze, diffTimeline, type AgreementDocument, type Appendix, type DocumentDiff, type EventRef, type Timeline } from "@kyoyaku/core";
import { parseAgreement, parseText } from "@kyoyaku/text";

const seed = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url)), "utf8");

export function seedDocuments(): { before: AgreementDocument; after: AgreementDocument } {
  const parsed = parseAgreement(seed("000_0d517b853e764d1a.txt"), { file: "000_0d517b853e764d1a.txt" });
  if (!parsed.ok) throw new Error(`seed 1 did not parse: ${JSON.stringify(parsed)}`);
  const amendment = parseText(seed("001_6d3949d91c26715e.txt"), { file: "001_6d3949d91c26715e.txt" });
  if (!amendment.ok || amendment.value.event.payload.kind !== "amend") throw new Error("seed 2 did not parse as an amendment");
  const op = amendment.value.event.payload.operations.find((o) => o.op === "replace" && o.target === "appendix:1");
  if (op?.op !== "replace") throw new Error("seed 2 has no 別表 replacement");
  const before = parsed.value;
  // Shares every other part with `before`, as versions do.
  const after = deepFreeze({ ...before, appendices: [op.node as Appendix, ...before.appendices.slice(1)] });
  return { before, after };
}

export const CONCLUDE: EventRef = { seq: 1, kind: "conclude", concludedOn: "2016-10-11", appliesFrom: "2016-10-11", draft: false, retroactive: false };
export const AMEND: EventRef = { seq: 2, kind: "amend", concludedOn: "2025-03-25", appliesFrom: "2025-04-01", draft: false, retroactive: false };

/** The golden diff: the day before and the 適用日 (2025-04-01) of the 別表 replacement. */
export function seedDiff(): { diff: DocumentDiff; before: AgreementDocument; after: AgreementDocument } {
  const { before, after } = seedDocuments();
  const timeline: Timeline = {
    versions: [
      { interval: { from: "2016-10-11", to: "2025-04-01" }, document: before, root: contentHash(before), events: [CONCLUDE], changedBy: [CONCLUDE] },
      { interval: { from: "2025-04-01", to: null }, document: after, root: contentHash(after), events: [CONCLUDE, AMEND], changedBy: [AMEND] },
    ],
    draftsExcluded: [],
    draftsApplied: [],
  };
  return { diff: diffTimeline(timeline, "2025-03-31", "2025-04-01", "okayama-wake"), before, after };
}
