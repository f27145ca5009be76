/**
 * Re-segmenting a text extracted from a PDF with everything on one line (or a few very long
 * lines) into the lines the readers expect: 題名, 日付, 当事者, 協約名, 前文, 条 with 見出し,
 * 項, 号, 附則, 結び, 署名欄 and 別表 (区分, 取組, 欄).
 *
 * Every cut is one the text proves: article headings in order (第1条, 第2条 …) at the start
 * of a sentence, 項 numbers in order after a 。, party names that the 前文 declares or the
 * 協約名 lists, 別表 columns from the table's own column names. Where the text does not prove
 * a cut, the segmenter refuses at that place (a {@link SegmentProblem}) rather than guess.
 *
 * Blanks: in an extraction a line break is a blank, and a blank between two CJK characters
 * inside running text is a wrap artefact (「定住自 立圏」 → 「定住自立圏」); other runs of blanks
 * become one space (`E S D` stays). Names, addresses and dates in the header and the 署名欄
 * are kept as written (`岡 山 市`, `大森 雅夫`, `令和7年3月 日`).
 *
 * @module
 */
import { cleanLine, normalizeLine, type Line } from "./lines.js";
import { AMENDMENT_NOTE } from "./noise.js";
import { articleNumber } from "./numbers.js";
import { progressGuard } from "./progress.js";

/** A place where the extraction cannot be re-segmented without guessing. */
export interface SegmentProblem {
  readonly code: string;
  readonly message: string;
  /** 1-based line and column (UTF-16 units) in the source text. */
  readonly line: number;
  readonly column: number;
}

/** The lines a one-line extraction was cut into, and where it could not be cut. */
export interface Segmented {
  readonly lines: Line[];
  readonly problems: SegmentProblem[];
}

const WS = "[ \\t\\u3000\\u00a0]";
const KNUM = "0-9０-９一二三四五六七八九十百";
// An article heading at the start of a sentence: 第N条 (の M) followed by a blank.
const ARTICLE_AT = new RegExp(`第([${KNUM}]+)条((?:の[${KNUM}]+)*)(?=${WS})`, "gu");
// Marks counted by the shape test: an article heading, 附則, a closing sentence or a 別表
// heading in the middle of a line, after a 。 or a closing parenthesis; a 廃止's enacting
// sentence followed by more text on its line.
const MID_MARK = new RegExp(
  `[。）)]${WS}*(?:[（(][^（）()。]{1,20}[）)]${WS}*)?(?:第[${KNUM}]+条(?:の[${KNUM}]+)*${WS}|附${WS}*則(?:${WS}|[（(0-9０-９-]|この|本)|(?:この|本)[^。]{0,30}?を証するため|別${WS}*表(?:第[${KNUM}]+)?${WS}*[（(][^（）()]{0,20}関係[）)])` +
  // A 廃止 text may have no 附則: its enacting sentence ending in mid-line is a mark too.
  `|協[約定](?:を廃止する(?:ことについて合意する)?|は[、，]?[^。]{1,40}?(?:限り|をもって)[、，]?廃止する(?:ことについて合意する)?)(?=。${WS}*\\S)`,
  "gu",
);
// Characters that follow 第N条 when it is a reference inside a sentence, not a heading.
const PARTICLE = /^[にのをはがとでもへや又及並中第から、。」）)]/u;
const DATE = new RegExp(
  `(?:明治|大正|昭和|平成|令和)${WS}*(?:元|[${KNUM}○〇]+)${WS}*年${WS}*(?:[${KNUM}○〇]+)?${WS}*月${WS}*(?:[${KNUM}○〇]+)?${WS}*日`,
  "uy",
);
const DATE_SRC = `(?:明治|大正|昭和|平成|令和)${WS}*(?:元|[${KNUM}]+)${WS}*年${WS}*[${KNUM}]+${WS}*月${WS}*[${KNUM}]+${WS}*日`;
// 例規集 notes after the date: 「告示第32号」「平成23年4月5日県知事届出」 (each its own line; the noise pass keeps them).
const NOTICE_AFTER_DATE = new RegExp(`(?:${DATE_SRC})?${WS}*(?:[^\\s。、「」（）]{0,12}?(?:告示|訓令|公告)${WS}*第${WS}*[${KNUM}]+${WS}*号|[^\\s。、「」（）]{0,8}?届出)`, "uy");
const SUFFIX = /[都道府県市町村区合]$/u;
const ROLES = "甲乙丙丁戊己庚辛壬癸";
const FIELD_NAMES = ["取組内容", "事業内容", "役割分担", "備考"];
const FIELD_ROLES = "[甲乙丙丁戊己庚辛壬癸]の役割";
const ROMAN = /^(?:#{1,6}[ \t\u3000]+)?((?:I{1,3}|IV|VI{0,3}|IX|X{1,3}|XI{1,3}|XIV|XV)|[Ⅰ-Ⅻ]|[ＩＶＸ]{1,4})(?:[ \t\u3000]+|[.．、][ \t\u3000]*)/u;
const ROMAN_VALUES = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"];
/**
 * 別表 section titles fixed by the national guidelines (連携中枢都市圏構想推進要綱, 定住自立圏構想
 * 推進要綱): where a title runs into the first 取組 name with nothing between, these prove the cut.
 */
const KNOWN_SECTION_TITLES = [
  "圏域全体の経済成長のけん引", "高次の都市機能の集積・強化", "圏域全体の生活関連機能サービスの向上",
  "生活機能の強化に係る政策分野", "結び付きやネットワークの強化に係る政策分野", "圏域マネジメント能力の強化に係る政策分野",
];

/**
 * The start of a sentence that continues a 別表 cell and cannot start a column name: a
 * conjunction with its 、 (「また、」「なお、」), or a party as subject (「甲は、」「甲及び乙が」).
 */
const CELL_CONTINUES = /^(?:(?:また|なお|ただし|さらに|あわせて|併せて|加えて|このほか|その他)、|[甲乙丙丁戊己庚辛壬癸](?:及び[甲乙丙丁戊己庚辛壬癸])*(?:は|が|も))/u;

const TRAILER = /^(?:沿革情報|沿革|体系情報)(?=[ \t\u3000]|$|明治|大正|昭和|平成|令和|第)/u;

// 附則, then a blank, its caption, a paragraph number, or its one sentence (この協約は…).
const SUPPLEMENTARY_AT = new RegExp(`^附${WS}*則(?:${WS}|[（(0-9０-９-]|この|本|$)`, "u");

const isWs = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\u3000" || c === "\u00a0";

/** CJK ideographs, kana and CJK punctuation (、。「」（）), full-width forms. */
function isCjk(c: string | undefined): boolean {
  if (c === undefined) return false;
  const n = c.charCodeAt(0);
  return (n >= 0x3000 && n <= 0x30ff && n !== 0x3000) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0x3400 && n <= 0x4dbf) || (n >= 0xff01 && n <= 0xff60) || n === 0x30fc;
}

