/**
 * The engine never records a text as something it is not: a second 締結 is refused (saying
 * what the text looks like) unless recorded on purpose as a restatement (全部変更); the same
 * amendment from other bytes is a duplicate, never applied twice; a 廃止 naming another
 * agreement's title or 締結日 is refused; the 廃止 wordings end the agreement on the right day.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentKey, isKyoyakuError, openKyoyaku, type Kyoyaku, type LegalEventInput } from "@kyoyaku/core";
import { parseText, restatement } from "@kyoyaku/text";

const FIX = join(import.meta.dirname, "..", "fixtures");
const SEED = readFileSync(join(FIX, "seeds", "000_0d517b853e764d1a.txt"), "utf8");
const AMEND = readFileSync(join(FIX, "amendments", "02_replace_text.txt"), "utf8");
const ID = "岡山市-和気町";
const R = { 岡山市: "2016-09-30", 和気町: "2016-09-27" };

function event(text: string, file = "x.txt"): LegalEventInput {
  const r = parseText(text, { file });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.value.event;
}
const withResolutions = (e: LegalEventInput): LegalEventInput => ({ ...e, dates: { ...e.dates, resolutions: R } });

function tick(start = "2026-01-01T00:00:00.000Z"): () => string {
  let t = Date.parse(start);
  return () => new Date((t += 60_000)).toISOString();
}

function concluded(): Kyoyaku {
  const k = openKyoyaku({ clock: tick() });
  k.record({ agreementId: ID, event: withResolutions(event(SEED, "000.txt")), recordedBy: "法規担当" });
  return k;
}

function refusal(f: () => unknown): { code: string; message: string; issueCode: string | undefined } {
  try {
    f();
  } catch (e) {
    if (!isKyoyakuError(e)) throw e;
    return { code: e.code, message: e.message, issueCode: e.issues.find((i) => i.severity === "error")?.code };
  }
  throw new Error("not refused");
}

const article5 = (k: Kyoyaku, date: string): string => {
  const a = k.asOf(ID, date).document?.articles.find((x) => x.number === "5");
  return JSON.stringify(a);
};

describe("a second 締結 is refused, saying what the text looks like", () => {
  it("the same parties, a later date: a restatement, with the --restate path named", () => {
    const k = concluded();
    const later = SEED.replaceAll("平成28年10月11日", "令和2年4月1日").replace("（目的）", "（趣旨）");
    const r = refusal(() => k.record({ agreementId: ID, event: event(later, "再締結.txt"), recordedBy: "法規担当" }));
    expect(r).toMatchObject({ code: "rule.violation", issueCode: "rule.second-conclusion" });
    expect(r.message).toContain("#1（締結）");
    expect(r.message).toContain("--restate");
    expect(k.events(ID)).toHaveLength(1);
    k.close();
  });
  it("the same agreement again (another copy: a differing 前文 line, same title and 締結日)", () => {
    const k = concluded();
    const copy = SEED.replace("次のとおり連携協約を締結する。", "次のとおり連携協約を締結する。 ");
    const other = SEED.replace("（目的）", "（目 的）");
    const r = refusal(() => k.record({ agreementId: ID, event: event(other, "写し.txt"), recordedBy: "法規担当" }));
    expect(r.issueCode).toBe("rule.second-conclusion");
    expect(r.message).toContain("同じ協約");
    // A copy that parses to the very same content is a duplicate of #1, not a refusal.
    const d = k.record({ agreementId: ID, event: event(copy.replaceAll("\n", "\r\n"), "写しCRLF.txt"), recordedBy: "法規担当" });
    expect(d).toMatchObject({ duplicate: true, duplicateBy: "content", event: { seq: 1 } });
    k.close();
  });
  it("another pair's agreement", () => {
    const k = concluded();
    const bizen = SEED.replaceAll("和気町", "備前市").replaceAll("和気郡", "備前市東片上");
    const r = refusal(() => k.record({ agreementId: ID, event: event(bizen, "備前.txt"), recordedBy: "法規担当" }));
    expect(r.issueCode).toBe("rule.second-conclusion");
    expect(r.message).toContain("別の協約");
    k.close();
  });
  it("a pending draft 締結 points to ratify; a retracted 締結 does not count", () => {
    const k = openKyoyaku({ clock: tick() });
    k.record({ agreementId: ID, event: { ...event(SEED), draft: true }, recordedBy: "法規担当" });
    const later = SEED.replaceAll("平成28年10月11日", "平成28年10月12日");
    expect(refusal(() => k.record({ agreementId: ID, event: event(later, "b.txt"), recordedBy: "法規担当" })).message).toContain("ratify");
    k.correct({ agreementId: ID, target: 1, reason: "誤った案", retract: true, recordedBy: "法規担当" });
    expect(k.record({ agreementId: ID, event: event(later, "b.txt"), recordedBy: "法規担当" }).event.seq).toBe(3);
    k.close();
  });
  it("the explicit restatement: an amendment with one restate operation, in force from its 適用日", () => {
    const k = concluded();
    const later = SEED.replaceAll("平成28年10月11日", "令和2年4月1日").replace("（目的）", "（趣旨）");
    const r = parseText(later, { file: "全部変更.txt" });
    if (!r.ok) throw new Error("unread");
    const e = restatement(r.value)!;
    expect(e.payload).toMatchObject({ kind: "amend", operations: [{ op: "restate" }] });
    const rec = k.record({ agreementId: ID, event: e, recordedBy: "法規担当" });
    expect(rec.event).toMatchObject({ seq: 2, kind: "amend" });
    expect(k.asOf(ID, "2020-03-31").document?.articles[0]?.caption).toBe("目的");
    expect(k.asOf(ID, "2020-04-01").document?.articles[0]?.caption).toBe("趣旨");
    k.close();
  });
});

describe("the same amendment from other bytes is one event", () => {
  const variants: [string, (t: string) => string][] = [
    ["CRLF line ends", (t) => t.replaceAll("\n", "\r\n")],
    ["a trailing space and newline", (t) => t.replace("に改める。", "に改める。 ") + "\n\n"],
    ["full-width digits in dates and addresses", (t) => t.replaceAll("令和7年3月25日", "令和７年３月２５日").replace("令和7年4月1日", "令和７年４月１日")],
    ["half-width digits in the article number", (t) => t.replace("第５条中", "第5条中")],
  ];
  it.each(variants)("%s: a duplicate of #2 by content, applied once", (_name, vary) => {
    const k = concluded();
    const first = k.record({ agreementId: ID, event: event(AMEND, "02.txt"), recordedBy: "法規担当" });
    expect(first).toMatchObject({ duplicate: false, event: { seq: 2 } });
    const text = vary(AMEND);
    expect(text).not.toBe(AMEND);
    const again = k.record({ agreementId: ID, event: event(text, "02-copy.txt"), recordedBy: "法規担当" });
    expect(again).toMatchObject({ duplicate: true, duplicateBy: "content", event: { seq: 2 }, status: "ratified" });
    expect(k.events(ID)).toHaveLength(2);
    // 「毎年度」→「毎年度１回以上」 contains its old words: a second application would say 「毎年度１回以上１回以上」.
    expect(article5(k, "2025-04-01")).toContain("毎年度１回以上");
    expect(article5(k, "2025-04-01")).not.toContain("１回以上１回以上");
    k.close();
  });
  it("the byte duplicate is still reported by source", () => {
    const k = concluded();
    k.record({ agreementId: ID, event: event(AMEND, "02.txt"), recordedBy: "法規担当" });
    expect(k.record({ agreementId: ID, event: event(AMEND, "other-name.txt"), recordedBy: "法規担当" })).toMatchObject({ duplicate: true, duplicateBy: "source" });
  });
  it("a retracted event does not count: the variant is recorded again", () => {
    const k = concluded();
    k.record({ agreementId: ID, event: event(AMEND, "02.txt"), recordedBy: "法規担当" });
    k.correct({ agreementId: ID, target: 2, reason: "誤って記録", retract: true, recordedBy: "法規担当" });
    const r = k.record({ agreementId: ID, event: event(AMEND.replaceAll("\n", "\r\n"), "02.txt"), recordedBy: "法規担当" });
    expect(r).toMatchObject({ duplicate: false, event: { seq: 4 } });
    k.close();
  });
  it("different content is not a duplicate: another 適用日, a draft", () => {
    const k = concluded();
    k.record({ agreementId: ID, event: event(AMEND, "02.txt"), recordedBy: "法規担当" });
    const e = event(AMEND.replace("令和7年4月1日から適用", "令和7年5月1日から適用"), "02b.txt");
    expect(contentKey(e)).not.toBe(contentKey(event(AMEND)));
    expect(contentKey({ ...event(AMEND), draft: true })).not.toBe(contentKey(event(AMEND)));
    k.close();
  });
  it("recordMany: a byte variant later in the same batch is the same event", () => {
    const k = concluded();
    const rs = k.recordMany([
      { agreementId: ID, event: event(AMEND, "a.txt"), recordedBy: "法規担当" },
      { agreementId: ID, event: event(AMEND.replaceAll("\n", "\r\n"), "b.txt"), recordedBy: "法規担当" },
    ]);
    expect(rs.map((r) => [r.duplicate, r.event.seq])).toEqual([[false, 2], [true, 2]]);
    expect(rs[1]).toMatchObject({ duplicateBy: "content" });
    expect(k.recordMany([{ agreementId: ID, event: event(AMEND + "\n", "c.txt"), recordedBy: "法規担当" }])[0]).toMatchObject({ duplicate: true, duplicateBy: "content", event: { seq: 2 } });
    expect(k.events(ID)).toHaveLength(2);
    k.close();
  });
  it("property: any mix of byte variants of one amendment records one event", () => {
    const k = concluded();
    k.record({ agreementId: ID, event: event(AMEND, "02.txt"), recordedBy: "法規担当" });
    const edits = fc.array(fc.constantFrom(...variants.map(([, f]) => f)), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(edits, fc.string({ maxLength: 12 }), (fs, name) => {
      const text = fs.reduce((t, f) => f(t), AMEND);
      const r = k.record({ agreementId: ID, event: event(text, `${name}.txt`), recordedBy: "法規担当" });
      return r.duplicate && r.event.seq === 2 && k.events(ID).length === 2;
    }), { numRuns: 60 });
    expect(article5(k, "2025-04-01")).not.toContain("１回以上１回以上");
    k.close();
  });
});

describe("a 廃止 names the agreement it ends (title and 締結日)", () => {
  const read = (f: string): string => readFileSync(join(FIX, "never-as", f), "utf8");
  it.each([
    ["abolish_wrong_date.txt", "平成２８年１０月１２日"],
    ["abolish_wrong_title.txt", "備前市"],
  ])("%s is refused in 岡山市-和気町, naming both", (file, named) => {
    const k = concluded();
    const r = refusal(() => k.record({ agreementId: ID, event: event(read(file), file), recordedBy: "法規担当" }));
    expect(r.issueCode).toBe("rule.abolish-base-mismatch");
    expect(r.message).toContain(named);
    expect(r.message).toMatch(/平成28年10月11日|連携中枢都市圏形成に係る連携協約/u);
    expect(k.events(ID)).toHaveLength(1);
    k.close();
  });
  it.each([
    ["abolish_plain.txt", "2026-04-01"],
    ["abolish_through.txt", "2026-04-01"],
    ["abolish_as_of_kanji.txt", "2026-04-01"],
    ["abolish_agree.txt", "2026-04-01"],
  ])("%s: in force the day before %s, not on it", (file, from) => {
    const k = concluded();
    const r = k.record({ agreementId: ID, event: event(read(file), file), recordedBy: "法規担当" });
    expect(r.duplicate).toBe(false);
    expect(k.asOf(ID, "2026-03-31").inForce).toBe(true);
    expect(k.asOf(ID, from).inForce).toBe(false);
    k.close();
  });
});
