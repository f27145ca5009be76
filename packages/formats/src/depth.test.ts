import { parseDocument } from "htmlparser2";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH, nestsDeeperThan } from "./depth.js";
import { readDocument } from "./read.js";

const deep = (open: string, close: string, n: number, inner: string): string => `${open.repeat(n)}${inner}${close.repeat(n)}`;

describe("nestsDeeperThan", () => {
  it("measures the elements' nesting, text nodes aside", () => {
    const doc = parseDocument("<div><p>甲</p><p><b>乙</b></p></div>");
    expect(nestsDeeperThan(doc.children, 3)).toBe(false);
    expect(nestsDeeperThan(doc.children, 2)).toBe(true);
    expect(nestsDeeperThan(parseDocument(deep("<div>", "</div>", 100_000, "")).children)).toBe(true);
  });
});

describe("a file nested far deeper than any document is refused, not a stack overflow", () => {
  // 50,000 levels threw RangeError (Maximum call stack size exceeded) out of readDocument.
  it("例規集 HTML", async () => {
    const html = `<!DOCTYPE html><html><body>${deep("<div>", "</div>", 50_000, "<p>連携協約書</p>")}</body></html>`;
    const r = await readDocument(new TextEncoder().encode(html), "deep.html");
    if (r.ok) throw new Error("read");
    expect(r.issues.map((i) => [i.code, i.location.file])).toEqual([["format.too-deep", "deep.html"]]);
    expect(r.issues[0]!.message).toContain(`${MAX_DEPTH}段`);
  });
  it("Word .docx", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${deep("<w:customXml>", "</w:customXml>", 50_000, "<w:p><w:r><w:t>連携協約書</w:t></w:r></w:p>")}</w:body></w:document>`);
    const r = await readDocument(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), "deep.docx");
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.location.file])).toEqual([["format.too-deep", "deep.docx"]]);
  });
  it("but a page nested as deep as a real 例規集 page is read", async () => {
    const html = `<!DOCTYPE html><html><body>${deep("<div>", "</div>", 40, "<p>連携協約書</p>")}</body></html>`;
    const r = await readDocument(new TextEncoder().encode(html), "ok.html");
    expect(r.ok && r.text).toBe("連携協約書\n");
  });
});
