/**
 * `kyoyaku import`: read 締結/変更/廃止 texts (or a 現行 text as a baseline) and record
 * them, one file at a time: each file is one transaction, so a failing file leaves the
 * database exactly as it was.
 *
 * @module
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import {
  formatIssue, isKyoyakuError, issue, normalizeText, partiesLabel, sha256,
  type EventDates, type Issue, type IsoDate, type Kyoyaku, type LegalEventInput, type RecordResult,
} from "@kyoyaku/core";
import { inferAgreementId, parseText, type ParsedText } from "@kyoyaku/text";
import type { Command } from "../command.js";
import { checkResolutions, type Ctx } from "../context.js";
import { EXIT, UsageError, UserError, refusal } from "../errors.js";
import { dateRows, indent } from "../format/answers.js";
import { jpDate } from "../format/dates.js";
import { kindLabel, statusLabel } from "../format/labels.js";
import { table } from "../format/width.js";
import { Progress } from "../progress.js";
import { readTextFile } from "../text-file.js";
import { JSON_OPTION, RECORDED_BY_OPTION, RESOLUTION_OPTION } from "../spec.js";

/** What happened to one file. */
export interface ImportOutcome {
  readonly file: string;
  readonly status: "recorded" | "duplicate" | "would-record" | "failed";
  readonly agreementId?: string;
  /** True when the id was inferred from the parties (no --agreement). */
  readonly inferredId?: boolean;
  readonly seq?: number;
  readonly kind?: string;
  readonly draft?: boolean;
  /** For a duplicate: the recorded event's status as known now (a draft may since be ratified). */
  readonly eventStatus?: "ratified" | "draft" | "retracted";
  readonly title?: string;
  readonly parties?: readonly string[];
  readonly dates?: EventDates;
  readonly sha256?: string;
  /** Recorded as a hypothetical draft (--what-if). */
  readonly whatIf?: boolean;
  readonly message?: string;
  readonly issues: readonly Issue[];
}

