import { saveFile, type SaveFileResult } from '@chainrule/files';
import {
  createRuntime,
  listItems,
  quoteText,
  serializeGraphDocument,
  type CompositeMap,
  type GraphDocument,
  type GraphSpec,
  type NodeId,
} from '@chainrule/graph-runtime';
import {
  createTrainer,
  describeOptimizer,
  optimizerKinds,
  type OptimizerKind,
  type RunResult,
} from '@chainrule/learn';
import { optionValue, parseNumberArg } from '../args';
import {
  ExitCode,
  UsageError,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from '../command';
import { loadGraphFile, reportProblem } from '../load';
import { createProgress } from '../progress';
import { formatNumber, renderTable, safeText } from '../text';

/** Settings of one `chainrule train` run, as read from the command line. @public */
export interface TrainSettings {
  readonly steps: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerKind;
  /** Print the loss every this many steps (and at the first and last). */
  readonly every: number;
}

const readSettings = (args: ParsedArgs): TrainSettings => {
  const stepsText = optionValue(args, 'steps');
  const lrText = optionValue(args, 'lr');
  if (stepsText === undefined) throw new UsageError('--steps N is required');
  if (lrText === undefined) throw new UsageError('--lr X (the learning rate) is required');
  const steps = parseNumberArg(stepsText, '--steps');
  if (!Number.isInteger(steps) || steps < 0) {
    throw new UsageError(`--steps must be a whole number ≥ 0, got ${stepsText}`);
  }
  const learningRate = parseNumberArg(lrText, '--lr');
  if (!(learningRate > 0)) throw new UsageError(`--lr must be greater than 0, got ${lrText}`);
  const optimizerText = optionValue(args, 'optimizer') ?? 'sgd';
  if (!(optimizerKinds as readonly string[]).includes(optimizerText)) {
    throw new UsageError(
      `--optimizer must be one of ${optimizerKinds.join(', ')}, got ${JSON.stringify(optimizerText)}`,
    );
  }
  const everyText = optionValue(args, 'every');
  const every =
    everyText === undefined
      ? Math.max(1, Math.round(steps / 10))
      : parseNumberArg(everyText, '--every');
  if (!Number.isInteger(every) || every < 1) {
    throw new UsageError(`--every must be a whole number ≥ 1, got ${everyText}`);
  }
  return { steps, learningRate, optimizer: optimizerText as OptimizerKind, every };
};

/**
 * Where a trained flat node's value is saved: a top-level node's `value`, or parameter `name` of
 * a top-level instance. `null` for anything deeper: an instance inside a definition takes its
 * parameter values from that definition, shared by every instance of it.
 */
const savedAt = (
  map: CompositeMap,
  id: NodeId,
): { readonly node: NodeId; readonly param: string } | null => {
  const location = map.locate(id);
  if (location === undefined || location.column !== undefined) return null;
  if (location.instancePath.length === 0) return { node: location.node, param: 'value' };
  const [instance] = location.instancePath;
  if (location.instancePath.length !== 1) return null;
  return map.ports(instance!).parameters.includes(location.node)
    ? { node: instance!, param: location.node }
    : null;
};

/**
 * The flat graph to train: inputs whose trained value could not be saved (see {@link savedAt})
 * are marked fixed, so the file written is exactly what was trained. Returns their ids too.
 */
const trainableGraph = (
  flat: GraphSpec,
  map: CompositeMap,
  registry: CommandContext['registry'],
): { graph: GraphSpec; fixed: NodeId[] } => {
  const fixed: NodeId[] = [];
  const nodes = flat.nodes.map((node) => {
    if (registry.get(node.op)?.trainable !== true || savedAt(map, node.id) !== null) return node;
    if (node.params?.['fixed'] === 1 || node.params?.['fixed'] === true) return node;
    fixed.push(node.id);
    return { ...node, params: { ...node.params, fixed: 1 } };
  });
  return { graph: fixed.length === 0 ? flat : { ...flat, nodes }, fixed };
};

/** The document with the trained values written where {@link savedAt} says. */
const withValues = (
  document: GraphDocument,
  map: CompositeMap,
  values: ReadonlyMap<NodeId, number>,
): GraphDocument => {
  const updates = new Map<string, Record<string, number>>();
  for (const [id, value] of values) {
    const at = savedAt(map, id);
    if (at === null) continue;
    const update = updates.get(at.node) ?? {};
    update[at.param] = value;
    updates.set(at.node, update);
  }
  return {
    ...document,
    graph: {
      ...document.graph,
      nodes: document.graph.nodes.map((node) => {
        const update = updates.get(node.id);
        return update === undefined ? node : { ...node, params: { ...node.params, ...update } };
      }),
    },
  };
};

/** Why a write-back did not happen, as the clause after `could not write:`. */
const describeUnsaved = (result: Exclude<SaveFileResult, { kind: 'saved' }>): string => {
  switch (result.kind) {
    case 'read-only':
      return result.where === 'file'
        ? 'the file is read-only, so it was not overwritten (choose another file with --out)'
        : 'its folder is read-only (choose another file with --out)';
    case 'changed-on-disk':
      return 'the file changed on disk while training, so it was not overwritten';
    case 'failed':
      return result.detail;
  }
};

/**
 * Writes a command's output file with the app's safe save (`@chainrule/files`); on failure prints `chainrule: FILE: could not
 * write: …` and returns `false` (the command then exits with 2).
 * @public
 */
export const writeOrReport = async (
  context: CommandContext,
  path: string,
  content: string | Uint8Array,
): Promise<boolean> => {
  // The app's own save: through symlinks to their target, keeping the mode (a 0600 file stays
  // 0600), fsynced before the rename, and never over a read-only file.
  const saved = await saveFile(path, content);
  if (saved.kind === 'saved') return true;
  reportProblem(context, path, `could not write: ${describeUnsaved(saved)}`);
  return false;
};

const lossLine = (output: string, step: number, loss: number, width: number): string =>
  `step ${String(step).padStart(width)}  ${safeText(output)} = ${formatNumber(loss)}\n`;

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  const settings = readSettings(args);
  const file = args.positionals[0]!;
  const out = optionValue(args, 'out') ?? file;
  const progress = createProgress(file, context);
  const loaded = await loadGraphFile(file, context, progress);
  if (!loaded.ok) return ExitCode.invalid;
  const document: GraphDocument = loaded.document;
  const { graph, fixed } = trainableGraph(loaded.flat, loaded.map, context.registry);
  const runtime = createRuntime({ registry: context.registry, graph });
  try {
    const trainer = createTrainer(runtime, {
      registry: context.registry,
      optimizer: { kind: settings.optimizer, learningRate: settings.learningRate },
    });
    const output = runtime.output();
    const status = trainer.status();
    if (status.kind !== 'ready' || output === null) {
      reportProblem(context, file, status.kind === 'ready' ? 'no output' : status.message);
      return output === null || trainer.parameters.length === 0
        ? ExitCode.invalid
        : ExitCode.failed;
    }
    if (fixed.length > 0) {
      context.stdout.write(
        `${safeText(file)}: ${listItems(fixed.map(quoteText))} stay fixed: they are parameters of instances inside a definition, whose values the definition holds\n`,
      );
    }
    const width = String(settings.steps).length;
    context.stdout.write(
      `${safeText(file)}: training ${safeText(output)} over ${trainer.parameters.map(safeText).join(', ')} with ${describeOptimizer(settings.optimizer)}, η = ${formatNumber(settings.learningRate)}, ${settings.steps} steps\n`,
    );
    const startLoss = (runtime.node(output).value() as { value: number }).value;
    context.stdout.write(lossLine(output, 0, startLoss, width));
    let lastPrinted = 0;
    const result: RunResult = trainer.run(settings.steps, {
      onStep(step, loss) {
        if (step % settings.every === 0 || step === settings.steps) {
          context.stdout.write(lossLine(output, step, loss, width));
          lastPrinted = step;
        }
      },
    });
    if (result.steps > 0 && lastPrinted !== result.steps) {
      context.stdout.write(lossLine(output, result.steps, result.loss, width));
    }
    const values = trainer.values();
    context.stdout.write(
      renderTable(
        ['parameter', 'before', 'after'],
        trainer.parameters.map((id) => [
          safeText(id),
          formatNumber(trainer.initialValues().get(id)!),
          formatNumber(values.get(id)!),
        ]),
      ),
    );
    if (result.status.kind !== 'ready') reportProblem(context, file, result.status.message);
    const text = serializeGraphDocument(withValues(document, loaded.map, values));
    if (!(await writeOrReport(context, out, text))) return ExitCode.invalid;
    context.stdout.write(
      `wrote ${safeText(out)}${result.status.kind === 'diverged' ? ' (the last good values, from before the divergence)' : ''}\n`,
    );
    progress.done();
    return result.status.kind === 'ready' ? ExitCode.ok : ExitCode.failed;
  } finally {
    runtime.dispose();
  }
};

