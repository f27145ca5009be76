// Deterministic generator of realistic agreement histories for the benchmark.
//
// Every agreement is shaped like the seed 連携協約書 (6 条, a 別表 with sections I–III of
// 10–20 取組 taken from both seeds, cloned and renamed where needed), then 0–60 amendments
// in valid-time order mixing whole-別表 replacement and 改め文-sized edits (a field's words,
// a 項, a whole 取組, an inserted or deleted 取組), some retroactive (適用日 before 締結日),
// ~5% ending in a 廃止, and ~10% of neighbouring amendments recorded out of order. Each
// agreement has its own PRNG seeded from (seed, index), so agreement i is the same whatever
// else is generated and the large set streams one agreement at a time.
import { readFileSync } from "node:fs";
import { addDays, appendixItemAddress, normalizeText, sectionKey, sha256 } from "../packages/core/dist/index.js";
import { parseText } from "../packages/text/dist/index.js";

/** mulberry32: a small, fast, deterministic PRNG returning [0, 1). */
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

/** A PRNG with helpers; `mix` makes per-agreement seeds that do not overlap. */
export function random(seed) {
  const next = rng(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}
const mix = (seed, i) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;

const KANJI = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1..999 in kanji numerals (十, 百), for names the parser must read back as names. */
export function kanji(n) {
  if (n < 10) return KANJI[n];
  const h = Math.floor(n / 100), t = Math.floor((n % 100) / 10), o = n % 10;
  return (h ? (h > 1 ? KANJI[h] : "") + "百" : "") + (t ? (t > 1 ? KANJI[t] : "") + "十" : "") + (o ? KANJI[o] : "");
}

const seedUrl = (name) => new URL(`../tests/fixtures/seeds/${name}`, import.meta.url);
function parseSeed(name) {
  const r = parseText(readFileSync(seedUrl(name), "utf8"), { file: name });
  if (!r.ok) throw new Error(`the seed ${name} does not parse: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.value;
}

/** The seed texts (for the parse corpus) and the parts every generated agreement is built from. */
export function seeds() {
  const concluded = parseSeed("000_0d517b853e764d1a.txt");
  const amended = parseSeed("001_6d3949d91c26715e.txt");
  const base = concluded.event.payload.document;
  const table = amended.event.payload.operations.find((o) => o.op === "replace").node;
  // Per section label, every 取組 of both seeds (28 in all), the pool documents draw from.
  const pool = base.appendices[0].sections.map((s, si) => ({
    label: s.label,
    title: s.title,
    items: [...s.items, ...(table.sections[si]?.items ?? [])],
  }));
  return {
    base,
    pool,
    texts: [readFileSync(seedUrl("000_0d517b853e764d1a.txt"), "utf8"), readFileSync(seedUrl("001_6d3949d91c26715e.txt"), "utf8")],
  };
}

const TOWNS = ["和気町", "備前市", "瀬戸内市", "赤磐市", "真庭市", "総社市", "早島町", "久米南町", "美咲町", "吉備中央町", "玉野市", "井原市", "笠岡市", "浅口市", "矢掛町", "新見市", "高梁市", "鏡野町", "勝央町", "奈義町"];
const PHRASES = ["広域的な連携により", "圏域の住民の利便性の向上を図るため", "関係機関と協力して", "情報の共有を進め", "事業の効果を検証しつつ", "財政負担の平準化に配慮して"];

function source(label) {
  const text = `${label}\n(synthetic benchmark source text)`;
  return { name: `${label}.txt`, text, sha256: sha256(text) };
}

/** A 取組 cloned from the pool, renamed so its name is unique in the document. */
function cloneItem(item, suffix) {
  return suffix === undefined ? item : { ...item, name: `${item.name}（その${kanji(suffix)}）` };
}

/** The 別表 of a new agreement: `size` 取組 over sections I–III, drawn from the pool. */
function appendixOf(r, base, pool, size) {
  const counts = [0, 0, 0];
  for (let i = 0; i < size; i++) counts[i < 3 ? i : r.int(0, 2)] += 1;
  const sections = pool.map((s, si) => {
    const items = [];
    const used = new Map();
    for (let i = 0; i < counts[si]; i++) {
      const item = s.items[(i + r.int(0, s.items.length - 1)) % s.items.length];
      const n = (used.get(item.name) ?? 0) + 1;
      used.set(item.name, n);
      items.push(cloneItem(item, n === 1 ? undefined : n));
    }
    return { label: s.label, title: s.title, items };
  });
  return { ...base.appendices[0], sections };
}

/** A new agreement's document: the seed's articles, new parties, a 別表 of `size` 取組. */
export function documentOf(r, base, pool, town, size) {
  const parties = [base.parties[0], { ...base.parties[1], name: town, office: `${town}長`, address: `${town}役場` }];
  return {
    ...base,
    parties,
    name: `岡山市及び${town}における連携中枢都市圏形成に係る連携協約`,
    preamble: base.preamble.replaceAll(base.parties[1].name, town),
    appendices: [appendixOf(r, base, pool, size)],
  };
}

const fieldAddress = (sk, name, field) => `${appendixItemAddress(1, sk, name)}/field:${field}`;

/**
 * One amendment's operations, applied to `doc` (returns the new doc as the engine will see
 * it). `kind` names the mix; `touches` the 取組 and 項 it edits (two amendments with
 * disjoint touches of edit kinds may be recorded in either order).
 */
function amendmentOf(r, doc, pool, n, fresh) {
  const ap = doc.appendices[0];
  const roll = r.next();
  const nonEmpty = ap.sections.map((s, si) => [s, si]).filter(([s]) => s.items.length > 0);
  const [sec, si] = r.pick(nonEmpty);
  const sk = sectionKey(sec, si);
  const ii = r.int(0, sec.items.length - 1);
  const item = sec.items[ii];
  const key = `${sk}/${normalizeText(item.name)}`;
  const setItems = (items) => ({ ...doc, appendices: [{ ...ap, sections: ap.sections.map((s, j) => (j === si ? { ...s, items } : s)) }] });
  if (roll < 0.1) {
    // 別表を次のように改める。: the whole table, a few 取組 reworded, one dropped or added.
    const sections = ap.sections.map((s) => ({
      ...s,
      items: s.items.map((it) => (r.chance(0.2) ? { ...it, fields: it.fields.map((f, fi) => (fi === 0 ? { ...f, text: `${f.text.slice(0, -1)}とともに、${r.pick(PHRASES)}取り組む。` } : f)) } : it)),
    }));
    const target = sections[r.int(0, 2)];
    if (target.items.length > 3 && r.chance(0.5)) target.items = target.items.slice(0, -1);
    else target.items = [...target.items, freshItem(r, pool, target.label, fresh)];
    const node = { ...ap, sections };
    return { kind: "table", touches: null, operations: [{ op: "replace", target: "appendix:1", node }], doc: { ...doc, appendices: [node] } };
  }
  if (roll < 0.45) {
    // 改め文: 別表中「…」を「…」に改める — a few words of one field.
    const fi = r.int(0, item.fields.length - 1);
    const field = item.fields[fi];
    const at = r.int(0, Math.max(0, field.text.length - 8));
    const from = field.text.slice(at, at + r.int(3, 8));
    const to = `${from}${r.pick(PHRASES).slice(0, r.int(2, 6))}`;
    // 改める changes every occurrence, and the engine finds words after normalizeText (「，」 is 「、」):
    // keep only words found as often in the text as written as after normalising.
    const count = (text, words) => text.split(words).length - 1;
    if (from.length >= 2 && count(field.text, from) === count(normalizeText(field.text), normalizeText(from))) {
      const fields = item.fields.map((f, j) => (j === fi ? { ...f, text: f.text.split(from).join(to) } : f));
      return {
        kind: "edit", touches: [key],
        operations: [{ op: "replaceText", target: fieldAddress(sk, item.name, field.name), from, to }],
        doc: setItems(sec.items.map((it, j) => (j === ii ? { ...it, fields } : it))),
      };
    }
  }
  if (roll < 0.65) {
    // One 取組 replaced as a whole (its 取組内容 rewritten).
    const node = { ...item, fields: item.fields.map((f, fi) => (fi === 0 ? { ...f, text: `${r.pick(PHRASES)}、${f.text}（第${kanji(n % 1000)}次変更）` } : f)) };
    return { kind: "edit", touches: [key], operations: [{ op: "replace", target: appendixItemAddress(1, sk, item.name), node }], doc: setItems(sec.items.map((it, j) => (j === ii ? node : it))) };
  }
  if (roll < 0.75) {
    // 第N条を次のように改める (one 項).
    const a = r.int(1, 5);
    const text = `${doc.articles[a - 1].paragraphs[0].text.slice(0, 40)}（第${kanji(n % 1000)}次変更により${r.pick(PHRASES)}改める。）`;
    const paragraph = { number: 1, text, items: [] };
    const articles = doc.articles.map((art, j) => (j === a - 1 ? { ...art, paragraphs: [paragraph, ...art.paragraphs.slice(1)] } : art));
    return { kind: "edit", touches: [`article:${a}`], operations: [{ op: "replace", target: `article:${a}/paragraph:1`, node: paragraph }], doc: { ...doc, articles } };
  }
  if (roll < 0.88 || sec.items.length <= 2) {
    // 別表Ⅱの項の次に次の一項を加える: a new 取組 at the end of a section.
    const node = freshItem(r, pool, sec.label, fresh);
    return { kind: "insert", touches: null, operations: [{ op: "insert", parent: `appendix:1/section:${sk}`, node }], doc: setItems([...sec.items, node]) };
  }
  // 別表中…の項を削る。
  return { kind: "delete", touches: null, operations: [{ op: "delete", target: appendixItemAddress(1, sk, item.name) }], doc: setItems(sec.items.filter((_, j) => j !== ii)) };
}

/** A 取組 with a name no other 取組 of the agreement has had. */
function freshItem(r, pool, label, fresh) {
  const s = pool.find((p) => p.label === label) ?? pool[0];
  fresh.n += 1;
  return cloneItem(r.pick(s.items), 100 + fresh.n);
}

/**
 * One agreement's history: `{ id, events, versions }`, events in recording order
 * (LegalEventInput), versions `{ agreementId, from, to, doc }` in valid-time order (what the
 * engine must answer); `amendments` the number of amendments (0–60 unless forced).
 */
export function agreementHistory(index, { seed = 20161011, parts = seeds(), amendments, items } = {}) {
  const r = random(mix(seed, index));
  const { base, pool } = parts;
  const id = `bench-${String(index).padStart(5, "0")}`;
  const town = TOWNS[index % TOWNS.length];
  const parties = ["岡山市", town];
  let doc = documentOf(r, base, pool, town, items ?? r.int(10, 20));
  const res = (day) => ({ 岡山市: addDays(day, -r.int(3, 30)), [town]: addDays(day, -r.int(3, 30)) });
  const d0 = addDays("2008-04-01", r.int(0, 365 * 10));
  const events = [{ payload: { kind: "conclude", document: doc }, dates: { concludedOn: d0, resolutions: res(d0) }, draft: false, parties, source: source(`${id}-0-conclude`) }];
  const count = amendments ?? r.int(0, 60);
  const fresh = { n: 0 };
  const amends = [];
  // The document in force from each 適用日 (valid-time order), as the engine should compute it.
  const versions = [{ from: d0, doc }];
  let day = d0;
  for (let i = 1; i <= count; i++) {
    const gap = r.int(20, 120);
    const next = addDays(day, gap);
    // ~6% retroactive: concluded on `next`, applied a few days earlier (still after the last 適用日).
    const retro = r.chance(0.06);
    const appliesFrom = retro ? addDays(next, -r.int(1, Math.min(15, gap - 1))) : next;
    const concludedOn = retro ? next : addDays(next, -r.int(0, 14));
    const a = amendmentOf(r, doc, pool, i, fresh);
    doc = a.doc;
    versions.push({ from: appliesFrom, doc });
    amends.push({
      kind: a.kind, touches: a.touches,
      event: { payload: { kind: "amend", operations: a.operations }, dates: { concludedOn, appliesFrom, resolutions: res(concludedOn) }, draft: false, parties, source: source(`${id}-${i}-amend`) },
    });
    day = next;
  }
  // Recorded out of order: ~10% of neighbouring edits whose changes do not overlap swap places.
  for (let i = 1; i < amends.length; i++) {
    const [p, q] = [amends[i - 1], amends[i]];
    if (p.swapped || p.touches === null || q.touches === null || p.touches.some((t) => q.touches.includes(t)) || !r.chance(0.15)) continue;
    amends[i - 1] = { ...q, swapped: true };
    amends[i] = { ...p, swapped: true };
  }
  for (const a of amends) events.push(a.event);
  let abolishedFrom = null;
  if (r.chance(0.05)) {
    const on = addDays(day, r.int(30, 400));
    abolishedFrom = on;
    events.push({ payload: { kind: "abolish" }, dates: { concludedOn: on, appliesFrom: on, resolutions: res(on) }, draft: false, parties, source: source(`${id}-${count + 1}-abolish`) });
  }
  return {
    id, events, outOfOrder: amends.filter((a) => a.swapped).length,
    versions: versions.map((v, i) => ({ agreementId: id, from: v.from, to: versions[i + 1]?.from ?? abolishedFrom, doc: v.doc })),
  };
}

/** Agreements `from` … `to - 1`, one at a time (the large set never sits in memory). */
export function* agreements(from, to, options = {}) {
  const parts = options.parts ?? seeds();
  for (let i = from; i < to; i++) yield agreementHistory(i, { ...options, parts });
}
