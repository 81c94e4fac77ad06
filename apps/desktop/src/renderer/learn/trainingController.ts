import type {
  GraphSpec,
  NodeId,
  OpRegistry,
  Runtime,
  RuntimeOptions,
} from '@chainrule/graph-runtime';
import { createTrainer } from '@chainrule/learn';
import type { OptimizerKind, Trainer } from '@chainrule/learn';
import type { DocumentStore } from '../document/DocumentStore';
import { createTrainingRuntime, withTrainedValues } from '../data/trainingData';
import type { FrameScheduler } from '../session/liveValue';

/** What the training panel lets a person choose. */
export interface TrainingSettings {
  readonly optimizer: OptimizerKind;
  readonly learningRate: number;
  /** How many steps one Run takes. */
  readonly steps: number;
  /** Steps per second while a Run plays at a watchable pace ("Run to end" ignores it). */
  readonly speed: number;
}

/** The paces offered for a watched run, in steps per second. */
export const TRAINING_SPEEDS: readonly number[] = [1, 5, 10, 30, 60, 120];

/**
 * Where training is: `idle` (nothing trained since the values were last set by hand),
 * `running`, `paused` (a run was paused or finished), `diverged` / `blocked` with a message.
 */
export type TrainingPhase = 'idle' | 'running' | 'paused' | 'diverged' | 'blocked';

/** The loss and parameter histories, entry k after k steps, ready for a chart. */
export interface TrainingTraces {
  readonly loss: readonly number[];
  readonly parameters: readonly { readonly id: NodeId; readonly values: readonly number[] }[];
}

/** Everything the training panel renders, as one immutable snapshot. */
export interface TrainingState {
  readonly phase: TrainingPhase;
  readonly message: string | null;
  readonly settings: TrainingSettings;
  /** Steps taken since training (re)started. */
  readonly steps: number;
  /** Steps left in the current run (one paused mid-way resumes them); 0 without a run. */
  readonly remaining: number;
  /** While running: at the watchable pace, or as fast as the frames allow ("Run to end"). */
  readonly pace: 'watch' | 'fast';
  readonly traces: TrainingTraces;
  /** True when Reset has values from before training to restore. */
  readonly canReset: boolean;
}

/** The training panel's controller: trains the open document and writes values to the store. */
export interface TrainingController {
  getState(): TrainingState;
  subscribe(listener: () => void): () => void;
  setSettings(change: Partial<TrainingSettings>): void;
  /** Takes one step (one undo step of its own). */
  step(): void;
  /**
   * Takes `settings.steps` steps at `settings.speed` steps a second, so a person can watch the
   * loss fall and the numbers move (a paused run resumes where it was); the whole run is one
   * undo step.
   */
  run(): void;
  /** Finishes the current run (or takes a new one) as fast as the frames allow. */
  runToEnd(): void;
  /** Pauses a run; {@link run} resumes it. */
  pause(): void;
  /** Ends the run: its remaining steps are dropped; the values trained so far stay. */
  stop(): void;
  /** Restores the values from before training (one undo step) and clears the traces. */
  reset(): void;
  /**
   * The trained values (by flat id) that the live runtime has and the document does not have
   * yet (a run commits them every {@link COMMIT_MS}); null when the document is up to date.
   * Views that read the document's graph show these over it.
   */
  liveValues(): ReadonlyMap<NodeId, number> | null;
  dispose(): void;
}

/** How often a watched run commits its values to the document while it plays, at most. */
export const COMMIT_MS = 500;

/** Dependencies of {@link createTrainingController}. */
export interface TrainingControllerOptions {
  readonly store: DocumentStore;
  readonly registry: OpRegistry;
  readonly createRuntime: (options: RuntimeOptions) => Runtime;
  /**
   * The flat graph of the store's document and the registry that evaluates it (composites
   * expanded, dataset nodes as data columns; issue 14): the session's. Default: the document's
   * own graph with `registry`.
   */
  readonly flat?: () => { readonly graph: GraphSpec; readonly registry: OpRegistry };
  readonly frames: FrameScheduler;
  /** Milliseconds of stepping per frame while running. Default 8 (leaves the frame for drawing). */
  readonly frameBudgetMs?: number;
  readonly now?: () => number;
  readonly settings?: Partial<TrainingSettings>;
  /**
   * The runtime that shows the document (the session's, whose numbers the canvas writes outside
   * React). With it, a run sets each frame's trained values on it directly and commits them to
   * the document at most every {@link COMMIT_MS} and when the run pauses, stops or ends, so a
   * frame does not re-render everything that reads the document. Without it, every frame is
   * written to the document.
   */
  readonly liveRuntime?: () => Runtime;
}

const DEFAULT_SETTINGS: TrainingSettings = {
  optimizer: 'sgd',
  learningRate: 0.02,
  steps: 500,
  speed: 30,
};
const emptyTraces: TrainingTraces = { loss: [], parameters: [] };

const withValues = withTrainedValues;

let runs = 0;

