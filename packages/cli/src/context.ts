/**
 * What a running command gets: its parsed arguments, the I/O, output helpers, and typed
 * readers for the options every command shares (database, dates, as-of, who records).
 *
 * @module
 */
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import {
  normalizeText, openKyoyaku, partiesLabel, parseDay, parseInstant, todayInJapan,
  type AsOfOptions, type Instant, type IsoDate, type Kyoyaku, type Resolutions,
} from "@kyoyaku/core";
import type { Args } from "./args.js";
import { UsageError, UserError } from "./errors.js";
import { styleFor, type Style } from "./format/style.js";
import type { CliIo } from "./io.js";
import type { CommandSpec } from "./spec.js";

/** Default database file name. */
export const DEFAULT_DB = "kyoyaku.db";

/** A command's view of one run. */
export class Ctx {
  readonly out: Style;
  readonly err: Style;
  #engine: Kyoyaku | undefined;

  constructor(
    readonly io: CliIo,
    readonly spec: CommandSpec,
    readonly args: Args,
    /**
     * Run another command line with the same commands, as `main` does (the demo runs its
     * steps through it); given by `main`, so no command imports the dispatcher that lists it.
     */
    readonly dispatch: (argv: readonly string[], io: CliIo) => Promise<number> = async () => {
      throw new Error("this context was made without a dispatcher");
    },
  ) {
    this.out = styleFor(io, io.stdout);
    this.err = styleFor(io, io.stderr);
  }

  /** Write lines to stdout (a newline is added). */
  print(text = ""): void {
    this.io.stdout.write(text.endsWith("\n") ? text : text + "\n");
  }

  /** Write a note or warning to stderr (a newline is added). */
  note(text: string): void {
    this.io.stderr.write(text.endsWith("\n") ? text : text + "\n");
  }

  /** Write stable JSON to stdout: two-space indented, keys in the engine's order. */
  json(value: unknown): void {
    this.io.stdout.write(JSON.stringify(value, null, 2) + "\n");
  }

  /** True when `--json` was asked. */
  get wantsJson(): boolean {
    return this.args.flag("json");
  }

  /** A path as the user gave it, resolved against the working directory. */
  path(p: string): string {
    return resolve(this.io.cwd, p);
  }

  /**
   * Write `text` to the file named by --out, with a message that names the problem (missing
   * directory, a directory in the way, no permission) instead of Node's raw error.
   */
  writeOut(file: string, text: string | Uint8Array): void {
    const path = this.path(file);
    const dir = dirname(path);
    if (!existsSync(dir)) throw new UserError(`--out ${file}: フォルダ ${dir} がない`);
    if (!statSync(dir).isDirectory()) throw new UserError(`--out ${file}: ${dir} はフォルダではない（ファイルがある）`);
    this.#notTheDatabase(file, path);
    try {
      writeFileSync(path, text);
    } catch (e) {
      throw new UserError(`--out ${file}: ${fileProblem(e)}`);
    }
  }

