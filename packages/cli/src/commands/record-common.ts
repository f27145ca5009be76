/**
 * Helpers shared by the commands that record events about earlier events (ratify, resolve,
 * correct).
 *
 * @module
 */
import { formatIssue, noTargetMessage, type HistoryEntry, type Kyoyaku, type RecordResult } from "@kyoyaku/core";
import type { Ctx } from "../context.js";
import { UsageError, UserError } from "../errors.js";
import { dateRows, indent } from "../format/answers.js";
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
  ctx.print(`${r.agreementId}: ${ctx.out.green("記録しました（recorded）")} #${r.event.seq} ${kindLabel(r.event.kind)} → #${target.seq} ${kindLabel(target.kind)}`);
  const shown = after ?? target;
  const rows: [string, string][] = [["対象の状態", statusLabel(shown.status)]];
  rows.push(...dateRows(shown.dates, shown.parties, shown.kind));
  r.issues.forEach((i, n) => rows.push([n === 0 ? "警告" : "", formatIssue(i)]));
  ctx.print(indent(table(rows), "    "));
}
