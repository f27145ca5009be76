/**
 * The dates a ratification (案の確定) records, as the CLI and the API build them.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { EventDates, Resolutions } from "./types.js";

/**
 * A draft's dates once ratified: the 締結日 signed, the 適用日 given (else the draft's own, from
 * its 附則), the 議決日 added to those recorded. A 適用日 given here is the person's, not the
 * text's: it is marked `supplied` (shown 「（入力による）」).
 *
 * @example
 * ratificationDates({ resolutions: {} }, "2025-03-28", "2025-10-01", { 岡山市: "2025-03-18" });
 * // { resolutions: { 岡山市: "2025-03-18" }, concludedOn: "2025-03-28", appliesFrom: "2025-10-01", supplied: ["appliesFrom"] }
 */
export function ratificationDates(current: EventDates | undefined, signedOn: IsoDate, appliesFrom: IsoDate | undefined, resolutions: Resolutions): EventDates {
  return {
    ...current,
    concludedOn: signedOn,
    ...(appliesFrom !== undefined && { appliesFrom, supplied: [...new Set([...(current?.supplied ?? []), "appliesFrom" as const])] }),
    resolutions: { ...(current?.resolutions ?? {}), ...resolutions },
  };
}
