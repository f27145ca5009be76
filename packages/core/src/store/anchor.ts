/**
 * The anchor: a small witness file kept beside a SQLite database (`<db>.anchor`) that holds
 * each agreement's head — its last seq and that event's hash — as last written. A truncated
 * tail, or the whole file swapped for an older copy, leaves a valid hash chain and matching
 * projections: nothing in the file alone can tell. The anchor can: every anchored head must
 * still be in the database with the same hash (a later head extends it, a prefix of a hash
 * chain being a hash chain).
 *
 * It is written AFTER each commit (temp file + rename, so it is whole or old), which makes it
 * lag behind the database after a crash, never run ahead of it. An anchor that disagrees with
 * the database is never overwritten by a write: the evidence stays until someone deletes it.
 *
 * The same check runs against an anchor kept elsewhere (`kyoyaku verify --anchor FILE`), in
 * this format or a saved `verify --json` report (its `heads`).
 *
 * @module
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import type { VerifyHead, VerifyProblem } from "./types.js";
import { KyoyakuError } from "../model/errors.js";

/** What an anchor holds: agreement heads, by agreement id. */
export interface Anchor {
  readonly heads: readonly VerifyHead[];
}

/** The anchor file of a database: `<db>.anchor`. */
export const ANCHOR_SUFFIX = ".anchor";

/**
 * The default anchor file of a database file.
 *
 * @example
 * anchorPath("/data/kyoyaku.db"); // "/data/kyoyaku.db.anchor"
 */
export function anchorPath(databasePath: string): string {
  return databasePath + ANCHOR_SUFFIX;
}

const HASH = /^[0-9a-f]{64}$/u;

function isHead(h: unknown): h is VerifyHead {
  if (h === null || typeof h !== "object") return false;
  const { agreementId, seq, hash } = h as Record<string, unknown>;
  return typeof agreementId === "string" && agreementId !== "" && typeof seq === "number" && Number.isInteger(seq) && seq >= 1
    && typeof hash === "string" && HASH.test(hash);
}

/**
 * Parse an anchor: an anchor file (`{"kyoyaku":"anchor",…,"heads":[…]}`) or a saved
 * `verify --json` report (`{"ok":true,…,"heads":[…]}`). Throws `input.invalid` naming the
 * file when it is neither.
 *
 * @example
 * parseAnchor('{"heads":[{"agreementId":"a","seq":2,"hash":"' + "0".repeat(64) + '"}]}', "a.anchor").heads[0]?.seq; // 2
 */
export function parseAnchor(text: string, file: string): Anchor {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/u, ""));
  } catch (e) {
    throw new KyoyakuError("input.invalid", `アンカー ${file} は JSON ではない（${(e as Error).message}）`, [], { file });
  }
  const heads = (value as { heads?: unknown } | null)?.heads;
  if (!Array.isArray(heads) || !heads.every(isHead)) {
    throw new KyoyakuError("input.invalid", `アンカー ${file} に最後の出来事の一覧（verify --json が出力する {"heads":[{"agreementId","seq","hash"},…]}）がない`, [], { file });
  }
  const seen = new Set<string>();
  for (const h of heads) {
    if (seen.has(h.agreementId)) throw new KyoyakuError("input.invalid", `アンカー ${file} に ${h.agreementId} が2回ある`, [], { file });
    seen.add(h.agreementId);
  }
  return { heads: heads.map((h) => ({ agreementId: h.agreementId, seq: h.seq, hash: h.hash })) };
}

/**
 * Read an anchor file; `undefined` when there is none. A file that exists but cannot be
 * parsed throws `input.invalid` (see {@link parseAnchor}).
 *
 * @example
 * readAnchor("kyoyaku.db.anchor")?.heads.length; // undefined before the first write
 */
export function readAnchor(path: string): Anchor | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return undefined;
    throw new KyoyakuError("input.invalid", `アンカー ${path} を読めない: ${(e as Error).message}`, [], { file: path });
  }
  return parseAnchor(text, path);
}

/**
 * Compare a database with an anchor: every anchored head must be stored with the same hash.
 * One `chain.rollback` problem per agreement that fails, at the first missing seq (the
 * stored events end before the anchored head) or at the anchored seq (its hash differs).
 * `events(id)` gives the stored events of an agreement in seq order (seq and hash suffice).
 *
 * @example
 * checkAnchor({ heads: [{ agreementId: "a", seq: 3, hash }] }, () => twoEvents);
 * // [{ agreementId: "a", seq: 3, code: "chain.rollback", message: "…" }]
 */
