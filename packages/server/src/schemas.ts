/**
 * The zod schemas every request is checked against at the edge. The same schemas describe
 * the API in the OpenAPI document (@hono/zod-openapi), so the description cannot drift from
 * what is enforced.
 *
 * Dates are checked with core's own reader (ISO or wareki, a real day in its era), so a bad
 * date fails with the code the CLI prints (`date.not-in-era`, `date.invalid-day` …).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { parseDay, parseInstant, type Instant, type IsoDate } from "@kyoyaku/core";

// zod's own messages (too long, not a number, unknown key …) reach a client in `detail`:
// in Japanese, as every message of kyoyaku is (zod ships the locale).
z.config(z.locales.ja());

/** The params of a zod custom issue that carry kyoyaku's own issue code. */
export interface KyoyakuIssueParams {
  readonly kyoyaku: string;
  readonly date?: string;
}

/**
 * A DATE as the CLI reads it: ISO `2020-04-01` or wareki `令和2年4月1日`, a whole, existing day.
 *
 * @example
 * dateValue("令和2年4月1日"); // { ok: true, iso: "2020-04-01" }
 * dateValue("平成31年5月1日").ok; // false (code date.not-in-era)
 */
export function dateValue(text: string): { ok: true; iso: IsoDate } | { ok: false; code: string; message: string } {
  // core's parseDay is the one reader of a whole day (the CLI and the library's reads use it too)
  const r = parseDay(text);
  if (r.ok) return { ok: true, iso: r.value };
  const why = r.issues.find((i) => i.severity === "error");
  return { ok: false, code: why?.code ?? "date.partial-not-allowed", message: why?.message ?? `「${text}」は日まで書かれた日付ではありません` };
}

/**
 * An INSTANT for knownAt: ISO 8601, or a date meaning the end of that day in Japan.
 *
 * @example
 * instantValue("2024-03-31"); // { ok: true, instant: "2024-03-31T14:59:59.999Z" }
 */
export function instantValue(text: string): { ok: true; instant: Instant } | { ok: false; code: string; message: string } {
  const r = parseInstant(text);
  if (r.ok) return { ok: true, instant: r.value };
  const why = r.issues[0];
  return { ok: false, code: why?.code ?? "date.unrecognized", message: why?.message ?? `「${text}」は時刻としても日付としても読めない` };
}

/**
 * The longest query values read, in characters: the API refuses longer ones (400) and the
 * viewer shows a form error, so a value is never read cut short.
 */
export const QUERY_MAX = Object.freeze({ date: 40, instant: 60, search: 200 });

/** A date parameter (ISO or wareki), checked with core's date reader. */
export const DateText = z
  .string()
  .max(QUERY_MAX.date)
  .superRefine((text, ctx) => {
    const r = dateValue(text);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message, params: { kyoyaku: r.code, date: text } satisfies KyoyakuIssueParams });
  })
  .openapi({ description: "a day: ISO (2020-04-01) or wareki (令和2年4月1日, 平成28年10月11日)", example: "令和2年4月1日" });

/** knownAt: what had been recorded by then (an ISO instant, or a date = the end of that day in Japan). */
export const InstantText = z
  .string()
  .max(QUERY_MAX.instant)
  .superRefine((text, ctx) => {
    const r = instantValue(text);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message, params: { kyoyaku: r.code, date: text } satisfies KyoyakuIssueParams });
  })
  .openapi({ description: "answer from what had been recorded by this instant (ISO 8601, or a date = the end of that day in Japan)", example: "2025-03-31" });

/** A boolean query flag: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`. */
export const Flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .openapi({ description: "true for 1/true/yes/on", example: "1" });

/**
 * A query flag's meaning.
 *
 * @example
 * flagValue("1"); // true
 * flagValue(undefined); // false
 */
export function flagValue(text: string | undefined): boolean {
  return text === "1" || text === "true" || text === "yes" || text === "on";
}

