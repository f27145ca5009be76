/**
 * PDF fonts often map a kanji's glyph to a radical code point (⽉ U+2F49 for 月, ⻑ U+2ED1 for
 * 長) in their ToUnicode tables, because the font draws both with the same glyph. Chromium's
 * PDFs do, and so do many made by Word. The text must come back as the ideograph that was
 * written, so radicals are mapped to their equivalent unified ideographs.
 *
 * @module
 */

/**
 * CJK Radicals Supplement (U+2E81–U+2EF3) → equivalent unified ideograph, from the Unicode
 * Character Database file EquivalentUnifiedIdeograph.txt (Unicode 14.0.0, © Unicode, Inc.;
 * originally by Ken Lunde). U+2E80 has no equivalent there and is left as it is. The Kangxi
 * Radicals block (U+2F00–U+2FD5) needs no table: its NFKC decomposition is the ideograph.
 */
const SUPPLEMENT =
  "2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200 2E89:5202 2E8A:535C " +
  "2E8B:353E 2E8C:5C0F 2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22 2E91:21BC2 2E92:5DF3 2E93:5E7A 2E94:5F51 " +
  "2E95:5F50 2E96:5FC4 2E97:5FC3 2E98:624C 2E99:6535 2E9B:65E1 2E9C:65E5 2E9D:6708 2E9E:6B7A 2E9F:6BCD " +
  "2EA0:6C11 2EA1:6C35 2EA2:6C3A 2EA3:706C 2EA4:722B 2EA5:722B 2EA6:4E2C 2EA7:725B 2EA8:72AD 2EA9:738B " +
  "2EAA:24D14 2EAB:76EE 2EAC:793A 2EAD:793B 2EAE:25AD7 2EAF:7CF9 2EB0:7E9F 2EB1:7F53 2EB2:7F52 2EB3:34C1 " +
  "2EB4:5197 2EB5:2626B 2EB6:7F8A 2EB7:2634C 2EB8:2634B 2EB9:8002 2EBA:8080 2EBB:807F 2EBC:8089 2EBD:26951 " +
  "2EBE:8279 2EBF:8279 2EC0:8279 2EC1:864E 2EC2:8864 2EC3:8980 2EC4:897F 2EC5:89C1 2EC6:89D2 2EC7:278B2 " +
  "2EC8:8BA0 2EC9:8D1D 2ECA:27FB7 2ECB:8F66 2ECC:8FB6 2ECD:8FB6 2ECE:8FB6 2ECF:9091 2ED0:9485 2ED1:9577 " +
  "2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED7:96E8 2ED8:9752 2ED9:97E6 2EDA:9875 2EDB:98CE " +
  "2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963 2EE1:29810 2EE2:9A6C 2EE3:9AA8 2EE4:9B3C 2EE5:9C7C " +
  "2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589 2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC " +
  "2EF0:9F99 2EF1:9F9C 2EF2:4E80 2EF3:9F9F";

const supplement: ReadonlyMap<string, string> = new Map(
  SUPPLEMENT.split(" ").map((pair) => {
    const [from, to] = pair.split(":") as [string, string];
    return [String.fromCodePoint(parseInt(from, 16)), String.fromCodePoint(parseInt(to, 16))];
  }),
);

/**
 * Characters Chromium's PDF writer (Skia) puts in a text layer for a different character: when
 * a font draws two code points with one glyph, Skia's ToUnicode names the lower one. With the
 * Japanese fonts this turns 中黒 ・ (U+30FB) into ‧ (U+2027 HYPHENATION POINT) and 戸 (U+6238)
 * into 戶 (U+6236). Read back only in PDFs whose producer is Skia; listed in the notes.
 */
export const SKIA_SHARED_GLYPHS: ReadonlyMap<string, string> = new Map([
  ["\u2027", "\u30FB"],
  ["\u6236", "\u6238"],
]);

/**
 * The text with every CJK radical that stands for a kanji replaced by that kanji; nothing
 * else is changed (no NFKC on the rest: full-width digits and the like stay as written).
 *
 * @example
 * unifyRadicals("平成28年10⽉11⽇ 岡⼭市⻑"); // "平成28年10月11日 岡山市長"
 */
export function unifyRadicals(text: string): string {
  return text.replace(/[\u2E81-\u2EF3\u2F00-\u2FD5]/gu, (c) => supplement.get(c) ?? (c >= "\u2F00" ? c.normalize("NFKC") : c));
}

/**
 * {@link unifyRadicals}, and for a Skia PDF the {@link SKIA_SHARED_GLYPHS} too, counting each
 * replacement as `from→to` in `seen` (for the notes of the read).
 *
 * @example
 * const seen = new Map<string, number>();
 * readBackGlyphs("岡⼭市‧和気町", true, seen); // "岡山市・和気町"; seen: {"⼭→山" => 1, "‧→・" => 1}
 */
export function readBackGlyphs(text: string, skia: boolean, seen: Map<string, number>): string {
  return [...text]
    .map((c) => {
      // radicals first: Skia writes 戸 as the Kangxi radical ⼾, whose NFKC form is 戶
      const unified = unifyRadicals(c);
      const to = skia ? (SKIA_SHARED_GLYPHS.get(unified) ?? unified) : unified;
      if (to !== c) seen.set(`${c}→${to}`, (seen.get(`${c}→${to}`) ?? 0) + 1);
      return to;
    })
    .join("");
}
