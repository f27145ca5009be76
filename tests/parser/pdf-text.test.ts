// PDF extractions run together on one line (or a few long lines) are re-segmented and read
// exactly like the texts they were extracted from, or refused at the place not proven.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAgreement, parseText } from "@kyoyaku/text";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksExtracted, segmentText, tidy } from "../../packages/text/src/segment.js";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const SEED1 = read("seeds/000_0d517b853e764d1a.txt");
const SEED2 = read("seeds/001_6d3949d91c26715e.txt");

const lines = (t: string): string[] => t.split(/\r?\n/u);
/** Words broken by the extraction's wraps, in running text only (never in names). */
const wrapped = (t: string): string =>
  t.replace("連携中枢都市圏を形成するため", "連携 中枢都市圏を形成するため")
    .replace("圏域全体の経済成長のけん引 圏域全体の戦略的", "圏域 全体の経済成長のけん引 圏域全体の 戦略的")
    .replace("前条に規定する目的", "前条に 規定する目的")
    .replace("安定したごみ処理の推進に取り組む。 甲の役割", "安定したごみ処理の推進に取り 組む。 甲の役割")
    .replace("広域的な情報共有，企業マッチング", "広域的な情報 共有，企業マッチング");
const doubled = (t: string): string => t.replace(/ (?=[（第甲乙別I])/gu, "  ").replace(/ (?=取組内容)/gu, "\u3000 ");
/** Pages: the one line broken into three at places inside words. */
const paged = (t: string): string => {
  const a = Math.floor(t.length / 3);
  return `${t.slice(0, a)}\n${t.slice(a, 2 * a)}\n${t.slice(2 * a)}`;
};

function variants(seed: string): [string, string][] {
  const space = lines(seed).join(" ");
  const nothing = lines(seed).join("");
  return [
    ["joined with spaces", space],
    ["joined with nothing", nothing],
    ["with wrap-split words", wrapped(space)],
    ["with doubled and ideographic spaces", doubled(wrapped(space))],
    ["in three page lines broken mid-word", paged(wrapped(space))],
    ["joined with nothing, CRLF pages", paged(nothing).replace(/\n/gu, "\r\n")],
  ];
}

describe("one-line extractions of the seeds read as the seeds", () => {
  const want1 = parseAgreement(SEED1);
  it.each(variants(SEED1))("seed 1 %s: the same AgreementDocument", (_name, text) => {
    expect(looksExtracted(text)).toBe(true);
    const got = parseAgreement(text);
    expect(got.ok && got.value).toStrictEqual(want1.ok && want1.value);
    const ev = parseText(text);
    const ev0 = parseText(SEED1);
    expect(ev.ok && ev.value.event.dates).toStrictEqual(ev0.ok && ev0.value.event.dates);
    expect(ev.ok && ev.value.event.parties).toStrictEqual(["岡山市", "和気町"]);
    expect(got.issues.map((i) => i.code)).toEqual(["parse.segmented"]);
  });
  const want2 = parseText(SEED2);
  it.each(variants(SEED2))("seed 2 %s: the same operations and dates", (_name, text) => {
    const got = parseText(text);
    expect(got.ok).toBe(true);
    if (!got.ok || !want2.ok) return;
    expect(got.value.event.payload).toStrictEqual(want2.value.event.payload);
    expect(got.value.event.dates).toStrictEqual(want2.value.event.dates);
    expect(got.value.event.draft).toBe(true);
    expect(got.value.suggestedId).toBe("岡山市-備前市");
  });
  it("keeps names and dates as written (岡 山 市, 大森 雅夫, 令和7年3月 日)", () => {
    const r = parseText(lines(SEED2).join(" "));
    expect(r.ok && r.value.event.parties).toEqual(["岡 山 市", "備 前 市"]);
    expect(r.ok && r.value.event.dates.written?.concludedOn?.text).toBe("令和7年3月 日");
    const d = parseAgreement(doubled(lines(SEED1).join(" ")));
    expect(d.ok && d.value.parties[0]!.head).toBe("大森 雅夫");
  });
});

