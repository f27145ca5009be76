/**
 * A small XML writer for the exports: elements as plain data, written with two-space
 * indentation. Text is escaped here and only here, so no export can emit a stray `<` or `&`.
 * An element holds either text or child elements (the legal XML vocabularies kyoyaku writes
 * have no mixed content), so indentation never adds characters to a text.
 *
 * @module
 */

/** An XML element: name, attributes (undefined ones are left out), and text or children. */
export interface XmlElement {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | number | undefined>>;
  readonly children?: readonly (XmlElement | undefined)[];
  readonly text?: string;
}

/**
 * An element; `children` that are `undefined` are skipped, so optional parts read inline.
 *
 * @example
 * el("Sentence", {}, "第1条") // { name: "Sentence", attrs: {}, text: "第1条" }
 */
export function el(name: string, attrs: XmlElement["attrs"] = {}, content?: string | readonly (XmlElement | undefined)[]): XmlElement {
  return typeof content === "string" ? { name, attrs, text: content } : { name, attrs, children: content ?? [] };
}

const escapeText = (s: string): string => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
const escapeAttr = (s: string): string => escapeText(s).replace(/"/gu, "&quot;").replace(/\n/gu, "&#10;").replace(/\t/gu, "&#9;").replace(/\r/gu, "&#13;");
/** A text's line breaks and tabs as character references: a reader normalises neither then. */
const escapeContent = (s: string): string => escapeText(s).replace(/\r/gu, "&#13;");

function attrText(attrs: XmlElement["attrs"]): string {
  return Object.entries(attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");
}

function lines(e: XmlElement, indent: string, out: string[]): void {
  const open = `${indent}<${e.name}${attrText(e.attrs)}`;
  if (e.text !== undefined) {
    out.push(e.text === "" ? `${open}/>` : `${open}>${escapeContent(e.text)}</${e.name}>`);
    return;
  }
  const kids = (e.children ?? []).filter((c): c is XmlElement => c !== undefined);
  if (kids.length === 0) return void out.push(`${open}/>`);
  out.push(`${open}>`);
  for (const c of kids) lines(c, `${indent}  `, out);
  out.push(`${indent}</${e.name}>`);
}

/**
 * A whole XML document (UTF-8 declaration, the root, a final newline).
 *
 * @example
 * xmlDocument(el("Law", { Lang: "ja" }, [el("LawNum", {}, "")]));
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<Law Lang="ja">\n  <LawNum/>\n</Law>\n'
 */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines(root, "", out);
  return `${out.join("\n")}\n`;
}
