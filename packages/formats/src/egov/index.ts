/**
 * The 法令標準XML reader as a format reader: the XML kyoyaku wrote (UTF-8) into the document,
 * and the document into the text the parser reads (`renderDocument`, whose text parses back
 * to the same document), so an import of the XML records what the text import records.
 *
 * @module
 */
import { issue, type Issue } from "@kyoyaku/core";
import { renderDocument } from "@kyoyaku/text";
import type { AmendedVersion, FormatRead } from "../types.js";
import { readEgovXml } from "./read.js";

/**
 * The refusal of a file that holds a version changes made ({@link AmendedVersion}) when it is
 * imported as anything but a baseline (現行取込): as a 締結 it would record the changed text on
 * the 締結日, silently wrong. One message for the CLI and the API.
 *
 * @example
 * amendedVersionIssue("okayama-wake.xml", { agreementId: "okayama-wake", inForceFrom: "2025-04-01" }).code; // "import.amended-version"
 */
export function amendedVersionIssue(file: string, v: AmendedVersion, asBaseline: (day: string) => string = (d) => `--as baseline --in-force-on ${d}`): Issue {
  const day = v.inForceFrom ?? "その版の初日";
  return issue("error", "import.amended-version",
    `${file} は kyoyaku が${v.agreementId !== undefined ? ` ${v.agreementId} の` : ""}${v.inForceFrom !== undefined ? ` ${v.inForceFrom} から` : ""}効力を有する版（変更を反映した本文）を書き出したものです。締結の本文として取り込むと、変更後の本文を締結日の本文として記録してしまうため取り込みません。この版から履歴を始めるなら ${asBaseline(day)} を付けてください（現行取込）`,
    { file });
}

/**
 * Read 法令標準XML bytes (UTF-8, as kyoyaku writes them) into the agreement's text.
 *
 * @example
 * const r = await readEgov(new TextEncoder().encode(writeEgovXml(doc)), "a.xml");
 * r.ok && r.text.split("\n")[0]; // doc.title
 */
export function readEgov(bytes: Uint8Array, name: string): Promise<FormatRead> {
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return Promise.resolve({ ok: false, issues: [issue("error", "format.egov-xml-encoding", "法令標準XMLがUTF-8で書かれていません（kyoyakuの書き出すXMLはUTF-8です）", { file: name })] });
  }
  const r = readEgovXml(xml, name);
  if (!r.ok) return Promise.resolve(r);
  if (!r.byKyoyaku) {
    const body = [r.value.preamble !== "" ? "前文" : undefined, r.value.articles.length > 0 ? `${r.value.articles.length}か条` : undefined, r.value.supplementary ? "附則" : undefined, r.value.appendices.length > 0 ? "別表" : undefined].filter((x) => x !== undefined);
    return Promise.resolve({ ok: false, issues: [issue("error", "format.egov-xml-foreign",
      `kyoyaku以外で作られた法令標準XMLです（kyoyakuの拡張要素 <ky:Agreement> がありません）。本文（題名${body.length > 0 ? `・${body.join("・")}` : ""}）は読めましたが、法令標準XMLには協約の当事者（甲・乙）、協約書の日付、名称行、末文、署名の日付を書く要素がないため、協約書として取り込めません。協約書のテキスト・Word・PDF・例規集のページを取り込んでください`,
      { file: name })] });
  }
  // A text cannot say "not known": read as a 協約書, an unknown 前文 would become an empty one.
  if (r.value.unknown.length > 0) {
    const parts = r.value.unknown.join("、");
    return Promise.resolve({ ok: false, issues: [issue("error", "format.egov-xml-partial", `この法令標準XMLの本文には kyoyaku が原文を持たない部分（${parts}）があります。協約書として取り込むと、その部分を空と記録してしまうため読みません`, { file: name })] });
  }
  return Promise.resolve({ ok: true, text: renderDocument(r.value), encoding: "utf-8", notes: [issue("info", "format.egov-xml", "法令標準XMLから協約書の本文を組み立てて読みました", { file: name })], ...(r.amendedVersion && { amendedVersion: r.amendedVersion }) });
}