  /**
   * Refuse an --out that is the database (or its -wal/-shm/-journal), by real path (a
   * symlink or another spelling of the same file), or any SQLite file: writing a report over
   * it would destroy the record.
   */
  #notTheDatabase(file: string, path: string): void {
    const real = (p: string): string => {
      try {
        return realpathSync(p);
      } catch {
        // Not there yet: its directory's real path and its name.
        try {
          return join(realpathSync(dirname(p)), basename(p));
        } catch {
          return p;
        }
      }
    };
    const out = real(path);
    const db = real(this.dbPath());
    if ([db, `${db}-wal`, `${db}-shm`, `${db}-journal`].includes(out)) {
      throw new UserError(`--out ${file}: それはデータベース ${this.dbLabel()}${out === db ? "" : "（のジャーナル）"}で、書き込むと記録が壊れる。別のファイルを指定すること`);
    }
    let head = "";
    try {
      // Only a regular file is peeked at (opening a FIFO to read would wait for a writer).
      if (!statSync(out).isFile()) return;
      const fd = openSync(out, "r");
      try {
        const b = Buffer.alloc(16);
        head = b.subarray(0, readSync(fd, b, 0, 16, 0)).toString("latin1");
      } finally {
        closeSync(fd);
      }
    } catch {
      // Missing or unreadable: writeFileSync says why, if it cannot write.
    }
    if (head === "SQLite format 3\u0000") throw new UserError(`--out ${file}: そのファイルは SQLite のデータベース（別の kyoyaku のデータベースかもしれない）で、書き込むと壊れる。別のファイルを指定すること`);
  }

  /** The database file: --db, else $KYOYAKU_DB, else ./kyoyaku.db. */
  dbPath(): string {
    return this.path(this.dbLabel());
  }

  /** The database file as the user named it (for messages). */
  dbLabel(): string {
    return this.args.string("db") ?? (this.io.env.KYOYAKU_DB || undefined) ?? DEFAULT_DB;
  }

  /**
   * Open the engine on the database. Unless `create` is set, a missing file is a user
   * error (a typo in --db must not silently start an empty history). Read commands pass
   * `readonly`, so that an auditor with read-only access to the file can use them.
   */
  engine(options: { create?: boolean; path?: string; readonly?: boolean } = {}): Kyoyaku {
    if (this.#engine) return this.#engine;
    const path = options.path ?? this.dbPath();
    if (options.create !== true && !existsSync(path)) {
      throw new UserError(`${path} にデータベースがない。kyoyaku init${this.args.string("db") ? ` --db ${this.args.string("db")}` : ""} で作ること（または --db FILE か KYOYAKU_DB で場所を指定）`);
    }
    const dir = dirname(path);
    if (!existsSync(dir)) throw new UserError(`${path} を作れない: フォルダ ${dir} がない`);
    const now = this.io.env.KYOYAKU_NOW;
    const clock = now ? fixedClock(now) : undefined;
    const engine = openKyoyaku({ path, ...(clock && { clock }), ...(options.readonly === true && { readonly: true }) });
    this.#engine = engine;
    return engine;
  }

  /** Close the engine if it was opened (main calls this after every command). */
  close(): void {
    const e = this.#engine;
    this.#engine = undefined;
    e?.close();
  }

  /**
   * A DATE option (ISO or wareki), validated; `undefined` when absent and not required.
   * Errors name the option and the input.
   */
  date(option: string, options: { required?: boolean } = {}): IsoDate | undefined {
    const text = this.args.string(option);
    if (text === undefined) {
      if (options.required === true) throw new UsageError(`オプション --${option} DATE がない`, this.spec.name, "usage.missing-option");
      return undefined;
    }
    return parseDateOption(`--${option}`, text);
  }

  /** `--on`, defaulting to today in Japan. */
  onDate(): IsoDate {
    return this.date("on") ?? todayInJapan();
  }

  /** `--known-at` as an instant (a bare date means the end of that day in Japan). */
  knownAt(): Instant | undefined {
    const text = this.args.string("known-at");
    if (text === undefined) return undefined;
    const r = parseInstant(text);
    if (!r.ok) throw new UserError(`--known-at ${text}: 日時としても日付としても読めない`, r.issues);
    return r.value;
  }

  /** The as-of options shared by read commands. */
  asOf(): AsOfOptions {
    const knownAt = this.knownAt();
    const withDrafts = this.args.flag("with-drafts");
    return { ...(knownAt !== undefined && { knownAt }), ...(withDrafts && { withDrafts }) };
  }

  /** --recorded-by, else $USER, else 'unknown'. */
  recordedBy(): string {
    return this.args.string("recorded-by") ?? (this.io.env.USER || this.io.env.USERNAME || "unknown");
  }

  /**
   * `--resolution PARTY=DATE` values, each party matched (ignoring spaces and width) to
   * one of `parties` and keyed by that party's name as written.
   */
  resolutions(parties: readonly string[], where: string): Resolutions {
    const out: Record<string, IsoDate> = {};
    checkResolutions(this.args.list("resolution"), this.spec.name);
    for (const raw of this.args.list("resolution")) {
      const { party, date } = parseResolution(raw);
      const match = parties.find((p) => normalizeText(p) === normalizeText(party));
      if (match === undefined) {
        throw new UserError(
          `--resolution ${raw}: ${party}は${where}の当事者ではない（当事者: ${parties.length > 0 ? partiesLabel(parties) : "記載なし"}）`,
        );
      }
      out[match] = date;
    }
    return out;
  }
}