const fold = (c: string): string => {
  const n = c.charCodeAt(0);
  return n >= 0xff01 && n <= 0xff5e ? String.fromCharCode(n - 0xfee0) : c;
};

/**
 * True when a text has the shape of a PDF extraction run together on a line: structure marks
 * (an article heading, 附則, the closing sentence, a 別表 heading) in mid-line after a 。 or a
 * closing parenthesis — two or more, at least one of them on a line of 120 characters or more.
 * Normal texts, where each of these starts its own line, are never touched. The test costs one
 * scan of line lengths; the pattern runs only on long lines, and on the others only when a
 * long line has a mark.
 *
 * @example
 * looksExtracted("（目的）\n第1条 …\n"); // false
 * looksExtracted(`連携協約書 … とする。 （目的） 第1条 … とする。 第2条 甲及び乙は、… を図る。 この連携協約の締結を証するため、…`); // true
 */
export function looksExtracted(text: string): boolean {
  // A long line with a mark in mid-line first (normal texts have none); then count the marks
  // of every line, since an extraction broken into pages may have one mark per line.
  let marked = false;
  for (const pass of [120, 1]) {
    let marks = 0;
    let start = 0;
    const n = text.length;
    while (start < n) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = n;
      if (end - start >= pass) {
        MID_MARK.lastIndex = 0;
        const line = text.slice(start, end);
        while (MID_MARK.exec(line) !== null) {
          if (++marks >= 2) return true;
          marked = true;
        }
      }
      start = end + 1;
    }
    if (!marked) return false;
  }
  return false;
}

/** Running text: blanks between two CJK characters removed, other runs of blanks made one space. */
export function tidy(s: string): string {
  const t = s.replace(/^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$/gu, "");
  return t.replace(/[ \t\u3000\u00a0]+/gu, (run, at: number) => (isCjk(t[at - 1]) && isCjk(t[at + run.length]) ? "" : " "));
}

/** Names, addresses and dates: only the outer blanks go, and runs of blanks become one space. */
const keep = (s: string): string => s.replace(/^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$/gu, "").replace(/[ \t\u3000\u00a0]{2,}/gu, " ");

class Stream {
  readonly s: string;
  private readonly starts: number[] = [0];
  readonly out: { raw: string; at: number }[] = [];
  readonly problems: SegmentProblem[] = [];
  /** The parties' names (normalised) the header proved. */
  names: string[] = [];
  constructor(text: string) {
    const t = text.startsWith("\uFEFF") ? text.slice(1) : text;
    // A line break is a blank; CRLF becomes one blank so offsets stay per character.
    const parts = t.split(/\r\n|\n|\r/u);
    let off = 0;
    for (let i = 0; i < parts.length - 1; i++) {
      off += parts[i]!.length + 1;
      this.starts.push(off);
    }
    this.s = parts.join(" ");
  }
  loc(at: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.starts[lo]! + 1 };
  }
  emit(raw: string, at: number): void {
    if (raw.replace(/[ \t\u3000]/gu, "") !== "") this.out.push({ raw, at });
  }
  problem(code: string, message: string, at: number): void {
    this.problems.push({ code, message, ...this.loc(at) });
  }
  skip(p: number, to = this.s.length): number {
    while (p < to && isWs(this.s[p])) p++;
    return p;
  }
  /** Where `target` (compared without blanks, full-width folded) ends if it starts at `p` (after blanks), else -1. */
  matchAt(p: number, target: string, to = this.s.length): number {
    const t = [...normalizeLine(target)];
    let q = this.skip(p, to);
    for (let k = 0; k < t.length; k++) {
      if (k > 0) q = this.skip(q, to);
      if (q >= to || fold(this.s[q]!) !== fold(t[k]!)) return -1;
      q++;
    }
    return q;
  }
}

/**
 * True when the text before `b` (blanks already skipped) ends a sentence: a 。, or an inline
 * 改正注記 「（令2協約1・一部改正）」 after a 。 (an 例規集 prints it after the provision).
 */
function endsSentence(s: string, b: number, from = 0): boolean {
  if (b <= from) return true;
  const c = s[b - 1];
  if (c === "。") return true;
  if (c !== "）" && c !== ")") return false;
  const open = Math.max(s.lastIndexOf("（", b - 1), s.lastIndexOf("(", b - 1));
  if (open < from || b - open > 40 || !AMENDMENT_NOTE.test(s.slice(open, b))) return false;
  let k = open;
  while (k > from && isWs(s[k - 1])) k--;
  return k <= from || s[k - 1] === "。";
}

const excerpt = (s: string, at: number): string => s.slice(Math.max(0, at), at + 24).trim();

/** The party names the 前文 declares: 「岡山市（以下「甲」という。）及び和気町（以下「乙」という。）」. */
function declaredNames(zone: string): string[] | undefined {
  const re = /[（(]以下[「『]([甲乙丙丁戊己庚辛壬癸])[」』]という。?[）)]/gu;
  const names: string[] = [];
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(zone)) !== null) {
    const before = zone.slice(from, m.index);
    // The name runs back to a connector (及び, 、, 並びに), a blank, or the end of the 協約名.
    const after = (w: string): number => { const k = before.lastIndexOf(w); return k < 0 ? 0 : k + w.length; };
    const cut = Math.max(after("及び"), after("、"), after("並びに"), after("協約"), after("協定"), after("。"), after("）"), after(")"));
    let name = before.slice(Math.max(0, cut)).replace(/^[ \t\u3000]*と/u, "");
    const blank = name.search(/[ \t\u3000](?=[^ \t\u3000]*$)/u);
    if (blank >= 0 && names.length === 0) name = name.slice(blank + 1);
    name = normalizeLine(name);
    if (!SUFFIX.test(name) || name.length > 20) return undefined;
    names.push(name);
    from = m.index + m[0].length;
  }
  return names.length >= 2 ? names : undefined;
}

