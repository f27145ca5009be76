/**
 * The API import refuses what `kyoyaku import` refuses: a second 締結 (422 rule.violation,
 * rule.second-conclusion), unless `restate=true` records it as a restatement (全部変更); the
 * same amendment from other bytes is 200 duplicate (duplicateBy content, the recorded #N).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type RunningServer } from "@kyoyaku/server";
import { SEED_CONCLUDE, seedDatabase, seedText, tempDir } from "./fixture.js";

const TOKEN = "test-token-never-as-0123456789";
const tmp = tempDir();
let writer: RunningServer;
const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain; charset=utf-8" };
const post = (path: string, b: string): Promise<Response> => fetch(new URL(path, writer.url), { method: "POST", body: b, headers });
const AMEND = readFileSync(fileURLToPath(new URL("../fixtures/amendments/02_replace_text.txt", import.meta.url)), "utf8");
const LATER = seedText(SEED_CONCLUDE).replaceAll("平成28年10月11日", "令和2年4月1日").replace("（目的）", "（趣旨）");

beforeAll(async () => {
  const db = join(tmp.dir, "kyoyaku.db");
  seedDatabase(db);
  writer = await serve({ db, port: 0, token: TOKEN, recordedBy: "api-test" });
});
afterAll(async () => {
  await writer?.close();
  tmp.remove();
});

describe("API import: never as something it is not", () => {
  it("a second 締結 is 422 rule.second-conclusion; restate=true records it as a 変更", async () => {
    const r = await post("/api/agreements/okayama-wake/import?name=later.txt", LATER);
    expect(r.status).toBe(422);
    const p = (await r.json()) as { code: string; detail: string; issues: { code: string }[] };
    expect(p.code).toBe("rule.violation");
    expect(p.issues.map((i) => i.code)).toContain("rule.second-conclusion");
    expect(p.detail).toContain("--restate");
    const ok = await post("/api/agreements/okayama-wake/import?name=later.txt&restate=true", LATER);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: "recorded", kind: "amend", seq: 3 });
  });
  it("the same amendment with CRLF line ends is 200 duplicate by content, naming the recorded event", async () => {
    const first = await post("/api/agreements/okayama-wake/import?name=02.txt", AMEND);
    expect(first.status).toBe(201);
    const seq = ((await first.json()) as { seq: number }).seq;
    const again = await post("/api/agreements/okayama-wake/import?name=02-crlf.txt", AMEND.replaceAll("\n", "\r\n"));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate", duplicateBy: "content", seq });
  });
});
