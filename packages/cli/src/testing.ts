import type { OpRegistry } from '@chainrule/graph-runtime';
import type { CliIO } from './command';
import { run } from './main';

// Test-only helpers: run the CLI in-process against files held in memory.

/** What one in-process run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for {@link runCli}. */
export interface RunCliOptions {
  readonly files?: Readonly<Record<string, string>>;
  readonly now?: () => number;
  readonly registry?: OpRegistry;
  /** Read files from somewhere else, e.g. the real file system (then `files` is unused). */
  readonly readFile?: CliIO['readFile'];
}

/**
 * Runs `chainrule ARGS` in-process. Files not in `files` fail to read like missing files do
 * (an `Error` with code `ENOENT`).
 */
export const runCli = async (
  argv: readonly string[],
  options: RunCliOptions = {},
): Promise<RunResult> => {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readFile:
      options.readFile ??
      (async (path) => {
        const text = options.files?.[path];
        if (text === undefined)
          throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
        return text;
      }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
};
