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
  for (const c of changes) {
    const top = head(c.address);
    if (top.startsWith("article:")) {
      if (c.level === "article") {
        groups.push({
          type: "article",
          changes: [c],
          ...(c.change !== "removed" ? { afterAddr: c.address } : {}),
          ...(c.change !== "added" ? { beforeAddr: c.movedFrom ?? c.beforeAddress ?? c.address } : {}),
        });
        continue;
      }
      const g = [...groups].reverse().find((x) => x.type === "article" && x.afterAddr === top) ?? [...groups].reverse().find((x) => x.type === "article" && x.beforeAddr === top);
      if (g) g.changes.push(c);
      else groups.push({ type: "article", changes: [c], afterAddr: top, beforeAddr: top });
      continue;
    }
    if (top === "supplementary") {
      const g = groups.find((x) => x.type === "supplementary");
      if (g) g.changes.push(c);
      else groups.push({ type: "supplementary", changes: [c], afterAddr: "supplementary", beforeAddr: "supplementary" });
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

const at = <T>(doc: AgreementDocument | undefined, address: string | undefined): T | undefined =>
  doc !== undefined && address !== undefined ? (resolveAddress(doc, address) as T | undefined) : undefined;

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

/** Indices of the units a group covers (its address and everything under it). */
function covered(list: readonly string[], addr: string | undefined, norm: (s: string) => string): number[] {
  if (addr === undefined) return [];
  const a = norm(addr);
  const out: number[] = [];
  list.forEach((u, i) => {
    const n = norm(u);
    if (n === a || n.startsWith(`${a}/`) || a.startsWith(`${n}/`)) out.push(i);
  });
  return out;
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
  const ua = units(after);
  const ub = units(before);
  const cover = groups.map((g) => ({ a: covered(ua, g.afterAddr, norm), b: covered(ub, g.beforeAddr, norm) }));
  const usedA = new Set(cover.flatMap((c) => c.a));
  const usedB = new Set(cover.flatMap((c) => c.b));
  const hasDocs = before !== undefined || after !== undefined;

  // Unchanged provisions (in both documents, in no row), by their index in the newer one.
  const normB = new Map(ub.map((u, i) => [norm(u), i] as const));
  const unchanged: { a: number; b: number }[] = [];
  ua.forEach((u, i) => {
    const j = normB.get(norm(u));
    if (j !== undefined && !usedA.has(i) && !usedB.has(j)) unchanged.push({ a: i, b: j });
  });
  // Each row's span in the newer document's order; a removed provision sits just after the
  // last unchanged one that preceded it in the older document.
  const span = (c: { a: number[]; b: number[] }): [number, number] => {
    if (c.a.length > 0) return [Math.min(...c.a), Math.max(...c.a)];
    if (c.b.length === 0) return [Number.NaN, Number.NaN];
    const b0 = Math.min(...c.b);
    const x = Math.max(-1, ...unchanged.filter((u) => u.b < b0).map((u) => u.a)) + 0.5;
    return [x, x];
  };
  const elidedBetween = (from: number, to: number): boolean => unchanged.some((u) => u.a > from && u.a < to);

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
