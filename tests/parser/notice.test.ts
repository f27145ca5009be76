/**
 * 通告 letters: read exactly as a notice event (never a 締結), or refused at the line not
 * understood. Fixtures in tests/fixtures/notice are hand-written letters.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseText } from "@kyoyaku/text";

const DIR = join(import.meta.dirname, "..", "fixtures", "notice");
const read = (file: string) => parseText(readFileSync(join(DIR, file), "utf8"), { file });

describe("通告 letters", () => {
  it("reads 岡山市's letter: party, 通告日, 議決日, the agreement named, the 文書番号", () => {
    const r = read("tsukoku-letter.txt");
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const { source, ...event } = r.value.event;
    expect(r.value.kind).toBe("notice");
    expect(r.value.suggestedId).toBe("岡山市-和気町");
    expect(event).toEqual({
      payload: { kind: "notice", party: "岡山市", subject: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約", reference: "岡企第123号" },
      dates: { concludedOn: "2025-06-30", resolutions: { 岡山市: "2025-06-20" } },
      draft: false,
      parties: ["岡山市"],
    });
    expect(source?.name).toBe("tsukoku-letter.txt");
    expect(r.issues).toEqual([]);
  });

  it("reads 和気町's letter with a spaced 文書番号 and 「議会の議決（令和７年１２月１９日）」", () => {
    const r = read("tsukoku-letter-wake.txt");
    expect(r.ok && r.value.event.payload).toEqual({ kind: "notice", party: "和気町", subject: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約", reference: "和企第45号" });
    expect(r.ok && r.value.event.dates).toEqual({ concludedOn: "2026-01-15", resolutions: { 和気町: "2025-12-19" } });
    expect(r.ok && r.value.suggestedId).toBe("岡山市-和気町");
  });

  it("refuses a letter that notifies something else than the 廃止, at its line (near miss)", () => {
    const r = read("tsukoku-letter-tsuchi.txt");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "notice.body-unread", location: { file: "tsukoku-letter-tsuchi.txt", line: 10 } });
  });

  it("refuses a letter whose 通告日 has a blank day, at its line", () => {
    const r = read("tsukoku-letter-nodate.txt");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "notice.date-unread", location: { line: 2 } });
  });

  it("never reads a letter as a 締結, even with the 件名 on the first line", () => {
    const text = readFileSync(join(DIR, "tsukoku-letter.txt"), "utf8").replace("岡企第１２３号\n", "");
    const first = text.split("\n");
    const moved = [first[2], first[0], first[1], ...first.slice(3)].join("\n");
    for (const t of [text, moved]) {
      const r = parseText(t, { file: "x.txt" });
      expect(r.ok ? r.value.kind : r.issues[0]!.code).not.toBe("conclude");
      if (r.ok) expect(r.value.kind).toBe("notice");
    }
  });

  it("refuses an unknown head line (a 宛先 that is not a 長)", () => {
    const text = readFileSync(join(DIR, "tsukoku-letter.txt"), "utf8").replace("和気町長　様", "和気町企画課　御中");
    const r = parseText(text, { file: "x.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "notice.line-unread", location: { line: 4 } });
  });

  it("still reads the 協約書 with a 通告 clause as a 締結", () => {
    const r = read("kyoyaku-tsukoku.txt");
    expect(r.ok && r.value.kind).toBe("conclude");
    expect(r.ok && r.value.document?.articles[4]?.paragraphs[0]?.text).toContain("通告した日から起算して２年を経過した日にその効力を失う");
  });
});

describe("期間の定め in a 協定書", () => {
  it("reads the 定住自立圏形成協定書 and its term with 自動延長", async () => {
    const { termOf } = await import("@kyoyaku/core");
    const r = read("teijuu-kyotei.txt");
    expect(r.ok && r.value.kind).toBe("conclude");
    if (!r.ok || r.value.document === undefined) return;
    const t = termOf(r.value.document);
    expect(t.ok && t.value).toMatchObject({ from: "2021-04-01", until: "2026-03-31", autoRenewal: { years: 5, noticeMonths: 3 }, address: "article:3/paragraph:1" });
  });

  it("refuses a term wording it does not read, at the clause's line (near miss)", () => {
    const text = readFileSync(join(DIR, "teijuu-kyotei.txt"), "utf8")
      .replace("この協定の期間は、令和３年４月１日から令和８年３月３１日までとする。", "この協定の期間は、締結の日から５年間とする。");
    const r = parseText(text, { file: "teijuu.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "rule.term-clause-unread", location: { file: "teijuu.txt", line: 22, address: "article:3/paragraph:1" } });
  });
});
