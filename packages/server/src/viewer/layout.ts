/**
 * The frame of every viewer page: a Japanese document (`lang="ja"`), one stylesheet, one
 * small script (progressive enhancement only), the site header with its navigation (left
 * out when printed).
 *
 * @module
 */
import { html, type SafeHtml } from "./html.js";

/** A page's title, body class and content. */
export interface Page {
  readonly title: string;
  /** `page-<kind>` on <body>: the stylesheet lays out (and prints) each kind of page. */
  readonly kind: "list" | "agreement" | "timeline" | "diff" | "audit" | "draft" | "search" | "error";
  readonly main: SafeHtml;
}

/**
 * A whole HTML page.
 *
 * @example
 * layout({ title: "協約一覧", kind: "list", main: html`<h1>協約一覧</h1>` }).html.startsWith("<!DOCTYPE html>"); // true
 */
export function layout(page: Page): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — kyoyaku</title>
<link rel="stylesheet" href="/assets/viewer.css">
<link rel="icon" href="data:,">
<script src="/assets/viewer.js" defer></script>
</head>
<body class="page-${page.kind}">
<header class="site no-print">
<a class="brand" href="/">kyoyaku<span>連携協約の閲覧</span></a>
<nav aria-label="サイト"><a href="/">協約一覧</a><a href="/search">検索</a><a href="/openapi.json">API</a></nav>
</header>
<main>
${page.main}
</main>
<footer class="site no-print"><p>kyoyaku — 連携協約（地方自治法第252条の2）の履歴。日付は和暦（西暦）で表示しています。</p></footer>
</body>
</html>
`;
}
