/**
 * `kyoyaku show`: the text in force on a date, rendered like the original, under a header
 * that says which version it is and everything a reader must know about it.
 *
 * @module
 */
import { addressLabel, readAddress, resolveAddress, type AgreementDocument, type Node } from "@kyoyaku/core";
import { renderDocument, renderProvision } from "@kyoyaku/text";
import type { Command } from "../command.js";
import { UserError } from "../errors.js";
import { asOfHeader } from "../format/answers.js";
import { jpDate } from "../format/dates.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION, WITH_DRAFTS_OPTION, onOption } from "../spec.js";

export const show: Command = {
  spec: {
    name: "show",
    summary: "ある日に効力を有する本文を、その版と注記とともに表示する",
    description:
      "--on DATE に効力を有する協約を、原文のように組んで、見出しの下に表示する。見出しには、協約、日付（和暦と ISO 形式）、版の期間 [from, to)、その版をつくった出来事、及び注記（除いた又は当てはめた案、遡及する出来事、分からない本文の部分、議決日の未登録）を示す。効力を有するものがないときは、その旨と理由を示す。",
    positionals: [ID_ARGUMENT],
    options: [
      onOption(),
      KNOWN_AT_OPTION,
      WITH_DRAFTS_OPTION,
      { name: "address", type: "string", value: "ADDR", description: "一つの規定だけを、書かれるとおり（第3条第2項、別表II中「…」の項）又はアドレス（article:3）で指定して表示する" },
      { name: "bare", type: "boolean", description: "見出しを付けず、本文だけを表示する" },
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku show okayama-wake --on 令和2年4月1日", note: "2020-04-01 に効力を有する本文" },
      { command: "kyoyaku show okayama-wake --address 第6条", note: "今日効力を有する第6条だけ（第6条第2項、別表II、article:6 も可）" },
      { command: "kyoyaku show okayama-wake --on 2025-04-01 --with-drafts", note: "未確定の案が可決されたとしたら効力を有するもの" },
      { command: "kyoyaku show okayama-wake --on 2020-04-01 --known-at 2024-03-31", note: "2024-03-31 の時点の記録が 2020-04-01 について示していたもの" },
    ],
  },
  run(ctx) {
    const id = ctx.args.positional(0)!;
    const on = ctx.onDate();
    const written = ctx.args.string("address");
    const address = written === undefined ? undefined : readAddress(written);
    if (written !== undefined && address === undefined) {
      throw new UserError(`--address ${written}: 規定の指定として読めない（例: 第3条、第3条第2項第1号、別表II、別表II中「…」の項、article:3）`, [], "address.invalid");
    }
    const k = ctx.engine({ readonly: true });
    const a = k.asOf(id, on, ctx.asOf());
    const doc = a.document;
    // Check the address before printing anything: a failing command leaves stdout empty.
    const node = address !== undefined && a.inForce && doc !== undefined ? provision(doc, address, id, on, written!) : undefined;
    if (ctx.wantsJson) {
      ctx.json(address === undefined ? a : { ...a, document: undefined, address, node: node ?? null });
      return;
    }
    const bare = ctx.args.flag("bare");
    if (!bare) {
      // Not in force: there is no document, but the agreement still has a title.
      const title = doc?.title ?? k.agreements().find((x) => x.id === id)?.title;
      // Dates the person supplied (--applies-from) are printed as theirs, not the text's.
      const history = a.events.length > 0 ? k.history(id, ctx.asOf().knownAt !== undefined ? { knownAt: ctx.asOf().knownAt! } : {}) : [];
      ctx.print(ctx.out.bold(asOfHeader(a, title, (seq) => history.find((h) => h.seq === seq)?.dates?.supplied ?? [])));
      ctx.print(ctx.out.dim("─".repeat(40)));
    }
    if (!a.inForce || doc === undefined) {
      if (bare) ctx.note(`kyoyaku show: ${id} は ${on} に効力がありません${a.reason !== undefined ? `: ${a.reason}` : ""}`);
      return;
    }
    if (address === undefined || node === undefined) {
      // A partial document (unknown title, preamble…) renders with leading blank lines.
      ctx.print(renderDocument(doc).replace(/^\n+/u, ""));
      return;
    }
    ctx.print(renderProvision(node, address));
  },
};

/** The provision at `address`, or a UserError saying why there is none. */
function provision(doc: AgreementDocument, address: string, id: string, on: string, written: string): Node {
  const unknown = doc.unknown.find((u) => address === u || address.startsWith(`${u}/`));
  if (unknown !== undefined) {
    throw new UserError(`--address ${written}: ${id} のこの部分は分かっていない（${addressLabel(unknown)}はどの記録された本文にもない）`, [], "address.unknown");
  }
  const node = resolveAddress(doc, address);
  if (node === undefined) throw new UserError(`--address ${written}: ${jpDate(on)} に効力を有する ${id} に${addressLabel(address)}はない`, [], "address.not-found");
  return node;
}
