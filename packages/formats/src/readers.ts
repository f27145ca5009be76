/**
 * The format readers, by format. Each is `(bytes, name) => Promise<FormatRead>`, the default
 * export by convention of `src/<format>/index.ts`. A format without a reader here is refused
 * with a message naming it (`format.unsupported`).
 *
 * @module
 */
import { readDocx } from "./docx/index.js";
import { readHtml } from "./html/index.js";
import { readPdf } from "./pdf/index.js";
import { readText } from "./text/index.js";
import type { Format, FormatReader } from "./types.js";

/** The reader of each format this build reads. */
export const READERS: Readonly<Partial<Record<Format, FormatReader>>> = {
  text: readText,
  html: readHtml,
  docx: readDocx,
  pdf: readPdf,
};
