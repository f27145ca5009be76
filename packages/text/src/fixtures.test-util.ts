// Paths of the shared fixtures, for the tests of this package.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../../../tests/fixtures/", import.meta.url));
export const SEED1 = "000_0d517b853e764d1a.txt";
export const SEED2 = "001_6d3949d91c26715e.txt";

/** Read a fixture file as UTF-8. */
export const fixture = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");

/** The .txt files of a fixture folder. */
export const fixtureFiles = (dir: string): string[] => readdirSync(`${FIXTURES}${dir}`).filter((f) => f.endsWith(".txt")).sort();
