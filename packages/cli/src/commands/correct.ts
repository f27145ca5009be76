/**
 * `kyoyaku correct`: 訂正 — a recorded event was wrong. Recorded as a new event with a
 * reason; the wrong record stays visible in the audit trail.
 *
 * @module
 */
import type { CorrectionRequest, EventDates, IsoDate, LegalPayload } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";
import type { Command } from "../command.js";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { ID_ARGUMENT, EVENT_OPTION, JSON_OPTION, RECORDED_BY_OPTION, RESOLUTION_OPTION } from "../spec.js";
import { readTextFile } from "../text-file.js";
import { recordAbout, type RecordTarget } from "./record-common.js";

export const correct: Command = {
  spec: {
    name: "correct",
    summary: "訂正: 記録した出来事の日付又は本文を訂正し、又はその記録を取り消す",
    description:
      "出来事 SEQ の訂正を、--reason（理由）とともに記録する。訂正できるのは、日付（締結日、適用日又は議決日の入力誤り）、本文（--file。誤ったファイルを取り込んだとき）である。--retract はその出来事の記録を取り消す。\n記録をその場で書き換えることはしない。時点照会は訂正を記録した時から訂正後の内容を用い、それより前の --known-at では訂正前の記録を示す。",
    positionals: [ID_ARGUMENT],
    options: [
      EVENT_OPTION,
      { name: "reason", type: "string", value: "TEXT", description: "記録が誤っていた理由。必須" },
      { name: "signed-on", type: "string", value: "DATE", description: "正しい締結日" },
      { name: "applies-from", type: "string", value: "DATE", description: "正しい適用日" },
      { ...RESOLUTION_OPTION, description: "団体の正しい議決日。例: 和気町=2016-09-27。複数回指定可" },
      { name: "file", type: "string", value: "FILE", description: "正しい本文（出来事の内容を置き換える）" },
      { name: "retract", type: "boolean", description: "出来事の記録をすべて取り消す（例: 別の協約に記録してしまったとき）" },
      RECORDED_BY_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku correct okayama-wake --event 1 --applies-from 2016-10-11 --reason \"適用日の入力誤り\"", note: "適用日の入力誤りを正す" },
      { command: "kyoyaku correct okayama-wake --event 3 --retract --reason \"別の協約の変更を誤って登録\"", note: "誤って記録した出来事を取り消す" },
    ],
  },
  run(ctx) {
    recordAbout(ctx, "correct", { read: () => readCorrection(ctx), record: (k, target, input) => k.correct(correction(ctx, target, input)) });
  },
};

/** The options of `correct`. */
interface Correction {
  readonly reason: string;
  readonly signedOn: IsoDate | undefined;
  readonly appliesFrom: IsoDate | undefined;
  readonly file: string | undefined;
  readonly retract: boolean;
  readonly hasDates: boolean;
}

/** The options of `correct`, checked before the database is opened. */
function readCorrection(ctx: Ctx): Correction {
  const reason = ctx.args.string("reason");
  if (reason === undefined) throw new UsageError("オプション --reason TEXT（記録が誤っていた理由）がない", "correct", "usage.missing-option");
  const signedOn = ctx.date("signed-on");
  const appliesFrom = ctx.date("applies-from");
  const file = ctx.args.string("file");
  const retract = ctx.args.flag("retract");
  const hasDates = signedOn !== undefined || appliesFrom !== undefined || ctx.args.list("resolution").length > 0;
  if (!retract && !hasDates && file === undefined) {
    throw new UsageError("訂正する内容がない。--signed-on、--applies-from、--resolution、--file、--retract のいずれかを指定すること", "correct", "usage.missing-option");
  }
  if (retract && (hasDates || file !== undefined)) throw new UsageError("--retract は出来事の記録を取り消すもので、日付や --file とは一緒に使えない", "correct", "usage.conflict");
  return { reason, signedOn, appliesFrom, file, retract, hasDates };
}

/** The correction request of event `seq`, its dates merged into the target's as recorded. */
function correction(ctx: Ctx, { id, seq, entry }: RecordTarget, input: Correction): CorrectionRequest {
  const { reason, signedOn, appliesFrom, file, retract, hasDates } = input;
  let dates: EventDates | undefined;
  if (hasDates) {
    const current = entry.dates;
    dates = {
      ...current,
      ...(signedOn !== undefined && { concludedOn: signedOn }),
      ...(appliesFrom !== undefined && { appliesFrom }),
      resolutions: { ...(current?.resolutions ?? {}), ...ctx.resolutions(entry.parties, `${id} #${seq}`) },
    };
  }
  let payload: LegalPayload | undefined;
  if (file !== undefined) {
    const read = readTextFile(ctx.path(file), file);
    if (!read.ok) throw new UserError(`--file ${file}: ${read.message}`);
    const parsed = parseText(read.text, { file, allowDraft: true });
    if (!parsed.ok) throw new UserError(`--file ${file}: 読み取れない箇所があります（not read）：下の行を確かめてください`, parsed.issues);
    payload = parsed.value.event.payload;
  }
  return {
    agreementId: id,
    target: seq,
    reason,
    ...(dates && { dates }),
    ...(payload && { payload }),
    ...(retract && { retract }),
    recordedBy: ctx.recordedBy(),
  };
}