/**
 * Party names proven by a 協約名 or an enacting sentence that lists the names written above it:
 * 「岡山市備前市」 + 「岡山市及び備前市における…」 — exactly one split of the names must work.
 */
function listedNames(z: string): string[] | undefined {
  const found = new Map<string, string[]>();
  const limit = Math.min(z.length, 240);
  for (let k = 2; k < Math.min(z.length, 80); k++) {
    if (!SUFFIX.test(z[k - 1]!)) continue;
    const p = z.slice(0, k);
    for (let j0 = k; j0 < limit; j0++) {
      if (z[j0] !== p[0]) continue;
      const names: string[] = [];
      let i = 0;
      let j = j0;
      for (;;) {
        const rest = p.slice(i);
        if (rest === "") break;
        if (names.length >= 1 && z.startsWith(rest, j)) { names.push(rest); found.set(names.join("|"), names); break; }
        const c = /及び|、|並びに/u.exec(z.slice(j, j + 30));
        if (!c) break;
        const name = z.slice(j, j + c.index);
        if (name === "" || !p.startsWith(name, i) || !SUFFIX.test(name)) break;
        names.push(name);
        i += name.length;
        j += c.index + c[0].length;
      }
      if (z[j0] === "。") break;
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/**
 * Re-segment a text that {@link looksExtracted} into {@link Line}s. Each line keeps the
 * number of the source line its first character came from. Where a cut cannot be proven,
 * a problem says where (line and column) and what was not understood.
 *
 * @example
 * const r = segmentText("連携協約書 平成28年10月11日 岡山市 和気町 … （目的） 第1条 … 第2条 …");
 * r.lines.map((l) => l.text); // ["連携協約書", "平成28年10月11日", "岡山市", "和気町", …, "（目的）", "第1条 …", …]
 */
export function segmentText(text: string): Segmented {
  const st = new Stream(text);
  const s = st.s;
  let p = st.skip(0);
  // (案)
  const draft = /^[(（]案[)）]/u.exec(s.slice(p, p + 3));
  if (draft) { st.emit(draft[0], p); p = st.skip(p + draft[0].length); }
  // A 新旧対照表 run together on one line has lost its rows and columns: which words were 改正後 and
  // which 改正前 cannot be told, so it is refused where the table begins.
  const table = /次の表のように(?:変更|改正)する。/u.exec(s.slice(0, 4000));
  if (table) {
    st.problem("segment.taishohyo", "新旧対照表方式の変更（「…次の表のように変更する。」）が1行に抽出されたテキストです。表の行と列（改正後・改正前）が失われているため、どの文字がどちらの欄か決められません。表の形を保った原本（テキスト・Word・HTML）を取り込んでください", st.skip(table.index + table[0].length));
    return done(st);
  }
  const change = /変更(?:連携)?協[約定]書?|を次の(?:とおり|ように)変更する。/u.test(s.slice(0, 4000)) || ABOLISH_END.test(s.slice(0, 4000));
  // The 前文 (or, in a change, the enacting sentence) ends where the body begins.
  const bodyStart = change ? enactingEnd(s, p) : firstArticle(st, p);
  if (bodyStart < 0) {
    st.problem("segment.no-body", change ? "変更協約の制定文（「…を次のとおり変更する。」）が見つからず、行に分けられません" : "第1条が見つからず、題名・前文と本則の境目が分かりません", p);
    return done(st);
  }
  header(st, p, bodyStart, change);
  p = bodyStart;
  let tail = nextTail(st, p);
  if (change && /全部を次の(?:ように|とおり)変更する。$/u.test(normalizeLine(s.slice(Math.max(0, bodyStart - 24), bodyStart))) && st.skip(p, tail) < tail) {
    st.problem("segment.amendment-content", "全部を変更する協約（「…の全部を次のように変更する。」）の新しい本文は、行に分かれていない抽出テキストからは区切りを確かめられません。行に分けた本文を使ってください", st.skip(p, tail));
    return done(st);
  }
  if (change) sentences(st, p, tail);
  else articles(st, p, tail);
  p = tail;
  let role = 0;
  const turn = progressGuard("segmentText");
  while (p < s.length) {
    p = st.skip(p);
    if (p >= s.length) break;
    // Every turn emits from a later character: a part that moved nothing (or back) would loop for ever.
    turn(p);
    const at = p;
    const supp = new RegExp(`附${WS}*則(?:${WS}*[（(][^（）()]{0,20}[）)])?`, "uy");
    supp.lastIndex = p;
    const sm = supp.exec(s);
    if (sm && tailAt(s, p) === "supplementary") {
      st.emit(sm[0], at);
      tail = nextTail(st, p + sm[0].length);
      paragraphs(st, p + sm[0].length, tail);
      p = tail;
      continue;
    }
    const kind = tailAt(s, p, role > 0 ? ROLES[role] : undefined);
    if (kind === "closing") {
      // The sentence ends at the first 。 after its own mark (を証するため or の証として), never before p.
      const mark = /を証するため|の証として/u.exec(s.slice(p, p + 50))!;
      const end = s.indexOf("。", p + mark.index + mark[0].length);
      const stop = end < 0 ? s.length : end + 1;
      st.emit(tidy(s.slice(p, stop)), at);
      p = stop;
      DATE.lastIndex = st.skip(p);
      const d = DATE.exec(s);
      if (d) { st.emit(keep(d[0]), d.index); p = d.index + d[0].length; }
      continue;
    }
    if (kind === "role") {
      const r = s[p]!;
      role = ROLES.indexOf(r) + 1;
      const stop = nextTail(st, p + 1, ROLES[role]);
      signature(st, r, p + 1, stop);
      p = stop;
      continue;
    }
    if (kind === "appendix") {
      const h = appendixHeading(s, p)!;
      st.emit(keep(h), at);
      const stop = nextTail(st, p + h.length);
      appendix(st, p + h.length, stop);
      p = stop;
      continue;
    }
    if (kind === "trailer") {
      // 沿革 / 体系情報: each to the next one (the noise pass keeps them as annotations).
      const next = s.slice(p + 2).search(/体系情報|沿革(?=[ \t\u3000]|明治|大正|昭和|平成|令和)/u);
      const stop = next < 0 ? s.length : p + 2 + next;
      st.emit(keep(s.slice(p, stop)), at);
      p = stop;
      continue;
    }
    // Text no mark explains: its own line, so the reader reports it (never dropped).
    const stop = nextTail(st, p + 1);
    st.emit(tidy(s.slice(p, stop)), at);
    p = stop;
  }
  return done(st);
}

function done(st: Stream): Segmented {
  const lines: Line[] = st.out.map((o) => {
    const text = cleanLine(o.raw);
    return { no: st.loc(o.at).line, raw: o.raw, text, norm: normalizeLine(text) };
  });
  return { lines, problems: st.problems };
}

/**
 * The end of a 廃止 text's enacting sentence, in each wording the reader takes: 「…協約を廃止する。」,
 * 「…を廃止することについて合意する。」, 「…協約は、令和8年3月31日限り、廃止する。」 (also をもって);
 * blanks of the extraction may stand anywhere in it.
 */
const ABOLISH_END = /(?:協[ \u3000]*[約定][ \u3000]*を[ \u3000]*廃[ \u3000]*止[ \u3000]*する|協[ \u3000]*[約定][ \u3000]*は[、，]?[^。]{1,60}?(?:限[ \u3000]*り|を[ \u3000]*も[ \u3000]*っ[ \u3000]*て)[、，]?[ \u3000]*廃[ \u3000]*止[ \u3000]*する)(?:[ \u3000]*こ[ \u3000]*と[ \u3000]*に[ \u3000]*つ[ \u3000]*い[ \u3000]*て[ \u3000]*合[ \u3000]*意[ \u3000]*する)?[ \u3000]*。/u;

/** The end of the first sentence that enacts a change or an abolition. */
function enactingEnd(s: string, p: number): number {
  const rest = s.slice(p);
  const ends = [/次の(?:とおり|ように)(?:変更|改正)する。/u.exec(rest), ABOLISH_END.exec(rest)]
    .filter((m): m is RegExpExecArray => m !== null).map((m) => m.index + m[0].length);
  return ends.length > 0 ? p + Math.min(...ends) : -1;
}

interface ArticleMark { at: number; head: number; end: number; number: string; caption?: string; strong: boolean }

/** Article headings after `from`: strong at the start of a sentence (after 。 or a 見出し), weak elsewhere. */
function articleMarks(s: string, from: number, to = s.length): ArticleMark[] {
  const out: ArticleMark[] = [];
  ARTICLE_AT.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = ARTICLE_AT.exec(s)) !== null && m.index < to) {
    const number = articleNumber(m[1]! + m[2]!);
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 12).replace(/^[ \t\u3000\u00a0]+/u, "");
    if (number === undefined || after === "") continue;
    let b = m.index;
    while (b > from && isWs(s[b - 1])) b--;
    let at = m.index;
    let caption: string | undefined;
    if (s[b - 1] === "）" || s[b - 1] === ")") {
      const open = Math.max(s.lastIndexOf("（", b - 1), s.lastIndexOf("(", b - 1));
      const inner = open >= 0 ? s.slice(open + 1, b - 1) : "";
      if (open >= 0 && b - open <= 24 && !/[。（）()]/u.test(inner) && !inner.startsWith("以下") && !AMENDMENT_NOTE.test(s.slice(open, b))) {
        caption = s.slice(open, b);
        at = open;
        b = open;
        while (b > from && isWs(s[b - 1])) b--;
      }
    }
    // Without a 見出し, 「第3条 に」「第3条 第2項」 is a reference broken by a wrap, not a heading.
    if (caption === undefined && PARTICLE.test(after)) continue;
    // A 見出し before it proves a heading too: an article may end with a 号 that has no 。.
    const strong = endsSentence(s, b, from) || caption !== undefined;
    out.push({ at, head: m.index, end: m.index + m[0].length, number, ...(caption !== undefined ? { caption } : {}), strong });
  }
  return out;
}

