// Layout on hand-made page data: each rule of layout.ts, without a PDF.
import { describe, expect, it } from "vitest";
import { layoutPages, type PageContent, type Rule, type Run } from "./layout.js";

const SIZE = 10;
const LEFT = 60;
const RIGHT = 540; // 48 characters of 10 pt
/** A run of full-width characters, one per 10 pt. */
const run = (text: string, x: number, y: number, size = SIZE): Run => ({ text, x, y, width: [...text].length * size, size });
/** Lines of text from the top, 16 pt apart, each `[text, x]`. */
const lines = (top: number, ls: readonly (readonly [string, number])[]): Run[] => ls.map(([t, x], i) => run(t, x, top - i * 16));
const page = (runs: Run[], rules: Rule[] = []): PageContent => ({ width: 600, height: 840, runs, rules, images: 0 });
const full = (prefix: string): string => prefix + "あ".repeat(48 - [...prefix].length);

describe("paragraphs", () => {
  it("joins a line that runs to the margin with the next one at the hanging indent; ends at a short line", () => {
    const p = page(lines(700, [[full("第1条 この協約は、"), LEFT], ["目的とする。", LEFT + SIZE], ["（基本方針）", LEFT + SIZE]]));
    expect(layoutPages([p]).lines).toEqual([`${full("第1条 この協約は、")}目的とする。`, "（基本方針）"]);
  });
  it("does not join when the next line starts a 条, a 項 or a 号, or is a new 字下げ paragraph", () => {
    const p = page(
      lines(700, [
        [full("第1条 "), LEFT],
        ["2 前項の規定は、", LEFT],
        [full(""), LEFT],
        ["(1) 号の文", LEFT + SIZE],
        [full("この協約は、"), LEFT + SIZE],
        ["この協約の締結を証するため、", LEFT + SIZE],
      ]),
    );
    expect(layoutPages([p]).lines).toHaveLength(6);
  });
  it("joins a 字下げ paragraph's wrapped lines at the left margin", () => {
    const p = page(lines(700, [[full("　"), LEFT + SIZE], [full(""), LEFT], ["終わり。", LEFT], ["新しい段落", LEFT + SIZE]]));
    expect(layoutPages([p]).lines).toEqual([`${full("　").trim()}${full("")}終わり。`, "新しい段落"]);
  });
  it("a paragraph whose last line happens to fill the line ends where the next 字下げ line starts", () => {
    const p = page(lines(700, [[full("前文"), LEFT + SIZE], [full("続き"), LEFT], ["次の段落です。", LEFT + SIZE]]));
    expect(layoutPages([p]).lines).toEqual([full("前文") + full("続き"), "次の段落です。"]);
  });
  it("a right-aligned date reaches the margin but is no wrapped line", () => {
    const p = page([run("平成28年10月11日", RIGHT - 110, 700), ...lines(684, [[full("岡山市"), LEFT]])]);
    expect(layoutPages([p]).lines[0]).toBe("平成28年10月11日");
  });
  it("puts back the space a Latin wrap took, and a space where runs stand apart", () => {
    const wrapped = `${"あ".repeat(45)}E S`;
    const p = page([run(wrapped, LEFT, 700), run("Dによる", LEFT + SIZE, 684), run("山田", LEFT, 600), run("一郎", LEFT + 30, 600)]);
    const got = layoutPages([p]).lines;
    expect(got[0]).toBe(`${wrapped} Dによる`);
    expect(got[1]).toBe("山田 一郎");
  });
  it("joins a paragraph across a page break, and a vertical gap ends a paragraph", () => {
    const p1 = page(lines(700, [[full("第1条 "), LEFT]]));
    const p2 = page([...lines(780, [["続き。", LEFT + SIZE]]), run(full("前文"), LEFT, 700), run("間が空いた行", LEFT + SIZE, 660)]);
    expect(layoutPages([p1, p2]).lines).toEqual([`${full("第1条 ")}続き。`, full("前文"), "間が空いた行"]);
  });
});

describe("headers, footers and page numbers", () => {
  const body = (n: number): Run[] => lines(700, [[`第${n}条 本文`, LEFT]]);
  it("drops a line repeated at the same height on several pages and lone page numbers at the foot", () => {
    const pages = [1, 2, 3].map((n) => page([run("連携協約書（写）", 400, 800), ...body(n), run(`- ${n} -`, 290, 40)]));
    const laid = layoutPages(pages);
    expect(laid.lines).toEqual(["第1条 本文", "第2条 本文", "第3条 本文"]);
    expect(laid.dropped).toEqual(["1: 連携協約書（写）", "1: - 1 -", "2: 連携協約書（写）", "2: - 2 -", "3: 連携協約書（写）", "3: - 3 -"]);
  });
  it("keeps a number inside the body and a line that appears once in the header band", () => {
    const laid = layoutPages([page([run("（案）", LEFT, 800), ...body(1), run("3", LEFT, 400)])]);
    expect(laid.lines).toEqual(["（案）", "第1条 本文", "3"]);
  });
});

