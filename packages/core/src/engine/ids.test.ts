import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LegalEventInput } from "../events/types.js";
import { agreement, dates } from "../history/testing.testkit.js";
import { sha256 } from "../model/canonical.js";
import type { EventStore } from "../store/types.js";
import { MemoryEventStore } from "../store/memory.js";
import { openKyoyaku } from "./engine.js";
import { strictProjector } from "./projector.js";
import { invisibleCharacter, normalizeAgreementId } from "./ids.js";

function conclude(name = "締結"): LegalEventInput {
  const text = `${name}\n${JSON.stringify(agreement())}`;
  return { payload: { kind: "conclude", document: agreement() }, dates: dates("2016-10-11"), draft: false, parties: ["岡山市", "和気町"], source: { name: `${name}.txt`, text, sha256: sha256(text) } };
}

describe("normalizeAgreementId", () => {
  it("Given NFD, full-width and half-width forms, Then each is the NFKC id", () => {
    expect(normalizeAgreementId("ｏｋａｙａｍａ-wake")).toBe("okayama-wake");
    expect(normalizeAgreementId("か\u3099ぎ")).toBe("がぎ");
    expect(normalizeAgreementId("ｵｶﾔﾏ")).toBe("オカヤマ");
    expect(normalizeAgreementId("岡山市-和気町")).toBe("岡山市-和気町");
  });

  it("Given a zero-width, bidi, control or other invisible character, Then the id is refused and the character named", () => {
    for (const [id, bad] of [
      ["okayama\u200bwake", "U+200B"], ["okayama\u200dwake", "U+200D"], ["okayama\u202ewake", "U+202E"], ["okayama\u2066wake", "U+2066"],
      ["okayama\u200fwake", "U+200F"], ["okayama\u001bwake", "U+001B"], ["okayama\u00adwake", "U+00AD"], ["okayama\ufeffwake", "U+FEFF"], ["岡山\ufe00市", "U+FE00"],
    ] as const) {
      expect(() => normalizeAgreementId(id)).toThrow(bad);
      expect(invisibleCharacter(id)).toMatch(new RegExp(`^${bad.replace("+", "\\+")}、\\d+文字目$`, "u"));
    }
  });

  it("Given any id, Then normalising twice is normalising once", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (s) => {
        let n: string;
        try {
          n = normalizeAgreementId(s);
        } catch {
          return;
        }
        expect(normalizeAgreementId(n)).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the engine's ids", () => {
  it("Given an agreement recorded as okayama-wake, When asked by its full-width form, Then the same agreement answers; a lookalike cannot be recorded beside it", () => {
    const k = openKyoyaku();
    k.record({ agreementId: "ｏｋａｙａｍａ-wake", event: conclude(), recordedBy: "法規担当" });
    expect(k.agreements().map((a) => a.id)).toEqual(["okayama-wake"]);
    expect(k.version("okayama-wake")).toBe(1);
    expect(k.asOf("ｏｋａｙａｍａ-ｗａｋｅ", "2020-04-01").agreementId).toBe("okayama-wake");
    expect(() => k.events("okayama\u200b-wake")).toThrow(/見えない文字又は制御文字（U\+200B/u);
    expect(() => k.record({ agreementId: "okayama\u202e-wake", event: conclude("二"), recordedBy: "法規担当" })).toThrow(/U\+202E/u);
    expect(() => k.record({ agreementId: "x", event: conclude("三"), recordedBy: "法規\u001b]0;x\u0007" })).toThrow(/recordedBy に制御文字（U\+001B）がある/u);
    k.close();
  });

  it("Given an id stored before ids were normalised (NFD, full-width), When asked as stored, Then it is still found", () => {
    const store: EventStore = new MemoryEventStore();
    // Written past the engine, as an older version did.
    for (const [id, name] of [["か\u3099ぎ-協約", "一"], ["ｆｕｌｌ-協約", "二"]] as const) {
      store.append({ agreementId: id, events: [{ kind: "conclude", legal: conclude(name), recordedAt: "2024-04-01T00:00:00.000Z", recordedBy: "旧版" }] }, strictProjector);
    }
    const k = openKyoyaku({ store });
    expect(k.version("か\u3099ぎ-協約")).toBe(1);
    expect(k.asOf("か\u3099ぎ-協約", "2020-04-01").inForce).toBe(true);
    expect(k.history("ｆｕｌｌ-協約")).toHaveLength(1);
    // A plain id is untouched.
    k.record({ agreementId: "plain-id", event: conclude("三"), recordedBy: "法規担当" });
    expect(k.version("plain-id")).toBe(1);
  });

  it("Given legacy ids (NFD, full-width), When asked or recorded by their normal form, Then the legacy agreement answers and no lookalike is made beside it", () => {
    const store: EventStore = new MemoryEventStore();
    for (const [id, name] of [["か\u3099ぎ-協約", "一"], ["ｆｕｌｌ-協約", "二"]] as const) {
      store.append({ agreementId: id, events: [{ kind: "conclude", legal: conclude(name), recordedAt: "2024-04-01T00:00:00.000Z", recordedBy: "旧版" }] }, strictProjector);
    }
    const k = openKyoyaku({ store });
    expect(k.version("がぎ-協約")).toBe(1); // NFC, as typed on a keyboard
    expect(k.asOf("full-協約", "2020-04-01").agreementId).toBe("ｆｕｌｌ-協約");
    const amend: LegalEventInput = { payload: { kind: "amend", operations: [{ op: "replaceText", target: "article:1", from: "目的とする", to: "目的とし、連携する" }] }, dates: dates("2021-03-01", "2021-04-01"), draft: false, parties: ["岡山市", "和気町"] };
    k.record({ agreementId: "がぎ-協約", event: amend, recordedBy: "法規担当" });
    expect(k.agreements().map((a) => a.id).sort()).toEqual(["か\u3099ぎ-協約", "ｆｕｌｌ-協約"].sort());
    expect(k.version("か\u3099ぎ-協約")).toBe(2);
    k.close();
  });

  it("Given an event from an embedder with ESC or a bidi override in its title or text, When recorded, Then refused as input.invalid naming the character; nothing recorded", () => {
    const k = openKyoyaku();
    const doc = agreement();
    for (const [bad, code] of [[{ ...doc, title: "協約\u001b]0;x\u0007" }, "U+001B"], [{ ...doc, preamble: "前文\u202e逆" }, "U+202E"], [{ ...doc, preamble: "前文\u009b31m" }, "U+009B"]] as const) {
      expect(() => k.record({ agreementId: "emb", event: { ...conclude(), payload: { kind: "conclude", document: bad } }, recordedBy: "t" }), code).toThrow(new RegExp(`^event\\.payload\\.document\\.(?:title|preamble) の「[^」]*」の後に制御文字（${code.replace("+", "\\+")}）がある`, "u"));
    }
    expect(k.agreements()).toEqual([]);
    // Tab, line breaks and a form feed (a PDF page break in a source text) are text.
    k.record({ agreementId: "emb", event: { ...conclude(), payload: { kind: "conclude", document: { ...doc, preamble: "前文\tその一\n二" } } }, recordedBy: "t" });
    k.close();
  });
});
