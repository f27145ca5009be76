/**
 * The engine on the two real seed documents, read by @kyoyaku/text: a 連携協約書 (締結,
 * 岡山市 × 和気町, 平成28年10月11日) and a draft 変更連携協約書 (岡山市 × 備前市, 令和7年3月 日,
 * 適用日 令和7年4月1日) whose base agreement is not in the seeds.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentHash, isKyoyakuError, openKyoyaku, type Kyoyaku, type LegalEventInput } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

const SEEDS = join(import.meta.dirname, "..", "fixtures", "seeds");
const CONCLUDE_FILE = "000_0d517b853e764d1a.txt";
const DRAFT_FILE = "001_6d3949d91c26715e.txt";

function read(file: string): { event: LegalEventInput; id: string } {
  const r = parseText(readFileSync(join(SEEDS, file), "utf8"), { file });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return { event: r.value.event, id: r.value.suggestedId };
}

function tick(start = "2025-03-01T00:00:00.000Z"): () => string {
  let t = Date.parse(start);
  return () => new Date((t += 60_000)).toISOString();
}

function fileFingerprint(path: string): string {
  const h = (p: string): string => (existsSync(p) ? createHash("sha256").update(readFileSync(p)).digest("hex") : "-");
  return `${h(path)}:${h(`${path}-wal`)}`;
}

const tempDb = (): string => join(mkdtempSync(join(tmpdir(), "kyoyaku-seeds-")), "seeds.db");

describe("engine on the seeds", () => {
  it("Given the 連携協約書, When recorded, Then it is in force from 平成28年10月11日 with 6 articles and 別表 I–III, and missing 議決日 are flagged", () => {
    const k = openKyoyaku({ clock: tick() });
    const { event, id } = read(CONCLUDE_FILE);
    const r = k.record({ agreementId: id, event, recordedBy: "法規担当" });
    expect(r.duplicate).toBe(false);
    expect(r.event.seq).toBe(1);
    // The text gives no 議決日: recorded, with a warning per party (never invented).
    expect(r.issues.filter((i) => i.code === "rule.missing-resolution").map((i) => i.location.party)).toEqual(["岡山市", "和気町"]);

    expect(k.asOf(id, "2016-10-10").inForce).toBe(false);
    const a = k.asOf(id, "2016-10-11");
    expect(a.inForce).toBe(true);
    expect(a.interval).toEqual({ from: "2016-10-11", to: null });
    expect(a.document?.articles.map((x) => x.number)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(a.document?.appendices[0]?.sections.map((s) => [s.label, s.items.length])).toEqual([["I", 4], ["II", 2], ["III", 8]]);
    expect(a.root).toBe(contentHash(a.document));
    expect(a.flags.missingResolutions).toEqual([{ seq: 1, party: "岡山市" }, { seq: 1, party: "和気町" }]);

    const hits = k.search("ESD", { on: "2020-04-01" });
    expect(hits.map((h) => [h.kind, h.heading])).toEqual([["item", "E S Dによる人づくりとネットワーク化の推進"]]);
    expect(k.search("議会の議決", { on: "2020-04-01" }).map((h) => h.address)).toEqual(["article:6"]);
    expect(k.inForce("2020-04-01", { party: "和 気 町" }).map((e) => e.agreementId)).toEqual([id]);
    k.close();
  });

  it("Given the same seed recorded twice, Then the second records nothing and returns the first event (another id is refused)", () => {
    const path = tempDb();
    const k = openKyoyaku({ path, clock: tick() });
    const { event, id } = read(CONCLUDE_FILE);
    const first = k.record({ agreementId: id, event, recordedBy: "法規担当" });
    const before = fileFingerprint(path);
    const again = k.record({ agreementId: id, event: read(CONCLUDE_FILE).event, recordedBy: "別の担当" });
    expect(again).toMatchObject({ duplicate: true, agreementId: id, status: "ratified" });
    expect(again.event.hash).toBe(first.event.hash);
    expect(() => k.record({ agreementId: "another-id", event: read(CONCLUDE_FILE).event, recordedBy: "別の担当" })).toThrow(
      expect.objectContaining({ code: "source.recorded-elsewhere", details: { agreementId: id, seq: 1, requested: "another-id" } }),
    );
    expect(fileFingerprint(path)).toBe(before);
    k.close();
  });

  it("Given the draft 変更連携協約書 without its base, Then it is excluded by default, answers withDrafts with the base's parts marked unknown, and takes effect when ratified", () => {
    const k = openKyoyaku({ clock: tick() });
    const { event, id } = read(DRAFT_FILE);
    expect(event.draft).toBe(true);
    const r = k.record({ agreementId: id, event, recordedBy: "企画担当" });
    expect(r.event.kind).toBe("amend");

    const plain = k.asOf(id, "2025-04-01");
    expect(plain.inForce).toBe(false);
    expect(plain.flags.draftsExcluded.map((d) => d.seq)).toEqual([1]);

    const would = k.asOf(id, "2025-04-01", { withDrafts: true });
    expect(would.inForce).toBe(true);
    expect(would.interval?.from).toBe("2025-04-01");
    expect(would.flags.draftsApplied.map((d) => d.seq)).toEqual([1]);
    expect(would.flags.unknownParts.length).toBeGreaterThan(0);
    expect(would.document?.appendices[0]?.sections.map((s) => s.label)).toEqual(["I", "II", "III"]);
    expect(k.asOf(id, "2025-03-31", { withDrafts: true }).inForce).toBe(false);

    k.ratify({ agreementId: id, target: 1, dates: { concludedOn: "2025-03-28", resolutions: { 岡山市: "2025-03-19", 備前市: "2025-03-21" } }, recordedBy: "企画担当" });
    const now = k.asOf(id, "2025-04-01");
    expect(now.inForce).toBe(true);
    expect(now.root).toBe(would.root);
    expect(now.flags.missingResolutions).toEqual([]);
    expect(k.history(id).map((h) => [h.seq, h.kind, h.status])).toEqual([[1, "amend", "ratified"], [2, "ratify", "ratified"]]);
    k.close();
  });

  it("Given the draft, When ratified with a 議決日 after the 締結日, Then rule.violation names the party and the SQLite file is byte-for-byte unchanged", () => {
    const path = tempDb();
    const k = openKyoyaku({ path, clock: tick() });
    const { event, id } = read(DRAFT_FILE);
    k.record({ agreementId: id, event, recordedBy: "企画担当" });
    const before = fileFingerprint(path);
    let err: unknown;
    try {
      k.ratify({ agreementId: id, target: 1, dates: { concludedOn: "2025-03-28", resolutions: { 岡山市: "2025-03-19", 備前市: "2025-03-30" } }, recordedBy: "企画担当" });
    } catch (e) {
      err = e;
    }
    expect(isKyoyakuError(err) && err.code).toBe("rule.violation");
    expect((err as Error).message).toContain("備前市");
    expect(fileFingerprint(path)).toBe(before);
    expect(k.version(id)).toBe(1);
    k.close();
  });

  it("Given both seeds in one SQLite file, When reopened, Then the answers, the timeline and verify are the same", () => {
    const path = tempDb();
    const k1: Kyoyaku = openKyoyaku({ path, clock: tick() });
    const a = read(CONCLUDE_FILE);
    const b = read(DRAFT_FILE);
    k1.record({ agreementId: a.id, event: a.event, recordedBy: "法規担当" });
    k1.record({ agreementId: b.id, event: b.event, recordedBy: "企画担当" });
    const answer = k1.asOf(a.id, "2024-01-01");
    const drafts = k1.asOf(b.id, "2025-04-01", { withDrafts: true });
    k1.close();

    const k2 = openKyoyaku({ path });
    expect(k2.agreements().map((x) => x.id)).toEqual([a.id, b.id].sort());
    expect(k2.asOf(a.id, "2024-01-01")).toEqual(answer);
    expect(k2.asOf(b.id, "2025-04-01", { withDrafts: true }).root).toBe(drafts.root);
    expect(k2.verify()).toMatchObject({ ok: true, agreements: 2, events: 2 });
    k2.close();
  });
});
