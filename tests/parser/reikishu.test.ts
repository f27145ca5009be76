// 例規集 pages: noise kept as annotations (never body text, never lost), parties from the 前文
// when there is no 署名欄, and OCR damage read with a warning only where the text proves it.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openKyoyaku, type AgreementDocument } from "@kyoyaku/core";
import { parseAgreement, parseText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const doc = (text: string): AgreementDocument => {
  const r = parseAgreement(text);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.location.line}: ${i.message}`).join("\n"));
  return r.value;
};
const LINED = doc(read("pdf/teijuu_lines.txt"));
const PAGE = read("reikishu/teijuu_page.txt");

const PAGE_ANNOTATIONS = [
  { kind: "記号", text: "○", line: 1 },
  { kind: "告示番号", text: "告示第32号", line: 5 },
  { kind: "届出", text: "平成23年4月5日県知事届出", line: 7 },
  { kind: "改正注記", text: "（令2協定1・一部改正）", line: 22 },
  { kind: "改正注記", text: "(平29告示12・一部改正)", line: 30 },
  { kind: "改正注記", text: "（令2協定1・一部改正）", line: 36 },
  { kind: "沿革", text: "沿革", line: 59 },
  { kind: "沿革", text: "平成23年3月28日 締結", line: 60 },
  { kind: "沿革", text: "平成29年3月31日告示第12号 一部改正", line: 61 },
  { kind: "沿革", text: "令和2年3月27日告示第45号 一部改正", line: 62 },
  { kind: "体系情報", text: "体系情報 第1編 総規 第4章 広域行政", line: 64 },
];

describe("an 例規集 page of a 定住自立圏形成協定", () => {
  const r = parseText(PAGE, { file: "page.txt" });
  it("is read without warnings: the noise is metadata, the provisions are those of the agreement", () => {
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    if (!r.ok) return;
    const d = r.value.document!;
    expect(d.title).toBe("真庭市と新庄村との定住自立圏形成に関する協定");
    expect(d.articles).toStrictEqual(LINED.articles);
    expect(d.appendices).toStrictEqual(LINED.appendices);
    expect(d.preamble).toBe(LINED.preamble);
    expect(r.value.event.dates.concludedOn).toBe("2011-03-28");
  });
  it("keeps every piece of noise, with its line, on the result and on the event — and none in the document", () => {
    if (!r.ok) throw new Error("not read");
    expect(r.value.annotations).toEqual(PAGE_ANNOTATIONS);
    expect(r.value.event.annotations).toEqual(PAGE_ANNOTATIONS);
    const json = JSON.stringify(r.value.document);
    for (const w of ["告示", "沿革", "一部改正", "届出", "体系情報", "○"]) expect(json).not.toContain(w);
  });
  it("takes the parties and their roles from the 前文 (no party lines, no 署名欄; a name with 郡)", () => {
    if (!r.ok) throw new Error("not read");
    expect(r.value.document!.parties).toEqual([{ role: "甲", name: "真庭市" }, { role: "乙", name: "真庭郡新庄村" }]);
    expect(r.value.suggestedId).toBe("真庭市-真庭郡新庄村");
  });
  it("is recorded with its annotations, which come back from the store and keep the chain whole", () => {
    if (!r.ok) throw new Error("not read");
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-reikishu-")), "k.db");
    const k = openKyoyaku({ path });
    k.record({ agreementId: r.value.suggestedId, event: r.value.event, recordedBy: "法規担当" });
    k.close();
    const k2 = openKyoyaku({ path });
    expect(k2.events(r.value.suggestedId)[0]!.legal?.annotations).toEqual(PAGE_ANNOTATIONS);
    expect(k2.verify().ok).toBe(true);
    expect(k2.asOf(r.value.suggestedId, "2011-03-27").inForce).toBe(false);
    expect(k2.asOf(r.value.suggestedId, "2011-03-28").document?.articles).toStrictEqual(LINED.articles);
    k2.close();
  });
  it("as a one-line extraction (blanks between lines) reads the same, noise and all", () => {
    const one = parseText(PAGE.split("\n").join(" "));
    expect(one.ok && one.value.document).toStrictEqual(r.ok && r.value.document);
    expect(one.ok && one.value.annotations?.map((a) => a.kind)).toEqual(["記号", "告示番号", "届出", "改正注記", "改正注記", "改正注記", "沿革", "体系情報"]);
  });
  it("as a one-line extraction with nothing between lines is refused where 第2項 cannot be told from the 号 before it", () => {
    const t = PAGE.split("\n").join("");
    const one = parseText(t, { file: "page.txt" });
    expect(one.ok).toBe(false);
    expect(one.issues.map((i) => [i.code, i.location.line, i.location.column])).toEqual([["segment.paragraph-ambiguous", 1, t.indexOf("2 前項各号") + 1]]);
  });
});

describe("例規集 noise forms", () => {
  const BODY = "（目的）\n第1条 甲及び乙は、連携する。\n";
  const parse = (head: string, body = BODY) => parseText(`${head}\n\n岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。\n\n${body}`);
  it.each([
    ["平成28年10月11日告示第123号", "告示番号"],
    ["○岡山市告示第45号", "告示番号"],
    ["岡山市告示第45号", "告示番号"],
    ["県知事届出", "届出"],
    ["平成28年10月20日県知事届出", "届出"],
    ["（令2協約1・一部改正）", "改正注記"],
    ["(平17告示12・一部改正)", "改正注記"],
  ])("a line 「%s」 is a %s annotation", (line, kind) => {
    const r = parse(`○岡山市及び和気町における連携中枢都市圏形成に係る連携協約\n平成28年10月11日\n${line}`);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.annotations?.map((a) => [a.kind, a.text])).toEqual([["記号", "○"], [kind, line]]);
    expect(r.ok && r.value.document!.title).toBe("岡山市及び和気町における連携中枢都市圏形成に係る連携協約");
    expect(r.ok && r.value.event.dates.concludedOn).toBe("2016-10-11");
  });
  it("an inline 改正注記 at the end of a provision is cut off it, and kept", () => {
    const r = parse("連携協約書\n平成28年10月11日", "（目的）\n第1条 甲及び乙は、連携する。（令2協約1・一部改正）\n");
    expect(r.ok && r.value.document!.articles[0]!.paragraphs[0]!.text).toBe("甲及び乙は、連携する。");
    expect(r.ok && r.value.annotations).toEqual([{ kind: "改正注記", text: "（令2協約1・一部改正）", line: 7 }]);
  });
  it("near misses stay text: a parenthesis that is no 改正注記, a 告示 sentence", () => {
    const r = parse("連携協約書\n平成28年10月11日", "（目的）\n第1条 甲及び乙は、連携する（別に定める場合を除く。）。\n2 甲は、告示第5号により公表する。\n");
    expect(r.ok && r.value.annotations).toBeUndefined();
    expect(r.ok && r.value.document!.articles[0]!.paragraphs.map((p) => p.text)).toEqual(["甲及び乙は、連携する（別に定める場合を除く。）。", "甲は、告示第5号により公表する。"]);
  });
  it("a 告示番号 dated line is not taken for the 締結日: a text without another date says so", () => {
    const r = parse("○連携協約\n平成28年10月11日告示第123号");
    expect(r.ok && r.value.event.dates.concludedOn).toBeUndefined();
    expect(r.issues.find((i) => i.code === "parse.date-in-notice")?.location.line).toBe(2);
  });
});

describe("parties from the 前文 when there is no 署名欄", () => {
  const text = (preamble: string): string => `連携協約\n\n${preamble}\n\n（目的）\n第1条 甲、乙及び丙は、連携する。\n`;
  it.each([
    ["full-width brackets", "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。", [["甲", "岡山市"], ["乙", "和気町"]]],
    ["ASCII brackets", "岡山市(以下「甲」という。)及び和気町(以下「乙」という。)は、次のとおり連携協約を締結する。", [["甲", "岡山市"], ["乙", "和気町"]]],
    ["three parties with a 郡 name", "岡山市（以下「甲」という。）、玉野市（以下「乙」という。）及び邑久郡○○町（以下「丙」という。）は、次のとおり連携協約を締結する。", [["甲", "岡山市"], ["乙", "玉野市"], ["丙", "邑久郡○○町"]]],
    ["乙 named first", "和気町（以下「乙」という。）と岡山市（以下「甲」という。）は、次のとおり連携協約を締結する。", [["乙", "和気町"], ["甲", "岡山市"]]],
  ])("%s", (_name, preamble, want) => {
    const r = parseText(text(preamble));
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.document!.parties.map((p) => [p.role, p.name])).toEqual(want);
    expect(r.issues.filter((i) => i.code === "parse.role-assumed")).toEqual([]);
  });
  it("with party lines under the title (spaced as written) and no 署名欄, three roles come from ASCII-bracketed declarations", () => {
    const r = parseText(`連携協約書\n\n岡 山 市\n玉野市\n邑久郡○○町\n\n和気町と…に関する連携協約\n\n邑久郡○○町(以下「丙」という。)、岡山市(以下「甲」という。)及び玉野市(以下「乙」という。)は、次のとおり連携協約を締結する。\n\n第1条 甲、乙及び丙は、連携する。\n`);
    expect(r.ok && r.value.document!.parties.map((p) => [p.role, p.name])).toEqual([["甲", "岡 山 市"], ["乙", "玉野市"], ["丙", "邑久郡○○町"]]);
    expect(r.issues.filter((i) => i.code.startsWith("parse.role"))).toEqual([]);
  });
  it("a declaration that names no municipality gives no parties (nothing invented)", () => {
    const r = parseText(text("岡山市長（以下「甲」という。）及び和気町長（以下「乙」という。）は、次のとおり連携協約を締結する。"));
    expect(r.ok && r.value.document!.parties).toEqual([]);
  });
});

describe("OCR damage", () => {
  it("「第l条」「弟3条」「別表〔第3条関係〕」 read as 第1条, 第3条, 別表 where the numbering proves it, each with a located warning", () => {
    const r = parseAgreement(read("reikishu/ocr_proven.txt"), { file: "ocr.txt" });
    expect(r.ok && r.value).toStrictEqual(LINED);
    expect(r.issues.map((i) => [i.code, i.severity, i.location.line])).toEqual([
      ["parse.ocr-heading", "warning", 13], ["parse.ocr-heading", "warning", 19], ["parse.ocr-heading", "warning", 49],
    ]);
  });
  it("headings the numbering does not prove are refused at their lines (弟4条 next to 第S条)", () => {
    const r = parseAgreement(read("reikishu/ocr_refused.txt"), { file: "ocr.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.code === "parse.ocr-heading").map((i) => [i.severity, i.location.line])).toEqual([["error", 26], ["error", 29]]);
  });
  it("1, 2, 弟3条, 5: 第4条 is missing, so 弟3条 is not proven and is refused (never a silent 1, 2, 5)", () => {
    const r = parseAgreement(read("reikishu/ocr_gap.txt"));
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.code === "parse.ocr-heading");
    expect(e?.location.line).toBe(19);
    expect(e?.message).toContain("第2条・第5条");
  });
  const small = (body: string): string => `連携協約書\n平成28年10月11日\n岡山市\n和気町\n岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。\n${body}`;
  it("「附 貝リ」 is read as 附則 with a warning; 「附 貝」 is refused", () => {
    const ok = parseText(small("第1条 甲及び乙は、連携する。\n附 貝リ\nこの協約は、平成28年10月11日から施行する。\n"));
    expect(ok.ok && ok.value.document!.supplementary?.paragraphs[0]!.text).toBe("この協約は、平成28年10月11日から施行する。");
    expect(ok.issues.map((i) => [i.code, i.severity, i.location.line])).toEqual([["parse.ocr-heading", "warning", 7]]);
    const bad = parseText(small("第1条 甲及び乙は、連携する。\n附 貝\nこの協約は、平成28年10月11日から施行する。\n"));
    expect(bad.ok).toBe(false);
    expect(bad.issues.find((i) => i.code === "parse.ocr-heading")?.location.line).toBe(7);
  });
  it("「第１0条」 (mixed widths) reads as 第10条 with a warning", () => {
    const arts = Array.from({ length: 10 }, (_, k) => `第${k === 9 ? "１0" : k + 1}条 甲及び乙は、第${k + 1}の事項を行う。`).join("\n");
    const r = parseText(small(arts));
    expect(r.ok && r.value.document!.articles.map((a) => a.number).at(-1)).toBe("10");
    expect(r.issues.map((i) => [i.code, i.location.line])).toEqual([["parse.ocr-number", 15]]);
  });
  it("a 別表 heading with a bracket missing is refused, not read as a 取組", () => {
    const r = parseText(small("第1条 甲及び乙は、連携する。\n別表(第1条関係\nI 分野\n取組\t\n取組内容\t行う。\n"));
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.code === "parse.ocr-heading")?.location.line).toBe(7);
  });
});
