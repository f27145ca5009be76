import { describe, expect, it } from "vitest";
import { declaredRoles } from "./agreement.js";

describe("declaredRoles (no regular expression built from a name)", () => {
  it("Given 「岡山市（以下「甲」という。）及び和気町（以下「乙」という）」, Then each name has its role, with or without 。", () => {
    const roles = declaredRoles("岡山市（以下「甲」という。）及び和気町（以下「乙」という）は、", ["岡山市", "和気町"]);
    expect([...roles]).toEqual([["岡山市", "甲"], ["和気町", "乙"]]);
  });

  it("Given a name with regular-expression characters or 10,000 characters, Then it is read literally and nothing throws", () => {
    const odd = "株式会社(テスト)*+?[甲]";
    expect([...declaredRoles(`${odd}（以下「丙」という。）は、`, [odd]).values()]).toEqual(["丙"]);
    const long = "市".repeat(10_000);
    expect(declaredRoles(`${long}（以下「甲」という。）`, [long]).size).toBe(1);
    expect(declaredRoles("岡山市（以下「X」という。）", ["岡山市"]).size).toBe(0);
  });
});
