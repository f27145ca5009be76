// THE COMPLETENESS LAW: every sentence of a change agreement (本則 and 附則) is applied as an
// operation, recognised as a non-operative part, or the text is refused at THAT sentence's line.
// Each gap below was a place where a line was dropped or only warned about.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseText, type ParsedText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");

/** A hand-written 変更連携協約書 in the shape a 法規担当 writes every year; `body` and `supp` are spliced in. */
function amendment(body: string, supp = "この協約は、令和7年4月1日から適用する。", tail = ""): string {
  return [
    "連携中枢都市圏形成に係る変更連携協約書",
    "",
    "令和7年3月25日",
    "",
    "岡山市",
    "和気町",
    "",
    "岡山市及び和気町における連携中枢都市圏形成に係る変更連携協約",
    "",
    "平成28年10月11日に締結した岡山市及び和気町における連携中枢都市圏形成に係る連携協約の一部を次のとおり変更する。",
    "",
    body,
    "",
    "附　則",
    "",
    supp,
    "",
    "この協約の締結を証するため、本協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。",
    "",
    "令和7年3月25日",
    "",
    "甲　岡山市北区大供一丁目1番1号",
    "岡山市",
    "岡山市長",
    "大森　雅夫",
    "",
    "乙　和気郡和気町尺所555番地",
    "和気町",
    "和気町長",
    "大森　直徳",
    tail,
  ].join("\n");
}

/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

function refusedAt(text: string, needle: string): { code: string; message: string } {
  const r = parseText(text, { file: "x.txt" });
  expect(r.ok, JSON.stringify(r.issues)).toBe(false);
  const errors = r.issues.filter((i) => i.severity === "error");
  const line = lineOf(text, needle);
  expect(line).toBeGreaterThan(0);
  expect(errors.map((e) => e.location.line), JSON.stringify(errors)).toEqual([line]);
  return { code: errors[0]!.code, message: errors[0]!.message };
}