export const importCommand: Command = {
  spec: {
    name: "import",
    summary: "parse and record 締結/変更/廃止 texts, or a 現行 text as a baseline",
    description:
      "Reads each FILE (a 連携協約書, 変更連携協約書 or 廃止 text; drafts marked (案) are recorded as drafts)\n" +
      "and records it as one event. Each file is its own transaction: a file that fails (cannot be read,\n" +
      "is not an agreement, breaks a rule) is reported and leaves the database exactly as it was; the\n" +
      "other files are still recorded. Importing the same file twice records nothing and says so.\n" +
      "Options give what the text does not state (議決日, 適用日, 締結日). Without --agreement the\n" +
      "agreement id is inferred from the parties and printed.",
    positionals: [{ name: "FILE", required: true, variadic: true, description: "text files to import, in order" }],
    options: [
      { name: "agreement", short: "a", type: "string", value: "ID", description: "agreement id to record into, e.g. okayama-wake (default: inferred from the parties)" },
      { name: "as", type: "string", value: "KIND", description: "baseline: record the text as the one in force (現行取込), without earlier history" },
      { name: "in-force-on", type: "string", value: "DATE", description: "with --as baseline: a date the text is known to be in force" },
      RESOLUTION_OPTION,
      { name: "applies-from", type: "string", value: "DATE", description: "適用日, when the text does not state it (or to override it)" },
      { name: "signed-on", type: "string", value: "DATE", description: "締結日, when the text does not state it" },
      { name: "draft", type: "boolean", description: "record as a draft (案) even if the text is not marked (案); allows blank dates" },
      {
        name: "what-if",
        type: "boolean",
        description:
          "record a change text as a hypothetical draft against --agreement (e.g. another agreement's amendment, to see what it would do); " +
          "it is kept apart from the real record of the file: no source link, recorded-by marked (what-if)",
      },
      RECORDED_BY_OPTION,
      { name: "dry-run", short: "n", type: "boolean", description: "check everything and show what would be recorded; write nothing" },
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku import 連携協約書.txt --agreement okayama-wake --resolution 岡山市=2016-09-30 --resolution 和気町=2016-09-27", note: "record a 締結 with the 議決日 the text does not state" },
      { command: "kyoyaku import 変更連携協約書.txt --agreement okayama-wake", note: "record an amendment (a draft if it is marked (案))" },
      { command: "kyoyaku import 現行.txt --as baseline --in-force-on 令和6年4月1日 --agreement okayama-bizen", note: "start a history from the text in force (現行取込)" },
      { command: "kyoyaku import texts/*.txt --dry-run", note: "check many files without writing anything" },
    ],
  },
  run(ctx) {
    const files = ctx.args.positionals;
    const as = ctx.args.string("as");
    if (as !== undefined && as !== "baseline") throw new UsageError(`--as ${as}: the only value is 'baseline' (現行取込)`, "import");
    const inForceOn = ctx.date("in-force-on");
    if (as === "baseline" && inForceOn === undefined) throw new UsageError("--as baseline needs --in-force-on DATE (a date the text is known to be in force)", "import");
    if (as === undefined && inForceOn !== undefined) throw new UsageError("--in-force-on goes with --as baseline", "import");
    const overrides: Overrides = {
      baseline: inForceOn,
      appliesFrom: ctx.date("applies-from"),
      signedOn: ctx.date("signed-on"),
      draft: ctx.args.flag("draft"),
      agreement: ctx.args.string("agreement"),
      whatIf: ctx.args.flag("what-if"),
    };
    if (overrides.whatIf && overrides.agreement === undefined) throw new UsageError("--what-if needs --agreement ID (the agreement to try the text on)", "import");
    // Check every --resolution's form and date before touching any file.
    checkResolutions(ctx.args.list("resolution"), "import");
    const dryRun = ctx.args.flag("dry-run");
    const scratch = dryRun ? scratchCopy(ctx) : undefined;
    const outcomes: ImportOutcome[] = [];
    const progress = new Progress(ctx.io, files.length, !ctx.wantsJson);
    try {
      const k = ctx.engine({ create: scratch !== undefined, ...(scratch && { path: scratch.path }) });
      files.forEach((file, i) => {
        progress.update(i, file);
        const outcome = importOne(ctx, k, file, overrides, dryRun);
        outcomes.push(outcome);
        progress.clear();
        if (!ctx.wantsJson) printOutcome(ctx, outcome);
      });
      progress.done();
    } finally {
      if (scratch) {
        ctx.close();
        scratch.remove();
      }
    }
    if (ctx.wantsJson) ctx.json({ dryRun, outcomes });
    const failed = outcomes.filter((o) => o.status === "failed").length;
    if (files.length > 1 && !ctx.wantsJson) {
      const n = (s: ImportOutcome["status"]): number => outcomes.filter((o) => o.status === s).length;
      ctx.print(
        dryRun
          ? `試行（dry run）: ${files.length}件中 記録予定 ${n("would-record")}件、記録済み ${n("duplicate")}件、失敗 ${failed}件 — 何も書き込んでいません`
          : `${files.length}件中 記録 ${n("recorded")}件、記録済み ${n("duplicate")}件、失敗 ${failed}件`,
      );
    }
    return failed > 0 ? EXIT.user : EXIT.ok;
  },
};

interface Overrides {
  readonly baseline: IsoDate | undefined;
  readonly appliesFrom: IsoDate | undefined;
  readonly signedOn: IsoDate | undefined;
  readonly draft: boolean;
  readonly agreement: string | undefined;
  readonly whatIf: boolean;
}

