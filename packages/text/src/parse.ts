/**
 * The parser's entry points: detect what a text is, read it, and build the legal event.
 *
 * @module
 */
import {
  fail, hasErrors, normalizeText, ok, outOfForceFrom, sha256, termOf,
  type AgreementDocument, type Annotation, type EventDates, type IsoDate, type JpDate, type LegalEventInput, type LegalPayload, type Operation, type Result, type SourceLines,
} from "@kyoyaku/core";
import { readAgreement } from "./agreement.js";
import { readAmendment, readSupplementaryDates, type DraftReading, type PartialSupplementaryDate, type ReadAmendment } from "./amendment.js";
import { newCtx, report, type Ctx } from "./context.js";
import { detectKind, type TextKind } from "./detect.js";
import { splitLines, wholeDocumentReading, type Line } from "./lines.js";
import { takeAnnotations } from "./noise.js";
import { readNotice } from "./notice.js";
import { repairOcr } from "./ocr.js";
import { looksExtracted, segmentText } from "./segment.js";
import { refuseMalformedHeadings } from "./structure.js";
import { tableSpan } from "./taishohyo.js";
import type { ParsedText, ParseOptions, ReadOperation, SentenceReading } from "./types.js";

/**
 * The agreement id kyoyaku suggests for a pair (or group) of parties: their normalised
 * names joined by `-`, in the order given.
 *
 * @example
 * inferAgreementId(["岡 山 市", "備 前 市"]); // "岡山市-備前市"
 */
export function inferAgreementId(parties: readonly string[]): string {
  return parties.map((p) => normalizeText(p)).filter((p) => p !== "").join("-");
}

function guarded<T>(ctx: Ctx, run: () => T | undefined): Result<T> {
  try {
    const v = run();
    return v === undefined || hasErrors(ctx.issues) ? fail(ctx.issues) : ok(v, ctx.issues);
  } catch (e) {
    // A parser bug must not reach the user as a stack trace; say where it happened instead.
    report(ctx, "error", "parse.internal", `このテキストの読み取り中に内部の誤りが起きた（報告してください）：${e instanceof Error ? e.message : String(e)}`);
    return fail(ctx.issues);
  }
}

function detect(ctx: Ctx, text: string, lines: readonly Line[], want?: readonly TextKind[]): TextKind | undefined {
  const d = detectKind(text, lines);
  if (!d.ok) {
    report(ctx, "error", d.code, d.message, d.line);
    return undefined;
  }
  if (want && !want.includes(d.kind)) {
    const words: Record<TextKind, string> = { conclude: "連携協約書（締結）", amend: "変更連携協約書（変更）", abolish: "廃止の協約書（廃止）", notice: "通告の文書（通告による廃止）" };
    report(ctx, "error", "parse.wrong-kind", `このテキストは${words[d.kind]}であり、${want.map((k) => words[k]).join("・")}でない`, lines.find((l) => l.text !== "")?.no ?? 1);
    return undefined;
  }
  return d.kind;
}

/**
 * The text's lines: as written, or — for a PDF extraction run together on one line
 * ({@link looksExtracted}) — re-segmented, refusing at the first cut the text does not prove.
 */
function readLines(ctx: Ctx, text: string): Line[] | undefined {
  // A JavaScript caller may pass a Buffer or undefined: say so, not "an internal error".
  if (typeof text !== "string") {
    report(ctx, "error", "parse.not-text", `読むテキストが文字列でない（${text === null ? "null" : typeof text}）。ファイルは文字列として渡すこと（例: readFileSync(file, "utf8")）`);
    return undefined;
  }
  if (!looksExtracted(text)) return splitLines(text);
  const r = segmentText(text);
  if (r.problems.length > 0) {
    // Not an agreement at all (a 条例, a 規約 …)? Say that, rather than where it could not be cut.
    const d = detectKind(text, splitLines(text));
    if (!d.ok) { report(ctx, "error", d.code, d.message, d.line); return undefined; }
    for (const p of r.problems) report(ctx, "error", p.code, p.message, p.line, { column: p.column });
    return undefined;
  }
  report(ctx, "info", "parse.segmented", `本文が行に分かれていない抽出テキストとして読み、${r.lines.length}行に分けました（PDFからの抽出）`, r.lines[0]?.no ?? 1);
  return r.lines;
}

