/**
 * The JSON API under `/api/`: every read the CLI offers, and the three writes (import,
 * ratify, resolve) behind a bearer token. Each route is declared once with its zod schemas;
 * @hono/zod-openapi validates requests against them and writes them into /openapi.json.
 *
 * @module
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { agreementNotFound, normalizeText, sha256, todayInJapan, type Instant, type IsoDate, type Kyoyaku, type Result } from "@kyoyaku/core";
import { renderTimeline } from "@kyoyaku/report";
import type { ParseOptions, ParsedText } from "@kyoyaku/text";
import type { Context } from "hono";
import { reportPolicy } from "./csp.js";
import { ProblemError, problem } from "./problem.js";
import { publicEntry, publicEvent, publicName } from "./paths.js";
import { asOfOptions, audit, comparison, timelineAnswer } from "./reads.js";
import {
  AnyJson, AsOfQuery, AuditQuery, DiffQuery, DraftBody, DraftQuery, EventParams, ExportQuery, IdParams, ImportQuery, InForceQuery, KnownAtQuery, ProblemSchema,
  RatifyBody, ResolveBody, SearchQuery, TimelineQuery, dateValue, flagValue, instantValue,
} from "./schemas.js";
import { amendedVersionIssue, exportAkn, exportEgovXml, originalOf, readDocument } from "@kyoyaku/formats";
import { importText, ratifyDraft, resolveDates } from "./writes.js";
import { draftFromText } from "./drafting.js";
import { renderDraft } from "@kyoyaku/draft";

/** What the API routes need from the app. */
export interface ApiContext {
  readonly engine: Kyoyaku;
  /** Who records API writes when the request does not say. */
  readonly recordedBy: string;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Parse an import's text elsewhere (a worker thread, under the time budget); default: here. */
  readonly parse?: (text: string, options: ParseOptions) => Promise<Result<ParsedText>>;
}

const AnyText = z.string();
const AnyBytes = z.string().openapi({ format: "binary" });
/** The Content-Types an import takes; the format itself is detected from the bytes. */
// The type only gates the route: the reader tells the format from the bytes. The XML types are
// here so that the 法令標準XML the export serves (application/xml) can be posted back as it came.
const IMPORT_TYPES = ["text/plain", "text/html", "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/xml", "text/xml", "application/octet-stream"] as const;

const json = (description: string): { content: { "application/json": { schema: typeof AnyJson } }; description: string } => ({
  content: { "application/json": { schema: AnyJson } },
  description,
});
const problemResponse = (description: string): { content: { "application/problem+json": { schema: typeof ProblemSchema } }; description: string } => ({
  content: { "application/problem+json": { schema: ProblemSchema } },
  description,
});
/** Answers any route may give before it runs, or when it cannot finish (docs/http.md, Status codes). */
const everyRouteErrors = {
  421: problemResponse("the Host header names a host this server was not started for (http.misdirected; DNS rebinding guard, see --allow-host)"),
  431: problemResponse("the request line or headers are too long (input.headers-too-large)"),
  503: problemResponse("a heavy request spent its time budget (server.time-budget), the queue of heavy requests is full (server.busy), or the database is busy (store.busy); Retry-After says when to ask again"),
};
const readErrors = {
  ...everyRouteErrors,
  400: problemResponse("invalid input (a date that does not exist, an unknown format …): code input.invalid, with the field at fault"),
  404: problemResponse("no such agreement (not-found.agreement)"),
};
const writeErrors = {
  ...readErrors,
  401: problemResponse("missing or wrong bearer token (auth.unauthorized)"),
  403: problemResponse("the server was started without a token: writes are disabled (auth.writes-disabled)"),
  409: problemResponse("concurrency.conflict (expectedVersion is stale) or source.recorded-elsewhere"),
  413: problemResponse("the body is larger than the limit (input.too-large)"),
  415: problemResponse("the body is not of the type the route takes: for an import text/plain, text/html, a Word, PDF or XML type or application/octet-stream; application/json for ratify and resolve (input.unsupported-media-type)"),
  422: problemResponse("a rule refused the event (rule.violation), with each rule's located issue; nothing was recorded"),
};
const text = (types: readonly string[], description: string): { content: Record<string, { schema: z.ZodString }>; description: string } => ({
  content: Object.fromEntries(types.map((t) => [t, { schema: AnyText }])),
  description,
});
const BEARER = [{ bearer: [] as string[] }];

