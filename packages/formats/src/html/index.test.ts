import { describe, expect, it } from "vitest";
import { readHtml } from "./index.js";

const read = async (html: string): Promise<string> => {
  const r = await readHtml(new TextEncoder().encode(html), "p.html");
  return r.ok ? r.text : `${r.issues[0]!.code} ${r.issues[0]!.message}`;
};

describe("readHtml", () => {
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
