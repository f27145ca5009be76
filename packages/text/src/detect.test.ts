import { describe, expect, it } from "vitest";
import { controlCharacter } from "./detect.js";
import { parseText } from "./parse.js";

const AGREEMENT = [
  "連携中枢都市圏形成に係る連携協約書",
  "",
  "令和２年４月１日",
  "",
  "岡山市",
  "和気町",
  "",
  "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、地方自治法（昭和２２年法律第６７号）第２５２条の２第１項の規定に基づき、次のとおり連携協約を締結する。",
  "",
  "（目的）",
  "第１条　この連携協約は、圏域の住民の福祉の増進を目的とする。",
  "",
].join("\n");

describe("controlCharacter", () => {
  it("Given tab, CR LF and a form feed (a PDF page break), Then none is a control character here", () => {
    expect(controlCharacter("第1条\t甲は\r\n\f乙は\n")).toBeUndefined();
  });

  it("Given ESC, DEL or a C1 character, Then the first one is found with its line and column", () => {
    expect(controlCharacter("一\r\n二\n三\x1b]0;x\x07")).toEqual({ line: 3, column: 2, code: 0x1b });
    expect(controlCharacter("一\r二\x7f")).toEqual({ line: 2, column: 2, code: 0x7f });
    expect(controlCharacter("\u009b8m")).toEqual({ line: 1, column: 1, code: 0x9b });
  });

  it("Given a bidi override or mark (trojan-source style reordering), Then it is found like a control", () => {
    expect(controlCharacter("第1条\n甲は\u202e乙に")).toEqual({ line: 2, column: 3, code: 0x202e });
    expect(controlCharacter("第1条\u2066x")).toEqual({ line: 1, column: 4, code: 0x2066 });
    expect(controlCharacter("第1条\u200f")).toEqual({ line: 1, column: 4, code: 0x200f });
  });
});

describe("a text with one control character", () => {
  it("Given an agreement that reads, When one ESC sequence is put into its 第１条, Then it is refused at that line with parse.control-character", () => {
    expect(parseText(AGREEMENT, { file: "a.txt" }).ok).toBe(true);
    const bad = AGREEMENT.replace("圏域の住民", "圏域の\x1b[8m住民");
    const r = parseText(bad, { file: "a.txt" });
    expect(r.ok).toBe(false);
    const issue = r.issues.find((i) => i.severity === "error")!;
    expect(issue.code).toBe("parse.control-character");
    expect(issue.location.line).toBe(11);
    expect(issue.message).toContain("16文字目に制御文字 U+001B (ESC)");
  });
});

describe("a file that is not an agreement at all", () => {
  it("Given a private key or a password file (a symlink imported by mistake), When refused, Then no line of it is quoted", () => {
    for (const secret of ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n", "root:x:0:0:root:/root:/bin/bash\nhoumu:x:1000:1000::/home/houmu:/bin/bash\n"]) {
      const r = parseText(secret, { file: "secret" });
      expect(r.ok).toBe(false);
      const issue = r.issues.find((i) => i.severity === "error")!;
      expect(issue.code).toBe("parse.not-an-agreement");
      expect(issue.message).not.toMatch(/BEGIN|root|houmu|b3Bl/u);
    }
  });

  it("Given a 規約 with a long title, When refused, Then the title is quoted short", () => {
    const r = parseText(`岡山連携中枢都市圏の${"各種".repeat(20)}事務の委託に関する規約\n\n第１条\u3000この規約は、…\n`, { file: "kiyaku.txt" });
    const issue = r.issues.find((i) => i.severity === "error")!;
    expect(issue.code).toBe("parse.not-an-agreement");
    expect(issue.message).toMatch(/「岡山連携中枢都市圏の各種各種.{0,20}…」/u);
  });
});
