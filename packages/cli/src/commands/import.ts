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
  formatIssue, isKyoyakuError, issue, normalizeText, partiesLabel, sha256, warekiLabel,
  type AgreementDocument, type EventDates, type Issue, type IsoDate, type Kyoyaku, type LegalEventInput, type RecordResult, type SourceOriginal,
} from "@kyoyaku/core";
import { amendedVersionIssue, ENCODING_LABEL, FORMAT_LABEL, type Encoding, type Format } from "@kyoyaku/formats";
import { inferAgreementId, parseText, restatement, type ParsedText, type SentenceReading } from "@kyoyaku/text";
import type { Command } from "../command.js";
import { checkResolutions, type Ctx } from "../context.js";
import { EXIT, UsageError, UserError, refusal } from "../errors.js";
import { dateRows, indent } from "../format/answers.js";
import { jpDate } from "../format/dates.js";
import { kindLabel, statusLabel } from "../format/labels.js";
import { table } from "../format/width.js";
import { Progress } from "../progress.js";
import { readDocumentFile } from "../text-file.js";
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
  /** For a duplicate: `source` (the same text) or `content` (other bytes, the same legal event as #seq). */
  readonly duplicateBy?: "source" | "content";
  readonly title?: string;
  readonly parties?: readonly string[];
  readonly dates?: EventDates;
  readonly sha256?: string;
  /** The file the text was read from, when it is not a UTF-8 text (Word, PDF, HTML, Shift_JIS…). */
  readonly original?: SourceOriginal;
  /** Recorded as a hypothetical draft (--what-if). */
  readonly whatIf?: boolean;
  /** With --dry-run: every sentence of the text and what it was read as (the completeness law). */
  readonly reading?: readonly SentenceReading[];
  readonly message?: string;
  readonly issues: readonly Issue[];
}