const isNextArticle = (prev: string | undefined, cur: string): boolean => {
  if (prev === undefined) return cur === "1";
  const [pm, ps] = prev.split("の").map(Number) as [number, number | undefined];
  const [cm, cs] = cur.split("の").map(Number) as [number, number | undefined];
  if (cs === undefined) return cm === pm + 1;
  return cm === pm && cs === (ps ?? 1) + 1;
};

/** Where 第1条 (with its 見出し) begins, or -1. */
function firstArticle(st: Stream, p: number): number {
  const first = articleMarks(st.s, p).find((m) => m.strong && m.number === "1");
  return first ? first.at : -1;
}

type Tail = "supplementary" | "closing" | "role" | "appendix" | "trailer";

function appendixHeading(s: string, p: number): string | undefined {
  const re = new RegExp(`別${WS}*表(?:第[${KNUM}]+)?(?:${WS}*[（(][^（）()]{0,20}[）)])?`, "uy");
  re.lastIndex = p;
  const m = re.exec(s);
  if (!m) return undefined;
  const after = s.slice(p + m[0].length, p + m[0].length + 2).replace(/^[ \t\u3000]+/u, "");
  if (!/[）)]$/u.test(m[0]) && !isWs(s[p + m[0].length]) && after !== "") return undefined;
  if (PARTICLE.test(after) && after !== "") return undefined;
  return m[0];
}

/** What tail part (附則, 結び, 署名欄, 別表) starts at `p`, if any. */
function tailAt(s: string, p: number, role?: string): Tail | undefined {
  const c = s[p];
  if (c === "附" && SUPPLEMENTARY_AT.test(s.slice(p, p + 8))) return "supplementary";
  if ((c === "こ" || c === "本") && /^(?:この|本)[^。]{0,30}?(?:を証するため|の証として)/u.test(s.slice(p, p + 50))) return "closing";
  if (c === "別" && appendixHeading(s, p) !== undefined) return "appendix";
  if ((c === "沿" || c === "体") && TRAILER.test(s.slice(p, p + 8))) return "trailer";
  if (c !== undefined && (role === undefined ? c === "甲" : c === role) && isWs(s[p + 1])) return "role";
  return undefined;
}

