/**
 * `kyoyaku init`: create the database.
 *
 * @module
 */
import { existsSync } from "node:fs";
import type { Command } from "../command.js";
import { JSON_OPTION } from "../spec.js";

export const init: Command = {
  spec: {
    name: "init",
    summary: "create the database (an empty SQLite file)",
    description:
      "Creates a kyoyaku database at --db FILE (default: $KYOYAKU_DB, else ./kyoyaku.db). Running it on an\n" +
      "existing kyoyaku database changes nothing; on a file that is not a kyoyaku database it fails (exit 1).",
    positionals: [],
    options: [JSON_OPTION],
    examples: [
      { command: "kyoyaku init", note: "create ./kyoyaku.db" },
      { command: "kyoyaku init --db /srv/kyoyaku/okayama.db", note: "create the database elsewhere" },
    ],
  },
  run(ctx) {
    const path = ctx.dbPath();
    const existed = existsSync(path);
    const k = ctx.engine({ create: true });
    const agreements = k.agreements().length;
    if (ctx.wantsJson) {
      ctx.json({ path, created: !existed, agreements });
      return;
    }
    const label = ctx.dbLabel();
    if (existed) ctx.print(`データベースは既にあります（変更なし）: ${label}（協約 ${agreements}件）`);
    else ctx.print(`データベースを作成しました: ${label}\n次に: kyoyaku import FILE…`);
  },
};
