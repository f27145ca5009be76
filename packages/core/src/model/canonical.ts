import * as crypto from "node:crypto";

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, no white space. Equal
 * content gives equal text. Used for event envelopes (the hash chain) and stored rows.
 *
 * Memo: only the text of frozen objects and lists with no object or list inside (an
 * EventRef, a field, a party) — its size is the value's own, never a subtree's again, so
 * the memo costs at most the data once. A document's text is built when asked for and not
 * kept (memoising every subtree's text held each text once per level of depth).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, undefined, "x"] }); // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return scalarJson(value);
  const memo = flatTextMemo.get(value);
  if (memo !== undefined) return memo;
  let flat = true;
  const child = (v: unknown): string => {
    if (v === null || typeof v !== "object") return scalarJson(v);
    flat = false;
    return canonicalJson(v);
  };
  const text = encodeWith(value, child);
  if (flat && Object.isFrozen(value)) flatTextMemo.set(value, text);
  return text;
}

const flatTextMemo = new WeakMap<object, string>();

function scalarJson(value: unknown): string {
  if (typeof value === "string" && value.length >= LONG_TEXT) return longTextJson(value);
  if (value === undefined) return "null";
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
  return JSON.stringify(value);
}

/**
 * JSON of long texts (a 前文, a 取組内容), remembered: every new version encodes its document
 * node again with the same 前文, and a string's own hash is cached by the engine, so looking
 * it up costs less than escaping it again. Bounded; the oldest half is dropped when full.
 */
const LONG_TEXT = 64;
const LONG_TEXTS = 2048;
let longTexts = new Map<string, string>();
let olderTexts = new Map<string, string>();
function longTextJson(text: string): string {
  let json = longTexts.get(text);
  if (json !== undefined) return json;
  json = olderTexts.get(text) ?? JSON.stringify(text);
  if (longTexts.size >= LONG_TEXTS) {
    olderTexts = longTexts;
    longTexts = new Map();
  }
  longTexts.set(text, json);
  return json;
}

function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
}

/**
 * SHA-256 (lower-case hex) of a string's UTF-8 bytes.
 *
 * @example
 * sha256("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256(text: string): string {
  return oneShot !== undefined ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

// crypto.hash (Node ≥ 20.12) hashes a string in one call, several times faster than a Hash
// object for the short texts of nodes; older runtimes take the Hash object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

// --- Merkle content hashes -------------------------------------------------------------
//
// contentHash(object or array) = sha256(contentEncoding(value)), where contentEncoding is
// canonical JSON of the value ONE level deep: every child object or array is written as
// the reference {"#":"<the child's contentHash>"}, and strings, numbers, booleans and null
// are written inline (as canonicalJson writes them). A reference is always an object with
// the single key "#", and a child object or array is always written as a reference, so no
// other value has the same encoding: equal content ⇔ equal encoding ⇔ (SHA-256) equal hash.
//
// Memo: hashes (64 characters) of values frozen all the way down, by object identity.
// Versions built with structural sharing (immer) reuse unchanged frozen subtrees, so
// hashing a new version computes only the changed path; nothing but the hashes is kept.

const hashMemo = new WeakMap<object, string>();
/** Set by {@link hashObject}: whether the value just hashed was frozen all the way down. */
let lastStable = true;

interface HashContext {
  /** Memo for values that are not deeply frozen, valid while the caller does not mutate them. */
  readonly local: WeakMap<object, string> | undefined;
  /** Counts hashes computed (memo hits are not counted). */
  readonly stats: { hashed: number } | undefined;
}

const NO_CONTEXT: HashContext = { local: undefined, stats: undefined };

function hashObject(value: object, ctx: HashContext): string {
  const memo = hashMemo.get(value);
  if (memo !== undefined) {
    lastStable = true;
    return memo;
  }
  if (ctx.local !== undefined) {
    const local = ctx.local.get(value);
    if (local !== undefined) {
      lastStable = false;
      return local;
    }
  }
  // The encoding written out here rather than through encodeWith and a closure: this is the
  // inner loop of every replay (each new version hashes its changed path).
  let stable = Object.isFrozen(value);
  let text: string;
  if (Array.isArray(value)) {
    text = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (i > 0) text += ",";
      if (v === null || typeof v !== "object") text += scalarJson(v);
      else {
        text += `{"#":"${hashObject(v, ctx)}"}`;
        if (!lastStable) stable = false;
      }
    }
    text += "]";
  } else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    text = "{";
    let first = true;
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      text += (first ? "" : ",") + keyJson(k) + ":";
      first = false;
      if (v === null || typeof v !== "object") text += scalarJson(v);
      else {
        text += `{"#":"${hashObject(v, ctx)}"}`;
        if (!lastStable) stable = false;
      }
    }
    text += "}";
  }
  const hash = sha256(text);
  if (ctx.stats) ctx.stats.hashed += 1;
  if (stable) hashMemo.set(value, hash);
  else ctx.local?.set(value, hash);
  lastStable = stable;
  return hash;
}

