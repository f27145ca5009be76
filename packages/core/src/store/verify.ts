/**
 * `verify`, shared by both stores: recompute the hash chain of every agreement, rebuild its
 * projection in memory (the scratch space) and compare it with the stored one, and check
 * the nodes of every stored version (each node row hashed once, against its key), and, when
 * an anchor is given (store/anchor.ts), that every anchored head is still stored with its
 * hash (`chain.rollback`). Reports the first problem per agreement, by seq.
 *
 * @module
 */
import { canonicalJson } from "../model/canonical.js";
import type { StoredEvent } from "../events/types.js";
import type { Projector, VerifyHead, VerifyProblem, VerifyReport } from "./types.js";
import { checkAnchor, mergeProblems, type Anchor } from "./anchor.js";
import { eventHash } from "./chain.js";
import { leanProjection, type LeanAgreement, type LeanProjection, type LeanVersion } from "./common.js";
import { checkNodes, NodeError, type NodeRow } from "./nodes.js";

/** What verify reads from a store, as stored (no checks on the way). */
export interface VerifyInput {
  /** Every agreement id found in events or projections. */
  readonly agreementIds: readonly string[];
  /** Events as stored, by seq (gaps and all). */
  events(agreementId: string): readonly StoredEvent[];
  /** The stored agreement row, as stored (lean). */
  agreement(agreementId: string): LeanAgreement | undefined;
  /** The stored version rows, in date order, as stored (lean). */
  versions(agreementId: string): readonly LeanVersion[];
  node(hash: string): NodeRow | undefined;
  /**
   * After `events(agreementId)`: the first event whose row refers to a node that cannot be
   * read (schema 8 stores a payload's documents and provisions as node references), if any.
   * `events` then gives that event with the references left in (its hash will not match).
   */
  unreadable?(agreementId: string): { readonly seq: number; readonly code: "node.missing" | "node.hash-mismatch"; readonly message: string } | undefined;
  /**
   * The anchor to compare with (store/anchor.ts): the heads it holds, or why it cannot be
   * read. Absent: no anchor.
   */
  readonly anchor?: { readonly file: string } & ({ readonly anchor: Anchor } | { readonly error: string });
}

/**
 * The first chain problem of one agreement's events, if any.
 *
 * @example
 * checkChain("a", store.read("a")); // undefined when the chain is intact
 */
export function checkChain(agreementId: string, events: readonly StoredEvent[]): VerifyProblem | undefined {
  let prevHash = "";
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const expected = i + 1;
    if (e.seq !== expected) {
      return { agreementId, seq: expected, code: "chain.seq-gap", message: `出来事 #${expected} がない: #${expected - 1} の次に保存されているのは #${e.seq}` };
    }
    if (eventHash(e) !== e.hash) {
      return { agreementId, seq: e.seq, code: "chain.hash-mismatch", message: `出来事 #${e.seq} のハッシュが記録されたハッシュ ${e.hash.slice(0, 12)}… と一致しない: 記録の後に内容が変えられた` };
    }
    if (e.prevHash !== prevHash) {
      return { agreementId, seq: e.seq, code: "chain.prev-mismatch", message: `出来事 #${e.seq} は直前のハッシュ ${e.prevHash.slice(0, 12) || '""'}… につながっているが、#${e.seq - 1} のハッシュは ${prevHash.slice(0, 12) || '""'}…` };
    }
    prevHash = e.hash;
  }
  return undefined;
}

const versionKey = (v: LeanVersion): string =>
  canonicalJson({ interval: v.interval, root: v.root, events: v.events, changedBy: v.changedBy, unknown: v.unknown, meta: v.meta });

/** The seq a version is reported at: the first event that made it. */
const madeBy = (v: LeanVersion, lastSeq: number): number => (v.changedBy.length > 0 ? Math.min(...v.changedBy) : lastSeq);