/** The next tail part after `p` that begins a sentence (after 。, a blank, or a closing parenthesis). */
function nextTail(st: Stream, p: number, role?: string): number {
  const s = st.s;
  for (let i = p; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "附" && c !== "こ" && c !== "本" && c !== "別" && c !== "甲" && c !== "沿" && c !== "体" && c !== role) continue;
    let b = i;
    while (b > p && isWs(s[b - 1])) b--;
    // The next role letter and a 別表 heading with its relation may follow a name directly.
    const boundary = b === 0 || endsSentence(s, b) || ((c === "沿" || c === "体") && b < i) || c === role || (c === "別" && /^別[ \t\u3000]*表[^（(]{0,4}[（(][^（）()]{0,20}関係/u.test(s.slice(i, i + 30))) || (b < i && (c === "別" || c === "甲" || c === "附"));
    if (!boundary) continue;
    const t = tailAt(s, i, c === role ? role : undefined);
    if (t === "role" && role === undefined && c !== "甲") continue;
    if (t !== undefined) return i;
  }
  return s.length;
}

function header(st: Stream, p: number, end: number, change: boolean): void {
  const s = st.s;
  // The title runs to the first date (or to 協約書 / 協定書 when there is none).
  let dateAt = -1;
  for (let i = p; i < end; i++) {
    const c = s[i];
    if (c !== "明" && c !== "大" && c !== "昭" && c !== "平" && c !== "令") continue;
    DATE.lastIndex = i;
    if (DATE.test(s)) { dateAt = i; break; }
  }
  const titleEnd = dateAt >= 0 && !s.slice(p, dateAt).includes("。") ? dateAt : (() => {
    const m = /(?:協約|協定)書?/u.exec(s.slice(p, end));
    return m ? p + m.index + m[0].length : -1;
  })();
  if (titleEnd < 0) { st.problem("segment.header", "題名の終わりが分かりません（日付も「協約書」もありません）", p); st.emit(tidy(s.slice(p, end)), p); return; }
  st.emit(tidy(s.slice(p, titleEnd)), p);
  p = titleEnd;
  if (dateAt === titleEnd) {
    DATE.lastIndex = dateAt;
    const d = DATE.exec(s)!;
    let q = dateAt + d[0].length;
    // 「平成28年10月11日告示第123号」 written as one is one 告示番号; after a blank, the date stands alone.
    NOTICE_AFTER_DATE.lastIndex = q;
    const glued = NOTICE_AFTER_DATE.exec(s);
    if (glued && !isWs(s[q])) q += glued[0].length;
    st.emit(keep(s.slice(dateAt, q)), dateAt);
    for (;;) {
      const a = st.skip(q);
      NOTICE_AFTER_DATE.lastIndex = a;
      const n = NOTICE_AFTER_DATE.exec(s);
      if (!n || a >= end) break;
      st.emit(keep(n[0]), a);
      q = a + n[0].length;
    }
    p = q;
  }
  // Parties, the 協約名 and the 前文.
  const zoneRaw = s.slice(p, end);
  const zone = normalizeLine(zoneRaw);
  const names = declaredNames(zoneRaw) ?? listedNames(zone);
  if (names) st.names = names;
  if (names) {
    let q = p;
    const parts: [number, number][] = [];
    for (const n of names) {
      const e = st.matchAt(q, n, end);
      if (e < 0) break;
      parts.push([st.skip(q), e]);
      q = e;
    }
    if (parts.length === names.length) {
      for (const [a, b] of parts) st.emit(keep(s.slice(a, b)), a);
      p = q;
    }
  }
  // The 協約名: up to a 協約/協定 after which the 前文 begins with the first party's name.
  const first = names?.[0];
  const pre = st.skip(p);
  const startsPreamble = (q: number): boolean => first !== undefined && st.matchAt(q, first, end) >= 0;
  const nameEnd = (() => {
    if (first !== undefined) {
      const e = st.matchAt(pre, first, end);
      if (e >= 0 && /^[ \t\u3000]*[（(]以下/u.test(s.slice(e, e + 8))) return -1;
    }
    // A 協約/協定 followed by a particle is the word in a sentence (「連携協約を締結する」
    // 「連携協約の一部を」); one followed by the first party, a date, 甲 or a blank ends the 協約名;
    // one followed by anything else cannot be placed.
    const re = /協約|協定/gu;
    const zoneAt = s.slice(pre, end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(zoneAt)) !== null) {
      const q = pre + m.index + m[0].length;
      if (zoneAt.slice(0, m.index).includes("。")) break;
      const a = st.skip(q, end);
      const nc = s[a];
      if (nc === undefined || a >= end) break;
      if (/^[のをにはがとで書及又並、。」）)]/u.test(nc)) continue;
      DATE.lastIndex = a;
      if (startsPreamble(q) || DATE.test(s) || nc === "甲" || a > q) return q;
      return -2;
    }
    return -1;
  })();
  if (nameEnd === -2) {
    st.problem("segment.header", `協約名と前文の境目が分かりません（「協約」「協定」の後ろが当事者名・日付・「甲」のいずれでもありません）: 「${excerpt(s, pre)}」`, pre);
    return;
  }
  if (nameEnd >= 0) { st.emit(tidy(s.slice(pre, nameEnd)), pre); p = nameEnd; }
  else if (first === undefined) st.problem("segment.header", "当事者（「岡山市（以下「甲」という。）」のような宣言、または協約名の「岡山市及び和気町における」）が読めず、題名の後ろを当事者・協約名・前文に分けられません", pre);
  const rest = st.skip(p);
  if (rest < end) {
    if (change) sentences(st, rest, end);
    else st.emit(tidy(s.slice(rest, end)), rest);
  }
}

// A sentence whose new text follows it: 「次のように改める。」「次の1条を加える。」「全部を次のように変更する。」
const TAKES_CONTENT = /次の(?:ように|とおり)(?:改める|加える|変更する)。$|次の[0-9０-９一二三四五六七八九十]+(?:条|項|号)を加える。$/u;

/**
 * Sentences of a change agreement: one line each (a 。 outside 「」 ends one). New text after a
 * sentence that takes it (a new 条, 取組 rows) has no marks that prove its lines in an
 * extraction: it is refused at its first character (a new 別表 with its heading is read).
 */