const TAG_READ = "read";
const TAG_WRITE = "write (token)";

const routes = {
  agreements: createRoute({
    method: "get", path: "/api/agreements", tags: [TAG_READ], summary: "every agreement (kyoyaku list)",
    responses: { 200: json("{ agreements: AgreementSummary[] }"), ...everyRouteErrors },
  }),
  inForce: createRoute({
    method: "get", path: "/api/in-force", tags: [TAG_READ], summary: "agreements in force on a date (kyoyaku list --on)",
    request: { query: InForceQuery },
    responses: { 200: json("{ on, knownAt?, withDrafts?, agreements: InForceEntry[] }"), 400: readErrors[400], ...everyRouteErrors },
  }),
  search: createRoute({
    method: "get", path: "/api/search", tags: [TAG_READ], summary: "条 and 取組 containing a text, as in force on a date (kyoyaku search)",
    request: { query: SearchQuery },
    responses: { 200: json("{ text, on, party?, hits: SearchHit[] }"), 400: readErrors[400], ...everyRouteErrors },
  }),
  verify: createRoute({
    method: "get", path: "/api/verify", tags: [TAG_READ], summary: "check hash chains, nodes and projections (kyoyaku verify); ok=false names the first broken link per agreement",
    responses: { 200: json("VerifyReport { ok, agreements, events, problems, heads }"), ...everyRouteErrors },
  }),
  asOf: createRoute({
    method: "get", path: "/api/agreements/{id}", tags: [TAG_READ], summary: "the text in force on a date, with its version and flags (kyoyaku show)",
    description: "An answer for a past date without knownAt carries an ETag (the version root and a digest of the answer); send it back in If-None-Match for a 304.",
    request: { params: IdParams, query: AsOfQuery },
    responses: { 200: json("AsOfAnswer { agreementId, date, inForce, reason?, document?, root?, interval?, events, flags }"), 304: { description: "not modified (If-None-Match)" }, ...readErrors },
  }),
  history: createRoute({
    method: "get", path: "/api/agreements/{id}/history", tags: [TAG_READ], summary: "every recorded event with both times (kyoyaku history)",
    request: { params: IdParams, query: KnownAtQuery },
    responses: { 200: json("{ agreementId, knownAt?, entries: HistoryEntry[] }"), ...readErrors },
  }),
  events: createRoute({
    method: "get", path: "/api/agreements/{id}/events", tags: [TAG_READ], summary: "the raw stored events, hash chain included (kyoyaku export)",
    request: { params: IdParams },
    responses: { 200: json("{ agreementId, events: StoredEvent[] }"), ...readErrors },
  }),
  export: createRoute({
    method: "get", path: "/api/agreements/{id}/export", tags: [TAG_READ], summary: "the text in force as 法令標準XML, or the history as Akoma Ntoso 3.0 (kyoyaku export --format egov-xml|akn)",
    description: "format=egov-xml writes the version in force on `date` (default today) with the e-Gov schema v3 element names; POSTing it to the import route records the same document. format=akn writes the whole history (FRBR identification, lifecycle with 通告/更新 and how it ended, 議決日 and pending drafts as workflow steps, temporalData, passiveModifications, each version's text), or with `date` the version in force that day. The raw events are /events. See docs/formats.md.",
    request: { params: IdParams, query: ExportQuery },
    responses: {
      200: text(["application/xml", "application/akn+xml"], "法令標準XML (application/xml) or Akoma Ntoso (application/akn+xml), UTF-8"),
      ...readErrors,
      404: problemResponse("no such agreement (not-found.agreement), or nothing in force on the date (not-found.version)"),
      422: problemResponse("format=egov-xml with drafts=true of a version a pending draft made (export.draft-version): e-Gov XML cannot mark a draft"),
    },
  }),
  timeline: createRoute({
    method: "get", path: "/api/agreements/{id}/timeline", tags: [TAG_READ], summary: "versions on the time axis and every event with 議決日/締結日/適用日",
    request: { params: IdParams, query: TimelineQuery },
    responses: { 200: { ...json("TimelineAnswer { versions, abolishedFrom?, draftsExcluded, draftsApplied, exclusions, entries }"), ...text(["text/html", "text/markdown", "text/plain"], "the rendered timeline (format=html|md|text)") }, ...readErrors },
  }),
  diff: createRoute({
    method: "get", path: "/api/agreements/{id}/diff", tags: [TAG_READ], summary: "what changed between two dates: change list + JSON Patch, or the 新旧対照表 (kyoyaku diff)",
    request: { params: IdParams, query: DiffQuery },
    responses: { 200: { ...json("DocumentDiff { from, to, before?, after?, patch, changes } (format=json) or the patch alone (format=patch)"), ...text(["text/html", "text/markdown", "text/plain"], "the 新旧対照表 (format=html|md|text)") }, ...readErrors },
  }),
  audit: createRoute({
    method: "get", path: "/api/agreements/{id}/audit", tags: [TAG_READ], summary: "the audit report: every event with both times, who, source, hashes and findings (kyoyaku audit)",
    request: { params: IdParams, query: AuditQuery },
    responses: { 200: { ...json("{ agreementId, knownAt?, events, findings }"), ...text(["text/html", "text/markdown", "text/plain"], "the report (format=html|md|text)") }, ...readErrors },
  }),
  draft: createRoute({
    method: "post", path: "/api/agreements/{id}/draft", tags: [TAG_READ],
    summary: "draft the 変更連携協約書 (改め文) that makes the posted text the text in force from appliesFrom, with its 新旧対照表; nothing is written (kyoyaku draft)",
    description: "The body is the whole agreement text as it should read after the change (text/plain in UTF-8, UTF-16 with a BOM, Shift_JIS, EUC-JP or ISO-2022-JP), with appliesFrom, signedOn, style and format in the query; or JSON { text, appliesFrom, signedOn?, style?, format?, name? }. The base is the text in force on the day before appliesFrom. The draft is read back with the parser before it is answered: importing it gives exactly the posted text. No token is needed: nothing is recorded. A text that cannot be read as an agreement is 400 input.invalid with each issue's line; a draft that cannot be written (nothing changed, a part no amendment changes such as the parties, nothing in force that day) is 422 draft.refused with located issues (draft.no-change, draft.unsupported-change, draft.no-base …).",
    // Not `required`: the JSON schema is then checked only for a JSON body (a text/plain body is the text itself).
    request: { params: IdParams, query: DraftQuery, body: { content: { "text/plain": { schema: AnyText }, "application/json": { schema: DraftBody } } } },
    responses: {
      200: { ...json("{ agreementId, appliesFrom, signedOn?, style, text, operations, changes, comparison: { text, md, html } } (format=json)"), ...text(["text/plain", "text/markdown", "text/html"], "the draft (format=text), or the draft and its 新旧対照表 (format=md|html)") },
      ...readErrors,
      413: writeErrors[413],
      415: problemResponse("the body is neither text/plain nor application/json (input.unsupported-media-type)"),
      422: problemResponse("no draft can be written (draft.refused), with each located issue: draft.no-change, draft.unsupported-change, draft.no-base, draft.roundtrip …"),
    },
  }),
  import: createRoute({
    method: "post", path: "/api/agreements/{id}/import", tags: [TAG_WRITE], security: BEARER,
    summary: "record a 協約書/変更協約書/廃止 text (the body) as one event (kyoyaku import)",
    description: "The body is the document: a text (text/plain, in UTF-8, UTF-16 with a BOM, Shift_JIS, EUC-JP or ISO-2022-JP), an 例規集 page (text/html), a Word .docx or a PDF; its format is told by its content. A file that is not one of these (an old .doc, an .xlsx, a corrupt zip, ambiguous bytes) is refused (400 input.invalid, with a format.* issue). Drafts marked (案) are recorded as drafts. Importing the same text again — or other bytes that parse to the same event (CRLF, trailing spaces, full-width digits) — records nothing (status duplicate, duplicateBy source|content, 200). A second 締結 is refused (422 rule.second-conclusion) unless restate=true records it as a restatement (全部変更).",
    request: { params: IdParams, query: ImportQuery, body: { content: Object.fromEntries(IMPORT_TYPES.map((t) => [t, { schema: t.startsWith("text/") ? AnyText : AnyBytes }])), required: true } },
    responses: { 201: json("ImportAnswer { agreementId, status: recorded, seq, kind, draft, eventStatus, title, parties, dates, sha256, issues }"), 200: json("ImportAnswer with status duplicate: nothing was written"), ...writeErrors },
  }),
  ratify: createRoute({
    method: "post", path: "/api/agreements/{id}/events/{seq}/ratify", tags: [TAG_WRITE], security: BEARER,
    summary: "a recorded draft (案) becomes a ratified event with its dates (kyoyaku ratify)",
    request: { params: EventParams, body: { content: { "application/json": { schema: RatifyBody } }, required: true } },
    responses: { 201: json("{ agreementId, duplicate: false, event, target: HistoryEntry, issues }"), 200: json("the same dates were recorded before (duplicate: true): nothing was written"), ...writeErrors },
  }),
  resolve: createRoute({
    method: "post", path: "/api/agreements/{id}/events/{seq}/resolve", tags: [TAG_WRITE], security: BEARER,
    summary: "add 議決日 to a recorded event (kyoyaku resolve)",
    request: { params: EventParams, body: { content: { "application/json": { schema: ResolveBody } }, required: true } },
    responses: { 201: json("{ agreementId, duplicate: false, event, target: HistoryEntry, issues }"), 200: json("the same dates were recorded before (duplicate: true): nothing was written"), ...writeErrors },
  }),
};

