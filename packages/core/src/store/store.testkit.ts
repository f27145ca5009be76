/**
 * Test helpers for the store and engine tests (not part of the public API): seed-shaped
 * documents, event inputs, and a small projector that needs nothing of the history layer.
 *
 * @module
 */
import type { IsoDate } from "../date/types.js";
import type { EventRef, LegalEventInput, StoredEvent } from "../events/types.js";
import { contentHash, deepFreeze, sha256 } from "../model/canonical.js";
import type { AgreementDocument, AppendixItem, Article, Section } from "../model/document.js";
import type { AgreementProjection, NewEvent, ProjectedVersion, Projector } from "./types.js";

/** Options of {@link makeDocument}. */
export interface MakeDocumentOptions {
  readonly title?: string;
  readonly parties?: readonly string[];
  /** Number of 取組 per section (three sections I, II, III). */
  readonly itemsPerSection?: number;
  /** Replace the fields of these 取組 names with a variant tag. */
  readonly variant?: Readonly<Record<string, string>>;
  readonly articles?: number;
}

/**
 * A seed-shaped document: 6 articles, one 別表 with sections I–III of 取組 with three fields.
 *
 * @example
 * makeDocument({ itemsPerSection: 4 }).appendices[0]?.sections.length; // 3
 */
export function makeDocument(options: MakeDocumentOptions = {}): AgreementDocument {
  const parties = options.parties ?? ["岡山市", "和気町"];
  const roles = ["甲", "乙", "丙", "丁"];
  const n = options.itemsPerSection ?? 4;
  const item = (section: string, i: number): AppendixItem => {
    const name = `取組${section}-${i}`;
    const tag = options.variant?.[name] ?? "";
    return {
      name,
      fields: [
        { name: "取組内容", text: `${name}の内容${tag}。圏域全体の経済成長をけん引する。` },
        { name: "甲の役割", text: `${name}について甲が行う役割${tag}。` },
        { name: "乙の役割", text: `${name}について乙が行う役割${tag}。` },
      ],
    };
  };
  const section = (label: string, title: string): Section => ({ label, title, items: Array.from({ length: n }, (_, i) => item(label, i + 1)) });
  const article = (k: number): Article => ({
    number: String(k),
    caption: ["目的", "基本方針", "連携する取組及び役割分担", "費用負担", "協議", "議会の議決"][k - 1] ?? `第${k}条`,
    paragraphs: [{ number: 1, text: `第${k}条の本文。甲及び乙は、連携協約に基づき取り組む。`, items: [] }],
  });
  return deepFreeze({
    title: options.title ?? "連携中枢都市圏形成に係る連携協約書",
    parties: parties.map((name, i) => ({ role: roles[i] ?? `第${i + 1}者`, name, office: `${name}長` })),
    preamble: `${parties.join("と")}は、次のとおり連携協約を締結する。`,
    articles: Array.from({ length: options.articles ?? 6 }, (_, i) => article(i + 1)),
    appendices: [
      {
        number: 1,
        heading: "別表（第3条関係）",
        relatedTo: "第3条関係",
        sections: [section("I", "圏域全体の経済成長のけん引"), section("II", "高次の都市機能の集積・強化"), section("III", "圏域全体の生活関連機能サービスの向上")],
      },
    ],
    unknown: [],
  });
}

/**
 * A ratified 締結 (or baseline) input with a source.
 *
 * @example
 * concludeInput(makeDocument(), "2016-10-11").payload.kind; // "conclude"
 */
export function concludeInput(
  document: AgreementDocument,
  concludedOn: IsoDate,
  extra: { readonly appliesFrom?: IsoDate; readonly draft?: boolean; readonly sourceText?: string; readonly kind?: "conclude" | "baseline" } = {},
): LegalEventInput {
  const text = extra.sourceText ?? `${document.title}\n${concludedOn}\n${contentHash(document)}`;
  return deepFreeze({
    payload: { kind: extra.kind ?? "conclude", document },
    dates: {
      concludedOn,
      resolutions: Object.fromEntries(document.parties.map((p) => [p.name, concludedOn])),
      ...(extra.appliesFrom !== undefined ? { appliesFrom: extra.appliesFrom } : {}),
    },
    draft: extra.draft ?? false,
    parties: document.parties.map((p) => p.name),
    source: { name: `${concludedOn}.txt`, text, sha256: sha256(text) },
  });
}

/**
 * A legal event ready to append.
 *
 * @example
 * newLegal(concludeInput(makeDocument(), "2016-10-11")).kind; // "conclude"
 */
export function newLegal(legal: LegalEventInput, recordedAt = "2024-01-01T00:00:00.000Z", recordedBy = "法規担当"): NewEvent {
  return { kind: legal.payload.kind, legal, recordedAt, recordedBy };
}

const ref = (e: StoredEvent): EventRef => ({
  seq: e.seq,
  kind: e.kind,
  ...(e.legal?.dates.concludedOn !== undefined ? { concludedOn: e.legal.dates.concludedOn } : {}),
  ...(e.legal?.dates.appliesFrom ?? e.legal?.dates.concludedOn ? { appliesFrom: e.legal?.dates.appliesFrom ?? e.legal?.dates.concludedOn } : {}),
  draft: e.legal?.draft ?? false,
  retroactive: false,
});

/**
 * A projector for store tests: each ratified 締結/現行取込 starts a version holding its
 * document (a restate-only model of history), a ratified 廃止 ends the last one. `fail`
 * makes it throw, to test atomicity.
 *
 * @example
 * const project = testProjector();
 * project("a", []).versions.length; // 0
 */
export function testProjector(fail: (events: readonly StoredEvent[]) => boolean = () => false): Projector {
  return (_agreementId, events): AgreementProjection => {
    if (fail(events)) throw new Error("projector failed on purpose");
    const legal = events.filter((e) => e.legal !== undefined && !e.legal.draft);
    const from = (e: StoredEvent): IsoDate => e.legal!.dates.appliesFrom ?? e.legal!.dates.concludedOn!;
    const sorted = [...legal].sort((a, b) => (from(a) < from(b) ? -1 : from(a) > from(b) ? 1 : a.seq - b.seq));
    const abolish = sorted.find((e) => e.kind === "abolish");
    const starts = sorted.filter((e) => e.legal!.payload.kind === "conclude" || e.legal!.payload.kind === "baseline");
    const versions: ProjectedVersion[] = [];
    starts.forEach((e, i) => {
      const next = starts[i + 1];
      const to = next !== undefined ? from(next) : abolish !== undefined ? from(abolish) : null;
      if (abolish !== undefined && from(e) >= from(abolish)) return;
      const document = (e.legal!.payload as { document: AgreementDocument }).document;
      versions.push({
        interval: { from: from(e), to },
        root: contentHash(document),
        document,
        events: starts.slice(0, i + 1).map(ref),
        changedBy: [ref(e)],
        flags: { draftsExcluded: [], draftsApplied: [], retroactive: [], unknownParts: [], missingResolutions: [] },
      });
    });
    const first = versions[0];
    return {
      summary: {
        ...(first !== undefined ? { title: first.document.title, firstAppliesFrom: first.interval.from } : {}),
        parties: [...new Set(events.flatMap((e) => e.legal?.parties ?? []))],
        ...(abolish !== undefined ? { abolishedFrom: from(abolish), abolishedBy: ref(abolish) } : {}),
        draftsExcluded: events.filter((e) => e.legal?.draft === true).map(ref),
        draftsApplied: [],
      },
      versions,
    };
  };
}
