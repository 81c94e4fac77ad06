import type {
  DatasetSpec,
  GraphSpec,
  NodeId,
  OpRegistry,
  Runtime,
  RuntimeOptions,
  TrainingSpec,
} from '@chainrule/graph-runtime';
import type { FrameScheduler } from '../session/liveValue';
import type { BoundaryPicture, SampleRef } from './boundaryPicture';
import type { DataViewSetup } from './dataViewSetup';
import { dataViewSetup } from './dataViewSetup';
import { createLaneEvaluator } from './laneEvaluator';
import { accuracy } from './metrics';

/** One point of the training curves, taken once per drawn frame while training moves. */
export interface CurvePoint {
  readonly step: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
}

/** What the data panel shows. */
export interface DataViewState {
  /** Null when the document has no data nodes (the panel hides). */
  readonly setup: DataViewSetup | null;
  readonly picture: BoundaryPicture | null;
  /** Why nothing can be drawn, when that is the case. */
  readonly message: string | null;
  readonly curves: readonly CurvePoint[];
  /** Nodes that vary with the data (model outputs the view could draw), for the picker. */
  readonly candidates: readonly NodeId[];
}

/** What the views read each frame: the flat graph and the document's data fields. */
export interface DataViewInput {
  readonly graph: GraphSpec;
  readonly datasets: readonly DatasetSpec[] | undefined;
  readonly training: TrainingSpec | undefined;
  /** The canvas's runtime: fed with the training split, it gives the training loss. */
  readonly runtime: Runtime;
  /** Steps taken by the current training run (0 when none): the curves' x axis. */
  readonly steps: number;
  readonly selected: SampleRef | null;
}

/**
 * The decision-boundary view's and training curves' model. `update` marks it dirty; at most
 * once per animation frame it evaluates the model's prediction over the grid with its own
 * lane runtime (B = 64² for a classification, 160 for a regression curve), the test split with
 * another one (test loss and accuracy), reads the training loss and accuracy from the canvas's
 * runtime, and publishes one immutable state.
 */
export interface DataViews {
  update(read: () => DataViewInput): void;
  /** The model output to draw (null: the training spec's). */
  choosePrediction(id: NodeId | null): void;
  getState(): DataViewState;
  subscribe(listener: () => void): () => void;
  /** How many pictures with model values were published (the UI bench reads it). */
  refreshes(): number;
  /** Milliseconds of main thread the pictures and curves took so far. */
  busyMs(): number;
  dispose(): void;
}

const EMPTY: DataViewState = {
  setup: null,
  picture: null,
  message: null,
  curves: [],
  candidates: [],
};

