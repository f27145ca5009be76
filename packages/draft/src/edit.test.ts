import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { canonicalJson, openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { draftBaseOf, draftFromEdit } from "./edit.js";

const seed = readFileSync(fileURLToPath(new URL("../../../tests/fixtures/seeds/000_0d517b853e764d1a.txt", import.meta.url)), "utf8");

let k: Kyoyaku;
beforeEach(() => {
  k = openKyoyaku({});
  const p = parseText(seed, { file: "000.txt" });
  if (!p.ok) throw new Error("seed 000 does not parse");
  k.record({ agreementId: "okayama-wake", event: p.value.event, recordedBy: "test" });
});
afterEach(() => k.close());

/** The draft read back as an amendment and recorded, then the text in force from the 適用日. */
function imported(text: string): unknown {
  const p = parseText(text, { file: "draft.txt", allowDraft: true });
  if (!p.ok) throw new Error(p.issues.map((i) => i.message).join("\n"));
  k.record({ agreementId: "okayama-wake", event: p.value.event, recordedBy: "test" });
  return k.asOf("okayama-wake", "2025-04-01", { withDrafts: true }).document;
}

describe("draftFromEdit", () => {
  it("Given a word changed in 第5条 by a recipe, Then a 案 with 「第5条中…を…に改める。」 that imports to exactly the edited text", () => {
    const r = draftFromEdit(k, "okayama-wake", "2025-04-01", (doc) => {
      const p = doc.articles[4]!.paragraphs[0]!;
      p.text = p.text.replace("毎年度会議", "毎年度1回以上会議");
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toContain("(案)");
    expect(r.value.text).toMatch(/第5条中「[^」]*毎年度[^」]*」を「[^」]*毎年度1回以上[^」]*」に改める。/u);
    expect(r.value.text).toContain("平成28年10月11日に締結した");
    expect(r.value.text).toContain("令和7年4月1日から適用する");
    expect(r.value.comparison.text).toContain("毎年度【1");
    expect(r.value.comparison.md).toContain("1回以上");
    expect(canonicalJson(imported(r.value.text))).toBe(canonicalJson(r.value.after));
    expect(r.value.after.articles[4]!.paragraphs[0]!.text).toContain("毎年度1回以上会議");
  });

  it("Given 第4条 deleted and the later 条 renumbered, Then 「第4条を削り、第5条を第4条とし…」 and the import reaches the edit", () => {
    const r = draftFromEdit(k, "okayama-wake", "2025-04-01", (doc) => {
      doc.articles.splice(3, 1);
      doc.articles.forEach((a, i) => { a.number = String(i + 1); });
    }, { signedOn: "2025-03-25" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toContain("第4条を削り、第5条を第4条とし、第6条を第5条とする。");
    expect(r.value.text).not.toContain("(案)");
    expect(r.value.operations.map((o) => o.op)).toEqual(["delete", "renumber", "renumber"]);
    expect(canonicalJson(imported(r.value.text))).toBe(canonicalJson(r.value.after));
  });

  it("Given a 取組 added to 別表 section II, Then the 項 is added after its predecessor", () => {
    const r = draftFromEdit(k, "okayama-wake", "2025-04-01", (doc) => {
      doc.appendices[0]!.sections[1]!.items.push({
        name: "地域公共交通の確保",
        fields: [
          { name: "取組内容", text: "圏域内の地域公共交通を維持し、確保する。" },
          { name: "甲の役割", text: "地域公共交通の確保に圏域の中心となって取り組む。" },
          { name: "乙の役割", text: "甲と連携し、地域公共交通の確保に取り組む。" },
        ],
      });
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toContain("地域公共交通の確保");
    expect(canonicalJson(imported(r.value.text))).toBe(canonicalJson(r.value.after));
  });

  it("Given a recipe that changes nothing, Then draft.no-change; one that touches the parties' list of unknown parts, Then draft.unsupported-change", () => {
    const none = draftFromEdit(k, "okayama-wake", "2025-04-01", () => {});
    expect(none.ok ? "" : none.issues[0]!.code).toBe("draft.no-change");
    const unknown = draftFromEdit(k, "okayama-wake", "2025-04-01", (doc) => { doc.unknown.push("articles"); });
    expect(unknown.ok ? "" : unknown.issues[0]!.code).toBe("draft.unsupported-change");
  });

  it("Given a 適用日 before the 締結, Then draft.no-base naming the day before", () => {
    const r = draftBaseOf(k, "okayama-wake", "2016-10-11");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "draft.no-base", location: { date: "2016-10-10" } });
  });
});
