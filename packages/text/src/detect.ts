/**
 * What kind of text this is: an agreement (締結), a change agreement (変更), an abolition
 * (廃止) — or not an agreement at all (条例, 規約, 申合せ, bytes, nothing), refused with a reason.
 *
 * @module
 */
import type { Line } from "./lines.js";
import { describeShape } from "./shape.js";
import { NOTICE_SENTENCE, NOTICE_SUBJECT } from "./notice.js";

/** The kinds a text can be read as. */
export type TextKind = "conclude" | "amend" | "abolish" | "notice";

/** The verdict: a kind, or a refusal with its code and reason. */
export type Detection =
  | { readonly ok: true; readonly kind: TextKind }
  | { readonly ok: false; readonly code: "parse.empty" | "parse.binary" | "parse.control-character" | "parse.not-an-agreement"; readonly message: string; readonly line: number };

// The characters looksBinary counts as bytes rather than writing.
// eslint-disable-next-line no-control-regex
const BAD = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/u;

/**
 * True when the text looks like bytes rather than writing: NUL, other control characters,
 * or replacement characters from a failed decoding.
 *
 * @example
 * looksBinary("\u0000\u0001PK"); // true
 */
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  if (!BAD.test(text)) return false;
  // By UTF-16 unit: every bad character is one unit, and a surrogate half is never bad.
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  if (bad === 0) return false;
  // Characters, as `[...text]` counts them: a surrogate pair is one.
  let pairs = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { pairs++; i++; }
    }
  }
  return bad * 50 >= text.length - pairs;
}

/**
 * The first control character in a text (C0 other than tab, line feed, carriage return and
 * form feed — a PDF extraction's page break —, DEL, C1) or bidi control (marks, embeddings,
 * overrides, isolates), with its 1-based line and column: ESC sequences retitle or hide text
 * in a terminal, a bidi override shows text in another order than it is stored, and no 協約書
 * has any (the engine refuses them in any event too). Undefined for none.
 *
 * @example
 * controlCharacter("第1条\n甲\u001b]0;x"); // { line: 2, column: 2, code: 0x1b }
 * controlCharacter("第1条\t甲\r\n"); // undefined
 */
export function controlCharacter(text: string): { readonly line: number; readonly column: number; readonly code: number } | undefined {
  // eslint-disable-next-line no-control-regex
  const at = text.search(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
  if (at < 0) return undefined;
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    // A line break as splitLines counts them: \r\n, \n, \r.
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1, code: text.charCodeAt(at) };
}

/**
 * A line quoted in a refusal of a text that is not an agreement: at most 30 characters
 * (the line was read because it names 協約, 条例, 規約 or 申合せ, so it is a document's).
 */
function excerpt(text: string): string {
  const chars = [...text];
  return chars.length > 30 ? `${chars.slice(0, 30).join("")}…` : text;
}

