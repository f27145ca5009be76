/**
 * A user's whole session with the built `kyoyaku` binary on the two seed documents:
 * init, import, every read command in text and JSON, ratify/resolve/correct, verify.
 * The steps run in order on one temporary database.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_CONCLUDE, SEED_DRAFT, dumpDb, json, kyoyaku, workspace } from "./helpers.js";

let dir = "";
const run = (...args: string[]) => kyoyaku(dir, args);

beforeAll(() => {
  dir = workspace();
});

describe("kyoyaku, end to end on the seeds", () => {
  it("init creates the database, and a second init changes nothing", () => {
    const r = run("init");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("データベースを作成しました: kyoyaku.db");
    expect(existsSync(join(dir, "kyoyaku.db"))).toBe(true);
    const again = run("init", "--json");
    expect(again.code).toBe(0);
    expect(json(again)).toMatchObject({ created: false, agreements: 0 });
  });

  it("imports the 連携協約書 as okayama-wake, printing what it recorded", () => {
    const r = run("import", SEED_CONCLUDE, "--agreement", "okayama-wake", "--recorded-by", "法規担当");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${SEED_CONCLUDE}: 記録しました（recorded） #1 締結 (conclude)`);
    expect(r.stdout).toContain("okayama-wake（連携中枢都市圏形成に係る連携協約書）");
    expect(r.stdout).toContain("状態    確定 (ratified)");
    expect(r.stdout).toContain("締結日  平成28年10月11日（2016-10-11）");
    expect(r.stdout).toContain("議決日  岡山市 未登録、和気町 未登録");
    expect(r.stdout).toContain("#1（締結）の岡山市の議決日が記録されていない");
    expect(r.stdout).toMatch(/原文 +sha256:[0-9a-f]{64}/u);
  });

  it("records nothing when the same file is imported again, and says so", () => {
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", SEED_CONCLUDE, "--agreement", "okayama-wake");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${SEED_CONCLUDE}: 記録済み（already recorded） #1 締結 (conclude)`);
    expect(r.stdout).toContain("同じ原文が記録済みです — 何も書き込みませんでした");
    expect(dumpDb(join(dir, "kyoyaku.db"))).toBe(before);
  });

  it("imports the draft amendment, inferring the agreement id from the parties", () => {
    const r = run("import", SEED_DRAFT, "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ dryRun: boolean; outcomes: { status: string; agreementId: string; inferredId: boolean; seq: number; kind: string; draft: boolean }[] }>(r);
    expect(out.dryRun).toBe(false);
    expect(out.outcomes).toHaveLength(1);
    expect(out.outcomes[0]).toMatchObject({ status: "recorded", agreementId: "岡山市-備前市", inferredId: true, seq: 1, kind: "amend", draft: true });
  });

  it("--dry-run shows what would be recorded and writes nothing", () => {
    const before = dumpDb(join(dir, "kyoyaku.db"));
    const r = run("import", SEED_DRAFT, "--agreement", "okayama-wake", "--what-if", "--dry-run");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("記録予定（dry run: 書き込みません） #2 変更 (amend)");
    expect(r.stdout).toContain("状態    案 (draft) — 確定するまで効力を持ちません");
    expect(dumpDb(join(dir, "kyoyaku.db"))).toBe(before);
  });

  it("records the draft against okayama-wake as a what-if", () => {
    const r = run("import", SEED_DRAFT, "--agreement", "okayama-wake", "--what-if");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("記録しました（recorded） #2 変更 (amend)");
    expect(r.stdout).toContain("状態    案 (draft) — 確定するまで効力を持ちません");
    expect(r.stdout).toContain("当事者  岡山市、備前市");
    expect(r.stdout).toContain("仮定");
  });

  it("lists the agreements, and those in force on a date", () => {
    const all = run("list");
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("協約 2件");
    // The what-if draft of 岡山市 × 備前市 does not change who okayama-wake is between; names are normalised.
    expect(all.stdout).toMatch(/^ID +題名 +当事者 +記録数 +最初の適用日 +終了$/mu);
    expect(all.stdout).toMatch(/^okayama-wake +連携中枢都市圏形成に係る連携協約書 +岡山市、和気町 +2 +平成28年10月11日（2016-10-11）/mu);
    expect(all.stdout).toMatch(/^岡山市-備前市 +連携中枢都市圏形成に係る変更連携協約書 +岡山市、備前市 +1 +—（効力のある版なし）/mu);
    const summaries = json<{ agreements: { id: string; parties: string[] }[] }>(run("list", "--json"));
    expect(summaries.agreements.map((a) => [a.id, a.parties])).toEqual([["okayama-wake", ["岡山市", "和気町"]], ["岡山市-備前市", ["岡山市", "備前市"]]]);
    const bizen = json<{ agreements: { id: string }[] }>(run("list", "--party", "備前市", "--json"));
    expect(bizen.agreements.map((a) => a.id)).toEqual(["岡山市-備前市"]);
    const on = json<{ agreements: { agreementId: string; interval: { from: string; to: string | null } }[] }>(run("list", "--on", "令和2年4月1日", "--json"));
    expect(on.agreements.map((a) => a.agreementId)).toEqual(["okayama-wake"]);
    expect(on.agreements[0]!.interval).toEqual({ from: "2016-10-11", to: null });
    const party = json<{ agreements: { id: string }[] }>(run("list", "--party", "和 気 町", "--json"));
    expect(party.agreements.map((a) => a.id)).toEqual(["okayama-wake"]);
    expect(run("list", "--party", "倉敷市").stdout).toContain("倉敷市 を当事者とする協約はありません。");
  });

  it("show prints the text in force with its header", () => {
    const r = run("show", "okayama-wake", "--on", "令和2年4月1日");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^協約 +okayama-wake（連携中枢都市圏形成に係る連携協約書）$/mu);
    expect(r.stdout).toMatch(/^基準日 +令和2年4月1日（2020-04-01）$/mu);
    expect(r.stdout).toMatch(/^版の期間 +平成28年10月11日から（終期なし） \[2016-10-11, …\)$/mu);
    expect(r.stdout).toMatch(/^根拠 +#1 締結 \(conclude\) 締結日 平成28年10月11日 適用日 平成28年10月11日$/mu);
    expect(r.stdout).toMatch(/^案は除外 +#2 変更 \(amend\) 【案】/mu);
    expect(r.stdout).toMatch(/^議決日未登録 +#1 岡山市、#1 和気町$/mu);
    expect(r.stdout).toContain("第6条 この連携協約を変更し、又は廃止しようとする場合は");
    expect(r.stdout).toContain("E S Dによる人づくりとネットワーク化の推進");
  });

  it("show --json is the engine's as-of answer", () => {
    const a = json<{ inForce: boolean; date: string; interval: unknown; document: { articles: unknown[] }; events: { seq: number }[]; flags: { draftsExcluded: { seq: number }[] } }>(
      run("show", "okayama-wake", "--on", "2020-04-01", "--json"),
    );
    expect(a.inForce).toBe(true);
    expect(a.date).toBe("2020-04-01");
    expect(a.interval).toEqual({ from: "2016-10-11", to: null });
    expect(a.document.articles).toHaveLength(6);
    expect(a.events.map((e) => e.seq)).toEqual([1]);
    expect(a.flags.draftsExcluded.map((e) => e.seq)).toEqual([2]);
  });

  it("show says when nothing is in force, and why", () => {
    const r = run("show", "okayama-wake", "--on", "平成28年10月10日");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^状態 +効力なし（not in force）: .+/mu);
    expect(r.stdout).not.toContain("第1条");
    expect(json<{ inForce: boolean; reason: string }>(run("show", "okayama-wake", "--on", "2016-10-10", "--json"))).toMatchObject({ inForce: false });
  });

  it("show --with-drafts applies the draft, and --address prints one provision", () => {
    const r = run("show", "okayama-wake", "--on", "2025-04-01", "--with-drafts");
    expect(r.stdout).toMatch(/^案を反映 +#2/mu);
    expect(r.stdout).toContain("高度な中心拠点の強化");
    const art = run("show", "okayama-wake", "--on", "2020-04-01", "--address", "article:6", "--bare");
    expect(art.code, art.stderr).toBe(0);
    expect(art.stdout).toContain("第6条");
    expect(art.stdout).not.toContain("第5条");
    expect(art.stdout).not.toContain("基準日");
    // The same provision as people write it.
    for (const written of ["第6条", "第六条", "第６条"]) {
      const w = run("show", "okayama-wake", "--on", "2020-04-01", "--address", written, "--bare");
      expect(w.code, w.stderr).toBe(0);
      expect(w.stdout, written).toBe(art.stdout);
    }
    const section = run("show", "okayama-wake", "--on", "2020-04-01", "--address", "別表II", "--bare");
    expect(section.code, section.stderr).toBe(0);
    expect(section.stdout).toBe(run("show", "okayama-wake", "--on", "2020-04-01", "--address", "appendix:1/section:II", "--bare").stdout);
    const bad = run("show", "okayama-wake", "--address", "第6章");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^kyoyaku show: --address 第6章: 規定の指定として読めない.*\[address\.invalid\]/u);
  });

  it("show of the partial history lists the unknown parts explicitly", () => {
    const r = run("show", "岡山市-備前市", "--on", "2025-04-01", "--with-drafts");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^不明な部分 +.*前文.*本則の各条/mu);
    expect(r.stdout).not.toMatch(/^不明な部分 .*\b(?:title|date|parties|preamble|articles)\b/mu); // no internal names
    const a = json<{ flags: { unknownParts: string[] } }>(run("show", "岡山市-備前市", "--on", "2025-04-01", "--with-drafts", "--json"));
    expect(a.flags.unknownParts).toContain("articles");
    // diff --format text names the changed list of unknown parts in Japanese, never "unknown".
    const d = run("diff", "岡山市-備前市", "--from", "2025-03-01", "--to", "2025-04-01", "--with-drafts", "--format", "text");
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^改正 \(replaced\) +原文が未登録の部分$/mu);
    expect(d.stdout).not.toMatch(/\bunknown\b/u);
  });

  it("history lists the events with both times, in text and JSON", () => {
    const r = run("history", "okayama-wake");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("okayama-wake の履歴（2件）");
    expect(r.stdout).toContain("#1 締結 (conclude) — 確定 (ratified)");
    expect(r.stdout).toContain("#2 変更 (amend) — 案 (draft)");
    expect(r.stdout).toMatch(/記録日時 +\d{4}-\d\d-\d\dT[\d:.]+Z（日本時間 [\d-]+ [\d:]+）\n +記録者 +法規担当/u);
    const h = json<{ entries: { seq: number; status: string; recordedBy: string }[] }>(run("history", "okayama-wake", "--json"));
    expect(h.entries.map((e) => [e.seq, e.status])).toEqual([[1, "ratified"], [2, "draft"]]);
    expect(h.entries[0]!.recordedBy).toBe("法規担当");
  });

  it("diff prints the 新旧対照表 the draft would make, and the other formats", () => {
    const args = ["diff", "okayama-wake", "--from", "2025-03-31", "--to", "2025-04-01", "--with-drafts"];
    const table = run(...args);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("新旧対照表");
    expect(table.stdout).toContain("改正後");
    expect(table.stdout).toContain("改正前");
    expect(table.stdout).toContain("（新設）");
    const patch = JSON.parse(run(...args, "--format", "patch").stdout) as { op: string; path: string }[];
    expect(patch.length).toBeGreaterThan(0);
    for (const op of patch) expect(["add", "remove", "replace", "move", "copy", "test"]).toContain(op.op);
    const text = run(...args, "--format", "text");
    expect(text.stdout).toMatch(/追加 \(added\) +別表II中「高度な中心拠点の強化」の取組 +appendix:1\/section:II\/item:高度な中心拠点の強化/u);
    expect(text.stdout).toContain("改正箇所 25件（すべて #2 変更 (amend) 【案】 適用日 令和7年4月1日 による）");
    expect(table.stdout).toContain("根拠: #2 変更（締結日 —、適用日 令和7年4月1日（2025-04-01））［案］");
    const md = run(...args, "--format", "md");
    expect(md.stdout).toContain("| 改正後 | 改正前 |");
    const html = run(...args, "--format", "html", "--out", "taisho.html");
    expect(html.code).toBe(0);
    expect(readFileSync(join(dir, "taisho.html"), "utf8")).toMatch(/<table[\s\S]*改正後[\s\S]*<\/table>/u);
    const d = json<{ from: string; to: string; changes: { address: string; change: string }[] }>(run(...args, "--json"));
    expect(d.from).toBe("2025-03-31");
    expect(d.changes.some((c) => c.change === "added" && c.address.endsWith("item:高度な中心拠点の強化"))).toBe(true);
  });

  it("diff without --with-drafts sees no change on that day", () => {
    const d = json<{ changes: unknown[]; patch: unknown[] }>(run("diff", "okayama-wake", "--from", "2025-03-31", "--to", "2025-04-01", "--json"));
    expect(d.changes).toEqual([]);
    expect(d.patch).toEqual([]);
  });

  it("search finds 取組 ignoring spaces", () => {
    const r = run("search", "ESD", "--on", "令和2年4月1日");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("「ESD」 1件");
    expect(r.stdout).toContain("okayama-wake  別表II中「ESDによる人づくりとネットワーク化の推進」の取組");
    const j = json<{ hits: { agreementId: string; kind: string }[] }>(run("search", "子育て", "--on", "2020-04-01", "--json"));
    expect(j.hits.length).toBeGreaterThan(0);
    expect(j.hits.every((h) => h.agreementId === "okayama-wake")).toBe(true);
    expect(json<{ hits: unknown[] }>(run("search", "子育て", "--on", "2020-04-01", "--party", "和気町", "--json")).hits).toHaveLength(j.hits.length);
    expect(json<{ hits: unknown[] }>(run("search", "子育て", "--on", "2020-04-01", "--party", "倉敷市", "--json")).hits).toEqual([]);
  });

  it("resolve adds 議決日 as a new event", () => {
    const r = run("resolve", "okayama-wake", "--event", "1", "--resolution", "岡山市=平成28年9月30日", "--resolution", "和 気 町=2016-09-27");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("okayama-wake: 記録しました（recorded） #3 議決日追加 (resolve) → #1 締結 (conclude)");
    expect(r.stdout).toContain("議決日      岡山市 平成28年9月30日（2016-09-30）、和気町 平成28年9月27日（2016-09-27）");
    const a = json<{ flags: { missingResolutions: unknown[] } }>(run("show", "okayama-wake", "--on", "2020-04-01", "--json"));
    expect(a.flags.missingResolutions).toEqual([]);
  });

  it("correct records a 訂正 with its reason", () => {
    const r = run("correct", "okayama-wake", "--event", "1", "--resolution", "和気町=2016-09-28", "--reason", "和気町の議決日の入力誤り", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ event: { seq: number; kind: string; record: { reason: string } }; target: { dates: { resolutions: Record<string, string> } } }>(r);
    expect(out.event).toMatchObject({ seq: 4, kind: "correct", record: { reason: "和気町の議決日の入力誤り" } });
    expect(out.target.dates.resolutions["和気町"]).toBe("2016-09-28");
  });

  it("ratify turns the draft into a ratified amendment", () => {
    const r = run("ratify", "岡山市-備前市", "--event", "1", "--signed-on", "令和7年3月28日", "--resolution", "岡山市=2025-03-18", "--resolution", "備前市=2025-03-21");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("#2 案の確定 (ratify) → #1 変更 (amend)");
    expect(r.stdout).toMatch(/対象の状態 +確定 \(ratified\)/u);
    const a = json<{ inForce: boolean; withDrafts: boolean }>(run("show", "岡山市-備前市", "--on", "2025-04-01", "--json"));
    expect(a).toMatchObject({ inForce: true, withDrafts: false });
  });

  it("--known-at answers from what had been recorded then", () => {
    const h = json<{ entries: { seq: number }[] }>(run("history", "岡山市-備前市", "--known-at", "2000-01-01", "--json"));
    expect(h.entries).toEqual([]);
    const s = json<{ inForce: boolean }>(run("show", "岡山市-備前市", "--on", "2025-04-01", "--known-at", "2000-01-01", "--json"));
    expect(s.inForce).toBe(false);
  });

  it("audit shows both times, who recorded, hashes and findings", () => {
    const r = run("audit", "okayama-wake");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("法規担当");
    expect(r.stdout).toMatch(/[0-9a-f]{64}/u);
    const out = run("audit", "okayama-wake", "--json");
    const j = json<{ agreementId: string; events: { seq: number; recordedBy: string }[]; findings: { kind: string; seq: number }[] }>(out);
    expect(j.agreementId).toBe("okayama-wake");
    expect(j.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(j.events[0]!.recordedBy).toBe("法規担当");
    expect(j.findings.some((f) => f.kind === "draft" && f.seq === 2)).toBe(true);
    expect(out.stdout).toMatch(/[0-9a-f]{64}/u);
  });

  it("export writes the events and versions as JSON", () => {
    const j = json<{ format: string; agreementId: string; events: { seq: number; hash: string }[]; versions: { interval: { from: string } }[] }>(
      run("export", "okayama-wake", "--format", "json"),
    );
    expect(j.format).toBe("kyoyaku-export/1");
    expect(j.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(j.versions.map((v) => v.interval.from)).toEqual(["2016-10-11"]);
    const withDrafts = json<{ versions: unknown[] }>(run("export", "okayama-wake", "--with-drafts"));
    expect(withDrafts.versions).toHaveLength(2);
  });

  it("verify passes on an intact database", () => {
    const r = run("verify");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("検証OK（verified）: 協約 2件、記録 6件");
    expect(json<{ ok: boolean }>(run("verify", "--json", "--rebuild")).ok).toBe(true);
  });
});
