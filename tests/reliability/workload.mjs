// Deterministic workloads shared by the reliability tests (TypeScript, through vitest) and
// their child processes (plain Node, importing the BUILT packages). Pure: no I/O.
import { createHash } from "node:crypto";

/** A small seeded PRNG (mulberry32): the same seed gives the same numbers everywhere. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha = (text) => createHash("sha256").update(text, "utf8").digest("hex");

const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A legal event input with a unique source. */
function legal(payload, parties, concludedOn, appliesFrom, sourceName, sourceText) {
  return {
    payload,
    dates: { concludedOn, appliesFrom, resolutions: Object.fromEntries(parties.map((p) => [p, addDays(concludedOn, -3)])) },
    draft: false,
    parties,
    source: { name: sourceName, text: sourceText, sha256: sha(sourceText) },
  };
}

/** An amendment replacing article `n` of `base` with a new text. */
export function amendArticle(base, n, tag, concludedOn, appliesFrom, sourceName) {
  const article = base.articles.find((a) => a.number === String(n)) ?? base.articles[0];
  const node = { ...article, paragraphs: article.paragraphs.map((p, i) => (i === 0 ? { ...p, text: `${p.text}（${tag}）` } : p)) };
  const parties = base.parties.map((p) => p.name);
  const text = `連携協約の一部を次のとおり変更する。\n第${article.number}条を次のように改める。\n${node.paragraphs[0].text}\n附則 この協約は、${appliesFrom}から適用する。\n[${tag}]`;
  return legal({ kind: "amend", operations: [{ op: "replace", target: `article:${article.number}`, node }] }, parties, concludedOn, appliesFrom, sourceName, text);
}

/**
 * The crash workload: `units` imports over `agreements` agreements, round-robin. Unit j is
 * one or two events (`sizes`), the first unit of each agreement a 締結 of `base`; about one
 * amendment in six applies before the one recorded just before it (out of order).
 * Every source text is unique to (seed, unit, event).
 */
export function crashPlan(seed, units, agreements, base) {
  const random = rng(seed);
  const parties = base.parties.map((p) => p.name);
  const plan = [];
  const count = new Array(agreements).fill(0);
  for (let j = 0; j < units; j++) {
    const a = j % agreements;
    const agreementId = `crash-${a}`;
    const size = count[a] === 0 ? 1 : random() < 0.35 ? 2 : 1;
    const events = [];
    for (let e = 0; e < size; e++) {
      const k = count[a]++;
      const name = `seed${seed}-u${j}-e${e}.txt`;
      if (k === 0) {
        const text = `${base.title}\n[${agreementId} seed ${seed}]\n${base.preamble}`;
        events.push(legal({ kind: "conclude", document: base }, parties, "2016-10-11", "2016-10-11", name, text));
      } else {
        const concludedOn = addDays("2016-11-01", k * 20);
        const appliesFrom = random() < 0.17 ? addDays(concludedOn, -Math.floor(random() * 200) - 1) : addDays(concludedOn, 10);
        events.push(amendArticle(base, 1 + Math.floor(random() * base.articles.length), `${agreementId}-改正${k}`, concludedOn, appliesFrom < "2016-10-12" ? "2016-10-12" : appliesFrom, name));
      }
    }
    plan.push({ agreementId, events });
  }
  return plan;
}

/** The source SHA-256 of each planned event, per agreement, in order. */
export function plannedShas(plan) {
  const out = new Map();
  for (const u of plan) {
    const list = out.get(u.agreementId) ?? [];
    for (const e of u.events) list.push(e.source.sha256);
    out.set(u.agreementId, list);
  }
  return out;
}

/** The n-th amendment a concurrent writer records: unique source, valid against any state of the seed's articles. */
export function writerAmendment(base, writer, i, random) {
  const concludedOn = addDays("2017-01-01", Math.floor(random() * 3000));
  const appliesFrom = addDays(concludedOn, Math.floor(random() * 60) - 20);
  return amendArticle(base, 1 + Math.floor(random() * base.articles.length), `w${writer}-${i}`, concludedOn, appliesFrom < "2016-10-12" ? "2016-10-12" : appliesFrom, `w${writer}-${i}.txt`);
}

/** The 締結 of an agreement for the concurrency test (unique source per id). */
export function concludeFor(base, agreementId) {
  const parties = base.parties.map((p) => p.name);
  return legal({ kind: "conclude", document: base }, parties, "2016-10-11", "2016-10-11", `${agreementId}.txt`, `${base.title}\n[${agreementId}]`);
}
