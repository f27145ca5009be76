/**
 * 「令和7年度の末日」 is 3月31日 of the next calendar year (2026-03-31): an agreement that ends
 * 「…限り」 then is in force through that day and gone from 4月1日 — as a 廃止 and as a 締結's own
 * clause. Checked on the boundary days.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const read = (path: string): string => readFileSync(join(FIXTURES, path), "utf8");

function record(k: Kyoyaku, id: string, text: string, file: string): void {
  const r = parseText(text, { file });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  k.record({ agreementId: id, event: r.value.event, recordedBy: "法規担当" });
}

describe("a 廃止 「…は、令和７年度の末日限り、廃止する。」", () => {
  it("is in force on 2026-03-31 and gone from 2026-04-01 (never from 2025-04-01)", () => {
    const k = openKyoyaku({});
    record(k, "ow", read("seeds/000_0d517b853e764d1a.txt"), "000.txt");
    record(k, "ow", read("never-as/abolish_fiscal_end.txt"), "abolish_fiscal_end.txt");
    expect(k.asOf("ow", "2025-04-01").inForce).toBe(true);
    expect(k.asOf("ow", "2026-03-31").inForce).toBe(true);
    expect(k.asOf("ow", "2026-04-01").inForce).toBe(false);
  });
});

describe("a 締結 whose clause says 「この協定は、令和７年度の末日限り、その効力を失う。」", () => {
  const base = read("notice/teijuu-fiscal-end.txt");
  it.each([
    ["限り、その効力を失う", base],
    ["をもって、その効力を失う", base.replace("令和７年度の末日限り、", "令和７年度の末日をもって、")],
    ["に効力を失う (a 年度の末日: the last day in force)", base.replace("令和７年度の末日限り、その効力を失う", "令和７年度の末日に効力を失う")],
  ])("%s: in force on 2026-03-31, 期間満了 from 2026-04-01", (_form, text) => {
    const k = openKyoyaku({});
    record(k, "tk", text, "teijuu-fiscal-end.txt");
    expect(k.asOf("tk", "2026-03-31").inForce).toBe(true);
    const after = k.asOf("tk", "2026-04-01");
    expect(after.inForce).toBe(false);
    expect(JSON.stringify(after)).toContain("期間満了");
  });
  it("「令和８年３月３１日にその効力を失う」 (a day, not a 年度の末日) is refused at the clause, never guessed", () => {
    const r = parseText(base.replace("令和７年度の末日限り、その効力を失う", "令和８年３月３１日にその効力を失う"), { file: "t.txt" });
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.severity === "error")).toMatchObject({ code: "rule.term-clause-unread", location: { line: 22 } });
  });
});
