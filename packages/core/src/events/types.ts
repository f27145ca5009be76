/**
 * Events: the history of one agreement is an append-only list of these. Legal events
 * (締結 conclude, 変更 amend, 廃止 abolish, 現行取込 baseline) carry valid-time dates; record
 * events (ratify, resolve, 訂正 correct) change how earlier events are read and carry only
 * their recorded time. Nothing is ever edited in place.
 *
 * Dates are ISO days ({@link IsoDate}); intervals are half-open `[from, to)`.
 *
 * @module
 */
import type { Instant, IsoDate, JpDate } from "../date/types.js";
import type { Address } from "../model/address.js";
import type { AgreementDocument, Appendix, AppendixItem, Article, Item, Paragraph, Section } from "../model/document.js";

/** Kinds of legal events (valid time). */
export type LegalEventKind =
  | "conclude" /* 締結 */
  | "amend" /* 変更 */
  | "abolish" /* 廃止 */
  | "baseline" /* 現行取込: the text in force on a date, without its earlier history */
  | "notice" /* 通告: one party, after its council's 議決, notifies the other that it leaves; the agreement's own clause fixes the 失効日 */
  | "withdrawNotice" /* 通告の撤回: a 通告 withdrawn before its 失効日 */
  | "renew" /* 更新: a fixed term (期間の定め) renewed to a new last day */
  | "declineRenewal"; /* 更新拒絶: a party's 意思表示 that an automatically renewed term is not renewed */

/** Kinds of record events (system time only). */
export type RecordEventKind =
  | "ratify" /* 案の確定: a draft becomes a ratified event with its full dates */
  | "resolve" /* 議決日の追加: council resolution dates learnt later */
  | "correct"; /* 訂正: a recorded event was wrong */

export type EventKind = LegalEventKind | RecordEventKind;

/** Japanese labels for event kinds, for output. */
export const EVENT_KIND_LABEL: Readonly<Record<EventKind, string>> = Object.freeze({
  conclude: "締結",
  amend: "変更",
  abolish: "廃止",
  baseline: "現行取込",
  notice: "通告",
  withdrawNotice: "通告の撤回",
  renew: "更新",
  declineRenewal: "更新拒絶",
  ratify: "案の確定",
  resolve: "議決日追加",
  correct: "訂正",
});

/** Anything a provision address can point at and an operation can insert or replace. */
export type ProvisionNode = Article | Paragraph | Item | Appendix | Section | AppendixItem | string;

/**
 * A structured edit on a document, addressed by provision address. `appliesFrom` overrides
 * the event's 適用日 for this operation (a 附則 ただし書).
 */
export type Operation =
  /** Whole replacement: 「別表を次のように改める。」「第3条を次のように改める。」. */
  | { readonly op: "replace"; readonly target: Address; readonly node: ProvisionNode; readonly appliesFrom?: IsoDate }
  /** 改め文: 「第3条中「A」を「B」に改める。」 — `occurrence` (1-based) when the text says 「…中最初の「A」」. */
  | { readonly op: "replaceText"; readonly target: Address; readonly from: string; readonly to: string; readonly occurrence?: number; readonly appliesFrom?: IsoDate }
  /** 「第3条中「A」を削る。」 */
  | { readonly op: "deleteText"; readonly target: Address; readonly text: string; readonly occurrence?: number; readonly appliesFrom?: IsoDate }
  /** 「第3条の次に次の1条を加える。」 (`after`) / 「…の前に…」 (`before`) / at the end of `parent`. */
  | { readonly op: "insert"; readonly parent: Address; readonly after?: Address; readonly before?: Address; readonly node: ProvisionNode; readonly appliesFrom?: IsoDate }
  /** 「第5条を削る。」「別表I中…の項を削る。」 */
  | { readonly op: "delete"; readonly target: Address; readonly appliesFrom?: IsoDate }
  /** 「第6条を第7条とし」: renumber (move) a provision. */
  | { readonly op: "renumber"; readonly target: Address; readonly to: Address; readonly appliesFrom?: IsoDate }
  /** A restatement of the whole agreement that replaces the 原協定 (全部変更). */
  | { readonly op: "restate"; readonly document: AgreementDocument; readonly appliesFrom?: IsoDate };