/** Every API route (method and OpenAPI path), for tests and docs. */
export const API_ROUTES: readonly { readonly method: string; readonly path: string }[] = Object.values(routes).map((r) => ({ method: r.method, path: r.path }));

/** An agreement's reads refuse an id with no events, as the CLI's do (not-found.agreement). */
function known(k: Kyoyaku, id: string): string {
  if (k.version(id) === 0) throw agreementNotFound(id, k.agreements().map((a) => a.id));
  return id;
}

const iso = (text: string | undefined): IsoDate => {
  if (text === undefined) return todayInJapan();
  const d = dateValue(text);
  // The schema checked it already; this is the same reading.
  if (!d.ok) throw new ProblemError(problem("input.invalid", d.message));
  return d.iso;
};
const isoOpt = (text: string | undefined): IsoDate | undefined => (text === undefined ? undefined : iso(text));
const instant = (text: string | undefined): Instant | undefined => {
  if (text === undefined) return undefined;
  const r = instantValue(text);
  if (!r.ok) throw new ProblemError(problem("input.invalid", r.message));
  return r.instant;
};

const TEXT_TYPE = { html: "text/html; charset=utf-8", md: "text/markdown; charset=utf-8", text: "text/plain; charset=utf-8" } as const;

/**
 * A response written by hand. The routes declare the documented shapes; the bodies are
 * written as the CLI writes them (indented JSON, rendered text), which Hono's typed-response
 * helpers cannot express, so the handler's return type is waived here and only here.
 */
