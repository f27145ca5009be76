/**
 * @kyoyaku/cli — the `kyoyaku` command line. Its public API is {@link main} (run the CLI
 * with injected I/O) and the command specifications (for generated docs).
 *
 * @packageDocumentation
 */
export { main, VERSION } from "./main.js";
export type { CliIo, MemoryIo, Output } from "./io.js";
export { memoryIo, processIo } from "./io.js";
export { EXIT } from "./errors.js";
export type { Command } from "./command.js";
export { COMMANDS } from "./commands/index.js";
export type { CommandSpec, ExampleSpec, OptionSpec, PositionalSpec } from "./spec.js";
export { commandHelp, mainHelp } from "./help.js";