/** Read, parse, adjust and record one file; never throws for problems of that file. */
function importOne(ctx: Ctx, k: Kyoyaku, file: string, o: Overrides, dryRun: boolean): ImportOutcome {
  const failed = (message: string, issues: readonly Issue[] = []): ImportOutcome => ({ file, status: "failed", message, issues });
  const read = readTextFile(ctx.path(file), file);
  if (!read.ok) return failed(read.message);
  const text = read.text;
  const parsed = parseText(text, { file, allowDraft: o.draft });
  if (!parsed.ok) return failed("not read as an agreement text", parsed.issues);
  let event: LegalEventInput;
  try {
    event = adjust(ctx, parsed.value, file, text, o);
  } catch (e) {
    if (e instanceof UserError) return failed(e.message, [...e.issues, ...parsed.issues]);
    throw e;
  }
  const inferredId = o.agreement === undefined;
  const agreementId = o.agreement ?? inferAgreementId(event.parties);
  const warnings = o.whatIf ? [] : partiesWarnings(k, agreementId, event.parties, file);
  const base = {
    file,
    agreementId,
    inferredId,
    kind: event.payload.kind,
    draft: event.draft,
    title: parsed.value.title,
    parties: event.parties,
    dates: event.dates,
    ...(event.source && { sha256: event.source.sha256 }),
    ...(o.whatIf && { whatIf: true }),
  };
  let result: RecordResult;
  try {
    const recordedBy = o.whatIf ? `${ctx.recordedBy()} (what-if)` : ctx.recordedBy();
    result = k.record({ agreementId, event, recordedBy });
  } catch (e) {
    if (isKyoyakuError(e) && e.code !== "store.schema" && e.code !== "store.integrity" && e.code !== "internal") {
      const r = refusal(e);
      return { ...base, status: "failed", message: r.headline, issues: r.issues.map((i) => (i.location.file === undefined ? { ...i, location: { file, ...i.location } } : i)) };
    }
    throw e;
  }
  // The engine's findings do not know the file; the parser's already say file:line.
  const issues = [...warnings, ...parsed.issues, ...result.issues.map((i) => (i.location.file === undefined ? { ...i, location: { file, ...i.location } } : i))];
  if (result.duplicate) {
    // The engine knows a source once, whichever agreement it was recorded into; the parties
    // warning was about the agreement asked for, where nothing is written.
    const legal = result.event.legal;
    // The stored event says what it was when recorded (a draft stays a draft); a later
    // ratification or retraction lives in other events, so ask for the status as known now.
    const now = result.status
      ?? k.history(result.event.agreementId).find((h) => h.seq === result.event.seq)?.status;
    return {
      ...base,
      status: "duplicate",
      agreementId: result.event.agreementId,
      inferredId: false,
      seq: result.event.seq,
      kind: result.event.kind,
      ...(legal && { draft: legal.draft, parties: legal.parties }),
      ...(now !== undefined && { eventStatus: now }),
      issues: issues.filter((i) => !warnings.includes(i)),
    };
  }
  return { ...base, status: dryRun ? "would-record" : "recorded", seq: result.event.seq, issues };
}

/**
 * A text recorded into an existing agreement whose parties differ is probably a mistake
 * (another pair's amendment): warn, naming both lists. (--what-if does this on purpose.)
 */
function partiesWarnings(k: Kyoyaku, agreementId: string, parties: readonly string[], file: string): Issue[] {
  const existing = k.agreements().find((a) => a.id === agreementId);
  if (existing === undefined || parties.length === 0 || existing.parties.length === 0) return [];
  const known = new Set(existing.parties.map((p) => normalizeText(p)));
  const strangers = parties.filter((p) => !known.has(normalizeText(p)));
  if (strangers.length === 0) return [];
  return [
    issue(
      "warning",
      "cli.parties-differ",
      `${partiesLabel(strangers)} is not a party of ${agreementId} (${partiesLabel(existing.parties)}); is this the right agreement? (--agreement)`,
      { file },
    ),
  ];
}

/** Apply --as baseline and the date options to the parsed event. */
function adjust(ctx: Ctx, parsed: ParsedText, file: string, text: string, o: Overrides): LegalEventInput {
  let event = parsed.event;
  if (o.baseline !== undefined) {
    if (parsed.document === undefined) {
      throw new UserError(`--as baseline needs the whole text of an agreement (a 連携協約書); ${file} is a ${kindLabel(parsed.kind)} text`);
    }
    event = {
      ...event,
      payload: { kind: "baseline", document: parsed.document },
      dates: { ...event.dates, appliesFrom: o.baseline },
    };
  }
  if (o.signedOn !== undefined && event.draft) {
    throw new UserError(
      `${file} is a draft (案); record it as it stands, then give its 締結日 with \`kyoyaku ratify ID --event SEQ --signed-on ${o.signedOn}\``,
    );
  }
  const resolutions = ctx.resolutions(event.parties, file);
  const dates: EventDates = {
    ...event.dates,
    ...(o.signedOn !== undefined && { concludedOn: o.signedOn }),
    ...(o.appliesFrom !== undefined && { appliesFrom: o.appliesFrom }),
    resolutions: { ...event.dates.resolutions, ...resolutions },
  };
  if (o.whatIf) {
    // A hypothetical: always a draft, and without the source link, so that the same file
    // can also be (or already is) recorded for real in its own agreement.
    const { source: _source, ...rest } = event;
    return { ...rest, dates, draft: true };
  }
  const source = { ...(event.source ?? { text, sha256: sha256(text) }), name: storedSourceName(file) };
  return { ...event, dates, source, draft: event.draft || o.draft };
}

