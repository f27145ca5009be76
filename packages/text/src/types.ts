import type { AgreementDocument, Annotation, IsoDate, LegalEventInput, LegalEventKind } from "@kyoyaku/core";

/** Options for reading a text. */
export interface ParseOptions {
  /** File name for locations in issues. */
  readonly file?: string;
  /**
   * Allow partial dates (令和7年3月 日, 令和○年○月○日). Texts marked (案) are drafts and
   * always allow them; this also allows them in unmarked texts.
   */
  readonly allowDraft?: boolean;
  /**
   * The agreement as in force before a change agreement (optional). When given, every
   * operation's target is checked against it (`amend.target-missing`), and 号 labels and
   * unlabelled 別表 sections are resolved from it.
   */
  readonly base?: AgreementDocument;
  /**
   * 適用日 supplied by the person importing, for a 附則 that names no date the text itself
   * states (「この協約は、別に定める日から適用する。」). Without it such a 附則 is refused; with
   * it the event's `dates.supplied` says the 適用日 came from the person, not the text.
   */
  readonly appliesFrom?: IsoDate;
  /**
   * For a 新旧対照表方式 amendment read without `base`: the agreement as in force on `day` (the
   * day before the 適用日 the text states), found from the parties the text names. The table's
   * 改正前 cells are checked against it and its 「（略）」 rows filled from it; without either,
   * such a text is refused (`amend.taishohyo-base-missing`).
   */
  readonly baseAt?: (day: IsoDate, parties: readonly string[]) => AgreementDocument | undefined;
}

/** A non-operative part of a text (読み取ったが効力を持たない部分). */
export type TextPart =
  | "draft-mark" /* (案) */
  | "title" /* 題名 */
  | "date" /* 日付 */
  | "parties" /* 当事者 */
  | "name" /* 名称 */
  | "preamble" /* 前文 */
  | "enacting" /* 「…の一部を次のとおり変更する。」 */
  | "supplementary-heading" /* 附則 */
  | "closing" /* 後文 「この協約の締結を証するため…」 */
  | "signature-date" /* 署名欄の日付 */
  | "signature" /* 署名欄 */
  | "table-header" /* 新旧対照表の見出し行 「改正後｜改正前」 */
  | "kept" /* 新旧対照表の「（略）」の行: the provision is kept as it is */
  | "new-text" /* the new text of the sentence at `of` (「次のように改める」) */
  | "document" /* a whole 連携協約書 (締結): its structure is the document */
  | "notice-letter"; /* a whole 通告 letter: read as the 通告 (件名, 通告日, 宛先, 差出人, body), never as a 締結 */

/** One operation a sentence was read as, with the 適用日 that applies to it. */
export interface ReadOperation {
  readonly op: string;
  readonly target: string;
  /** For a renumber: the new address (「第6条を第7条とし」 → `article:7`). */
  readonly to?: string;
  /** The 適用日 of this operation (absent in a draft whose date is not yet known). */
  readonly appliesFrom?: IsoDate;
  /** Whose 適用日: the event's (附則) or a ただし書's. */
  readonly appliesFromSource: "event" | "proviso";
}

/** A date a 附則 sentence states. */
export interface ReadDate {
  /** effectiveFrom 施行日, appliesFrom 適用日, proviso a ただし書's 適用日 for some operations. */
  readonly field: "effectiveFrom" | "appliesFrom" | "proviso";
  /** As written (「令和7年度」, 「締結の日」, 「別に定める日」). */
  readonly written: string;
  readonly iso?: IsoDate;
  /** The date was supplied by the person (ParseOptions.appliesFrom), not stated by the text. */
  readonly supplied?: boolean;
}

/** What a sentence was read as. */
export type ReadAs =
  | { readonly kind: "operation"; readonly operations: readonly ReadOperation[] }
  | { readonly kind: "abolish" }
  | { readonly kind: "supplementary"; readonly dates: readonly ReadDate[] }
  | { readonly kind: "part"; readonly part: TextPart; /** for new-text: the line of its sentence */ readonly of?: number };

/** One sentence (or non-operative part) of the text, in source order. */
export interface SentenceReading {
  /** First line (1-based). */
  readonly line: number;
  /** Last line (the same as `line` for a one-line sentence). */
  readonly lastLine: number;
  /** The sentence as written (lines joined). */
  readonly text: string;
  readonly as: ReadAs;
}

/**
 * What a text was read as: the legal event it records, ready for the engine.
 * `kind` is the event kind (a 連携協約書 is `conclude`, a 変更連携協約書 `amend`, a
 * 廃止 text `abolish`; `baseline` only when the caller says the text is the one in force).
 */
export interface ParsedText {
  readonly kind: LegalEventKind;
  readonly event: LegalEventInput;
  /** For conclude/baseline: the document. */
  readonly document?: AgreementDocument;
  /** The title line as written. */
  readonly title: string;
  /** An agreement id derived from the parties, e.g. `岡山市-和気町`. */
  readonly suggestedId: string;
  /**
   * Every sentence in source order and what it was read as (the completeness law: every
   * non-blank line is covered, or the text was refused). A 連携協約書 is one `document` entry.
   */
  readonly reading: readonly SentenceReading[];
  /**
   * 例規集 metadata kept apart from the text (告示番号, 届出, 沿革, 改正注記, 「○」), as on
   * `event.annotations`; absent when there is none.
   */
  readonly annotations?: readonly Annotation[];
}
