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
    summary: "データベースを作成する（空の SQLite ファイル）",
    description:
      "--db FILE（既定: $KYOYAKU_DB、なければ ./kyoyaku.db）に kyoyaku のデータベースを作成する。既にある kyoyaku のデータベースに対して実行しても何も変えない。kyoyaku のデータベースでないファイルに対しては失敗する（終了コード 1）。",
    positionals: [],
    options: [JSON_OPTION],
    examples: [
      { command: "kyoyaku init", note: "./kyoyaku.db を作成する" },
      { command: "kyoyaku init --db /srv/kyoyaku/okayama.db", note: "別の場所にデータベースを作成する" },
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