function sentences(st: Stream, p: number, end: number): void {
  const s = st.s;
  let depth = 0;
  // 「岡山市（以下「甲」という。）及び…」: a 。 inside parentheses ends no sentence either.
  let paren = 0;
  let from = p;
  for (let i = p; i < end; i++) {
    const c = s[i];
    if (c === "「") depth++;
    else if (c === "」") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === "（" || c === "(")) paren++;
    else if (depth === 0 && (c === "）" || c === ")")) paren = Math.max(0, paren - 1);
    else if (c === "。" && depth === 0 && paren === 0) {
      const a = st.skip(from, end);
      const sentence = tidy(s.slice(a, i + 1));
      st.emit(sentence, a);
      from = i + 1;
      const next = st.skip(from, end);
      if (TAKES_CONTENT.test(normalizeLine(sentence)) && next < end) {
        st.problem("segment.amendment-content", `「${sentence.slice(-16)}」の後ろの新しい規定は、行に分かれていない抽出テキストからは区切りを確かめられません。行に分けた本文を使ってください: 「${excerpt(s, next)}」`, next);
        return;
      }
    }
  }
  const a = st.skip(from, end);
  if (a < end) st.emit(tidy(s.slice(a, end)), a);
}

function articles(st: Stream, p: number, end: number): void {
  const s = st.s;
  const marks = articleMarks(s, p, end);
  const strongNumbers = new Set(marks.filter((m) => m.strong).map((m) => m.number));
  const taken: ArticleMark[] = [];
  let prev: string | undefined;
  for (const m of marks) {
    if (taken.length > 0 && m.at < taken[taken.length - 1]!.end) continue;
    if (isNextArticle(prev, m.number)) {
      if (m.strong) { taken.push(m); prev = m.number; continue; }
      if (!strongNumbers.has(m.number)) {
        st.problem("segment.article-ambiguous", `「第${m.number}条」が条の見出しか文中の参照か分かりません（文の途中にあり、ほかに第${m.number}条の見出しもありません）: 「${excerpt(s, m.head)}」`, m.head);
      }
      continue;
    }
    if (m.strong && m.caption !== undefined) {
      st.problem("segment.article-order", `見出し付きの「第${m.number}条」がありますが、条の番号の順（次は第${prev === undefined ? "1" : nextLabel(prev)}条）に合いません: 「${excerpt(s, m.at)}」`, m.head);
    } else if (m.strong && prev !== undefined && m.number.split("の")[0] !== prev.split("の")[0] && Number(m.number.split("の")[0]) > Number(prev.split("の")[0])) {
      st.problem("segment.article-order", `文の初めの「第${m.number}条」が条の番号の順（次は第${nextLabel(prev)}条）に合いません。条が欠けているのか文中の参照なのか分かりません: 「${excerpt(s, m.head)}」`, m.head);
    }
  }
  for (let k = 0; k < taken.length; k++) {
    const m = taken[k]!;
    const stop = k + 1 < taken.length ? taken[k + 1]!.at : end;
    if (m.caption !== undefined) st.emit(tidy(m.caption), m.at);
    const head = s.slice(m.head, m.end);
    const a = st.skip(m.end, stop);
    paragraphs(st, a, stop, { text: head, at: m.head });
  }
}

const nextLabel = (prev: string): string => String(Number(prev.split("の")[0]) + 1);

/** 項 (2, 3 … in order after a 。) and 号 ((1), (2) … in order) of an article or 附則. */
function paragraphs(st: Stream, p: number, end: number, head?: { text: string; at: number }): void {
  const s = st.s;
  const cuts: { at: number; kind: "para" | "item" }[] = [];
  const body = s.slice(p, end);
  // 項 numbers and 号 labels, read left to right: a 項 number in order after a 。 (or, once the
  // 項 has 号, after a blank) starts a 項; a 号 label in order after a 。 or a blank starts a 号.
  const tokens = /(?:-[ \t\u3000]+)?([0-9０-９]{1,2})[ \t\u3000]+|[（(]([0-9０-９]{1,2})[）)]/gu;
  let expected = 2;
  let want = 1;
  let itemsOpen = false;
  let m: RegExpExecArray | null;
  while ((m = tokens.exec(body)) !== null) {
    const at = p + m.index;
    let b = m.index;
    while (b > 0 && isWs(body[b - 1])) b--;
    const blank = b < m.index || b === 0;
    const afterStop = endsSentence(s, p + b, p);
    if (m[1] !== undefined) {
      if (m.index > 0 && /[0-9０-９]/u.test(body[m.index - 1]!)) continue;
      const n = Number([...m[1]].map(fold).join(""));
      if (head === undefined && n === 1 && body.slice(0, m.index).trim() === "") continue;
      if (n !== expected) continue;
      if (afterStop || (itemsOpen && blank)) { cuts.push({ at, kind: "para" }); expected++; want = 1; itemsOpen = false; }
      else st.problem("segment.paragraph-ambiguous", `「${n}」が第${n}項の始まりか文中の数字か分かりません（「。」の後ろにありません）: 「${excerpt(s, at)}」`, at);
      continue;
    }
    const n = Number([...m[2]!].map(fold).join(""));
    // The first 号 follows a 。 or a blank; the next ones follow the 号 before, with or without one.
    if (n === want && (afterStop || blank || itemsOpen)) { cuts.push({ at, kind: "item" }); want++; itemsOpen = true; }
  }
  // 号 written 一, ア, ①, （ア） have no order a run-together text can prove against the words
  // around them: refused, never folded into the 項's text.
  const other = /。[ \t\u3000]*(一|ア|①|[（(]ア[）)])[ \t\u3000]*\S/u.exec(body);
  if (other) st.problem("segment.unsupported-item", `号「${other[1]}」で始まる列挙は、行に分かれていない抽出テキストからは区切りを確かめられません。行に分けた本文を使ってください: 「${excerpt(s, p + other.index + 1)}」`, p + other.index + 1);
  cuts.sort((a, b) => a.at - b.at);
  let from = p;
  let first = true;
  const items = new Set(cuts.filter((c) => c.kind === "item").map((c) => c.at));
  const paras = new Set(cuts.filter((c) => c.kind === "para").map((c) => c.at));
  const put = (a: number, b: number): void => {
    // A 附則's first paragraph (「附 則 １\u3000この協約は…」) has its number too, with no cut before it.
    const numbered = paras.has(a) || (first && head === undefined);
    const piece = items.has(a) ? itemText(st, a, b) : numbered ? paragraphText(st, a, b) : tidy(s.slice(a, b));
    if (first && head !== undefined) st.emit(`${head.text} ${piece}`, head.at);
    else st.emit(piece, st.skip(a, b));
    first = false;
  };
  for (const c of cuts) { put(from, c.at); from = c.at; }
  put(from, end);
}

