/**
 * `kyoyaku verify`: check the hash chains, the node store and the projections.
 *
 * @module
 */
import type { Command } from "../command.js";
import { EXIT } from "../errors.js";
import { JSON_OPTION } from "../spec.js";

export const verify: Command = {
  spec: {
    name: "verify",
    summary: "check the database's integrity (hash chain, nodes, projections); exit 3 if broken",
    description:
      "Recomputes every event's hash and its link to the previous event, checks every stored provision\n" +
      "node against its hash, and checks the as-of projections against a rebuild from the events.\n" +
      "Exit 0 when all is intact; exit 3 and the first broken link per agreement (agreement and\n" +
      "sequence number) otherwise.",
    positionals: [],
    options: [
      { name: "rebuild", type: "boolean", description: "first drop and rebuild the projections from the events alone" },
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku verify", note: "check everything; exit 3 on a broken chain" },
      { command: "kyoyaku verify --rebuild", note: "rebuild the as-of projections from the events, then check" },
    ],
  },
  run(ctx) {
    const rebuild = ctx.args.flag("rebuild");
    // Checking only reads: an auditor with read-only access can verify.
    const k = ctx.engine({ readonly: !rebuild });
    if (rebuild) k.rebuildProjections();
    const r = k.verify();
    if (ctx.wantsJson) {
      ctx.json(r);
    } else if (r.ok) {
      ctx.print(`検証OK（verified）: 協約 ${r.agreements}件、記録 ${r.events}件 — ハッシュ連鎖・ノード・投影に異常はありません。`);
    } else {
      ctx.print(ctx.out.red(`検証エラー（integrity failure）: ${r.problems.length}件`));
      for (const p of r.problems) ctx.print(`  ${p.agreementId} #${p.seq}: ${p.message} [${p.code}]`);
    }
    if (!r.ok) {
      const first = r.problems[0];
      ctx.note(`kyoyaku verify: integrity failure${first ? ` — first broken link: ${first.agreementId} #${first.seq} (${first.code})` : ""}`);
      return EXIT.integrity;
    }
  },
};
