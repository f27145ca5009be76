import { describe, expect, it } from "vitest";
import { el, xmlDocument } from "./write.js";

describe("xmlDocument", () => {
  it("escapes text and attributes, leaves undefined attributes and children out, and never indents inside a text", () => {
    const xml = xmlDocument(el("Law", { A: 'x"<&>\n\t', B: undefined, N: 3 }, [el("T", {}, " a<b & c\r\n "), undefined, el("E", {}, ""), el("F", {}, [])]));
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Law A="x&quot;&lt;&amp;&gt;&#10;&#9;" N="3">\n  <T> a&lt;b &amp; c&#13;\n </T>\n  <E/>\n  <F/>\n</Law>\n');
  });
});