/** An agreement id (a slug: no '/', no white space; Japanese letters welcome). */
export const AgreementId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s/]+$/u, "協約の ID には「/」と空白を含めない（例: okayama-wake）")
  .openapi({ param: { name: "id", in: "path" }, example: "okayama-wake", description: "agreement id (see GET /api/agreements)" });

/** A recorded event's sequence number. */
export const Seq = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/u, "出来事の番号（例: 2。履歴で確認）")
  .openapi({ param: { name: "seq", in: "path" }, example: "2", description: "sequence number of the recorded event" });

export const IdParams = z.object({ id: AgreementId });
export const EventParams = z.object({ id: AgreementId, seq: Seq });

/** The options of every as-of read. */
const asOfFields = {
  knownAt: InstantText.optional(),
  drafts: Flag.optional().openapi({ description: "treat pending drafts (案) as ratified as they stand (a what-if)" }),
};

export const AsOfQuery = z.object({
  date: DateText.optional().openapi({ description: "the day (ISO or wareki); default: today in Japan" }),
  ...asOfFields,
});

export const InForceQuery = z.object({
  date: DateText.optional().openapi({ description: "the day (ISO or wareki); default: today in Japan" }),
  party: z.string().min(1).max(100).optional().openapi({ description: "only agreements with this party (spaces and width ignored)", example: "岡山市" }),
  ...asOfFields,
});

export const KnownAtQuery = z.object({ knownAt: InstantText.optional() });

export const TimelineQuery = z.object({
  ...asOfFields,
  format: z.enum(["json", "html", "md", "text"]).optional().openapi({ description: "json (default) or the rendered timeline as html, md or text" }),
});

export const ExportQuery = z.object({
  format: z.enum(["egov-xml", "akn"]).openapi({ description: "egov-xml: the text in force on `date` as 法令標準XML (e-Gov schema v3 element names); akn: the whole history (or, with `date`, the version in force that day) as Akoma Ntoso 3.0" }),
  date: DateText.optional().openapi({ description: "the day (ISO or wareki); egov-xml default: today in Japan; akn default: every version" }),
  ...asOfFields,
});

export const DiffQuery = z.object({
  from: DateText.openapi({ description: "the older date (ISO or wareki)", example: "2025-03-31" }),
  to: DateText.openapi({ description: "the newer date (ISO or wareki)", example: "2025-04-01" }),
  ...asOfFields,
  format: z
    .enum(["json", "patch", "html", "md", "text"])
    .optional()
    .openapi({ description: "json (default: change list and JSON Patch), patch (RFC 6902 only), or the 新旧対照表 as html, md or text" }),
});

export const SearchQuery = z.object({
  q: z.string().min(1).max(QUERY_MAX.search).openapi({ description: "the words to find (spaces and width ignored)", example: "子育て" }),
  date: DateText.optional().openapi({ description: "search the versions in force on this day; default: today in Japan" }),
  party: z.string().min(1).max(100).optional().openapi({ description: "only agreements with this party", example: "和気町" }),
  ...asOfFields,
});

export const AuditQuery = z.object({
  knownAt: InstantText.optional(),
  format: z.enum(["json", "html", "md", "text"]).optional().openapi({ description: "json (default), or the report as html, md or text" }),
});

const RecordedBy = z.string().min(1).max(100).openapi({ description: "who records this (default: the server's name for API writes, `http-api`)", example: "法規担当" });
const ExpectedVersion = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,8})$/u, "最後に読んだ出来事の番号（新しい協約なら 0）")
  .openapi({ description: "optimistic concurrency: the agreement's version (last seq, 0 for none) the caller last saw; a mismatch is 409 concurrency.conflict" });

