/**
 * Checks and conversions both stores share.
 *
 * @module
 */
import { KyoyakuError } from "../model/errors.js";
import { deepFreeze } from "../model/canonical.js";
import type { StoredEvent } from "../events/types.js";
import type { AgreementProjection, AppendRequest, StoredAgreement, StoredVersion } from "./types.js";

/**
 * Throw `concurrency.conflict` when the caller's expected version is not the stream's.
 *
 * @example
 * checkExpectedVersion({ agreementId: "a", expectedVersion: 0, events }, 1); // throws concurrency.conflict
 */
export function checkExpectedVersion(request: AppendRequest, actual: number): void {
  if (request.expectedVersion !== undefined && request.expectedVersion !== actual) {
    throw new KyoyakuError(
      "concurrency.conflict",
      `agreement ${request.agreementId} is at version ${actual}, not ${request.expectedVersion} as expected: someone recorded in between; read it again and retry`,
      [],
      { agreementId: request.agreementId, expected: request.expectedVersion, actual },
    );
  }
}

/**
 * The source SHA-256s of the new events (legal events with a source).
 *
 * @example
 * sourceShas({ agreementId: "a", events: [newLegal(input)] }); // [input.source.sha256]
 */
export function sourceShas(request: AppendRequest): string[] {
  return request.events.flatMap((e) => (e.legal?.source !== undefined ? [e.legal.source.sha256] : []));
}

/**
 * Refuse an empty append, or one that carries the same source twice (`input.invalid`).
 *
 * @example
 * checkBatch({ agreementId: "a", events: [] }); // throws input.invalid
 */
export function checkBatch(request: AppendRequest): void {
  if (request.events.length === 0) throw new KyoyakuError("input.invalid", "nothing to append: the request has no events");
  const shas = sourceShas(request);
  if (new Set(shas).size !== shas.length) throw new KyoyakuError("input.invalid", "the same source text appears twice in one append");
}

/**
 * The stored rows of a projection (frozen).
 *
 * @example
 * projectionRows("a", projection).versions[0]?.agreementId; // "a"
 */
export function projectionRows(agreementId: string, projection: AgreementProjection): { agreement: StoredAgreement; versions: StoredVersion[] } {
  const agreement = deepFreeze(structuredClone({ agreementId, ...projection.summary }));
  const versions = projection.versions.map((v) =>
    deepFreeze(structuredClone({ agreementId, interval: v.interval, root: v.root, events: v.events, changedBy: v.changedBy, flags: v.flags })),
  );
  return { agreement, versions };
}

/**
 * True when `date` falls in the half-open interval of `v`.
 *
 * @example
 * covers({ interval: { from: "2020-04-01", to: "2021-04-01" } } as StoredVersion, "2021-04-01"); // false
 */
export function covers(v: StoredVersion, date: string): boolean {
  return v.interval.from <= date && (v.interval.to === null || date < v.interval.to);
}

/**
 * The last event of a list.
 *
 * @example
 * lastOf([]); // undefined
 */
export function lastOf(events: readonly StoredEvent[]): StoredEvent | undefined {
  return events[events.length - 1];
}
