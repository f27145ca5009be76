/**
 * Deep freezing that remembers what it froze, so the shared part of a new version (all but a
 * few nodes) is not walked again on every step.
 *
 * @module
 */
import { deepFreeze } from "../model/canonical.js";

/**
 * Freeze a value and everything reachable from it, skipping subtrees frozen all the way down
 * before (by this function or `deepFreeze`, which share one registry): a new version shares
 * all but a few nodes with the last one, and walking the shared part again on every step
 * would cost as much as copying it.
 *
 * @example
 * const doc = freezeDeep(structuredClone(seedDocument));
 * Object.isFrozen(doc.articles[0]); // true
 */
export function freezeDeep<T>(value: T): T {
  return deepFreeze(value);
}
