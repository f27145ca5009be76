import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests import packages by name; point those names at the TypeScript sources so a
// unit test never runs against a stale dist/. End-to-end tests spawn the built binary.
export default defineConfig({
  resolve: {
    alias: {
      "@kyoyaku/core": src("core"),
      "@kyoyaku/text": src("text"),
      "@kyoyaku/formats": src("formats"),
      "@kyoyaku/report": src("report"),
      "@kyoyaku/draft": src("draft"),
      "@kyoyaku/formats": src("formats"),
      "@kyoyaku/cli": src("cli"),
      "@kyoyaku/server": src("server"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