/** JSON of object keys (a document has a few dozen distinct ones), remembered. */
const keyTexts = new Map<string, string>();
function keyJson(k: string): string {
  let t = keyTexts.get(k);
  if (t === undefined) {
    t = JSON.stringify(k);
    if (keyTexts.size < 4096) keyTexts.set(k, t);
  }
  return t;
}

function encodeWith(value: object, child: (v: unknown) => string): string {
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i === 0 ? "" : ",") + child(value[i]);
    return text + "]";
  }
  const obj = value as Record<string, unknown>;
  let text = "{";
  for (const k of sortedKeys(obj)) text += (text.length === 1 ? "" : ",") + keyJson(k) + ":" + child(obj[k]);
  return text + "}";
}

/**
 * Content hash of a value, Merkle-style. For an object or array it is the SHA-256 of its
 * {@link contentEncoding}: canonical JSON one level deep, in which every child object or
 * array is replaced by the reference `{"#":"<contentHash(child)>"}` while strings, numbers,
 * booleans and null stay inline (keys sorted, `undefined` members dropped, `undefined` in an
 * array written `null`). For a scalar it is `sha256(canonicalJson(value))`.
 *
 * Equal content hashes equally, whatever the object identities, key order or freezing;
 * different content hashes differently. Hashes of values frozen all the way down are
 * memoised by identity (only the 64-character hash is kept), so hashing a version that
 * shares frozen subtrees with a hashed one costs only its changed path. The hash of a flat
 * object (no object children) equals `sha256(canonicalJson(value))`.
 *
 * @example
 * contentHash({ a: 1, b: 2 }) === contentHash({ b: 2, a: 1 }); // true
 * contentHash({ a: { b: 1 } }) === sha256(`{"a":{"#":"${contentHash({ b: 1 })}"}}`); // true
 */
export function contentHash(value: unknown): string {
  if (value === null || typeof value !== "object") return sha256(scalarJson(value));
  return hashObject(value, NO_CONTEXT);
}

/**
 * Record the content hash of a frozen value whose hash is known without computing it: a
 * subtree decoded from the node store, whose key is its hash. Later `contentHash` calls
 * (a diff comparing two loaded versions) then skip it and everything under it. The value
 * and all it reaches must be frozen and must never change; a wrong hash makes equal-looking
 * subtrees compare wrongly, so only the node store calls this (its rows are checked by
 * `verify`).
 *
 * @example
 * rememberHash(Object.freeze({ b: 1 }), contentHash({ b: 1 })); // contentHash of it is now a lookup
 */
export function rememberHash(value: object, hash: string): void {
  if (Object.isFrozen(value)) hashMemo.set(value, hash);
}

/**
 * The text whose SHA-256 is `contentHash(value)`: canonical JSON of `value` one level deep,
 * every child object or array written `{"#":"<its contentHash>"}`. The node store keeps
 * exactly this text per node, so a node is checked by hashing its row.
 *
 * @example
 * contentEncoding({ b: [1], a: "x" }); // '{"a":"x","b":{"#":"<contentHash([1])>"}}'
 * sha256(contentEncoding(doc)) === contentHash(doc); // true
 */
export function contentEncoding(value: object): string {
  return encodeWith(value, (v) => (v === null || typeof v !== "object" ? scalarJson(v) : `{"#":"${hashObject(v, NO_CONTEXT)}"}`));
}

/**
 * `contentHash` of a value some of whose subtrees stand as references: `refOf(object)` gives
 * the content hash of a subtree that is not at hand (a node stored as its own row, written
 * `{"#":"<hash>"}`), `undefined` for one to hash here. The node store checks a row with it —
 * the row holds its node with the nodes below it inline, down to the next stored nodes.
 * Nothing is memoised.
 *
 * @example
 * merkleHash({ a: { "#": contentHash({ b: 1 }) } }, (o) => (o as { "#"?: string })["#"]) === contentHash({ a: { b: 1 } }); // true
 */
