import { describe, expect, it } from "vitest";
import { nearest } from "@kyoyaku/core";
import { Args, parseCommandArgs } from "./args.js";
import { UsageError } from "./errors.js";
import { ID_ARGUMENT, JSON_OPTION, RESOLUTION_OPTION, onOption, type CommandSpec } from "./spec.js";

const spec: CommandSpec = {
  name: "show",
  summary: "s",
  positionals: [ID_ARGUMENT],
  options: [onOption(), RESOLUTION_OPTION, JSON_OPTION, { name: "format", short: "f", type: "string", value: "FORMAT", description: "f" }],
  examples: [],
};

const variadic: CommandSpec = { ...spec, name: "import", positionals: [{ name: "FILE", required: true, variadic: true, description: "files" }] };

function usageMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseCommandArgs", () => {
  it("Given an id and options, When parsed, Then positionals and values are returned", () => {
    const a = new Args(parseCommandArgs(spec, ["okayama-wake", "--on", "令和2年4月1日", "--json", "--db", "x.db"]));
    expect(a.positional(0)).toBe("okayama-wake");
    expect(a.string("on")).toBe("令和2年4月1日");
    expect(a.flag("json")).toBe(true);
    expect(a.string("db")).toBe("x.db");
    expect(a.flag("help")).toBe(false);
  });

  it("collects a repeatable option in order", () => {
    const a = new Args(parseCommandArgs(spec, ["x", "--resolution", "岡山市=2016-09-30", "--resolution=和気町=2016-09-27"]));
    expect(a.list("resolution")).toEqual(["岡山市=2016-09-30", "和気町=2016-09-27"]);
    expect(a.list("absent")).toEqual([]);
  });

  it("accepts short aliases and --opt=value", () => {
    const a = new Args(parseCommandArgs(spec, ["x", "-f", "patch", "--on=2020-04-01"]));
    expect(a.string("format")).toBe("patch");
    expect(a.string("on")).toBe("2020-04-01");
  });

  it("rejects an unknown option, naming it and the command", () => {
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--frobnicate"]))).toBe("show に --frobnicate というオプションはない");
  });

  it("suggests the nearest options for a misspelled one, with its code", () => {
    let code = "";
    try { parseCommandArgs(spec, ["x", "--jsno"]); } catch (e) { code = (e as UsageError).code; }
    expect(code).toBe("usage.unknown-option");
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--jsno"]))).toBe("show に --jsno というオプションはない。もしかして --json？");
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--fromat=patch"]))).toMatch(/もしかして --format？$/u);
    // Two letters swapped is one slip, even in a two-letter name.
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--no", "2020-04-01"]))).toBe("show に --no というオプションはない。もしかして --on？");
  });

  it("nearest: edit distance or prefix, case- and width-insensitive, nearest first", () => {
    expect(nearest("shwo", ["show", "search", "history"])).toEqual(["show"]);
    expect(nearest("OKAYAMA-WAKA", ["okayama-wake", "kurashiki", "okayama-bizen"])).toEqual(["okayama-wake"]);
    expect(nearest("ｏｋａｙａｍａ", ["okayama-wake", "okayama-bizen", "tsuyama"])).toEqual(["okayama-wake", "okayama-bizen"]);
    expect(nearest("zzz", ["show"])).toEqual([]);
    expect(nearest("bd", ["db", "on", "json"])).toEqual(["db"]);
    expect(nearest("hsow", ["show", "search"])).toEqual(["show"]);
    expect(nearest("ab", ["ba", "cd"])).toEqual(["ba"]);
  });

  it("rejects a string option without its value", () => {
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--on"]))).toBe("オプション --on に値（DATE）が要る");
  });

  it("rejects a value given to a boolean option", () => {
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--json=yes"]))).toBe("オプション --json は値をとらない");
  });

  it("rejects an empty value", () => {
    expect(usageMessage(() => parseCommandArgs(spec, ["x", "--on", " "]))).toBe("オプション --on に空でない DATE が要る");
  });

  it("reports a missing required argument by name", () => {
    expect(usageMessage(() => parseCommandArgs(spec, []))).toMatch(/^引数 ID がない/u);
  });

  it("rejects extra positionals unless the last is variadic", () => {
    expect(usageMessage(() => parseCommandArgs(spec, ["a", "b"]))).toBe("余分な引数「b」");
    expect(parseCommandArgs(variadic, ["a.txt", "b.txt", "c.txt"]).positionals).toEqual(["a.txt", "b.txt", "c.txt"]);
  });

  it("lets --help through without the required arguments", () => {
    expect(parseCommandArgs(spec, ["--help"]).values.help).toBe(true);
    expect(parseCommandArgs(spec, ["-h"]).values.help).toBe(true);
  });
});
