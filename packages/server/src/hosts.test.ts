import { describe, expect, it } from "vitest";
import { isHeavy } from "./app.js";
import { allowedHostNames, hostAllowed } from "./hosts.js";

describe("hostAllowed", () => {
  const allowed = allowedHostNames("127.0.0.1", ["Kyoyaku.Example.lg.jp"]);
  it("Given loopback names and an allowed name, with or without port, any case, a trailing dot, Then answered", () => {
    for (const h of ["127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:1", "[::1]", "[::1]:8080", "::1", "kyoyaku.example.lg.jp", "kyoyaku.example.lg.jp.:443"]) expect(hostAllowed(h, allowed), h).toBe(true);
  });
  it("Given another name, a suffix trick, an empty or missing Host, Then refused", () => {
    for (const h of ["evil.example", "kyoyaku.example.lg.jp.evil.example", "localhost.evil.example", "127.0.0.2", "", undefined]) expect(hostAllowed(h, allowed), String(h)).toBe(false);
  });
  it("Given --host 0.0.0.0, Then that wildcard is no name, but the loopback names are", () => {
    const all = allowedHostNames("0.0.0.0");
    expect(all).not.toContain("0.0.0.0");
    expect(all).toContain("127.0.0.1");
  });
});

describe("isHeavy", () => {
  const heavy = (path: string, method = "GET"): boolean => isHeavy(method, new URL(path, "http://127.0.0.1/"));
  it("Given diff, audit, timeline, history, search, verify, drafts and viewer pages, Then heavy; lists, as-of, events and writes, Then not", () => {
    for (const p of ["/api/agreements/x/diff?format=html", "/api/agreements/x/audit", "/api/agreements/x/timeline", "/api/agreements/x/history", "/api/search?q=a", "/api/verify", "/api/agreements/x?drafts=1", "/api/agreements/x/timeline?drafts=true", "/api/in-force?drafts=1", "/agreements/x", "/agreements/x/diff", "/search"]) expect(heavy(p), p).toBe(true);
    for (const p of ["/api/agreements", "/api/agreements/x?date=2020-04-01", "/api/agreements/x/events", "/api/in-force", "/", "/openapi.json", "/assets/viewer.css"]) expect(heavy(p), p).toBe(false);
    expect(heavy("/api/agreements/x/events/1/ratify", "POST")).toBe(false);
  });
});
