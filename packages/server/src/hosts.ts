/**
 * The Host check against DNS rebinding: a browser page of evil.example whose name is made to
 * resolve to 127.0.0.1 can reach a loopback server, but its requests still say
 * `Host: evil.example`. The server answers only the names it was started for.
 *
 * @module
 */
import { networkInterfaces } from "node:os";
import { problem, type Problem } from "./problem.js";

/**
 * The host names a server listening on `host` answers: the loopback names, the listening
 * host itself (for 0.0.0.0 or ::, every address of this machine), and the extra names given
 * (`--allow-host`). Lower case, IPv6 in brackets.
 *
 * @example
 * allowedHostNames("127.0.0.1", ["kyoyaku.example.lg.jp"]); // ["127.0.0.1", "localhost", "[::1]", "kyoyaku.example.lg.jp"]
 */
export function allowedHostNames(host: string, extra: readonly string[] = []): readonly string[] {
  const names = new Set(["127.0.0.1", "localhost", "[::1]"]);
  // Listening on every address (0.0.0.0, ::): the machine's own addresses are names it was started for.
  const everywhere = ["0.0.0.0", "::", "[::]"].includes(host.trim());
  const own = everywhere ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address)) : [];
  for (const h of [host, ...own, ...extra]) {
    const n = hostName(h);
    // 0.0.0.0 and :: are "every address", not a name a client sends.
    if (n !== "" && n !== "0.0.0.0" && n !== "[::]") names.add(n);
  }
  return [...names];
}

/** A host (with or without port, IPv6 with or without brackets) as compared: lower case, no port, no trailing dot. */
function hostName(h: string): string {
  let s = h.trim().toLowerCase();
  if (s.startsWith("[")) {
    const end = s.indexOf("]");
    return end < 0 ? s : s.slice(0, end + 1);
  }
  if (s.includes(":") && s.indexOf(":") !== s.lastIndexOf(":")) return `[${s}]`; // a bare IPv6 address
  const colon = s.lastIndexOf(":");
  if (colon >= 0) s = s.slice(0, colon);
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/**
 * True when the request's Host header names an allowed host (any port).
 *
 * @example
 * hostAllowed("127.0.0.1:8080", ["127.0.0.1"]); // true
 * hostAllowed("evil.example", ["127.0.0.1"]); // false
 */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (header === undefined || header === "") return false;
  return allowed.includes(hostName(header));
}

/**
 * The 421 answer to a request for another host.
 *
 * @example
 * hostProblem("evil.example").status; // 421
 */
export function hostProblem(header: string | undefined): Problem {
  const shown = header === undefined || header === "" ? "no Host header" : `Host ${JSON.stringify(header.slice(0, 100))}`;
  return problem("http.misdirected", `このサーバーは ${shown} には応答しない。起動時に表示されたアドレスを使うか、--allow-host NAME を付けて起動すること`);
}
