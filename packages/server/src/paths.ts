/**
 * No absolute path of a machine in an answer. A source's name is the file name it was
 * imported from; older versions of the CLI stored it as given, which could be an absolute
 * path (`/home/法規担当/協約/…`). Answers show such a name by its base name only. A name
 * that is already a base name or a relative path is shown as stored (so the event's hash
 * can still be recomputed from the answer).
 *
 * @module
 */
import type { HistoryEntry, StoredEvent } from "@kyoyaku/core";

/**
 * The name as shown to a client: the base name of an absolute path (POSIX, Windows, UNC)
 * or of a path that climbs (`..`); any other name as it is.
 *
 * @example
 * publicName("/home/a/協約書.txt"); // "協約書.txt"
 * publicName("C:\\Users\\a\\協約書.txt"); // "協約書.txt"
 * publicName("協約/協約書.txt"); // "協約/協約書.txt"
 */
export function publicName(name: string): string {
  const parts = name.split(/[\\/]/u);
  const absolute = /^(?:[\\/]|[A-Za-z]:[\\/]|~)/u.test(name);
  if (!absolute && !parts.includes("..")) return name;
  return parts.filter((p) => p !== "").at(-1) ?? name;
}

/**
 * An event as answered: its source's name as {@link publicName} shows it. When that is not
 * the name as stored, the event says so — `withheld: ["legal.source.name"]` — since its
 * `hash` covers the stored name and cannot be recomputed from the answer (the server's
 * `GET /api/verify` and `kyoyaku verify` on the file check it).
 *
 * @example
 * publicEvent(e).legal?.source?.name; // "協約書.txt"
 * publicEvent(e).withheld; // ["legal.source.name"] when e's name was "/home/a/協約書.txt"
 */
export function publicEvent(e: StoredEvent): StoredEvent & { readonly withheld?: readonly string[] } {
  const source = e.legal?.source;
  if (source === undefined || publicName(source.name) === source.name) return e;
  return { ...e, legal: { ...e.legal!, source: { ...source, name: publicName(source.name) } }, withheld: ["legal.source.name"] };
}

/**
 * A history entry with its source name as {@link publicName} shows it.
 *
 * @example
 * publicEntry(h).sourceName; // "協約書.txt"
 */
export function publicEntry(h: HistoryEntry): HistoryEntry {
  if (h.sourceName === undefined || publicName(h.sourceName) === h.sourceName) return h;
  return { ...h, sourceName: publicName(h.sourceName) };
}