export const importCommand: Command = {
  spec: {
    name: "import",
    summary: "締結・変更・廃止の文書、又は起点とする現行の本文を読み取って記録する",
    description:
      "各 FILE（連携協約書、変更連携協約書又は廃止の文書。（案）とある文書は案として記録する）を読み取り、一つの出来事として記録する。ファイルごとに一つのトランザクションとし、失敗したファイル（読めない、協約の文書でない、規則に反する）はその旨を報告して、データベースを元のまま残す。他のファイルは記録する。同じファイルを2回取り込んでも何も記録せず、その旨を表示する。バイト列が違っても同じ出来事と読める写し（改行 CRLF、行末の空白、別のファイル名）も同様とする。\n既に締結のある協約への2度目の締結は拒否する（--restate を付ければ全部変更として記録する）。\n本文に書かれていないこと（議決日、適用日、締結日）はオプションで与える。--agreement がなければ協約の ID を当事者から推定して表示する。当事者の協約が別の ID で記録されている変更又は廃止は、--agreement でその ID を指定するまで拒否する（cli.agreement-ambiguous）。",
    positionals: [{ name: "FILE", required: true, variadic: true, description: "取り込むファイル（指定の順に処理する）: テキスト（UTF-8、UTF-16、Shift_JIS、EUC-JP）、例規集の HTML、Word（.docx）、PDF 又は export --format egov-xml が書き出す法令標準XML。形式は内容で判別する（docs/formats.md）" }],
    options: [
      { name: "agreement", short: "a", type: "string", value: "ID", description: "記録先の協約の ID。例: okayama-wake（既定: 当事者から推定する）" },
      { name: "as", type: "string", value: "KIND", description: "baseline: 本文を効力を有するものとして記録する（現行取込）。それより前の履歴は記録しない" },
      { name: "in-force-on", type: "string", value: "DATE", description: "--as baseline とともに指定する: その本文が効力を有していたと分かっている日" },
      RESOLUTION_OPTION,
      {
        name: "applies-from",
        type: "string",
        value: "DATE",
        description: "適用日。本文に書かれていないとき（附則が「別に定める日から適用する」とするときは、これがなければ拒否する）又は本文の日付に代えるときに指定する。記録には、利用者が与えた日付であること（入力による）を残す",
      },
      { name: "signed-on", type: "string", value: "DATE", description: "締結日。本文に書かれていないときに指定する" },
      { name: "draft", type: "boolean", description: "本文に（案）とない場合でも案として記録する。日付の空欄を認める" },
      {
        name: "restate",
        type: "boolean",
        description:
          "協約の全文（連携協約書）を、その協約の全部変更（全文を置き換える一つの改正操作からなる変更）として記録する。これがなければ、既に締結のある協約への2度目の締結は拒否する",
      },
      {
        name: "what-if",
        type: "boolean",
        description:
          "変更の文書を --agreement の協約に対する仮定の案として記録する（例: 他の協約の変更を当てはめたらどうなるかを見る）。そのファイルの正規の記録とは区別し、原本への参照を持たせず、記録者に (what-if) と付す",
      },
      RECORDED_BY_OPTION,
      { name: "dry-run", short: "n", type: "boolean", description: "すべてを検査し、記録されることになる内容を一文ずつ表示する（行、本文 → 何と読んだか）。何も書き込まない" },
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku import 連携協約書.txt --agreement okayama-wake --resolution 岡山市=2016-09-30 --resolution 和気町=2016-09-27", note: "本文に書かれていない議決日を付けて締結を記録する" },
      { command: "kyoyaku import 変更連携協約書.txt --agreement okayama-wake", note: "変更を記録する（（案）とあれば案として）" },
      { command: "kyoyaku import 現行.txt --as baseline --in-force-on 令和6年4月1日 --agreement okayama-bizen", note: "効力を有する本文から履歴を始める（現行取込）" },
      { command: "kyoyaku import texts/*.txt --dry-run", note: "多数のファイルを、何も書き込まずに検査する" },
      { command: "kyoyaku import 変更連携協約書.txt --agreement okayama-wake --dry-run", note: "記録する前に、各文と、それが何として記録されるかを表示する" },
      { command: "kyoyaku import 変更連携協約書.txt --agreement okayama-wake --applies-from 令和7年4月1日", note: "附則が「別に定める日から適用する」とする場合: 適用日を与える（入力によるものとして記録する）" },
      { command: "kyoyaku import 連携協約書_全部変更.txt --agreement okayama-wake --restate", note: "新しい協約の全文を okayama-wake の全部変更として記録する" },
    ],
  },
  async run(ctx) {
    const files = ctx.args.positionals;
    const as = ctx.args.string("as");
    if (as !== undefined && as !== "baseline") throw new UsageError(`--as ${as}: 指定できる値は baseline（現行取込）だけ`, "import", "usage.invalid-value");
    const inForceOn = ctx.date("in-force-on");
    if (as === "baseline" && inForceOn === undefined) throw new UsageError("--as baseline には --in-force-on DATE（その本文が効力を有していたと分かっている日）が要る", "import", "usage.missing-option");
    if (as === undefined && inForceOn !== undefined) throw new UsageError("--in-force-on は --as baseline と一緒に使う", "import", "usage.conflict");
    if (as !== undefined && ctx.args.flag("restate")) throw new UsageError("--restate と --as baseline は同時に使えない（--restate は記録済みの協約を改め、baseline は協約の記録を始める）", "import", "usage.conflict");
    const overrides: Overrides = {
      baseline: inForceOn,
      appliesFrom: ctx.date("applies-from"),
      signedOn: ctx.date("signed-on"),
      draft: ctx.args.flag("draft"),
      agreement: ctx.args.string("agreement"),
      whatIf: ctx.args.flag("what-if"),
      restate: ctx.args.flag("restate"),
    };
    if (overrides.whatIf && overrides.agreement === undefined) throw new UsageError("--what-if には --agreement ID（本文を試す協約）が要る", "import", "usage.missing-option");
    // Check every --resolution's form and date before touching any file.
    checkResolutions(ctx.args.list("resolution"), "import");
    const dryRun = ctx.args.flag("dry-run");
    const scratch = dryRun ? scratchCopy(ctx) : undefined;
    const outcomes: ImportOutcome[] = [];
    const progress = new Progress(ctx.io, files.length, !ctx.wantsJson);
    try {
      const k = ctx.engine({ create: scratch !== undefined, ...(scratch && { path: scratch.path }) });
      for (const [i, file] of files.entries()) {
        progress.update(i, file);
        const outcome = await importOne(ctx, k, file, overrides, dryRun);
        outcomes.push(outcome);
        progress.clear();
        if (!ctx.wantsJson) printOutcome(ctx, outcome);
      }
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

/**
 * The text in force on a day, for a 新旧対照表方式 amendment (its 改正前 cells are checked against it):
 * the agreement named by --agreement, else the one its parties name; none when it is not recorded.
 */
const baseAt = (k: Kyoyaku, agreement: string | undefined) => (day: IsoDate, parties: readonly string[]): AgreementDocument | undefined => {
  try {
    return k.asOf(agreement ?? inferAgreementId(parties), day).document;
  } catch (e) {
    if (isKyoyakuError(e)) return undefined;
    throw e;
  }
};

interface Overrides {
  readonly baseline: IsoDate | undefined;
  readonly appliesFrom: IsoDate | undefined;
  readonly signedOn: IsoDate | undefined;
  readonly draft: boolean;
  readonly agreement: string | undefined;
  readonly whatIf: boolean;
  /** Record a whole agreement text as a restatement (全部変更): an amend with one `restate` operation. */
  readonly restate: boolean;
}

/** Read, parse, adjust and record one file; never throws for problems of that file. */
async function importOne(ctx: Ctx, k: Kyoyaku, file: string, o: Overrides, dryRun: boolean): Promise<ImportOutcome> {
  const failed = (message: string, issues: readonly Issue[] = []): ImportOutcome => ({ file, status: "failed", message, issues });
  const read = await readDocumentFile(ctx.path(file), file);
  if (!read.ok) return failed(read.message, read.issues);
  // kyoyaku's export of a changed version: only a baseline may take it (as a 締結 it would be silently wrong).
  if (read.amendedVersion !== undefined && o.baseline === undefined) {
    const refusal = amendedVersionIssue(file, read.amendedVersion);
    return failed(`${refusal.message} [${refusal.code}]`, [refusal]);
  }
  const text = read.text;
  const parsed = parseText(text, { file, allowDraft: o.draft, ...(o.appliesFrom !== undefined && { appliesFrom: o.appliesFrom }), baseAt: baseAt(k, o.agreement) });
  if (!parsed.ok) return failed("協約の本文として読めない [parse.refused]", parsed.issues);
  let event: LegalEventInput;
  try {
    event = adjust(ctx, parsed.value, file, text, o, read.original);
  } catch (e) {
    if (e instanceof UserError) return failed(e.code === undefined ? e.message : `${e.message} [${e.code}]`, [...e.issues, ...parsed.issues]);
    throw e;
  }
  const inferredId = o.agreement === undefined;
  // A 通告 letter is from one party; the agreement it ends is named in its 件名.
  const agreementId = o.agreement ?? (parsed.value.kind === "notice" ? parsed.value.suggestedId : inferAgreementId(event.parties));
  if (inferredId && !o.whatIf && event.payload.kind !== "conclude" && event.payload.kind !== "baseline") {
    const elsewhere = samePartiesElsewhere(k, agreementId, event.parties, event.source?.sha256);
    if (elsewhere.length > 0) {
      const message = `当事者（${partiesLabel(event.parties)}）が同じ協約 ${elsewhere.join("、")} が記録済みだが、--agreement がないため新しい協約 ${agreementId} として記録するところだった：その協約の${kindLabel(parsed.value.kind)} なら ${elsewhere.length === 1 ? `--agreement ${elsewhere[0]!}` : `--agreement ID（${elsewhere.join("、")} のどれか）`} を付け、別の協約なら --agreement ${agreementId} と明示して取り込む`;
      return failed("記録する協約を決められません（agreement ambiguous）", [issue("error", "cli.agreement-ambiguous", message, { file })]);
    }
  }
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
    ...(read.original !== undefined && { original: read.original }),
    ...(o.whatIf && { whatIf: true }),
    ...(dryRun && { reading: finalReading(parsed.value.reading, event.dates) }),
  };
  let result: RecordResult;
  try {
    const recordedBy = o.whatIf ? `${ctx.recordedBy()} (what-if)` : ctx.recordedBy();
    result = k.record({ agreementId, event, recordedBy });
  } catch (e) {
    if (isKyoyakuError(e) && e.code !== "store.schema" && e.code !== "store.integrity" && e.code !== "internal") {
      const r = refusal(e);
      // The engine knows no options: say which one gives what the text does not state.
      const hints = r.issues.some((i) => i.code === "rule.missing-conclusion-date") && o.signedOn === undefined
        ? [issue("info", "cli.hint", "本文に締結日がない（例規集のページなど）：締結日を --signed-on DATE で与える（記録は「入力による」と示す）。案なら --draft", { file })]
        : [];
      return { ...base, status: "failed", message: r.headline, issues: [...r.issues.map((i) => (i.location.file === undefined ? { ...i, location: { file, ...i.location } } : i)), ...hints] };
    }
    throw e;
  }
  // The engine's findings do not know the file; the parser's already say file:line.
  const issues = [...read.notes, ...warnings, ...parsed.issues, ...result.issues.map((i) => (i.location.file === undefined ? { ...i, location: { file, ...i.location } } : i))];
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
      duplicateBy: result.duplicateBy ?? "source",
      issues: issues.filter((i) => !warnings.includes(i)),
    };
  }
  return { ...base, status: dryRun ? "would-record" : "recorded", seq: result.event.seq, issues };
}

