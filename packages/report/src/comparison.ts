/**
 * The rows of a 新旧対照表: one per changed provision (条, 取組, section, 別表, party,
 * document-level part), heading context rows where the table enters a 別表 section, and
 * 「（略）」 rows where unchanged provisions are left out.
 *
 * @module
 */
import {
  addressLabel, normalizeText, parseAddress, resolveAddress, sectionKey,
  type AgreementDocument, type Appendix, type AppendixItem, type Article, type DocumentDiff, type EventRef, type Party, type ProvisionChange,
  type Section, type SupplementaryProvisions,
} from "@kyoyaku/core";
import {
  appendixCells, appendixItemCells, articleCells, partText, partyCells, sectionCells, sectionHeading, supplementaryCells, textCells,
  type CellPair,
} from "./provisions.js";

/** One row of the table. */
export type ComparisonRow =
  | {
      readonly kind: "change";
      /** Address of the provision (the newer one; the older for a removed provision). */
      readonly address: string;
      readonly change: ProvisionChange["change"];
      readonly cells: CellPair;
      /** The events that made the change (from the diff's attribution). */
      readonly events: readonly EventRef[];
    }
  /** A heading shown unchanged on both sides, e.g. 「別表（第3条関係）」, 「I 圏域全体の…」. */
  | { readonly kind: "context"; readonly text: string }
  /** Unchanged provisions left out: 「（略）」. */
  | { readonly kind: "elided" };

interface Group {
  readonly type: "article" | "supplementary" | "single";
  readonly changes: ProvisionChange[];
  afterAddr?: string;
  beforeAddr?: string;
}

const head = (address: string): string => address.split("/")[0]!;

/** Group the change list into table rows (a 条 with its 項 and 号 is one row; so is 附則). */
function groupChanges(changes: readonly ProvisionChange[]): Group[] {
  const groups: Group[] = [];
  // The latest article group by its newer and by its older address (what a backwards search found).
  const byAfter = new Map<string, Group>();
  const byBefore = new Map<string, Group>();
  const article = (g: Group): void => {
    groups.push(g);
    if (g.afterAddr !== undefined) byAfter.set(g.afterAddr, g);
    if (g.beforeAddr !== undefined) byBefore.set(g.beforeAddr, g);
  };
  let supplementary: Group | undefined;
  for (const c of changes) {
    const top = head(c.address);
    if (top.startsWith("article:")) {
      if (c.level === "article") {
        article({
          type: "article",
          changes: [c],
          ...(c.change !== "removed" ? { afterAddr: c.address } : {}),
          ...(c.change !== "added" ? { beforeAddr: c.movedFrom ?? c.beforeAddress ?? c.address } : {}),
        });
        continue;
      }
      const g = byAfter.get(top) ?? byBefore.get(top);
      if (g) g.changes.push(c);
      else article({ type: "article", changes: [c], afterAddr: top, beforeAddr: top });
      continue;
    }
    if (top === "supplementary") {
      if (supplementary) supplementary.changes.push(c);
      else groups.push((supplementary = { type: "supplementary", changes: [c], afterAddr: "supplementary", beforeAddr: "supplementary" }));
      continue;
    }
    groups.push({
      type: "single",
      changes: [c],
      ...(c.change !== "removed" ? { afterAddr: c.address } : {}),
      ...(c.change !== "added" ? { beforeAddr: c.movedFrom ?? c.beforeAddress ?? c.address } : {}),
    });
  }
  return groups;
}

/**
 * Find the node at an address as {@link resolveAddress} does, with 条, 別表 and sections
 * indexed once per document: the table looks up one 条 (or heading) per row, and a scan of
 * 16,000 条 per row made a big table quadratic.
 */
const indexes = new WeakMap<AgreementDocument, (address: string) => unknown>();