describe("a hand-written 定住自立圏形成協定 extraction", () => {
  it("reads as the same text written in lines (項, 号, 郡, wraps, mid-word page breaks)", () => {
    const lined = parseAgreement(read("pdf/teijuu_lines.txt"));
    const one = parseAgreement(read("pdf/teijuu_oneline.txt"));
    expect(lined.ok).toBe(true);
    expect(one.ok && one.value).toStrictEqual(lined.ok && lined.value);
    const a3 = lined.ok ? lined.value.articles[2]! : undefined;
    expect(a3?.paragraphs.map((p) => p.items.length)).toEqual([3, 0]);
    expect(lined.ok && lined.value.articles[3]!.paragraphs[0]!.text.startsWith("第3条に規定する")).toBe(true);
  });
});

describe("one-line extractions of 廃止 texts in each wording (tests/fixtures/pdf/haishi_*_lines.txt)", () => {
  // Without a 附則 the only mid-line marks were the 後文: a 「…限り、廃止する。」 text was not
  // re-segmented, and one with a 前文 was cut as a 締結 looking for 第1条 (segment.no-body).
  const seen = (r: ReturnType<typeof parseText>) => (r.ok ? { kind: r.value.kind, payload: r.value.event.payload, dates: r.value.event.dates, parties: r.value.event.parties } : r.issues);
  it.each([
    ["haishi_kagiri_lines.txt", "2025-04-01"],
    ["haishi_motte_lines.txt", "2025-04-01"],
    ["haishi_goui_lines.txt", "2025-04-01"],
  ])("%s joined with blanks or nothing reads as the lines (適用日 %s)", (f, appliesFrom) => {
    const text = read(`pdf/${f}`);
    const lined = parseText(text);
    expect(lined.ok && lined.value.kind).toBe("abolish");
    expect(lined.ok && lined.value.event.dates.appliesFrom).toBe(appliesFrom);
    expect(lined.ok && lined.value.event.payload).toMatchObject({ kind: "abolish", base: { title: "倉敷市及び早島町における連携中枢都市圏形成に係る連携協約" } });
    expect(seen(parseText(lines(text).join(" ")))).toStrictEqual(seen(lined));
    // Joined with nothing, a cut the text does not prove may be refused, but only where it is.
    const nothing = parseText(lines(text).join(""));
    if (nothing.ok) expect(seen(nothing)).toStrictEqual(seen(lined));
    else for (const e of nothing.issues.filter((i) => i.severity === "error")) expect(e.location).toMatchObject({ line: 1, column: expect.any(Number) });
  });
});