/** The original file in words: 「Word（.docx）、18 KiB、sha256:…」. */
function originalLabel(o: SourceOriginal): string {
  const format = FORMAT_LABEL[o.format as Format] ?? o.format;
  const encoding = o.encoding !== undefined ? `、${ENCODING_LABEL[o.encoding as Encoding] ?? o.encoding}` : "";
  return `${format}${encoding}、${o.bytes.toLocaleString("ja-JP")}バイト、sha256:${o.sha256}`;
}

/**
 * The recorded agreements, other than `agreementId` (which is not recorded), whose parties are
 * exactly `parties`: a 変更, 廃止 or 通告 imported without --agreement would otherwise start a
 * new agreement made of that one change, while the agreement it changes is recorded under
 * another id. An agreement already holding this very source is left out (the engine says
 * the file is already recorded there).
 *
 * @example
 * samePartiesElsewhere(k, "倉敷市-早島町", ["倉敷市", "早島町"], sha); // ["kurashiki"]
 */
function samePartiesElsewhere(k: Kyoyaku, agreementId: string, parties: readonly string[], sha: string | undefined): string[] {
  const agreements = k.agreements();
  if (parties.length === 0 || agreements.some((a) => a.id === agreementId)) return [];
  const key = (ps: readonly string[]): string => ps.map((p) => normalizeText(p)).sort().join("\u0000");
  const same = agreements.filter((a) => key(a.parties) === key(parties)).map((a) => a.id);
  if (sha !== undefined && same.some((id) => k.events(id).some((e) => e.legal?.source?.sha256 === sha))) return [];
  return same;
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
      `${partiesLabel(strangers)}は${agreementId}の当事者（${partiesLabel(existing.parties)}）ではない。協約の指定（--agreement）は正しいか`,
      { file },
    ),
  ];
}