const PARA_NUMBER = /(?:-[ \t\u3000]+)?[0-9０-９]{1,2}/uy;

/**
 * A 項's text with the blank after its number kept as written: 「２\u3000前項の…」 has a full-width
 * number, which {@link tidy} takes for a CJK character, and 「２前項の…」 would no longer start a 項.
 */
function paragraphText(st: Stream, a: number, b: number): string {
  const s = st.s;
  PARA_NUMBER.lastIndex = st.skip(a, b);
  const n = PARA_NUMBER.exec(s);
  if (!n || !isWs(s[n.index + n[0].length])) return tidy(s.slice(a, b));
  const e = n.index + n[0].length;
  const rest = st.skip(e, b);
  return `${s.slice(n.index, e)}${s.slice(e, rest)}${tidy(s.slice(rest, b))}`;
}

// A 号 that opens with a word and then its sentence: 「（1） 共通経費 甲及び乙が…負担する。」.
const ITEM_LABEL = /[（(][0-9０-９]{1,2}[）)]/uy;
const NOUN = /^[\p{Script=Han}\p{Script=Katakana}ー・々]{2,16}$/u;
// Words a sentence of a 号 opens with: a party as subject (甲は、甲及び乙が), a demonstrative, a reference.
const SENTENCE_OPENER = /^(?:[甲乙丙丁戊己庚辛壬癸](?:及び|並びに|又は|、|は|が|も|の|に)|この|その|当該|前[条項号]|次[条項号])/u;

/**
 * The text of a 号 whose first blank may be real. 「（1） 共通経費 甲及び乙が…。」 has the shape
 * 名詞＋空白＋文 (a 見出し-like word, then a whole sentence), and a source written so keeps the blank
 * in its lines: removing it as a wrap artefact would store a text the source does not have. The
 * blank is kept when the word is a noun (kanji/katakana only) and the sentence opens with a word
 * a sentence opens with (甲及び乙が, この, 当該 …); when the word is a noun but the sentence opens
 * otherwise (「共通経費 事務局が…」, 「生活 機能の…」), the two readings cannot be told apart and the
 * place is refused naming both. Any other blank is a wrap artefact as in all running text.
 */
function itemText(st: Stream, a: number, b: number): string {
  const s = st.s;
  ITEM_LABEL.lastIndex = st.skip(a, b);
  const label = ITEM_LABEL.exec(s);
  if (!label) return tidy(s.slice(a, b));
  const q = st.skip(label.index + label[0].length, b);
  let k = q;
  while (k < b && !isWs(s[k])) k++;
  const k2 = st.skip(k, b);
  const sentence = tidy(s.slice(k2, b));
  if (k >= b || k2 >= b || !isCjk(s[k - 1]) || !isCjk(s[k2]) || !NOUN.test(s.slice(q, k)) || !sentence.endsWith("。")) return tidy(s.slice(a, b));
  if (SENTENCE_OPENER.test(s.slice(k2, b))) return `${tidy(s.slice(a, k))}${s.slice(k, k2)}${sentence}`;
  const word = s.slice(q, k);
  st.problem("segment.item-blank", `号${label[0]}の「${word}」の後ろの空白が、原文にある空白（「${word} ${sentence.slice(0, 10)}…」：見出しのような語と文）か、抽出の折り返しか（「${word}${sentence.slice(0, 10)}…」）分かりません。行に分けた本文を使ってください`, k);
  return tidy(s.slice(a, b));
}

function signature(st: Stream, role: string, p: number, end: number): void {
  const s = st.s;
  const groupAt = p - 1;
  const text = s.slice(p, end);
  // A party named with its 郡 (真庭郡新庄村) signs as 新庄村.
  for (const norm of st.names.flatMap((n) => (/^.+郡./u.test(n) ? [n, n.replace(/^.+郡/u, "")] : [n]))) {
    for (let i = text.indexOf(norm[0]!); i >= 0 && i < text.length; i = text.indexOf(norm[0]!, i + 1)) {
      const e1 = st.matchAt(p + i, norm, end);
      if (e1 < 0) continue;
      const e2 = st.matchAt(e1, norm, end);
      if (e2 < 0) continue;
      const office = /^[^ \t\u3000]{0,4}?(?:長|管理者|知事|代表者|理事)/u.exec(s.slice(e2, end));
      if (!office) continue;
      const address = keep(s.slice(p, p + i));
      st.emit(address === "" ? role : `${role} ${address}`, groupAt);
      st.emit(keep(s.slice(p + i, e1)), st.skip(p + i));
      const officeEnd = e2 + office[0].length;
      st.emit(keep(s.slice(e1, officeEnd)), st.skip(e1));
      const head = keep(s.slice(officeEnd, end));
      if (head !== "") st.emit(head, st.skip(officeEnd));
      return;
    }
  }
  st.problem("segment.signature", `署名欄の「${role}」の後ろを住所・団体名・職名・氏名に分けられません（当事者名に続く「…長」が見つかりません）: 「${excerpt(s, p)}」`, groupAt);
  st.emit(`${role} ${keep(text)}`, groupAt);
}

