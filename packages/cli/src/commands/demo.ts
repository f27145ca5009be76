/**
 * `kyoyaku demo`: import the two seed documents into a fresh database and show, with the
 * command that prints each part, the text in force, the history and the 新旧対照表 the
 * draft amendment would make.
 *
 * @module
 */
import { existsSync, rmSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { openKyoyaku } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { UserError } from "../errors.js";
import type { CliIo } from "../io.js";
import { DB_OPTION } from "../spec.js";

/** The seed texts shipped with the package (copies of tests/fixtures/seeds). */
export const SEEDS_DIR = fileURLToPath(new URL("../../assets/seeds/", import.meta.url));
export const SEED_CONCLUDE = "000_0d517b853e764d1a.txt";
export const SEED_DRAFT_AMEND = "001_6d3949d91c26715e.txt";

/** Agreement ids the demo creates; a file holding others is never overwritten. */
const DEMO_IDS: ReadonlySet<string> = new Set(["okayama-wake", "okayama-bizen"]);

export const demo: Command = {
  spec: {
    name: "demo",
    summary: "二つの見本文書を新しいデータベースに取り込み、kyoyaku にできることを示す",
    description:
      "./kyoyaku-demo.db（又は --db FILE）を作り直し（本物のデータベースを置き換えないよう $KYOYAKU_DB は使わない）、見本の連携協約書（岡山市 × 和気町、平成28年）を okayama-wake として、変更連携協約書の案（岡山市 × 備前市、令和7年、（案））を okayama-bizen として取り込む。次に、それぞれを出力するコマンドの下に、令和2年4月1日に効力を有する本文、履歴、及びその案を okayama-wake に当てはめた場合の新旧対照表を表示する（仮定の照会: 案は okayama-wake にも案として記録する）。",
    positionals: [],
    options: [{ ...DB_OPTION, description: "デモのデータベースファイル。実行のたびに作り直す（既定: ./kyoyaku-demo.db）" }],
    examples: [
      { command: "kyoyaku demo", note: "./kyoyaku-demo.db でデモを実行する" },
      { command: "kyoyaku demo --db /tmp/demo.db", note: "別の場所で実行する" },
    ],
  },
  async run(ctx) {
    const dbLabel = ctx.args.string("db") ?? "kyoyaku-demo.db";
    const db = ctx.path(dbLabel);
    prepare(db);
    // Every step is the command a user could type in the same directory: --db spelled out,
    // seeds by a path from here (absolute when they are not below the working directory).
    const here = (p: string): string => {
      const r = relative(ctx.io.cwd, p);
      return r === "" || r.startsWith("..") || isAbsolute(r) ? p : r;
    };
    const stepIo: CliIo = { ...ctx.io, env: { ...ctx.io.env, KYOYAKU_DB: undefined, USER: ctx.io.env.USER || "demo" } };
    const step = async (title: string, argv: readonly string[], notes: readonly string[] = []): Promise<void> => {
      const words = [...argv, "--db", dbLabel];
      const shown = ["kyoyaku", ...words.map((a) => (/[\s"']/u.test(a) ? `'${a}'` : a))].join(" ");
      ctx.print("");
      ctx.print(ctx.out.bold(`━━ ${title}`));
      ctx.print(ctx.out.cyan(`$ ${shown}`));
      for (const n of notes) ctx.print(ctx.out.dim(`# ${n}`));
      ctx.print("");
      const code = await ctx.dispatch(words, stepIo);
      if (code !== 0) throw new UserError(`デモの手順 ${shown} が失敗した（終了コード ${code}）`);
    };
    const conclude = here(join(SEEDS_DIR, SEED_CONCLUDE));
    const draft = here(join(SEEDS_DIR, SEED_DRAFT_AMEND));
    ctx.print(ctx.out.bold(`kyoyaku demo — 2つの原文（${here(SEEDS_DIR)}）を新しいデータベース ${dbLabel} に取り込みます`));
    await step("1. データベースを作る", ["init"]);
    await step("2. 連携協約書（締結）を取り込む", ["import", conclude, "--agreement", "okayama-wake"], [
      "議決日は原文に書かれていないので記録しません（未登録として報告されます）。",
      "分かれば: kyoyaku resolve okayama-wake --event 1 --resolution 岡山市=DATE --resolution 和気町=DATE",
    ]);
    await step("3. 変更連携協約書（案）を取り込む — 岡山市・備前市の協約。原協約の本文は手元にありません", ["import", draft, "--agreement", "okayama-bizen"], [
      "(案) と日付の空欄（令和7年3月 日）から案として記録されます。確定するまで効力を持ちません。",
    ]);
    await step("4. 仮定（what-if）: 同じ案を okayama-wake の変更案としても記録する", ["import", draft, "--agreement", "okayama-wake", "--what-if"], [
      "デモのための仮定です: 実際にはこの案は岡山市・備前市の協約の変更です。",
      "案として記録されるので、--with-drafts を付けた問い合わせにだけ反映されます。",
    ]);
    await step("5. 令和2年4月1日に効力のある本文", ["show", "okayama-wake", "--on", "令和2年4月1日"]);
    await step("6. 履歴", ["history", "okayama-wake"]);
    await step("7. 案が確定した場合の新旧対照表（令和7年3月31日 → 令和7年4月1日）", [
      "diff", "okayama-wake", "--from", "2025-03-31", "--to", "2025-04-01", "--with-drafts",
    ], ["--with-drafts: 未確定の案を確定したものとして扱う仮定の対照表です。"]);
    await step("8. 完全性の検証", ["verify"]);
    ctx.print("");
    ctx.print(`デモのデータベース: ${dbLabel} — 続けて試すには: kyoyaku list --db ${dbLabel}（リポジトリのチェックアウトでは ./kyoyaku list --db ${dbLabel}）`);
  },
};

/** Remove an earlier demo database; refuse to touch a file holding other agreements. */
function prepare(db: string): void {
  if (existsSync(db)) {
    const k = openKyoyaku({ path: db });
    let others: string[];
    try {
      others = k.agreements().map((a) => a.id).filter((id) => !DEMO_IDS.has(id));
    } finally {
      k.close();
    }
    if (others.length > 0) {
      throw new UserError(`${db} には他の協約（${others.join("、")}）がある。デモはデータベースを作り直すので、別の --db を指定すること`);
    }
  }
  // The anchor goes too: it records the heads of the database being replaced, and verify would
  // read the fresh one as rolled back.
  for (const ext of ["", "-wal", "-shm", ".anchor"]) rmSync(db + ext, { force: true });
}
