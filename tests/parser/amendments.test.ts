// Each 改め文 fixture (tests/fixtures/amendments/) yields exactly the operations asserted here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Appendix, Article, Operation } from "@kyoyaku/core";
import { parseAgreement, parseText, type ParsedText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const seed1 = parseAgreement(read("seeds/000_0d517b853e764d1a.txt"));
if (!seed1.ok) throw new Error("seed 1 does not parse");

function parsed(file: string): ParsedText {
  const r = parseText(read(`amendments/${file}`), { file });
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  expect(r.issues).toEqual([]);
  return r.value;
}
function ops(file: string): readonly Operation[] {
  const p = parsed(file);
  expect(p.kind).toBe("amend");
  if (p.event.payload.kind !== "amend") throw new Error("not an amendment");
  return p.event.payload.operations;
}

const FIELDS = (a: string, b: string, c: string) => [{ name: "取組内容", text: a }, { name: "甲の役割", text: b }, { name: "乙の役割", text: c }];

describe("改め文 fixtures", () => {
  it("01 「第3条を次のように改める。」 replaces article:3 with the new article", () => {
    const node: Article = { number: "3", caption: "連携する取組及び役割分担", paragraphs: [
      { number: 1, text: "甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。", items: [] },
      { number: 2, text: "前項の取組の実施に当たっては、甲及び乙は、必要に応じて他の連携市町と協力するものとする。", items: [] },
    ] };
    expect(ops("01_replace_article.txt")).toStrictEqual([{ op: "replace", target: "article:3", node }]);
  });

  it("02 「第５条中「A」を「B」に改める。」 (full-width digits) is a replaceText on article:5, quotes kept as written", () => {
    expect(ops("02_replace_text.txt")).toStrictEqual([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度１回以上" }]);
  });

  it("03 「第6条第2項中…」 targets article:6/paragraph:2", () => {
    expect(ops("03_replace_text_paragraph.txt")).toStrictEqual([{ op: "replaceText", target: "article:6/paragraph:2", from: "議会の議決", to: "それぞれの議会の議決" }]);
  });

  it("04 「別表I中…」 targets appendix:1/section:I", () => {
    expect(ops("04_replace_text_section.txt")).toStrictEqual([{ op: "replaceText", target: "appendix:1/section:I", from: "圏域の中心となって", to: "圏域の中心的な役割を担って" }]);
  });

  it("05 「第2条中「相互に」を削る。」 is a deleteText", () => {
    expect(ops("05_delete_text.txt")).toStrictEqual([{ op: "deleteText", target: "article:2", text: "相互に" }]);
  });

  it("06 「第5条の次に次の1条を加える。」 inserts 第5条の2 after article:5", () => {
    expect(ops("06_insert_article.txt")).toStrictEqual([{ op: "insert", parent: "articles", after: "article:5", node: {
      number: "5の2", caption: "評価", paragraphs: [{ number: 1, text: "甲及び乙は、毎年度、連携する取組の成果を評価し、その結果を公表するものとする。", items: [] }],
    } }]);
  });

  it("07 「第6条を第7条とし、第5条の次に次の1条を加える。」 renumbers, then inserts", () => {
    expect(ops("07_renumber_insert.txt")).toStrictEqual([
      { op: "renumber", target: "article:6", to: "article:7" },
      { op: "insert", parent: "articles", after: "article:5", node: { number: "6", caption: "事務局", paragraphs: [{ number: 1, text: "第5条の会議の事務局は、甲に置く。", items: [] }] } },
    ]);
  });

  it("08 「第5条を削る。」 deletes article:5", () => {
    expect(ops("08_delete_article.txt")).toStrictEqual([{ op: "delete", target: "article:5" }]);
  });

  it("09 「別表III中「子育て支援の充実」の項を削る。」 deletes that 取組", () => {
    expect(ops("09_delete_appendix_item.txt")).toStrictEqual([{ op: "delete", target: "appendix:1/section:III/item:子育て支援の充実" }]);
  });

  it("10 「別表II中「…」の項の次に次のように加える。」 inserts the 取組 in order after the named one", () => {
    expect(ops("10_insert_appendix_items.txt")).toStrictEqual([
      { op: "insert", parent: "appendix:1/section:II", after: "appendix:1/section:II/item:ESDによる人づくりとネットワーク化の推進", node: {
        name: "デジタル技術を活用した行政サービスの向上",
        fields: FIELDS("行政手続のオンライン化等により、住民の利便性の向上に取り組む。", "行政サービスの向上に圏域の中心となって取り組む。", "行政サービスの向上に甲と協力して取り組む。"),
      } },
      { op: "insert", parent: "appendix:1/section:II", after: "appendix:1/section:II/item:デジタル技術を活用した行政サービスの向上", node: {
        name: "脱炭素社会の実現に向けた取組の推進",
        fields: FIELDS("再生可能エネルギーの導入促進等により、脱炭素社会の実現に取り組む。", "脱炭素社会の実現に圏域の中心となって取り組む。", "脱炭素社会の実現に甲と協力して取り組む。"),
      } },
    ]);
  });

  it("11 「…に改め、「C」を「D」に改める。」 gives two replaceText on the same article", () => {
    expect(ops("11_chained.txt")).toStrictEqual([
      { op: "replaceText", target: "article:1", from: "けん引", to: "牽引" },
      { op: "replaceText", target: "article:1", from: "少子高齢社会", to: "少子高齢化社会" },
    ]);
  });

  it("12 quotes containing 、。 and a nested 「」 are matched bracket by bracket", () => {
    expect(ops("12_nested_quotes.txt")).toStrictEqual([{ op: "replaceText", target: "article:6",
      from: "甲及び乙の協議によるものとする。この場合において、", to: "甲及び乙の協議によるものとし、「協議書」を作成する。この場合において、" }]);
  });

  it("13 a ただし書 gives 第5条's change its own appliesFrom; the event keeps the 附則's 適用日", () => {
    const p = parsed("13_proviso.txt");
    expect(p.event.payload.kind === "amend" && p.event.payload.operations).toStrictEqual([
      { op: "replaceText", target: "article:3", from: "別表", to: "別表第1" },
      { op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度1回以上", appliesFrom: "2025-10-01" },
    ]);
    expect(p.event.dates.appliesFrom).toBe("2025-04-01");
  });

  it("14 「締結の日から施行し、…から適用する」 sets 施行日 = 締結日 and the 適用日", () => {
    const p = parsed("14_effective.txt");
    expect(p.event.dates).toMatchObject({ concludedOn: "2025-03-25", effectiveFrom: "2025-03-25", appliesFrom: "2025-04-01", resolutions: {} });
    expect(p.event.draft).toBe(false);
  });

  it("15 「…の全部を次のように変更する。」 is one restate with the whole new agreement", () => {
    const o = ops("15_restate.txt");
    expect(o).toHaveLength(1);
    const r = o[0]!;
    if (r.op !== "restate") throw new Error(r.op);
    const d = r.document;
    expect(d.title).toBe("連携中枢都市圏形成に係る連携協約書");
    expect(d.name).toBe("岡山市及び和気町における連携中枢都市圏形成に係る連携協約");
    expect(d.preamble).toMatch(/^岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、/u);
    expect(d.articles.map((a) => [a.number, a.caption])).toEqual([["1", "目的"], ["2", "連携する取組及び役割分担"]]);
    expect(d.parties.map((x) => [x.role, x.name])).toEqual([["甲", "岡山市"], ["乙", "和気町"]]);
    expect(d.appendices).toStrictEqual([{ number: 1, heading: "別表（第2条関係）", relatedTo: "第2条関係", sections: [{ label: "I", title: "圏域全体の経済成長のけん引", items: [{ name: "広域観光の推進", fields: FIELDS("圏域の魅力を発信し、広域的な観光の推進に取り組む。", "広域観光の推進に圏域の中心となって取り組む。", "広域観光の推進に甲と協力して取り組む。") }] }] } satisfies Appendix]);
    expect(d.unknown).toEqual([]);
  });

  it("16 a 廃止 text is an abolish draft with its 施行日 as 適用日", () => {
    const p = parsed("16_abolish.txt");
    expect(p.kind).toBe("abolish");
    // The 廃止 names the agreement it ends (title and 締結日): the engine checks both against the record.
    expect(p.event.payload).toEqual({ kind: "abolish", base: { title: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約", date: expect.objectContaining({ iso: "2016-10-11" }) } });
    expect(p.event.draft).toBe(true);
    expect(p.event.dates).toMatchObject({ appliesFrom: "2026-04-01", effectiveFrom: "2026-04-01" });
    expect(p.event.dates.concludedOn).toBeUndefined();
    expect(p.suggestedId).toBe("岡山市-和気町");
  });

  it("every fixture states its base agreement (title and date)", () => {
    for (const f of ["02_replace_text.txt", "15_restate.txt"]) {
      const p = parsed(f);
      expect(p.event.payload.kind === "amend" && p.event.payload.base).toMatchObject({ title: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約", date: { iso: "2016-10-11" } });
    }
  });
});

describe("targets checked against the base agreement (options.base)", () => {
  const base = seed1.value;
  it.each(["02_replace_text.txt", "04_replace_text_section.txt", "05_delete_text.txt", "06_insert_article.txt", "08_delete_article.txt", "09_delete_appendix_item.txt", "10_insert_appendix_items.txt", "11_chained.txt"])(
    "Given seed 1 as base, When %s is read, Then every target exists", (f) => {
      const r = parseText(read(`amendments/${f}`), { file: f, base });
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
    });

  it("Given seed 1 as base (第6条 has one 項), When 第6条第2項 is changed, Then a located amend.target-missing error refuses it", () => {
    const r = parseText(read("amendments/03_replace_text_paragraph.txt"), { file: "03.txt", base });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: "error", code: "amend.target-missing", location: expect.objectContaining({ address: "article:6/paragraph:2" }) }));
  });
});

describe("an enacting sentence whose subject declares the parties (「倉敷市（以下「甲」という。）及び…は、…」)", () => {
  it("Given a 廃止 「…は、令和2年3月27日に締結した…連携協約を廃止することについて合意する。」, When read, Then base is the agreement's title and 締結日, not the subject", () => {
    const r = parseText(read("pdf/haishi_goui_lines.txt"), { file: "g.txt" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.event.payload).toMatchObject({ kind: "abolish", base: { title: "倉敷市及び早島町における連携中枢都市圏形成に係る連携協約", date: { iso: "2020-03-27" } } });
  });
  it("Given a 変更 whose enacting sentence starts with the same subject, When read, Then base is the agreement's title and 締結日", () => {
    const text = read("amendments/02_replace_text.txt").replace(/^平成28年10月11日に締結した/mu, "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、平成28年10月11日に締結した");
    const r = parseText(text, { file: "h.txt" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.event.payload).toMatchObject({ kind: "amend", base: { title: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約", date: { iso: "2016-10-11" } } });
  });
});

describe("ただし書 that give one change its own 適用日 (tests/fixtures/amendments/provisos/)", () => {
  const INSERTED: Operation = { op: "insert", parent: "articles", after: "article:5", appliesFrom: "2020-04-01", node: {
    number: "5の2", caption: "事務局", paragraphs: [{ number: 1, text: "前条の会議の事務局は、甲に置く。", items: [] }],
  } };
  const EDITED: Operation = { op: "replaceText", target: "article:3", from: "別表", to: "別表第1" };

  it.each([
    ["01_inserted_article.txt", "「ただし、第5条の2の改正規定は、…」 (the inserted article by its number)"],
    ["02_insert_sentence.txt", "「ただし、第5条の次に1条を加える改正規定は、…」 (the 改め文 that inserts it)"],
    ["03_notwithstanding.txt", "「前項の規定にかかわらず、第5条の2の改正規定は、…」"],
  ])("Given %s — %s, When read, Then only the insert applies from 2020-04-01 and the rest from the 附則's 適用日", (file) => {
    const p = parsed(`provisos/${file}`);
    expect(p.event.payload.kind === "amend" && p.event.payload.operations).toStrictEqual([INSERTED, EDITED]);
    expect(p.event.dates.appliesFrom).toBe("2019-05-01");
  });

  it("Given a ただし書 naming 第5条 and an amendment that inserts 第5条の2 after it, When read, Then 第5条's ただし書 does not reach the insert", () => {
    const text = read("amendments/provisos/01_inserted_article.txt").replace("第3条中「別表」を「別表第1」に改める。", "第3条中「別表」を「別表第1」に改め、第5条中「毎年度」を「毎年度1回以上」に改める。")
      .replace("ただし、第5条の2の改正規定は", "ただし、第5条の改正規定は");
    const r = parseText(text, { file: "x.txt" });
    expect(r.issues).toEqual([]);
    if (!r.ok || r.value.event.payload.kind !== "amend") throw new Error("not read");
    expect(r.value.event.payload.operations.map((o) => [o.op, o.appliesFrom])).toEqual([["insert", undefined], ["replaceText", undefined], ["replaceText", "2020-04-01"]]);
  });

  it("Given 「ただし、第4条の改正規定は、令和2年4月1日から適用する。」 and no change to 第4条, When read, Then a located parse.proviso-unmatched error refuses the text", () => {
    const r = parseText(read("amendments/provisos/bad_unmatched.txt"), { file: "bad_unmatched.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({
      severity: "error", code: "parse.proviso-unmatched", message: expect.stringContaining("第4条"),
      location: { file: "bad_unmatched.txt", line: 24, address: "supplementary/paragraph:2" },
    }));
  });

  it("Given a 附則 sentence kyoyaku cannot read, dated or not, When read, Then a located error refuses the text (the completeness law)", () => {
    const base = read("amendments/provisos/01_inserted_article.txt");
    const dated = parseText(base.replace("2 ただし、第5条の2の改正規定は、令和2年4月1日から適用する。", "2 第5条の2の規定は、令和2年4月1日以後の会議について適用する。"), { file: "d.txt" });
    expect(dated.ok).toBe(false);
    expect(dated.issues).toContainEqual(expect.objectContaining({ severity: "error", code: "parse.supplementary-dated-unread", location: { file: "d.txt", line: 24, address: "supplementary/paragraph:2" } }));
    const unreadable = parseText(base.replace("第5条の2の改正規定", "事務局に関する改正規定"), { file: "u.txt" });
    expect(unreadable.ok).toBe(false);
    expect(unreadable.issues).toContainEqual(expect.objectContaining({ severity: "error", code: "parse.proviso-unreadable", location: expect.objectContaining({ line: 24 }) }));
    const undated = parseText(base.replace("2 ただし、第5条の2の改正規定は、令和2年4月1日から適用する。", "2 この協約の実施に関し必要な事項は、甲乙協議して定める。"), { file: "w.txt" });
    expect(undated.ok).toBe(false);
    expect(undated.issues.map((i) => [i.severity, i.code, i.location.line])).toEqual([["error", "parse.supplementary-unread", 24]]);
  });

  describe("遡及適用 written 「改正後の…規定は、…から適用する」 (04_amended_provision.txt)", () => {
    const EDIT3: Operation = { op: "replaceText", target: "article:3", from: "別表", to: "別表第一" };
    const EDIT5: Operation = { op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度一回以上" };
    const base = read("amendments/provisos/04_amended_provision.txt");
    const read2 = (text: string): ParsedText => {
      const r = parseText(text, { file: "x.txt" });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.issues).toEqual([]);
      return r.value;
    };
    const opsOf = (p: ParsedText): readonly Operation[] => (p.event.payload.kind === "amend" ? p.event.payload.operations : []);

    it("Given 「２　改正後の第五条の規定は、令和2年4月1日から適用する。」, When read, Then only 第5条's change applies from 2020-04-01 and the rest from the 施行日", () => {
      const p = parsed("provisos/04_amended_provision.txt");
      expect(opsOf(p)).toStrictEqual([EDIT3, { ...EDIT5, appliesFrom: "2020-04-01" }]);
      expect(p.event.dates).toMatchObject({ effectiveFrom: "2020-10-01", appliesFrom: "2020-10-01" });
      expect(p.reading.filter((x) => x.line === 19)).toEqual([expect.objectContaining({ as: { kind: "supplementary", dates: [{ field: "proviso", written: "令和2年4月1日", iso: "2020-04-01" }] } })]);
    });

    it("Given the same in one sentence 「…から施行し、改正後の第五条の規定は、…から適用する。」, When read, Then the same operations and dates", () => {
      const p = read2(base.replace("１　この協約は、令和2年10月1日から施行する。\n\n２　改正後の第五条の規定は、", "この協約は、令和2年10月1日から施行し、改正後の第五条の規定は、"));
      expect(opsOf(p)).toStrictEqual([EDIT3, { ...EDIT5, appliesFrom: "2020-04-01" }]);
      expect(p.event.dates).toMatchObject({ effectiveFrom: "2020-10-01", appliesFrom: "2020-10-01" });
    });

    it("Given 「…から施行し、改正後の規定は、令和2年4月1日から適用する。」, When read, Then every change applies from 2020-04-01", () => {
      const p = read2(base.replace("１　この協約は、令和2年10月1日から施行する。\n\n２　改正後の第五条の規定は、", "この協約は、令和2年10月1日から施行し、改正後の規定は、"));
      expect(opsOf(p)).toStrictEqual([EDIT3, EDIT5]);
      expect(p.event.dates).toMatchObject({ effectiveFrom: "2020-10-01", appliesFrom: "2020-04-01" });
    });

    it("Given 「ただし、改正後の第五条の規定は、…」, When read, Then it names 第5条 as 「第五条の改正規定」 would", () => {
      const p = read2(base.replace("２　改正後の第五条の規定は、", "２　ただし、改正後の第五条の規定は、"));
      expect(opsOf(p)).toStrictEqual([EDIT3, { ...EDIT5, appliesFrom: "2020-04-01" }]);
    });

    it("Given 「改正後の第四条の規定は、…」 and no change to 第4条, When read, Then a parse.proviso-unmatched error at that line", () => {
      const r = parseText(base.replace("改正後の第五条の規定", "改正後の第四条の規定"), { file: "x.txt" });
      expect(r.ok).toBe(false);
      expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.location.line])).toEqual([["parse.proviso-unmatched", 19]]);
    });

    it("Given 「この協約は、公布の日から施行する。」 (a 条例's wording), When read without and with a supplied 適用日, Then refused as a day not stated, or read with the day supplied", () => {
      const text = base.replace("１　この協約は、令和2年10月1日から施行する。\n\n２　改正後の第五条の規定は、令和2年4月1日から適用する。", "この協約は、公布の日から施行する。");
      const refused = parseText(text, { file: "x.txt" });
      expect(refused.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.location.line])).toEqual([["parse.supplementary-date-unstated", 17]]);
      const supplied = parseText(text, { file: "x.txt", appliesFrom: "2020-10-01" });
      if (!supplied.ok) throw new Error(JSON.stringify(supplied.issues));
      expect(supplied.value.event.dates).toMatchObject({ appliesFrom: "2020-10-01", supplied: ["appliesFrom"] });
    });
  });

  it("Given a ただし書 naming two provisions of which one is untouched, When read, Then the untouched one is a located error", () => {
    const r = parseText(read("amendments/provisos/01_inserted_article.txt").replace("第5条の2の改正規定", "第3条及び第6条の改正規定"), { file: "two.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.message.includes("第6条")])).toEqual([["parse.proviso-unmatched", true]]);
  });
});

describe("a partial date in the 附則 of a text that is no 案 (issue 13 b)", () => {
  const proviso = read("amendments/13_proviso.txt");
  const amended = read("amendments/provisos/04_amended_provision.txt");
  const refusal = (text: string, line: number, date: string) => {
    const r = parseText(text, { file: "x.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({
      severity: "error", code: "parse.supplementary-partial-date", location: expect.objectContaining({ file: "x.txt", line, date }),
    }));
  };

  it("Given 「ただし、第5条の改正規定は、令和7年10月 日から適用する。」 in a text not marked (案), When read, Then it is refused at that line (the change would keep the 附則's date)", () => {
    refusal(proviso.replace("令和7年10月1日から適用", "令和7年10月 日から適用"), 18, "令和7年10月 日");
  });

  it("Given 「改正後の第五条の規定は、令和2年4月 日から適用する。」, When read, Then it is refused at that line", () => {
    refusal(amended.replace("令和2年4月1日から適用", "令和2年4月 日から適用"), 19, "令和2年4月 日");
  });

  it("Given the 附則's own 「この協約は、令和7年4月 日から適用する。」, When read, Then it is refused (the 締結日 would silently stand for it)", () => {
    refusal(proviso.replace("令和7年4月1日から適用", "令和7年4月 日から適用"), 16, "令和7年4月 日");
  });

  it("Given the same ただし書 in a text marked (案), When read, Then it is a draft whose change keeps the 附則's date, with a warning at the line", () => {
    const r = parseText(`（案）\n${proviso.replace("令和7年10月1日から適用", "令和7年10月 日から適用")}`, { file: "x.txt" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.event.draft).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: "warning", code: "parse.proviso-partial-date", location: expect.objectContaining({ line: 19 }) }));
    const ops = r.value.event.payload.kind === "amend" ? r.value.event.payload.operations : [];
    expect(ops.every((o) => o.appliesFrom === undefined)).toBe(true);
  });

  it("Given allowDraft, When read, Then the same text is read as a draft", () => {
    const r = parseText(proviso.replace("令和7年10月1日から適用", "令和7年10月 日から適用"), { file: "x.txt", allowDraft: true });
    expect(r.ok).toBe(true);
  });
});

describe("附則 wordings in kanji and full-width numbers, each with its dates (issue 13 hunt)", () => {
  const base = read("amendments/13_proviso.txt").replace("第3条中「別表」を「別表第1」に改め、第5条中「毎年度」を「毎年度1回以上」に改める。", "第五条中「毎年度」を「毎年度一回以上」に改める。");
  const withSup = (sup: string): string => base.replace("1 この協約は、令和7年4月1日から適用する。\n\n2 ただし、第5条の改正規定は、令和7年10月1日から適用する。", sup);
  it.each([
    ["この協約は、令和七年四月一日から効力を生ずる。", { effectiveFrom: "2025-04-01", appliesFrom: "2025-04-01" }],
    ["この協約は、令和７年４月１日から効力を発する。", { effectiveFrom: "2025-04-01", appliesFrom: "2025-04-01" }],
    ["この協約は、締結の日から施行し、令和7年4月1日から適用する。", { effectiveFrom: "2025-03-25", appliesFrom: "2025-04-01" }],
    ["この協約は、令和七年度分から適用する。", { appliesFrom: "2025-04-01" }],
    ["この協約は、令和八年度から適用する。", { appliesFrom: "2026-04-01" }],
    ["この協約は、二千二十五年四月一日から適用する。", { appliesFrom: "2025-04-01" }],
    ["この協約は、令和元年5月1日から適用する。", { appliesFrom: "2019-05-01" }],
  ])("「%s」", (sup, dates) => {
    const p = parsed0(withSup(sup));
    expect(p.event.dates).toMatchObject({ concludedOn: "2025-03-25", ...dates });
    if (!("effectiveFrom" in dates)) expect(p.event.dates.effectiveFrom).toBeUndefined();
    expect(p.event.payload.kind === "amend" && p.event.payload.operations).toStrictEqual([{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度一回以上" }]);
  });
  it.each([
    ["この協約は、平成31年5月1日から適用する。", "date.not-in-era"],
    ["この協約は、令和7年4月I日から適用する。", "date.unrecognized"],
    ["この協約は、別に定める日から適用する。", "parse.supplementary-date-unstated"],
  ])("「%s」 is refused at its line (%s)", (sup, code) => {
    const r = parseText(withSup(sup), { file: "x.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ severity: "error", code, location: expect.objectContaining({ line: 16 }) }));
  });
});

function parsed0(text: string): ParsedText {
  const r = parseText(text, { file: "x.txt" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
  return r.value;
}
