/**
 * Small hand-built documents and events for the history tests (not part of the public API).
 *
 * @module
 */
import type { EventDates, LegalEventInput, LegalPayload, Operation, RecordPayload, StoredEvent } from "../events/types.js";
import type { AgreementDocument, Appendix, AppendixItem, Article } from "../model/document.js";

/** The parties of {@link agreement}. */
export const PARTIES: readonly string[] = ["岡山市", "和気町"];

/**
 * Amendments the property tests pick from: replace 第1/3/5条, replace a 取組, reword the 前文;
 * each takes a word `v` that makes every version's text distinct.
 */
export const SAMPLE_CHANGES: readonly ((v: string) => Operation)[] = [
  ...["1", "3", "5"].map((n) => (v: string): Operation => ({ op: "replace", target: `article:${n}`, node: article(n, `第${n}条の${v}`) })),
  (v) => ({ op: "replace", target: "appendix:1/section:I/item:産業振興", node: measure("産業振興", `産業振興の${v}`) }),
  (v) => ({ op: "replaceText", target: "preamble", from: "締結する", to: `締結する（${v}）` }),
];

/** An article with one paragraph per text. */
export function article(number: string, ...texts: string[]): Article {
  return { number, caption: `見出し${number}`, paragraphs: texts.map((text, i) => ({ number: i + 1, text, items: [] })) };
}

/** A 取組 with the three usual fields. */
export function measure(name: string, content = `${name}に取り組む。`): AppendixItem {
  return {
    name,
    fields: [
      { name: "取組内容", text: content },
      { name: "甲の役割", text: `${name}に圏域の中心となって取り組む。` },
      { name: "乙の役割", text: `${name}に甲と協力して取り組む。` },
    ],
  };
}

/** A 別表 with sections I.. of the given 取組 names. */
export function appendix(sections: Record<string, string[]>, heading = "別表（第3条関係）"): Appendix {
  return {
    number: 1, heading, relatedTo: "第3条関係",
    sections: Object.entries(sections).map(([label, items]) => ({ label, title: `区分${label}`, items: items.map((n) => measure(n)) })),
  };
}

/** A six-article agreement between 岡山市 and 和気町 with a 別表 of three sections, like seed 1. */
export function agreement(overrides: Partial<AgreementDocument> = {}): AgreementDocument {
  return {
    title: "連携中枢都市圏形成に係る連携協約書",
    parties: [{ role: "甲", name: "岡山市" }, { role: "乙", name: "和気町" }],
    name: "岡山市及び和気町における連携中枢都市圏形成に係る連携協約",
    preamble: "岡山市（以下「甲」という。）及び和気町（以下「乙」という。）は、次のとおり連携協約を締結する。",
    articles: [
      article("1", "この連携協約は、圏域を形成することを目的とする。"),
      article("2", "甲及び乙は、相互に連携を図るものとする。"),
      article("3", "甲及び乙が相互に連携する取組の内容及び役割分担は、別表に掲げるとおりとする。"),
      article("4", "費用及びその分担については、甲及び乙が協議して定める。"),
      article("5", "甲及び乙の長は、毎年度会議を開催するものとする。"),
      article("6", "この連携協約を変更し、又は廃止しようとする場合は、甲及び乙の協議によるものとする。", "甲及び乙は、あらかじめ議会の議決を経なければならない。"),
    ],
    closing: "この連携協約の締結を証するため、本連携協約書2通を作成する。",
    appendices: [appendix({ I: ["産業振興", "広域観光の推進"], II: ["E S Dによる人づくり"], III: ["子育て支援の充実", "公共施設の最適化"] })],
    unknown: [],
    ...overrides,
  };
}

/** Dates with both 議決日 on the day before 締結日. */
export function dates(concludedOn: string | undefined, appliesFrom?: string, extra: Partial<EventDates> = {}): EventDates {
  const day = concludedOn ? new Date(Date.parse(`${concludedOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : undefined;
  return {
    ...(concludedOn ? { concludedOn } : {}),
    ...(appliesFrom ? { appliesFrom } : {}),
    resolutions: day ? Object.fromEntries(PARTIES.map((p) => [p, day])) : {},
    ...extra,
  };
}

/** Builds StoredEvents with consecutive seqs and increasing recordedAt (one day apart from 2030-01-01 unless given). */
export class History {
  readonly events: StoredEvent[] = [];
  private clock = Date.parse("2030-01-01T00:00:00Z");

  private push(kind: StoredEvent["kind"], body: { legal?: LegalEventInput; record?: RecordPayload }, recordedAt?: string): StoredEvent {
    this.clock += 86_400_000;
    const e: StoredEvent = {
      agreementId: "okayama-wake", seq: this.events.length + 1, kind, ...body,
      recordedAt: recordedAt ?? new Date(this.clock).toISOString(), recordedBy: "法規担当", prevHash: "", hash: "",
    };
    this.events.push(e);
    return e;
  }

  legal(payload: LegalPayload, d: EventDates, opts: { draft?: boolean; recordedAt?: string; parties?: string[] } = {}): StoredEvent {
    return this.push(payload.kind, { legal: { payload, dates: d, draft: opts.draft ?? false, parties: opts.parties ?? PARTIES } }, opts.recordedAt);
  }

  conclude(doc: AgreementDocument, d: EventDates, opts: { draft?: boolean; recordedAt?: string } = {}): StoredEvent {
    return this.legal({ kind: "conclude", document: doc }, d, opts);
  }

  amend(operations: Operation[], d: EventDates, opts: { draft?: boolean; recordedAt?: string } = {}): StoredEvent {
    return this.legal({ kind: "amend", operations }, d, opts);
  }

  abolish(d: EventDates, opts: { draft?: boolean; recordedAt?: string } = {}): StoredEvent {
    return this.legal({ kind: "abolish" }, d, opts);
  }

  record(record: RecordPayload, recordedAt?: string): StoredEvent {
    return this.push(record.kind, { record }, recordedAt);
  }
}