/** A 別表: 区分 (I, II …), 取組 names and their rows, cut at the table's own column names. */
function appendix(st: Stream, p: number, end: number): void {
  const s = st.s;
  const body = s.slice(p, end);
  const fields: { at: number; name: string; end: number }[] = [];
  // Column names: the usual ones, and any other a tab still marks after the 。 of a cell (「成果指標\t」).
  const extra = new Set<string>();
  // (A 取組 name also ends with a tab, but a column name follows it.)
  for (const t of body.matchAll(/。[ \u3000]*([^\s。、，「」（）()]{1,12})\t(?![ \t\u3000]*(?:取組内容|事業内容|役割分担|備考|[甲乙丙丁戊己庚辛壬癸]の役割))/gu)) if (!FIELD_NAMES.includes(t[1]!)) extra.add(t[1]!);
  const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  const FIELD = new RegExp([...FIELD_NAMES, ...[...extra].map(esc), FIELD_ROLES].join("|"), "gu");
  let m: RegExpExecArray | null;
  let firstName: string | undefined;
  while ((m = FIELD.exec(body)) !== null) {
    let b = m.index;
    while (b > 0 && isWs(body[b - 1])) b--;
    const prev = body[b - 1];
    const name = m[0];
    // The first column may follow a 取組 name directly; the others follow the 。 of the cell before.
    if (firstName === undefined) firstName = name;
    if (PARTICLE.test(body.slice(m.index + name.length, m.index + name.length + 8).replace(/^[ \t\u3000]+/u, ""))) continue;
    if (name !== firstName && !(prev === "。" || b < m.index || prev === undefined)) continue;
    fields.push({ at: p + m.index, name, end: p + m.index + name.length });
  }
  if (fields.length === 0) {
    st.problem("segment.appendix-unread", `別表の欄の名前（取組内容、甲の役割 …）が見つからず、行に分けられません: 「${excerpt(s, st.skip(p, end))}」`, st.skip(p, end));
    return;
  }
  let section = 0;
  let cellFrom = -1;
  let cellName = "";
  // Tabs after every column name mark the columns (an unknown one is then among `extra`).
  const tabbed = fields.every((f) => s[f.end] === "\t");
  const flush = (upTo: number): void => {
    if (cellFrom < 0) return;
    const cell = s.slice(cellFrom, upTo);
    // 「…取り組む。 成果指標 …」: a sentence after the 。 that starts with a short word and a blank
    // looks like a column kyoyaku does not know; refused rather than read into this cell.
    const odd = /。[ \t\u3000]+([^\s、。，「」（）]{2,8})[ \t\u3000]+\S/u.exec(cell);
    if (odd) st.problem("segment.appendix-column", `別表の欄「${cellName}」の中に、知らない欄の名前らしい「${odd[1]}」があります。行に分けた本文を使ってください: 「${excerpt(s, cellFrom + odd.index + 1)}」`, cellFrom + odd.index + 1);
    else if (!tabbed) {
      // Without tabs nothing marks a column: 「協力する。成果指標来訪者数を増やす。」 may be a second
      // sentence or a column kyoyaku does not know. Only a sentence that cannot begin a column
      // name (a conjunction and 、, or a party as subject) is read as the cell's continuation.
      const later = /。[ \t\u3000]*(?=[^ \t\u3000])/gu;
      let k: RegExpExecArray | null;
      while ((k = later.exec(cell)) !== null) {
        const at = k.index + k[0].length;
        if (at >= cell.trimEnd().length || CELL_CONTINUES.test(cell.slice(at))) continue;
        st.problem("segment.appendix-column", `別表の欄「${cellName}」の「。」の後ろの「${excerpt(cell, at).slice(0, 12)}」が、同じ欄の続きの文か、知らない欄の名前で始まる別の欄か分かりません（欄の名前を区切るタブがありません）。行に分けた本文を使ってください`, cellFrom + at);
        break;
      }
    }
    st.emit(`${cellName}\t${tidy(cell)}`, cellFrom);
  };
  let from = p;
  for (const f of fields) {
    if (f.name !== firstName) {
      flush(f.at);
      cellName = f.name;
        cellFrom = st.skip(f.end, end);
      continue;
    }
    // Before the first column: the end of the last cell, a 区分 heading perhaps, and the 取組 name.
    const seg = s.slice(cellFrom >= 0 ? cellFrom : from, f.at);
    const base = cellFrom >= 0 ? cellFrom : from;
    let nameFrom = base;
    if (cellFrom >= 0) {
      const dot = seg.lastIndexOf("。");
      if (dot < 0) { st.problem("segment.appendix-item", `前の欄の終わり（「。」）が見つからず、取組名の始まりが分かりません: 「${excerpt(s, f.at - 20)}」`, f.at); flush(f.at); cellFrom = -1; from = f.end; continue; }
      flush(base + dot + 1);
      nameFrom = base + dot + 1;
    }
    for (;;) {
      // An 例規集 prints 「（令2協約1・一部改正）」 under the heading or after a row: its own line.
      const a = st.skip(nameFrom, f.at);
      const close = s.slice(a, a + 40).search(/[）)]/u);
      if (!/^[（(]/u.test(s[a] ?? "") || close < 0 || !AMENDMENT_NOTE.test(s.slice(a, a + close + 1))) break;
      st.emit(s.slice(a, a + close + 1), a);
      nameFrom = a + close + 1;
    }
    let nameText = s.slice(nameFrom, f.at);
    const lead = nameText.length - nameText.trimStart().length;
    nameText = nameText.trim();
    const r = ROMAN.exec(nameText);
    const label = r ? r[1]!.normalize("NFKC") : undefined;
    if (r && label === ROMAN_VALUES[section]) {
      section++;
      const restAt = nameFrom + lead + r[0].length;
      const rest = s.slice(restAt, f.at);
      const restNorm = normalizeLine(rest);
      const known = KNOWN_SECTION_TITLES.find((t) => restNorm.startsWith(normalizeLine(t)) && restNorm.length > normalizeLine(t).length);
      let cut = -1;
      if (known) cut = st.matchAt(restAt, known, f.at);
      else {
        const gaps = [...rest.trim().matchAll(/[ \t\u3000]+/gu)].filter((g) => !(/[A-Za-zＡ-Ｚａ-ｚ]/u.test(rest.trim()[g.index! - 1] ?? "") && /[A-Za-zＡ-Ｚａ-ｚ]/u.test(rest.trim()[g.index! + g[0].length] ?? "")));
        if (gaps.length === 1) cut = restAt + (rest.length - rest.trimStart().length) + gaps[0]!.index!;
      }
      if (cut < 0) {
        st.problem("segment.appendix-section", `別表の区分「${label}」の見出しと最初の取組名の境目が分かりません: 「${excerpt(s, restAt)}」`, restAt);
        st.emit(tidy(s.slice(nameFrom, f.at)), nameFrom);
      } else {
        st.emit(`${r[0].trim()} ${tidy(s.slice(restAt, cut))}`, nameFrom + lead);
        emitName(st, cut, f.at);
      }
    } else emitName(st, nameFrom, f.at);
    cellName = f.name;
    cellFrom = st.skip(f.end, end);
    from = f.end;
  }
  flush(end);
}

function emitName(st: Stream, a: number, b: number): void {
  const name = tidy(st.s.slice(a, b));
  if (name === "" || /[、，,。]/u.test(name) || name.length > 60) {
    st.problem("segment.appendix-item", `取組名と思われる部分が取組名の形をしていません（空、または「、」「。」を含む）: 「${name.slice(0, 30)}」`, st.skip(a, b));
  }
  st.emit(`${name}\t`, st.skip(a, b));
}