/** `chainrule train FILE --steps N --lr X [--optimizer sgd|momentum|adam] [--every K] [--out FILE]`. @public */
export const trainCommand: Command = {
  name: 'train',
  summary: "train the file's inputs by gradient descent on its output and save the result",
  usage:
    'chainrule train FILE --steps N --lr X [--optimizer sgd|momentum|adam] [--every K] [--out FILE]',
  description: [
    "Minimises FILE's output J by gradient descent over its trainable inputs (every `input`",
    'node whose params do not say "fixed": 1, and every parameter of a composite instance, such',
    'as h1/w1), with the same trainer the app uses, and writes the trained values back into',
    'FILE (or --out FILE) the way the app saves: atomically (a',
    'temporary file in the same folder, fsynced, then renamed over), through symbolic links to',
    'their target, keeping the file mode. A read-only file is not overwritten. Parameters of',
    'instances nested inside a definition stay fixed: the definition holds their values.',
    '',
    'Optimizers (PyTorch definitions): sgd θ ← θ − η·g; momentum b ← μ·b + g, θ ← θ − η·b',
    '(μ = 0.9); adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8). The loss is printed every K steps',
    '(default: a tenth of the run).',
    '',
    'If J becomes non-finite, an error, or explodes (|J| > 10⁶·max(1, |J₀|)), training stops,',
    'the last good values are kept and written, and the exit status is 1.',
    '',
    'Exit status: 0 trained, 1 diverged or J cannot be computed, 2 the file is invalid, has no',
    'output or nothing to train, or the command was misused.',
  ].join('\n'),
  options: [
    { name: 'steps', kind: 'value', valueName: 'N', description: 'how many steps to take' },
    { name: 'lr', kind: 'value', valueName: 'X', description: 'the learning rate η' },
    {
      name: 'optimizer',
      kind: 'value',
      valueName: 'sgd|momentum|adam',
      description: 'the update rule (default sgd)',
    },
    { name: 'every', kind: 'value', valueName: 'K', description: 'print the loss every K steps' },
    { name: 'out', kind: 'value', valueName: 'FILE', description: 'write here instead of FILE' },
  ],
  positionals: { name: 'FILE', min: 1, max: 1 },
  run,
};
