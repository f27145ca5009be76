/**
 * Agreement ids as one name each. An id is read in Unicode NFKC: a composed and a decomposed
 * が (NFC/NFD), full-width and half-width letters (ｏｋａｙａｍａ / okayama, ｶﾅ / カナ) are the
 * same id, so that two agreements cannot look alike. Characters that cannot be seen or that
 * reorder what is seen — controls, zero-width characters, bidi marks, embeddings, overrides
 * and isolates, and every other default-ignorable or format character — are refused.
 *
 * Every id enters the engine through {@link withNormalizedIds}, so the CLI, the HTTP API and
 * embedders all get it. Ids stored before this rule keep working: a lookup tries the
 * normalised id first and, when nothing is recorded under it, the id exactly as given.
 *
 * @module
 */
import type { DocumentDiff } from "../diff/types.js";
import { KyoyakuError } from "../model/errors.js";
import type { Kyoyaku, RecordRequest } from "./types.js";

// Controls, format characters (bidi marks and overrides, zero-width, soft hyphen, tags),
// surrogate halves, and whatever else Unicode says renders as nothing (variation selectors,
// Hangul fillers, Mongolian selectors …).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;

/** U+XXXX of a character. */
function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The refusal of a text with an invisible or reordering character, or undefined when it has none.
 *
 * @example
 * invisibleCharacter("okayama\u200bwake"); // "U+200B、8文字目"
 * invisibleCharacter("岡山市-和気町"); // undefined
 */
export function invisibleCharacter(text: string): string | undefined {
  const m = INVISIBLE.exec(text);
  if (m === null) return undefined;
  return `${codePoint(m[0])}、${[...text.slice(0, m.index)].length + 1}文字目`;
}

/**
 * An agreement id in its one form (NFKC), or `input.invalid` when it has an invisible,
 * control or bidi character.
 *
 * @example
 * normalizeAgreementId("ｏｋａｙａｍａ-wake"); // "okayama-wake"
 * normalizeAgreementId("okayama\u202ewake"); // throws input.invalid
 */
export function normalizeAgreementId(id: string): string {
  if (typeof id !== "string") return id;
  const bad = invisibleCharacter(id);
  if (bad !== undefined) {
    throw new KyoyakuError(
      "input.invalid",
      `協約の ID ${JSON.stringify(id)} に見えない文字又は制御文字（${bad}）がある: 幅のない文字、書字方向の制御文字又は制御文字を含む ID は、見分けのつかない ID を生むので受け付けない`,
      [],
      { agreementId: id },
    );
  }
  return id.normalize("NFKC");
}

/** Who records and why are stored text too: no control or bidi character in them. */
function checkStoredText(text: unknown, what: string): void {
  if (typeof text !== "string") return;
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.exec(text);
  if (m !== null) throw new KyoyakuError("input.invalid", `${what} に制御文字（${codePoint(m[0])}）がある。除いて与えること`, [], { [what]: text });
}

/** An id's normal form, or undefined for one that cannot be an id now (an invisible character). */
function normalOrUndefined(id: string): string | undefined {
  try {
    return normalizeAgreementId(id);
  } catch {
    return undefined;
  }
}

// Controls and bidi characters; tab, line breaks and form feed (a PDF's page break) are text.
// eslint-disable-next-line no-control-regex
const EVENT_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Every string of an event given to the engine (titles, texts, names, parties; the source
 * text too) without a control or bidi character: the parser refuses such texts at their line
 * (parse.control-character), and this keeps an embedder's event to the same rule.
 */
function checkEventText(event: unknown): void {
  const stack: [unknown, string][] = [[event, "event"]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      const m = EVENT_CONTROL.exec(v);
      if (m !== null) {
        const before = v.slice(Math.max(0, m.index - 15), m.index).replace(/\s+/gu, " ");
        throw new KyoyakuError("input.invalid", `${path} の${before !== "" ? `「${before}」の後` : "先頭"}に制御文字（${codePoint(m[0])}）がある。除いて与えること`, [], { field: path });
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${String(i)}]`])); // no spread: a 16,000-条 list
    } else if (v !== null && typeof v === "object") {
      for (const [key, x] of Object.entries(v)) stack.push([x, `${path}.${key}`]);
    }
  }
}

/**
 * The engine with every agreement id normalised ({@link normalizeAgreementId}) on the way in.
 * A lookup of an id stored before ids were normalised still finds it.
 *
 * @example
 * const k = withNormalizedIds(engine);
 * k.asOf("ｏｋａｙａｍａ-wake", "2020-04-01").agreementId; // "okayama-wake"
 */
export function withNormalizedIds(k: Kyoyaku): Kyoyaku {
  // Ids stored before ids were normalised (an NFD or full-width id), by their normal form,
  // read once: only an older kyoyaku writes such ids, so the set does not grow while open.
  let legacy: ReadonlyMap<string, string> | undefined;
  const legacyIds = (): ReadonlyMap<string, string> => {
    if (legacy !== undefined) return legacy;
    const m = new Map<string, string>();
    for (const a of k.agreements()) {
      const n = normalOrUndefined(a.id);
      if (n !== undefined && n !== a.id && !m.has(n)) m.set(n, a.id);
    }
    return (legacy = m);
  };
  const id = (raw: string): string => {
    const n = normalizeAgreementId(raw);
    const old = legacyIds().get(n);
    if (old === undefined || raw === old) return old ?? n;
    // A legacy id is found by its normal form too (so no lookalike is recorded beside it),
    // unless an agreement under the normal form itself was recorded since.
    return version(n) > 0 ? n : old;
  };
  const version = (x: string): number => {
    try {
      return k.version(x);
    } catch {
      return 0;
    }
  };
  const request = <T extends { readonly agreementId: string; readonly recordedBy: string }>(r: T): T => {
    if (r === null || typeof r !== "object") return r;
    checkStoredText(r.recordedBy, "recordedBy");
    checkStoredText((r as { reason?: unknown }).reason, "reason");
    checkEventText((r as { event?: unknown }).event);
    return { ...r, agreementId: id(r.agreementId) };
  };
  return {
    record: (r) => k.record(request(r)),
    recordMany: (rs) => k.recordMany(Array.isArray(rs) ? rs.map((r: RecordRequest) => request(r)) : rs),
    ratify: (r) => k.ratify(request(r)),
    resolve: (r) => k.resolve(request(r)),
    correct: (r) => k.correct(request(r)),
    agreements: () => k.agreements(),
    events: (a) => k.events(id(a)),
    version: (a) => k.version(id(a)),
    asOf: (a, date, options) => k.asOf(id(a), date, options),
    asOfVersion: (a, date, options) => k.asOfVersion(id(a), date, options),
    timeline: (a, options) => k.timeline(id(a), options),
    history: (a, options) => k.history(id(a), options),
    inForce: (date, options) => k.inForce(date, options),
    search: (text, options) => k.search(text, options),
    diff: (a, from, to, options): DocumentDiff => k.diff(id(a), from, to, options),
    verify: () => k.verify(),
    rebuildProjections: () => k.rebuildProjections(),
    close: () => k.close(),
  };
}
