/**
 * The difference between the versions of one agreement in force on two dates, with each
 * change attributed to the event that made it. See docs/diff.md.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { EventRef } from "../events/types.js";
import type { Timeline, Version } from "../history/types.js";
import type { AgreementDocument } from "../model/document.js";
import { KyoyakuError } from "../model/errors.js";
import { diffChanges, diffDocuments, EMPTY_DOCUMENT } from "./documents.js";
import type { DocumentDiff, ProvisionChange } from "./types.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * One state of the agreement along valid time: before anything (index 0), each version,
 * and after a 廃止 (last, when abolished). Each state but the first has the event(s) that
 * made it.
 */
interface State {
  /** Absent before anything and after a 廃止 (the empty document). */
  readonly version?: Version;
  readonly madeBy?: EventRef;
}

/** The document of a state, read only for the states a diff needs (a timeline may load its documents on demand). */
const documentOf = (s: State): AgreementDocument => s.version?.document ?? EMPTY_DOCUMENT;

/** States by timeline: a timeline diffed again (the engine keeps the projection's) is not walked again. */
const statesMemo = new WeakMap<Timeline, readonly State[]>();

function states(timeline: Timeline): readonly State[] {
  const known = statesMemo.get(timeline);
  if (known !== undefined) return known;
  const out: State[] = [{}];
  for (const v of timeline.versions) {
    const madeBy = v.changedBy.at(-1) ?? v.events.at(-1);
    out.push(madeBy ? { version: v, madeBy } : { version: v });
  }
  if (timeline.abolishedFrom !== undefined) out.push(timeline.abolishedBy ? { madeBy: timeline.abolishedBy } : {});
  if (Object.isFrozen(timeline)) statesMemo.set(timeline, out);
  return out;
}

/** Index in `states` of the state on `date`, and whether a version is in force then. */
function stateOn(timeline: Timeline, all: readonly State[], date: IsoDate): { index: number; inForce: boolean } {
  if (timeline.abolishedFrom !== undefined && date >= timeline.abolishedFrom) return { index: all.length - 1, inForce: false };
  let index = 0;
  timeline.versions.forEach((v, k) => {
    if (v.interval.from <= date) index = k + 1;
  });
  const v = all[index]!.version;
  const inForce = v !== undefined && (v.interval.to === null || date < v.interval.to);
  return { index, inForce };
}

const related = (x: string, y: string): boolean => x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);

/** Addresses with more `/` than this are matched by a scan rather than by their prefixes (a value may hold `/`). */
const PREFIX_DEPTH = 64;

/** Every `address.slice(0, k)` where `address[k]` is `/` (its ancestors), or undefined past {@link PREFIX_DEPTH}. */
function ancestors(address: string): string[] | undefined {
  const out: string[] = [];
  for (let k = address.indexOf("/"); k >= 0; k = address.indexOf("/", k + 1)) {
    if (out.length === PREFIX_DEPTH) return undefined;
    out.push(address.slice(0, k));
  }
  return out;
}

/**
 * The addresses one step changed, indexed so that "is `y` related to any of them" (equal,
 * inside, or containing: {@link related}) costs a few set lookups, not a scan.
 */
class StepAddresses {
  readonly #exact = new Set<string>();
  /** Ancestors of the step's addresses: `y` here means some address is inside `y`. */
  readonly #inside = new Set<string>();
  /** Addresses too deep to index (scanned). */
  readonly #deep: string[] = [];

  constructor(addresses: readonly string[]) {
    for (const x of addresses) {
      this.#exact.add(x);
      const up = ancestors(x);
      if (up === undefined) this.#deep.push(x);
      else for (const p of up) this.#inside.add(p);
    }
  }

  relatedTo(y: string): boolean {
    if (this.#exact.has(y) || this.#inside.has(y)) return true;
    const up = ancestors(y);
    if (up === undefined) return [...this.#exact].some((x) => related(x, y));
    if (up.some((p) => this.#exact.has(p))) return true;
    return this.#deep.some((x) => related(x, y));
  }
}

function addressesOf(c: ProvisionChange): string[] {
  return [c.address, ...(c.movedFrom !== undefined ? [c.movedFrom] : []), ...(c.beforeAddress !== undefined ? [c.beforeAddress] : [])];
}

/**
 * The difference between the versions of an agreement in force on `from` and on `to`
 * (intervals are half-open: a version `[2016-10-11, 2025-04-01)` is in force on
 * 2025-03-31, not on 2025-04-01).
 *
 * A side with nothing in force (before the first 適用日, after a 廃止) is diffed as the
 * empty document and its `before`/`after` summary is absent, so every provision shows as
 * added (or removed). Each change carries `event`: the last event, among the versions
 * between the two dates, whose version changed that address (or a provision containing or
 * contained in it). When several events share a version's 適用日, the last in valid-time
 * order is named. `from` may be later than `to`: the diff then runs backwards and changes
 * are still attributed to the events that made them.
 *
 * @example
 * const d = diffTimeline(timeline, "2024-04-01", "2025-04-01", "okayama-bizen");
 * d.changes.filter((c) => c.change === "added").map((c) => c.address);
 * d.changes[0].event; // { seq: 2, kind: "amend", appliesFrom: "2025-04-01", … }
 */
export function diffTimeline(timeline: Timeline, from: IsoDate, to: IsoDate, agreementId?: string): DocumentDiff {
  for (const d of [from, to]) {
    if (!ISO.test(d)) throw new KyoyakuError("input.invalid", `diff: 日付 ${d} は YYYY-MM-DD ではありません`, [], { date: d });
  }
  const all = states(timeline);
  const a = stateOn(timeline, all, from);
  const b = stateOn(timeline, all, to);
  const docA = a.inForce ? documentOf(all[a.index]!) : EMPTY_DOCUMENT;
  const docB = b.inForce ? documentOf(all[b.index]!) : EMPTY_DOCUMENT;
  const { patch, changes } = diffDocuments(docA, docB);

  // Attribution: the changes of each step between the two states, latest step first.
  const lo = Math.min(a.index, b.index);
  const hi = Math.max(a.index, b.index);
  const steps: { madeBy?: EventRef; addresses: StepAddresses }[] = [];
  if (changes.length > 0) {
    for (let k = hi; k > lo; k--) {
      const prev = all[k - 1]!;
      const cur = all[k]!;
      const stepChanges = diffChanges(documentOf(prev), documentOf(cur));
      steps.push({ ...(cur.madeBy ? { madeBy: cur.madeBy } : {}), addresses: new StepAddresses(stepChanges.flatMap(addressesOf)) });
    }
  }
  const attributed = changes.map((c) => {
    const mine = addressesOf(c);
    const step = steps.find((s) => mine.some((y) => s.addresses.relatedTo(y)));
    return step?.madeBy ? Object.freeze({ ...c, event: step.madeBy }) : c;
  });

  const side = (s: { index: number; inForce: boolean }): DocumentDiff["before"] => {
    const v = all[s.index]!.version;
    return s.inForce && v ? { root: v.root, interval: v.interval } : undefined;
  };
  const before = side(a);
  const after = side(b);
  return Object.freeze({
    ...(agreementId !== undefined ? { agreementId } : {}),
    from,
    to,
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    patch,
    changes: attributed,
  });
}