function indexedResolver(doc: AgreementDocument): (address: string) => unknown {
  const known = indexes.get(doc);
  if (known !== undefined) return known;
  const firstBy = <T>(list: readonly T[], key: (x: T, i: number) => string | undefined): Map<string, number> => {
    const m = new Map<string, number>();
    list.forEach((x, i) => {
      const k = key(x, i);
      if (k !== undefined && !m.has(k)) m.set(k, i);
    });
    return m;
  };
  let articles: Map<string, number> | undefined;
  let appendices: Map<string, number> | undefined;
  const sections = new Map<Appendix, { byKey: Map<string, number>; byHash: Map<string, number> }>();
  const memo = new Map<string, unknown>();
  const resolve = (address: string): unknown => {
    if (memo.has(address)) return memo.get(address);
    const segs = parseAddress(address);
    let node: unknown;
    if (segs?.length === 1 && segs[0]!.kind === "article") {
      // resolveAddress: the first 条 whose number equals the value once normalised.
      articles ??= firstBy(doc.articles, (a) => normalizeText(a.number));
      const i = articles.get(normalizeText(segs[0]!.value ?? ""));
      node = i === undefined ? undefined : doc.articles[i];
    } else if (segs !== undefined && segs.length <= 2 && segs[0]!.kind === "appendix" && (segs.length === 1 || segs[1]!.kind === "section")) {
      appendices ??= firstBy(doc.appendices, (a) => String(a.number));
      const i = appendices.get(segs[0]!.value ?? "");
      const ap = i === undefined ? undefined : doc.appendices[i];
      if (segs.length === 1 || ap === undefined) node = ap;
      else {
        // resolveAddress: the first section whose key equals the normalised value, or an unlabelled one numbered `#n`.
        let idx = sections.get(ap);
        if (idx === undefined) {
          idx = { byKey: firstBy(ap.sections, (sec, k) => sectionKey(sec, k)), byHash: firstBy(ap.sections, (sec, k) => (sec.label === "" ? `#${k + 1}` : undefined)) };
          sections.set(ap, idx);
        }
        const v = segs[1]!.value ?? "";
        const k = Math.min(idx.byKey.get(normalizeText(v)) ?? Infinity, idx.byHash.get(v) ?? Infinity);
        node = Number.isFinite(k) ? ap.sections[k] : undefined;
      }
    } else node = resolveAddress(doc, address);
    memo.set(address, node);
    return node;
  };
  indexes.set(doc, resolve);
  return resolve;
}

const at = <T>(doc: AgreementDocument | undefined, address: string | undefined): T | undefined =>
  doc !== undefined && address !== undefined ? (indexedResolver(doc)(address) as T | undefined) : undefined;

function cellsOf(g: Group, before: AgreementDocument | undefined, after: AgreementDocument | undefined): CellPair {
  const first = g.changes[0]!;
  const pick = <T>(side: "before" | "after", addr: string | undefined, doc: AgreementDocument | undefined, own: boolean): T | undefined => {
    if (own) return first[side] as T | undefined;
    return at<T>(doc, addr);
  };
  if (g.type === "article") {
    const own = first.level === "article";
    const b = pick<Article>("before", g.beforeAddr, before, own);
    const a = pick<Article>("after", g.afterAddr, after, own);
    if (own || (a !== undefined && b !== undefined)) return articleCells(b, a, true);
    // Without the documents, show the changed 項 alone, labelled 「第N条第M項」.
    const out: CellPair = { after: [], before: [] };
    for (const c of g.changes) {
      const label = addressLabel(c.address);
      const text = (x: unknown): string | undefined => (x === undefined ? undefined : `${label} ${(x as { text: string }).text}`);
      const p = textCells(text(c.before), text(c.after));
      out.after.push(...p.after);
      out.before.push(...p.before);
    }
    return out;
  }
  if (g.type === "supplementary") {
    const own = first.level === "supplementary";
    return supplementaryCells(pick<SupplementaryProvisions>("before", "supplementary", before, own), pick<SupplementaryProvisions>("after", "supplementary", after, own), true);
  }
  const b = first.before;
  const a = first.after;
  switch (first.level) {
    case "appendixItem":
      return appendixItemCells(b as AppendixItem | undefined, a as AppendixItem | undefined);
    case "section":
      // A section that only changed its heading shows the heading; a new or deleted one shows everything.
      return sectionCells(b as Section | undefined, a as Section | undefined, first.change !== "replaced");
    case "appendix":
      return appendixCells(b as Appendix | undefined, a as Appendix | undefined, first.change !== "replaced");
    case "party":
      return partyCells(b as Party | undefined, a as Party | undefined);
    default:
      return textCells(partText(b), partText(a));
  }
}