/**
 * Creates the controller behind the training panel. The trainer (from `@chainrule/learn`) runs on
 * a private runtime of the document's graph, so the engine is the only maths; after each frame's
 * steps the new values are written to the document store in one edit. Every edit of a run shares
 * one coalescing key, so one Undo restores the values from before the run, and the canvas's
 * runtime follows the store like after any other edit.
 *
 * If the graph changes under it (an edit, an undo), training starts afresh from the new values.
 */
export const createTrainingController = (
  options: TrainingControllerOptions,
): TrainingController => {
  const { store, registry, frames } = options;
  const now = options.now ?? (() => performance.now());
  const budget = options.frameBudgetMs ?? 8;
  const listeners = new Set<() => void>();

  let settings: TrainingSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  let trainer: Trainer | null = null;
  let runtime: Runtime | null = null;
  /** The parameter values before the first step since training (re)started. */
  let before: ReadonlyMap<NodeId, number> | null = null;
  /** The graph as this controller last wrote it; any other graph is someone else's edit. */
  let written: GraphSpec | null = null;
  let phase: TrainingPhase = 'idle';
  let message: string | null = null;
  let target = 0;
  let pace: 'watch' | 'fast' = 'watch';
  /** Where the watched pace is measured from: the clock and the step count at that moment. */
  let paceOrigin = { time: 0, steps: 0 };
  let runKey: string | null = null;
  let frameQueued = false;
  let writing = false;
  let state: TrainingState;
  /** Trained values set on the live runtime and not yet written to the document. */
  let pending: ReadonlyMap<NodeId, number> | null = null;
  /** When the current run last wrote the document. */
  let committedAt = 0;

  const traces = (): TrainingTraces => {
    if (!trainer) return emptyTraces;
    const trace = trainer.trace();
    return {
      loss: trace.loss,
      parameters: trainer.parameters.map((id) => ({ id, values: trace.parameters.get(id) ?? [] })),
    };
  };

  const publish = (): void => {
    state = {
      phase,
      message,
      settings,
      steps: trainer?.steps() ?? 0,
      remaining: trainer ? Math.max(0, target - trainer.steps()) : 0,
      pace,
      traces: traces(),
      canReset: before !== null,
    };
    for (const listener of [...listeners]) listener();
  };

  const dropTrainer = (): void => {
    runtime?.dispose();
    runtime = null;
    trainer = null;
  };

  const ensureTrainer = (): Trainer => {
    if (trainer) return trainer;
    const { doc } = store.getState();
    const graph = doc.graph;
    const flat = options.flat?.() ?? { graph, registry };
    // Fed with the training split when the document has data: full-batch training.
    runtime = createTrainingRuntime(doc, flat.graph, flat.registry, options.createRuntime);
    trainer = createTrainer(runtime, {
      registry: flat.registry,
      optimizer: { kind: settings.optimizer, learningRate: settings.learningRate },
    });
    written = graph;
    before ??= trainer.initialValues();
    return trainer;
  };

  /**
   * The trainer for a Step or a Run, or `null` when training cannot start now (already running,
   * diverged, or the graph cannot be trained: then the panel shows why).
   */
  const startable = (): Trainer | null => {
    if (phase === 'running' || phase === 'diverged') return null;
    try {
      const active = ensureTrainer();
      message = null;
      return active;
    } catch (error) {
      phase = 'blocked';
      message = error instanceof Error ? error.message : String(error);
      publish();
      return null;
    }
  };

  const writeValues = (label: string, values: ReadonlyMap<NodeId, number>, key: string): void => {
    pending = null;
    committedAt = now();
    writing = true;
    try {
      store.edit(label, (doc) => withValues(doc, values), { coalesce: key });
    } finally {
      writing = false;
    }
    written = store.getState().doc.graph;
  };

  /** Sets `values` (by flat id) on the live runtime's nodes, in one transaction. */
  const setLive = (runtime: Runtime, values: ReadonlyMap<NodeId, number>, graph: GraphSpec) => {
    const params = new Map(graph.nodes.map((node) => [node.id as string, node.params ?? {}]));
    runtime.batch(() => {
      for (const [id, value] of values) {
        const own = params.get(id);
        if (own && runtime.hasNode(id)) runtime.setParams(id, { ...own, value });
      }
    });
  };

  /** A frame's values: on the live runtime now, in the document every {@link COMMIT_MS}. */
  const showValues = (values: ReadonlyMap<NodeId, number>, key: string): void => {
    const live = options.liveRuntime?.();
    if (!live || now() - committedAt >= COMMIT_MS) {
      writeValues('Train', values, key);
      return;
    }
    setLive(live, values, flatGraph());
    pending = values;
  };

  /** Writes values the live runtime shows and the document does not have yet. */
  const commitPending = (): void => {
    if (pending && runKey !== null) writeValues('Train', pending, runKey);
  };

  /**
   * Someone else changed the document while values were only on the live runtime: the runtime
   * followed their edit but still has those values. Puts the document's back, so every number
   * shown is the document's again.
   */
  const dropPending = (): void => {
    const live = options.liveRuntime?.();
    if (pending && live) {
      const graph = flatGraph();
      const values = new Map<NodeId, number>();
      for (const node of graph.nodes) {
        const value = node.params?.['value'];
        if (pending.has(node.id) && typeof value === 'number') values.set(node.id, value);
      }
      setLive(live, values, graph);
    }
    pending = null;
  };

  const flatGraph = (): GraphSpec => options.flat?.().graph ?? store.getState().doc.graph;

  /** Runs one step; returns false (and sets the phase) when training stopped. */
  const takeStep = (active: Trainer): boolean => {
    const result = active.step();
    if (result.kind === 'stepped') return true;
    phase = result.status.kind;
    message = result.status.message;
    return false;
  };

  const stopRun = (): void => {
    commitPending();
    if (runKey !== null) store.seal();
    runKey = null;
  };

  const frame = (): void => {
    frameQueued = false;
    if (phase !== 'running' || !trainer) return;
    const active = trainer;
    const start = now();
    // Watched: only the steps due by now at `speed` a second; fast: as many as the budget allows.
    const due =
      pace === 'fast'
        ? target
        : Math.min(
            target,
            paceOrigin.steps + Math.floor(((start - paceOrigin.time) / 1000) * settings.speed),
          );
    const stepsBefore = active.steps();
    let going = true;
    while (
      going &&
      active.steps() < due &&
      (active.steps() === stepsBefore || now() - start < budget)
    )
      going = takeStep(active);
    if (going && active.steps() >= target) phase = 'paused';
    // The run's last frame is written at once (below, when it stops); others may wait.
    if (active.steps() !== stepsBefore || !going) {
      if (phase === 'running') showValues(active.values(), runKey!);
      else writeValues('Train', active.values(), runKey!);
    }
    if (phase === 'running') schedule();
    else stopRun();
    // A watched frame with no step due changed nothing: the panel need not render.
    if (active.steps() !== stepsBefore || phase !== 'running') publish();
  };

  /** Starts (or resumes) a run at `nextPace`. */
  const start = (nextPace: 'watch' | 'fast'): void => {
    const active = startable();
    if (!active) return;
    if (target <= active.steps()) target = active.steps() + settings.steps;
    pace = nextPace;
    paceOrigin = { time: now(), steps: active.steps() };
    runKey = `train:${++runs}`;
    // The first frame of a run is written to the document (so Undo has a step to take back).
    committedAt = -Infinity;
    phase = 'running';
    schedule();
    publish();
  };

  const schedule = (): void => {
    if (frameQueued) return;
    frameQueued = true;
    frames.schedule(frame);
  };

  const unsubscribe = store.subscribe(() => {
    const graph = store.getState().doc.graph;
    if (writing || written === null || graph === written) return;
    // Someone else changed the graph (an edit, an undo, a new document): the private runtime is
    // stale. Start afresh from the document's values next time.
    written = null;
    const wasTraining = trainer !== null || before !== null;
    dropPending();
    dropTrainer();
    before = null;
    stopRun();
    target = 0;
    if (wasTraining) {
      phase = 'idle';
      message = null;
      publish();
    }
  });

  const controller: TrainingController = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setSettings(change) {
      settings = { ...settings, ...change };
      // A new pace counts from now, so the run neither jumps ahead nor stalls.
      if ('speed' in change && trainer) paceOrigin = { time: now(), steps: trainer.steps() };
      // A new optimizer or rate is a new trainer (fresh momentum/Adam state) from the current
      // values; "before training" stays where it was.
      if (('optimizer' in change || 'learningRate' in change) && trainer) {
        controller.pause();
        dropTrainer();
        target = 0;
        if (phase !== 'blocked') phase = before ? 'paused' : 'idle';
      }
      publish();
    },
    step() {
      const active = startable();
      if (!active) return;
      phase = 'paused';
      const key = `train:${++runs}`;
      const stepped = takeStep(active);
      if (stepped || active.status().kind === 'diverged')
        writeValues('Training step', active.values(), key);
      store.seal();
      publish();
    },
    run: () => start('watch'),
    runToEnd() {
      if (phase === 'running') {
        pace = 'fast';
        publish();
        return;
      }
      start('fast');
    },
    pause() {
      if (phase !== 'running') return;
      phase = 'paused';
      stopRun();
      publish();
    },
    stop() {
      if (phase !== 'running' && (!trainer || target <= trainer.steps())) return;
      if (phase === 'running') phase = 'paused';
      target = trainer?.steps() ?? 0;
      stopRun();
      publish();
    },
    reset() {
      if (!before) return;
      const values = before;
      stopRun();
      dropTrainer();
      before = null;
      target = 0;
      phase = 'idle';
      message = null;
      writeValues('Reset training', values, `train-reset:${++runs}`);
      store.seal();
      publish();
    },
    liveValues: () => pending,
    dispose() {
      unsubscribe();
      dropTrainer();
      listeners.clear();
    },
  };
  publish();
  return controller;
};
