/**
 * The Content-Security-Policy of every answer. The viewer loads only its own stylesheet and
 * script; an API report (`format=html`: 新旧対照表, timeline, audit) is a standalone page that
 * carries its CSS in a `<style>` element — so that a saved copy prints styled anywhere — and
 * is allowed exactly those elements by their SHA-256 (CSP level 2 hash sources), nothing else
 * inline.
 *
 * @module
 */
import { createHash } from "node:crypto";

const policy = (styleSources: readonly string[]): string =>
  `default-src 'none'; style-src ${["'self'", ...styleSources].join(" ")}; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

/** The policy of every page and answer: only the server's own files. */
export const CONTENT_SECURITY_POLICY = policy([]);

/**
 * The policy for a standalone HTML report: the base policy with the hash of each of its
 * `<style>` elements' text (as the browser hashes it: the exact characters between the tags).
 *
 * @example
 * reportPolicy("<style>p{color:red}</style>"); // "… style-src 'self' 'sha256-…'; …"
 */
export function reportPolicy(html: string): string {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<style>([\s\S]*?)<\/style>/gu)) hashes.add(`'sha256-${createHash("sha256").update(m[1]!, "utf8").digest("base64")}'`);
  return policy([...hashes]);
}