/** Options of an import; the body is the text itself. */
export const ImportQuery = z.object({
  name: z.string().min(1).max(200).optional().openapi({ description: "the source file's name, kept with the event (default: upload.txt)", example: "変更連携協約書.txt" }),
  resolution: z
    .union([z.string().max(200), z.array(z.string().max(200)).max(50)])
    .optional()
    .openapi({ description: "議決日 of a party, PARTY=DATE (e.g. 岡山市=2016-09-30); repeatable", example: "岡山市=2016-09-30" }),
  appliesFrom: DateText.optional().openapi({ description: "適用日, when the text does not state it (a 附則 「別に定める日から適用する」, refused without it) or to override it; recorded in dates.supplied" }),
  signedOn: DateText.optional().openapi({ description: "締結日, when the text does not state it" }),
  draft: Flag.optional().openapi({ description: "record as a draft (案) even if the text is not marked (案)" }),
  inForceOn: DateText.optional().openapi({ description: "record the text as the one in force on this day (現行取込, baseline)" }),
  restate: Flag.optional().openapi({ description: "record a whole agreement text as a restatement (全部変更) of the agreement; without it a second 締結 is refused" }),
  recordedBy: RecordedBy.optional(),
  expectedVersion: ExpectedVersion.optional(),
});

/** The options of a draft (POST …/draft): in the query with a text/plain body, or beside `text` in a JSON body. */
const draftFields = {
  appliesFrom: DateText.openapi({ description: "適用日 of the change (ISO or wareki): the draft amends the text in force on the day before (required)", example: "2025-04-01" }),
  signedOn: DateText.optional().openapi({ description: "締結日 of the change agreement; without it the draft is a 案 (「(案)」, 「令和○年○月○日」)" }),
  style: z.enum(["kaimebun", "taishohyo"]).optional().openapi({ description: "kaimebun (改め文, default) or taishohyo (新旧対照表方式: the table is the amending text)" }),
  format: z.enum(["json", "text", "md", "html"]).optional().openapi({ description: "json (default: the draft, its operations and its 新旧対照表), text (the 変更連携協約書, ready to import), md or html (the draft and its 新旧対照表)" }),
  name: z.string().min(1).max(200).optional().openapi({ description: "a name for the posted text in located issues (default 本文.txt)", example: "変更後.txt" }),
};

/** A draft's options in the query (the body is the new text, text/plain); appliesFrom may then come in a JSON body instead. */
export const DraftQuery = z.object({ ...draftFields, appliesFrom: draftFields.appliesFrom.optional() });

/** A draft request as JSON: the whole new text and the options (appliesFrom here or in the query). */
export const DraftBody = z
  .object({ text: z.string().min(1).openapi({ description: "the whole agreement text as it should read after the change" }), ...draftFields, appliesFrom: draftFields.appliesFrom.optional() })
  .strict()
  .openapi("DraftRequest");

const Resolutions = z
  .record(z.string().min(1).max(100), DateText)
  .openapi({ description: "議決日 by party, e.g. {\"岡山市\": \"2025-03-18\"}; party names match ignoring spaces and width", example: { 岡山市: "2025-03-18", 備前市: "2025-03-21" } });

export const RatifyBody = z
  .object({
    signedOn: DateText.openapi({ description: "締結日 (the day it was signed)" }),
    appliesFrom: DateText.optional().openapi({ description: "適用日, if not the one the text states" }),
    resolutions: Resolutions.optional(),
    recordedBy: RecordedBy.optional(),
    expectedVersion: z.number().int().min(0).optional().openapi({ description: "optimistic concurrency (see import)" }),
  })
  .strict()
  .openapi("RatifyRequest");

export const ResolveBody = z
  .object({
    resolutions: Resolutions,
    recordedBy: RecordedBy.optional(),
    expectedVersion: z.number().int().min(0).optional().openapi({ description: "optimistic concurrency (see import)" }),
  })
  .strict()
  .openapi("ResolveRequest");

/** A problem detail (RFC 9457) as the API answers every error. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: "stable code, as the CLI prints it: input.invalid, not-found.agreement, rule.violation, concurrency.conflict …" }),
    issues: z
      .array(
        z.object({
          severity: z.enum(["error", "warning", "info"]),
          code: z.string(),
          message: z.string(),
          location: z.record(z.string(), z.unknown()),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

/** Any JSON answer (its shape is the engine's public type named in the description). */
export const AnyJson = z.unknown();
