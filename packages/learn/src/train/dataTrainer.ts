import type { GraphSpec, NodeId, Runtime, TrainingSpec } from '@chainrule/graph-runtime';
import { dataNodes, type LoadedDataset } from '../data/load';
import { createRandom, shuffledIndices } from '../data/random';
import { createTrainer, type Trainer, type TrainerOptions, type TrainerStatus } from './trainer';

/** The values to feed, by flat data node id, for the training and the test split. @public */
export interface TrainingData {
  readonly train: Readonly<Record<NodeId, Float64Array>>;
  readonly test: Readonly<Record<NodeId, Float64Array>>;
  /** Samples in each split (every column of a split has this length). */
  readonly trainSize: number;
  readonly testSize: number;
}

/** What {@link trainingDataFor} returns. @public */
export type TrainingDataResult =
  ({ readonly ok: true } & TrainingData) | { readonly ok: false; readonly message: string };

/**
 * Matches a flat graph's data nodes (op `data`, params `{ dataset, column }`) with loaded
 * datasets: each node gets its column's train and test values. Refuses a node whose dataset or
 * column is missing, and datasets of different lengths feeding one graph (every fed column of a
 * batch must have the same length).
 * @example trainingDataFor(flat.graph, [await loadDatasetColumns(doc.datasets[0])])
 * @public
 */
export const trainingDataFor = (
  graph: GraphSpec,
  datasets: readonly LoadedDataset[],
): TrainingDataResult => {
  const train = Object.create(null) as Record<NodeId, Float64Array>;
  const test = Object.create(null) as Record<NodeId, Float64Array>;
  let trainSize = -1;
  let testSize = -1;
  for (const node of dataNodes(graph)) {
    const dataset = datasets.find((candidate) => candidate.id === node.dataset);
    if (dataset === undefined) {
      return {
        ok: false,
        message: `${node.id} reads the dataset ${JSON.stringify(node.dataset)}, which the file does not define`,
      };
    }
    const trainColumn = dataset.train[node.column];
    const testColumn = dataset.test[node.column];
    if (trainColumn === undefined || testColumn === undefined) {
      return {
        ok: false,
        message: `${node.id} reads the column ${JSON.stringify(node.column)}, which the dataset ${JSON.stringify(node.dataset)} does not have`,
      };
    }
    if (trainSize >= 0 && (trainColumn.length !== trainSize || testColumn.length !== testSize)) {
      return {
        ok: false,
        message: `the graph reads datasets of different sizes (${trainSize} and ${trainColumn.length} training samples); one batch needs one size`,
      };
    }
    trainSize = trainColumn.length;
    testSize = testColumn.length;
    train[node.id] = trainColumn;
    test[node.id] = testColumn;
  }
  if (trainSize < 0)
    return { ok: false, message: 'the graph reads no data: it has no dataset nodes' };
  return { ok: true, train, test, trainSize, testSize };
};

/**
 * How well the model does on a split. `accuracy` is for classification only (else `null`): a
 * sample counts as right when its prediction and its label lie on the same side of the midpoint
 * of the two label values: with labels 0/1, prediction ≥ 0.5 means class 1 (a sigmoid's
 * probability); when a label is negative (−1/+1 labels), prediction ≥ 0 means class +1 (the
 * sign of a tanh output).
 * @public
 */
export interface SplitMetrics {
  /** J over the split's samples. */
  readonly loss: number;
  readonly accuracy: number | null;
}

/** One step's report: the training and the test split after the step (test `null` without a test split). @public */
export interface DataStepReport {
  readonly step: number;
  /** J over the whole training split. */
  readonly loss: number;
  readonly accuracy: number | null;
  readonly testLoss: number | null;
  readonly testAccuracy: number | null;
}

/** Options for {@link createDataTrainer}: the scalar trainer's, plus the data and its batching. @public */
export interface DataTrainerOptions extends TrainerOptions {
  readonly data: TrainingData;
  /** Mini-batch size; absent or ≥ the training split: full-batch gradient descent. */
  readonly batch?: number;
  /** Seed of the mini-batch sampling (default 0). */
  readonly seed?: number;
  /** The document's training settings: task, prediction and target for accuracy. */
  readonly training?: TrainingSpec;
}

