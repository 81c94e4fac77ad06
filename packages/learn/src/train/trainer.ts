import type { GraphSpec, NodeId, OpRegistry, Runtime } from '@chainrule/graph-runtime';
import { formatNumber } from '../format/formatNumber';
import { createOptimizer } from './optimizers';
import type { Optimizer, OptimizerOptions } from './optimizers';

/** `fixed: 1` is how a file says it (params are numbers); `true` is accepted in memory. */
const isFixed = (flag: unknown): boolean =>
  flag === true || (typeof flag === 'number' && flag !== 0);

/**
 * The `input` nodes gradient descent may change: nodes whose op is `trainable` (only `input` in
 * the standard library) and whose params do not say `fixed: 1` (or `true`). A fixed input (a data point
 * such as x in a neuron) keeps its value and still shows its gradient.
 * @example trainableParameters(graph, standardRegistry); // ['w', 'b']
 * @public
 */
export const trainableParameters = (graph: GraphSpec, registry: OpRegistry): NodeId[] =>
  graph.nodes
    .filter((node) => registry.get(node.op)?.trainable === true && !isFixed(node.params?.['fixed']))
    .map((node) => node.id);

/** Options for {@link createTrainer}. @public */
export interface TrainerOptions {
  /** Used to find the trainable nodes (`op.trainable`). */
  readonly registry: OpRegistry;
  readonly optimizer: OptimizerOptions;
  /** Which nodes to train; default {@link trainableParameters} of the runtime's graph. */
  readonly parameters?: readonly NodeId[];
  /**
   * Training stops as diverged when |J| grows past this factor times max(1, |J at the start|).
   * Default 1e6.
   */
  readonly explosionFactor?: number;
}

/**
 * Where a trainer is:
 * - `ready`: it can take another step;
 * - `diverged`: a step made J non-finite, an error, or explode; that step was undone;
 * - `blocked`: training cannot start or go on (no output J, J or a gradient not computable,
 *   nothing to train); nothing was changed.
 * @public
 */
export type TrainerStatus =
  | { readonly kind: 'ready' }
  | { readonly kind: 'diverged'; readonly step: number; readonly message: string }
  | { readonly kind: 'blocked'; readonly message: string };

/**
 * The loss and parameter histories: entry k is the state after k steps (entry 0 is the start),
 * so `loss.length === steps + 1`.
 * @public
 */
export interface TrainingTrace {
  readonly loss: readonly number[];
  readonly parameters: ReadonlyMap<NodeId, readonly number[]>;
}

/** What one {@link Trainer.step} did. @public */
export type TrainingStepResult =
  | { readonly kind: 'stepped'; readonly step: number; readonly loss: number }
  | { readonly kind: 'stopped'; readonly status: Exclude<TrainerStatus, { kind: 'ready' }> };

/** Hooks for {@link Trainer.run}. @public */
export interface RunOptions {
  /** Called after every successful step with its number and the new loss. */
  readonly onStep?: (step: number, loss: number) => void;
}

/** What {@link Trainer.run} did. @public */
export interface RunResult {
  /** Successful steps taken by this run. */
  readonly steps: number;
  readonly status: TrainerStatus;
  /** J after the run (the last good value). */
  readonly loss: number;
}

/**
 * Gradient descent on a live runtime: each step reads J and dJ/dθ from the engine, asks the
 * optimizer for new values and writes them in one `runtime.batch`, so the canvas redraws once.
 * @public
 */
export interface Trainer {
  /** The nodes being trained, in graph order. */
  readonly parameters: readonly NodeId[];
  readonly optimizer: Optimizer;
  status(): TrainerStatus;
  /** Successful steps since creation or the last reset. */
  steps(): number;
  /** Takes one step, or reports why it cannot (and changes nothing). */
  step(): TrainingStepResult;
  /** Takes up to `steps` steps, stopping early on divergence or a blocked state. */
  run(steps: number, options?: RunOptions): RunResult;
  trace(): TrainingTrace;
  /** The parameter values when the trainer was created (or last reset): "before training". */
  initialValues(): ReadonlyMap<NodeId, number>;
  /** The current parameter values. */
  values(): ReadonlyMap<NodeId, number>;
  /** Restores {@link Trainer.initialValues}, clears the trace and the optimizer state. */
  reset(): void;
}

const finite = (value: number): boolean => Number.isFinite(value);

/**
 * Creates a trainer over `runtime`'s output J and its trainable inputs (see
 * {@link trainableParameters}; `params.fixed: true` opts an input out).
 *
 * Divergence: when a step leaves J non-finite, in error, or larger in magnitude than
 * `explosionFactor`·max(1, |J₀|), or produces non-finite values, the trainer writes back the
 * values from before that step (the last good ones), sets status `diverged` with a message,
 * and refuses further steps until {@link Trainer.reset}.
 * @example
 * const trainer = createTrainer(runtime, { registry: standardRegistry, optimizer: { kind: 'sgd', learningRate: 0.02 } });
 * const result = trainer.run(500);
 * console.log(result.loss, trainer.values());
 * @public
 */
