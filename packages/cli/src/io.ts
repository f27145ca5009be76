/**
 * The CLI's only window on the world: output streams, environment, working directory and
 * clock. Commands receive an {@link CliIo} instead of touching `process`, so they can be run
 * and checked in unit tests.
 *
 * @module
 */
import process from "node:process";

/** A text sink (stdout or stderr). */
export interface Output {
  write(text: string): void;
  /** True when the stream is a terminal (colours, progress bar). */
  readonly isTTY?: boolean;
  /** Terminal width in columns, when known. */
  readonly columns?: number;
}

/** Everything a command may use besides the file system and the database. */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * The real process streams.
 *
 * @example
 * const code = await main(process.argv.slice(2), processIo());
 */
export function processIo(): CliIo {
  return {
    stdout: {
      write: (t) => void process.stdout.write(t),
      isTTY: process.stdout.isTTY === true,
      columns: process.stdout.columns,
    },
    stderr: {
      write: (t) => void process.stderr.write(t),
      isTTY: process.stderr.isTTY === true,
      columns: process.stderr.columns,
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An in-memory {@link CliIo} for tests: what was written is in `out()` and `err()`. */
export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

/**
 * Build an in-memory I/O for tests.
 *
 * @example
 * const io = memoryIo({ env: { NO_COLOR: "1" } });
 * await main(["--version"], io);
 * io.out(); // "0.1.0\n"
 */
export function memoryIo(options: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {}): MemoryIo {
  let out = "";
  let err = "";
  return {
    stdout: { write: (t) => void (out += t), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (t) => void (err += t), isTTY: options.tty ?? false, columns: 100 },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
