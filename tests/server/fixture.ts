/**
 * A kyoyaku database for the server tests, made from the seed documents
 * (tests/fixtures/seeds; see the README there for their provenance) with the engine, as a
 * user would with the CLI:
 *
 * - okayama-wake: the 連携協約書 (締結 平成28年10月11日) with both 議決日, and — as in
 *   `kyoyaku demo` — the 岡山市 × 備前市 draft 変更連携協約書 recorded as a what-if draft
 *   amendment of it (its 別表 replaced from 令和7年4月1日). With `ratified`, that draft is
 *   ratified (締結 令和7年3月28日), so the 新旧対照表 between 令和7年3月31日 and 令和7年4月1日
 *   shows real changes without `drafts`.
 * - okayama-bizen is left for the tests to import through the API.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openKyoyaku, type Kyoyaku } from "@kyoyaku/core";
import { parseText } from "@kyoyaku/text";

export const SEED_CONCLUDE = "000_0d517b853e764d1a.txt";
export const SEED_DRAFT = "001_6d3949d91c26715e.txt";

/** A seed's text. */
export function seedText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url)), "utf8");
}

/** A temporary directory, and a function that removes it. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "kyoyaku-server-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Record the seeds into a new database at `path` (see the module comment); closes it. */
export function seedDatabase(path: string, options: { ratified?: boolean } = {}): void {
  let minute = 0;
  // Recorded at fixed, advancing instants so knownAt questions have stable answers.
  const clock = (): string => new Date(Date.UTC(2025, 2, 1, 0, minute++)).toISOString();
  const k: Kyoyaku = openKyoyaku({ path, clock });
  try {
    const conclude = parseText(seedText(SEED_CONCLUDE), { file: SEED_CONCLUDE });
    if (!conclude.ok) throw new Error(`seed 1 did not parse: ${JSON.stringify(conclude.issues)}`);
    const e = conclude.value.event;
    k.record({
      agreementId: "okayama-wake",
      recordedBy: "法規担当",
      event: { ...e, dates: { ...e.dates, resolutions: { 岡山市: "2016-09-30", 和気町: "2016-09-27" } } },
    });
    const draft = parseText(seedText(SEED_DRAFT), { file: SEED_DRAFT });
    if (!draft.ok) throw new Error(`seed 2 did not parse: ${JSON.stringify(draft.issues)}`);
    // A what-if, as `kyoyaku import --what-if` records it: a draft without the source link.
    const { source: _source, ...whatIf } = draft.value.event;
    const r = k.record({ agreementId: "okayama-wake", recordedBy: "法規担当 (what-if)", event: { ...whatIf, draft: true } });
    if (options.ratified === true) {
      k.ratify({
        agreementId: "okayama-wake",
        target: r.event.seq,
        recordedBy: "法規担当",
        dates: { ...r.event.legal!.dates, concludedOn: "2025-03-28", resolutions: { 岡山市: "2025-03-18", 備前市: "2025-03-21" } },
      });
    }
  } finally {
    k.close();
  }
}
