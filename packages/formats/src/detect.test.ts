import { describe, expect, it } from "vitest";
import { detectFormat, looksLikeHtml, xmlRoot } from "./detect.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("looksLikeHtml and xmlRoot", () => {
  it("still see through comments, declarations and processing instructions", () => {
    expect(looksLikeHtml("<!-- 例規集 --><!-- - -->\n<html lang=\"ja\">")).toBe(true);
    expect(looksLikeHtml("<!-- a --->\n<!DOCTYPE html>")).toBe(true);
    expect(looksLikeHtml("連携協約書 <html>")).toBe(false);
    expect(xmlRoot('<?xml version="1.0"?>\n<!-- x --><?pi a?b ?><!DOCTYPE Law>\n<Law Era="Reiwa">')).toBe("Law");
    expect(xmlRoot("<?xml?><?a?><b/>")).toBe("b");
  });
  it("answer at once on 1 KB of empty comments or instructions followed by no tag — a lazy [\\s\\S]*? split them 2^n ways and hung", async () => {
    const comments = `${"<!---->".repeat(146)}x`;
    const pis = `<?xml?>${"<?a?>".repeat(200)}x`;
    const t = performance.now();
    expect(looksLikeHtml(comments)).toBe(false);
    expect(xmlRoot(comments)).toBeUndefined();
    expect(xmlRoot(pis)).toBeUndefined();
    expect((await detectFormat(enc(comments))).detected).toBe("text");
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
