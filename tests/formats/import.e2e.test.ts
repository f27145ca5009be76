// `kyoyaku import` and the API's import take the documents as municipalities keep them: each
// records exactly the event the plain-text import records (same payload, dates, parties), with
// the original file named by its bytes' SHA-256, format and encoding; a file kyoyaku cannot
// read is refused in Japanese, naming its format, and the database is left as it was.
import { createHash } from "node:crypto";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openKyoyaku, type LegalEventInput } from "@kyoyaku/core";
import { serve } from "@kyoyaku/server";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_CONCLUDE, SEED_DRAFT, SEEDS, dumpDb, json, kyoyaku, workspace } from "../e2e/helpers.js";
import { encode, reikishuHtml, wordDocx } from "./make.js";

let dir: string;
const run = (...args: string[]) => kyoyaku(dir, args);
const RESOLUTIONS = ["--resolution", "岡山市=2016-09-30", "--resolution", "和気町=2016-09-27"];
const REPO_FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** The legal events of an agreement as recorded, without the source (which names the file). */
function recorded(db: string, id: string): { legal: Omit<LegalEventInput, "source" | "sourceLines">; original: unknown }[] {
  const k = openKyoyaku({ path: join(dir, db), readonly: true });
  try {
    return k.events(id).map((e) => {
      const { source, sourceLines: _lines, ...legal } = e.legal!;
      return { legal, original: source?.original };
    });
  } finally {
    k.close();
  }
}

beforeAll(async () => {
  dir = workspace();
  const conclude = readFileSync(join(SEEDS, SEED_CONCLUDE), "utf8");
  const draft = readFileSync(join(SEEDS, SEED_DRAFT), "utf8");
  writeFileSync(join(dir, "協約書.docx"), await wordDocx(conclude));
  writeFileSync(join(dir, "変更.docx"), await wordDocx(draft));
  writeFileSync(join(dir, "協約書.html"), encode(reikishuHtml(conclude, "Shift_JIS"), "SJIS"));
  writeFileSync(join(dir, "変更.html"), encode(reikishuHtml(draft, "UTF-8"), "UTF8"));
  writeFileSync(join(dir, "協約書_sjis.txt"), encode(conclude, "SJIS"));
  writeFileSync(join(dir, "変更_euc.txt"), encode(draft, "EUCJP"));
  for (const db of ["plain.db", "docx.db", "html.db", "enc.db", "bad.db"]) expect(run("init", "--db", db).code).toBe(0);
  importBoth("plain.db", SEED_CONCLUDE, SEED_DRAFT);
});

/** Import the 締結 (岡山市 × 和気町, with its 議決日) into `ow` and the 変更 draft (岡山市 × 備前市) into `ob`. */
function importBoth(db: string, conclude: string, draft: string): string {
  const a = run("import", conclude, "--db", db, "-a", "ow", ...RESOLUTIONS);
  expect(a.code, a.stderr).toBe(0);
  const b = run("import", draft, "--db", db, "-a", "ob");
  expect(b.code, b.stderr).toBe(0);
  return a.stdout + b.stdout;
}

/** The recorded events of both agreements. */
const both = (db: string): ReturnType<typeof recorded> => [...recorded(db, "ow"), ...recorded(db, "ob")];

describe("kyoyaku import of the seeds as Word, 例規集 HTML and Shift_JIS/EUC-JP text", () => {
  it.each([
    ["docx.db", "協約書.docx", "変更.docx", { format: "docx" }, { format: "docx" }],
    ["html.db", "協約書.html", "変更.html", { format: "html", encoding: "shift_jis" }, { format: "html", encoding: "utf-8" }],
    ["enc.db", "協約書_sjis.txt", "変更_euc.txt", { format: "text", encoding: "shift_jis" }, { format: "text", encoding: "euc-jp" }],
  ])("%s: %s and %s record exactly the events of the plain texts, naming the originals", (db, a, b, oa, ob) => {
    expect(importBoth(db, a, b)).toContain("原本");
    const plain = both("plain.db");
    const got = both(db);
    expect(got.map((e) => e.legal)).toStrictEqual(plain.map((e) => e.legal));
    const bytes = [a, b].map((f) => readFileSync(join(dir, f)));
    expect(got.map((e) => e.original)).toEqual([
      { ...oa, sha256: sha(bytes[0]!), bytes: bytes[0]!.length },
      { ...ob, sha256: sha(bytes[1]!), bytes: bytes[1]!.length },
    ]);
    expect(plain.map((e) => e.original)).toEqual([undefined, undefined]);
    expect(run("verify", "--db", db).code).toBe(0);
    // The audit names the original by its bytes' SHA-256.
    expect(run("audit", "ow", "--db", db).stdout).toContain(`（原本: ${oa.format}${"encoding" in oa ? `・${oa.encoding}` : ""}、sha256:${sha(bytes[0]!)}）`);
  });
});