/** Apply --as baseline and the date options to the parsed event. */
function adjust(ctx: Ctx, parsed: ParsedText, file: string, text: string, o: Overrides, original?: SourceOriginal): LegalEventInput {
  let event = parsed.event;
  if (o.baseline !== undefined) {
    if (parsed.document === undefined) {
      throw new UserError(`--as baseline には協約の全文（連携協約書）が要るが、${file} は${kindLabel(parsed.kind)}の本文`, [], "usage.invalid-input");
    }
    event = {
      ...event,
      payload: { kind: "baseline", document: parsed.document },
      dates: { ...event.dates, appliesFrom: o.baseline },
    };
  }
  if (o.restate) {
    const r = restatement(parsed);
    if (r === undefined) throw new UserError(`--restate には協約の全文（連携協約書）が要るが、${file} は${kindLabel(parsed.kind)}の本文。--restate なしで取り込むこと`, [], "usage.invalid-input");
    event = r;
  }
  if (o.signedOn !== undefined && event.draft) {
    throw new UserError(
      `${file} は案。まずそのまま記録し、締結日は kyoyaku ratify ID --event SEQ --signed-on ${o.signedOn} で与えること`, [], "usage.draft-signed-on",
    );
  }
  const resolutions = ctx.resolutions(event.parties, file);
  // The record says which dates came from the person, not the text.
  const supplied = new Set(event.dates.supplied ?? []);
  if (o.signedOn !== undefined) supplied.add("concludedOn");
  if (o.appliesFrom !== undefined && o.baseline === undefined) supplied.add("appliesFrom");
  const dates: EventDates = {
    ...event.dates,
    ...(o.signedOn !== undefined && { concludedOn: o.signedOn }),
    ...(o.appliesFrom !== undefined && { appliesFrom: o.appliesFrom }),
    resolutions: { ...event.dates.resolutions, ...resolutions },
    ...(supplied.size > 0 && { supplied: [...supplied] }),
  };
  if (o.whatIf) {
    // A hypothetical: always a draft, and without the source link, so that the same file
    // can also be (or already is) recorded for real in its own agreement.
    const { source: _source, ...rest } = event;
    return { ...rest, dates, draft: true };
  }
  // The text read is the source; a file that was not that text (Word, PDF, HTML, Shift_JIS) is named by its bytes' SHA-256.
  const source = { ...(event.source ?? { text, sha256: sha256(text) }), name: storedSourceName(file), ...(original !== undefined && { original }) };
  return { ...event, dates, source, draft: event.draft || o.draft };
}

