/**
 * `verify` of the SQLite store: what is on disk (no caches), read in one transaction and
 * handed to the shared check (store/verify.ts).
 *
 * @module
 */
import { readAnchor } from "../anchor.js";
import { decodeDocument, EventNodeError } from "../nodes.js";
import type { Projector, VerifyReport } from "../types.js";
import { verifyStore } from "../verify.js";
import type { Connection } from "./open.js";
import { toEvent, toLeanAgreement, toLeanVersion } from "./rows.js";

/**
 * Verify the database of `conn` (see EventStore.verify).
 *
 * @example
 * verifySqlite(conn, projectAgreement).ok; // true for an intact file
 */
export function verifySqlite(conn: Connection, project: Projector): VerifyReport {
  const s = conn.stmts;
  // Read in one transaction so the picture is consistent; no caches: verify reads what is on disk.
  const unreadable = new Map<string, EventNodeError>();
  return conn.db.transaction(() =>
    verifyStore(
      {
        agreementIds: s.allIds.all().map((r) => r.agreement_id),
        // Nodes an event refers to read from disk and checked row by row (no cache); an
        // event whose nodes cannot be read is given with its references left in.
        events: (id) =>
          s.events.all(id).map((r) => {
            try {
              return toEvent(r, (h) => decodeDocument(h, (x) => s.node.get(x), true));
            } catch (e) {
              if (!(e instanceof EventNodeError)) throw e;
              if (!unreadable.has(id)) unreadable.set(id, e);
              return toEvent(r, (h) => ({ "#": h }));
            }
          }),
        unreadable: (id) => {
          const e = unreadable.get(id);
          return e === undefined ? undefined : { seq: e.seq, code: e.problem.code, message: e.problem.message };
        },
        agreement: (id) => {
          const row = s.agreement.get(id);
          return row === undefined ? undefined : toLeanAgreement(row);
        },
        versions: (id) => s.versions.all(id).map(toLeanVersion),
        node: (h) => s.node.get(h),
        ...(conn.anchor !== undefined ? { anchor: anchorOf(conn.anchor) } : {}),
      },
      project,
    ),
  ).deferred();
}

/** The anchor as verify compares it: absent when there is no file yet. */
function anchorOf(file: string): NonNullable<Parameters<typeof verifyStore>[0]["anchor"]> | undefined {
  try {
    const anchor = readAnchor(file);
    return anchor === undefined ? undefined : { file, anchor };
  } catch (e) {
    return { file, error: (e as Error).message };
  }
}