/** What {@link DataTrainer.run} did. @public */
export interface DataRunResult {
  readonly steps: number;
  readonly status: TrainerStatus;
  /** The metrics after the run (the last good parameters). */
  readonly report: DataStepReport;
}

/**
 * Gradient descent on data: each step feeds a batch to the runtime (`runtime.feed`), takes one
 * step of the scalar {@link Trainer} on it (so divergence, optimizers and traces behave exactly as
 * on a graph without data), then measures J and accuracy on the whole training and test splits.
 * The runtime is left fed with the training split, so the canvas shows it.
 * @public
 */
export interface DataTrainer {
  /** The scalar trainer underneath (parameters, values, trace of the mini-batch losses). */
  readonly trainer: Trainer;
  readonly batchSize: number;
  status(): TrainerStatus;
  /** Metrics of the current parameters (feeds the test split, then the training split). */
  evaluate(): DataStepReport;
  /** One mini-batch step and its report, or why it cannot step. */
  step(options?: {
    readonly evaluate?: boolean;
  }):
    | { readonly kind: 'stepped'; readonly report: DataStepReport | null }
    | { readonly kind: 'stopped'; readonly status: Exclude<TrainerStatus, { kind: 'ready' }> };
  /**
   * Up to `steps` steps. `evaluateEvery` k: reports (and `onStep` calls) every k steps and at the
   * last (default 1: every step); the final report is always measured.
   */
  run(
    steps: number,
    options?: {
      readonly evaluateEvery?: number;
      readonly onStep?: (report: DataStepReport) => void;
    },
  ): DataRunResult;
  /** Every report so far (step 0 is the start). */
  history(): readonly DataStepReport[];
  /** Parameters back to their start, the optimizer and the sampling restarted. */
  reset(): void;
}

const predictedAgreement = (
  predictions: ArrayLike<number>,
  labels: ArrayLike<number>,
): number | null => {
  if (labels.length === 0 || predictions.length !== labels.length) return null;
  let negative = false;
  for (let i = 0; i < labels.length; i++) if (labels[i]! < 0) negative = true;
  // The midpoint of the two label values: 0.5 for 0/1 labels, 0 for −1/+1 labels.
  const threshold = negative ? 0 : 0.5;
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predictions[i]! >= threshold === labels[i]! >= threshold) right++;
  }
  return right / labels.length;
};

/**
 * Creates a trainer over data: full-batch or mini-batch (seeded: the training split is shuffled
 * each epoch and cut into batches of `batch` samples; the last, smaller batch of an epoch is
 * dropped when it is smaller than half a batch) with any of the optimizers (SGD, momentum, Adam).
 * @example
 * const data = trainingDataFor(flat.graph, [loaded]);
 * const t = createDataTrainer(runtime, { registry, optimizer: { kind: 'adam', learningRate: 0.05 }, data, batch: 32, seed: 1, training: doc.training });
 * const { report } = t.run(500, { evaluateEvery: 50 });
 * @public
 */
