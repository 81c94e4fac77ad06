import type { OpRegistry } from '@chainrule/graph-runtime';

/** Where a command writes: `process.stdout`/`process.stderr`, or a buffer in tests. @public */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything a command touches outside itself, so the whole CLI runs in-process in tests.
 * @public
 */
export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Reads a file as text; rejects with an `Error` (with a Node `code` when it has one). */
  readFile(path: string): Promise<string>;
  /** Milliseconds from an arbitrary origin, for progress reports (default `performance.now`). */
  readonly now?: () => number;
  /** The op registry files are read against (default: `@chainrule/nodes`' standard one). */
  readonly registry?: OpRegistry;
}

/** The IO a command runs with, defaults filled in. @public */
export interface CommandContext {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readFile(path: string): Promise<string>;
  now(): number;
  readonly registry: OpRegistry;
}

/** An option a command accepts: a `--flag`, or a `--name VALUE` (possibly repeated). @public */
export interface OptionSpec {
  readonly name: string;
  readonly kind: 'flag' | 'value';
  /** For `value` options: may it be given more than once (`--set a=1 --set b=2`)? */
  readonly repeatable?: boolean;
  /** How the value is shown in help, e.g. `ID=NUMBER`. */
  readonly valueName?: string;
  readonly description: string;
}

/** A command line split by a command's {@link OptionSpec}s. @public */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlySet<string>;
  /** Every value given per option name, in order. */
  readonly values: ReadonlyMap<string, readonly string[]>;
}

/**
 * One `chainrule` subcommand. The dispatcher parses options, prints `--help` and reports misuse
 * from this description alone, so a command only implements `run`.
 * @public
 */
export interface Command {
  readonly name: string;
  /** One line for `chainrule --help`. */
  readonly summary: string;
  /** The synopsis, e.g. `chainrule eval FILE [--set ID=NUMBER ...] [--json]`. */
  readonly usage: string;
  /** A paragraph or two for `chainrule NAME --help`. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** How many positional arguments (files) it takes. */
  readonly positionals: { readonly name: string; readonly min: number; readonly max: number };
  /** Returns the exit code: see {@link ExitCode}. */
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/** The CLI's exit codes. @public */
export const ExitCode = {
  /** Everything went well. */
  ok: 0,
  /** The graph evaluated but a node is in error (eval), or a gradient disagrees (gradcheck). */
  failed: 1,
  /** The file is invalid, or the command was misused. */
  invalid: 2,
} as const;

/**
 * Thrown by a command (or the argument parser) for a misused command line; the dispatcher prints
 * `chainrule: COMMAND: message` and a pointer to `--help`, and exits with 2.
 * @public
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
