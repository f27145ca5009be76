/**
 * Shared bits of the HTML and Markdown reports.
 *
 * @module
 */

/**
 * Escape text for HTML.
 *
 * @example
 * escapeHtml("<甲&乙>"); // "&lt;甲&amp;乙&gt;"
 */
export const escapeHtml = (s: string): string => s.replace(/[&<>"]/gu, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * Escape text for a Markdown table cell.
 *
 * @example
 * escapeMd("a|b"); // "a\\|b"
 */
export const escapeMd = (s: string): string => s.replace(/[\\|*_`<>[\]]/gu, (c) => `\\${c}`).replace(/\n/gu, "<br>");

/**
 * A standalone HTML page with a simple printable table style.
 *
 * @example
 * htmlPage("履歴", "<table>…</table>").startsWith("<!DOCTYPE html>"); // true
 */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK JP", "Noto Serif CJK JP", sans-serif; font-size: 10pt; line-height: 1.5; margin: 16px; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 18px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 3px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f0f0f0; }
.mark { font-weight: bold; color: #a00; }
code { font-size: 8.5pt; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A simple table in one of the three text formats (in text, empty cells are left out). */
export function table(format: "text" | "md" | "html", header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (format === "html") {
    const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
    const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c).replace(/\n/gu, "<br>")}</td>`).join("")}</tr>`).join("\n");
    return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
  }
  if (format === "md") {
    return [`| ${header.map(escapeMd).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(escapeMd).join(" | ")} |`)].join("\n");
  }
  // In the text layout a cell is a line of its own: an empty cell is left out, not printed as 「名:」.
  return rows
    .map((r) =>
      r
        .flatMap((c, i) => (c === "" ? [] : [c.includes("\n") ? `${header[i]}:\n    ${c.replace(/\n/gu, "\n    ")}` : `${header[i]}: ${c}`]))
        .join("\n  "),
    )
    .join("\n\n");
}