/** A control character's name in a message: `U+001B (ESC)`. */
function controlName(code: number): string {
  const names: Readonly<Record<number, string>> = { 0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0b: "VT", 0x1b: "ESC", 0x7f: "DEL", 0x9b: "CSI", 0x200e: "LRM", 0x200f: "RLM", 0x202a: "LRE", 0x202b: "RLE", 0x202c: "PDF", 0x202d: "LRO", 0x202e: "RLO", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI" };
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}${names[code] !== undefined ? ` (${names[code]})` : ""}`;
}

const TITLE_AMEND = /変更(?:連携)?協(?:約|定)/u;
const ENACT_AMEND = /(?:を|の一部を|の全部を)次の(?:とおり|ように)(?:変更|改正)する。?$/u;
// 「…協約を廃止する。」「…協約を廃止することについて合意する。」「…協約は、令和8年3月31日限り、廃止する。」「…をもって廃止する。」
const ENACT_ABOLISH = /(?:協約|協定)(?:を廃止する(?:ことについて合意する)?|は、?.{1,40}?(?:限り|をもって)、?廃止する(?:ことについて合意する)?)。?$/u;
const TITLE_ABOLISH = /(?:協約|協定)を廃止する(?:協約|協定)/u;

// A title ending in the name of an enactment: 「…協定の締結に関する条例」「…連携協約事務取扱規則」.
const ENACTMENT_TITLE = /(条例|規則|規約|要綱)(?:\(案\))?$/u;
// 「…条例をここに公布する。」, 「岡山市条例第12号」: the 公布文 and number of an enactment.
const PROMULGATION = /(条例|規則)をここに公布する。?$|^.{0,20}(条例|規則|告示|訓令)第[0-9一二三四五六七八九十百]+号$/u;
const ENACTMENT_WORDS: Readonly<Record<string, string>> = {
  条例: "条例（議会が定める例規）",
  規則: "規則（長などが定める例規）",
  規約: "規約",
  要綱: "要綱（事務の取扱いの定め）",
  告示: "告示",
  訓令: "訓令",
};

/**
 * An enactment (条例, 規則, 規約, 要綱) whose title or 公布文 names a 協定 or 協約: the
 * agreement is what it is about, not what it is.
 */
function enactmentOf(head: readonly Line[], titleLine: Line | undefined): { message: string; line: number } | undefined {
  const t = titleLine?.norm ?? "";
  const m = ENACTMENT_TITLE.exec(t);
  if (m && titleLine) {
    const about = /協約|協定/u.test(t) ? "題名に協約・協定の名があるが、それは定めの対象であり、" : "";
    return { message: `協約書ではない：題名「${titleLine.text}」は${ENACTMENT_WORDS[m[1]!]}の題名で、${about}このテキストは${m[1]}である（締結・変更・廃止の協約書を与えてください）`, line: titleLine.no };
  }
  const p = head.find((l) => PROMULGATION.test(l.norm));
  if (p) {
    const pm = PROMULGATION.exec(p.norm)!;
    const kind = pm[1] ?? pm[2] ?? "条例";
    return { message: `協約書ではない：「${p.text.slice(0, 50)}」は${ENACTMENT_WORDS[kind]}の公布文・番号であり、このテキストは${kind}である（締結・変更・廃止の協約書を与えてください）`, line: p.no };
  }
  return undefined;
}

/**
 * Classify a text from its lines.
 *
 * @example
 * detectKind(splitLines("連携中枢都市圏形成に係る連携協約書\n…")).ok; // true
 */
export function detectKind(text: string, lines: readonly Line[]): Detection {
  if (text.trim() === "") return { ok: false, code: "parse.empty", message: "テキストが空で、読むものがない", line: 1 };
  if (looksBinary(text)) return { ok: false, code: "parse.binary", message: "ファイルがテキストでない（制御バイトや読めない文字を含む）：協約書の UTF-8 テキストを与える", line: 1 };
  const control = controlCharacter(text);
  if (control !== undefined) {
    return {
      ok: false,
      code: "parse.control-character",
      message: `${control.column}文字目に制御文字 ${controlName(control.code)} がある：協約書に制御文字はない（端末の表示を変えうる）ため、取り除いてから取り込む`,
      line: control.line,
    };
  }
  const nonBlank = lines.filter((l) => l.norm !== "");
  // A 通告 letter (「…の廃止について（通告）」「…ことを通告します。」) is never an agreement text.
  if (nonBlank.some((l) => !/^第[0-9一二三四五六七八九十]+条/u.test(l.norm) && (NOTICE_SUBJECT.test(l.norm) || NOTICE_SENTENCE.test(l.norm)))) return { ok: true, kind: "notice" };
  const all = nonBlank.map((l) => l.norm).join("\n");
  const head = nonBlank.slice(0, 6);
  const titleLine = head.find((l) => !/^\(案\)$/u.test(l.norm));
  const title = titleLine?.norm ?? "";
  // Refusals first: these documents mention 協約/協定 words too.
  const promulgation = nonBlank.find((l) => l.norm.includes("条例") && /条例をここに公布する|条例を公布する|^.{0,40}条例$/u.test(l.norm) && !/協約/u.test(l.norm));
  if (promulgation && !/協約|協定/u.test(title)) {
    return { ok: false, code: "parse.not-an-agreement", message: `協約書ではない：このテキストは条例である（「${excerpt(promulgation.text)}」）`, line: promulgation.no };
  }
  if (/規約/u.test(title) || /^(?:.*)事務の委託に関する規約/u.test(title)) {
    const what = /市長会|町村会/u.test(title) ? "市長会・町村会の規約" : /事務の委託/u.test(title) ? "事務の委託に関する規約（地方自治法第252条の14）であり、連携協約でない" : "規約であり、協約でない";
    return { ok: false, code: "parse.not-an-agreement", message: `協約書ではない：このテキストは${what}（題名「${excerpt(titleLine!.text)}」）`, line: titleLine!.no };
  }
  if (/申合せ|申し合わせ|申合わせ/u.test(title)) {
    return { ok: false, code: "parse.not-an-agreement", message: `協約書ではない：このテキストは申合せである（題名「${excerpt(titleLine!.text)}」）`, line: titleLine!.no };
  }
  const enactment = enactmentOf(head, titleLine);
  if (enactment) return { ok: false, code: "parse.not-an-agreement", message: enactment.message, line: enactment.line };
  if (!/協約|協定/u.test(all)) {
    // Not quoted: a file that names no 協約 may be anything (a key, a password file behind a
    // symlink), and an error message must not print its first line.
    return { ok: false, code: "parse.not-an-agreement", message: "テキストのどこにも協約・協定の名がないため、kyoyaku が読む協約書でない（文書でない可能性があるため、行は引用しない）", line: titleLine?.no ?? 1 };
  }
  if (!/協約|協定/u.test(title) && !nonBlank.some((l) => /^第[0-9一二三四五六七八九十]+条/u.test(l.norm))) {
    const shape = describeShape(lines);
    return { ok: false, code: "parse.not-an-agreement", message: `題名「${excerpt(titleLine?.text ?? "")}」に協約・協定の名がなく、条もないため協約書でない（このテキストは${shape.what}と見られる）`, line: titleLine?.no ?? 1 };
  }
  // Each line is tested only when it has the words the pattern needs (a cheap search first).
  // A text with 条 is an agreement even when its 附則 ends an older one (「2 …連携協約は、…限り、廃止する。」).
  const hasArticles = nonBlank.some((l) => /^第[0-9一二三四五六七八九十]+条/u.test(l.norm));
  if (TITLE_ABOLISH.test(title) || (!hasArticles && nonBlank.some((l) => l.norm.includes("廃止する") && ENACT_ABOLISH.test(l.norm)))) return { ok: true, kind: "abolish" };
  if (TITLE_AMEND.test(title) || nonBlank.some((l) => l.norm.includes("次の") && ENACT_AMEND.test(l.norm))) return { ok: true, kind: "amend" };
  return { ok: true, kind: "conclude" };
}
