import { describeReadError } from '@chainrule/files';
import {
  flattenDocument,
  formatDocumentIssue,
  parseGraphDocument,
  type CompositeMap,
  type DocumentIssue,
  type GraphDocument,
  type GraphSpec,
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
  | {
      readonly ok: true;
      readonly document: GraphDocument;
      /** The plain graph the engine runs: composites flattened to path ids (`h1/mul1`). */
      readonly flat: GraphSpec;
      /** How the document's instances map onto `flat`. */
      readonly map: CompositeMap;
    }
  | { readonly ok: false };

/**
 * Reads, parses and flattens a `.graph` file for a command, printing every error and warning to
 * stderr as `chainrule: FILE: location: message`. A command that gets `{ ok: false }` exits with 2.
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
  const flat = flattenDocument(result.document, { registry: context.registry });
  if (!flat.ok) {
    for (const issue of flat.errors) reportIssue(context, file, issue, false);
    return { ok: false };
  }
  return { ok: true, document: result.document, flat: flat.graph, map: flat.map };
};