/** A ruled grid: column edges and row edges (top to bottom), every cell closed. */
function grid(xs: readonly number[], ys: readonly number[], skip: (col: number, row: number) => boolean = () => false): Rule[] {
  const rules: Rule[] = [];
  for (let r = 0; r + 1 < ys.length; r++)
    for (let c = 0; c + 1 < xs.length; c++) {
      if (skip(c, r)) continue;
      rules.push({ x0: xs[c]!, y0: ys[r + 1]!, x1: xs[c]! + 0.75, y1: ys[r]! }, { x0: xs[c + 1]!, y0: ys[r + 1]!, x1: xs[c + 1]! + 0.75, y1: ys[r]! });
      rules.push({ x0: xs[c]!, y0: ys[r]!, x1: xs[c + 1]!, y1: ys[r]! + 0.75 });
      rules.push({ x0: xs[c]!, y0: ys[r + 1]!, x1: xs[c + 1]!, y1: ys[r + 1]! + 0.75 });
    }
  return rules;
}

describe("tables", () => {
  const xs = [60, 180, 240, 540];
  const ys = [600, 560, 520, 480];
  it("reads a 取組 whose name spans its field rows as `name⇥` then `field⇥text` rows; wrapped cell lines joined", () => {
    // the name cell has no rule between its rows
    const rules = grid(xs, ys).filter((r) => !(r.x0 === 60 && r.x1 === 180 && (r.y0 === 520 || r.y0 === 560)));
    const runs = [
      run("戦略的な産業振興", 65, 585), run("の仕組み", 65, 570),
      run("取組内容", 185, 585), run("圏域全体として検討する", 245, 585), run("仕組みを構築する。", 245, 570),
      run("甲の役割", 185, 545), run("中心となる。", 245, 545),
      run("乙の役割", 185, 505), run("協力する。", 245, 505),
    ];
    const laid = layoutPages([page(runs, rules)]);
    expect(laid.lines).toEqual(["戦略的な産業振興の仕組み\t", "取組内容\t圏域全体として検討する仕組みを構築する。", "甲の役割\t中心となる。", "乙の役割\t協力する。"]);
    expect(laid.tableRows).toBe(3);
  });
  it("reads a two-column table: a name row over both columns, then `field⇥text` rows", () => {
    const rules = [...grid([60, 540], [600, 570]), ...grid([60, 180, 540], [570, 540, 510])];
    const runs = [run("地域医療の確保", 65, 585), run("取組内容", 65, 555), run("体制を維持する。", 185, 555), run("甲の役割", 65, 525), run("維持に取り組む。", 185, 525)];
    expect(layoutPages([page(runs, rules)]).lines).toEqual(["地域医療の確保\t", "取組内容\t体制を維持する。", "甲の役割\t維持に取り組む。"]);
  });
  it("reads a one-column box as body text (a frame, not a table)", () => {
    const runs = [run(full("第1条 "), 65, 585), run("続き。", 75, 569)];
    expect(layoutPages([page(runs, grid([60, 550], [600, 550]))]).lines).toEqual([`${full("第1条 ")}続き。`]);
  });
  it("joins a row cut by a page break (no rule at the cut) back together", () => {
    const p1 = page([run("取組内容", 185, 110), run("前半の文で", 245, 110)], [
      { x0: 180, y0: 60, x1: 180.75, y1: 130 }, { x0: 240, y0: 60, x1: 240.75, y1: 130 }, { x0: 540, y0: 60, x1: 540.75, y1: 130 },
      { x0: 180, y0: 130, x1: 540, y1: 130.75 },
    ]);
    const p2 = page([run("後半の文。", 245, 760), run("甲の役割", 185, 720), run("中心となる。", 245, 720)], [
      ...grid([180, 240, 540], [740, 700]),
      { x0: 180, y0: 740, x1: 180.75, y1: 780 }, { x0: 240, y0: 740, x1: 240.75, y1: 780 }, { x0: 540, y0: 740, x1: 540.75, y1: 780 },
    ]);
    const laid = layoutPages([p1, p2]);
    expect(laid.lines).toEqual(["取組内容\t前半の文で後半の文。", "甲の役割\t中心となる。"]);
    expect(laid.tableRows).toBe(2);
  });
});

describe("what cannot be read line by line", () => {
  it("marks a page where lines have a wide gap at the same place (two columns, a table without rules)", () => {
    const rows = [0, 1, 2].flatMap((i) => [run("取組内容", LEFT, 700 - i * 16), run("本文の続き", 300, 700 - i * 16)]);
    expect(layoutPages([page(lines(780, [["前文", LEFT]])), page(rows)]).columned).toEqual([2]);
    expect(layoutPages([page(rows.slice(0, 4))]).columned).toEqual([]);
  });
});

describe("glyphs", () => {
  it("reads radicals back to kanji in any PDF, Skia's shared glyphs only in a Skia PDF", () => {
    const p = page([run("岡⼭市‧和気町", LEFT, 700)]);
    expect(layoutPages([p], { producer: "Skia/PDF m141" }).lines).toEqual(["岡山市・和気町"]);
    const other = layoutPages([p], { producer: "Microsoft® Word" });
    expect(other.lines).toEqual(["岡山市‧和気町"]);
    expect([...other.glyphs]).toEqual([["⼭→山", 1]]);
  });
});
