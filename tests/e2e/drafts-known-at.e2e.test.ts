/**
 * Two behaviours that must not break unnoticed: answers with drafts applied (a pending draft
 * 廃止 changes what list and search say after its 適用日), and the knowledge time of the audit
 * (a record made after --known-at is not in the report) — in the CLI and in the server's audit
 * read, which share one filter (core's knownBy).
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type RunningServer } from "@kyoyaku/server";
import { REPO, SEED_CONCLUDE, json, kyoyaku, workspace } from "./helpers.js";

const DRAFT_ABOLISH = "16_abolish.txt"; // (案) 廃止, 適用日 令和8年4月1日, 締結日 left blank
let dir = "";
let server: RunningServer | undefined;
const run = (now: string, ...args: string[]) => kyoyaku(dir, args, { KYOYAKU_NOW: now });

beforeAll(() => {
  dir = workspace();
  copyFileSync(join(REPO, "tests/fixtures/amendments", DRAFT_ABOLISH), join(dir, DRAFT_ABOLISH));
  expect(run("2025-01-10T01:00:00Z", "init").code).toBe(0);
  expect(run("2025-01-10T01:00:00Z", "import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
  const draft = run("2026-02-01T01:00:00Z", "import", DRAFT_ABOLISH, "--agreement", "okayama-wake", "--draft");
  expect(draft.code, draft.stderr).toBe(0);
});

afterAll(async () => {
  await server?.close();
});

describe("a pending draft 廃止 changes the answers with drafts applied", () => {
  it("list --on after its 適用日: in force as recorded, not in force with --with-drafts", () => {
    const plain = json<{ agreements: { agreementId: string }[] }>(run("2026-05-01T00:00:00Z", "list", "--on", "2026-05-01", "--json"));
    expect(plain.agreements.map((a) => a.agreementId)).toEqual(["okayama-wake"]);
    const drafts = json<{ agreements: { agreementId: string }[] }>(run("2026-05-01T00:00:00Z", "list", "--on", "2026-05-01", "--with-drafts", "--json"));
    expect(drafts.agreements).toEqual([]);
    // The day before the draft's 適用日 it changes nothing.
    const before = json<{ agreements: { agreementId: string }[] }>(run("2026-05-01T00:00:00Z", "list", "--on", "2026-03-31", "--with-drafts", "--json"));
    expect(before.agreements.map((a) => a.agreementId)).toEqual(["okayama-wake"]);
  });

  it("search --on after its 適用日: hits as recorded, none with --with-drafts", () => {
    const plain = json<{ hits: unknown[] }>(run("2026-05-01T00:00:00Z", "search", "議会の議決", "--on", "2026-05-01", "--json"));
    expect(plain.hits.length).toBeGreaterThan(0);
    const drafts = json<{ hits: unknown[] }>(run("2026-05-01T00:00:00Z", "search", "議会の議決", "--on", "2026-05-01", "--with-drafts", "--json"));
    expect(drafts.hits).toEqual([]);
  });
});

describe("audit --known-at", () => {
  it("leaves out a record made after the instant, and says the instant as written and as used", () => {
    const all = json<{ events: { seq: number }[] }>(run("2026-05-01T00:00:00Z", "audit", "okayama-wake", "--json"));
    expect(all.events.map((e) => e.seq)).toEqual([1, 2]);
    const then = json<{ knownAt: string; events: { seq: number }[] }>(run("2026-05-01T00:00:00Z", "audit", "okayama-wake", "--known-at", "2025-12-31", "--json"));
    expect(then.knownAt).toBe("2025-12-31T14:59:59.999Z");
    expect(then.events.map((e) => e.seq)).toEqual([1]);
    const text = run("2026-05-01T00:00:00Z", "audit", "okayama-wake", "--known-at", "2025-12-31");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("記録時点: 2025-12-31（指定のとおり）→ 2025-12-31 23:59:59 日本時間（2025-12-31T14:59:59.999Z） までに記録されたもの");
    expect(text.stdout).not.toContain("#2");
    // 記録日時 in Japan time with the ISO instant beside it.
    expect(text.stdout).toMatch(/2025-01-10 10:00:00 日本時間（2025-01-10T01:00:00\.\d{3}Z）/u);
    // An empty chain section says the chain is intact, not that there is none.
    expect(text.stdout).toMatch(/■ 記録の連鎖（ハッシュチェーン）\n {2}不整合なし/u);
  });

  it("the server's audit read leaves out the same record (one filter with the CLI)", async () => {
    server = await serve({ db: join(dir, "kyoyaku.db"), port: 0 });
    const get = async (path: string) => (await (await fetch(new URL(path, server!.url))).json()) as { events: { seq: number }[] };
    expect((await get("/api/agreements/okayama-wake/audit")).events.map((e) => e.seq)).toEqual([1, 2]);
    expect((await get("/api/agreements/okayama-wake/audit?knownAt=2025-12-31")).events.map((e) => e.seq)).toEqual([1]);
    const text = await (await fetch(new URL("/api/agreements/okayama-wake/audit?knownAt=令和7年12月31日&format=text", server.url))).text();
    expect(text).toContain("記録時点: 令和7年12月31日（指定のとおり）→ 2025-12-31 23:59:59 日本時間（2025-12-31T14:59:59.999Z）");
  });
});