const untyped = (r: Response): never => r as never;

function rendered(c: Context, format: "html" | "md" | "text", body: string): never {
  // A report's own <style> is allowed by its hash, so it renders styled under the server's CSP.
  const policy: Record<string, string> = format === "html" ? { "content-security-policy": reportPolicy(body) } : {};
  return untyped(c.body(body.endsWith("\n") ? body : `${body}\n`, 200, { "content-type": TEXT_TYPE[format], ...policy }));
}

/** Stable JSON (two-space indented, as the CLI's --json prints it). */
function answer(c: Context, value: unknown, status: 200 | 201 = 200, headers: Record<string, string> = {}): never {
  return untyped(c.body(`${JSON.stringify(value, null, 2)}\n`, status, { "content-type": "application/json; charset=utf-8", ...headers }));
}

/**
 * Register the API routes on `app`.
 *
 * @example
 * const app = new OpenAPIHono();
 * registerApi(app, { engine: openKyoyaku({ path: "kyoyaku.db" }), recordedBy: "http-api", maxBodyBytes: 2 * 1024 * 1024 });
 */
export function registerApi(app: OpenAPIHono, ctx: ApiContext): void {
  const k = ctx.engine;

  app.openapi(routes.agreements, (c) => answer(c, { agreements: k.agreements() }));

  app.openapi(routes.inForce, (c) => {
    const q = c.req.valid("query");
    const on = iso(q.date);
    const asOf = asOfOptions(instant(q.knownAt), flagValue(q.drafts));
    const party = q.party;
    const agreements = k
      .inForce(on, { ...asOf, ...(party !== undefined && { party }) })
      .filter((e) => party === undefined || e.parties.some((p) => normalizeText(p) === normalizeText(party)));
    return answer(c, { on, ...asOf, agreements });
  });

  app.openapi(routes.search, (c) => {
    const q = c.req.valid("query");
    const on = iso(q.date);
    let hits = k.search(q.q, { ...asOfOptions(instant(q.knownAt), flagValue(q.drafts)), on });
    const party = q.party;
    if (party !== undefined) {
      const ids = new Set(k.agreements().filter((a) => a.parties.some((p) => normalizeText(p) === normalizeText(party))).map((a) => a.id));
      hits = hits.filter((h) => ids.has(h.agreementId));
    }
    return answer(c, { text: q.q, on, ...(party !== undefined && { party }), hits });
  });

  app.openapi(routes.verify, (c) => answer(c, k.verify()));

  app.openapi(routes.asOf, (c) => {
    const id = known(k, c.req.valid("param").id);
    const q = c.req.valid("query");
    const date = iso(q.date);
    const knownAt = instant(q.knownAt);
    const a = k.asOf(id, date, asOfOptions(knownAt, flagValue(q.drafts)));
    const body = `${JSON.stringify(a, null, 2)}\n`;
    // A past date's answer changes only when the record does: let clients revalidate it
    // cheaply. The root names the version; the digest covers the flags and events beside it.
    if (knownAt === undefined && date < todayInJapan()) {
      const etag = `"${a.root ?? "none"}.${sha256(body).slice(0, 16)}"`;
      const headers = { etag, "cache-control": "no-cache" };
      const match = c.req.header("if-none-match");
      if (match !== undefined && match.split(",").some((m) => m.trim() === etag || m.trim() === `W/${etag}`)) return untyped(c.body(null, 304, headers));
      return untyped(c.body(body, 200, { "content-type": "application/json; charset=utf-8", ...headers }));
    }
    return untyped(c.body(body, 200, { "content-type": "application/json; charset=utf-8" }));
  });

  app.openapi(routes.history, (c) => {
    const id = known(k, c.req.valid("param").id);
    const knownAt = instant(c.req.valid("query").knownAt);
    const entries = k.history(id, knownAt !== undefined ? { knownAt } : {}).map(publicEntry);
    return answer(c, { agreementId: id, ...(knownAt !== undefined && { knownAt }), entries });
  });

  app.openapi(routes.events, (c) => {
    const id = known(k, c.req.valid("param").id);
    return answer(c, { agreementId: id, events: k.events(id).map(publicEvent) });
  });

  app.openapi(routes.export, (c) => {
    const id = known(k, c.req.valid("param").id);
    const q = c.req.valid("query");
    const asOf = asOfOptions(instant(q.knownAt), flagValue(q.drafts));
    const r = q.format === "egov-xml" ? exportEgovXml(k, id, iso(q.date), asOf) : exportAkn(k, id, isoOpt(q.date), asOf, todayInJapan());
    if (!r.ok) throw new ProblemError(problem(r.code, r.message));
    const type = q.format === "egov-xml" ? "application/xml" : "application/akn+xml";
    return untyped(c.body(r.xml, 200, { "content-type": `${type}; charset=utf-8` }));
  });

  app.openapi(routes.timeline, (c) => {
    const id = known(k, c.req.valid("param").id);
    const q = c.req.valid("query");
    const t = timelineAnswer(k, id, asOfOptions(instant(q.knownAt), flagValue(q.drafts)));
    const format = q.format ?? "json";
    if (format === "json") return answer(c, t);
    return rendered(c, format, renderTimeline(t.entries, { format, title: id }));
  });

  app.openapi(routes.diff, (c) => {
    const id = known(k, c.req.valid("param").id);
    const q = c.req.valid("query");
    const from = iso(q.from);
    const to = iso(q.to);
    if (from > to) {
      const msg = `from ${q.from}（${from}）が to ${q.to}（${to}）より後。古い方の日付を from に指定すること`;
      throw new ProblemError(problem("input.invalid", msg, [{ severity: "error", code: "input.from-after-to", message: msg, location: { field: "from", in: "query", date: q.from } }]));
    }
    const asOf = asOfOptions(instant(q.knownAt), flagValue(q.drafts));
    const format = q.format ?? "json";
    if (format === "json" || format === "patch") {
      const d = k.diff(id, from, to, asOf);
      return answer(c, format === "patch" ? d.patch : d);
    }
    return rendered(c, format, comparison(k, id, from, to, asOf, format).text);
  });

  app.openapi(routes.audit, (c) => {
    const id = known(k, c.req.valid("param").id);
    const q = c.req.valid("query");
    const format = q.format ?? "json";
    const report = audit(k, id, format, instant(q.knownAt), q.knownAt);
    if (format === "json") return untyped(c.body(report, 200, { "content-type": "application/json; charset=utf-8" }));
    return rendered(c, format, report);
  });

  app.openapi(routes.draft, async (c) => {
    const id = known(k, c.req.valid("param").id);
    const q = c.req.valid("query");
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    let body: { text: string } & Partial<Record<"appliesFrom" | "signedOn" | "style" | "format" | "name", string>>;
    if (type.startsWith("application/json")) {
      // Checked against DraftBody by the route (the validator runs for a JSON body; its type also admits the text/plain string).
      body = c.req.valid("json") as z.infer<typeof DraftBody>;
    } else if (type.startsWith("text/plain")) {
      // Read as an import reads a text: UTF-8, UTF-16 with a BOM, Shift_JIS, EUC-JP or ISO-2022-JP, never guessed wrong silently.
      const read = await readDocument(new Uint8Array(await c.req.arrayBuffer()), publicName(q.name ?? "本文.txt"));
      if (!read.ok) throw new ProblemError(problem("input.invalid", read.issues[0]!.message, read.issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message, location: { in: "body" } }))));
      body = { text: read.text };
    } else {
      throw new ProblemError(problem("input.unsupported-media-type", `新しい本文は text/plain（UTF-8）か、application/json の { text, appliesFrom, … } で送ること（送られたのは ${type === "" ? "Content-Type なし" : type}）`));
    }
    if (body.text.trim() === "") throw new ProblemError(problem("input.invalid", "本文が空。変更後の協約の全文を送ること", [{ severity: "error", code: "input.body", message: "本文が空", location: { in: "body" } }]));
    const appliesFromText = body.appliesFrom ?? q.appliesFrom;
    if (appliesFromText === undefined) {
      const message = "appliesFrom（変更の適用日）がない。クエリか JSON の appliesFrom で指定すること";
      throw new ProblemError(problem("input.invalid", message, [{ severity: "error", code: "input.missing", message, location: { field: "appliesFrom", in: "query" } }]));
    }
    const signedOn = isoOpt(body.signedOn ?? q.signedOn);
    const style = (body.style ?? q.style) as "kaimebun" | "taishohyo" | undefined;
    const name = body.name ?? q.name;
    const appliesFrom = iso(appliesFromText);
    const d = draftFromText(k, { id, text: body.text, appliesFrom, ...(signedOn !== undefined && { signedOn }), ...(style !== undefined && { style }), ...(name !== undefined && { name: publicName(name) }) });
    const format = (body.format ?? q.format ?? "json") as "json" | "text" | "md" | "html";
    if (format === "json") {
      return answer(c, { agreementId: id, appliesFrom, ...(signedOn !== undefined && { signedOn }), style: style ?? "kaimebun", text: d.text, operations: d.operations, changes: d.diff.changes, comparison: d.comparison });
    }
    return rendered(c, format, renderDraft(d, format));
  });

  app.openapi(routes.import, async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    const type = c.req.header("content-type") ?? "";
    if (!IMPORT_TYPES.some((t) => type.toLowerCase().startsWith(t))) {
      throw new ProblemError(problem("input.unsupported-media-type", `協約の本文は text/plain（日本語のどの文字コードでもよい）、text/html（例規集のページ）、Word の .docx、PDF または kyoyaku の書き出した法令標準XML（${IMPORT_TYPES.slice(2).join("、")}）で送ること（送られたのは ${type === "" ? "Content-Type なし" : type}）`));
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new ProblemError(problem("input.invalid", "本文が空。協約（テキスト、例規集の HTML、Word の .docx または PDF）を要求の本文として送ること", [{ severity: "error", code: "input.body", message: "本文が空", location: { in: "body" } }]));
    // The client's own path is no business of the record (nor of other clients).
    const name = publicName(q.name ?? "upload.txt");
    // The format is told by the content, not by the Content-Type (which only says a document is sent).
    const document = await readDocument(bytes, name);
    if (!document.ok) {
      const first = document.issues[0]!;
      throw new ProblemError(problem("input.invalid", first.message, document.issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message, location: { in: "body" } }))));
    }
    // kyoyaku's export of a changed version: only a baseline (inForceOn) may take it, never a 締結.
    if (document.amendedVersion !== undefined && q.inForceOn === undefined) {
      const i = amendedVersionIssue(name, document.amendedVersion, (d) => `inForceOn=${d}`);
      throw new ProblemError(problem("input.invalid", i.message, [{ severity: i.severity, code: i.code, message: i.message, location: { in: "body" } }]));
    }
    const original = originalOf(document.provenance);
    const resolutions = q.resolution === undefined ? [] : Array.isArray(q.resolution) ? q.resolution : [q.resolution];
    const appliesFrom = isoOpt(q.appliesFrom);
    const signedOn = isoOpt(q.signedOn);
    const inForceOn = isoOpt(q.inForceOn);
    const draft = flagValue(q.draft);
    const parsed = ctx.parse === undefined ? undefined : await ctx.parse(document.text, { file: name, allowDraft: draft, ...(appliesFrom !== undefined && { appliesFrom }) });
    const r = importText(k, {
      agreementId: id,
      text: document.text,
      name,
      ...(original !== undefined && { original }),
      resolutions,
      draft,
      ...(flagValue(q.restate) && { restate: true }),
      recordedBy: q.recordedBy ?? ctx.recordedBy,
      ...(appliesFrom !== undefined && { appliesFrom }),
      ...(signedOn !== undefined && { signedOn }),
      ...(inForceOn !== undefined && { inForceOn }),
      ...(q.expectedVersion !== undefined && { expectedVersion: Number(q.expectedVersion) }),
    }, parsed);
    return answer(c, r, r.status === "recorded" ? 201 : 200);
  });

  app.openapi(routes.ratify, (c) => {
    const { id, seq } = c.req.valid("param");
    const b = c.req.valid("json");
    const appliesFrom = isoOpt(b.appliesFrom);
    const r = ratifyDraft(k, id, Number(seq), {
      signedOn: iso(b.signedOn),
      ...(appliesFrom !== undefined && { appliesFrom }),
      ...(b.resolutions !== undefined && { resolutions: b.resolutions }),
      ...(b.expectedVersion !== undefined && { expectedVersion: b.expectedVersion }),
    }, b.recordedBy ?? ctx.recordedBy);
    return answer(c, r, r.duplicate ? 200 : 201);
  });

  app.openapi(routes.resolve, (c) => {
    const { id, seq } = c.req.valid("param");
    const b = c.req.valid("json");
    const r = resolveDates(k, id, Number(seq), {
      resolutions: b.resolutions,
      ...(b.expectedVersion !== undefined && { expectedVersion: b.expectedVersion }),
    }, b.recordedBy ?? ctx.recordedBy);
    return answer(c, r, r.duplicate ? 200 : 201);
  });
}