export function merkleHash(value: object, refOf: (o: object) => string | undefined): string {
  const known = refOf(value);
  if (known !== undefined) return known;
  return sha256(encodeWith(value, (v) => (v === null || typeof v !== "object" ? scalarJson(v) : `{"#":"${merkleHash(v, refOf)}"}`)));
}

/**
 * The child hashes a {@link contentEncoding} refers to, in order: the `#` of each member
 * that is an object (every child object or array is written as a reference, so every
 * member that is an object is one). Throws a `TypeError` on text that is not an encoding.
 *
 * @example
 * contentRefs(contentEncoding({ a: [1], b: 2 })); // [contentHash([1])]
 */
export function contentRefs(encoding: string): string[] {
  const value = JSON.parse(encoding) as unknown;
  if (value === null || typeof value !== "object") throw new TypeError("contentRefs: not the encoding of an object or array");
  const out: string[] = [];
  for (const v of Object.values(value)) if (v !== null && typeof v === "object") out.push(refHash(v));
  return out;
}

/**
 * The hash a reference `{"#":"<hash>"}` names; a `TypeError` for anything else.
 *
 * @example
 * refHash({ "#": contentHash([1]) }); // contentHash([1])
 */
export function refHash(ref: object): string {
  const h = (ref as { "#"?: unknown })["#"];
  if (typeof h !== "string" || !HASH.test(h) || Object.keys(ref).length !== 1) throw new TypeError("not a content reference");
  return h;
}
const HASH = /^[0-9a-f]{64}$/u;

/** A content hasher with its own memo for values that are not deeply frozen. */
export interface ContentHasher {
  /** `contentHash(value)`, remembering unfrozen objects too. */
  hash(value: unknown): string;
  /** The hash if already known (memoised), without computing; `undefined` otherwise. */
  peek(value: unknown): string | undefined;
}

/**
 * A {@link contentHash} for one piece of work over values that may not be frozen (a diff of
 * documents a caller built by hand): unfrozen objects are remembered by identity for the
 * life of the hasher, so do not mutate them meanwhile. `stats.hashed` counts the objects
 * whose hash was computed (memo hits are not counted). Same hashes as `contentHash`.
 *
 * @example
 * const h = createContentHasher();
 * h.hash({ a: 1 }) === contentHash({ a: 1 }); // true
 */
export function createContentHasher(stats?: { hashed: number }): ContentHasher {
  const ctx: HashContext = { local: new WeakMap(), stats };
  return {
    hash: (value) => (value === null || typeof value !== "object" ? sha256(scalarJson(value)) : hashObject(value, ctx)),
    peek: (value) => (value === null || typeof value !== "object" ? undefined : (hashMemo.get(value) ?? ctx.local!.get(value))),
  };
}

/**
 * Freeze a value and everything reachable from it (plain data only).
 *
 * @example
 * const doc = deepFreeze({ articles: [{ number: "1" }] });
 * Object.isFrozen(doc.articles[0]); // true
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") freezeObject(value);
  return value;
}

// Recurse even into frozen objects (a frozen parent may hold a mutable child), but not into
// those frozen all the way down before: versions and events share most of their subtrees,
// and walking the shared part again would cost as much as copying it. Only objects with an
// object inside are remembered: a frozen object holding scalars only (a field, a party, a
// date, an EventRef — most objects of a document) is deep-frozen by itself, and a WeakSet
// entry costs more than looking at its few members.
function freezeObject(value: object): void {
  if (deepFrozen.has(value)) return;
  Object.freeze(value);
  let flat = true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === "object") {
        flat = false;
        freezeObject(v);
      }
    }
  } else {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== null && typeof v === "object") {
        flat = false;
        freezeObject(v);
      }
    }
  }
  if (!flat) deepFrozen.add(value);
}

/** Objects {@link deepFreeze} froze all the way down (those holding an object; see freezeObject). */
const deepFrozen = new WeakSet<object>();

/**
 * True when `value` is a scalar or was frozen all the way down by {@link deepFreeze}: it can
 * be shared as it is (nothing reachable from it can change).
 *
 * @example
 * isDeepFrozen(deepFreeze({ a: [1] })); // true
 * isDeepFrozen(Object.freeze({ a: [1] })); // false: its list is not frozen
 */
export function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object" || deepFrozen.has(value)) return true;
  if (!Object.isFrozen(value)) return false;
  // Frozen and holding no object: frozen all the way down.
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== null && typeof v === "object") return false;
  }
  return true;
}