export const createDataTrainer = (runtime: Runtime, options: DataTrainerOptions): DataTrainer => {
  const { data, training } = options;
  const trainer = createTrainer(runtime, options);
  const n = data.trainSize;
  const batchSize = Math.max(1, Math.min(options.batch ?? n, n));
  const fullBatch = batchSize >= n;
  const classification = training?.task === 'classification';
  let random = createRandom(options.seed ?? 0);
  let order = shuffledIndices(n, random);
  let cursor = 0;
  let fed: 'train' | 'test' | 'batch' | null = null;
  let reports: DataStepReport[] = [];

  const feed = (which: 'train' | 'test'): void => {
    if (fed === which) return;
    runtime.feed(data[which]);
    fed = which;
  };

  const nextBatch = (): void => {
    if (fullBatch) {
      feed('train');
      return;
    }
    if (cursor + batchSize > n && n - cursor < batchSize / 2) {
      order = shuffledIndices(n, random);
      cursor = 0;
    }
    const chosen = order.subarray(cursor, Math.min(n, cursor + batchSize));
    cursor += batchSize;
    const columns = Object.create(null) as Record<NodeId, Float64Array>;
    for (const id of Object.keys(data.train) as NodeId[]) {
      const source = data.train[id]!;
      const values = new Float64Array(chosen.length);
      for (let k = 0; k < chosen.length; k++) values[k] = source[chosen[k]!]!;
      columns[id] = values;
    }
    runtime.feed(columns);
    fed = 'batch';
  };

  const valueOf = (id: NodeId | null | undefined): number => {
    if (id === null || id === undefined) return Number.NaN;
    const state = runtime.node(id).value();
    return state.kind === 'ok' ? state.value : Number.NaN;
  };

  const lanesOf = (id: string | undefined, split: 'train' | 'test'): ArrayLike<number> | null => {
    if (id === undefined) return null;
    const key = id as NodeId;
    const fedColumn = data[split][key];
    if (fedColumn !== undefined) return fedColumn;
    if (!runtime.spec().nodes.some((node) => node.id === key)) return null;
    const lanes = runtime.laneValues(key);
    if (lanes !== null) return lanes;
    const size = split === 'train' ? data.trainSize : data.testSize;
    const value = valueOf(key);
    return Number.isFinite(value) && size === 1 ? [value] : null;
  };

  const measure = (split: 'train' | 'test'): SplitMetrics | null => {
    if ((split === 'train' ? data.trainSize : data.testSize) === 0) return null;
    feed(split);
    const loss = valueOf(runtime.output());
    if (!classification) return { loss, accuracy: null };
    const predictions = lanesOf(training?.prediction, split);
    const labels = lanesOf(training?.target, split);
    return {
      loss,
      accuracy:
        predictions === null || labels === null ? null : predictedAgreement(predictions, labels),
    };
  };

  const evaluate = (): DataStepReport => {
    const test = measure('test');
    const train = measure('train')!;
    return {
      step: trainer.steps(),
      loss: train.loss,
      accuracy: train.accuracy,
      testLoss: test?.loss ?? null,
      testAccuracy: test?.accuracy ?? null,
    };
  };

  const record = (report: DataStepReport): DataStepReport => {
    reports.push(report);
    return report;
  };
  // Fed from the start, so status() and the canvas see the training split, not "no data".
  feed('train');

  const step: DataTrainer['step'] = (stepOptions = {}) => {
    if (reports.length === 0) record(evaluate());
    nextBatch();
    const result = trainer.step();
    if (result.kind === 'stopped') {
      feed('train');
      return result;
    }
    if (stepOptions.evaluate === false) return { kind: 'stepped', report: null };
    return { kind: 'stepped', report: record(evaluate()) };
  };

  return {
    trainer,
    batchSize,
    status: () => trainer.status(),
    evaluate,
    step,
    run(steps, runOptions = {}) {
      const every = Math.max(1, Math.floor(runOptions.evaluateEvery ?? 1));
      let taken = 0;
      let stopped: TrainerStatus | null = null;
      for (let i = 1; i <= steps; i++) {
        const result = step({ evaluate: i % every === 0 || i === steps });
        if (result.kind === 'stopped') {
          stopped = result.status;
          break;
        }
        taken++;
        if (result.report !== null) runOptions.onStep?.(result.report);
      }
      const last = reports[reports.length - 1];
      const report =
        last !== undefined && last.step === trainer.steps() ? last : record(evaluate());
      feed('train');
      return { steps: taken, status: stopped ?? trainer.status(), report };
    },
    history: () => reports,
    reset() {
      trainer.reset();
      random = createRandom(options.seed ?? 0);
      order = shuffledIndices(n, random);
      cursor = 0;
      reports = [];
      fed = null;
      feed('train');
    },
  };
};
