/**
 * A draft as people read it: the 変更連携協約書 as text, and with its 新旧対照表 as Markdown or as
 * one HTML page (for the viewer's downloads, the API's `format`, the CLI's `--format`).
 *
 * @module
 */
import type { Draft } from "./types.js";

/** The formats a draft is rendered in. */
export type DraftFormat = "text" | "md" | "html";

const firstLine = (text: string): string => text.split("\n").find((l) => l !== "" && l !== "(案)") ?? "";

const esc = (s: string): string => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");

/**
 * The draft in a format: `text` is the 変更連携協約書 as written (ready to import); `md` and `html`
 * are the draft followed by its 新旧対照表. The HTML page carries its CSS in one `<style>` element
 * (the report's, as a standalone 新旧対照表 does), so a saved copy prints styled; every text is escaped.
 *
 * @example
 * renderDraft(d, "md").startsWith("# 連携中枢都市圏形成に係る変更連携協約書"); // true
 * renderDraft(d, "html").includes('<pre class="draft">'); // true
 */
export function renderDraft(d: Draft, format: DraftFormat): string {
  if (format === "text") return d.text;
  if (format === "md") return `# ${firstLine(d.text)}\n\n${d.text.split("\n").map((l) => (l === "" ? "" : `${l}  `)).join("\n")}\n\n${d.comparison.md}`;
  const table = /<body>([\s\S]*)<\/body>/u.exec(d.comparison.html)?.[1] ?? "";
  const style = /<style>([\s\S]*?)<\/style>/u.exec(d.comparison.html)?.[1] ?? "";
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${esc(firstLine(d.text))}</title>
<style>
${style}
pre.draft { white-space: pre-wrap; font-family: serif; line-height: 1.8; }
</style>
</head>
<body>
<pre class="draft">${esc(d.text)}</pre>
${table}
</body>
</html>
`;
}
