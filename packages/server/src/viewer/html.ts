/**
 * HTML built with one tagged template that escapes every interpolated value unless it is
 * already HTML: texts of agreements, ids and query values can never become markup.
 *
 * @module
 */
import { dateLabel, warekiLabel, type IsoDate } from "@kyoyaku/core";

/** A piece of HTML that is safe to insert as is. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for HTML content and attribute values.
 *
 * @example
 * escapeHtml(`<a href="x">甲&乙</a>`); // "&lt;a href=&quot;x&quot;&gt;甲&amp;乙&lt;/a&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ENTITIES[c]!);
}

/**
 * Mark a string as HTML (only for markup this package produced, e.g. a report renderer's output).
 *
 * @example
 * html`<p>${raw("<b>太字</b>")}</p>`.html; // "<p><b>太字</b></p>"
 */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return "";
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * The HTML template tag: strings are escaped, SafeHtml is inserted, arrays are joined,
 * `undefined`, `null` and `false` are left out.
 *
 * @example
 * html`<p title="${'"x"'}">${"<script>"}</p>`.html; // "<p title=\"&quot;x&quot;\">&lt;script&gt;</p>"
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * A day as the viewer shows it: 和暦, with 西暦 (ISO) beside it in smaller type.
 *
 * @example
 * dateHtml("2020-04-01").html; // "<time datetime=\"2020-04-01\">令和2年4月1日<span class=\"iso\">（2020-04-01）</span></time>"
 */
export function dateHtml(iso: IsoDate): SafeHtml {
  const w = warekiLabel(iso);
  if (w === iso) return html`<time datetime="${iso}">${iso}</time>`;
  return html`<time datetime="${iso}">${w}<span class="iso">（${iso}）</span></time>`;
}

/**
 * A day as plain text (for titles and attributes): core's dateLabel.
 *
 * @example
 * dateText("2016-10-11"); // "平成28年10月11日（2016-10-11）"
 */
export function dateText(iso: IsoDate): string {
  return dateLabel(iso);
}

/**
 * The body of a standalone report page (renderComparisonTable / renderAudit html), to embed
 * in a viewer page; the report renderer escaped its texts.
 *
 * @example
 * reportBody("<html><body>\n<h1>監査報告</h1>\n</body></html>").html; // "<h1>監査報告</h1>\n"
 */
export function reportBody(page: string): SafeHtml {
  const m = /<body[^>]*>\n?([\s\S]*)<\/body>/u.exec(page);
  return raw(keepDaysWhole(m?.[1] ?? ""));
}

/**
 * Wrap each ISO day in the text of report markup (never inside a tag) in `<span class="iso-day">`,
 * which the stylesheet keeps on one line: a browser otherwise breaks 「（2025-03-25）」 after a
 * hyphen, and a date split over two lines is misread.
 *
 * @example
 * keepDaysWhole('<p title="2025-03-25">締結日（2025-03-25）</p>');
 * // '<p title="2025-03-25">締結日（<span class="iso-day">2025-03-25</span>）</p>'
 */
export function keepDaysWhole(markup: string): string {
  return markup
    .split(/(<[^>]*>)/u)
    .map((part) => (part.startsWith("<") ? part : part.replace(/\b\d{4}-\d{2}-\d{2}\b/gu, (d) => `<span class="iso-day">${d}</span>`)))
    .join("");
}
