/**
 * Words the CLI prints for kinds and states: Japanese first, English beside it.
 *
 * @module
 */
import { EVENT_KIND_LABEL, type EventKind } from "@kyoyaku/core";

/**
 * `締結 (conclude)`.
 *
 * @example
 * kindLabel("amend"); // "変更 (amend)"
 */
export function kindLabel(kind: EventKind): string {
  return `${EVENT_KIND_LABEL[kind]} (${kind})`;
}

const STATUS: Readonly<Record<string, string>> = {
  ratified: "確定 (ratified)",
  draft: "案 (draft)",
  retracted: "撤回 (retracted)",
};

/**
 * Status of a recorded legal event.
 *
 * @example
 * statusLabel("draft"); // "案 (draft)"
 */
export function statusLabel(status: "ratified" | "draft" | "retracted"): string {
  return STATUS[status] ?? status;
}

/**
 * `第3条` from `article:3`, `別表 I「…」` from an appendix item address: a reader's name
 * for a provision address (the address itself stays beside it in output).
 *
 * @example
 * addressLabel("article:3/paragraph:2"); // "第3条第2項"
 * addressLabel("appendix:1/section:II/item:高度な中心拠点の強化"); // "別表 II「高度な中心拠点の強化」"
 */
export function addressLabel(address: string): string {
  const parts = address.split("/").map((seg) => {
    const i = seg.indexOf(":");
    return i < 0 ? { kind: seg, value: "" } : { kind: seg.slice(0, i), value: seg.slice(i + 1).replace(/%2F/giu, "/") };
  });
  let out = "";
  for (const { kind, value } of parts) {
    switch (kind) {
      case "title": out += "題名"; break;
      case "name": out += "協約名"; break;
      case "date": out += "日付"; break;
      case "preamble": out += "前文"; break;
      case "closing": out += "末文"; break;
      case "signedOn": out += "署名日"; break;
      case "parties": out += "当事者"; break;
      case "party": out += `当事者（${value}）`; break;
      case "articles": out += "本則"; break;
      case "article": out += `第${value}条`; break;
      case "paragraph": out += `第${value}項`; break;
      case "item": out += /^(appendix|別表)/u.test(address) ? ` 「${value}」` : `第${value}号`; break;
      case "appendices": out += "別表"; break;
      case "appendix": out += value === "1" ? "別表" : `別表第${value}`; break;
      case "section": out += ` ${value}`; break;
      case "field": out += ` ${value}`; break;
      case "supplementary": out += "附則"; break;
      default: out += seg(kind, value);
    }
  }
  return out.replace(/ 「/gu, "「").trim();
}

function seg(kind: string, value: string): string {
  return value === "" ? kind : `${kind}:${value}`;
}
