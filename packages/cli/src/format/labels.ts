/**
 * Words the CLI prints for kinds and states: Japanese first, English beside it. (Provision
 * addresses, dates, events and parties are labelled by core: addressLabel, dateLabel,
 * eventLabel, partiesLabel.)
 *
 * @module
 */
import { EVENT_KIND_LABEL, type EventKind } from "@kyoyaku/core";

/**
 * `締結 (conclude)`.
 *
 * @example
 * kindLabel("amend"); // "変更 (amend)"
 */
export function kindLabel(kind: EventKind): string {
  return `${EVENT_KIND_LABEL[kind]} (${kind})`;
}

const STATUS: Readonly<Record<string, string>> = {
  ratified: "確定 (ratified)",
  draft: "案 (draft)",
  retracted: "撤回 (retracted)",
};

/**
 * Status of a recorded legal event.
 *
 * @example
 * statusLabel("draft"); // "案 (draft)"
 */
export function statusLabel(status: "ratified" | "draft" | "retracted"): string {
  return STATUS[status] ?? status;
}

