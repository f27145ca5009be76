/**
 * The engine on the seed 連携協約書 and change agreements written with kanji numbers and 見出し
 * changes (tests/fixtures/amendments/kanji/): recorded, they change the text on the day their
 * 附則 says (in kanji), not a day before; a 見出し change that does not fit is refused with the
 * store left as it was.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isKyoyakuError, openKyoyaku, type AgreementDocument, type Kyoyaku, type LegalEventInput } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

function read(path: string): { event: LegalEventInput; id: string } {
  const r = parseText(readFileSync(join(FIXTURES, path), "utf8"), { file: path });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return { event: r.value.event, id: r.value.suggestedId };
}

function tick(): () => string {
  let t = Date.parse("2025-03-01T00:00:00.000Z");
  return () => new Date((t += 60_000)).toISOString();
}

function withSeed(): { k: Kyoyaku; id: string } {
  const k = openKyoyaku({ clock: tick() });
  const { event, id } = read("seeds/000_0d517b853e764d1a.txt");
  k.record({ agreementId: id, event, recordedBy: "法規担当" });
  return { k, id };
}

const article = (d: AgreementDocument | undefined, n: string) => d?.articles.find((a) => a.number === n);

describe("engine: kanji-numbered amendments and 見出し changes on the seed", () => {
  it("Given the seed and 「第五条中…」「第六条を第七条とし、第五条の次に次の一条を加える。」 applying from 令和七年四月一日 (第五条 from 令和七年十月一日), Then as-of the day before shows the old text and the day of the new", () => {
    const { k, id } = withSeed();
    const amend = read("amendments/kanji/01_kanji_numbers.txt");
    const r = k.record({ agreementId: id, event: amend.event, recordedBy: "法規担当" });
    expect(r.event.seq).toBe(2);

    const before = k.asOf(id, "2025-03-31").document;
    expect(article(before, "3")?.paragraphs[0]?.text).toContain("別表に掲げる");
    expect(before?.articles.map((a) => a.number)).toEqual(["1", "2", "3", "4", "5", "6"]);

    const on = k.asOf(id, "2025-04-01").document;
    expect(article(on, "3")?.paragraphs[0]?.text).toContain("別表第一に掲げる");
    expect(on?.articles.map((a) => a.number)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(article(on, "6")?.paragraphs[0]?.text).toBe("第五条の会議の事務局は、甲に置く。");
    expect(article(on, "7")?.caption).toBe("連携協約の変更及び廃止");
    // The ただし書: 第五条 changes from 令和七年十月一日 only.
    expect(article(on, "5")?.paragraphs[0]?.text).toContain("毎年度会議");
    expect(article(k.asOf(id, "2025-09-30").document, "5")?.paragraphs[0]?.text).toContain("毎年度会議");
    expect(article(k.asOf(id, "2025-10-01").document, "5")?.paragraphs[0]?.text).toContain("毎年度一回以上会議");
    k.close();
  });

  it("Given the seed, 見出し deleted/replaced/edited from 令和七年四月一日 and one attached from 令和８年４月１日, Then as-of each day before and the day of", () => {
    const { k, id } = withSeed();
    k.record({ agreementId: id, event: read("amendments/kanji/03_caption.txt").event, recordedBy: "法規担当" });
    k.record({ agreementId: id, event: read("amendments/kanji/04_caption_attach.txt").event, recordedBy: "法規担当" });
    const captions = (day: string): (string | undefined)[] => (k.asOf(id, day).document?.articles ?? []).slice(1, 5).map((a) => a.caption);
    expect(captions("2025-03-31")).toEqual(["基本方針", "連携する取組及び役割分担", "費用分担", "連絡会議"]);
    expect(captions("2025-04-01")).toEqual([undefined, "連携する取組及び役割分担", "費用の負担", "連絡調整会議"]);
    expect(captions("2026-03-31")).toEqual([undefined, "連携する取組及び役割分担", "費用の負担", "連絡調整会議"]);
    expect(captions("2026-04-01")).toEqual(["連携の基本方針", "連携する取組及び役割分担", "費用の負担", "連絡調整会議"]);
    expect(article(k.asOf(id, "2025-04-01").document, "5")?.paragraphs[0]?.text).toContain("連絡調整及び情報共有");
    // The 新旧対照表 of the day shows the 見出し change.
    const diff = k.diff(id, "2025-03-31", "2025-04-01");
    expect(diff.changes.map((c) => c.address)).toEqual(expect.arrayContaining(["article:2", "article:4", "article:5"]));
    k.close();
  });

  it("Given the seed, When 「第五条の見出し中「連絡調整会議」を…」 (not in the 見出し) is recorded, Then it is refused naming 第5条の見出し and nothing is stored", () => {
    const { k, id } = withSeed();
    const before = k.events(id).length;
    let err: unknown;
    try {
      k.record({ agreementId: id, event: read("amendments/kanji/bad_caption_text.txt").event, recordedBy: "法規担当" });
    } catch (e) {
      err = e;
    }
    expect(isKyoyakuError(err)).toBe(true);
    if (!isKyoyakuError(err)) return;
    expect(err.issues).toContainEqual(expect.objectContaining({ code: "rule.text-missing", message: expect.stringContaining("第5条の見出し") }));
    expect(k.events(id).length).toBe(before);
    expect(article(k.asOf(id, "2025-04-01").document, "4")?.caption).toBe("費用分担");
    k.close();
  });
});
