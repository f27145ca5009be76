/**
 * The shape every command that records one event shares (read the options, open the
 * database, record, print), and the helpers of the commands that record events about
 * earlier events (ratify, resolve, correct) or a legal event without a text (notice,
 * withdraw-notice, renew, decline-renewal).
 *
 * @module
 */
import { agreementNotFound, formatIssue, normalizeText, noTargetMessage, partiesLabel, type HistoryEntry, type Kyoyaku, type LegalEventInput, type RecordResult } from "@kyoyaku/core";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { dateRows, indent } from "../format/answers.js";
import { jpDate } from "../format/dates.js";
import { kindLabel, statusLabel } from "../format/labels.js";
import { table } from "../format/width.js";

/**
 * `--event SEQ` as a positive integer.
 *
 * @example
 * parseSeq("2", "ratify"); // 2
 */
export function parseSeq(text: string | undefined, command: string): number {
  if (text === undefined) throw new UsageError("オプション --event SEQ（出来事の番号。kyoyaku history ID で分かる）がない", command, "usage.missing-option");
  const t = text.trim().normalize("NFKC").replace(/^#/u, "");
  if (!/^[1-9][0-9]*$/u.test(t)) throw new UsageError(`--event ${text}: 出来事の番号（例: 2。kyoyaku history ID で分かる）を指定すること`, command, "usage.invalid-value");
  return Number(t);
}

/**
 * The history entry of the target event, with a clear error when there is none.
 *
 * @example
 * targetEntry(k, "okayama-wake", 1).kind; // "conclude"
 */
export function targetEntry(k: Kyoyaku, id: string, seq: number): HistoryEntry {
  const entries = k.history(id);
  const entry = entries.find((e) => e.seq === seq);
  if (entry === undefined) {
    throw new UserError(`${noTargetMessage(id, k.events(id), seq)}。出来事の一覧は kyoyaku history ${id}`, [], "not-found.event");
  }
  return entry;
}

/**
 * Print what a record event (ratify, resolve, correct) did, and the target as it now reads.
 *
 * @example
 * printRecordResult(ctx, k.resolve(request), before, k.history(id).find((e) => e.seq === 1));
 */
export function printRecordResult(ctx: Ctx, r: RecordResult, target: HistoryEntry, after: HistoryEntry | undefined): void {
  if (ctx.wantsJson) {
    ctx.json({ agreementId: r.agreementId, duplicate: r.duplicate, event: r.event, target: after ?? target, issues: r.issues });
    return;
  }
  const said = r.duplicate ? "既に記録されています。何も記録していません（duplicate）" : "記録しました（recorded）";
  ctx.print(`${r.agreementId}: ${ctx.out.green(said)} #${r.event.seq} ${kindLabel(r.event.kind)} → #${target.seq} ${kindLabel(target.kind)}`);
  const shown = after ?? target;
  const rows: [string, string][] = [["対象の状態", statusLabel(shown.status)]];
  rows.push(...dateRows(shown.dates, shown.parties, shown.kind));
  r.issues.forEach((i, n) => rows.push([n === 0 ? "警告" : "", formatIssue(i)]));
  ctx.print(indent(table(rows), "    "));
}

/** The steps of {@link recordOne}: what a command records, and how it says so. */
interface RecordSteps<T, W> {
  /** Read and check the options (the agreement id given): runs before the database is opened. */
  readonly read: (id: string) => T;
  /** Record the event (the engine open). */
  readonly record: (k: Kyoyaku, id: string, input: T) => W;
  /** Print what was recorded (JSON with --json). */
  readonly print: (k: Kyoyaku, written: W) => void;
}

/**
 * Record one event: the agreement id, the command's options (a usage mistake is told before
 * the database is opened), the engine, the record, the printed result.
 *
 * @example
 * recordOne(ctx, { read: () => ctx.date("on", { required: true })!, record: (k, id, on) => k.record(…), print: (k, r) => printNotice(ctx, k, r) });
 */
function recordOne<T, W>(ctx: Ctx, steps: RecordSteps<T, W>): void {
  const id = ctx.args.positional(0)!;
  const input = steps.read(id);
  const k = ctx.engine();
  steps.print(k, steps.record(k, id, input));
}

/** The event a record event is about: `--event SEQ` of agreement `id`, and its history entry before. */
export interface RecordTarget {
  readonly id: string;
  readonly seq: number;
  readonly entry: HistoryEntry;
}

/**
 * Record one event about the earlier event `--event SEQ` (ratify, resolve, correct): `read`
 * the command's options, then `record` it given the target's history entry; prints the
 * result and the target as it now reads.
 *
 * @example
 * recordAbout(ctx, "resolve", {
 *   read: () => undefined,
 *   record: (k, { id, seq }) => k.resolve({ agreementId: id, target: seq, resolutions, recordedBy: ctx.recordedBy() }),
 * });
 */
export function recordAbout<T>(
  ctx: Ctx,
  command: string,
  steps: {
    readonly read: (id: string, seq: number) => T;
    readonly record: (k: Kyoyaku, target: RecordTarget, input: T) => RecordResult;
  },
): void {
  recordOne(ctx, {
    read: (id) => {
      const seq = parseSeq(ctx.args.string("event"), command);
      return { seq, input: steps.read(id, seq) };
    },
    record: (k, id, { seq, input }) => {
      const entry = targetEntry(k, id, seq);
      return { id, entry, seq, r: steps.record(k, { id, seq, entry }, input) };
    },
    print: (k, { id, entry, seq, r }) => printRecordResult(ctx, r, entry, k.history(id).find((e) => e.seq === seq)),
  });
}

/**
 * Record one legal event without a text (notice, withdraw-notice, renew, decline-renewal):
 * `read` the options, build the `event` (the engine open), record it and print it with the
 * agreement's 通告 and term as they now stand.
 *
 * @example
 * recordLegal(ctx, {
 *   read: () => ctx.date("on", { required: true })!,
 *   event: (_k, _id, on) => ({ payload: { kind: "renew", until }, dates: { concludedOn: on, resolutions: {} }, draft: false, parties }),
 * });
 */
export function recordLegal<T>(
  ctx: Ctx,
  steps: { readonly read: (id: string) => T; readonly event: (k: Kyoyaku, id: string, input: T) => LegalEventInput },
): void {
  recordOne(ctx, {
    read: steps.read,
    record: (k, id, input) => {
      // An id with no record is refused as every read refuses it (nearest ids named), never read as
      // a new agreement whose 通告 or 更新 clause is missing.
      if (!k.agreements().some((a) => a.id === id)) throw agreementNotFound(id, k.agreements().map((a) => a.id));
      return k.record({ agreementId: id, event: steps.event(k, id, input), recordedBy: ctx.recordedBy() });
    },
    print: (k, r) => printLegalResult(ctx, k, r),
  });
}

/**
 * Print what a legal event without a text (通告, 撤回, 更新, 更新拒絶) did, with the agreement's
 * 通告 and term as they now stand.
 *
 * @example
 * printLegalResult(ctx, k, k.record(request));
 */
export function printLegalResult(ctx: Ctx, k: Kyoyaku, r: RecordResult): void {
  const t = k.timeline(r.agreementId);
  const notices = t.notices ?? [];
  if (ctx.wantsJson) {
    ctx.json({ agreementId: r.agreementId, duplicate: r.duplicate, event: r.event, notices, ...(t.term !== undefined && { term: t.term }), issues: r.issues });
    return;
  }
  ctx.print(`${r.agreementId}: ${ctx.out.green("記録しました（recorded）")} #${r.event.seq} ${kindLabel(r.event.kind)}`);
  const legal = r.event.legal!;
  const rows: [string, string][] = [["当事者", partiesLabel(legal.parties)], ...dateRows(legal.dates, legal.parties, r.event.kind)];
  for (const n of notices) {
    const what = n.outcome === "ended" ? "失効日" : n.outcome === "withdrawn" ? `失効日（#${n.withdrawnBy ?? "?"} で撤回）` : "失効日（先に終了）";
    rows.push([`#${n.seq} 通告`, `${normalizeText(n.party)}、通告日 ${jpDate(n.notifiedOn)}、${what} ${jpDate(n.expiresOn)}`]);
  }
  if (t.term !== undefined) {
    const how = { expired: "期間満了で終了", running: "期間中", unrecorded: `自動延長（記録なし）: ${t.term.unrecordedFrom !== undefined ? jpDate(t.term.unrecordedFrom) : ""}からは延長と更新拒絶のいずれも記録がない` }[t.term.outcome];
    rows.push(["期間", `${jpDate(t.term.from)}から${jpDate(t.term.last)}まで — ${how}`]);
  }
  r.issues.forEach((i, n) => rows.push([n === 0 ? "注記" : "", formatIssue(i)]));
  ctx.print(indent(table(rows), "    "));
}
