/**
 * Nothing read from a file, the database or the command line reaches the terminal as a
 * control character. An ESC sequence in a title, an article or a file name could retitle the
 * terminal (`ESC ]0;…`), hide text (`ESC [8m`) or move the cursor; a bidi override could make
 * a line read backwards. Every byte the CLI writes goes through {@link terminalSafe} (main
 * wraps both streams), which shows such characters as escapes (`\u001b`, `\u202e`). The CLI's
 * own colours and progress bar are the only control sequences written, and they pass because
 * they are marked with {@link own}, with a marker made anew for each process.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import type { CliIo, Output } from "../io.js";

// A private-use character, a per-process random tag and another: no file can guess it.
const MARK = `\uE000${randomBytes(6).toString("hex")}\uE001`;

// C0 controls but tab and line feed, a CR not before LF, DEL, C1, and the bidi embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/gu;

/**
 * A string with every control character shown as an escape `\uHHHH` (C0, C1, the bidi
 * controls); tab, line feed and CR LF are kept.
 *
 * @example
 * escapeControls("協約\u001b]0;owned\u0007"); // "協約\\u001b]0;owned\\u0007"
 * escapeControls("第1条\t甲\r\n"); // unchanged
 */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    // \uXXXX: readable, and a valid escape inside the JSON strings of --json output too.
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/**
 * A control sequence of the CLI's own (a colour, the progress bar's erase), marked so that
 * {@link terminalSafe} writes it as it is.
 *
 * @example
 * terminalSafe(own("\u001b[1m") + "x"); // "\u001b[1mx"
 */
export function own(sequence: string): string {
  // eslint-disable-next-line no-control-regex
  return sequence.replace(/[\u0000-\u001f\u007f]/gu, (c) => `${MARK}${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * Text as written to a terminal or pipe: controls escaped ({@link escapeControls}), the
 * CLI's own marked sequences ({@link own}) restored.
 *
 * @example
 * terminalSafe(`${own("\u001b[31m")}失敗${own("\u001b[39m")} \u001b[8m`); // "\u001b[31m失敗\u001b[39m \\u001b[8m"
 */
export function terminalSafe(text: string): string {
  if (!text.includes(MARK)) return escapeControls(text);
  const parts = text.split(MARK);
  let out = escapeControls(parts[0]!);
  for (const part of parts.slice(1)) out += String.fromCharCode(parseInt(part.slice(0, 2), 16)) + escapeControls(part.slice(2));
  return out;
}

/**
 * The same I/O, with both streams written through {@link terminalSafe}.
 *
 * @example
 * const safe = safeIo(processIo());
 */
export function safeIo(io: CliIo): CliIo {
  const wrap = (o: Output): Output => ({
    write: (t) => o.write(terminalSafe(t)),
    ...(o.isTTY !== undefined && { isTTY: o.isTTY }),
    ...(o.columns !== undefined && { columns: o.columns }),
  });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