/** Provisions that count for 「（略）」: document parts, parties, 条, 取組, 附則 — in document order. */
function units(doc: AgreementDocument | undefined): string[] {
  if (!doc) return [];
  const out: string[] = [];
  const part = (k: keyof AgreementDocument): void => {
    if (partText(doc[k]) !== undefined) out.push(k);
  };
  part("title");
  part("date");
  for (const p of doc.parties) out.push(`party:${p.role}`);
  part("name");
  part("preamble");
  for (const a of doc.articles) out.push(`article:${a.number}`);
  part("closing");
  part("signedOn");
  for (const ap of doc.appendices) {
    ap.sections.forEach((s, i) => {
      for (const it of s.items) out.push(`appendix:${ap.number}/section:${sectionKey(s, i)}/item:${it.name}`);
    });
  }
  if (doc.supplementary) out.push("supplementary");
  return out;
}

/** Addresses with more `/` than this look for the units containing them by a scan. */
const PREFIX_DEPTH = 64;

/**
 * The units of a document (normalised addresses) indexed for {@link Units.covered}: by
 * value, and sorted, so that the units under an address are one range of the sorted list.
 */
class Units {
  readonly #norms: readonly string[];
  readonly #byNorm = new Map<string, number[]>();
  readonly #sorted: readonly { n: string; i: number }[];

  constructor(list: readonly string[], norm: (s: string) => string) {
    this.#norms = list.map(norm);
    this.#norms.forEach((n, i) => {
      const known = this.#byNorm.get(n);
      if (known) known.push(i);
      else this.#byNorm.set(n, [i]);
    });
    this.#sorted = this.#norms.map((n, i) => ({ n, i })).sort((x, y) => (x.n < y.n ? -1 : x.n > y.n ? 1 : x.i - y.i));
  }

  get norms(): readonly string[] {
    return this.#norms;
  }

  /** Indices (ascending) of the units equal to `a`, under it (`a/…`) or containing it (`…/` a prefix of `a`). */
  covered(a: string): number[] {
    const out: number[] = [...(this.#byNorm.get(a) ?? [])];
    // Under a: the sorted range that starts with "a/".
    const p = `${a}/`;
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#sorted[mid]!.n < p) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.#sorted.length && this.#sorted[k]!.n.startsWith(p); k++) out.push(this.#sorted[k]!.i);
    // Containing a: each prefix of a that ends before a "/".
    let depth = 0;
    for (let k = a.indexOf("/"); k >= 0; k = a.indexOf("/", k + 1)) {
      if (++depth > PREFIX_DEPTH) {
        // A value full of "/": scan (results already found are not repeated: prefixes are shorter than a).
        const seen = new Set(out);
        this.#norms.forEach((n, i) => {
          if (!seen.has(i) && a.startsWith(`${n}/`)) out.push(i);
        });
        return out.sort((x, y) => x - y);
      }
      for (const i of this.#byNorm.get(a.slice(0, k)) ?? []) out.push(i);
    }
    return out.sort((x, y) => x - y);
  }
}

/** Indices of the units a group covers (its address and everything under it). */
function covered(units: Units, addr: string | undefined, norm: (s: string) => string): number[] {
  if (addr === undefined) return [];
  return units.covered(norm(addr));
}

/** The 別表 section a group's address is in: `appendix:1/section:I`, or `appendix:1`, or undefined. */
function containerOf(addr: string | undefined): { appendix?: string; section?: string } {
  if (addr === undefined) return {};
  const segs = addr.split("/");
  if (!segs[0]!.startsWith("appendix:")) return {};
  return { appendix: segs[0]!, ...(segs[1]?.startsWith("section:") ? { section: `${segs[0]}/${segs[1]}` } : {}) };
}

/**
 * Build the rows of a 新旧対照表 from a diff. With the two documents, unchanged provisions
 * between changed ones become 「（略）」 rows, a 条 whose 項 changed shows its other 項 as
 * 「（略）」, and headings come from the documents.
 *
 * @example
 * comparisonRows(diff, before, after).filter((r) => r.kind === "change").length; // changed provisions
 */
