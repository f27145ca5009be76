/**
 * An agreement document as HTML, laid out as a 協約書 is printed: 題名, 前文, （見出し） and
 * 第N条 with 項 and 号 on hanging indents, the signature block, and the 別表 with each 取組
 * and its fields (取組内容 / 甲の役割 / 乙の役割) as a small table. Parts whose text is not
 * known are said to be unknown where they would stand.
 *
 * @module
 */
import {
  addressLabel, appendixItemAddress, articleAddress, articleLabel, sectionAddress, sectionKey,
  type AgreementDocument, type Appendix, type Article, type Item, type Party, type Section,
} from "@kyoyaku/core";
import { html, type SafeHtml } from "./html.js";

function items(list: readonly Item[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<ol class="items">${list.map((it) => html`<li><span class="label">${it.label}</span><span class="text">${it.text}</span>${items(it.items)}</li>`)}</ol>`;
}

function article(a: Article): SafeHtml {
  return html`<section class="article" id="${articleAddress(a.number)}" data-address="${articleAddress(a.number)}">
${a.caption !== undefined ? html`<p class="caption">（${a.caption}）</p>` : ""}
${a.paragraphs.map((p, i) =>
  html`<div class="paragraph" data-paragraph="${p.number}"><p><span class="num">${i === 0 ? articleLabel(a.number) : String(p.number)}</span>${p.text !== "" ? html`<span class="text">${p.text}</span>` : ""}</p>${items(p.items)}</div>`)}
</section>`;
}

function party(p: Party): SafeHtml {
  return html`<div class="party"><span class="role">${p.role}</span><div class="who">
${p.address !== undefined ? html`<p class="address">${p.address}</p>` : ""}
<p class="name">${p.name}</p>
${p.office !== undefined ? html`<p class="office">${p.office}${p.head !== undefined && p.head !== "" ? html`${"\u3000"}<span class="head">${p.head}</span>` : ""}</p>` : ""}
</div></div>`;
}

function section(appendix: Appendix, s: Section, index: number): SafeHtml {
  const key = sectionKey(s, index);
  const address = sectionAddress(appendix.number, key);
  return html`<section class="section" data-address="${address}">
${s.label !== "" || s.title !== "" ? html`<h4>${s.label !== "" ? html`<span class="label">${s.label}</span>` : ""}${s.title}</h4>` : ""}
${s.items.map((it) => html`<table class="torikumi" data-address="${appendixItemAddress(appendix.number, key, it.name)}">
<caption>${it.name}</caption>
<tbody>${it.fields.map((f) => html`<tr><th scope="row">${f.name}</th><td>${f.text}</td></tr>`)}</tbody>
</table>`)}
</section>`;
}

function appendix(a: Appendix): SafeHtml {
  return html`<section class="appendix" data-address="appendix:${a.number}">
<h3>${a.heading}</h3>
${a.sections.map((s, i) => section(a, s, i))}
</section>`;
}

/** 「（題名の本文は記録にありません）」 where an unknown part would stand. */
function unknownNote(address: string): SafeHtml {
  return html`<p class="unknown-part">（${addressLabel(address)}の本文は記録にありません）</p>`;
}

/**
 * The whole document as HTML (an `<article>`).
 *
 * @example
 * documentHtml(k.asOf("okayama-wake", "2020-04-01").document!).html.includes("第1条"); // true
 */
export function documentHtml(doc: AgreementDocument): SafeHtml {
  const unknown = new Set(doc.unknown);
  const signed = doc.signedOn !== undefined || doc.parties.some((p) => p.address !== undefined || p.office !== undefined || p.head !== undefined);
  return html`<article class="agreement-text" lang="ja">
${unknown.has("title") ? unknownNote("title") : html`<h2 class="doc-title">${doc.title}</h2>`}
${doc.date !== undefined ? html`<p class="doc-date">${doc.date.text}</p>` : ""}
${doc.name !== undefined ? html`<p class="doc-name">${doc.name}</p>` : ""}
${unknown.has("preamble") ? unknownNote("preamble") : doc.preamble !== "" ? html`<div class="preamble">${doc.preamble.split("\n").map((l) => html`<p>${l}</p>`)}</div>` : ""}
${unknown.has("articles") ? unknownNote("articles") : doc.articles.map(article)}
${doc.supplementary !== undefined ? html`<section class="supplementary" data-address="supplementary"><h3>${doc.supplementary.heading}</h3>${doc.supplementary.paragraphs.map((p) => html`<p><span class="num">${doc.supplementary!.paragraphs.length > 1 ? String(p.number) : ""}</span>${p.text}</p>${items(p.items)}`)}</section>` : ""}
${doc.closing !== undefined ? html`<p class="closing">${doc.closing}</p>` : unknown.has("closing") ? unknownNote("closing") : ""}
${doc.signedOn !== undefined ? html`<p class="signed-on">${doc.signedOn.text}</p>` : ""}
${signed ? html`<div class="signatures">${doc.parties.map(party)}</div>` : ""}
${doc.appendices.map(appendix)}
${[...unknown].filter((u) => !["title", "preamble", "articles", "closing"].includes(u)).map(unknownNote)}
</article>`;
}