const complete = (d: JpDate | undefined): string | undefined => (d?.precision === "day" ? d.iso : undefined);

/** 締結日 from the title date and the signature date; a partial one makes the text a draft. */
function conclusionDate(ctx: Ctx, date: JpDate | undefined, signedOn: JpDate | undefined, lineOf: { date?: number; signedOn?: number }): JpDate | undefined {
  const a = complete(date);
  const b = complete(signedOn);
  if (a && b && a !== b) {
    report(ctx, "warning", "parse.date-mismatch", `題名の下の日付（${date!.text}）と署名欄の日付（${signedOn!.text}）が異なる：署名欄の日付を締結日とした`, lineOf.signedOn, { address: "signedOn", date: signedOn!.text });
  }
  return signedOn ?? date;
}

function draftFlag(ctx: Ctx, marked: boolean, dates: readonly (JpDate | undefined)[], options: ParseOptions, line: number | undefined): boolean {
  const partial = dates.find((d) => d !== undefined && d.precision !== "day");
  if (partial && !marked && !options.allowDraft) {
    report(ctx, "warning", "parse.unmarked-draft", `（案）と書かれていないが、日付「${partial.text}」が完全でないため案として読んだ`, line, { address: "date", date: partial.text });
  }
  return marked || partial !== undefined;
}

const CLAUSE_NAMES = { supplementary: "附則の適用日（施行日）", proviso: "ただし書", amended: "改正後の規定の適用日" } as const;

/**
 * Partial dates in the 附則 (令和7年4月 日): a 案 keeps them (its changes keep the 附則's or the
 * 締結日 until the day is known, with a warning); any other text is refused at the sentence,
 * since the change would be recorded with a 適用日 the text does not give.
 */
function partialSupplementaryDates(ctx: Ctx, partial: readonly PartialSupplementaryDate[], draft: boolean): void {
  for (const p of partial) {
    const clause = CLAUSE_NAMES[p.clause];
    if (draft) {
      report(ctx, "warning", "parse.proviso-partial-date", `${clause}「${p.text}」は完全な日付でない（案）：それが指す改正規定は${p.clause === "supplementary" ? "締結日" : "附則の日付"}のまま`, p.line, { address: p.address, date: p.text });
    } else {
      report(ctx, "error", "parse.supplementary-partial-date", `${clause}「${p.text}」が完全な日付ではありません（「${p.sentence.slice(0, 40)}」）。（案）でない協約は日の欠けた日付では記録しません。日付を補うか、案なら（案）と書いてください`, p.line, { address: p.address, date: p.text });
    }
  }
}

function source(text: string, options: ParseOptions): { name: string; text: string; sha256: string } {
  return { name: options.file ?? "<text>", text, sha256: sha256(text) };
}

function eventDates(
  concluded: JpDate | undefined, sup: { appliesFrom?: JpDate; effectiveFrom?: JpDate; fromConclusion?: "appliesFrom" | "effectiveFrom" | "both"; supplied?: IsoDate },
): EventDates {
  const concludedOn = complete(concluded);
  const fromC = sup.fromConclusion;
  const effective = fromC === "effectiveFrom" || fromC === "both" ? concludedOn : complete(sup.effectiveFrom);
  const applies = sup.supplied ?? (fromC === "appliesFrom" || fromC === "both" ? concludedOn : complete(sup.appliesFrom) ?? effective ?? concludedOn);
  const written = {
    ...(concluded ? { concludedOn: concluded } : {}),
    ...(sup.appliesFrom ? { appliesFrom: sup.appliesFrom } : {}),
    ...(sup.effectiveFrom ? { effectiveFrom: sup.effectiveFrom } : {}),
  };
  return {
    ...(concludedOn ? { concludedOn } : {}),
    resolutions: {},
    ...(applies ? { appliesFrom: applies } : {}),
    ...(effective ? { effectiveFrom: effective } : {}),
    // The 附則 named no day (「別に定める日」): the 適用日 is the person's, and the record says so.
    ...(sup.supplied !== undefined ? { supplied: ["appliesFrom" as const] } : {}),
    ...(Object.keys(written).length > 0 ? { written } : {}),
  };
}

