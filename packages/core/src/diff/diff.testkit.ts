/**
 * Small builders of documents for the diff tests (not part of the public API).
 *
 * @module
 */
import type { AgreementDocument, AppendixItem, Article, Section } from "../model/document.js";
import { deepFreeze } from "../model/canonical.js";

/**
 * A 取組 with the three fields of the seeds.
 *
 * @example
 * measure("子育て支援の充実", "充実に取り組む。");
 */
export function measure(name: string, content: string, roleA = `${name}に圏域の中心となって取り組む。`, roleB = `${name}に甲と協力して取り組む。`): AppendixItem {
  return { name, fields: [{ name: "取組内容", text: content }, { name: "甲の役割", text: roleA }, { name: "乙の役割", text: roleB }] };
}

/**
 * An article with one or more paragraphs.
 *
 * @example
 * article("1", "目的", "この連携協約は…");
 */
export function article(number: string, caption: string | undefined, ...texts: string[]): Article {
  return { number, ...(caption !== undefined ? { caption } : {}), paragraphs: texts.map((text, i) => ({ number: i + 1, text, items: [] })) };
}

/**
 * A frozen document with the shape of the first seed.
 *
 * @example
 * const doc = sampleDocument([{ label: "I", title: "…", items: [measure("a", "b")] }]);
 */
export function sampleDocument(sections: readonly Section[], articles?: readonly Article[]): AgreementDocument {
  return deepFreeze({
    title: "連携中枢都市圏形成に係る連携協約書",
    date: { text: "平成28年10月11日", precision: "day", iso: "2016-10-11", year: 2016, month: 10, day: 11, era: { name: "平成", year: 28 } },
    parties: [
      { role: "甲", name: "岡山市", address: "岡山市北区大供一丁目1番1号", office: "岡山市長", head: "大森 雅夫" },
      { role: "乙", name: "和気町", address: "和気郡和気町尺所555番地", office: "和気町長", head: "大森直徳" },
    ],
    name: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約",
    preamble: "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、…次のとおり連携協約を締結する。",
    articles: articles ?? [
      article("1", "目的", "この連携協約は、…都市圏を形成することを目的とする。"),
      article("2", "基本方針", "甲及び乙は、前条に規定する目的を達成するため、次条に規定する取組において相互に連携を図るものとする。"),
      article("3", "連携する取組及び役割分担", "甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。"),
      article("4", "費用分担", "前条に規定する取組に係る事務を処理するために要する費用及びその分担については、甲及び乙が協議して定める。"),
      article("5", "連絡会議", "甲及び乙の長は、この連携協約に係る取組に関し連絡調整を図るため、毎年度会議を開催するものとする。"),
      article("6", "連携協約の変更及び廃止", "この連携協約を変更し、又は廃止しようとする場合は、甲及び乙の協議によるものとする。"),
    ],
    closing: "この連携協約の締結を証するため、本連携協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。",
    appendices: [{ number: 1, heading: "別表（第3条関係）", relatedTo: "第3条関係", sections: [...sections] }],
    unknown: [],
  } satisfies AgreementDocument);
}

/**
 * A frozen document whose 別表 has `sections` sections of `perSection` 取組 each.
 *
 * @example
 * largeDocument(10, 200).appendices[0].sections.length; // 10
 */
export function largeDocument(sections: number, perSection: number): AgreementDocument {
  const labels = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
  return sampleDocument(
    Array.from({ length: sections }, (_s, s) => ({
      label: labels[s] ?? `S${s}`,
      title: `区分${s}`,
      items: Array.from({ length: perSection }, (_i, i) => measure(`取組${s}-${i}`, `区分${s}の取組${i}の内容に取り組む。`)),
    })),
  );
}
