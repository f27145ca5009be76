import { describe, expect, it } from "vitest";
import { bearerMatches } from "./auth.js";

describe("bearerMatches", () => {
  it("Given the configured token as a bearer token, When checked, Then it matches", () => {
    expect(bearerMatches("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(bearerMatches("bearer s3cret-token", "s3cret-token")).toBe(true);
  });

  it("Given a wrong, partial, longer or missing token, When checked, Then it does not match", () => {
    for (const header of ["Bearer s3cret", "Bearer s3cret-token-and-more", "s3cret-token", "Basic s3cret-token", "Bearer ", "", undefined]) {
      expect(bearerMatches(header, "s3cret-token")).toBe(false);
    }
  });
});
