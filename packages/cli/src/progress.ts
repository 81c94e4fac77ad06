import type { CommandContext } from './command';
import { safeText } from './text';

/** Work that has run longer than this reports each further step on stderr. @public */
export const PROGRESS_AFTER_MS = 1000;

/** Files at least this big announce every step up front: they will take a while. @public */
export const PROGRESS_FILE_BYTES = 8 * 1024 * 1024;

/** Step-by-step progress on stderr for a slow file. @public */
export interface Progress {
  /** Announces the step about to run (only once the file is known to be slow). */
  step(label: string): void;
  /** Tells the byte size once read: big files report every later step. */
  sized(bytes: number): void;
  /** Ends the report with the total time, if anything was reported. */
  done(): void;
}

/**
 * Progress for one file. The work is synchronous, so nothing can interrupt a step; instead,
 * before each step it checks the clock (and the file's size) and, once the file has taken longer
 * than {@link PROGRESS_AFTER_MS}, prints `chainrule: FILE: step...` so a person sees it is alive.
 * Progress goes to stderr only, so `--json` output stays one object.
 * @example const progress = createProgress('big.graph', context); progress.step('parsing');
 * @public
 */
export const createProgress = (file: string, context: CommandContext): Progress => {
  const start = context.now();
  let big = false;
  let reported = false;
  const elapsed = (): number => context.now() - start;
  return {
    sized(bytes) {
      big = bytes >= PROGRESS_FILE_BYTES;
    },
    step(label) {
      const ms = elapsed();
      if (!big && ms <= PROGRESS_AFTER_MS) return;
      reported = true;
      context.stderr.write(
        `chainrule: ${safeText(file)}: ${label}... (${(ms / 1000).toFixed(1)} s)\n`,
      );
    },
    done() {
      if (reported) {
        context.stderr.write(
          `chainrule: ${safeText(file)}: done in ${(elapsed() / 1000).toFixed(1)} s\n`,
        );
      }
    },
  };
};
