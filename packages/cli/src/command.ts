/**
 * The shape of a command module: its spec and its run function.
 *
 * @module
 */
import type { Ctx } from "./context.js";
import type { CommandSpec } from "./spec.js";

/** A command: `run` returns its exit code (0 when it returns nothing). */
export interface Command {
  readonly spec: CommandSpec;
  run(ctx: Ctx): Promise<number | void> | number | void;
}
