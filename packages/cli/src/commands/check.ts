import { ExitCode, type Command, type CommandContext, type ParsedArgs } from '../command';
import { loadGraphFile } from '../load';
import { createProgress } from '../progress';
import { safeText } from '../text';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  let exitCode: number = ExitCode.ok;
  // Every file is checked even after a failure, so one run lists every broken file.
  for (const file of args.positionals) {
    const progress = createProgress(file, context);
    const loaded = await loadGraphFile(file, context, progress);
    progress.done();
    if (!loaded.ok) {
      exitCode = ExitCode.invalid;
      continue;
    }
    const { graph } = loaded.document;
    const output = graph.output == null ? 'no output' : `output ${JSON.stringify(graph.output)}`;
    context.stdout.write(
      `${safeText(file)}: ok (${plural(graph.nodes.length, 'node')}, ${plural(graph.edges.length, 'edge')}, ${safeText(output)})\n`,
    );
  }
  return exitCode;
};

/** `chainrule check FILE...`. @public */
export const checkCommand: Command = {
  name: 'check',
  summary: 'validate .graph files and list every problem with its location',
  usage: 'chainrule check FILE...',
  description: [
    'Reads each FILE and checks it completely: JSON syntax (with line and column), the format',
    'and version, every field, ids, ops, ports, edges and cycles. Prints "FILE: ok" with counts',
    'for a valid file; otherwise prints each error to stderr as',
    '  chainrule: FILE: location: message',
    'where location is a path such as nodes[3].op (and its line), or a line and column.',
    '',
    'Exit status: 0 every file is valid, 2 some file is invalid or the command was misused.',
  ].join('\n'),
  options: [],
  positionals: { name: 'FILE', min: 1, max: Infinity },
  run,
};
