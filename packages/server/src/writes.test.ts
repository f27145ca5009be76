import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openKyoyaku, type Result } from "@kyoyaku/core";
import { parseText, type ParsedText } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";
import { importText } from "./writes.js";

const fixture = (path: string): string => readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/${path}`, import.meta.url)), "utf8");
const request = (agreementId: string, name: string, text: string) => ({ agreementId, name, text, resolutions: [], draft: false, recordedBy: "法規担当" });

describe("importText of a 新旧対照表方式 amendment", () => {
  const setUp = () => {
    const k = openKyoyaku();
    importText(k, request("okayama-wake", "seed.txt", fixture("seeds/000_0d517b853e764d1a.txt")));
    return k;
  };

  it("reads the table against the agreement in force the day before the 適用日, even when a worker (no store) parsed it first", () => {
    const text = fixture("amendments/taishohyo/01_tab.txt");
    // What the worker hands over: the parse without a store, refused for want of a base.
    const fromWorker: Result<ParsedText> = parseText(text, { file: "01_tab.txt" });
    expect(fromWorker.ok).toBe(false);
    const k = setUp();
    const a = importText(k, request("okayama-wake", "01_tab.txt", text), fromWorker);
    expect(a.status).toBe("recorded");
    expect(k.asOf("okayama-wake", "2025-04-01").document?.articles.map((x) => `${x.number}${x.caption ?? ""}`)).toEqual(["1目的", "2基本方針", "3連携する取組及び役割分担", "4費用分担", "5連絡会議", "6事務局", "7連携協約の変更及び廃止"]);
  });

  it("refuses a 改正前 cell that is not the text in force, at its row", () => {
    const k = setUp();
    expect(() => importText(k, request("okayama-wake", "bad.txt", fixture("amendments/taishohyo/bad_mismatch.txt")))).toThrow(/読めない/u);
    expect(k.history("okayama-wake")).toHaveLength(1);
  });
});
