/**
 * The viewer's 改正案 page (issue 15): one pastes or edits the whole agreement text (prefilled
 * with the text in force), picks the 適用日, and sees the 変更連携協約書 drafted from it and its
 * 新旧対照表, with downloads (text, Markdown, HTML). A plain form posted to the server; nothing
 * is recorded. The same drafting as `POST /api/agreements/{id}/draft`.
 *
 * @module
 */
import { addDays, todayInJapan, type IsoDate, type Kyoyaku } from "@kyoyaku/core";
import { renderDraft, type Draft, type DraftFormat } from "@kyoyaku/draft";
import { renderDocument } from "@kyoyaku/text";
import { reportPolicy } from "../csp.js";
import { draftFromText } from "../drafting.js";
import { ProblemError } from "../problem.js";
import { QUERY_MAX, dateValue } from "../schemas.js";
import { html, reportBody, type SafeHtml } from "./html.js";
import type { Page } from "./layout.js";
import { agreementHead, errorsHtml, summary, tabs, type FormError } from "./pages.js";

/** What the form holds: the dates as typed and, once posted, the text. */
export interface DraftForm {
  readonly appliesFrom: string;
  readonly signedOn: string;
  /** Absent on the first visit: the textarea is then filled with the text in force. */
  readonly text?: string;
}

/** The form's dates read, or the errors beside the fields. */
function datesOf(form: DraftForm): { appliesFrom?: IsoDate; signedOn?: IsoDate; errors: FormError[] } {
  const errors: FormError[] = [];
  const read = (name: "appliesFrom" | "signedOn", label: string): IsoDate | undefined => {
    const text = form[name].trim();
    if (text === "") return undefined;
    if (text.length > QUERY_MAX.date) {
      errors.push({ field: name, message: `${label}: ${String(QUERY_MAX.date)}字までです（${String(text.length)}字）` });
      return undefined;
    }
    const d = dateValue(text);
    if (!d.ok) errors.push({ field: name, message: `${label}: ${d.message}` });
    return d.ok ? d.iso : undefined;
  };
  const appliesFrom = read("appliesFrom", "適用日");
  const signedOn = read("signedOn", "締結日");
  return { errors, ...(appliesFrom !== undefined && { appliesFrom }), ...(signedOn !== undefined && { signedOn }) };
}

/** A form drafted: the draft, or the errors to show and the status they answer with. */
export interface Drafted {
  readonly draft?: Draft;
  readonly errors: readonly FormError[];
  readonly status: 200 | 400 | 422;
}

/**
 * The draft of a posted form, or the errors to show (a ProblemError's located issues, each with
 * its line); a form not posted yet (no text) has neither.
 *
 * @example
 * drafted(k, "okayama-wake", { appliesFrom: "2025-04-01", signedOn: "", text }).draft?.text; // "(案)\n\n…"
 */
export function drafted(k: Kyoyaku, id: string, form: DraftForm): Drafted {
  const dates = datesOf(form);
  const errors = [...dates.errors];
  if (form.text === undefined) return { errors, status: errors.length > 0 ? 400 : 200 };
  if (dates.appliesFrom === undefined && errors.length === 0) errors.push({ field: "appliesFrom", message: "適用日: 変更の適用日を入れてください（その前日の本文を変更します）" });
  if (form.text.trim() === "") errors.push({ field: "text", message: "本文: 変更後の協約の全文を入れてください" });
  if (errors.length > 0) return { errors, status: 400 };
  try {
    const draft = draftFromText(k, { id, text: form.text, appliesFrom: dates.appliesFrom!, name: "本文", ...(dates.signedOn !== undefined && { signedOn: dates.signedOn }) });
    return { draft, errors, status: 200 };
  } catch (e) {
    if (!(e instanceof ProblemError) || (e.problem.status !== 400 && e.problem.status !== 422)) throw e;
    const issues = e.problem.issues ?? [];
    const located = issues.map((i) => ({
      field: "text",
      message: `${i.location.line !== undefined ? `本文 ${String(i.location.line)}行目: ` : ""}${i.message} [${i.code}]`,
    }));
    return { errors: located.length > 0 ? located : [{ field: "text", message: `${e.problem.detail} [${e.problem.code}]` }], status: e.problem.status as 400 | 422 };
  }
}

/**
 * The 改正案 page of an agreement: for a posted text, what is wrong or the draft and its
 * 新旧対照表 (above the long text box, where they are seen), then the form with the text (the
 * text in force on the day before the 適用日, or today's, when nothing was posted).
 *
 * @example
 * draftPage(k, "okayama-wake", { appliesFrom: "令和7年4月1日", signedOn: "" }).page.kind; // "draft"
 */
