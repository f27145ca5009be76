/**
 * The shapes every format reader shares: what a reader gives back ({@link FormatRead}),
 * what {@link readDocument} gives back ({@link ReadResult}), and the names of formats and
 * encodings as they are kept in the record.
 *
 * @module
 */
import type { Issue } from "@kyoyaku/core";

/** A format kyoyaku reads into text: plain text, 例規集 HTML, Word (.docx), PDF, and the 法令標準XML kyoyaku writes. */
export type Format = "text" | "html" | "docx" | "pdf" | "egov-xml";

/**
 * What the content of a file is, as found by {@link detectFormat}: a readable {@link Format},
 * or a kind that is refused with a message naming it.
 */
export type Detected =
  | Format
  /** Zip files that are not Word: Excel, PowerPoint, or another zip (.odt, an archive…). */
  | "xlsx"
  | "pptx"
  | "zip"
  /** An OLE compound file: old Word (.doc), Excel (.xls), or a password-protected Office file. */
  | "ole"
  /** XML whose root is not `<Law>` (not 法令標準XML). */
  | "xml"
  /** Bytes that are no text (an image, an executable, a database…). */
  | "binary";

/** The character encodings a text (or HTML) file may come in; the record keeps which one was read. */
export type Encoding = "utf-8" | "utf-8-bom" | "shift_jis" | "euc-jp" | "iso-2022-jp" | "utf-16le" | "utf-16be";

/**
 * What one format reader gives back: the text to parse, or why the file cannot be read.
 * `notes` are warnings and information about what the format lost (they never excuse an
 * error: a text read wrong is refused, not noted).
 */
export type FormatRead =
  | { readonly ok: true; readonly text: string; readonly encoding?: Encoding; readonly notes: readonly Issue[]; readonly amendedVersion?: AmendedVersion }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Said by a file kyoyaku exported from one version of an agreement that changes (変更) had made:
 * its text is the consolidated text in force from `inForceFrom`, not the text that was concluded
 * (締結). Importing it as a 締結 would record the changed text on the 締結日; callers refuse that
 * and take it only as a baseline (現行取込) in force on that day.
 */
export interface AmendedVersion {
  /** The agreement's id in the store it was exported from. */
  readonly agreementId?: string;
  /** The first day the exported version was in force. */
  readonly inForceFrom?: string;
}

/**
 * A format reader, by convention the default of `src/<format>/index.ts`: the file's bytes
 * and the name it is shown by (for locations in messages) in, a {@link FormatRead} out.
 */
export type FormatReader = (bytes: Uint8Array, name: string) => Promise<FormatRead>;

/** Where the text came from: kept with the source so the audit trail names the original file. */
export interface Provenance {
  /** The format the text was read from. */
  readonly format: Format;
  /** The character encoding, for text and HTML files. */
  readonly encoding?: Encoding;
  /** SHA-256 (hex) of the original file's bytes, exactly as given. */
  readonly sha256: string;
  /** The original file's size in bytes. */
  readonly bytes: number;
}

/** What {@link readDocument} gives back. */
export type ReadResult =
  | {
      readonly ok: true;
      /** The text to parse, exactly as read (a text file's CRLF stays: the parser reads it as the plain import does). */
      readonly text: string;
      /** `text` split into lines (at LF, CRLF or CR). */
      readonly lines: readonly string[];
      readonly provenance: Provenance;
      /** Warnings and notes of the reader (never errors). */
      readonly notes: readonly Issue[];
      /** Present when the file is kyoyaku's export of a version changes had made (see {@link AmendedVersion}). */
      readonly amendedVersion?: AmendedVersion;
    }
  | {
      readonly ok: false;
      /** What the content was found to be, when it got that far. */
      readonly detected?: Detected;
      /** The errors, each with a Japanese message and a stable code (`format.*`). */
      readonly issues: readonly Issue[];
    };