/** Resolve the readings' operation indices against the final operations and the event's 適用日. */
function finishReadings(drafts: readonly DraftReading[], ops: readonly Operation[], dates: EventDates): SentenceReading[] {
  return drafts.map((d): SentenceReading => {
    if (d.as.kind === "ops") {
      const operations = d.as.indices.map((i): ReadOperation => {
        const o = ops[i]!;
        const applies = o.appliesFrom ?? dates.appliesFrom;
        return { op: o.op, target: o.op === "restate" ? "document" : o.op === "insert" ? insertTarget(o) : o.target, ...(o.op === "renumber" ? { to: o.to } : {}), ...(applies !== undefined ? { appliesFrom: applies } : {}), appliesFromSource: o.appliesFrom !== undefined ? "proviso" : "event" };
      });
      return { ...d, as: { kind: "operation", operations } };
    }
    if (d.as.kind === "supplementary") {
      // 「締結の日から」: the day is the 締結日, known only now.
      const concluded = dates.concludedOn;
      return { ...d, as: { kind: "supplementary", dates: d.as.dates.map((x) => (x.iso === undefined && concluded !== undefined && /締結の日$/u.test(x.written) ? { ...x, iso: concluded } : x)) } };
    }
    return d as SentenceReading;
  });
}

/** Where an insert puts its node: 「article:5の次」 is shown as the node's own place. */
function insertTarget(o: Extract<Operation, { op: "insert" }>): string {
  const n = o.node;
  // A string inserted into a 条 is its 見出し (「第2条に見出しとして「（…）」を付する。」).
  if (typeof n === "string" && /^article:[^/]+$/u.test(o.parent)) return `${o.parent}/caption`;
  if (typeof n === "object" && "paragraphs" in n) return `article:${n.number}`;
  if (typeof n === "object" && "fields" in n) return `${o.parent}/item:${normalizeText(n.name)}`;
  if (typeof n === "object" && "number" in n && !("sections" in n)) return `${o.parent}/paragraph:${n.number}`;
  return o.after !== undefined ? `${o.parent}（${o.after}の次）` : o.before !== undefined ? `${o.parent}（${o.before}の前）` : o.parent;
}

/** The event with its 例規集 annotations, when there are any. */
function annotated(ctx: Ctx, event: LegalEventInput, annotations: readonly Annotation[]): LegalEventInput {
  if (annotations.length === 0) return event;
  // A 告示番号 with a date is the 告示日, not the 締結日: never taken for it, but said when the text has no other.
  const dated = annotations.find((a) => a.kind === "告示番号" && /日/u.test(a.text));
  if (dated && event.dates.concludedOn === undefined) {
    report(ctx, "warning", "parse.date-in-notice", `本文に締結日がありません。告示番号「${dated.text}」の日付は告示日で、締結日としては読みません`, dated.line, { address: "date" });
  }
  return { ...event, annotations };
}

function readConclude(ctx: Ctx, text: string, lines: readonly Line[], options: ParseOptions, annotations: readonly Annotation[] = []): ParsedText {
  const r = readAgreement(ctx, lines);
  const doc = r.document;
  const concluded = conclusionDate(ctx, r.date, r.signedOn, { ...(r.header.date ? { date: r.header.date.line } : {}), ...(r.body.signedOn ? { signedOn: r.body.signedOn.line } : {}) });
  const draft = draftFlag(ctx, r.header.draftMarked, [r.date, r.signedOn], options, r.header.date?.line ?? r.body.signedOn?.line);
  const sup = readSupplementaryDates(ctx, r.body, [], { lines });
  partialSupplementaryDates(ctx, sup.partial, draft || options.allowDraft === true);
  // A clause that reads like the agreement's term (期間の定め) must be read exactly: refused at its line otherwise.
  const term = termOf(doc);
  if (!term.ok) {
    for (const x of term.issues) {
      const quoted = /「(.+?)」/u.exec(x.message)?.[1] ?? "";
      const line = quoted === "" ? undefined : lines.find((l) => l.norm.includes(quoted.slice(0, 12)))?.no;
      report(ctx, "error", x.code, x.message, line, x.location.address !== undefined ? { address: x.location.address } : {});
    }
  }
  const payload: LegalPayload = { kind: "conclude", document: doc };
  const event = annotated(ctx, { payload, dates: eventDates(concluded, sup), draft, parties: doc.parties.map((p) => p.name), source: source(text, options) }, annotations);
  const reading = wholeDocumentReading(lines, doc.title);
  return { kind: "conclude", event, document: doc, title: doc.title, suggestedId: inferAgreementId(event.parties), reading, ...(annotations.length > 0 ? { annotations } : {}) };
}

