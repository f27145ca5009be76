/**
 * `kyoyaku audit`: the audit report of one agreement.
 *
 * @module
 */
import { knownBy } from "@kyoyaku/core";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { ID_ARGUMENT, JSON_OPTION, KNOWN_AT_OPTION } from "../spec.js";

const FORMATS = ["text", "md", "html"] as const;

export const audit: Command = {
  spec: {
    name: "audit",
    summary: "audit report: every event with both times, who recorded it, hashes and findings",
    description:
      "For auditors (監査): every event of the agreement with its recorded time (system time) and its\n" +
      "dates (valid time), who recorded it, its source file and SHA-256, the hash chain, and findings:\n" +
      "missing 議決日, 議決 after 締結, retroactive application (遡及適用), changes recorded out of order,\n" +
      "drafts, corrections and retractions. With --known-at, the report as the records stood then.",
    positionals: [ID_ARGUMENT],
    options: [
      { name: "format", short: "f", type: "string", value: "FORMAT", description: "text | md | html (default: text)" },
      { name: "out", short: "o", type: "string", value: "FILE", description: "write to FILE instead of stdout" },
      KNOWN_AT_OPTION,
      JSON_OPTION,
    ],
    examples: [
      { command: "kyoyaku audit okayama-wake", note: "the audit trail of okayama-wake" },
      { command: "kyoyaku audit okayama-wake --format html --out audit.html", note: "as an HTML page for the 監査委員事務局" },
    ],
  },
  async run(ctx) {
    const id = ctx.args.positional(0)!;
    const format = (ctx.args.string("format") ?? "text") as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format ${format}: ${FORMATS.join("、")} のいずれかを指定すること`, "audit", "usage.invalid-value");
    const knownAt = ctx.knownAt();
    const k = ctx.engine({ readonly: true });
    const events = knownBy(k.events(id), knownAt);
    const entries = k.history(id, knownAt !== undefined ? { knownAt } : {});
    // Loaded on demand, like every report renderer.
    const { renderAudit } = await import("@kyoyaku/report");
    const text = renderAudit(events, entries, { format: ctx.wantsJson ? "json" : format, agreementId: id, ...(knownAt !== undefined && { knownAt, knownAtText: ctx.args.string("known-at") ?? knownAt }) });
    const body = text.endsWith("\n") ? text : text + "\n";
    const out = ctx.args.string("out");
    if (out === undefined) return void ctx.io.stdout.write(body);
    ctx.writeOut(out, body);
    ctx.note(`${out} に書き出しました`);
  },
};