/** What differs between two version rows, in words (e.g. `interval [2016-10-11, 2025-04-01) vs [2016-10-11, …)`). */
function versionDifference(s: LeanVersion, r: LeanVersion): string {
  const iv = (v: LeanVersion): string => `[${v.interval.from}, ${v.interval.to ?? "…"})`;
  const parts: string[] = [];
  if (iv(s) !== iv(r)) parts.push(`期間 保存 ${iv(s)}／再構築 ${iv(r)}`);
  if (s.root !== r.root) parts.push(`本文のハッシュ 保存 ${s.root.slice(0, 12)}…／再構築 ${r.root.slice(0, 12)}…`);
  if (s.events !== r.events) parts.push(`根拠の出来事の数 保存 ${s.events}／再構築 ${r.events}`);
  const seqs = (v: LeanVersion): string => v.changedBy.map((n) => `#${n}`).join(",") || "なし";
  if (seqs(s) !== seqs(r)) parts.push(`改正した出来事 保存 ${seqs(s)}／再構築 ${seqs(r)}`);
  if (canonicalJson(s.unknown) !== canonicalJson(r.unknown)) parts.push("原文が未登録の部分が異なる");
  if (canonicalJson(s.meta ?? null) !== canonicalJson(r.meta ?? null)) parts.push("版の付帯情報が異なる");
  return parts.join("、");
}

/** The seq to blame for a differing version: the first event that made one row but not the other. */
function blame(s: LeanVersion, r: LeanVersion, lastSeq: number): number {
  const a = new Set(s.changedBy);
  const b = new Set(r.changedBy);
  const only = [...s.changedBy.filter((n) => !b.has(n)), ...r.changedBy.filter((n) => !a.has(n))];
  return only.length > 0 ? Math.min(...only) : madeBy(r, lastSeq);
}

/**
 * Compare a stored (lean) projection with one rebuilt from events; the first mismatch, if any:
 * the first differing version row, else the first version standing on a differing event,
 * else the summary.
 *
 * @example
 * compareProjection("a", 3, { agreement, versions }, leanProjection(project("a", events))); // undefined when equal
 */
export function compareProjection(
  agreementId: string,
  lastSeq: number,
  stored: { readonly agreement: LeanAgreement | undefined; readonly versions: readonly LeanVersion[] },
  rebuilt: LeanProjection | undefined,
): VerifyProblem | undefined {
  const sv = stored.versions;
  const rv = rebuilt?.versions ?? [];
  // A projection standing on events past the last stored one: the tail of the stream is gone
  // (rows deleted behind the triggers' back). Say so rather than blame the first version.
  const beyond = Math.max(0, ...sv.flatMap((v) => v.changedBy), ...(stored.agreement?.applied ?? []).map((e) => e.seq));
  if (beyond > lastSeq) {
    return {
      agreementId, seq: lastSeq + 1, code: "projection.mismatch",
      message: `保存された投影は出来事 #${beyond} に基づくが、保存された出来事は #${lastSeq} で終わる: #${lastSeq} より後の出来事がない（末尾が切り取られている）`,
    };
  }
  const n = Math.max(sv.length, rv.length);
  for (let i = 0; i < n; i++) {
    const s = sv[i];
    const r = rv[i];
    if (s !== undefined && r !== undefined && versionKey(s) === versionKey(r)) continue;
    const seq = s !== undefined && r !== undefined ? blame(s, r, lastSeq) : madeBy(r ?? s!, lastSeq);
    const what = s === undefined
      ? `保存された投影に ${r!.interval.from} からの版がない（保存 ${sv.length}版、再構築 ${rv.length}版）`
      : r === undefined
        ? `保存された投影に、出来事からは生じない ${s.interval.from} からの版がある（保存 ${sv.length}版、再構築 ${rv.length}版）`
        : `${s.interval.from} からの第${i + 1}版が出来事から再構築したものと異なる: ${versionDifference(s, r)}`;
    return { agreementId, seq, code: "projection.mismatch", message: what };
  }
  const sa = stored.agreement;
  const ra = rebuilt?.agreement;
  if (sa !== undefined && ra !== undefined) {
    const len = Math.max(sa.applied.length, ra.applied.length);
    for (let j = 0; j < len; j++) {
      if (canonicalJson([sa.applied[j], sa.missing[j]]) === canonicalJson([ra.applied[j], ra.missing[j]])) continue;
      const v = rv.find((x) => x.events > j);
      return {
        agreementId, seq: v !== undefined ? madeBy(v, lastSeq) : lastSeq, code: "projection.mismatch",
        message: `${v !== undefined ? `${v.interval.from} からの版` : "協約の各版"}の根拠として保存された出来事が、出来事から再構築したものと異なる（効力の順で${j + 1}番目の出来事）`,
      };
    }
  }
  const want = ra === undefined ? undefined : canonicalJson(ra.summary);
  const have = sa === undefined ? undefined : canonicalJson(sa.summary);
  if (want !== have) {
    return { agreementId, seq: lastSeq, code: "projection.mismatch", message: "保存された協約の概要が、出来事から再構築したものと異なる" };
  }
  return undefined;
}

