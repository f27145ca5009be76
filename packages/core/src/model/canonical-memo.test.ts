import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, deepFreeze } from "./canonical.js";

// contentHash memoises the hashes of deeply frozen values by identity (canonicalJson
// memoises nothing); these check the memo never serves a stale hash.
describe("contentHash memo", () => {
  it("Given a frozen parent holding a mutable child, When the child changes, Then the text and hash follow", () => {
    const child = { text: "A" };
    const parent = Object.freeze({ child });
    expect(canonicalJson(parent)).toBe('{"child":{"text":"A"}}');
    const h1 = contentHash(parent);
    child.text = "B";
    expect(canonicalJson(parent)).toBe('{"child":{"text":"B"}}');
    expect(contentHash(parent)).not.toBe(h1);
  });

  it("Given a mutable object, When it changes, Then the text and hash follow", () => {
    const doc: { a: number[] } = { a: [1] };
    expect(canonicalJson(doc)).toBe('{"a":[1]}');
    const h1 = contentHash(doc);
    doc.a.push(2);
    expect(canonicalJson(doc)).toBe('{"a":[1,2]}');
    expect(contentHash(doc)).not.toBe(h1);
  });

  it("Given deeply frozen values sharing a subtree, Then the results equal the unmemoised ones", () => {
    const shared = deepFreeze({ z: "共有", y: [1, { x: null }] });
    const a = deepFreeze({ b: shared, a: "1" });
    const b = deepFreeze({ c: shared, a: "2" });
    expect(canonicalJson(a)).toBe(canonicalJson(JSON.parse(JSON.stringify(a))));
    expect(canonicalJson(b)).toBe('{"a":"2","c":{"y":[1,{"x":null}],"z":"共有"}}');
    expect(contentHash(a)).toBe(contentHash(JSON.parse(JSON.stringify(a))));
    expect(contentHash(b)).toBe(contentHash(JSON.parse(JSON.stringify(b))));
  });

  it("leaves no state behind after an error (a non-finite number)", () => {
    expect(() => contentHash(deepFreeze({ a: { b: Number.NaN } }))).toThrow(TypeError);
    const ok = deepFreeze({ a: { b: 1 } });
    expect(contentHash(ok)).toBe(contentHash({ a: { b: 1 } }));
    expect(canonicalJson(ok)).toBe('{"a":{"b":1}}');
  });
});
