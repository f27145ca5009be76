/**
 * Drafting (起案): the data a 変更連携協約書 is written from and what is written.
 *
 * @module
 */
import type { AgreementDocument, IsoDate, Operation } from "@kyoyaku/core";

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
