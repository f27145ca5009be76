/**
 * A deliberately large agreement for the hostile-input tests: a 連携協約書 of `articles` 条
 * (generated), and a 現行取込 (baseline) of the same agreement from 令和7年4月1日 with every
 * 条 reworded, so that the 新旧対照表 between 令和7年3月31日 and 令和7年4月1日 compares them all.
 */
import { openKyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

const FW = "０１２３４５６７８９";
const fullWidth = (n: number): string => String(n).replace(/\d/gu, (d) => FW[Number(d)]!);

/** The text of a 連携協約書 between 岡山市 and 備前市 with `articles` 条; `edition` changes every 条's wording. */
export function bigAgreementText(articles: number, edition: 1 | 2): string {
  const lines = [
    "連携中枢都市圏形成に係る連携協約書",
    "",
    "平成２９年３月３１日",
    "",
    "岡山市",
    "備前市",
    "",
    "岡山市（以下「甲」という。）及び備前市（以下「乙」という。）は、地方自治法（昭和２２年法律第６７号）第２５２条の２第１項の規定に基づき、次のとおり連携協約を締結する。",
    "",
  ];
  for (let i = 1; i <= articles; i++) {
    lines.push(`第${fullWidth(i)}条\u3000甲及び乙は、第${fullWidth(i)}号の取組として、圏域の${edition === 1 ? "住民の利便性の向上" : "持続可能な発展と住民福祉の増進"}のため、${edition === 1 ? "相互に協力する" : "連携して必要な措置を講ずる"}ものとする。`);
  }
  lines.push("");
  return lines.join("\n");
}

/** Record the big agreement as `big` into the database at `path` (created), and close it. */
export function seedBigAgreement(path: string, articles: number): void {
  const k = openKyoyaku({ path, clock: () => "2025-03-01T00:00:00.000Z" });
  try {
    const one = parseText(bigAgreementText(articles, 1), { file: "big-1.txt" });
    if (!one.ok) throw new Error(`big text 1 did not parse: ${JSON.stringify(one.issues.slice(0, 3))}`);
    const e = one.value.event;
    k.record({ agreementId: "big", recordedBy: "test", event: { ...e, dates: { ...e.dates, resolutions: { 岡山市: "2017-03-20", 備前市: "2017-03-21" } } } });
    const two = parseText(bigAgreementText(articles, 2), { file: "big-2.txt" });
    if (!two.ok || two.value.document === undefined) throw new Error(`big text 2 did not parse: ${JSON.stringify(two.ok ? [] : two.issues.slice(0, 3))}`);
    const b = two.value.event;
    k.record({ agreementId: "big", recordedBy: "test", event: { ...b, payload: { kind: "baseline", document: two.value.document }, dates: { ...b.dates, appliesFrom: "2025-04-01" } } });
  } finally {
    k.close();
  }
}
