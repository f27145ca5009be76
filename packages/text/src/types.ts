import type { AgreementDocument, Annotation, LegalEventInput, LegalEventKind } from "@kyoyaku/core";

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
   * 例規集 metadata kept apart from the text (告示番号, 届出, 沿革, 改正注記, 「○」), as on
   * `event.annotations`; absent when there is none.
   */
  readonly annotations?: readonly Annotation[];
}
