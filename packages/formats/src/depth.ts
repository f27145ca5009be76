/**
 * The nesting depth of a parsed HTML or XML tree, measured without recursion. The readers walk
 * their trees recursively; a file of 50,000 nested `<div>` (or `<w:customXml>`, a few KB
 * zipped) overflowed the stack and threw a raw RangeError. They refuse such a file first.
 *
 * @module
 */
import type { ChildNode } from "domhandler";

/**
 * The deepest nesting a reader walks: 例規集 pages and Word documents nest tens of elements
 * deep; far more is no document a 法規担当 wrote.
 */
export const MAX_DEPTH = 500;

/**
 * True when elements under `nodes` nest deeper than `max`.
 *
 * @example
 * nestsDeeperThan(parseDocument("<div><p>甲</p></div>").children, 1); // true
 * nestsDeeperThan(parseDocument("<div><p>甲</p></div>").children, 2); // false
 */
export function nestsDeeperThan(nodes: readonly ChildNode[], max = MAX_DEPTH): boolean {
  const stack: [readonly ChildNode[], number][] = [[nodes, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [level, depth] = top;
    for (const n of level) {
      if (!("children" in n)) continue; // text, a comment: no element
      if (depth > max) return true;
      if (n.children.length > 0) stack.push([n.children, depth + 1]);
    }
  }
  return false;
}