/** The reading with the 適用日 the event will have (--applies-from may replace the text's). */
function finalReading(reading: readonly SentenceReading[], dates: EventDates): SentenceReading[] {
  return reading.map((r) => (r.as.kind !== "operation" ? r : {
    ...r,
    as: { kind: "operation", operations: r.as.operations.map((o) => {
      if (o.appliesFromSource !== "event") return o;
      const { appliesFrom: _a, ...rest } = o;
      return dates.appliesFrom !== undefined ? { ...rest, appliesFrom: dates.appliesFrom } : rest;
    }) },
  }));
}

const OP_LABEL: Readonly<Record<string, string>> = {
  replace: "全体の改正", replaceText: "文言の改正", deleteText: "文言の削除", insert: "追加", delete: "削除", renumber: "番号の変更", restate: "全部変更",
};
const PART_LABEL: Readonly<Record<string, string>> = {
  "draft-mark": "（案）の表示", title: "題名", date: "日付", parties: "当事者", name: "名称", preamble: "前文", enacting: "制定文",
  "supplementary-heading": "附則の見出し", closing: "後文", "signature-date": "署名欄の日付", signature: "署名欄", "new-text": "新しい本文", "table-header": "新旧対照表の見出し行", kept: "新旧対照表の（略）の行（改めない規定）", document: "協約書の全文（締結）",
  "notice-letter": "通告書の全文（通告）",
};
const FIELD_LABEL = { appliesFrom: "適用日", effectiveFrom: "施行日", proviso: "ただし書の適用日" } as const;

/**
 * One line of the dry-run listing: 「12  第5条中「…」を「…」に改める。  → 文言の改正 article:5（適用日 令和7年4月1日）」.
 *
 * @example
 * readingLine({ line: 10, lastLine: 10, text: "…を次のとおり変更する。", as: { kind: "part", part: "enacting" } });
 * // "10  …を次のとおり変更する。  → 制定文（効力なし）"
 */
