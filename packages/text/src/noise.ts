/**
 * 例規集 noise: what a 例規集 (the municipality's published collection of rules) prints around
 * an agreement — 「○」 before the title, 告示番号 lines, 届出 lines, 沿革 / 体系情報 trailers and
 * inline 改正注記 such as 「（令2協約1・一部改正）」 — taken out of the text and kept as
 * {@link Annotation}s: metadata on the parse result and the event, never body text, never lost.
 *
 * @module
 */
import type { Annotation, AnnotationKind } from "@kyoyaku/core";
import { normalizeLine, type Line } from "./lines.js";

const DATE = "(?:明治|大正|昭和|平成|令和)[ \\u3000]*(?:元|[0-9０-９一二三四五六七八九十]+)[ \\u3000]*年[ \\u3000]*[0-9０-９一二三四五六七八九十]+[ \\u3000]*月[ \\u3000]*[0-9０-９一二三四五六七八九十]+[ \\u3000]*日";
const NUM = "[0-9０-９一二三四五六七八九十百]+";
// 「平成28年10月11日告示第123号」「○岡山市告示第45号」「岡山市告示第45号」
const NOTICE = new RegExp(`^[○◯]?[ \\u3000]*(?:${DATE})?[ \\u3000]*(?:[^ \\u3000。、「」]{1,12}?)?(?:告示|公告|訓令)[ \\u3000]*第[ \\u3000]*${NUM}[ \\u3000]*号$`, "u");
// 「県知事届出」「平成28年10月20日県知事届出」「総務大臣届出」
const FILED = new RegExp(`^(?:${DATE})?[ \\u3000]*(?:[^ \\u3000。、「」]{0,8}?)届出(?:済み?)?$`, "u");
// A 沿革 entry on its own: 「平成29年3月31日 一部改正」「平成29年3月31日告示第50号」
const HISTORY_ENTRY = new RegExp(`^(?:${DATE})[ \\u3000]*(?:(?:[^ \\u3000。、「」]{0,12}?)(?:告示|公告|協約|協定)第${NUM}号)?[ \\u3000]*(?:一部改正|全部改正|制定|締結|変更)?$`, "u");
const TRAILER = /^(?:沿革情報|沿革|体系情報)(?=[ \u3000\t]|$|明治|大正|昭和|平成|令和|第)/u;
/** An inline 改正注記 at the end of a line: 「(平17告示12・一部改正)」「（令2協約1・一部改正）」. */
// No leading blanks in the pattern: tried from every blank of a long run, each failing at the
// end, they made it quadratic (100,000 U+3000 in a sentence: 2 minutes); a loop takes them.
export const AMENDMENT_NOTE = /[（(](?:明治|大正|昭和|平成|令和|明|大|昭|平|令)?[元0-9０-９一二三四五六七八九十]+(?:年)?[^（）()。、]{0,16}?・(?:一部改正|全部改正|追加|削除|本条追加|見出し改正|旧[^（）()]{0,12}繰[上下]|繰[上下])[）)]$/u;

/** Characters that may begin a noise line, or end a line carrying an inline note; nothing else is looked at. */
const FIRST = new Set(["○", "◯", "沿", "体", "県", "知", "総", "明", "大", "昭", "平", "令"]);

/**
 * Take 例規集 noise out of `lines`: noise lines become blank (line numbers are kept), inline
 * 改正注記 are cut off the end of their line, and each piece is returned as an annotation.
 * A text with none of it comes back as the same array.
 *
 * @example
 * const r = takeAnnotations(splitLines("○岡山市及び和気町における連携協約\n平成28年10月11日告示第123号\n…"));
 * r.annotations; // [{ kind: "記号", text: "○", line: 1 }, { kind: "告示番号", text: "平成28年10月11日告示第123号", line: 2 }]
 */
export function takeAnnotations(lines: readonly Line[]): { lines: readonly Line[]; annotations: Annotation[] } {
  const annotations: Annotation[] = [];
  let out: Line[] | undefined;
  const put = (i: number, text: string): void => {
    out ??= lines.slice();
    const l = lines[i]!;
    out[i] = { no: l.no, raw: l.raw, text, norm: text === "" ? "" : normalizeLine(text) };
  };
  const note = (kind: AnnotationKind, text: string, line: number): void => { annotations.push({ kind, text, line }); };
  let firstText = true;
  let inTrailer = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text;
    if (t === "") { inTrailer = false; continue; }
    const c = t[0]!;
    const last = t.charCodeAt(t.length - 1);
    const first = firstText;
    firstText = false;
    if (!FIRST.has(c) && !inTrailer && last !== 0xff09 /* ） */ && last !== 0x29 /* ) */ && !t.includes("告示") && !t.includes("届出")) continue;
    if (TRAILER.test(t)) {
      note(t.startsWith("体系") ? "体系情報" : "沿革", t, l.no);
      put(i, "");
      inTrailer = true;
      continue;
    }
    if (inTrailer && HISTORY_ENTRY.test(t)) { note("沿革", t, l.no); put(i, ""); continue; }
    inTrailer = false;
    if (NOTICE.test(t)) { note("告示番号", t, l.no); put(i, ""); continue; }
    if (FILED.test(t)) { note("届出", t, l.no); put(i, ""); continue; }
    let text = t;
    if (first && (c === "○" || c === "◯")) {
      note("記号", c, l.no);
      text = text.slice(1).replace(/^[ \u3000]+/u, "");
    }
    const m = AMENDMENT_NOTE.exec(text);
    if (m) {
      note("改正注記", m[0], l.no);
      let cut = m.index;
      while (cut > 0 && (text[cut - 1] === " " || text[cut - 1] === "\u3000")) cut--;
      text = text.slice(0, cut);
    }
    if (text !== t) put(i, text);
  }
  return { lines: out ?? lines, annotations };
}
