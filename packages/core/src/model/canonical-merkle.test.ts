import fc from "fast-check";
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { documents, text } from "./documents.testkit.js";
import { canonicalJson, contentEncoding, contentHash, contentRefs, createContentHasher, deepFreeze, refHash, sha256 } from "./canonical.js";

// contentHash is Merkle-style: sha256 of canonical JSON one level deep, every child object
// or list written {"#":"<its hash>"}; scalars inline.

/** A deep copy with every object's keys in a random order (not frozen, no shared identity). */
const shuffled = (v: unknown, r: () => number): unknown => {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => shuffled(x, r));
  const entries = Object.entries(v).map(([k, x]) => [k, shuffled(x, r)] as const);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
};
const rand = (seed: number): (() => number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

describe("contentHash (Merkle)", () => {
  it("is sha256 of the encoding with children as references (known vectors)", () => {
    const inner = sha256('{"b":1}');
    expect(contentHash({ b: 1 })).toBe(inner);
    expect(contentEncoding({ z: [true, null], a: { b: 1 }, u: undefined })).toBe(`{"a":{"#":"${inner}"},"z":{"#":"${sha256("[true,null]")}"}}`);
    expect(contentHash({ a: { b: 1 } })).toBe(sha256(`{"a":{"#":"${inner}"}}`));
    expect(contentHash([[], "x", 1.5, undefined])).toBe(sha256(`[{"#":"${sha256("[]")}"},"x",1.5,null]`));
    expect(contentHash("連携協約")).toBe(sha256('"連携協約"'));
    expect(contentHash(null)).toBe(sha256("null"));
  });

  it("equals sha256(canonicalJson) for flat values (no object children)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (obj) => {
        expect(contentHash(obj)).toBe(sha256(canonicalJson(obj)));
      }),
    );
  });

  it("gives equal content equal hashes, whatever the identity, key order or freezing (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (v, seed) => {
        const a = contentHash(structuredClone(v));
        const other = shuffled(v, rand(seed));
        expect(contentHash(other)).toBe(a);
        expect(contentHash(deepFreeze(shuffled(v, rand(seed + 1))))).toBe(a);
        expect(contentHash(Object.freeze(shuffled(v, rand(seed + 2))))).toBe(a); // frozen parent, mutable children
      }),
    );
  });

  it("gives different content different hashes (fast-check, JSON values)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        if (canonicalJson(a) !== canonicalJson(b)) expect(contentHash(a)).not.toBe(contentHash(b));
        else expect(contentHash(a)).toBe(contentHash(b));
      }),
    );
  });

  it("gives different documents different hashes, and any one changed text changes the hash (fast-check)", () => {
    fc.assert(
      fc.property(documents, documents, (a, b) => {
        expect(contentHash(a) === contentHash(b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
    );
    fc.assert(
      fc.property(documents, fc.nat(), (d, pick) => {
        const frozen = deepFreeze(structuredClone(d));
        const before = contentHash(frozen);
        // Change one string somewhere (chosen by pick) in a copy.
        const copy = structuredClone(d) as unknown as Record<string, unknown>;
        const slots: [Record<string, unknown>, string][] = [];
        const walk = (v: unknown): void => {
          if (v === null || typeof v !== "object") return;
          for (const [k, x] of Object.entries(v)) {
            if (typeof x === "string") slots.push([v as Record<string, unknown>, k]);
            else walk(x);
          }
        };
        walk(copy);
        const [holder, key] = slots[pick % slots.length]!;
        holder[key] = `${holder[key] as string}改`;
        expect(contentHash(copy)).not.toBe(before);
        expect(contentHash(frozen)).toBe(before);
      }),
    );
  });

  it("tells a reference-shaped value from the child it would name", () => {
    const child = { x: 1 };
    const h = contentHash(child);
    expect(contentHash({ a: child })).not.toBe(contentHash({ a: { "#": h } }));
    expect(contentHash({ a: child })).not.toBe(contentHash({ a: h }));
    expect(contentHash({ a: child })).not.toBe(contentHash({ a: `{"#":"${h}"}` }));
    expect(contentHash([child])).not.toBe(contentHash([{ "#": h }]));
    expect(contentHash({ a: [] })).not.toBe(contentHash({ a: {} }));
  });

  it("gives a memo hit the same hash as a cold computation (fast-check, immer versions)", () => {
    fc.assert(
      fc.property(documents, text, (d, t) => {
        const v1 = deepFreeze(structuredClone(d));
        const cold1 = contentHash(structuredClone(d)); // unfrozen: computed from scratch
        expect(contentHash(v1)).toBe(cold1); // first: computed and memoised
        expect(contentHash(v1)).toBe(cold1); // memo hit
        // A new version sharing frozen subtrees with v1 (immer), as the timeline builds them.
        const v2 = produce(v1, (draft) => {
          draft.title = t;
          if (draft.appendices[0]?.sections[0]?.items[0]) draft.appendices[0].sections[0].items[0].name += t;
        });
        expect(contentHash(v2)).toBe(contentHash(JSON.parse(JSON.stringify(v2))));
      }),
    );
  });

  it("Given a frozen parent holding a mutable child, When the child changes, Then the hash follows", () => {
    const child = { text: "A" };
    const parent = Object.freeze({ child });
    const h1 = contentHash(parent);
    child.text = "B";
    expect(contentHash(parent)).not.toBe(h1);
    expect(contentHash(parent)).toBe(contentHash({ child: { text: "B" } }));
  });

  it("refuses non-finite numbers, as canonicalJson does", () => {
    expect(() => contentHash({ a: [Number.NaN] })).toThrow(TypeError);
    expect(() => contentEncoding({ a: Infinity })).toThrow(TypeError);
  });
});

describe("contentEncoding, contentRefs, refHash", () => {
  it("hashes to contentHash and lists the children it refers to, in order", () => {
    fc.assert(
      fc.property(documents, (d) => {
        const enc = contentEncoding(d);
        expect(sha256(enc)).toBe(contentHash(d));
        const children = Object.keys(d).sort().map((k) => (d as unknown as Record<string, unknown>)[k]).filter((v) => v !== null && typeof v === "object");
        expect(contentRefs(enc)).toEqual(children.map(contentHash));
      }),
    );
  });

  it("refuses what is not a reference", () => {
    expect(refHash({ "#": "a".repeat(64) })).toBe("a".repeat(64));
    expect(() => refHash({ "#": "xyz" })).toThrow(TypeError);
    expect(() => refHash({ "#": "a".repeat(64), b: 1 })).toThrow(TypeError);
    expect(() => contentRefs('"text"')).toThrow(TypeError);
  });
});

describe("createContentHasher", () => {
  it("gives contentHash's hashes and counts only what it computes (unfrozen values remembered per hasher)", () => {
    const doc = { a: { b: [1, 2] }, c: "x" };
    const stats = { hashed: 0 };
    const h = createContentHasher(stats);
    expect(h.peek(doc)).toBeUndefined();
    expect(h.hash(doc)).toBe(contentHash(structuredClone(doc)));
    expect(stats.hashed).toBe(3);
    expect(h.hash(doc)).toBe(h.peek(doc));
    expect(h.hash(doc.a)).toBe(contentHash({ b: [1, 2] }));
    expect(stats.hashed).toBe(3);
    // Another hasher does not see the first one's unfrozen memo.
    const other = { hashed: 0 };
    createContentHasher(other).hash(doc);
    expect(other.hashed).toBe(3);
    // Frozen values share the global memo.
    const frozen = deepFreeze({ z: { y: 1 } });
    contentHash(frozen);
    const third = { hashed: 0 };
    expect(createContentHasher(third).hash(frozen)).toBe(contentHash(frozen));
    expect(third.hashed).toBe(0);
  });
});