/**
 * 「…令和8年3月31日限り、廃止する。」/「…をもって廃止する。」: in force through that day, gone
 * from the next, so the 適用日 of the 廃止 is the next day. A 附則 適用日 that says otherwise is
 * refused rather than one of the two dates silently chosen.
 */
function abolishedThrough(ctx: Ctx, dates: EventDates, through: JpDate, stated: JpDate | undefined, preamble: readonly { text: string; line: number }[]): EventDates {
  const line = preamble.find((p) => p.text.includes(through.text))?.line;
  if (through.iso === undefined) return dates;
  const next = outOfForceFrom(through.iso);
  if (stated?.iso !== undefined && stated.iso !== next) {
    report(ctx, "error", "abolish.date-conflict", `廃止の日が食い違う：本文は「${through.text}」限り（${next} から廃止）と言うが、附則は ${stated.text} から適用すると言う`, line, { date: stated.text });
    return dates;
  }
  const word = preamble.some((p) => p.text.includes(`${through.text}をもって`)) ? "をもって" : "限り";
  report(ctx, "info", "abolish.through", `「${through.text}${word}」廃止：協約は ${through.text}（${through.iso}）まで効力を有し、翌日 ${next} から効力を失う（廃止の適用日 = ${next}）`, line, { date: through.text });
  return { ...dates, appliesFrom: next };
}

/** Where the base and each operation were read (the rules name the line when they refuse one). */
function sourceLines(r: ReadAmendment, named: boolean): { sourceLines?: SourceLines } {
  const operations: number[] = [];
  for (const d of r.readings) if (d.as.kind === "ops") for (const i of d.as.indices) operations[i] = d.line;
  const complete = r.operations.length > 0 && r.operations.every((_, i) => operations[i] !== undefined);
  const lines: SourceLines = { ...(named && r.baseLine !== undefined ? { base: r.baseLine } : {}), ...(complete ? { operations } : {}) };
  return Object.keys(lines).length > 0 ? { sourceLines: lines } : {};
}

function readChange(ctx: Ctx, text: string, lines: readonly Line[], options: ParseOptions, abolish: boolean, annotations: readonly Annotation[] = []): ParsedText {
  const r = readAmendment(ctx, lines, abolish, options.base, options.appliesFrom, options.baseAt);
  const concluded = conclusionDate(ctx, r.date, r.signedOn, { ...(r.header.date ? { date: r.header.date.line } : {}), ...(r.body.signedOn ? { signedOn: r.body.signedOn.line } : {}) });
  const draft = draftFlag(ctx, r.header.draftMarked, [r.date, r.signedOn], options, r.header.date?.line ?? r.body.signedOn?.line);
  partialSupplementaryDates(ctx, r.partial, draft || options.allowDraft === true);
  const title = r.header.title?.text ?? "";
  if (!abolish && r.operations.length === 0 && !hasErrors(ctx.issues)) {
    report(ctx, "error", "amend.no-operations", "変更協約に読める改め文（「別表を次のように改める。」など）が一つもない", r.header.next < lines.length ? lines[r.header.next]!.no : r.header.title?.line ?? 1);
  }
  const base = { ...(r.base.title !== undefined ? { title: r.base.title } : {}), ...(r.base.date !== undefined ? { date: r.base.date } : {}) };
  const named = r.base.title !== undefined || r.base.date !== undefined;
  const payload: LegalPayload = abolish
    ? { kind: "abolish", ...(named ? { base } : {}) }
    : { kind: "amend", operations: r.operations, ...(title !== "" ? { title } : {}), ...(named ? { base } : {}) };
  let dates = eventDates(concluded, r);
  if (abolish && r.base.through) dates = abolishedThrough(ctx, dates, r.base.through, r.appliesFrom, r.header.preamble);
  const event = annotated(ctx, { payload, dates, draft, parties: r.parties, source: source(text, options), ...sourceLines(r, named) }, annotations);
  return { kind: abolish ? "abolish" : "amend", event, title, suggestedId: inferAgreementId(r.parties), reading: finishReadings(r.readings, r.operations, event.dates), ...(annotations.length > 0 ? { annotations } : {}) };
}