describe("a 別表 extracted without tabs and joined with nothing", () => {
  it("reads as the text in lines when every later sentence of a cell is a continuation (また、 / 乙は、)", () => {
    const lined = parseAgreement(read("pdf/kurashiki_lines.txt"));
    const one = parseAgreement(read("pdf/kurashiki_notabs_oneline.txt"));
    expect(lined.ok).toBe(true);
    expect(one.ok && one.value).toStrictEqual(lined.ok && lined.value);
    expect(one.ok && one.value.appendices[0]!.sections[0]!.items[0]!.fields[1]!.text).toBe("周遊ルートの設定及び情報発信に中心となって取り組む。また、観光案内所の運営を行う。");
  });
  it("a column kyoyaku does not know (成果指標) is refused where it stands, never read into 乙の役割", () => {
    const text = read("pdf/kurashiki_shihyo_notabs_oneline.txt");
    const lined = parseAgreement(read("pdf/kurashiki_shihyo_lines.txt"));
    expect(lined.ok && lined.value.appendices[0]!.sections[0]!.items[0]!.fields.map((f) => f.name)).toEqual(["取組内容", "甲の役割", "乙の役割", "成果指標"]);
    const r = parseText(text, { file: "shihyo.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.location])).toEqual([
      ["segment.appendix-column", { file: "shihyo.txt", line: 1, column: text.indexOf("成果指標") + 1 }],
    ]);
    expect(r.issues[0]!.message).toContain("乙の役割");
  });
  it.each(["成果指標", "事業期間", "実施主体"])("any sentence after a 。 that could begin a column (%s…) is refused; a tab would have marked it", (col) => {
    const text = read("pdf/kurashiki_notabs_oneline.txt").replace("町内の観光資源の情報提供に協力する。", `町内の観光資源の情報提供に協力する。${col}令和6年度まで継続する。`);
    const r = parseText(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain("segment.appendix-column");
  });
});

describe("the shape test never touches a normal text", () => {
  const walk = (d: string): string[] =>
    readdirSync(`${dir}${d}`, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${d}${e.name}/`) : e.name.endsWith(".txt") && !/one_?line/u.test(e.name) ? [`${d}${e.name}`] : []));
  const files = walk("");
  it("covers the seeds and every fixture", () => expect(files.length).toBeGreaterThan(30));
  it.each(files)("%s is read as written", (f) => {
    expect(looksExtracted(read(f))).toBe(false);
    const r = parseText(read(f));
    expect(r.issues.some((i) => i.code === "parse.segmented" || i.code.startsWith("segment."))).toBe(false);
  });
  it("a long 前文 with a 第N条 reference in it is not an extraction", () => {
    const t = `${"甲及び乙は、".repeat(30)}地方自治法第252条の2第1項の規定に基づき、第3条に規定する取組を行う。第4条 の規定は適用しない。`;
    expect(looksExtracted(t)).toBe(false);
  });
});

describe("every fixture run together on one line reads as written, or is refused — never read differently", () => {
  const walk = (d: string): string[] =>
    readdirSync(`${dir}${d}`, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${d}${e.name}/`) : e.name.endsWith(".txt") ? [`${d}${e.name}`] : []));
  const cases = walk("").flatMap((f) => [[f, " "], [f, ""]] as [string, string][]);
  const seen = (r: ReturnType<typeof parseText>) => (r.ok ? { payload: r.value.event.payload, dates: r.value.event.dates, parties: r.value.event.parties.map((p) => p.replace(/\s/gu, "")) } : undefined);
  it.each(cases)("%s joined with 「%s」", (f, joiner) => {
    const text = read(f);
    const one = parseText(lines(text).join(joiner), { file: f });
    if (one.ok) expect(seen(one)).toStrictEqual(seen(parseText(text)));
    else for (const e of one.issues.filter((i) => i.severity === "error")) expect(e.location).toMatchObject({ file: f, line: 1 });
  });
  it("a change whose new text follows its sentence is refused at the new text (its lines cannot be proven)", () => {
    const t = lines(read("amendments/10_insert_appendix_items.txt")).join(" ");
    const r = parseText(t);
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.code === "segment.amendment-content");
    expect(e?.location.column).toBe(t.indexOf("デジタル技術を活用した") + 1);
  });
  it("an ordinance run together on one line is refused as an ordinance", () => {
    const r = parseText(lines(read("bad/ordinance.txt")).join(" "));
    expect(r.issues.map((i) => i.code)).toEqual(["parse.not-an-agreement"]);
  });
});

describe("blanks in an extraction", () => {
  it.each([
    ["定住自 立圏", "定住自立圏"],
    ["連携  中枢都市圏", "連携中枢都市圏"],
    ["「行動する」 E S Dによる", "「行動する」 E S Dによる"],
    ["E  S D", "E S D"],
    ["令和7年 4月", "令和7年 4月"], // a blank next to a digit is not between two CJK characters: kept
  ])("%s → %s", (a, b) => expect(tidy(a)).toBe(b));
});

