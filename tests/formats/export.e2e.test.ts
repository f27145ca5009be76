// `kyoyaku export --format egov-xml|akn` end to end: the 法令標準XML of a date imports into a
// fresh database as the same document; Akoma Ntoso is well-formed; bad requests are refused
// with a message and nothing on stdout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_CONCLUDE, json, kyoyaku, workspace } from "../e2e/helpers.js";

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
