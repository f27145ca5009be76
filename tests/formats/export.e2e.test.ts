// `kyoyaku export --format egov-xml|akn` end to end: the 法令標準XML of a date imports into a
// fresh database as the same document; Akoma Ntoso is well-formed; bad requests are refused
// with a message and nothing on stdout.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, SEED_CONCLUDE, json, kyoyaku, workspace } from "../e2e/helpers.js";

let dir = "";
const run = (...args: string[]) => kyoyaku(dir, args);

beforeAll(() => {
  dir = workspace();
  expect(run("init").code).toBe(0);
  expect(run("import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
});

describe("kyoyaku export as XML", () => {
  it("egov-xml of a date, imported into another database, gives the same document in force", () => {
    const w = run("export", "okayama-wake", "--format", "egov-xml", "--on", "令和2年4月1日", "-o", "ow.xml");
    expect(w.code).toBe(0);
    expect(w.stderr).toContain("法令標準XMLを ow.xml に書き出しました");
    expect(XMLValidator.validate(readFileSync(join(dir, "ow.xml"), "utf8"))).toBe(true);
    expect(run("init", "--db", "copy.db").code).toBe(0);
    const i = run("import", "ow.xml", "--db", "copy.db", "--agreement", "okayama-wake");
    expect(i.code, i.stderr).toBe(0);
    const doc = (db: string): unknown => json<{ document: unknown }>(run("show", "okayama-wake", "--on", "2020-04-01", "--json", "--db", db)).document;
    expect(doc("copy.db")).toStrictEqual(doc("kyoyaku.db"));
  });

  it("akn writes the history as well-formed Akoma Ntoso", () => {
    const r = run("export", "okayama-wake", "--format", "akn");
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(r.stdout).toContain('xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"');
  });

  it("refuses a date with nothing in force and an unknown format, writing nothing to stdout", () => {
    const early = run("export", "okayama-wake", "--format", "egov-xml", "--on", "2000-01-01");
    expect(early.code).not.toBe(0);
    expect(early.stdout).toBe("");
    expect(early.stderr).toContain("効力がありません");
    const bad = run("export", "okayama-wake", "--format", "pdf");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("export が書けるのは json、egov-xml、akn [usage.invalid-value]");
    const onJson = run("export", "okayama-wake", "--on", "2020-04-01");
    expect(onJson.code).not.toBe(0);
    expect(onJson.stderr).toContain("--on は --format egov-xml と akn に使う");
  });
});

describe("kyoyaku export of a draft (案) applied with --with-drafts", () => {
  it("egov-xml is refused with its code (法令標準XML cannot say 案); akn marks the version unlegislated", () => {
    // A pending draft of the 第3条 change: the 変更 text with 「(案)」 and the day left blank, as drafts circulate.
    const text = readFileSync(join(REPO, "tests/fixtures/amendments/01_replace_article.txt"), "utf8").replaceAll("令和7年3月25日", "令和7年3月 日");
    writeFileSync(join(dir, "draft.txt"), `(案)\n\n${text}`);
    const i = run("import", "draft.txt", "--agreement", "okayama-wake");
    expect(i.code, i.stderr).toBe(0);
    const e = run("export", "okayama-wake", "--format", "egov-xml", "--on", "2025-06-01", "--with-drafts");
    expect(e.code).not.toBe(0);
    expect(e.stdout).toBe("");
    expect(e.stderr).toContain("okayama-wake の 2025-06-01 の版は未確定の案（#2）を反映した仮定の版です。法令標準XMLには案であることを書く要素がないため書き出しません");
    expect(e.stderr).toContain("[export.draft-version]");
    expect(run("export", "okayama-wake", "--format", "egov-xml", "--on", "2025-06-01").code).toBe(0);
    const a = run("export", "okayama-wake", "--format", "akn", "--with-drafts");
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/<hcontainer eId="ver_2" name="version" period="#tp_v2" status="unlegislated">/u);
    expect(a.stdout).toContain('outcome="#pending" href="#src_2"');
  });
});

describe("kyoyaku export of a version changes made, imported again", () => {
  it("is refused as a 締結 (it would record the changed text on the 締結日) and taken as a baseline on its first day", () => {
    const d = workspace();
    const r = (...args: string[]) => kyoyaku(d, args);
    expect(r("init").code).toBe(0);
    expect(r("import", SEED_CONCLUDE, "--agreement", "okayama-wake").code).toBe(0);
    // The 第3条 change, 締結 on 令和7年3月25日, applied from 令和7年4月1日.
    const change = r("import", join(REPO, "tests/fixtures/amendments/01_replace_article.txt"), "--agreement", "okayama-wake");
    expect(change.code, change.stderr).toBe(0);
    expect(r("export", "okayama-wake", "--format", "egov-xml", "--on", "2025-06-01", "-o", "changed.xml").code).toBe(0);
    expect(readFileSync(join(d, "changed.xml"), "utf8")).toMatch(/<ky:Agreement [^>]*AgreementId="okayama-wake" InForceFrom="2025-04-01" Amended="true"/u);
    expect(r("init", "--db", "copy.db").code).toBe(0);
    const asConclude = r("import", "changed.xml", "--db", "copy.db");
    expect(asConclude.code).not.toBe(0);
    expect(asConclude.stderr).toContain("[import.amended-version]");
    expect(asConclude.stderr).toContain("--as baseline --in-force-on 2025-04-01");
    expect(json<{ agreements: unknown[] }>(r("list", "--json", "--db", "copy.db")).agreements).toEqual([]);
    const asBaseline = r("import", "changed.xml", "--db", "copy.db", "--agreement", "okayama-wake", "--as", "baseline", "--in-force-on", "2025-04-01");
    expect(asBaseline.code, asBaseline.stderr).toBe(0);
    const doc = (db: string): unknown => json<{ document: unknown }>(r("show", "okayama-wake", "--on", "2025-06-01", "--json", "--db", db)).document;
    expect(doc("copy.db")).toStrictEqual(doc("kyoyaku.db"));
    // The 締結 version says nothing of the kind and imports as before.
    expect(r("export", "okayama-wake", "--format", "egov-xml", "--on", "2020-04-01", "-o", "concluded.xml").code).toBe(0);
    expect(readFileSync(join(d, "concluded.xml"), "utf8")).not.toContain("Amended=");
  });
});
