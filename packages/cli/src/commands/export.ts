import {
  ExportError,
  exportGraph,
  exportTargets,
  type ExportResult,
  type ExportTarget,
} from '@chainrule/export';
import { quoteText } from '@chainrule/graph-runtime';
import { optionValue } from '../args';
import {
  ExitCode,
  UsageError,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from '../command';
import { loadGraphFile, reportProblem } from '../load';
import { createProgress } from '../progress';
import { safeText } from '../text';
import { writeOrReport } from './train';

const readTarget = (args: ParsedArgs): ExportTarget => {
  const to = optionValue(args, 'to');
  if (to === undefined) throw new UsageError(`--to ${exportTargets.join('|')} is required`);
  if (!(exportTargets as readonly string[]).includes(to)) {
    throw new UsageError(
      `--to must be one of ${exportTargets.join(', ')}, got ${JSON.stringify(to)}`,
    );
  }
  return to as ExportTarget;
};

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  const to = readTarget(args);
  const out = optionValue(args, 'out');
  if (to === 'onnx' && out === undefined) {
    throw new UsageError('an ONNX model is binary: give --out FILE.onnx');
  }
  const file = args.positionals[0]!;
  const progress = createProgress(file, context);
  const loaded = await loadGraphFile(file, context, progress);
  if (!loaded.ok) return ExitCode.invalid;
  // Composites are expanded first: the exporters see the plain graph the engine runs.
  const { document, flat } = loaded;
  if ((flat.output ?? null) === null) {
    reportProblem(context, file, 'the graph has no output J to export: set "output" in the file');
    return ExitCode.invalid;
  }
  let result: ExportResult;
  try {
    result = exportGraph(flat, {
      to,
      registry: context.registry,
      ...(document.name !== undefined ? { title: document.name } : {}),
    });
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    for (const problem of error.problems) {
      reportProblem(
        context,
        file,
        `cannot export to ${to}: ${problem.node === undefined ? '' : `node ${quoteText(problem.node)}: `}${problem.message}`,
      );
    }
    return ExitCode.failed;
  }
  if (out === undefined) {
    // Only text reaches here: ONNX without --out is refused above.
    if (result.kind === 'text') context.stdout.write(result.text);
    return ExitCode.ok;
  }
  const content = result.kind === 'text' ? result.text : result.bytes;
  if (!(await writeOrReport(context, out, content))) return ExitCode.invalid;
  context.stderr.write(`wrote ${safeText(out)} (${to})\n`);
  progress.done();
  return ExitCode.ok;
};

/** `chainrule export FILE --to pytorch|numpy|typescript|onnx [--out FILE]`. @public */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write the graph as a PyTorch, NumPy, TypeScript or ONNX program',
  usage: 'chainrule export FILE --to pytorch|numpy|typescript|onnx [--out FILE]',
  description: [
    "Writes FILE's graph (composites flattened first, as `chainrule flatten` does), at its",
    'current inputs, as a program for another engine: a PyTorch',
    'script (autograd), a NumPy script with the reverse pass written out step by step, a',
    'dependency-free TypeScript module, or an ONNX model (float64, forward and backward graphs).',
    'Each computes J and dJ/dinput for every input and prints (ONNX: outputs) one JSON line,',
    '{"output": J, "grads": {"<input id>": dJ/dinput, ...}}, matching `chainrule eval`.',
    '',
    'Source code goes to stdout unless --out FILE is given; ONNX needs --out. --out is written',
    'atomically: a temporary file in the same folder, then a rename.',
    '',
    'The export is refused, naming each node and the reason, when J or a gradient cannot be',
    'computed at the current inputs (a domain error, an unconnected port, an infinite slope).',
    '',
    'Exit status: 0 exported, 1 the graph cannot be exported at its current inputs, 2 the file',
    'is invalid or has no output, or the command was misused.',
  ].join('\n'),
  options: [
    {
      name: 'to',
      kind: 'value',
      valueName: 'pytorch|numpy|typescript|onnx',
      description: 'the target',
    },
    { name: 'out', kind: 'value', valueName: 'FILE', description: 'write here instead of stdout' },
  ],
  positionals: { name: 'FILE', min: 1, max: 1 },
  run,
};
