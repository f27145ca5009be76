/**
 * A one-line progress bar on stderr, shown only when stderr is a terminal and there are
 * several items (so logs and pipes stay clean).
 *
 * @module
 */
import type { CliIo } from "./io.js";
import { own } from "./format/escape.js";
import { displayWidth } from "./format/width.js";

/** Progress over `total` items. */
export class Progress {
  readonly enabled: boolean;
  #shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    allowed = true,
  ) {
    this.enabled = allowed && total > 1 && io.stderr.isTTY === true;
  }

  /** Show that item `index` (0-based) is being worked on. */
  update(index: number, label: string): void {
    if (!this.enabled) return;
    const width = 24;
    const filled = Math.round((index / this.total) * width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${index}/${this.total} `;
    const room = Math.max(10, (this.io.stderr.columns ?? 80) - displayWidth(bar) - 1);
    this.io.stderr.write(`${own("\r\u001b[K")}${bar}${truncate(label, room)}`);
    this.#shown = true;
  }

  /** Erase the bar (before printing a result line). */
  clear(): void {
    if (this.enabled && this.#shown) this.io.stderr.write(own("\r\u001b[K"));
    this.#shown = false;
  }

  /** Finish. */
  done(): void {
    this.clear();
  }
}

function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "";
  for (const ch of [...s].reverse()) {
    if (displayWidth(out) + displayWidth(ch) > width - 1) break;
    out = ch + out;
  }
  return `…${out}`;
}