export function comparisonRows(diff: DocumentDiff, before?: AgreementDocument, after?: AgreementDocument): ComparisonRow[] {
  const groups = groupChanges(diff.changes);
  const norm = (s: string): string => (parseAddress(s) ?? []).map((x) => `${x.kind}:${normalizeText(x.value ?? "")}`).join("/");
  const ua = new Units(units(after), norm);
  const ub = new Units(units(before), norm);
  const cover = groups.map((g) => ({ a: covered(ua, g.afterAddr, norm), b: covered(ub, g.beforeAddr, norm) }));
  const usedA = new Set(cover.flatMap((c) => c.a));
  const usedB = new Set(cover.flatMap((c) => c.b));
  const hasDocs = before !== undefined || after !== undefined;

  // Unchanged provisions (in both documents, in no row), by their index in the newer one.
  const normB = new Map(ub.norms.map((n, i) => [n, i] as const));
  const unchanged: { a: number; b: number }[] = [];
  ua.norms.forEach((n, i) => {
    const j = normB.get(n);
    if (j !== undefined && !usedA.has(i) && !usedB.has(j)) unchanged.push({ a: i, b: j });
  });
  // lastBelow[j]: the greatest newer index of an unchanged provision whose older index is < j (-1: none).
  const lastBelow = new Array<number>(ub.norms.length + 1).fill(-1);
  for (const u of unchanged) lastBelow[u.b + 1] = Math.max(lastBelow[u.b + 1]!, u.a);
  for (let j = 1; j < lastBelow.length; j++) lastBelow[j] = Math.max(lastBelow[j]!, lastBelow[j - 1]!);
  // Each row's span in the newer document's order; a removed provision sits just after the
  // last unchanged one that preceded it in the older document. (cover lists are ascending.)
  const span = (c: { a: number[]; b: number[] }): [number, number] => {
    if (c.a.length > 0) return [c.a[0]!, c.a[c.a.length - 1]!];
    if (c.b.length === 0) return [Number.NaN, Number.NaN];
    const x = lastBelow[c.b[0]!]! + 0.5;
    return [x, x];
  };
  // `unchanged` is in newer-index order: the first one after `from` decides.
  const elidedBetween = (from: number, to: number): boolean => {
    let lo = 0;
    let hi = unchanged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (unchanged[mid]!.a <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo < unchanged.length && unchanged[lo]!.a < to;
  };

  const rows: ComparisonRow[] = [];
  let last = -1;
  let section: string | undefined;
  let appendix: string | undefined;
  groups.forEach((g, k) => {
    const [start, end] = span(cover[k]!);
    if (hasDocs && !Number.isNaN(start)) {
      if (elidedBetween(last, start) && rows.at(-1)?.kind !== "elided") rows.push({ kind: "elided" });
      last = Math.max(last, end);
    }
    // Context headings when the table enters another 別表 or section.
    const where = containerOf(g.afterAddr ?? g.beforeAddr);
    const first = g.changes[0]!;
    if (where.appendix !== undefined && where.appendix !== appendix) {
      appendix = where.appendix;
      section = undefined;
      if (first.level !== "appendix") {
        const ap = at<Appendix>(after, where.appendix) ?? at<Appendix>(before, where.appendix);
        rows.push({ kind: "context", text: ap?.heading ?? `別表第${where.appendix.slice("appendix:".length)}` });
      }
    }
    if (where.section !== undefined && where.section !== section) {
      section = where.section;
      if (first.level !== "section") {
        const s = at<Section>(after, where.section) ?? at<Section>(before, where.section);
        rows.push({ kind: "context", text: s ? sectionHeading(s) : where.section.split("/section:")[1]! });
      }
    }
    const events = [...new Map(g.changes.flatMap((x) => (x.event ? [[x.event.seq, x.event] as const] : []))).values()].sort((x, y) => x.seq - y.seq);
    rows.push({
      kind: "change",
      address: g.afterAddr ?? g.beforeAddr ?? first.address,
      // A 条 whose 項 were added or removed is itself amended (replaced), not new.
      change: g.changes.some((x) => x.change !== first.change) || (g.type !== "single" && first.level !== "article" && first.level !== "supplementary") ? "replaced" : first.change,
      cells: cellsOf(g, before, after),
      events,
    });
  });
  if (hasDocs && groups.length > 0 && elidedBetween(last, Number.POSITIVE_INFINITY)) rows.push({ kind: "elided" });
  return rows;
}
