import { autoLayout, serializeGraphDocument, type GraphDocument } from '@chainrule/graph-runtime';
import { optionValue } from '../args';
import { ExitCode, type Command, type CommandContext, type ParsedArgs } from '../command';
import { loadGraphFile } from '../load';
import { createProgress } from '../progress';
import { safeText } from '../text';
import { writeOrReport } from './train';

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  const file = args.positionals[0]!;
  const out = optionValue(args, 'out');
  const progress = createProgress(file, context);
  const loaded = await loadGraphFile(file, context, progress);
  if (!loaded.ok) return ExitCode.invalid;
  const { document, flat } = loaded;
  progress.step(`laying out ${flat.nodes.length} nodes`);
  // The same document without its definitions: name, description, datasets and training stay.
  const { definitions: _definitions, ...rest } = document;
  const plain: GraphDocument = {
    ...rest,
    graph: flat,
    layout:
      flat === document.graph
        ? document.layout
        : {
            positions: autoLayout(flat),
            ...(document.layout.viewport ? { viewport: document.layout.viewport } : {}),
          },
  };
  const text = serializeGraphDocument(plain);
  if (out === undefined) {
    context.stdout.write(text);
  } else {
    if (!(await writeOrReport(context, out, text))) return ExitCode.invalid;
    context.stderr.write(`wrote ${safeText(out)} (${flat.nodes.length} nodes, no composites)\n`);
  }
  progress.done();
  return ExitCode.ok;
};

/** `chainrule flatten FILE [--out FILE]`. @public */
export const flattenCommand: Command = {
  name: 'flatten',
  summary: 'write the equivalent plain graph, with every composite expanded',
  usage: 'chainrule flatten FILE [--out FILE]',
  description: [
    "Writes FILE's graph with every composite instance replaced by its inner nodes, as the",
    'engine runs it: inner node mul1 of instance h1 becomes h1/mul1 (nested: net/h1/mul1),',
    "an instance's parameters become input nodes (h1/w1) holding its values, and dataset",
    'nodes become one data node per column (data/x1). The result has no definitions, and',
    '`chainrule eval` gives it the same values and gradients as FILE. Nodes are laid out anew.',
    '',
    'The graph goes to stdout unless --out FILE is given; --out is written atomically (a',
    'temporary file in the same folder, then a rename).',
    '',
    'Exit status: 0 written, 2 the file is invalid or the command was misused.',
  ].join('\n'),
  options: [
    { name: 'out', kind: 'value', valueName: 'FILE', description: 'write here instead of stdout' },
  ],
  positionals: { name: 'FILE', min: 1, max: 1 },
  run,
};
