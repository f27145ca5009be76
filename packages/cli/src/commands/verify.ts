/**
 * `kyoyaku verify`: check the hash chains, the node store and the projections — and the
 * anchor (`<db>.anchor`, or `--anchor FILE`), which alone can tell a rolled-back file.
 *
 * @module
 */
import { checkAnchor, mergeProblems, readAnchor, type Anchor, type StoredEvent } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { EXIT, UserError } from "../errors.js";
import { JSON_OPTION } from "../spec.js";

export const verify: Command = {
  spec: {
    name: "verify",
    summary: "完全性を検査する（記録の連鎖、ノード、射影、アンカー）。破損は終了コード 3",
    description:
      "各出来事のハッシュと直前の出来事へのつながりを計算し直し、保存された各規定のノードをそのハッシュと照合し、時点照会の射影を出来事からの再構築と照合する。\n書込みのたびに、各協約の最後の出来事をデータベースの隣（DB.anchor）に残す。verify はそれらの出来事がまだあることを確かめるので、古い写しと差し替えられたデータベースや末尾が削られたデータベースも見つかる。--anchor FILE は別の場所に保管したアンカー（アンカーファイル、又は以前の `kyoyaku verify --json` の出力）と照合する。\nすべて無事であれば終了コード 0。そうでなければ終了コード 3 とし、協約ごとに最初に切れたつながり（協約と番号）を示す。",
    positionals: [],
    options: [
      { name: "rebuild", type: "boolean", description: "まず射影を捨て、出来事だけから再構築する" },
      { name: "anchor", type: "string", value: "FILE", description: "FILE（アンカー、又は verify --json の出力）に記された最後の出来事も照合する" },
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku verify", note: "すべてを検査する。連鎖が切れていれば終了コード 3" },
      { command: "kyoyaku verify --rebuild", note: "時点照会の射影を出来事から再構築してから検査する" },
      { command: "kyoyaku verify --json > heads-2025-03.json", note: "最後の出来事を別の場所に保管しておき …" },
      { command: "kyoyaku verify --anchor heads-2025-03.json", note: "… 後日、記録がそれを引き継いでいることを確かめる" },
    ],
  },
  run(ctx) {
    const rebuild = ctx.args.flag("rebuild");
    const anchorFile = ctx.args.string("anchor");
    // Read the anchor first: a missing or unreadable one is a usage mistake, found before any work.
    let anchor: Anchor | undefined;
    if (anchorFile !== undefined) {
      try {
        anchor = readAnchor(ctx.path(anchorFile));
      } catch (e) {
        throw new UserError(`--anchor ${anchorFile}: ${(e as Error).message.replace(/^anchor \S+ /u, "")}`);
      }
      if (anchor === undefined) throw new UserError(`--anchor ${anchorFile}: そのファイルはない`, [], "ENOENT");
    }
    // Checking only reads: an auditor with read-only access can verify.
    const k = ctx.engine({ readonly: !rebuild });
    if (rebuild) k.rebuildProjections();
    const report = k.verify();
    const events = (id: string): readonly StoredEvent[] => {
      try {
        return k.events(id);
      } catch {
        return []; // not an agreement id this database could hold: every anchored event is missing
      }
    };
    const problems = anchor === undefined ? report.problems : mergeProblems(report.problems, checkAnchor(anchor, events, `アンカー ${anchorFile}`));
    const r = { ...report, ok: problems.length === 0, problems };
    if (ctx.wantsJson) {
      ctx.json(r);
    } else if (r.ok) {
      ctx.print(`検証OK（verified）: 協約 ${r.agreements}件、記録 ${r.events}件 — ハッシュ連鎖・ノード・投影に異常はありません。`);
      if (anchor !== undefined) ctx.print(`  ${anchorFile} の ${anchor.heads.length}件の記録先頭（heads）も確認しました。`);
    } else {
      ctx.print(ctx.out.red(`検証エラー（integrity failure）: ${r.problems.length}件`));
      for (const p of r.problems) ctx.print(`  ${p.agreementId === "" ? "アンカー" : `${p.agreementId} #${p.seq}`}: ${p.message} [${p.code}]`);
    }
    if (!r.ok) {
      const first = r.problems[0];
      const where = first === undefined ? "" : first.agreementId === "" ? ` [${first.code}]` : ` — 最初に壊れている箇所: ${first.agreementId} #${first.seq} [${first.code}]`;
      ctx.note(`kyoyaku verify: 検証エラー（integrity failure）${where}`);
      return EXIT.integrity;
    }
  },
};
