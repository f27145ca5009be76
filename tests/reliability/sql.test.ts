/**
 * SQL: hostile agreement ids and search strings (quotes, %, _, --, ;, a DROP TABLE) are data,
 * through the engine and through the BUILT CLI: stored and returned verbatim, matched
 * literally, no table harmed. And a static scan of packages/(name)/src: every SQL text handed
 * to SQLite is a constant or interpolates only a whitelisted constant from code — values
 * travel as bound parameters.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { isKyoyakuError, openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { json, kyoyaku } from "../e2e/helpers.js";
import { REPO, reportFigures, requireBuilt, SEED_TEXT, seedDocument } from "./reliability.testkit.js";
import { amendArticle, concludeFor } from "./workload.mjs";

const HOSTILE_IDS = [
  "o'brien", "a''b", "100%", "%", "_", "a_b%c", "x--y", "--", "a;b", ";", "');DROP-TABLE-events;--", "\"quoted\"", "back\\slash",
  "Robert');DELETE-FROM-events;--", "1'OR'1'='1", "`tick`", "岡山市'--",
];
const HOSTILE_TEXTS = ["'); DROP TABLE events; --", "%", "_", "--", ";", "' OR '1'='1", "100%_'--;", "\\", "\"", "%%", "a_c"];
const MARK = "100%_'--; DROP TABLE events;";

const Database = createRequire(join(REPO, "packages/core/package.json"))("better-sqlite3") as new (p: string, o?: { readonly?: boolean }) => {
  prepare(sql: string): { all(...params: unknown[]): Record<string, unknown>[] };
  close(): void;
};
const tables = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name").all().map((r) => String(r.name));
  } finally {
    db.close();
  }
};

let cases = 0;

describe("hostile ids and search strings through the engine", () => {
  it("Given agreements named with quotes, %, _, --, ; and SQL, Then each is stored and answered verbatim, apart from the others, and no table is harmed", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kyoyaku-sql-")), "k.db");
    const base = seedDocument();
    const k: Kyoyaku = openKyoyaku({ path });
    const before = tables(path);
    try {
      for (const id of HOSTILE_IDS) k.record({ agreementId: id, event: concludeFor(base, id), recordedBy: id });
      // One agreement whose text holds the hostile mark, to search for.
      k.record({ agreementId: "o'brien", event: amendArticle(base, 2, MARK, "2017-01-10", "2017-01-20", "mark.txt"), recordedBy: "x" });
      expect(k.agreements().map((a) => a.id).sort()).toEqual([...HOSTILE_IDS].sort());
      for (const id of HOSTILE_IDS) {
        const events = k.events(id);
        expect(events.map((e) => e.agreementId)).toEqual(events.map(() => id));
        expect(events[0]!.recordedBy).toBe(id);
        expect(k.asOf(id, "2020-01-01").agreementId).toBe(id);
        cases += 1;
      }
      // LIKE-style wildcards and quotes match only themselves.
      for (const text of HOSTILE_TEXTS) {
        const hits = k.search(text, { on: "2020-01-01" });
        for (const h of hits) expect(`${h.heading}\n${h.text}`.includes(text) || `${h.heading}\n${h.text}`.includes(text.normalize("NFKC"))).toBe(true);
        cases += 1;
      }
      expect(k.search(MARK, { on: "2020-01-01" }).map((h) => [h.agreementId, h.address])).toEqual([["o'brien", "article:2"]]);
      expect(k.search("%", { on: "2020-01-01" }).map((h) => h.agreementId)).toEqual(["o'brien"]);
      // Ids that are not slugs (white space, '/') are refused as input, never reach SQL as text.
      for (const bad of ["'); DROP TABLE events; --", "a/b", "a b"]) {
        let error: unknown;
        try {
          k.record({ agreementId: bad, event: concludeFor(base, bad), recordedBy: "x" });
        } catch (e) {
          error = e;
        }
        expect(isKyoyakuError(error) && error.code).toBe("input.invalid");
        cases += 1;
      }
      expect(k.verify()).toMatchObject({ ok: true, agreements: HOSTILE_IDS.length, events: HOSTILE_IDS.length + 1 });
    } finally {
      k.close();
    }
    expect(tables(path)).toEqual(before);
  });
});

describe("hostile ids and search strings through the CLI", () => {
  it("Given `kyoyaku import -a ID` with hostile ids, Then list/show/history/verify give them back verbatim and search matches literally", () => {
    requireBuilt();
    const dir = mkdtempSync(join(tmpdir(), "kyoyaku-sql-cli-"));
    expect(kyoyaku(dir, ["init"]).code).toBe(0);
    const seed = readFileSync(SEED_TEXT, "utf8");
    const ids = ["o'brien;--", "100%_", "');DROP-TABLE-events;--"];
    ids.forEach((id, i) => {
      writeFileSync(join(dir, `s${i}.txt`), seed + "\n".repeat(i + 1));
      const r = kyoyaku(dir, ["import", `s${i}.txt`, "-a", id, "--resolution", "岡山市=2016-09-30", "--resolution", "和気町=2016-09-27"]);
      expect(r.code, r.stderr).toBe(0);
    });
    const list = json<{ id: string }[] | { agreements: { id: string }[] }>(kyoyaku(dir, ["list", "--json"]));
    const listed = (Array.isArray(list) ? list : list.agreements).map((a) => a.id).sort();
    expect(listed).toEqual([...ids].sort());
    for (const id of ids) {
      const show = kyoyaku(dir, ["show", id, "--on", "2020-01-01"]);
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toContain("連携協約");
      expect(kyoyaku(dir, ["history", id]).code).toBe(0);
      cases += 1;
    }
    for (const text of ["'); DROP TABLE events; --", "%", "_", "' OR '1'='1"]) {
      const r = kyoyaku(dir, ["search", text, "--on", "2020-01-01", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain("\"agreementId\"");
      cases += 1;
    }
    const found = kyoyaku(dir, ["search", "子育て", "--on", "2020-01-01", "--json"]);
    expect(found.code).toBe(0);
    for (const id of ids) expect(found.stdout).toContain(JSON.stringify(id));
    const v = kyoyaku(dir, ["verify", "--json"]);
    expect(v.code, v.stdout).toBe(0);
    expect(json<{ agreements: number; heads: { agreementId: string }[] }>(v).heads.map((h) => h.agreementId).sort()).toEqual([...ids].sort());
    expect(tables(join(dir, "kyoyaku.db"))).toContain("events");
  });
});

// ------------------------------------------------------------------ static scan

/**
 * The only expressions SQL text may interpolate, each a constant from code (never a value
 * from a user or a file), with why.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  EVENT_COLUMNS: "a constant column list",
  table: "a table name from code: count() is called with literals, refuse() with its own constants",
  action: "refuse(): 'UPDATE' | 'DELETE' from code",
  "action.toLowerCase()": "refuse(): from code",
  'refuse("events", "UPDATE")': "trigger DDL built from constants",
  'refuse("events", "DELETE")': "trigger DDL built from constants",
  'refuse("sources", "UPDATE")': "trigger DDL built from constants",
  'refuse("sources", "DELETE")': "trigger DDL built from constants",
  'refuse("nodes", "UPDATE")': "trigger DDL built from constants",
  'refuse("nodes", "DELETE")': "trigger DDL built from constants",
  "Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))": "a number (PRAGMA takes no parameters)",
  'options.synchronous ?? "FULL"': "'FULL' | 'NORMAL' by type, from the caller's code (PRAGMA takes no parameters)",
  APPLICATION_ID: "a numeric constant",
  '"?,".repeat(n - 1)': "placeholders for IN (…): the values are bound",
  "m.version": "a migration's number, from MIGRATIONS",
};
const SQL = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|PRAGMA|ALTER|REPLACE|ATTACH|VACUUM)\b|^\s*[a-z_]+\s*=\s*$/u;
const SQL_CALLS = new Set(["prepare", "exec", "pragma"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.includes(".testkit.") && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

interface Finding { readonly where: string; readonly what: string }

/** Every SQL-looking template or concatenation, and every prepare/exec/pragma argument that is not a constant. */
function scan(file: string): { findings: Finding[]; sqlTexts: number } {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  let sqlTexts = 0;
  const where = (n: ts.Node): string => `${relative(REPO, file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  // db.prepare / db.exec / db.pragma (this.#db, a Database named db…), not RegExp#exec.
  const isDbCall = (n: ts.CallExpression): boolean =>
    ts.isPropertyAccessExpression(n.expression) && SQL_CALLS.has(n.expression.name.text) && /(^|[.#])db$/iu.test(n.expression.expression.getText(src));
  const visit = (n: ts.Node): void => {
    if (ts.isTemplateExpression(n)) {
      const literal = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" ");
      const inDbCall = ts.isCallExpression(n.parent) && isDbCall(n.parent);
      if (SQL.test(n.head.text) || /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER))\b/u.test(literal) || inDbCall) {
        sqlTexts += 1;
        for (const span of n.templateSpans) {
          const expr = span.expression.getText(src);
          if (!(expr in ALLOWED)) findings.push({ where: where(span.expression), what: `\${${expr}} in SQL text` });
        }
      }
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const text = n.getText(src);
      if (/\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|WHERE)\b/u.test(text)) findings.push({ where: where(n), what: "SQL built by + concatenation" });
    }
    if (ts.isCallExpression(n) && isDbCall(n)) {
      const arg = n.arguments[0];
      if (arg !== undefined && !ts.isStringLiteral(arg) && !ts.isNoSubstitutionTemplateLiteral(arg) && !ts.isTemplateExpression(arg)) {
        const text = arg.getText(src);
        // A migration's SQL (MIGRATIONS, constants) is the one allowed non-literal.
        if (text !== "m.sql") findings.push({ where: where(arg), what: `${(n.expression as ts.PropertyAccessExpression).name.text}(${text}) — not a literal` });
      }
      if (arg !== undefined) sqlTexts += ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? 1 : 0;
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return { findings, sqlTexts };
}

describe("every query is a prepared statement with bound parameters (static scan)", () => {
  it("Given the sources of every package (not tests), Then SQL texts interpolate only whitelisted constants and are never concatenated", () => {
    const files = readdirSync(join(REPO, "packages")).flatMap((p) => {
      const src = join(REPO, "packages", p, "src");
      try {
        return statSync(src).isDirectory() ? sourceFiles(src) : [];
      } catch {
        return [];
      }
    });
    let sqlTexts = 0;
    const findings: Finding[] = [];
    for (const f of files) {
      const r = scan(f);
      sqlTexts += r.sqlTexts;
      findings.push(...r.findings);
    }
    expect(findings).toEqual([]);
    expect(sqlTexts).toBeGreaterThan(20); // the scan saw the store's SQL
    reportFigures("sql", { hostileCases: cases, filesScanned: files.length, sqlTextsChecked: sqlTexts, findings: findings.length });
  });

  it("Given a file that builds SQL from a value, Then the scan finds it (the scan can fail)", () => {
    const bad = join(mkdtempSync(join(tmpdir(), "kyoyaku-scan-")), "bad.ts");
    writeFileSync(bad, 'declare const db: any; declare const id: string;\ndb.prepare(`SELECT * FROM events WHERE agreement_id = \'${id}\'`).all();\ndb.exec("DELETE FROM events WHERE seq = " + id);\nconst q = "SELECT 1"; db.prepare(q);\n');
    expect(scan(bad).findings.map((f) => f.what)).toEqual([
      "${id} in SQL text", 'exec("DELETE FROM events WHERE seq = " + id) — not a literal', "SQL built by + concatenation", "prepare(q) — not a literal",
    ]);
  });
});