/**
 * Verify a store's content (see module doc). Pure over `input`; writes nothing.
 *
 * @example
 * verifyStore(input, projector).ok; // true on an untouched store
 */
export function verifyStore(input: VerifyInput, project: Projector): VerifyReport {
  const problems: VerifyProblem[] = [];
  let events = 0;
  let agreements = 0;
  // Nodes are shared by versions and agreements: each is hashed once; a bad one fails every version that reaches it.
  const checked = new Map<string, NodeError | null>();
  const heads: VerifyHead[] = [];
  // seq and hash of every event read, for the anchor check (no second read).
  const chains = new Map<string, readonly { readonly seq: number; readonly hash: string }[]>();
  for (const id of input.agreementIds) {
    const evs = input.events(id);
    if (input.anchor !== undefined) chains.set(id, evs.map((e) => ({ seq: e.seq, hash: e.hash })));
    events += evs.length;
    const head = evs[evs.length - 1];
    if (head !== undefined) {
      agreements += 1;
      heads.push({ agreementId: id, seq: head.seq, hash: head.hash });
    }
    const chain = checkChain(id, evs);
    // An event whose payload nodes are gone or changed is named as such, unless the chain broke earlier.
    const bad = input.unreadable?.(id);
    if (bad !== undefined && (chain === undefined || bad.seq <= chain.seq)) {
      problems.push({ agreementId: id, seq: bad.seq, code: bad.code, message: `出来事 #${bad.seq}: ${bad.message}` });
      continue;
    }
    if (chain !== undefined) {
      problems.push(chain);
      continue;
    }
    let rebuilt: LeanProjection | undefined;
    if (evs.length > 0) {
      try {
        rebuilt = leanProjection(project(id, evs));
      } catch (e) {
        problems.push({ agreementId: id, seq: evs.length, code: "projection.mismatch", message: `出来事から投影を再構築できない: ${(e as Error).message}` });
        continue;
      }
    }
    const versions = input.versions(id);
    const mismatch = compareProjection(id, evs.length, { agreement: input.agreement(id), versions }, rebuilt);
    if (mismatch !== undefined) {
      problems.push(mismatch);
      continue;
    }
    for (const v of versions) {
      try {
        checkNodes(v.root, (h) => input.node(h), checked);
      } catch (e) {
        if (!(e instanceof NodeError)) throw e;
        const seq = madeBy(v, evs.length);
        problems.push({ agreementId: id, seq, code: e.code, message: `${v.interval.from} からの版: ${e.message}` });
        break;
      }
    }
  }
  const all = anchorProblems(input.anchor, problems, (id) => chains.get(id) ?? []);
  return { ok: all.length === 0, agreements, events, problems: all, heads };
}

/** The problems with those of the anchor merged in (first bad seq per agreement). */
function anchorProblems(
  anchor: VerifyInput["anchor"],
  problems: readonly VerifyProblem[],
  events: (id: string) => readonly { readonly seq: number; readonly hash: string }[],
): VerifyProblem[] {
  if (anchor === undefined) return [...problems];
  if ("error" in anchor) {
    return [...problems, { agreementId: "", seq: 0, code: "anchor.unreadable", message: `アンカー ${anchor.file} が読めない: ${anchor.error}。壊れているおそれがある。写しを取って確かめてから削除すれば、新しいアンカーが始まる` }];
  }
  return mergeProblems(problems, checkAnchor(anchor.anchor, events, `the anchor ${anchor.file}`));
}
