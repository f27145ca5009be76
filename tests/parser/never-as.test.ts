// A text is never recorded as something it is not: a 締結 text without any 条 (a one-line PDF
// extraction, an OCR'd page, a letter, an export file, a list of 取組) and an enactment
// (条例, 規則, 規約, 要綱) whose title names a 協定 or 協約 are refused, each at its line and
// saying what the text looks like; the 廃止 wordings are read exactly, and a near miss refused.
// Fixtures: tests/fixtures/never-as/ (see its README).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Issue } from "@kyoyaku/core";
import { parseText, type ParsedText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/never-as/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");

function refused(file: string, code: string): Issue {
  const r = parseText(read(file), { file });
  expect(r.ok).toBe(false);
  const e = r.issues.find((i) => i.severity === "error");
  expect(e?.code).toBe(code);
  expect(e?.location.file).toBe(file);
  expect(e?.location.line).toEqual(expect.any(Number));
  return e!;
}

function lineOf(file: string, needle: string): number {
  return read(file).split("\n").findIndex((l) => l.includes(needle)) + 1;
}

describe("a 締結 text with no 条 is refused, saying what it looks like", () => {
  it("a one-line PDF extraction is re-segmented and read (segment.ts), never recorded without its 条", () => {
    const r = parseText(read("pdf_one_line.txt"), { file: "pdf_one_line.txt" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.document?.articles.map((a) => a.number)).toEqual(["1", "2", "3"]);
  });
  it("an OCR'd page (笫１条, 第２粂): refused at the first damaged heading (ocr.ts)", () => {
    const e = refused("ocr_page.txt", "parse.ocr-heading");
    expect(e.message).toContain("OCR");
    expect(e.location.line).toBe(lineOf("ocr_page.txt", "笫１条"));
  });
  it("a 通告 letter is read as a 通告 (notice.ts), never as a 締結: this one states no 廃止 to notify, so it is refused", () => {
    const r = parseText(read("letter.txt"), { file: "letter.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.severity === "error")?.code).toBe("notice.body-unread");
    // Without the number and date above it: still a letter, refused, never a 締結.
    const body = read("letter.txt").split("\n").slice(6).join("\n");
    const b = parseText(body, { file: "letter.txt" });
    expect(b.ok).toBe(false);
    expect(b.issues.find((i) => i.severity === "error")?.code).toBe("notice.date-missing");
  });
  it("export files (CSV, JSON)", () => {
    expect(refused("export.csv.txt", "parse.no-articles").message).toContain("CSV");
    expect(refused("export.json.txt", "parse.no-articles").message).toContain("JSON");
  });
  it("a list of 取組 without the agreement's 条", () => {
    const e = refused("torikumi_list.txt", "parse.no-articles");
    expect(e.message).toContain("取組の一覧");
    expect(e.location.line).toBe(lineOf("torikumi_list.txt", "広域観光の推進"));
  });
  it("a 締結 text with 条 is still read (the refusal is only for none)", () => {
    const seed = readFileSync(fileURLToPath(new URL("../fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url)), "utf8");
    const r = parseText(seed);
    expect(r.ok).toBe(true);
  });
});

describe("an enactment naming a 協定 or 協約 is not an agreement", () => {
  it.each([
    ["ordinance_conclusion.txt", "条例"],
    ["ordinance_resolution.txt", "条例"],
    ["youkou.txt", "要綱"],
    ["kisoku.txt", "規則"],
  ])("%s is a %s", (file, what) => {
    const e = refused(file, "parse.not-an-agreement");
    expect(e.message).toContain(`このテキストは${what}である`);
    expect(e.message).toContain("協約・協定の名");
  });
  it("a 条例's 公布文 that names the 連携協約 is refused at its line", () => {
    const r = parseText("岡山市連携中枢都市圏形成に係る連携協約の締結に関する条例をここに公布する。\n\n令和6年3月25日\n\n岡山市長 大森 雅夫\n", { file: "p.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "parse.not-an-agreement", location: { line: 1 } });
    expect(r.issues[0]!.message).toContain("公布文");
  });
  it("a title that merely contains 規則 inside is not taken for one (「…規則的な…協定」 does not end in it)", () => {
    const text = read("abolish_plain.txt").replace("連携協約を廃止する協約書", "連携協約を廃止する協約書");
    expect(parseText(text).ok).toBe(true);
  });
});

describe("the 廃止 wordings", () => {
  const abolish = (file: string): ParsedText => {
    const r = parseText(read(file), { file });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
    expect(r.value.kind).toBe("abolish");
    return r.value;
  };
  const BASE = "岡山市及び和気町における連携中枢都市圏形成に係る連携協約";

  it("「…連携協約を廃止する。」: base title and 締結日; 適用日 from the 附則", () => {
    const p = abolish("abolish_plain.txt");
    expect(p.event.payload).toEqual({ kind: "abolish", base: { title: BASE, date: expect.objectContaining({ iso: "2016-10-11" }) } });
    expect(p.event.dates).toMatchObject({ concludedOn: "2026-03-25", appliesFrom: "2026-04-01" });
  });
  it("「…は、令和８年３月３１日限り、廃止する。」: in force through 3月31日, 適用日 = 4月1日, and the reading says so", () => {
    const p = abolish("abolish_through.txt");
    expect(p.event.dates).toMatchObject({ concludedOn: "2026-03-25", appliesFrom: "2026-04-01" });
    const r = parseText(read("abolish_through.txt"), { file: "abolish_through.txt" });
    expect(r.issues).toContainEqual(expect.objectContaining({
      severity: "info", code: "abolish.through",
      message: expect.stringContaining("翌日 2026-04-01 から効力を失う"),
      location: expect.objectContaining({ line: lineOf("abolish_through.txt", "限り") }),
    }));
  });
  it("「…は、令和八年三月三十一日をもって廃止する。」 (kanji dates): the same meaning", () => {
    const p = abolish("abolish_as_of_kanji.txt");
    expect(p.event.dates).toMatchObject({ concludedOn: "2026-03-25", appliesFrom: "2026-04-01" });
    expect(p.event.payload).toMatchObject({ base: { title: BASE, date: { iso: "2016-10-11", text: "平成二十八年十月十一日" } } });
  });
  it("「…を廃止することについて合意する。」", () => {
    const p = abolish("abolish_agree.txt");
    expect(p.event.payload).toMatchObject({ kind: "abolish", base: { title: BASE } });
    expect(p.event.dates.appliesFrom).toBe("2026-04-01");
  });
  it.each(["abolish_near_miss.txt", "abolish_near_miss_preamble.txt"])("a near miss (「…で廃止する。」, %s) is refused at its own line, in Japanese, naming the form", (f) => {
    const e = refused(f, "abolish.wording-unread");
    expect(e.location.line).toBe(lineOf(f, "で廃止する"));
    expect(e.message).toContain("「令和８年３月３１日で廃止する」は読めない廃止の書き方");
    expect(e.message).toContain("限り");
    const r = parseText(read(f), { file: f });
    expect(r.issues.filter((i) => i.severity === "error")).toHaveLength(1);
  });
  it("「…をもって、その効力を失うものとする。」 is refused at its line, never read as 限り", () => {
    const e = refused("abolish_loses_effect.txt", "abolish.wording-unread");
    expect(e.location.line).toBe(lineOf("abolish_loses_effect.txt", "効力を失う"));
    expect(e.message).toContain("読めない廃止の書き方");
  });
  it("「限り」 with a date that is no date is refused at its line", () => {
    const text = read("abolish_through.txt").replace("令和８年３月３１日限り", "年度末限り");
    const r = parseText(text, { file: "t.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.severity === "error")).toMatchObject({ code: "abolish.through-unread", location: { line: lineOf("abolish_through.txt", "限り") } });
  });
  it("「限り」 and a 附則 適用日 that disagree are refused, not one of them chosen", () => {
    const e = refused("abolish_through_conflict.txt", "abolish.date-conflict");
    expect(e.message).toContain("令和８年５月１日");
  });
});

describe("a 締結 whose 附則 ends an older agreement is still a 締結", () => {
  it("「２　…連携協約は、令和２年３月３１日限り、廃止する。」 in the 附則 does not make it a 廃止", () => {
    const seed = readFileSync(fileURLToPath(new URL("../fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url)), "utf8");
    const text = seed.replace("この連携協約の締結を証するため", "附　則\n１　この協約は、令和２年４月１日から施行する。\n２　平成２８年１０月１１日に締結した岡山市及び和気町における連携中枢都市圏形成に係る連携協約は、令和２年３月３１日限り、廃止する。\n\nこの連携協約の締結を証するため");
    expect(text).toContain("限り、廃止する。");
    const r = parseText(text, { file: "new.txt" });
    // Read as the 締結 it is; that 附則 sentence's date is not yet one kyoyaku attaches, so it is
    // refused at its line (parse.supplementary-dated-unread) — never recorded as a 廃止.
    if (r.ok) expect(r.value.kind).toBe("conclude");
    else expect(r.issues.filter((i) => i.severity === "error").map((i) => i.code)).toEqual(["parse.supplementary-dated-unread"]);
  });
});