/**
 * Validate a DATE option value: ISO or wareki, a real day.
 *
 * @example
 * parseDateOption("--on", "令和2年4月1日"); // "2020-04-01"
 * parseDateOption("--on", "平成31年5月1日"); // throws UserError naming --on and the input
 */
export function parseDateOption(option: string, text: string): IsoDate {
  // core's parseDay is the one reader of a whole day (the library's asOf/diff use it too)
  const r = parseDay(text);
  if (!r.ok) {
    const why = r.issues.find((i) => i.severity === "error");
    throw new UserError(`${option} ${text}: ${why ? why.message : "年月日のそろった日付ではない"}`, [], why?.code ?? "date.partial-not-allowed");
  }
  return r.value;
}

/**
 * Check every `--resolution PARTY=DATE` (form and date), and refuse one party given twice
 * with different dates (a usage error: which one was meant cannot be guessed). The same
 * party twice with the same date is harmless.
 *
 * @example
 * checkResolutions(["岡山市=2016-09-30", "和気町=2016-09-27"], "import"); // ok
 * checkResolutions(["和気町=2016-09-27", "和気町=2016-09-28"], "import"); // throws UsageError
 */
export function checkResolutions(values: readonly string[], command: string): void {
  const seen = new Map<string, { party: string; date: IsoDate }>();
  for (const raw of values) {
    const r = parseResolution(raw);
    const key = normalizeText(r.party);
    const before = seen.get(key);
    if (before !== undefined && before.date !== r.date) {
      throw new UsageError(`--resolution で${before.party}に異なる二つの日付（${before.date}、${r.date}）がある。各団体は1回だけ指定すること`, command, "usage.repeated-option");
    }
    seen.set(key, r);
  }
}

/**
 * Split `岡山市=2016-09-30` (also `岡山市＝平成28年9月30日`) into a party and an ISO date.
 *
 * @example
 * parseResolution("岡山市=2016-09-30"); // { party: "岡山市", date: "2016-09-30" }
 */
export function parseResolution(raw: string): { party: string; date: IsoDate } {
  const m = /^(.+?)[=＝](.+)$/u.exec(raw.trim());
  if (!m || m[1]!.trim() === "") {
    throw new UserError(`--resolution ${raw}: 団体=日付 の形で書くこと（例: 岡山市=2016-09-30）`, [], "usage.invalid-value");
  }
  return { party: m[1]!.trim(), date: parseDateOption(`--resolution ${m[1]!.trim()}=`, m[2]!.trim()) };
}

/**
 * A file-system error in words (for messages about a path the user gave).
 *
 * @example
 * fileProblem(Object.assign(new Error("EACCES: …"), { code: "EACCES" })); // "権限がない [EACCES]"
 */
export function fileProblem(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case "ENOENT": return "そのファイルもフォルダもない [ENOENT]";
    case "EISDIR": return "ファイルではなくフォルダ [EISDIR]";
    case "ENOTDIR": return "パスの途中がフォルダでない [ENOTDIR]";
    case "EACCES":
    case "EPERM": return `権限がない [${code}]`;
    case "EROFS": return "ファイルシステムが読み取り専用 [EROFS]";
    case "EEXIST": return "すでにある [EEXIST]";
    case "ENOSPC": return "装置に空き容量がない [ENOSPC]";
    default: return e instanceof Error ? e.message : String(e);
  }
}

/** A clock fixed at one instant (KYOYAKU_NOW), for reproducible docs and tests. */
function fixedClock(text: string): () => Instant {
  const r = parseInstant(text);
  if (!r.ok) throw new UserError(`KYOYAKU_NOW=${text}: 日時として読めない`, r.issues);
  const base = Date.parse(r.value);
  let tick = 0;
  // Each reading moves one millisecond on, so events recorded in one run stay ordered.
  return () => new Date(base + tick++).toISOString();
}