/** Council resolution (議決) dates per party, keyed by municipality name as written. */
export type Resolutions = Readonly<Record<string, IsoDate>>;

/**
 * The dates of a legal event. For a draft (案) the dates may be partial ({@link JpDate}
 * with precision below `day`) and the ISO fields absent; a ratified event needs
 * `concludedOn`.
 */
export interface EventDates {
  /** 締結日. */
  readonly concludedOn?: IsoDate;
  /** 議決日 per party. Never invented: a party absent here is reported as missing. */
  readonly resolutions: Resolutions;
  /** 適用日; defaults to `concludedOn` for conclude/abolish. */
  readonly appliesFrom?: IsoDate;
  /** 施行日, when a 附則 states one. */
  readonly effectiveFrom?: IsoDate;
  /** 告示日. */
  readonly announcedOn?: IsoDate;
  /**
   * Dates the person importing supplied (`--applies-from`, `--signed-on`) instead of the text
   * stating them: the record says where each date came from.
   */
  readonly supplied?: readonly ("appliesFrom" | "concludedOn" | "effectiveFrom")[];
  /** The dates as written in the text (draft dates such as 令和7年3月 日 live only here). */
  readonly written?: {
    readonly concludedOn?: JpDate;
    readonly appliesFrom?: JpDate;
    readonly effectiveFrom?: JpDate;
  };
}

/** The source text an event was read from. */
export interface Source {
  /** File name or other label, as the user gave it. */
  readonly name: string;
  /** The whole text. */
  readonly text: string;
  /** SHA-256 hex of `text` (UTF-8). */
  readonly sha256: string;
  /**
   * The file the text was read from, when its bytes are not the text itself (a PDF, a Word
   * file, an 例規集 page, a Shift_JIS text): absent for a UTF-8 text file.
   */
  readonly original?: SourceOriginal;
}

/** The original file of a source: its format, encoding, and its bytes' SHA-256 and size. */
export interface SourceOriginal {
  /** `text`, `html`, `docx` or `pdf` (see @kyoyaku/formats). */
  readonly format: string;
  /** The character encoding of a text or HTML file, e.g. `shift_jis`. */
  readonly encoding?: string;
  /** SHA-256 hex of the file's bytes as given. */
  readonly sha256: string;
  /** The file's size in bytes. */
  readonly bytes: number;
}

/** Payload of a legal event, by kind. */
export type LegalPayload =
  | { readonly kind: "conclude"; readonly document: AgreementDocument }
  | { readonly kind: "baseline"; readonly document: AgreementDocument }
  | {
      readonly kind: "amend";
      readonly operations: readonly Operation[];
      /** Title of the change agreement, e.g. 連携中枢都市圏形成に係る変更連携協約書. */
      readonly title?: string;
      /** What the amendment says it changes, when stated. */
      readonly base?: { readonly title?: string; readonly date?: JpDate };
    }
  | {
      readonly kind: "abolish";
      /**
       * The agreement the 廃止 names (「平成28年10月11日に締結した…連携協約」), when stated: the
       * engine refuses it in an agreement whose title or 締結日 differ (`rule.abolish-base-mismatch`).
       */
      readonly base?: { readonly title?: string; readonly date?: JpDate };
    }
  /**
   * 通告: `party` leaves the agreement. `dates.concludedOn` is the 通告日, `dates.resolutions`
   * its council's 議決日; the 失効日 is computed from the agreement's 通告 clause as in force
   * on the 通告日 (history/clauses.ts), never given.
   */
  | { readonly kind: "notice"; readonly party: string; readonly subject?: string; readonly reference?: string }
  /** 通告の撤回: withdraws the 通告 recorded as `target`; `dates.concludedOn` is the day withdrawn (before the 失効日). */
  | { readonly kind: "withdrawNotice"; readonly target: number }
  /**
   * 更新: the fixed term now ends on `until` (its last day, in force through it). `automatic`
   * records that the clause's 自動延長 took place (no 意思表示 was made); `dates.concludedOn`
   * is the day the renewal was agreed or, for an automatic one, the deadline for objection.
   */
  | { readonly kind: "renew"; readonly until: IsoDate; readonly automatic?: boolean }
  /**
   * 更新拒絶: `party` declared (「…何らの意思表示がないときは…延長される」 — this is that 意思表示)
   * that the term is not extended; `dates.concludedOn` is the day declared, by the clause's deadline.
   */
  | { readonly kind: "declineRenewal"; readonly party: string };

