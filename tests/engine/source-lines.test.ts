/**
 * A 変更 or 廃止 refused by the engine's rules says where in its text the sentence at fault
 * is: the 前文 naming another agreement (title or 締結日), or the 改め文 that cannot apply.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isKyoyakuError, openKyoyaku, type Issue, type Kyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

function record(k: Kyoyaku, path: string, file = path.split("/").pop()!): void {
  const r = parseText(readFileSync(join(FIXTURES, path), "utf8"), { file });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  k.record({ agreementId: "okayama-wake", event: r.value.event, recordedBy: "法規担当" });
}

function refusal(path: string): Issue[] {
  const k = openKyoyaku({});
  record(k, "seeds/000_0d517b853e764d1a.txt");
  try {
    record(k, path);
  } catch (e) {
    if (isKyoyakuError(e)) {
      expect(k.events("okayama-wake").length).toBe(1);
      return (e.issues ?? []).filter((i) => i.severity === "error");
    }
    throw e;
  }
  throw new Error(`${path} was recorded`);
}

describe("a 変更連携協約書 whose 前文 names another agreement is refused at the 前文's line", () => {
  it("another 締結日 (平成28年10月12日): both days named, 「（wrong_date.txt 10行目）」", () => {
    const [e, ...rest] = refusal("amendments/base/wrong_date.txt");
    expect(rest).toEqual([]);
    expect(e!.code).toBe("rule.amend-base-mismatch");
    expect(e!.message).toContain("平成28年10月12日");
    expect(e!.message).toContain("平成28年10月11日");
    expect(e!.message).toMatch(/（wrong_date\.txt 10行目）$/u);
    expect(e!.location).toMatchObject({ file: "wrong_date.txt", line: 10 });
  });
  it("another pair's title (岡山市及び津山市): both titles named, at line 10", () => {
    const [e, ...rest] = refusal("amendments/base/wrong_title.txt");
    expect(rest).toEqual([]);
    expect(e!.code).toBe("rule.amend-base-mismatch");
    expect(e!.message).toContain("「岡山市及び津山市における連携中枢都市圏形成に係る連携協約」");
    expect(e!.message).toContain("「岡山市及び和気町における連携中枢都市圏形成に係る連携協約」");
    expect(e!.location).toMatchObject({ file: "wrong_title.txt", line: 10 });
  });
  it("the right title and 締結日 are recorded", () => {
    const k = openKyoyaku({});
    record(k, "seeds/000_0d517b853e764d1a.txt");
    record(k, "amendments/02_replace_text.txt");
    expect(k.events("okayama-wake").length).toBe(2);
  });
});

describe("an 改め文 the engine cannot apply is refused naming its own line", () => {
  it("「第５条中「毎月」を…」 (第5条 has no 毎月): rule.text-missing 「（text_missing.txt 14行目）」, not the 第2条 sentence on line 12", () => {
    const [e, ...rest] = refusal("amendments/base/text_missing.txt");
    expect(rest).toEqual([]);
    expect(e!.code).toBe("rule.text-missing");
    expect(e!.message).toMatch(/第5条（article:5）中に「毎月」がない（text_missing\.txt 14行目）$/u);
    expect(e!.location).toMatchObject({ file: "text_missing.txt", line: 14, address: "article:5" });
  });
});