describe("files kyoyaku cannot read leave the database as it was", () => {
  beforeAll(async () => {
    const docx = await wordDocx(readFileSync(join(SEEDS, SEED_CONCLUDE), "utf8"));
    writeFileSync(join(dir, "壊れた.docx"), docx.subarray(0, docx.length >> 1));
    const ole = Buffer.alloc(4096);
    Buffer.from("D0CF11E0A1B11AE1", "hex").copy(ole);
    writeFileSync(join(dir, "旧形式.doc"), ole);
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    writeFileSync(join(dir, "一覧.xlsx"), await zip.generateAsync({ type: "uint8array" }));
    writeFileSync(join(dir, "巨大.pdf"), "");
    truncateSync(join(dir, "巨大.pdf"), 100 * 1024 * 1024);
    // a PDF cut short in transfer: its file name is printed once, as for every other format
    writeFileSync(join(dir, "途中.pdf"), "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
  });
  it.each([
    ["壊れた.docx", "format.zip-corrupt", "zipファイル（Word .docxなど）の形をしていますが、壊れていて開けません"],
    ["旧形式.doc", "format.ole", "古いOffice形式（OLE複合ファイル: Word 97-2003の.doc"],
    ["一覧.xlsx", "format.xlsx", "Excelファイル（.xlsx）です。協約書の本文として読めません"],
    ["途中.pdf", "format.pdf-corrupt", "PDFの終わり（%%EOF）がありません。ファイルが途中で切れています"],
    ["巨大.pdf", "format.too-big", "100.0 MiBあり、読める大きさ（32.0 MiB）を超えています"],
  ])("%s is refused with its format named (%s)", (file, code, message) => {
    const before = dumpDb(join(dir, "bad.db"));
    const r = run("import", file, "--db", "bad.db", "-a", "ow", "--json");
    expect(r.code).toBe(1);
    const out = json<{ outcomes: { status: string; message: string; issues: { code: string; location: { file: string } }[] }[] }>(r);
    expect(out.outcomes[0]).toMatchObject({ status: "failed", issues: [{ code, location: { file } }] });
    expect(out.outcomes[0]!.message).toContain(message);
    const plain = run("import", file, "--db", "bad.db", "-a", "ow");
    expect(plain.stderr.trim().split("\n")).toEqual([expect.stringContaining(`kyoyaku import: ${file}: ${message}`)]);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    expect(dumpDb(join(dir, "bad.db"))).toBe(before);
  });
});

describe("the API's import takes the same files", () => {
  it("records a Word file as the plain text is recorded, and refuses an old .doc with nothing written", async () => {
    expect(run("init", "--db", "api.db").code).toBe(0);
    const server = await serve({ db: join(dir, "api.db"), port: 0, token: "t-0123456789abcdef", recordedBy: "api" });
    try {
      const post = (file: string, type: string): Promise<Response> =>
        fetch(new URL(`/api/agreements/ow/import?name=${encodeURIComponent(file)}&resolution=${encodeURIComponent("岡山市=2016-09-30")}&resolution=${encodeURIComponent("和気町=2016-09-27")}`, server.url), {
          method: "POST",
          body: readFileSync(join(dir, file)),
          headers: { authorization: "Bearer t-0123456789abcdef", "content-type": type },
        });
      const old = await post("旧形式.doc", "application/octet-stream");
      expect(old.status).toBe(400);
      expect(await old.json()).toMatchObject({ code: "input.invalid", issues: [{ code: "format.ole", location: { in: "body" } }] });
      const docx = await post("協約書.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(docx.status, await docx.clone().text()).toBe(201);
    } finally {
      await server.close();
    }
    const got = recorded("api.db", "ow");
    expect(got.map((e) => e.legal)).toStrictEqual(recorded("plain.db", "ow").slice(0, 1).map((e) => e.legal));
    expect(got[0]!.original).toMatchObject({ format: "docx", sha256: sha(readFileSync(join(dir, "協約書.docx"))) });
  });
});

describe("show prints only the lines the imported 例規集 page has (issue 13 d)", () => {
  it("Given an 例規集 page that names its parties only in the 前文, When imported and shown, Then no party lines appear that the page does not have; a 協約書 with party lines keeps them", () => {
    const page = join(REPO_FIXTURES, "formats/teijuu_page.html");
    expect(run("init", "--db", "page.db").code).toBe(0);
    expect(run("import", page, "--db", "page.db", "-a", "mn").code).toBe(0);
    const shown = run("show", "mn", "--db", "page.db");
    expect(shown.code).toBe(0);
    const body = shown.stdout.split("─".repeat(40))[1]!.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    // The page's own order: 題名, 日付, then straight into the 前文 — no 「真庭市」「真庭郡新庄村」 lines.
    expect(body.slice(0, 3)).toEqual(["真庭市と新庄村との定住自立圏形成に関する協定", "平成23年3月28日", expect.stringMatching(/^真庭市（以下「甲」という。）と真庭郡新庄村/u)]);
    expect(body).not.toContain("真庭市");
    expect(body).not.toContain("真庭郡新庄村");
    const k = openKyoyaku({ path: join(dir, "page.db"), readonly: true });
    try {
      expect(k.asOf("mn", "2020-04-01").document?.parties.map((p) => [p.role, p.name])).toEqual([["甲", "真庭市"], ["乙", "真庭郡新庄村"]]);
    } finally {
      k.close();
    }
    const seed = run("show", "ow", "--db", "plain.db").stdout;
    expect(seed).toMatch(/\n岡山市\n和気町\n/u);
  });
});
