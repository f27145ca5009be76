/**
 * A loop's progress guard. Every reader here walks a text with a manual index that a helper
 * moves (`i = r.next`); a part that claims a line (or character) and reads none would leave
 * the index where it was and loop for ever, growing memory with each turn. The guard turns that
 * into a thrown error — caught by the parser as `parse.internal`, a refusal, never a hang.
 *
 * @module
 */

/**
 * A guard for one loop: call it with the index at the start of every turn; it throws if the
 * index did not move forward since the last turn.
 *
 * @example
 * const turn = progressGuard("readBody");
 * while (i < lines.length) { turn(i, `line ${lines[i]!.no}`); i = readPart(i); }
 */
export function progressGuard(loop: string): (at: number, where?: string) => void {
  let last = -Infinity;
  return (at, where) => {
    if (at <= last) throw new Error(`${loop}: no progress at ${where ?? `index ${at}`}`);
    last = at;
  };
}
