#!/usr/bin/env node
// The `kyoyaku` executable. A committed file, so package managers can link it before the
// TypeScript build has made dist/ (a workspace install links bins first); it only loads the build.
import { existsSync } from "node:fs";

const build = new URL("../dist/bin.js", import.meta.url);
if (existsSync(build)) {
  await import(build.href);
} else {
  console.error("kyoyaku: まだビルドされていません。次を実行してください: npx -y pnpm@10 install && npx -y pnpm@10 build");
  process.exitCode = 2;
}
