/**
 * Japanese labels for provision addresses and dates, as messages and summaries need them
 * (「第7条」「別表II」「2016-10-11（平成28年10月11日）」).
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import { isIsoDate } from "../date/calendar.js";
import { toWareki } from "../date/era.js";
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

/**
 * The wareki (和暦) form of an ISO day, for messages; the ISO text as is when it has none
 * (malformed, or before 明治).
 *
 * @example
 * warekiLabel("2016-10-11"); // "平成28年10月11日"
 * warekiLabel("2019-05-01"); // "令和元年5月1日"
 */
export function warekiLabel(date: IsoDate): string {
  if (!isIsoDate(date) || date < "1868-10-23") return date;
  return toWareki(date);
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
 * True for a well-formed, existing ISO calendar day (`YYYY-MM-DD`); a type guard over
 * unknown input for the rule checks.
 *
 * @example
 * isCompleteIsoDay("2019-02-29"); // false
 */
export function isCompleteIsoDay(value: unknown): value is IsoDate {
  return typeof value === "string" && isIsoDate(value);
}
