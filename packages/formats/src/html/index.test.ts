import { describe, expect, it } from "vitest";
import { readHtml } from "./index.js";

const read = async (html: string): Promise<string> => {
  const r = await readHtml(new TextEncoder().encode(html), "p.html");
  return r.ok ? r.text : `${r.issues[0]!.code} ${r.issues[0]!.message}`;
};

describe("readHtml", () => {
  it("writes a 新旧対照表 (header 改正後 | 改正前) with each cell's paragraphs side by side, one line each, underlines dropped", async () => {
    const rows = "<tr><th>改正後</th><th>改正前</th></tr>"
      + "<tr><td><p>（連絡会議）</p><p>第5条 毎年度<u>1回以上</u>開催する。</p><p>2 議長は、甲の長とする。</p></td><td><p>（連絡会議）</p><p>第5条 毎年度開催する。</p></td></tr>"
      + "<tr><td><p>（事務局）</p><p>第6条 甲に置く。</p></td><td><p>（新設）</p></td></tr>";
    expect(await read(`<meta charset=utf-8><p>…の一部を次の表のように変更する。</p><table>${rows}</table><p>附 則</p>`)).toBe(
      "…の一部を次の表のように変更する。\n\n改正後\t改正前\n（連絡会議）\t（連絡会議）\n第5条 毎年度1回以上開催する。\t第5条 毎年度開催する。\n2 議長は、甲の長とする。\t\n（事務局）\t（新設）\n第6条 甲に置く。\t\n\n附 則\n");
  });
  it("makes a line of each block and <br>, drops ruby readings, scripts and the head", async () => {
    expect(await read('<html><head><meta charset="utf-8"><title>題</title><script>x()</script></head><body><p>（目的）</p><p>第1条 <ruby>甲<rt>こう</rt></ruby>及び乙は、<br>次のとおり</p></body></html>'))
      .toBe("（目的）\n第1条 甲及び乙は、\n次のとおり\n");
  });
  it("joins a source line break between Japanese characters without a space, and keeps one elsewhere", async () => {
    expect(await read("<meta charset=utf-8><p>甲及び乙は、\n   連携する。 See\n  this</p>")).toBe("甲及び乙は、連携する。 See this\n");
  });
  it("keeps a nested table inside its cell's one line", async () => {
    expect(await read("<meta charset=utf-8><table><tr><td>取組内容</td><td><p>支援に</p><table><tr><td>取り組む。</td></tr></table></td></tr></table>")).toBe("取組内容\t支援に取り組む。\n");
  });
  it("writes a 取組 name spanning its field rows (rowspan) once on its own row, and keeps later cells in their columns", async () => {
    const rows = '<tr><td rowspan="2">病児保育</td><td>取組内容</td><td>実施する。</td></tr><tr><td>甲の役割</td><td>設置する。</td></tr><tr><td colspan="3">公共交通</td></tr><tr><td colspan="2">取組内容</td><td>確保する。</td></tr>';
    expect(await read(`<meta charset=utf-8><table>${rows}</table>`)).toBe("病児保育\t\t\n取組内容\t実施する。\n甲の役割\t設置する。\n公共交通\t\t\n取組内容\t\t確保する。\n");
  });
  it("reads a page laid out in a table (menu in one cell, the document in another) line by line, its 別表 as rows", async () => {
    const page = '<meta charset=utf-8><table><tr><td><a href="/">目次</a><br><a href="k.html">検索</a></td><td><p>○甲市と乙町との協約</p><p>第1条 甲及び乙は、</p><p>連携する。</p><table><tr><td>取組内容</td><td><p>支援に</p><p>取り組む。</p></td></tr></table></td></tr></table>';
    const r = await readHtml(new TextEncoder().encode(page), "p.html");
    expect(r.ok && [r.text, r.notes.map((n) => n.message)]).toEqual([
      "○甲市と乙町との協約\n第1条 甲及び乙は、\n連携する。\n\n取組内容\t支援に取り組む。\n",
      ["「○」の題名より前の行はページの案内として読みません: 目次", "「○」の題名より前の行はページの案内として読みません: 検索"],
    ]);
  });
  it("drops the site's footer after the 沿革 / 体系情報 trailer, but never a line that could be the agreement's", async () => {
    const page = (foot: string): string => `<meta charset=utf-8><p>○甲市と乙町との協定</p><p>第1条 甲及び乙は、</p><div><p>沿革</p><p>令和5年2月20日 締結</p></div><div>${foot}</div>`;
    const r = await readHtml(new TextEncoder().encode(page("<p>このページの先頭へ</p><p>Copyright 備北市</p>")), "p.html");
    expect(r.ok && [r.text, r.notes.map((n) => n.message)]).toEqual([
      "○甲市と乙町との協定\n第1条 甲及び乙は、\n沿革\n令和5年2月20日 締結\n",
      ["沿革・体系情報より後の行はページの案内として読みません: このページの先頭へ", "沿革・体系情報より後の行はページの案内として読みません: Copyright 備北市"],
    ]);
    expect(await read(page("<p>Copyright 甲市</p><p>附則 この協定は、令和5年4月1日から適用する。</p>"))).toMatch(/Copyright 甲市\n附則 この協定は/u);
  });
  it("refuses a rowspan anywhere but the 取組 name column, naming the row", async () => {
    const rows = '<tr><td>甲の役割</td><td rowspan="2">共同して実施する。</td></tr><tr><td>乙の役割</td></tr>';
    expect(await read(`<meta charset=utf-8><table>${rows}</table>`)).toMatch(/^format\.html-table 例規集HTML: 表の2行目に縦に結合したセルがあります（「乙の役割」の行）/u);
  });
  it("drops the site's navigation before the 「○」 title, but never a draft's lines before a 「○○市」 placeholder", async () => {
    const nav = await readHtml(new TextEncoder().encode("<meta charset=utf-8><div>例規集トップ &gt; 総規</div><p>○甲市と乙町との協定</p><p>第1条 甲及び乙は、</p>"), "p.html");
    expect(nav.ok && [nav.text, nav.notes.map((n) => n.code)]).toEqual(["○甲市と乙町との協定\n第1条 甲及び乙は、\n", ["format.html-navigation"]]);
    const draft = "（案）\n連携協約書\n令和○年○月○日\n○○市（以下「甲」という。）及び乙町は、\n";
    expect(await read(`<meta charset=utf-8>${draft.trim().split("\n").map((l) => `<p>${l}</p>`).join("")}`)).toBe(draft);
    const titled = "<meta charset=utf-8><p>連携協約書</p><p>令和7年3月 日</p><p>○甲市と乙町との協定</p>";
    expect(await read(titled)).toBe("連携協約書\n令和7年3月 日\n○甲市と乙町との協定\n");
  });

  it("refuses an unknown charset and a page without text", async () => {
    expect(await read('<meta charset="koi8-r"><p>x</p>')).toMatch(/^format\.html-charset-unknown HTMLが文字コード「koi8-r」を宣言していますが/u);
    expect(await read("<html><body><script>x()</script></body></html>")).toBe("format.html-empty HTMLページに本文がありません（表示される文字がありません）");
  });
});