export function draftPage(k: Kyoyaku, id: string, form: DraftForm, result: Drafted = drafted(k, id, form)): { page: Page; status: 200 | 400 | 422 } {
  const s = summary(k, id);
  const { draft, errors, status } = result;
  const applies = datesOf(form).appliesFrom;
  const base = applies !== undefined ? addDays(applies, -1) : todayInJapan();
  const inForce = form.text === undefined ? k.asOf(id, base).document : undefined;
  const text = form.text ?? (inForce !== undefined ? renderDocument(inForce) : "");
  const action = `/agreements/${encodeURIComponent(id)}/draft`;
  const main = html`${agreementHead(s)}
${tabs(id, "draft", { drafts: false })}
<h2>改正案を作る</h2>
<p class="lead">変更後の全文に書き換えて「案を作る」を押すと、適用日の前日に効力のある本文との違いから変更連携協約書（改め文・附則・署名欄）と新旧対照表を作ります。作った案は取り込めば書き換えた本文のとおりになることを確かめてあります。何も記録しません。</p>
<form method="get" action="${action}" class="date-form no-print">
<div class="field"><label for="base-applies">適用日（この日の前日の本文を読み込む）</label>
<input type="text" id="base-applies" name="appliesFrom" value="${form.appliesFrom.slice(0, QUERY_MAX.date)}" placeholder="令和7年4月1日 または 2025-04-01" autocomplete="off"></div>
<button type="submit">本文を読み込む</button>
</form>
${form.text === undefined && inForce === undefined ? html`<p class="not-in-force">${base} に効力のある本文がありません。適用日を確かめてください。</p>` : ""}
${errorsHtml(errors)}
${draft !== undefined ? draftHtml(draft) : ""}
<form method="post" action="${action}" class="draft-form no-print">
<div class="field"><label for="appliesFrom">適用日（必須）</label>
<input type="text" id="appliesFrom" name="appliesFrom" value="${form.appliesFrom.slice(0, QUERY_MAX.date)}" placeholder="令和7年4月1日" autocomplete="off" required></div>
<div class="field"><label for="signedOn">締結日（任意。なければ案として書く）</label>
<input type="text" id="signedOn" name="signedOn" value="${form.signedOn.slice(0, QUERY_MAX.date)}" placeholder="令和7年3月25日" autocomplete="off"></div>
<div class="field wide"><label for="text">変更後の全文${form.text === undefined && inForce !== undefined ? html`（${base} に効力のある本文）` : ""}</label>
<textarea id="text" name="text" rows="30" spellcheck="false">${text}</textarea></div>
<div class="buttons">
<button type="submit">案を作る</button>
<button type="submit" name="download" value="text">テキストで保存</button>
<button type="submit" name="download" value="md">Markdown で保存</button>
<button type="submit" name="download" value="html">HTML で保存</button>
</div>
</form>`;
  return { page: { title: `改正案 — ${s.title ?? id}`, kind: "draft", main }, status };
}

function draftHtml(d: Draft): SafeHtml {
  return html`<section class="draft-result" aria-label="変更連携協約書の案">
<h2>変更連携協約書${d.text.startsWith("(案)") ? "（案）" : ""}</h2>
<pre class="draft">${d.text}</pre>
</section>
<section class="report comparison-report">${reportBody(d.comparison.html)}</section>`;
}

const MEDIA: Readonly<Record<DraftFormat, string>> = { text: "text/plain", md: "text/markdown", html: "text/html" };
const EXTENSION: Readonly<Record<DraftFormat, string>> = { text: "txt", md: "md", html: "html" };

/**
 * A draft as a file to save (`Content-Disposition: attachment`).
 *
 * @example
 * draftDownload("okayama-wake", draft, "md").headers.get("content-type"); // "text/markdown; charset=utf-8"
 */
export function draftDownload(id: string, draft: Draft, format: DraftFormat): Response {
  const body = renderDraft(draft, format);
  const name = `${id}-変更連携協約書${draft.text.startsWith("(案)") ? "（案）" : ""}.${EXTENSION[format]}`;
  const ascii = `${id.replace(/[^A-Za-z0-9._-]/gu, "_")}-draft.${EXTENSION[format]}`;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": `${MEDIA[format]}; charset=utf-8`,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      // Opened rather than saved, the HTML page's own <style> is allowed by its hash, nothing else inline.
      ...(format === "html" && { "content-security-policy": reportPolicy(body) }),
    },
  });
}
