import { describe, expect, it } from "vitest";
import { openKyoyaku } from "../engine/engine.js";
import type { LegalEventInput } from "../events/types.js";
import { ratifyRetryOf, recordUnlessRetry, resolveRetryOf } from "./retries.js";
import { agreement, dates } from "./testing.testkit.js";

const draft: LegalEventInput = { payload: { kind: "conclude", document: agreement() }, dates: dates(undefined, "2016-10-11"), draft: true, parties: ["岡山市", "和気町"] };
const signed = dates("2016-10-11", "2016-10-11", { resolutions: { 岡山市: "2016-09-30", 和気町: "2016-09-27" } });

describe("retries of ratify and resolve", () => {
  it("Given a ratified draft, When the same dates are asked again, Then the first ratify is the answer; other dates are not a retry", () => {
    const k = openKyoyaku();
    k.record({ agreementId: "a", event: draft, recordedBy: "t" });
    const entry = (): ReturnType<typeof k.history>[number] => k.history("a").find((e) => e.seq === 1)!;
    expect(ratifyRetryOf(k.events("a"), entry(), signed)).toBeUndefined(); // still a draft
    const first = k.ratify({ agreementId: "a", target: 1, dates: signed, recordedBy: "t" });
    expect(ratifyRetryOf(k.events("a"), entry(), signed)?.seq).toBe(first.event.seq);
    expect(ratifyRetryOf(k.events("a"), entry(), { ...signed, concludedOn: "2016-10-12" })).toBeUndefined();
    expect(resolveRetryOf(k.events("a"), entry(), { 岡山市: "2016-09-30" })?.seq).toBe(first.event.seq);
    expect(resolveRetryOf(k.events("a"), entry(), { 岡山市: "2016-09-29" })).toBeUndefined();
    k.close();
  });

  it("Given another process ratified in between (the check saw a draft, the ratify is refused), Then a duplicate, not the refusal; a refusal that is no retry passes through", () => {
    const k = openKyoyaku();
    k.record({ agreementId: "a", event: draft, recordedBy: "t" });
    let asked = 0;
    const raced = recordUnlessRetry(
      () => (asked++ === 0 ? undefined : ratifyRetryOf(k.events("a"), k.history("a")[0]!, signed)),
      () => {
        k.ratify({ agreementId: "a", target: 1, dates: signed, recordedBy: "other process" });
        return k.ratify({ agreementId: "a", target: 1, dates: signed, recordedBy: "t" }); // refused: no longer a draft
      },
    );
    expect(raced).toMatchObject({ duplicate: true, event: { seq: 2, recordedBy: "other process" } });
    expect(asked).toBe(2);
    expect(() => recordUnlessRetry(() => ratifyRetryOf(k.events("a"), k.history("a")[0]!, { ...signed, concludedOn: "2016-10-12" }), () => k.ratify({ agreementId: "a", target: 1, dates: { ...signed, concludedOn: "2016-10-12" }, recordedBy: "t" }))).toThrow(/は案では/u);
    expect(k.events("a")).toHaveLength(2);
    k.close();
  });
});
