import { describe, expect, it } from "vitest";
import type { AsOfFlags } from "../history/types.js";
import type { EventRef } from "../events/types.js";
import { canonicalJson, contentHash } from "../model/canonical.js";
import { expandVersion, leanProjection } from "./common.js";
import { makeDocument } from "./store.testkit.js";
import type { AgreementProjection } from "./types.js";

const ref = (seq: number, retroactive = false): EventRef => ({ seq, kind: seq === 1 ? "conclude" : "amend", appliesFrom: `202${seq}-04-01`, draft: false, retroactive });
const doc = makeDocument();
const none: AsOfFlags = { draftsExcluded: [], draftsApplied: [], retroactive: [], unknownParts: [], missingResolutions: [] };

function projection(versions: AgreementProjection["versions"]): AgreementProjection {
  return { summary: { parties: ["岡山市", "和気町"], draftsExcluded: [], draftsApplied: [] }, versions };
}
const version = (from: string, events: EventRef[], changedBy: EventRef[], flags = none) =>
  ({ interval: { from, to: null }, root: contentHash(doc), document: doc, events, changedBy, flags });

describe("leanProjection", () => {
  it("Given versions standing on growing prefixes of one event list, Then rows keep a count and seqs, and expand back exactly", () => {
    const p = projection([
      version("2021-04-01", [ref(1)], [ref(1)], { ...none, missingResolutions: [{ seq: 1, party: "和気町" }] }),
      version("2022-04-01", [ref(1), ref(2, true)], [ref(2, true)], { ...none, retroactive: [ref(2, true)], missingResolutions: [{ seq: 1, party: "和気町" }] }),
    ]);
    const lean = leanProjection(p);
    expect(lean.versions.map((v) => [v.events, v.changedBy, v.meta])).toEqual([[1, [1], undefined], [2, [2], undefined]]);
    expect(lean.agreement.missing).toEqual([["和気町"], []]);
    p.versions.forEach((v, i) => {
      const { document: _d, ...rest } = v;
      expect(canonicalJson(expandVersion("a", lean.agreement, lean.versions[i]!))).toBe(canonicalJson({ agreementId: "a", ...rest }));
    });
  });

  it("Given a version whose events are not a prefix of the latest one's, Then it keeps its metadata whole and still expands back exactly", () => {
    const p = projection([
      version("2021-04-01", [ref(2)], [ref(2)]),
      version("2022-04-01", [ref(1), ref(3)], [ref(3)]),
    ]);
    const lean = leanProjection(p);
    expect(lean.versions[0]!.meta).toBeDefined();
    expect(lean.versions[1]!.meta).toBeUndefined();
    p.versions.forEach((v, i) => {
      const { document: _d, ...rest } = v;
      expect(canonicalJson(expandVersion("a", lean.agreement, lean.versions[i]!))).toBe(canonicalJson({ agreementId: "a", ...rest }));
    });
  });

  it("Given flags that do not follow from the events (a retroactive event left out), Then the version keeps its metadata", () => {
    const lean = leanProjection(projection([version("2022-04-01", [ref(1), ref(2, true)], [ref(2, true)])]));
    expect(lean.versions[0]!.meta?.flags.retroactive).toEqual([]);
  });
});