export function checkAnchor(
  anchor: Anchor,
  events: (agreementId: string) => readonly { readonly seq: number; readonly hash: string }[],
  file = "the anchor",
): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  for (const head of anchor.heads) {
    const stored = events(head.agreementId);
    const at = stored[head.seq - 1];
    if (stored.length < head.seq) {
      const first = stored.length + 1;
      problems.push({
        agreementId: head.agreementId, seq: first, code: "chain.rollback",
        message: `${file} には出来事 #${head.seq}（${head.hash.slice(0, 12)}…）が記されているが、保存された出来事は${stored.length === 0 ? "この協約について一つもない" : ` #${stored.length} で終わる`}: `
          + `#${first} からの出来事がない — データベースが巻き戻された（古い写しか、末尾が削られた）`,
      });
    } else if (at === undefined || at.seq !== head.seq || at.hash !== head.hash) {
      problems.push({
        agreementId: head.agreementId, seq: head.seq, code: "chain.rollback",
        message: `${file} には出来事 #${head.seq} のハッシュ ${head.hash.slice(0, 12)}… が記されているが、保存された #${head.seq} のハッシュは ${at?.hash.slice(0, 12) ?? "?"}…: `
          + "アンカーが書かれた後に履歴が書き換えられたか、差し替えられた",
      });
    }
  }
  return problems;
}

/**
 * Merge problems: per agreement, keep the one at the lowest seq (the first bad event), in the
 * order the agreements were first seen.
 *
 * @example
 * mergeProblems([{ agreementId: "a", seq: 5, … }], [{ agreementId: "a", seq: 3, … }]); // [the one at #3]
 */
export function mergeProblems(...lists: readonly (readonly VerifyProblem[])[]): VerifyProblem[] {
  const byId = new Map<string, VerifyProblem>();
  for (const list of lists) {
    for (const p of list) {
      const have = byId.get(p.agreementId);
      if (have === undefined || p.seq < have.seq) byId.set(p.agreementId, p);
    }
  }
  return [...byId.values()];
}

/**
 * The heads to write after a commit: the anchored ones, each advanced to a fresh head that
 * extends it. A fresh head does not replace an anchored one that is further along (another
 * writer got there first) or that the database contradicts (`hashAt(id, seq)`, the stored
 * hash at the anchored seq, differs): that anchor is evidence and stays.
 *
 * @example
 * advanceHeads([{ agreementId: "a", seq: 1, hash: h1 }], [{ agreementId: "a", seq: 2, hash: h2 }], () => h1);
 * // [{ agreementId: "a", seq: 2, hash: h2 }]
 */
export function advanceHeads(
  anchored: readonly VerifyHead[],
  fresh: readonly VerifyHead[],
  hashAt: (agreementId: string, seq: number) => string | undefined,
): VerifyHead[] {
  const heads = new Map(anchored.map((h) => [h.agreementId, h]));
  for (const f of fresh) {
    const a = heads.get(f.agreementId);
    if (a === undefined || (a.seq <= f.seq && hashAt(a.agreementId, a.seq) === a.hash)) heads.set(f.agreementId, f);
  }
  return [...heads.values()].sort((a, b) => (a.agreementId < b.agreementId ? -1 : a.agreementId > b.agreementId ? 1 : 0));
}

/**
 * Write an anchor file atomically: a temp file beside it, then a rename (readers see the old
 * anchor or the new one, never half of one).
 *
 * @example
 * writeAnchor("kyoyaku.db.anchor", { heads: [{ agreementId: "a", seq: 1, hash }] });
 */
export function writeAnchor(path: string, anchor: Anchor, now: () => string = () => new Date().toISOString()): void {
  const temp = `${path}.${process.pid}.tmp`;
  // One head a line: readable, and cheap to write after every commit.
  const head = JSON.stringify({ kyoyaku: "anchor", version: 1, updatedAt: now() }).slice(0, -1);
  const body = `${head},"heads":[\n${anchor.heads.map((h) => JSON.stringify({ agreementId: h.agreementId, seq: h.seq, hash: h.hash })).join(",\n")}\n]}\n`;
  try {
    writeFileSync(temp, body);
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    throw e;
  }
}

/**
 * After a commit: advance the anchor at `path` with the fresh heads (see {@link advanceHeads}).
 * Returns false, writing nothing, when the anchor cannot be read (a damaged anchor is
 * evidence too: verify reports it) or written; the commit stands either way, and an anchor
 * that lags is still a valid one.
 *
 * @example
 * noteHeads("kyoyaku.db.anchor", [{ agreementId: "a", seq: 3, hash }], (id, seq) => store.read(id)[seq - 1]?.hash);
 */
export function noteHeads(path: string, fresh: readonly VerifyHead[], hashAt: (agreementId: string, seq: number) => string | undefined): boolean {
  try {
    // The file as last seen by this process, while no one has replaced it since (every write
    // is a rename, so a new inode): no read and parse per commit.
    const key = fileKey(path);
    const cached = lastWritten.get(path);
    const anchored = cached !== undefined && cached.key === key ? cached.heads : readAnchor(path)?.heads ?? [];
    const heads = advanceHeads(anchored, fresh, hashAt);
    if (key !== undefined && heads.length === anchored.length && heads.every((h, i) => h === anchored[i])) return true;
    writeAnchor(path, { heads });
    lastWritten.set(path, { key: fileKey(path), heads });
    return true;
  } catch {
    lastWritten.delete(path);
    return false;
  }
}

/** What this process last wrote to each anchor file, and the file's identity then. */
const lastWritten = new Map<string, { readonly key: string | undefined; readonly heads: readonly VerifyHead[] }>();

/** A file's identity (inode, size, mtime); undefined when it does not exist. */
function fileKey(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return undefined;
    throw e;
  }
}
