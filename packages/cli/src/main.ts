/**
 * The entry point: dispatch to a command, and turn every failure into one clear message
 * and an exit code (0 ok, 1 user error, 2 usage, 3 integrity failure).
 *
 * @module
 */
import { createRequire } from "node:module";
import { formatIssue, isKyoyakuError, nearest, type Issue } from "@kyoyaku/core";
import { Args, parseCommandArgs } from "./args.js";
import type { Command } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { Ctx, fileProblem } from "./context.js";
import { safeIo } from "./format/escape.js";
import { EXIT, IntegrityError, UsageError, UserError, refusal } from "./errors.js";
import { commandHelp, mainHelp } from "./help.js";
import type { CliIo } from "./io.js";

/** The CLI's version (from its package.json). */
export const VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/**
 * Run the `kyoyaku` command line. Never throws and never calls `process.exit`: the caller
 * sets the exit code.
 *
 * @example
 * const io = memoryIo();
 * await main(["--version"], io); // 0, io.out() === "0.1.0\n"
 */
export async function main(argv: readonly string[], rawIo: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  // Every byte written escapes control characters from files, the database and argv.
  const io = safeIo(rawIo);
  const words = hoistGlobalDb(argv);
  const first = words[0];
  if (first === undefined) {
    io.stderr.write(mainHelp(commands.map((c) => c.spec), VERSION));
    return EXIT.usage;
  }
  if (first === "--help" || first === "-h") {
    io.stdout.write(mainHelp(commands.map((c) => c.spec), VERSION));
    return EXIT.ok;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === "help") {
    const target = words[1] === undefined ? undefined : commands.find((c) => c.spec.name === words[1]);
    if (words[1] !== undefined && target === undefined) return usage(io, unknownCommand(words[1], commands));
    io.stdout.write(target ? commandHelp(target.spec) : mainHelp(commands.map((c) => c.spec), VERSION));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.spec.name === first);
  if (command === undefined) {
    return usage(io, first.startsWith("-") ? unknownLeadingOption(first) : unknownCommand(first, commands));
  }
  let ctx: Ctx | undefined;
  try {
    const parsed = parseCommandArgs(command.spec, words.slice(1));
    if (parsed.values.help === true) {
      io.stdout.write(commandHelp(command.spec));
      return EXIT.ok;
    }
    ctx = new Ctx(io, command.spec, new Args(parsed), (next, nextIo) => main(next, nextIo, commands));
    const code = await command.run(ctx);
    return code ?? EXIT.ok;
  } catch (e) {
    return report(io, command.spec.name, e);
  } finally {
    try {
      ctx?.close();
    } catch {
      // Closing a database that failed to open may throw again; the first error was reported.
    }
  }
}

/** Allow `kyoyaku --db FILE COMMAND …` by moving a leading --db after the command name. */
function hoistGlobalDb(argv: readonly string[]): string[] {
  const words = [...argv];
  const moved: string[] = [];
  while (words[0] !== undefined && (words[0] === "--db" || words[0].startsWith("--db="))) {
    const w = words.shift()!;
    moved.push(w);
    if (w === "--db" && words[0] !== undefined) moved.push(words.shift()!);
  }
  if (moved.length === 0) return words;
  // `kyoyaku --db FILE` alone: no command, so the usage text.
  if (words[0] === undefined) return [];
  return [words[0], ...moved, ...words.slice(1)];
}

function unknownCommand(name: string, commands: readonly Command[]): UsageError {
  const near = nearest(name, commands.map((c) => c.spec.name));
  return new UsageError(`「${name}」というコマンドはない${near.length > 0 ? `。もしかして ${near.join(" か ")}？` : ""}`, undefined, "usage.unknown-command");
}

/** An option before any command: the nearest of the few taken there (`--verison`), else where options go. */
function unknownLeadingOption(option: string): UsageError {
  const near = nearest(option.replace(/^-+/u, "").split("=")[0]!, ["help", "version", "db"]);
  const message = near.length > 0
    ? `${option} というオプションはない。もしかして ${near.map((n) => `--${n}`).join(" か ")}？`
    : `${option} というオプションはここでは使えない（オプションはコマンドの後に書く）`;
  return new UsageError(message, undefined, "usage.unknown-option");
}

function usage(io: CliIo, e: UsageError): number {
  const where = e.command ? `kyoyaku ${e.command}` : "kyoyaku";
  io.stderr.write(`${where}: ${e.message} [${e.code}]\n`);
  io.stderr.write(e.command ? `使い方と例は kyoyaku ${e.command} --help\n` : `コマンドの一覧は kyoyaku --help\n`);
  return EXIT.usage;
}

function issueBlock(issues: readonly Issue[]): string {
  return issues.length === 0 ? "" : issues.map((i) => `  ${formatIssue(i)}\n`).join("");
}

/** Print one failure and choose its exit code. */
function report(io: CliIo, command: string, e: unknown): number {
  const prefix = `kyoyaku ${command}: `;
  if (e instanceof UsageError) return usage(io, e);
  if (e instanceof UserError) {
    io.stderr.write(prefix + e.message + (e.code === undefined ? "" : ` [${e.code}]`) + "\n" + issueBlock(e.issues));
    return EXIT.user;
  }
  if (e instanceof IntegrityError) {
    io.stderr.write(prefix + e.message + "\n");
    return EXIT.integrity;
  }
  if (isKyoyakuError(e)) {
    if (e.code === "internal") return internal(io, prefix, e);
    const r = refusal(e);
    io.stderr.write(`${prefix}${r.headline}\n${issueBlock(r.issues)}`);
    return e.code === "store.integrity" ? EXIT.integrity : EXIT.user;
  }
  const err = e as { code?: unknown; message?: unknown; path?: unknown };
  if (typeof err.code === "string" && err.code.startsWith("SQLITE_")) {
    // better-sqlite3 refuses garbage files before kyoyaku's own schema check can run.
    const damaged = /NOTADB|CORRUPT/u.test(err.code);
    if (err.code.startsWith("SQLITE_READONLY")) {
      io.stderr.write(`${prefix}データベースのファイル（またはそのフォルダ）に書き込む権限がない。このコマンドは書き込むので書き込み権限が要る。読むだけのコマンド（list、show、history、diff、search、audit、export、verify）はそのままで使える [${err.code}]\n`);
      return EXIT.user;
    }
    io.stderr.write(
      `${prefix}${damaged ? "データベースのファイルが kyoyaku のデータベースでないか、壊れている" : "データベースのエラー"}: ${String(err.message)} [${err.code}]\n`,
    );
    return EXIT.user;
  }
  if (typeof err.code === "string" && /^E(NOENT|ACCES|ISDIR|NOTDIR|PERM|ROFS|EXIST)$/u.test(err.code)) {
    io.stderr.write(`${prefix}${typeof err.path === "string" ? `${err.path}: ` : ""}${fileProblem(e)}\n`);
    return EXIT.user;
  }
  return internal(io, prefix, e);
}

function internal(io: CliIo, prefix: string, e: unknown): number {
  const msg = e instanceof Error ? e.message : String(e);
  io.stderr.write(`${prefix}内部エラー（kyoyaku の不具合）: ${msg.split("\n")[0]} [internal]\n`);
  const debug = io.env.KYOYAKU_DEBUG;
  if (debug !== undefined && debug !== "" && debug !== "0") {
    io.stderr.write(`${e instanceof Error && e.stack ? e.stack : String(e)}\n`);
  } else {
    io.stderr.write("詳細は KYOYAKU_DEBUG=1 を付けて実行すると表示される\n");
  }
  return EXIT.user;
}
