#!/usr/bin/env node
// The `kyoyaku` executable: run the CLI on the real process and set its exit code.
import process from "node:process";
import { processIo } from "./io.js";
import { main } from "./main.js";

// Let a pipe closed early (`kyoyaku show … | head`) end quietly.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2), processIo());