describe("blanks the source really has, next to a wrap artefact (issue 13 a)", () => {
  const ARTICLE4 = "第4条 前条に規定する取組に係る事務を処理するために要する費用及びその分担については、甲及び乙が協議して定める。";
  const ARTICLE5 = "第5条 甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。";
  // A 号 written 名詞＋空白＋文, and 項 numbered in full-width digits after an ideographic space.
  const inLines = SEED1
    .replace(ARTICLE4, "第4条 前条に規定する取組に係る費用の負担は、次の各号に定めるところによる。\n（1） 共通経費 甲及び乙が協議して定める割合により負担する。\n（2） 個別経費 当該取組を実施する者が負担する。")
    .replace(ARTICLE5, `${ARTICLE5}\n２\u3000前項の会議は、甲が招集する。\n３\u3000前２項に定めるもののほか、会議の運営に関し必要な事項は、甲及び乙が協議して定める。`);
  const want = parseAgreement(inLines);

  it("Given 「（1） 共通経費 甲及び乙が…」 in lines, When joined on one line, Then the 号 keeps its blank and the document is the same", () => {
    expect(want.ok && want.value.articles[3]!.paragraphs[0]!.items.map((i) => i.text)).toEqual(["共通経費 甲及び乙が協議して定める割合により負担する。", "個別経費 当該取組を実施する者が負担する。"]);
    for (const text of [lines(inLines).join(" "), wrapped(lines(inLines).join(" "))]) {
      const got = parseAgreement(text);
      expect(got.ok && got.value).toStrictEqual(want.ok && want.value);
    }
  });

  it("Given 「２　前項の…」 (full-width number, ideographic space), When joined on one line, Then it is still 第2項, never folded into 第1項 as 「…とする。２前項の…」", () => {
    const got = parseAgreement(lines(inLines).join(""));
    expect(got.ok && got.value.articles[4]!.paragraphs.map((p) => p.text)).toEqual([
      "甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。", "前項の会議は、甲が招集する。", "前２項に定めるもののほか、会議の運営に関し必要な事項は、甲及び乙が協議して定める。",
    ]);
  });

  it("Given 「（2） 個別経費 事業の実施者が…」 (a noun, a blank, a sentence that opens with no word that proves it), When joined on one line, Then it is refused there naming both readings", () => {
    const text = lines(inLines.replace("個別経費 当該取組を実施する者", "個別経費 事業の実施者")).join(" ");
    const got = parseText(text, { file: "x.txt" });
    expect(got.ok).toBe(false);
    const at = text.indexOf("個別経費 事業") + "個別経費".length + 1;
    expect(got.issues).toContainEqual(expect.objectContaining({
      severity: "error", code: "segment.item-blank", location: expect.objectContaining({ line: 1, column: at }),
      message: expect.stringMatching(/「個別経費 事業の実施者.*「個別経費事業の実施者/u),
    }));
  });

  it("Given a change whose 附則 numbers its paragraphs 「１\u3000この協約は…」「２\u3000ただし、…」, When joined on one line, Then the same operations and dates as in lines", () => {
    const text = read("amendments/13_proviso.txt").replace("1 この協約は、令和7年4月1日から適用する。", "１\u3000この協約は、令和七年四月一日から施行する。").replace("2 ただし、第5条の改正規定は、令和7年10月1日から適用する。", "２\u3000ただし、第五条の改正規定は、令和七年十月一日から適用する。");
    const want = parseText(text);
    expect(want.ok).toBe(true);
    for (const joined of [lines(text).join(" "), lines(text).join("")]) {
      const got = parseText(joined);
      expect(got.ok && [got.value.event.payload, got.value.event.dates]).toStrictEqual(want.ok && [want.value.event.payload, want.value.event.dates]);
    }
  });

  it("Given a wrap inside a 号 after a particle (「（1） 共通経費の 負担は…」), When joined, Then the blank goes as before", () => {
    const text = lines(inLines.replace("（1） 共通経費 甲及び乙が協議して", "（1） 共通経費の負担は、甲及び乙が 協議して")).join(" ");
    const got = parseAgreement(text);
    expect(got.ok && got.value.articles[3]!.paragraphs[0]!.items[0]!.text).toBe("共通経費の負担は、甲及び乙が協議して定める割合により負担する。");
  });
});

const HEAD = "連携中枢都市圏形成に係る連携協約書 平成28年10月11日 岡山市 和気町 岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。";
const TAIL = " この連携協約の締結を証するため、本連携協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。 平成28年10月11日 甲 岡山市北区大供一丁目1番1号 岡山市 岡山市長 乙 和気郡和気町尺所555番地 和気町 和気町長";

