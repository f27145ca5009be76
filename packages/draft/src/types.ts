/**
 * Drafting (起案): the data a 変更連携協約書 is written from and what is written.
 *
 * @module
 */
import type { AgreementDocument, DocumentDiff, IsoDate, Operation } from "@kyoyaku/core";

/** How the amending text is written: 改め文 (「第3条中「A」を「B」に改める。」) or 新旧対照表方式 (the table is the amending text). */
export type DraftStyle = "kaimebun" /* 改め文方式 */ | "taishohyo" /* 新旧対照表方式 */;

/** The agreement being changed, as the record holds it (its 題名, 締結日 and parties come from here). */
export interface DraftBase {
  /** The agreement's id in the store. */
  readonly id: string;
  /** The text in force on the day before the 適用日: the document the amendment applies to. */
  readonly before: AgreementDocument;
  /** The 締結日 of the agreement (「平成28年10月11日に締結した…」). */
  readonly concludedOn: IsoDate;
}

/** What the person chose for the draft. */
export interface DraftOptions {
  /** 適用日 of the change (附則). */
  readonly appliesFrom: IsoDate;
  /** 締結日 of the change agreement, when known; a draft (案) leaves it 「令和X年X月 日」. */
  readonly signedOn?: IsoDate;
  readonly style?: DraftStyle;
  /**
   * 適用日 per provision where some changes apply from another day (written as a 附則 ただし書),
   * keyed by provision address (`article:5`, `appendix:1`).
   */
  readonly provisionDates?: Readonly<Record<string, IsoDate>>;
}

/** The 新旧対照表 of a draft's change, as @kyoyaku/report renders it. */
export interface DraftComparison {
  readonly text: string;
  readonly md: string;
  readonly html: string;
}

/**
 * A drafted 変更連携協約書: its whole text, the operations it makes (what importing it
 * records), the text it leads to, and the 新旧対照表 of the same change.
 */
export interface Draft {
  /** The whole 変更連携協約書 (題名, 前文, 改め文, 附則, 署名欄). */
  readonly text: string;
  /** The structured change, in the order it applies. */
  readonly operations: readonly Operation[];
  /** The text in force once the change applies (`before` with the operations applied). */
  readonly after: AgreementDocument;
  /** The change as `kyoyaku diff` reports it. */
  readonly diff: DocumentDiff;
  readonly comparison: DraftComparison;
}