/**
 * A legal event as submitted for recording (before the store assigns sequence, hashes and
 * recorded_at).
 */
export interface LegalEventInput {
  readonly payload: LegalPayload;
  readonly dates: EventDates;
  /** A draft (案) is stored as a proposal and never takes effect until ratified. */
  readonly draft: boolean;
  /** Parties (municipality names as written) the event is between. */
  readonly parties: readonly string[];
  readonly source?: Source;
  /**
   * What a 例規集 page or a PDF extraction printed around the text and the parser kept apart
   * from it (告示番号, 届出, 沿革, inline 改正注記 …): metadata, never part of the document.
   * Absent when there is none.
   */
  readonly annotations?: readonly Annotation[];
  /**
   * Where the parts of the payload were read in `source`, so a refusal by the rules can say
   * 「（ファイル名 N行目）」. Beside the payload, not in it: the same amendment read from a text
   * with other line breaks is the same event (engine/content.ts). Absent for events not read
   * from a text.
   */
  readonly sourceLines?: SourceLines;
}

/**
 * 1-based source lines of a legal event's parts.
 *
 * @example
 * const lines: SourceLines = { base: 9, operations: [14, 14, 18] }; // 前文 on line 9; two operations from line 14
 */
export interface SourceLines {
  /** The sentence that names the agreement changed or abolished (「…に締結した…連携協約の一部を…」). */
  readonly base?: number;
  /** The sentence each operation of an amend payload was read from, by index. */
  readonly operations?: readonly number[];
}

/** Kinds of {@link Annotation}. */
export type AnnotationKind =
  | "告示番号" /* 平成28年10月11日告示第123号, ○岡山市告示第45号 */
  | "届出" /* 県知事届出, 平成28年10月20日県知事届出 */
  | "沿革" /* 沿革 平成29年3月31日 一部改正 … */
  | "体系情報" /* 体系情報 第1編 総規 … */
  | "改正注記" /* (平17告示12・一部改正), （令2協約1・一部改正） */
  | "記号"; /* ○ before the title */

/** One piece of 例規集 metadata, as written, with the source line it was on. */
export interface Annotation {
  readonly kind: AnnotationKind;
  readonly text: string;
  readonly line: number;
}

/** Payload of a record event. Each names the recorded event it is about by sequence number. */
export type RecordPayload =
  | { readonly kind: "ratify"; readonly target: number; readonly dates: EventDates }
  | { readonly kind: "resolve"; readonly target: number; readonly resolutions: Resolutions }
  | {
      readonly kind: "correct";
      readonly target: number;
      readonly reason: string;
      /** Replacement dates (a mistyped date) and/or payload (a wrong file); `retract` withdraws the event. */
      readonly dates?: EventDates;
      readonly payload?: LegalPayload;
      readonly retract?: boolean;
    };

/** An event as stored: the envelope the store adds around a payload. */
export interface StoredEvent {
  /** Agreement id: a slug such as `okayama-wake`. */
  readonly agreementId: string;
  /** 1-based, gap-free sequence within the agreement. */
  readonly seq: number;
  readonly kind: EventKind;
  /** For legal events. */
  readonly legal?: LegalEventInput;
  /** For record events. */
  readonly record?: RecordPayload;
  /** System time the event was recorded. */
  readonly recordedAt: Instant;
  readonly recordedBy: string;
  /** Hash of the previous event of this agreement (`""` for the first). */
  readonly prevHash: string;
  /** SHA-256 of the canonical JSON of every field above and `prevHash`. */
  readonly hash: string;
}

/** A short reference to an event, as answers cite it. */
export interface EventRef {
  readonly seq: number;
  readonly kind: EventKind;
  readonly concludedOn?: IsoDate;
  readonly appliesFrom?: IsoDate;
  readonly draft: boolean;
  /** 遡及適用: 適用日 before 締結日. */
  readonly retroactive: boolean;
}