describe("cuts the text does not prove are refused where they are", () => {
  it("「第3条に規定する」 and a wrap-broken 「第3条 に規定する」 inside a sentence start no article", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （基本方針） 第2条 甲及び乙は、第3条に規定する取組及び第3条 に定める事項を行う。 （取組） 第3条 取組は、甲及び乙が協議して定める。${TAIL}`;
    const r = parseAgreement(t);
    expect(r.ok && r.value.articles.map((a) => a.number)).toEqual(["1", "2", "3"]);
    expect(r.ok && r.value.articles[1]!.paragraphs[0]!.text).toBe("甲及び乙は、第3条に規定する取組及び第3条に定める事項を行う。");
    expect(r.ok && r.value.parties.map((p) => [p.role, p.name, p.office])).toEqual([["甲", "岡山市", "岡山市長"], ["乙", "和気町", "和気町長"]]);
  });
  it("an article out of order (第1条, 第2条, 第4条) is refused at 第4条 with its column", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （基本方針） 第2条 甲及び乙は、協力する。 （費用） 第4条 費用は、協議して定める。${TAIL}`;
    const r = parseText(t, { file: "p.txt" });
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.code === "segment.article-order");
    expect(e?.location).toEqual({ file: "p.txt", line: 1, column: t.indexOf("第4条") + 1 });
    expect(e?.message).toContain("次は第3条");
  });
  it("an article heading in the middle of a sentence, with no heading of its own, is refused", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （基本方針） 第2条 甲及び乙は、 第3条 取組は協議して定める。 第4条 費用は協議して定める。${TAIL}`;
    const r = parseText(t);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain("segment.article-ambiguous");
  });
  it("an article ending with 号 that have no 。 is followed by the next heading with its 見出し", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、次に掲げる事務を行う。 （1） 企画 （2） 調整 （費用） 第2条 費用は、協議して定める。${TAIL}`;
    const r = parseAgreement(t);
    expect(r.ok && r.value.articles.map((a) => [a.number, a.paragraphs[0]!.items.map((i) => i.text)])).toEqual([["1", ["企画", "調整"]], ["2", []]]);
  });
  it("a 項 number not after a 。 is refused rather than read as 第2項", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （基本方針） 第2条 甲及び乙は、次に掲げる費用のうち 2 分の1を負担する。${TAIL}`;
    const r = parseText(t);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain("segment.paragraph-ambiguous");
  });
  it.each(["一 企画に関すること 二 調整に関すること", "ア 企画 イ 調整", "① 企画 ② 調整", "（ア） 企画 （イ） 調整"])("号 written 「%s」 is refused, not folded into the 項", (items) => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、次に掲げる事務を行う。 ${items} （費用） 第2条 費用は、協議して定める。${TAIL}`;
    const r = parseText(t);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["segment.unsupported-item"]);
  });
  it("a 別表 section title of unknown wording run into the first 取組 name is refused", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （取組） 第2条 取組は、別表に掲げるとおりとする。${TAIL} 別表（第2条関係） I 観光の振興観光案内所の共同運営\t取組内容\t案内所を共同で運営する。 甲の役割\t運営する。 乙の役割\t協力する。`;
    const r = parseText(t);
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.code === "segment.appendix-section");
    expect(e?.message).toContain("「I」");
  });
  it("a column kyoyaku does not know is read where a tab still marks it, and refused where only a blank does", () => {
    const row = (sep: string): string => `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （取組） 第2条 取組は、別表に掲げるとおりとする。${TAIL} 別表（第2条関係） I 観光の振興 観光案内所の共同運営 取組内容${sep}案内所を共同で運営する。 甲の役割${sep}運営する。 乙の役割${sep}協力する。 成果指標${sep}来訪者数を増やす。`;
    const tabbed = parseAgreement(row("\t"));
    expect(tabbed.ok && tabbed.value.appendices[0]!.sections[0]!.items[0]!.fields.map((f) => [f.name, f.text])).toEqual([
      ["取組内容", "案内所を共同で運営する。"], ["甲の役割", "運営する。"], ["乙の役割", "協力する。"], ["成果指標", "来訪者数を増やす。"],
    ]);
    const spaced = parseText(row(" "));
    expect(spaced.ok).toBe(false);
    expect(spaced.issues.map((i) => i.code)).toEqual(["segment.appendix-column"]);
  });
  it("the same title separated by a blank is read", () => {
    const t = `${HEAD} （目的） 第1条 甲及び乙は、連携する。 （取組） 第2条 取組は、別表に掲げるとおりとする。${TAIL} 別表（第2条関係） I 観光の振興 観光案内所の共同運営 取組内容 案内所を共同で運営する。 甲の役割 運営する。 乙の役割 協力する。`;
    const r = parseAgreement(t);
    expect(r.ok && r.value.appendices[0]!.sections[0]).toEqual({
      label: "I", title: "観光の振興",
      items: [{ name: "観光案内所の共同運営", fields: [{ name: "取組内容", text: "案内所を共同で運営する。" }, { name: "甲の役割", text: "運営する。" }, { name: "乙の役割", text: "協力する。" }] }],
    });
  });
  it("an extraction whose parties cannot be told apart is refused at the header", () => {
    const t = "連携協約書 平成28年10月11日 岡山市和気町 両者は、次のとおり連携協約を締結する。 （目的） 第1条 甲及び乙は、連携する。 第2条 甲及び乙は、協力する。";
    const r = segmentText(t);
    expect(r.problems.map((p) => p.code)).toContain("segment.header");
  });
});

describe("law: a one-line extraction reads as the seed, or is refused at a located place", () => {
  const want = parseAgreement(SEED1);
  const seedLines = lines(SEED1);
  const joiner = fc.constantFrom("", " ", "  ", "\u3000", " \u3000", "\t");
  it("any mix of separators between the seed's lines", () => {
    fc.assert(
      fc.property(fc.array(joiner, { minLength: seedLines.length - 1, maxLength: seedLines.length - 1 }), (js) => {
        const text = seedLines.reduce((acc, l, i) => (i === 0 ? l : acc + js[i - 1]! + l), "");
        const r = parseAgreement(text);
        if (r.ok) expect(r.value).toStrictEqual(want.ok && want.value);
        else for (const e of r.issues.filter((i) => i.severity === "error")) expect(e.location.line).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
  it("seed 2: any mix of separators gives the same operations and dates, or a located refusal", () => {
    const l2 = lines(SEED2);
    const w = parseText(SEED2);
    fc.assert(
      fc.property(fc.array(joiner, { minLength: l2.length - 1, maxLength: l2.length - 1 }), (js) => {
        const r = parseText(l2.reduce((acc, l, i) => (i === 0 ? l : acc + js[i - 1]! + l), ""));
        if (r.ok && w.ok) expect([r.value.event.payload, r.value.event.dates]).toStrictEqual([w.value.event.payload, w.value.event.dates]);
        else for (const e of r.issues.filter((i) => i.severity === "error")) expect(e.location.line).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
  it("blanks dropped into running text between two kanji or kana (wraps) change nothing", () => {
    const one = seedLines.join(" ");
    // Running text only: the 前文 and the articles (names and dates are kept as written).
    const from = one.indexOf("岡山市（以下");
    const to = one.indexOf("この連携協約の締結を証する");
    const cjk = /[\u3041-\u3096\u30a1-\u30fc\u4e00-\u9fff]/u;
    const spots = [...one.slice(from, to)].map((c, k) => k + from).filter((k) => cjk.test(one[k]!) && cjk.test(one[k + 1]!) && !/第$/u.test(one.slice(k - 1, k + 1)));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...spots), { minLength: 1, maxLength: 8 }), fc.constantFrom(" ", "  ", "\u3000", "\n"), (at, blank) => {
        const sorted = [...at].sort((a, b) => b - a);
        let t = one;
        for (const k of sorted) t = `${t.slice(0, k + 1)}${blank}${t.slice(k + 1)}`;
        const r = parseAgreement(t);
        if (r.ok) expect(r.value).toStrictEqual(want.ok && want.value);
        else for (const e of r.issues.filter((i) => i.severity === "error")) expect(e.location.column ?? e.location.line).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
