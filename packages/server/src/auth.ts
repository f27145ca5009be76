/**
 * Who may write: a server started with a token accepts a write only with
 * `Authorization: Bearer <token>`, compared in constant time; a server started without one
 * accepts no writes at all.
 *
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * True when the Authorization header carries exactly `token` as a bearer token. Both sides
 * are hashed first, so the comparison takes the same time whatever their lengths.
 *
 * @example
 * bearerMatches("Bearer s3cret", "s3cret"); // true
 * bearerMatches("Bearer wrong", "s3cret"); // false
 * bearerMatches(undefined, "s3cret"); // false
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(header ?? "");
  const given = createHash("sha256").update(m?.[1] ?? "").digest();
  const expected = createHash("sha256").update(token).digest();
  // Evaluate both, always: a missing header costs the same as a wrong token.
  const same = timingSafeEqual(given, expected);
  return m !== null && same;
}
