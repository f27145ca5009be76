import { describe, expect, it } from "vitest";
import { COMMANDS } from "./commands/index.js";
import { displayWidth } from "./format/width.js";
import { commandHelp, mainHelp, usageLine } from "./help.js";

describe("help", () => {
  it("lists every command in the main help", () => {
    const text = mainHelp(COMMANDS.map((c) => c.spec), "9.9.9");
    expect(text).toContain("kyoyaku 9.9.9");
    for (const c of COMMANDS) expect(text).toMatch(new RegExp(`^  ${c.spec.name} +${c.spec.summary.slice(0, 10).replace(/[()]/gu, ".")}`, "mu"));
  });

  it("gives every command a usage line, its options, --db, --help and at least one example", () => {
    for (const c of COMMANDS) {
      const text = commandHelp(c.spec);
      expect(text.startsWith(`kyoyaku ${c.spec.name} — `)).toBe(true);
      expect(text).toContain(`使い方:\n  ${usageLine(c.spec)}`);
      expect(text).toContain("--db FILE");
      expect(text).toContain("-h, --help");
      expect(text).toContain("例:\n  kyoyaku ");
      for (const o of c.spec.options) expect(text).toContain(`--${o.name}`);
      for (const e of c.spec.examples) expect(e.command.startsWith(`kyoyaku ${c.spec.name}`)).toBe(true);
    }
  });

  it("keeps every line of every help under 100 columns, long examples continued with ' \\'", () => {
    const texts = [mainHelp(COMMANDS.map((c) => c.spec), "9.9.9"), ...COMMANDS.map((c) => commandHelp(c.spec))];
    for (const line of texts.join("\n").split("\n")) expect(displayWidth(line), line).toBeLessThan(100);
    const ratify = commandHelp(COMMANDS.find((c) => c.spec.name === "ratify")!.spec);
    expect(ratify).toContain("--signed-on 令和7年3月28日 \\\n    --resolution 岡山市=2025-03-18");
  });

  it("marks optional and variadic arguments in the usage line", () => {
    const imp = COMMANDS.find((c) => c.spec.name === "import")!;
    expect(usageLine(imp.spec)).toBe("kyoyaku import FILE… [options]");
    const show = COMMANDS.find((c) => c.spec.name === "show")!;
    expect(usageLine(show.spec)).toBe("kyoyaku show ID [options]");
  });

  it("offers --json on every read command", () => {
    for (const name of ["list", "show", "history", "diff", "search", "verify", "audit", "export"]) {
      const c = COMMANDS.find((x) => x.spec.name === name)!;
      expect(c.spec.options.map((o) => o.name)).toContain("json");
    }
  });

  it("offers the as-of options on every read command that takes a date", () => {
    for (const name of ["list", "show", "diff", "search"]) {
      const names = COMMANDS.find((x) => x.spec.name === name)!.spec.options.map((o) => o.name);
      expect(names).toContain("known-at");
      expect(names).toContain("with-drafts");
    }
  });
});