export function readingLine(r: SentenceReading): string {
  const lines = r.text.split("\n");
  const first = lines[0]!;
  const short = (first.length > 36 ? `${first.slice(0, 35)}…` : first) + (r.lastLine > r.line ? `（〜${r.lastLine}行目）` : "");
  const day = (iso: string | undefined): string => (iso !== undefined ? warekiLabel(iso) : "未確定");
  let as: string;
  switch (r.as.kind) {
    case "operation":
      as = r.as.operations.map((o) => `${OP_LABEL[o.op] ?? o.op} ${o.target}${o.to !== undefined ? ` → ${o.to}` : ""}（${o.appliesFromSource === "proviso" ? "ただし書の" : ""}適用日 ${day(o.appliesFrom)}）`).join("、");
      break;
    case "abolish": as = "廃止"; break;
    case "supplementary":
      as = `附則: ${r.as.dates.map((d) => `${FIELD_LABEL[d.field]} ${day(d.iso)}${d.written !== undefined && d.iso !== undefined && !d.written.includes("月") ? `（「${d.written}」）` : ""}${d.supplied === true ? "（入力による）" : ""}`).join("、")}`;
      break;
    case "part":
      // The whole 協約書 or 通告 letter is what is recorded: only the other parts are without effect.
      as = r.as.part === "new-text" ? `新しい本文（${r.as.of}行目の改め文の）`
        : r.as.part === "document" || r.as.part === "notice-letter" ? PART_LABEL[r.as.part]!
        : `${PART_LABEL[r.as.part] ?? r.as.part}（効力なし）`;
      break;
  }
  return `${String(r.line).padStart(4)}  ${short}  → ${as}`;
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
    ctx.note(`kyoyaku import: ${r.file}: ${r.message ?? "失敗"}${/nothing recorded|記録していない|記録しなかった|記録していません/u.test(r.message ?? "") ? "" : " — このファイルからは何も記録していない"}`);
    // A file refused by its format has its one issue as the message already.
    for (const i of r.issues) if (i.message !== r.message) ctx.note(`  ${formatIssue(i)}`);
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
  if (r.status === "duplicate") {
    rows.push(["", r.duplicateBy === "content"
      ? `同じ内容（操作・日付・当事者・基の協約・案の別）が #${r.seq} として記録済みです（原文のバイトが異なるだけ） — 何も書き込みませんでした`
      : "同じ原文が記録済みです — 何も書き込みませんでした"]);
  }
  const status = r.eventStatus ?? (r.draft === true ? "draft" : "ratified");
  rows.push(["状態", status === "draft" ? `${statusLabel("draft")} — 確定するまで効力を持ちません` : statusLabel(status)]);
  if (r.parties) rows.push(["当事者", partiesLabel(r.parties)]);
  if (r.status !== "duplicate") {
    rows.push(...dateRows(r.dates, r.parties ?? [], kind));
    if (r.dates?.appliesFrom !== undefined && r.dates.concludedOn !== undefined && r.dates.appliesFrom < r.dates.concludedOn) {
      rows.push(["", `遡及適用: 適用日 ${jpDate(r.dates.appliesFrom)} は締結日より前`]);
    }
  }
  if (r.sha256 !== undefined) rows.push(["原文", `sha256:${r.sha256}${r.original !== undefined ? "（読み取った本文）" : ""}`]);
  if (r.original !== undefined) rows.push(["原本", originalLabel(r.original)]);
  if (r.whatIf === true) rows.push(["仮定", "what-if: 仮定の案として記録（原文との紐付けなし、確定しない限り効力なし）"]);
  const warnings = r.issues.filter((i) => i.severity !== "error");
  warnings.forEach((i, n) => rows.push([n === 0 ? "警告" : "", formatIssue(i)]));
  ctx.print(indent(table(rows), "    "));
  if (r.reading !== undefined && r.reading.length > 0) {
    // Every sentence and what it would be recorded as, for a 法規担当 to confirm before recording.
    ctx.print("    読み取り（文ごと: 行  本文  → 読み取った内容）:");
    for (const x of r.reading) ctx.print(`    ${readingLine(x)}`);
  }
}
