/**
 * The two XML exports over the engine, as the CLI and the API both offer them: pick the
 * version(s), refuse a date on which nothing is in force with a Japanese message saying why,
 * and write the XML. The callers turn a refusal into their own error (a CLI message, a 404).
 *
 * @module
 */
import { knownBy, type AsOfOptions, type IsoDate, type Kyoyaku } from "@kyoyaku/core";
import { writeAkn } from "./akn/write.js";
import { writeEgovXml } from "./egov/write.js";

/**
 * An export's XML, or why there is nothing to export: `not-found.version` (nothing in force),
 * `export.draft-version` (a version a draft made, which 法令標準XML cannot mark).
 */
export type Exported =
  | { readonly ok: true; readonly xml: string }
  | { readonly ok: false; readonly code: "not-found.version" | "export.draft-version"; readonly message: string };

function notInForce(k: Kyoyaku, id: string, on: IsoDate, asOf: AsOfOptions, what: string): Exported | undefined {
  const v = k.asOfVersion(id, on, asOf);
  if (v.inForce) return undefined;
  return { ok: false, code: "not-found.version", message: `${id} は ${on} に効力がありません${v.reason !== undefined ? `: ${v.reason}` : ""}。${what}に書き出す本文がありません` };
}

/**
 * The text in force on `on` as 法令標準XML.
 *
 * @example
 * const r = exportEgovXml(k, "okayama-wake", "2020-04-01", {});
 * r.ok && r.xml.startsWith("<?xml"); // true
 */
export function exportEgovXml(k: Kyoyaku, id: string, on: IsoDate, asOf: AsOfOptions): Exported {
  const refused = notInForce(k, id, on, asOf, "法令標準XML");
  if (refused) return refused;
  // 法令標準XML has no way to say "draft": a text with a draft applied would read as law (and import as a 締結).
  const drafts = k.asOfVersion(id, on, asOf).events.filter((e) => e.draft);
  if (drafts.length > 0) {
    return { ok: false, code: "export.draft-version", message: `${id} の ${on} の版は未確定の案（${drafts.map((e) => `#${e.seq}`).join("、")}）を反映した仮定の版です。法令標準XMLには案であることを書く要素がないため書き出しません（--with-drafts を外すか、Akoma Ntosoで書き出してください）` };
  }
  const version = k.asOfVersion(id, on, asOf);
  // Said in the XML, so that an import never takes a changed text for the one concluded.
  // A version made by anything but the 締結 alone (a 変更, a 現行取込) is not the text concluded.
  const amended = version.events.some((e) => e.kind !== "conclude");
  return { ok: true, xml: writeEgovXml(k.asOf(id, on, asOf).document!, { agreementId: id, inForceFrom: version.interval?.from ?? on, amended }) };
}

/**
 * The history (or, with `on`, the version in force that day) as Akoma Ntoso 3.0.
 *
 * @example
 * const r = exportAkn(k, "okayama-wake", undefined, {}, "2026-12-03");
 * r.ok && r.xml.includes("<akomaNtoso"); // true
 */
export function exportAkn(k: Kyoyaku, id: string, on: IsoDate | undefined, asOf: AsOfOptions, generatedOn: IsoDate): Exported {
  const timeline = k.timeline(id, asOf);
  if (timeline.versions.length === 0) return { ok: false, code: "not-found.version", message: `${id} には効力のある版がありません。Akoma Ntosoに書き出す本文がありません` };
  const refused = on !== undefined ? notInForce(k, id, on, asOf, "Akoma Ntoso") : undefined;
  if (refused) return refused;
  const entries = k.history(id, asOf.knownAt !== undefined ? { knownAt: asOf.knownAt } : {});
  return { ok: true, xml: writeAkn({ agreementId: id, events: knownBy(k.events(id), asOf.knownAt), entries, timeline, ...(on !== undefined && { on }), generatedOn }) };
}
