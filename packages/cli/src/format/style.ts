/**
 * Colours and emphasis, only when stdout is a terminal and NO_COLOR is unset
 * (https://no-color.org). Everything else gets plain text.
 *
 * @module
 */
import type { CliIo, Output } from "../io.js";
import { own } from "./escape.js";

/** Styling functions; identity when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

// Marked as the CLI's own, so that terminalSafe writes them and escapes any other.
const sgr = (open: number, close: number) => (s: string) => `${own(`\u001b[${open}m`)}${s}${own(`\u001b[${close}m`)}`;

/**
 * Style for a stream.
 *
 * @example
 * styleFor(io, io.stdout).bold("見出し"); // "見出し" unless stdout is a TTY without NO_COLOR
 */
export function styleFor(io: CliIo, stream: Output): Style {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "";
  const enabled = stream.isTTY === true && !noColor && io.env.TERM !== "dumb";
  const id = (s: string): string => s;
  return {
    enabled,
    bold: enabled ? sgr(1, 22) : id,
    dim: enabled ? sgr(2, 22) : id,
    red: enabled ? sgr(31, 39) : id,
    yellow: enabled ? sgr(33, 39) : id,
    green: enabled ? sgr(32, 39) : id,
    cyan: enabled ? sgr(36, 39) : id,
  };
}