export const createTrainer = (runtime: Runtime, options: TrainerOptions): Trainer => {
  const parameters = [
    ...(options.parameters ?? trainableParameters(runtime.spec(), options.registry)),
  ];
  const optimizer = createOptimizer(options.optimizer, parameters.length);
  const explosionFactor = options.explosionFactor ?? 1e6;

  const readValue = (id: NodeId): number => {
    const state = runtime.node(id).value();
    return state.kind === 'ok' ? state.value : Number.NaN;
  };
  const currentValues = (): number[] => parameters.map(readValue);

  const initial = new Map(parameters.map((id) => [id, readValue(id)] as const));
  let status: TrainerStatus = { kind: 'ready' };
  let lossTrace: number[] = [];
  let parameterTraces = new Map<NodeId, number[]>();
  let limit = Number.POSITIVE_INFINITY;
  let stepCount = 0;

  const describeLoss = (): { ok: true; value: number } | { ok: false; message: string } => {
    const output = runtime.output();
    if (output === null)
      return { ok: false, message: 'Choose an output J to train: nothing is being minimised.' };
    const state = runtime.node(output).value();
    if (state.kind !== 'ok')
      return { ok: false, message: `J (${output}) cannot be computed: ${state.message}` };
    if (!finite(state.value)) return { ok: false, message: `J (${output}) is ${state.value}.` };
    return { ok: true, value: state.value };
  };

  /** Whether a step could start now; no side effects. */
  const check = (): TrainerStatus => {
    if (parameters.length === 0) {
      return {
        kind: 'blocked',
        message:
          'Nothing to train: the graph has no trainable inputs (inputs marked fixed are skipped).',
      };
    }
    const loss = describeLoss();
    return loss.ok ? { kind: 'ready' } : { kind: 'blocked', message: loss.message };
  };

  /** Records the starting point of the trace before the first step. */
  const begin = (): TrainerStatus => {
    const ready = check();
    if (ready.kind === 'ready' && lossTrace.length === 0) {
      const loss = describeLoss() as { ok: true; value: number };
      lossTrace = [loss.value];
      parameterTraces = new Map(parameters.map((id) => [id, [readValue(id)]]));
      limit = explosionFactor * Math.max(1, Math.abs(loss.value));
    }
    return ready;
  };

  const write = (values: readonly number[]): void => {
    runtime.batch(() => {
      parameters.forEach((id, i) => runtime.setValue(id, values[i]!));
    });
  };

  const step = (): TrainingStepResult => {
    if (status.kind !== 'ready') return { kind: 'stopped', status };
    const ready = begin();
    if (ready.kind !== 'ready') return { kind: 'stopped', status: ready };
    const before = lossTrace[lossTrace.length - 1]!;
    const gradients: number[] = [];
    for (const id of parameters) {
      const grad = runtime.node(id).grad();
      if (grad.kind !== 'ok' || !finite(grad.value)) {
        const why =
          grad.kind === 'unavailable'
            ? grad.message
            : grad.kind === 'ok'
              ? `it is ${grad.value}`
              : 'no output is chosen';
        return {
          kind: 'stopped',
          status: { kind: 'blocked', message: `The gradient dJ/d${id} is not available: ${why}` },
        };
      }
      gradients.push(grad.value);
    }
    const lastGood = currentValues();
    const next = optimizer.step(lastGood, gradients);
    const number = stepCount + 1;
    const diverge = (why: string): TrainingStepResult => {
      write(lastGood);
      status = {
        kind: 'diverged',
        step: number,
        message: `Training diverged at step ${number}: ${why} Kept the values from step ${number - 1} (J = ${formatNumber(before, 6)}). Try a smaller learning rate.`,
      };
      return { kind: 'stopped', status };
    };
    const badIndex = next.findIndex((value) => !finite(value));
    if (badIndex >= 0) return diverge(`${parameters[badIndex]} would become ${next[badIndex]}.`);
    write(next);
    const after = describeLoss();
    if (!after.ok) return diverge(after.message);
    if (Math.abs(after.value) > limit) {
      return diverge(
        `J exploded to ${formatNumber(after.value, 6)} (it started at ${formatNumber(lossTrace[0]!, 6)}).`,
      );
    }
    stepCount = number;
    lossTrace.push(after.value);
    parameters.forEach((id, i) => parameterTraces.get(id)!.push(next[i]!));
    return { kind: 'stepped', step: number, loss: after.value };
  };

  const currentStatus = (): TrainerStatus => (status.kind === 'ready' ? check() : status);

  return {
    parameters,
    optimizer,
    status: currentStatus,
    steps: () => stepCount,
    step,
    run(steps, runOptions = {}) {
      let taken = 0;
      let stopped: TrainerStatus | null = null;
      for (let i = 0; i < steps; i++) {
        const result = step();
        if (result.kind === 'stopped') {
          stopped = result.status;
          break;
        }
        taken++;
        runOptions.onStep?.(result.step, result.loss);
      }
      const loss = describeLoss();
      return {
        steps: taken,
        status: stopped ?? currentStatus(),
        loss: loss.ok ? loss.value : Number.NaN,
      };
    },
    trace: () => ({ loss: lossTrace, parameters: parameterTraces }),
    initialValues: () => initial,
    values: () => new Map(parameters.map((id) => [id, readValue(id)] as const)),
    reset() {
      write(parameters.map((id) => initial.get(id)!));
      optimizer.reset();
      status = { kind: 'ready' };
      lossTrace = [];
      parameterTraces = new Map();
      stepCount = 0;
    },
  };
};