/** Creates the {@link DataViews} of one editor window. */
export const createDataViews = (options: {
  readonly registry: OpRegistry;
  readonly createRuntime: (options: RuntimeOptions) => Runtime;
  readonly frames: FrameScheduler;
}): DataViews => {
  const { registry, frames } = options;
  const plane = createLaneEvaluator(options);
  const held = createLaneEvaluator(options);
  const listeners = new Set<() => void>();
  let state = EMPTY;
  let read: (() => DataViewInput) | null = null;
  let queued = false;
  let chosen: NodeId | null = null;
  let refreshes = 0;
  /** Milliseconds spent computing pictures and curves (the UI bench reports it per refresh). */
  let busy = 0;
  let memo: {
    graph: GraphSpec;
    datasets: DataViewInput['datasets'];
    training: DataViewInput['training'];
    chosen: NodeId | null;
    result: ReturnType<typeof dataViewSetup>;
    candidates: readonly NodeId[];
  } | null = null;

  const publish = (next: DataViewState): void => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const setupOf = (input: DataViewInput) => {
    const same =
      memo &&
      memo.datasets === input.datasets &&
      memo.training === input.training &&
      memo.chosen === chosen &&
      (memo.graph === input.graph || sameStructure(memo.graph, input.graph));
    if (!same) {
      const result = dataViewSetup(
        input.graph,
        input.datasets,
        input.training,
        chosen,
        (feed, id) => {
          if (held.sync(input.graph, feed) !== null) return null;
          const lanes = held.lanes(id);
          return lanes.ok ? lanes.values : null;
        },
      );
      const candidates =
        result?.ok === true
          ? input.graph.nodes
              .filter((node) => registry.get(node.op)?.kind !== 'source')
              .map((node) => node.id)
          : [];
      memo = { ...input, chosen, result, candidates };
    }
    memo!.graph = input.graph;
    return memo!;
  };

  const frame = (): void => {
    const started = performance.now();
    try {
      draw();
    } finally {
      busy += performance.now() - started;
    }
  };
  const draw = (): void => {
    queued = false;
    if (!read) return;
    const input = read();
    const { result, candidates } = setupOf(input);
    if (result === null) {
      if (state !== EMPTY) publish(EMPTY);
      return;
    }
    if (!result.ok) {
      publish({ ...EMPTY, message: result.message });
      return;
    }
    const setup = result.setup;
    let message: string | null = null;
    let values: Float64Array | null = null;
    if (setup.prediction === null) {
      message = 'Choose the model’s output to draw.';
    } else {
      const refused = plane.sync(input.graph, setup.grid);
      const lanes = refused === null ? plane.lanes(setup.prediction) : null;
      if (refused !== null) message = refused;
      else if (lanes && !lanes.ok) message = lanes.message;
      else if (lanes?.ok) values = lanes.values;
    }
    const picture: BoundaryPicture = {
      task: setup.task,
      bounds: setup.bounds,
      labelRange: setup.labelRange,
      resolution: setup.resolution,
      values,
      message,
      selected: input.selected,
      points: [
        {
          split: 'train',
          x: setup.train.features[0]!,
          y: setup.task === 'classification' ? setup.train.features[1]! : setup.train.target,
          label: setup.train.target,
        },
        ...(setup.test
          ? [
              {
                split: 'test' as const,
                x: setup.test.features[0]!,
                y: setup.task === 'classification' ? setup.test.features[1]! : setup.test.target,
                label: setup.test.target,
              },
            ]
          : []),
      ],
    };
    if (values) refreshes += 1;
    publish({
      setup,
      picture,
      message,
      candidates,
      curves: recordCurves(state.curves, input, setup),
    });
  };

  /** Adds a point while training moves; a new run (fewer steps than before) starts afresh. */
  const recordCurves = (
    curves: readonly CurvePoint[],
    input: DataViewInput,
    setup: DataViewSetup,
  ): readonly CurvePoint[] => {
    if (input.steps === 0) return curves.length === 0 ? curves : [];
    const last = curves[curves.length - 1];
    if (last && last.step === input.steps) return curves;
    const kept = last && last.step > input.steps ? [] : curves;
    return [...kept, measure(input, setup)];
  };

  const measure = (input: DataViewInput, setup: DataViewSetup): CurvePoint => {
    const { runtime } = input;
    const scalarOf = (id: NodeId | null): number => {
      if (id === null || !runtime.hasNode(id)) return NaN;
      const value = runtime.node(id).value();
      return value.kind === 'ok' && !runtime.isVarying(id) ? value.value : NaN;
    };
    const prediction = setup.prediction;
    const trainPredictions =
      prediction !== null && runtime.hasNode(prediction) ? runtime.laneValues(prediction) : null;
    let testLoss = NaN;
    let testAccuracy = NaN;
    if (setup.test && held.sync(input.graph, setup.test.feed) === null) {
      const loss = setup.loss === null ? null : held.scalar(setup.loss);
      if (loss?.ok) testLoss = loss.value;
      const lanes = prediction === null ? null : held.lanes(prediction);
      if (lanes?.ok) testAccuracy = accuracy(lanes.values, setup.test.target, setup.labelRange);
    }
    const classification = setup.task === 'classification';
    return {
      step: input.steps,
      trainLoss: scalarOf(setup.loss),
      testLoss,
      trainAccuracy:
        classification && trainPredictions
          ? accuracy(trainPredictions, setup.train.target, setup.labelRange)
          : NaN,
      testAccuracy: classification ? testAccuracy : NaN,
    };
  };

  return {
    update(next) {
      read = next;
      if (queued) return;
      queued = true;
      frames.schedule(frame);
    },
    choosePrediction(id) {
      chosen = id;
      memo = null;
      if (read && !queued) {
        queued = true;
        frames.schedule(frame);
      }
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refreshes: () => refreshes,
    busyMs: () => busy,
    dispose() {
      read = null;
      plane.dispose();
      held.dispose();
      listeners.clear();
    },
  };
};

/** Whether two flat graphs have the same nodes (ids and ops), edges and output. */
const sameStructure = (a: GraphSpec, b: GraphSpec): boolean => {
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  if ((a.output ?? null) !== (b.output ?? null)) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    if (a.nodes[i]!.id !== b.nodes[i]!.id || a.nodes[i]!.op !== b.nodes[i]!.op) return false;
  }
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]!;
    const y = b.edges[i]!;
    if (x.source !== y.source || x.target !== y.target || x.targetPort !== y.targetPort) {
      return false;
    }
  }
  return true;
};
