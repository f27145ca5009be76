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
    summary: "check the database's integrity (hash chain, nodes, projections, anchor); exit 3 if broken",
    description:
      "Recomputes every event's hash and its link to the previous event, checks every stored provision\n" +
      "node against its hash, and checks the as-of projections against a rebuild from the events.\n" +
      "Every write leaves each agreement's last event beside the database (DB.anchor); verify checks\n" +
      "that those events are still there, so a database swapped for an older copy or cut short is\n" +
      "caught. --anchor FILE checks against an anchor kept elsewhere (an anchor file, or the output\n" +
      "of an earlier `kyoyaku verify --json`).\n" +
      "Exit 0 when all is intact; exit 3 and the first broken link per agreement (agreement and\n" +
      "sequence number) otherwise.",
    positionals: [],
    options: [
      { name: "rebuild", type: "boolean", description: "first drop and rebuild the projections from the events alone" },
      { name: "anchor", type: "string", value: "FILE", description: "also check the heads noted in FILE (an anchor, or verify --json output)" },
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku verify", note: "check everything; exit 3 on a broken chain" },
      { command: "kyoyaku verify --rebuild", note: "rebuild the as-of projections from the events, then check" },
      { command: "kyoyaku verify --json > heads-2025-03.json", note: "keep the heads elsewhere …" },
      { command: "kyoyaku verify --anchor heads-2025-03.json", note: "… and check later that the record still extends them" },
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
