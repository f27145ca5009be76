/**
 * Japanese labels for provision addresses and dates, as messages and summaries need them
 * (「第7条」「別表II」「2016-10-11（平成28年10月11日）」).
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import { parseAddress, type Address } from "../model/address.js";

const ITEM_NUMBER = /^[(（]?([0-9０-９]+)[)）]?$/u;

/**
 * A Japanese label for a provision address, as a 改め文 would name it.
 *
 * @example
 * addressLabel("article:7"); // "第7条"
 * addressLabel("article:3/paragraph:2/item:1"); // "第3条第2項第1号"
 * addressLabel("appendix:1/section:II"); // "別表II"
 * addressLabel("appendix:1/section:I/item:子育て支援の充実"); // "別表I中「子育て支援の充実」の取組"
 */
export function addressLabel(address: Address): string {
  const segs = parseAddress(address);
  if (!segs) return address;
  let out = "";
  for (const s of segs) {
    const v = s.value ?? "";
    switch (s.kind) {
      case "title": out += "題名"; break;
      case "name": out += "名称"; break;
      case "date": out += "日付"; break;
      case "preamble": out += "前文"; break;
      case "closing": out += "末文"; break;
      case "signedOn": out += "署名の日付"; break;
      case "parties": out += "当事者"; break;
      case "party": out += `当事者${v}`; break;
      case "articles": out += "本則の各条"; break;
      case "article": out += `第${v}条`; break;
      case "paragraph": out += `第${v}項`; break;
      case "item": {
        if (out.includes("別表")) { out += `中「${v}」の取組`; break; }
        const m = ITEM_NUMBER.exec(v);
        out += m ? `第${m[1]}号` : v;
        break;
      }
      case "appendices": out += "別表"; break;
      case "appendix": out += v === "1" ? "別表" : `別表第${v}`; break;
      case "section": out += v.startsWith("#") ? `（${v.slice(1)}番目の区分）` : v; break;
      case "field": out += `の${v}の欄`; break;
      case "supplementary": out += "附則"; break;
    }
  }
  return out;
}

const ERAS: readonly { readonly name: string; readonly start: IsoDate; readonly year: number }[] = [
  { name: "令和", start: "2019-05-01", year: 2019 },
  { name: "平成", start: "1989-01-08", year: 1989 },
  { name: "昭和", start: "1926-12-25", year: 1926 },
  { name: "大正", start: "1912-07-30", year: 1912 },
  { name: "明治", start: "1873-01-01", year: 1868 },
];

/**
 * The wareki (和暦) form of an ISO day, for messages; ISO as is before 1873 or when malformed.
 *
 * @example
 * warekiLabel("2016-10-11"); // "平成28年10月11日"
 * warekiLabel("2019-05-01"); // "令和元年5月1日"
 */
export function warekiLabel(date: IsoDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m) return date;
  const era = ERAS.find((e) => date >= e.start);
  if (!era) return date;
  const y = Number(m[1]) - era.year + 1;
  return `${era.name}${y === 1 ? "元" : y}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * An ISO day with its wareki beside it: the form every message of this module uses.
 *
 * @example
 * dateLabel("2016-10-11"); // "2016-10-11（平成28年10月11日）"
 */
export function dateLabel(date: IsoDate): string {
  const w = warekiLabel(date);
  return w === date ? date : `${date}（${w}）`;
}

/**
 * True for a well-formed, existing ISO calendar day (`YYYY-MM-DD`).
 *
 * @example
 * isCompleteIsoDay("2019-02-29"); // false
 */
export function isCompleteIsoDay(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}