/**
 * OCR repair and malformed-heading refusal, except in a 新旧対照表: its rows hold two headings side
 * by side with 【】 marks (「第【７】条 （略）⇥第【６】条 （略）」), read cell by cell by the table reader.
 */
function headingsChecked(ctx: Ctx, lines: readonly Line[]): readonly Line[] {
  const span = tableSpan(lines);
  if (!span) { const out = repairOcr(ctx, lines); refuseMalformedHeadings(ctx, out); return out; }
  const inTable = (k: number): boolean => k >= span[0] && k < span[1];
  const repaired = repairOcr(ctx, lines.map((l, k) => (inTable(k) ? { ...l, raw: "", text: "", norm: "" } : l)));
  refuseMalformedHeadings(ctx, repaired);
  return repaired.map((l, k) => (inTable(k) ? lines[k]! : l));
}

/**
 * Read any agreement text: a 連携協約書 (`conclude`, with its document), a 変更連携協約書
 * (`amend`, with its operations) or a 廃止 text (`abolish`). Anything else is refused with a
 * `parse.*` error that says why.
 *
 * @example
 * const r = parseText(text, { file: "001.txt" });
 * if (r.ok && r.value.kind === "amend") r.value.event.payload; // { kind: "amend", operations: [...] }
 */
export function parseText(text: string, options: ParseOptions = {}): Result<ParsedText> {
  const ctx = newCtx(options.file);
  return guarded(ctx, () => {
    const read = readLines(ctx, text);
    if (read === undefined) return undefined;
    const taken = takeAnnotations(read);
    const lines = headingsChecked(ctx, taken.lines);
    const annotations = taken.annotations;
    const kind = detect(ctx, text, lines);
    if (kind === undefined) return undefined;
    if (kind === "notice") return readNotice(ctx, text, lines, options);
    return kind === "conclude" ? readConclude(ctx, text, lines, options, annotations) : readChange(ctx, text, lines, options, kind === "abolish", annotations);
  });
}

/**
 * Read a 連携協約書 into an {@link AgreementDocument}. Refuses texts that are not
 * agreements, and damaged texts whose damage would make the document wrong; reports
 * everything else it noticed as located warnings.
 *
 * @example
 * const r = parseAgreement(readFileSync("000_….txt", "utf8"), { file: "000_….txt" });
 * if (r.ok) r.value.articles.length; // 6
 */
export function parseAgreement(text: string, options: ParseOptions = {}): Result<AgreementDocument> {
  const ctx = newCtx(options.file);
  return guarded(ctx, () => {
    const read = readLines(ctx, text);
    if (read === undefined) return undefined;
    const lines = headingsChecked(ctx, takeAnnotations(read).lines);
    if (detect(ctx, text, lines, ["conclude"]) === undefined) return undefined;
    return readAgreement(ctx, lines).document;
  });
}

/**
 * Read a 変更連携協約書 (or a 廃止 text) into its amendment event.
 *
 * @example
 * const r = parseAmendment(text);
 * if (r.ok) r.value.event.dates.appliesFrom; // "2025-04-01"
 */
export function parseAmendment(text: string, options: ParseOptions = {}): Result<ParsedText> {
  const ctx = newCtx(options.file);
  return guarded(ctx, () => {
    const read = readLines(ctx, text);
    if (read === undefined) return undefined;
    const taken = takeAnnotations(read);
    const lines = headingsChecked(ctx, taken.lines);
    const annotations = taken.annotations;
    const kind = detect(ctx, text, lines, ["amend", "abolish"]);
    if (kind === undefined) return undefined;
    return readChange(ctx, text, lines, options, kind === "abolish", annotations);
  });
}
