import { describeReadError } from '@chainrule/files';
import {
  formatDocumentIssue,
  parseGraphDocument,
  type DocumentIssue,
  type GraphDocument,
} from '@chainrule/graph-runtime';
import type { CommandContext } from './command';
import type { Progress } from './progress';
import { safeText } from './text';

/**
 * Writes one problem as `chainrule: FILE: location: message` (the format every command uses),
 * safe for a terminal whatever the file contains.
 * @public
 */
export const reportProblem = (context: CommandContext, file: string, text: string): void => {
  context.stderr.write(`chainrule: ${safeText(file)}: ${safeText(text)}\n`);
};

const reportIssue = (
  context: CommandContext,
  file: string,
  issue: DocumentIssue,
  warning: boolean,
): void => {
  const formatted = formatDocumentIssue(issue);
  const colon = formatted.indexOf(': ');
  // "location: warning: message" keeps the location first, where people and tools look for it.
  reportProblem(
    context,
    file,
    warning ? `${formatted.slice(0, colon)}: warning: ${formatted.slice(colon + 2)}` : formatted,
  );
};

/** What {@link loadGraphFile} returns. @public */
export type LoadedGraphFile =
  { readonly ok: true; readonly document: GraphDocument } | { readonly ok: false };

/**
 * Reads and parses a `.graph` file for a command, printing every error and warning to stderr as
 * `chainrule: FILE: location: message`. A command that gets `{ ok: false }` exits with 2.
 * @example
 * const loaded = await loadGraphFile(file, context, progress);
 * if (!loaded.ok) return ExitCode.invalid;
 * @public
 */
export const loadGraphFile = async (
  file: string,
  context: CommandContext,
  progress: Progress,
): Promise<LoadedGraphFile> => {
  let text: string;
  try {
    text = await context.readFile(file);
  } catch (error) {
    reportProblem(context, file, describeReadError(error));
    return { ok: false };
  }
  progress.sized(text.length);
  progress.step(`parsing ${(text.length / (1024 * 1024)).toFixed(1)} MiB`);
  const result = parseGraphDocument(text, context.registry);
  if (!result.ok) {
    for (const issue of result.errors) reportIssue(context, file, issue, false);
    return { ok: false };
  }
  for (const issue of result.warnings) reportIssue(context, file, issue, true);
  return { ok: true, document: result.document };
};
