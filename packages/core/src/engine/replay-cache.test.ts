import { describe, expect, it } from "vitest";
import type { EventDates, LegalEventInput, LegalPayload, Operation } from "../events/types.js";
import { agreement, dates } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import { openKyoyaku } from "./engine.js";

const ID = "okayama-wake";
const PARTIES = ["岡山市", "和気町"];

function legal(payload: LegalPayload, d: EventDates, name: string, draft = false): LegalEventInput {
  const text = `${name}\n${JSON.stringify(payload)}\n${JSON.stringify(d)}`;
  return { payload, dates: d, draft, parties: PARTIES, source: { name: `${name}.txt`, text, sha256: sha256(text) } };
}
const draftOf = (ops: Operation[], name: string): LegalEventInput => legal({ kind: "amend", operations: ops }, { resolutions: {}, appliesFrom: "2025-04-01" }, name, true);

describe("what-if reads with drafts (案) are replayed once per head of the history", () => {
  it("Given a stored draft, When read withDrafts again, Then the same replay answers; When another event is recorded, Then the next read sees it", () => {
    const k = openKyoyaku({ clock: (() => { let t = Date.parse("2024-04-01T00:00:00Z"); return () => new Date((t += 3_600_000)).toISOString(); })() });
    k.record({ agreementId: ID, event: legal({ kind: "conclude", document: agreement() }, dates("2016-10-11"), "締結"), recordedBy: "法規担当" });
    const draft = k.record({ agreementId: ID, event: draftOf([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年" }], "案1"), recordedBy: "法規担当" });

    const first = k.asOf(ID, "2025-04-01", { withDrafts: true });
    const again = k.asOf(ID, "2025-04-01", { withDrafts: true });
    // The documents are the very same objects: nothing was replayed for the second read.
    expect(again.document).toBe(first.document);
    expect(k.timeline(ID, { withDrafts: true }).versions.at(-1)?.document).toBe(first.document);
    expect(k.asOfVersion(ID, "2025-04-01", { withDrafts: true }).root).toBe(first.root);
    expect(k.diff(ID, "2025-03-31", "2025-04-01", { withDrafts: true }).changes.length).toBeGreaterThan(0);
    // Without drafts the answer is the record's, not the cached what-if.
    expect(k.asOf(ID, "2025-04-01").document?.articles[4]?.paragraphs[0]?.text).toContain("毎年度");

    // A second draft changes the head: the next what-if includes it.
    k.record({ agreementId: ID, event: draftOf([{ op: "replaceText", target: "article:3", from: "別表", to: "別表第1" }], "案2"), recordedBy: "法規担当" });
    const after = k.asOf(ID, "2025-04-01", { withDrafts: true });
    expect(after.document).not.toBe(first.document);
    expect(after.flags.draftsApplied.map((r) => r.seq).sort()).toEqual([draft.event.seq, draft.event.seq + 1]);
    expect(after.document?.articles[2]?.paragraphs[0]?.text).toContain("別表第1");
    k.close();
  });
});