function accepted(text: string): ParsedText {
  const r = parseText(text, { file: "x.txt" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const OK_BODY = "第４条中「協議して」を「協議の上」に改める。";

describe("completeness: gaps become errors at their own line", () => {
  it("the well-formed text is read (control)", () => {
    const r = parseText(amendment(OK_BODY), { file: "x.txt" });
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("a 前文 sentence other than the enacting sentence is refused at its line", () => {
    const text = amendment(OK_BODY).replace("平成28年10月11日に締結した", "なお、第3条の規定は当分の間なお従前の例による。\n平成28年10月11日に締結した");
    const e = refusedAt(text, "なお、第3条");
    expect(e.code).toBe("amend.preamble-unread");
    expect(e.message).toContain("なお、第3条");
  });

  it("a change sentence kyoyaku does not read, before the first 改め文, is refused at its line, not kept as 前文", () => {
    // 読み替え is not read (docs/parser.md, Known limits); whether or not 第五条 starts an 改め文, the line is refused.
    const text = amendment(`第五条中「毎年度」とあるのは「毎年度１回以上」と読み替える。\n\n${OK_BODY}`);
    refusedAt(text, "第五条中");
  });

  it("an undated 附則 sentence kyoyaku does not understand is refused at its line (it was a warning)", () => {
    const text = amendment(OK_BODY, "1 この協約は、令和7年4月1日から適用する。\n2 この協約の実施に関し必要な事項は、甲乙協議して定める。");
    const e = refusedAt(text, "実施に関し必要な事項");
    expect(e.code).toBe("parse.supplementary-unread");
  });

  it("a second sentence on the line after a 附則 paragraph is located at its own line, not the paragraph's", () => {
    const text = amendment(OK_BODY, "1 この協約は、令和7年4月1日から適用する。\n経過措置は、甲乙協議して定める。");
    refusedAt(text, "経過措置は");
  });

  it("a line after the signature block is refused at its line (it was a warning, or read as a head's name)", () => {
    const text = amendment(OK_BODY, undefined, "第６条中「協議」を「協議等」に改める。");
    refusedAt(text, "第６条中");
  });

  it("a stray line between the 附則 and the closing that is no sentence is refused at its line", () => {
    const text = amendment(OK_BODY).replace("この協約の締結を証するため", "（別紙のとおり）\n\nこの協約の締結を証するため");
    refusedAt(text, "別紙のとおり");
  });

  it("an article standing outside any amendment sentence is refused at its line", () => {
    const text = amendment(OK_BODY, undefined, "\n（事務局）\n第7条　事務局を岡山市に置く。");
    refusedAt(text, "（事務局）");
  });

  it("an attached 別表 no sentence names is refused at its heading line (it was a warning)", () => {
    const text = amendment(OK_BODY, undefined, "\n別表（第3条関係）\n\nI 圏域全体の経済成長のけん引\n\n産業振興\t\n取組内容\t産業振興に取り組む。\n甲の役割\t中心となって取り組む。\n乙の役割\t甲と協力して取り組む。");
    const e = refusedAt(text, "別表（第3条関係）");
    expect(e.code).toBe("amend.unused-attachment");
  });

  it("a line after an instruction that takes no new text is refused at that line", () => {
    const text = amendment(`${OK_BODY}\n甲及び乙は、誠実に協議する。`);
    refusedAt(text, "誠実に協議する");
  });

  it("a 廃止 text with a sentence it does not understand is refused at that line", () => {
    const text = [
      "連携中枢都市圏形成に係る連携協約を廃止する協約書", "", "令和8年3月25日", "", "岡山市", "和気町", "",
      "平成28年10月11日に締結した岡山市及び和気町における連携中枢都市圏形成に係る連携協約を廃止する。", "",
      "甲及び乙は、廃止後も必要な事務を引き継ぐ。", "",
      "この協約の締結を証するため、本協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。", "", "令和8年3月25日", "",
      "甲　岡山市北区大供一丁目1番1号", "岡山市", "岡山市長", "", "乙　和気郡和気町尺所555番地", "和気町", "和気町長",
    ].join("\n");
    refusedAt(text, "引き継ぐ");
  });

  it("seed 2 (a draft 変更連携協約書 with an attached 別表) still parses", () => {
    const p = accepted(read("seeds/001_6d3949d91c26715e.txt"));
    expect(p.kind).toBe("amend");
  });
});

describe("completeness: the per-sentence reading", () => {
  it("lists every sentence of fixture 13 with what it was read as", () => {
    const text = read("amendments/13_proviso.txt");
    const p = accepted(text);
    const rows = p.reading.map((r) => [r.line, r.as.kind === "part" ? r.as.part : r.as.kind]);
    expect(rows).toEqual([
      [1, "title"], [3, "date"], [5, "parties"], [6, "parties"], [8, "name"], [10, "enacting"],
      [12, "operation"], [14, "supplementary-heading"], [16, "supplementary"], [18, "supplementary"],
      [20, "closing"], [22, "signature-date"], [24, "signature"],
    ]);
    const op = p.reading.find((r) => r.line === 12)!;
    expect(op.as).toEqual({ kind: "operation", operations: [
      { op: "replaceText", target: "article:3", appliesFrom: "2025-04-01", appliesFromSource: "event" },
      { op: "replaceText", target: "article:5", appliesFrom: "2025-10-01", appliesFromSource: "proviso" },
    ] });
    const proviso = p.reading.find((r) => r.line === 18)!;
    expect(proviso.as).toEqual({ kind: "supplementary", dates: [{ field: "proviso", written: "令和7年10月1日", iso: "2025-10-01" }] });
  });

  it("invariant: every non-blank line is covered by a reading entry, in source order, for every fixture and seed 2", () => {
    const files = ["seeds/001_6d3949d91c26715e.txt", ...["01_replace_article", "02_replace_text", "03_replace_text_paragraph", "04_replace_text_section", "05_delete_text",
      "06_insert_article", "07_renumber_insert", "08_delete_article", "09_delete_appendix_item", "10_insert_appendix_items", "11_chained", "12_nested_quotes",
      "13_proviso", "14_effective", "15_restate", "16_abolish"].map((f) => `amendments/${f}.txt`)];
    for (const f of files) {
      const text = read(f);
      const p = accepted(text);
      const covered = new Map<number, number>();
      let last = 0;
      for (const r of p.reading) {
        expect(r.line, f).toBeGreaterThanOrEqual(last);
        last = r.lastLine;
        for (let n = r.line; n <= r.lastLine; n++) covered.set(n, (covered.get(n) ?? 0) + 1);
      }
      text.split(/\r\n|\n|\r/u).forEach((l, i) => {
        if (l.trim() === "") return;
        expect(covered.get(i + 1), `${f}:${i + 1} 「${l}」`).toBeGreaterThanOrEqual(1);
      });
      // Two entries share a line only where two sentences share it.
      for (let k = 1; k < p.reading.length; k++) {
        const a = p.reading[k - 1]!, b = p.reading[k]!;
        expect(b.line >= a.lastLine, f).toBe(true);
        if (b.line === a.lastLine) expect([a.as.kind, b.as.kind], `${f}:${b.line}`).toEqual(["supplementary", "supplementary"]);
      }
    }
  });
});

describe("附則 wordings a 法規担当 writes every year", () => {
  const dates = (supp: string): Record<string, unknown> => {
    const p = accepted(amendment(OK_BODY, supp));
    const { resolutions: _r, written: _w, ...rest } = p.event.dates;
    return rest;
  };
  const concluded = "2025-03-25";
  it.each([
    ["この変更連携協約は、令和7年4月1日から効力を生ずる。", { concludedOn: concluded, effectiveFrom: "2025-04-01", appliesFrom: "2025-04-01" }],
    ["この協約は、令和7年4月1日から効力を発する。", { concludedOn: concluded, effectiveFrom: "2025-04-01", appliesFrom: "2025-04-01" }],
    ["この協約は、令和7年4月1日から施行する。", { concludedOn: concluded, effectiveFrom: "2025-04-01", appliesFrom: "2025-04-01" }],
    ["この協約は、締結の日から施行し、令和7年4月1日から適用する。", { concludedOn: concluded, effectiveFrom: concluded, appliesFrom: "2025-04-01" }],
    ["締結の日から施行し、令和7年4月1日から適用する。", { concludedOn: concluded, effectiveFrom: concluded, appliesFrom: "2025-04-01" }],
    ["この協約は、令和7年度分から適用する。", { concludedOn: concluded, appliesFrom: "2025-04-01" }],
    ["この協約は、令和7年度から適用する。", { concludedOn: concluded, appliesFrom: "2025-04-01" }],
    ["令和八年度分から適用する。", { concludedOn: concluded, appliesFrom: "2026-04-01" }],
    ["この協約は、令和七年四月一日から適用する。", { concludedOn: concluded, appliesFrom: "2025-04-01" }],
    ["１　この協約は、令和７年４月１日から適用する。", { concludedOn: concluded, appliesFrom: "2025-04-01" }],
  ])("「%s」 is read exactly", (supp, want) => {
    expect(dates(supp)).toEqual(want);
  });

  it.each([
    ["この協約は、令和7年4月1日から効力を有する。", "parse.supplementary-dated-unread"],
    ["この協約は、令和7年4月1日から適用するものとする。", "parse.supplementary-dated-unread"],
    ["この協約は、令和7年度以降に適用する。", "parse.supplementary-dated-unread"],
    ["この協約は、令和7年4月31日から適用する。", "date.invalid-day"],
    ["この協約は、締結後速やかに施行する。", "parse.supplementary-unread"],
  ])("the near miss 「%s」 is refused at its own line", (supp, code) => {
    const e = refusedAt(amendment(OK_BODY, supp), supp.slice(0, 12));
    expect([e.code]).toContainEqual(code.startsWith("date.") ? expect.stringMatching(/^date\./u) : code);
  });

  it("a 年度 starts on 4月1日: as of 令和7年3月31日 the old text, as of 令和7年4月1日 the new", async () => {
    const { openKyoyaku } = await import("@kyoyaku/core");
    const seed = parseText(read("seeds/000_0d517b853e764d1a.txt"));
    if (!seed.ok) throw new Error("seed 1");
    const k = openKyoyaku({});
    k.record({ agreementId: "okayama-wake", event: seed.value.event, recordedBy: "法規担当" });
    const p = accepted(amendment(OK_BODY, "この協約は、令和7年度分から適用する。"));
    k.record({ agreementId: "okayama-wake", event: p.event, recordedBy: "法規担当" });
    const text4 = (on: string): string => JSON.stringify(k.asOf("okayama-wake", on).document?.articles.find((a) => a.number === "4"));
    expect(text4("2025-03-31")).toContain("協議して");
    expect(text4("2025-04-01")).toContain("協議の上");
    k.close();
  });

  it("the 附則 of a 「別表を次のように改める。」 document (seed 2's shape) reads its 適用日", () => {
    const p = accepted(read("seeds/001_6d3949d91c26715e.txt"));
    expect(p.event.dates.appliesFrom).toBe("2025-04-01");
    expect(p.reading.find((r) => r.line === 20)?.as).toEqual({ kind: "supplementary", dates: [{ field: "appliesFrom", written: "令和7年4月1日", iso: "2025-04-01" }] });
  });
});

describe("a 附則 that names no day: the person supplies it (--applies-from)", () => {
  it.each([
    ["この協約は、別に定める日から適用する。", "別に定める日"],
    ["この協約は、岡山市長が告示する日から施行する。", "告示する日"],
  ])("「%s」 is refused at its line without a date, and read with the supplied one (recorded as supplied)", (supp, needle) => {
    const text = amendment(OK_BODY, supp);
    const e = refusedAt(text, needle);
    expect(e.code).toBe("parse.supplementary-date-unstated");
    expect(e.message).toContain("--applies-from");
    const r = parseText(text, { file: "x.txt", appliesFrom: "2025-06-01" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.event.dates.appliesFrom).toBe("2025-06-01");
    expect(r.value.event.dates.supplied).toEqual(["appliesFrom"]);
    // The supplied day is not a date as written in the text.
    expect(r.value.event.dates.written?.appliesFrom).toBeUndefined();
    expect(r.value.reading.find((x) => x.text === supp)?.as).toEqual({ kind: "supplementary", dates: [{ field: "appliesFrom", written: expect.stringContaining(needle), iso: "2025-06-01", supplied: true }] });
    const op = r.value.reading.find((x) => x.as.kind === "operation")!;
    expect(op.as).toEqual({ kind: "operation", operations: [{ op: "replaceText", target: "article:4", appliesFrom: "2025-06-01", appliesFromSource: "event" }] });
  });

  it("a supplied date does not replace a date the text states", () => {
    const r = parseText(amendment(OK_BODY), { appliesFrom: "2025-06-01" });
    if (!r.ok) throw new Error("not read");
    expect(r.value.event.dates.appliesFrom).toBe("2025-04-01");
    expect(r.value.event.dates.supplied).toBeUndefined();
  });
});

describe("the API's import takes the same appliesFrom", () => {
  it("an unstated 附則 day is refused at its line without appliesFrom and recorded as supplied with it", async () => {
    const { openKyoyaku } = await import("@kyoyaku/core");
    const { importText } = await import("../../packages/server/src/writes.js");
    const k = openKyoyaku({});
    const seed = read("seeds/000_0d517b853e764d1a.txt");
    importText(k, { agreementId: "okayama-wake", text: seed, name: "seed.txt", resolutions: [], draft: false, recordedBy: "法規担当" });
    const text = amendment(OK_BODY, "この協約は、別に定める日から適用する。");
    let refused: unknown;
    try { importText(k, { agreementId: "okayama-wake", text, name: "a.txt", resolutions: [], draft: false, recordedBy: "法規担当" }); } catch (e) { refused = e; }
    expect(JSON.stringify(refused)).toContain("parse.supplementary-date-unstated");
    const a = importText(k, { agreementId: "okayama-wake", text, name: "a.txt", resolutions: [], draft: false, recordedBy: "法規担当", appliesFrom: "2025-06-01" });
    expect(a.dates.appliesFrom).toBe("2025-06-01");
    expect(a.dates.supplied).toEqual(["appliesFrom"]);
    k.close();
  });
});

describe("completeness: non-operative parts recognised positively", () => {
  it("a 前文 that declares the parties' roles is read as 前文; a near miss that is no 前文 is refused at its line", () => {
    const decl = "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり変更連携協約を締結する。";
    const text = amendment(OK_BODY).replace("平成28年10月11日に締結した", `${decl}\n\n平成28年10月11日に締結した`);
    const p = accepted(text);
    expect(p.reading.find((r) => r.text === decl)?.as).toEqual({ kind: "part", part: "preamble" });
    refusedAt(text.replace(decl, "岡山市及び和気町は、次のとおり協議を続ける。"), "協議を続ける");
  });

  it("two 附則 sentences on one line are both read, located at that line", () => {
    const text = amendment(`${OK_BODY}\n\n第５条中「毎年度」を「毎年度１回以上」に改める。`, "この協約は、令和7年4月1日から適用する。ただし、第5条の改正規定は、令和7年10月1日から適用する。");
    const p = accepted(text);
    const line = lineOf(text, "ただし、");
    expect(p.reading.filter((r) => r.line === line).map((r) => r.as.kind)).toEqual(["supplementary", "supplementary"]);
    if (p.event.payload.kind !== "amend") throw new Error("amend");
    expect(p.event.payload.operations.map((o) => o.appliesFrom)).toEqual([undefined, "2025-10-01"]);
  });

  it("a 全部変更 is read as one restate operation with the new text after it; a 廃止 sentence as abolish", () => {
    const restate = accepted(read("amendments/15_restate.txt"));
    expect(restate.reading.filter((r) => r.as.kind === "operation").map((r) => r.as.kind === "operation" && r.as.operations.map((o) => o.op))).toEqual([["restate"]]);
    expect(restate.reading.some((r) => r.as.kind === "part" && r.as.part === "new-text")).toBe(true);
    const abolish = accepted(read("amendments/16_abolish.txt"));
    expect(abolish.reading.filter((r) => r.as.kind === "abolish")).toHaveLength(1);
  });
});
