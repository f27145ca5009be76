import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, no white space. Equal
 * content gives equal text, so equal content hashes equally.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, undefined, "x"] }); // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  try {
    return canonical(value);
  } finally {
    mutable = false;
  }
}

// Memo of the canonical text of deeply frozen objects, by identity. Versions built with
// structural sharing (immer) reuse unchanged frozen subtrees, so hashing fifty versions of
// one agreement serialises each unchanged provision once. Only values frozen all the way
// down are memoised: a frozen parent may hold a mutable child.
const textMemo = new WeakMap<object, string>();
const hashMemo = new WeakMap<object, string>();
/** Set while serialising when anything reached so far is not frozen. */
let mutable = false;

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (value === undefined) return "null";
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
    return JSON.stringify(value);
  }
  const cached = textMemo.get(value);
  if (cached !== undefined) return cached;
  const outer = mutable;
  mutable = false;
  let text: string;
  if (Array.isArray(value)) text = `[${value.map(canonical).join(",")}]`;
  else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    text = `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(",")}}`;
  }
  const stable = !mutable && Object.isFrozen(value);
  if (stable) textMemo.set(value, text);
  mutable = outer || !stable;
  return text;
}

/**
 * SHA-256 (lower-case hex) of a string's UTF-8 bytes.
 *
 * @example
 * sha256("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Content hash of a value: SHA-256 of its canonical JSON.
 *
 * @example
 * contentHash({ a: 1, b: 2 }) === contentHash({ b: 2, a: 1 }); // true
 */
export function contentHash(value: unknown): string {
  if (value === null || typeof value !== "object") return sha256(canonicalJson(value));
  const cached = hashMemo.get(value);
  if (cached !== undefined) return cached;
  const hash = sha256(canonicalJson(value));
  // Memoised exactly when its text was (deeply frozen).
  if (textMemo.has(value)) hashMemo.set(value, hash);
  return hash;
}

/**
 * Freeze a value and everything reachable from it (plain data only).
 *
 * @example
 * const doc = deepFreeze({ articles: [{ number: "1" }] });
 * Object.isFrozen(doc.articles[0]); // true
 */
export function deepFreeze<T>(value: T): T {
  // Recurse even into frozen objects: a frozen parent may hold a mutable child.
  if (value !== null && typeof value === "object") {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
