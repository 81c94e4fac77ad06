import { saveFile, type SaveFileResult } from '@chainrule/files';
import {
  createRuntime,
  flattenDocument,
  formatDocumentIssue,
  listItems,
  serializeGraphDocument,
  type CompositeMap,
  type GraphDocument,
  type NodeId,
  type TrainingSpec,
} from '@chainrule/graph-runtime';
import {
  createDataTrainer,
  createTrainer,
  describeOptimizer,
  optimizerKinds,
  type DataStepReport,
  type DataTrainer,
  type OptimizerKind,
  type RunResult,
  type Trainer,
  type TrainerStatus,
} from '@chainrule/learn';
import { optionValue, parseNumberArg } from '../args';
import {
  ExitCode,
  UsageError,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from '../command';
import { loadTrainingData } from '../data';
import { loadGraphFile, reportProblem } from '../load';
import { createProgress } from '../progress';
import { formatNumber, renderTable, safeText } from '../text';

/** Settings of one `chainrule train` run, from the command line or the file's `training`. @public */
export interface TrainSettings {
  readonly steps: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerKind;
  /** Print the loss every this many steps (and at the first and last). */
  readonly every: number;
  /** Mini-batch size (files with datasets); `undefined` = the whole training split. */
  readonly batch: number | undefined;
  /** Seed of the mini-batch sampling. */
  readonly seed: number;
  /** Print one JSON object instead of the progress and the table. */
  readonly json: boolean;
}

const wholeNumber = (text: string, option: string, least: number): number => {
  const value = parseNumberArg(text, option);
  if (!Number.isInteger(value) || value < least) {
    throw new UsageError(`${option} must be a whole number ≥ ${least}, got ${text}`);
  }
  return value;
};

/** The command line first, then the file's `training` settings, then the defaults. */
const readSettings = (args: ParsedArgs, training: TrainingSpec | undefined): TrainSettings => {
  const stepsText = optionValue(args, 'steps');
  const lrText = optionValue(args, 'lr');
  const steps = stepsText === undefined ? training?.steps : wholeNumber(stepsText, '--steps', 0);
  if (steps === undefined) {
    throw new UsageError('--steps N is required (the file\'s "training" gives no "steps")');
  }
  const learningRate =
    lrText === undefined ? training?.learningRate : parseNumberArg(lrText, '--lr');
  if (learningRate === undefined) {
    throw new UsageError(
      '--lr X (the learning rate) is required (the file\'s "training" gives no "learningRate")',
    );
  }
  if (!(learningRate > 0)) throw new UsageError(`--lr must be greater than 0, got ${lrText}`);
  const optimizerText = optionValue(args, 'optimizer') ?? training?.optimizer ?? 'sgd';
  if (!(optimizerKinds as readonly string[]).includes(optimizerText)) {
    throw new UsageError(
      `--optimizer must be one of ${optimizerKinds.join(', ')}, got ${JSON.stringify(optimizerText)}`,
    );
  }
  const everyText = optionValue(args, 'every');
  const every =
    everyText === undefined
      ? Math.max(1, Math.round(steps / 10))
      : wholeNumber(everyText, '--every', 1);
  const batchText = optionValue(args, 'batch');
  const seedText = optionValue(args, 'seed');
  return {
    steps,
    learningRate,
    optimizer: optimizerText as OptimizerKind,
    every,
    batch: batchText === undefined ? training?.batch : wholeNumber(batchText, '--batch', 1),
    seed: seedText === undefined ? (training?.seed ?? 0) : wholeNumber(seedText, '--seed', 0),
    json: args.flags.has('json'),
  };
};

/**
 * The document with the trained values written where they live: a top-level input's
 * `params.value`, or a parameter of a top-level composite instance (`h1/w1` → `h1`'s `params.w1`).
 * Returns the ids it could not place (parameters of instances nested inside definitions, which
 * every instance of the outer definition shares).
 */
const withValues = (
  document: GraphDocument,
  values: ReadonlyMap<NodeId, number>,
  map: CompositeMap,
): { document: GraphDocument; unplaced: NodeId[] } => {
  const updates = new Map<NodeId, Record<string, number>>();
  const unplaced: NodeId[] = [];
  for (const [id, value] of values) {
    const where = map.locate(id);
    if (where === undefined || where.instancePath.length > 1) {
      unplaced.push(id);
      continue;
    }
    const [instance] = where.instancePath;
    const owner = instance ?? where.node;
    const update = updates.get(owner) ?? {};
    update[instance === undefined ? 'value' : where.node] = value;
    updates.set(owner, update);
  }
  const nodes = document.graph.nodes.map((node) => {
    const update = updates.get(node.id);
    return update === undefined ? node : { ...node, params: { ...node.params, ...update } };
  });
  return { document: { ...document, graph: { ...document.graph, nodes } }, unplaced };
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

const percent = (share: number | null): string =>
  share === null ? '—' : `${(100 * share).toFixed(1)}%`;

const lossLine = (output: string, step: number, loss: number, width: number): string =>
  `step ${String(step).padStart(width)}  ${safeText(output)} = ${formatNumber(loss)}\n`;

const reportLine = (output: string, report: DataStepReport, width: number): string => {
  const parts = [
    `step ${String(report.step).padStart(width)}  ${safeText(output)} = ${formatNumber(report.loss)}`,
  ];
  if (report.testLoss !== null) parts.push(`test ${formatNumber(report.testLoss)}`);
  if (report.accuracy !== null) parts.push(`accuracy ${percent(report.accuracy)}`);
  if (report.testAccuracy !== null) parts.push(`test accuracy ${percent(report.testAccuracy)}`);
  return `${parts.join('  ')}\n`;
};

/** A number for `--json`: `null` when it is not one (a missing split, or a non-finite J). */
const jsonNumber = (value: number | null): number | null =>
  value !== null && Number.isFinite(value) ? value : null;

interface Outcome {
  readonly result: { readonly steps: number; readonly status: TrainerStatus };
  readonly report: Omit<DataStepReport, 'step'>;
}

/** Trains on the data: mini-batches fed through `runtime.feed`, reports on both splits. */
const trainOnData = (
  trainer: DataTrainer,
  settings: TrainSettings,
  print: (line: string) => void,
  output: string,
): Outcome => {
  const width = String(settings.steps).length;
  print(reportLine(output, trainer.evaluate(), width));
  const result = trainer.run(settings.steps, {
    evaluateEvery: settings.every,
    onStep: (report) => print(reportLine(output, report, width)),
  });
  return { result, report: result.report };
};

/** Trains a graph of scalars, printing J every K steps as before datasets existed. */
const trainScalars = (
  trainer: Trainer,
  settings: TrainSettings,
  print: (line: string) => void,
  output: string,
  startLoss: number,
): Outcome => {
  const width = String(settings.steps).length;
  print(lossLine(output, 0, startLoss, width));
  let lastPrinted = 0;
  const result: RunResult = trainer.run(settings.steps, {
    onStep(step, loss) {
      if (step % settings.every === 0 || step === settings.steps) {
        print(lossLine(output, step, loss, width));
        lastPrinted = step;
      }
    },
  });
  if (result.steps > 0 && lastPrinted !== result.steps) {
    print(lossLine(output, result.steps, result.loss, width));
  }
  const none = { accuracy: null, testLoss: null, testAccuracy: null };
  return { result, report: { loss: result.loss, ...none } };
};

const run = async (args: ParsedArgs, context: CommandContext): Promise<number> => {
  const file = args.positionals[0]!;
  const out = optionValue(args, 'out') ?? file;
  const progress = createProgress(file, context);
  const loaded = await loadGraphFile(file, context, progress);
  if (!loaded.ok) return ExitCode.invalid;
  const document: GraphDocument = loaded.document;
  const settings = readSettings(args, document.training);
  const flat = flattenDocument(document, { registry: context.registry });
  if (!flat.ok) {
    for (const issue of flat.errors) reportProblem(context, file, formatDocumentIssue(issue));
    return ExitCode.invalid;
  }
  const data = await loadTrainingData(file, document, flat.graph, context);
  if (data === undefined) return ExitCode.invalid;
  if (data === null && optionValue(args, 'batch') !== undefined) {
    throw new UsageError('--batch needs a file with datasets: this graph reads no data');
  }
  const print = (line: string): void => {
    if (!settings.json) context.stdout.write(line);
  };
  const runtime = createRuntime({ registry: context.registry, graph: flat.graph });
  try {
    const common = {
      registry: context.registry,
      optimizer: { kind: settings.optimizer, learningRate: settings.learningRate },
    };
    const dataTrainer =
      data === null
        ? null
        : createDataTrainer(runtime, {
            ...common,
            data,
            ...(settings.batch === undefined ? {} : { batch: settings.batch }),
            seed: settings.seed,
            ...(document.training === undefined ? {} : { training: document.training }),
          });
    const trainer = dataTrainer?.trainer ?? createTrainer(runtime, common);
    const output = runtime.output();
    const status = trainer.status();
    if (status.kind !== 'ready' || output === null) {
      reportProblem(context, file, status.kind === 'ready' ? 'no output' : status.message);
      return output === null || trainer.parameters.length === 0
        ? ExitCode.invalid
        : ExitCode.failed;
    }
    const batching =
      dataTrainer === null || data === null
        ? ''
        : dataTrainer.batchSize >= data.trainSize
          ? `, full batch of ${data.trainSize} samples (${data.testSize} held out for testing)`
          : `, mini-batches of ${dataTrainer.batchSize} of ${data.trainSize} samples (seed ${settings.seed}; ${data.testSize} held out for testing)`;
    print(
      `${safeText(file)}: training ${safeText(output)} over ${listItems(trainer.parameters.map(safeText))} with ${describeOptimizer(settings.optimizer)}, η = ${formatNumber(settings.learningRate)}, ${settings.steps} steps${batching}\n`,
    );
    const outcome =
      dataTrainer === null
        ? trainScalars(
            trainer,
            settings,
            print,
            output,
            (runtime.node(output).value() as { value: number }).value,
          )
        : trainOnData(dataTrainer, settings, print, output);
    const values = trainer.values();
    print(
      renderTable(
        ['parameter', 'before', 'after'],
        trainer.parameters.map((id) => [
          safeText(id),
          formatNumber(trainer.initialValues().get(id)!),
          formatNumber(values.get(id)!),
        ]),
      ),
    );
    const { result, report } = outcome;
    if (result.status.kind !== 'ready') reportProblem(context, file, result.status.message);
    const trained = withValues(document, values, flat.map);
    if (trained.unplaced.length > 0) {
      reportProblem(
        context,
        file,
        `not saved: ${listItems(trained.unplaced.map(safeText))} (parameters of composites nested inside definitions are shared by every instance of the outer definition)`,
      );
    }
    if (!(await writeOrReport(context, out, serializeGraphDocument(trained.document)))) {
      return ExitCode.invalid;
    }
    print(
      `wrote ${safeText(out)}${result.status.kind === 'diverged' ? ' (the last good values, from before the divergence)' : ''}\n`,
    );
    if (settings.json) {
      const json = {
        steps: result.steps,
        loss: jsonNumber(report.loss),
        testLoss: jsonNumber(report.testLoss),
        accuracy: jsonNumber(report.accuracy),
        testAccuracy: jsonNumber(report.testAccuracy),
      };
      context.stdout.write(`${JSON.stringify(json)}\n`);
    }
    progress.done();
    return result.status.kind === 'ready' ? ExitCode.ok : ExitCode.failed;
  } finally {
    runtime.dispose();
  }
};

/**
 * `chainrule train FILE [--steps N] [--lr X] [--optimizer sgd|momentum|adam] [--batch K]
 * [--seed S] [--every K] [--json] [--out FILE]`.
 * @public
 */
export const trainCommand: Command = {
  name: 'train',
  summary: "train the file's inputs by gradient descent on its output and save the result",
  usage:
    'chainrule train FILE --steps N --lr X [--optimizer sgd|momentum|adam] [--batch K] [--seed S] [--every K] [--json] [--out FILE]',
  description: [
    "Minimises FILE's output J by gradient descent over its trainable inputs (every `input`",
    'node whose params do not say "fixed": 1, and every parameter of a composite instance), with',
    'the same trainer the app uses, and writes the trained values back into FILE (or --out FILE)',
    'the way the app saves: atomically (a temporary file in the same folder, fsynced, then',
    'renamed over), through symbolic links to their target, keeping the file mode. A read-only',
    'file is not overwritten.',
    '',
    'Optimizers (PyTorch definitions): sgd θ ← θ − η·g; momentum b ← μ·b + g, θ ← θ − η·b',
    '(μ = 0.9); adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8). The loss is printed every K steps',
    '(default: a tenth of the run).',
    '',
    'Files with datasets: every step feeds a batch of the training split to the graph (the whole',
    'split, or --batch K samples drawn by a shuffle seeded with --seed S, reshuffled every epoch)',
    'and takes one step on its J; every K steps J is printed over the whole training split and',
    'the test split, with the accuracy when the file\'s "training" says "task": "classification"',
    '(a sample is right when prediction and label are on the same side of 0.5 for 0/1 labels, of',
    "0 for −1/+1 labels). --steps, --lr, --optimizer, --batch and --seed default to the file's",
    '"training" settings. CSV files named by a dataset are read relative to FILE\'s folder.',
    '',
    'With --json, stdout is exactly one JSON object, after training:',
    '  {"steps": 300, "loss": 0.08, "testLoss": 0.11, "accuracy": 0.97, "testAccuracy": 0.95}',
    'steps is the number of steps taken; testLoss, accuracy and testAccuracy are null when the',
    'file has no test split or is not a classification.',
    '',
    'If J becomes non-finite, an error, or explodes (|J| > 10⁶·max(1, |J₀|)), training stops,',
    'the last good values are kept and written, and the exit status is 1.',
    '',
    'Exit status: 0 trained, 1 diverged or J cannot be computed, 2 the file is invalid, has no',
    'output or nothing to train, a dataset cannot be read, or the command was misused.',
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
    {
      name: 'batch',
      kind: 'value',
      valueName: 'K',
      description: 'mini-batches of K samples (default: the whole training split)',
    },
    {
      name: 'seed',
      kind: 'value',
      valueName: 'S',
      description: 'seed of the mini-batch sampling (default 0)',
    },
    { name: 'every', kind: 'value', valueName: 'K', description: 'print the loss every K steps' },
    { name: 'json', kind: 'flag', description: 'print one JSON object with the final metrics' },
    { name: 'out', kind: 'value', valueName: 'FILE', description: 'write here instead of FILE' },
  ],
  positionals: { name: 'FILE', min: 1, max: 1 },
  run,
};