/**
 * The source name kept with the event: the path as given when it is relative and stays
 * below the working directory (協約/協約書.txt), else its base name — an absolute path says
 * where the file was on this machine, which is no part of the record and must not reach
 * the clients of `kyoyaku serve`.
 *
 * @example
 * storedSourceName("/home/a/協約書.txt"); // "協約書.txt"
 * storedSourceName("協約/協約書.txt"); // "協約/協約書.txt"
 */
export function storedSourceName(file: string): string {
  const parts = file.split(/[\\/]/u);
  if (!isAbsolute(file) && !/^[A-Za-z]:/u.test(file) && !parts.includes("..")) return file;
  return parts.filter((p) => p !== "").at(-1) ?? file;
}

/** A throwaway copy of the database for --dry-run: the engine checks every rule there. */
function scratchCopy(ctx: Ctx): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "kyoyaku-dry-run-"));
  const path = join(dir, "scratch.db");
  const db = ctx.dbPath();
  if (existsSync(db)) {
    copyFileSync(db, path);
    for (const ext of ["-wal", "-shm"]) if (existsSync(db + ext)) copyFileSync(db + ext, path + ext);
  }
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function printOutcome(ctx: Ctx, r: ImportOutcome): void {
  if (r.status === "failed") {
    ctx.note(`kyoyaku import: ${r.file}: ${r.message ?? "failed"}${/nothing recorded/u.test(r.message ?? "") ? "" : " — nothing recorded for this file"}`);
    for (const i of r.issues) ctx.note(`  ${formatIssue(i)}`);
    return;
  }
  const head = {
    recorded: ctx.out.green("記録しました（recorded）"),
    "would-record": ctx.out.cyan("記録予定（dry run: 書き込みません）"),
    duplicate: ctx.out.yellow("記録済み（already recorded）"),
  }[r.status];
  // The event heads the block as in the output of ratify/resolve/correct: 「#1 締結 (conclude)」.
  const kind = r.kind as Parameters<typeof kindLabel>[0];
  ctx.print(`${r.file}: ${head} #${r.seq} ${kindLabel(kind)}`);
  const rows: [string, string][] = [];
  rows.push(["協約", `${r.agreementId}${r.title !== undefined ? `（${r.title}）` : ""}`]);
  if (r.inferredId === true) rows.push(["", "協約IDは当事者から推定しました（--agreement ID で指定できます）"]);
  if (r.status === "duplicate") rows.push(["", "同じ原文が記録済みです — 何も書き込みませんでした"]);
  const status = r.eventStatus ?? (r.draft === true ? "draft" : "ratified");
  rows.push(["状態", status === "draft" ? `${statusLabel("draft")} — 確定するまで効力を持ちません` : statusLabel(status)]);
  if (r.parties) rows.push(["当事者", partiesLabel(r.parties)]);
  if (r.status !== "duplicate") {
    rows.push(...dateRows(r.dates, r.parties ?? [], kind));
    if (r.dates?.appliesFrom !== undefined && r.dates.concludedOn !== undefined && r.dates.appliesFrom < r.dates.concludedOn) {
      rows.push(["", `遡及適用: 適用日 ${jpDate(r.dates.appliesFrom)} は締結日より前`]);
    }
  }
  if (r.sha256 !== undefined) rows.push(["原文", `sha256:${r.sha256}`]);
  if (r.whatIf === true) rows.push(["仮定", "what-if: 仮定の案として記録（原文との紐付けなし、確定しない限り効力なし）"]);
  const warnings = r.issues.filter((i) => i.severity !== "error");
  warnings.forEach((i, n) => rows.push([n === 0 ? "警告" : "", formatIssue(i)]));
  ctx.print(indent(table(rows), "    "));
}
