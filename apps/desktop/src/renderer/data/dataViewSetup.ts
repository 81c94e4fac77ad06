import type { DatasetSpec, GraphSpec, NodeId, TrainingSpec } from '@chainrule/graph-runtime';
import type { FeedColumns } from './laneEvaluator';
import type { Bounds } from './plot';
import { dataBounds, gridColumns, lineColumn } from './plot';
import type { DataNode } from './datasetColumns';
import { dataNodes } from '@chainrule/learn';
import { datasetData, feedFor } from './datasetColumns';
import { labelRangeOf } from './metrics';

/** Grid side of the classification heatmap: 64 × 64 = 4,096 lanes. */
export const GRID_SIZE = 64;
/** Points along a regression curve. */
export const CURVE_POINTS = 160;

/** One split's columns as the views read them. */
export interface SplitView {
  /** Feature columns, in the order of `features`. */
  readonly features: readonly Float64Array[];
  readonly target: Float64Array;
  /** Every data node's column, to feed a runtime with this split. */
  readonly feed: FeedColumns;
}

/**
 * Everything the decision-boundary view and the curves need that changes only with the data,
 * the training spec or the graph's structure: which nodes are the features, the target, the
 * prediction and the loss; the splits; the plane shown and the grid fed to draw it.
 */
export interface DataViewSetup {
  readonly task: 'classification' | 'regression';
  readonly features: readonly DataNode[];
  /** The label node: a data column (`data/y`) or a node computed from one (`t = 2y − 1`). */
  readonly target: { readonly id: NodeId; readonly name: string };
  /** The model's output, or null while none is chosen (then `problem` says so). */
  readonly prediction: NodeId | null;
  /** The scalar loss J (the graph's output), or null. */
  readonly loss: NodeId | null;
  readonly train: SplitView;
  readonly test: SplitView | null;
  readonly bounds: Bounds;
  readonly labelRange: readonly [number, number];
  /** What the plane evaluator is fed: the grid (or the curve's x) as the feature columns. */
  readonly grid: FeedColumns;
  readonly resolution: number;
}

/** Why there is no picture yet, in a sentence, or the setup. */
export type SetupResult =
  | { readonly ok: true; readonly setup: DataViewSetup }
  | { readonly ok: false; readonly message: string };

/**
 * The per-sample values of a node computed from the data (a target such as `t = 2y − 1`) when
 * the graph is fed `feed`, or null when it cannot be computed.
 */
export type DeriveLanes = (feed: FeedColumns, id: NodeId) => Float64Array | null;

const splitView = (
  graph: GraphSpec,
  datasets: readonly DatasetSpec[] | undefined,
  split: 'train' | 'test',
  features: readonly DataNode[],
  target: NodeId,
  derive: DeriveLanes,
): SplitView | null => {
  const feed = feedFor(graph, datasets, split);
  if (!feed?.ok || feed.size === 0) return null;
  const labels = feed.columns[target] ?? derive(feed.columns, target);
  if (!labels) return null;
  return {
    features: features.map((f) => feed.columns[f.id]!),
    target: labels,
    feed: feed.columns,
  };
};

/**
 * Works out what to draw for a flat graph with data: the target is `training.target` (a data
 * node, or a node computed from the data such as `t = 2y − 1`, whose values `derive` reads;
 * else the data node of column `y`), the features `training.inputs` (else every other data node
 * of that dataset), the prediction `prediction` (the view's choice) or `training.prediction`.
 * One feature is a regression (a curve), two a classification (a heatmap), unless
 * `training.task` says otherwise.
 */
export const dataViewSetup = (
  graph: GraphSpec,
  datasets: readonly DatasetSpec[] | undefined,
  training: TrainingSpec | undefined,
  prediction: NodeId | null,
  derive: DeriveLanes,
): SetupResult | null => {
  const nodes = dataNodes(graph);
  if (nodes.length === 0) return null;
  const labelColumn = nodes.find((n) => n.column === 'y');
  const named = training?.target;
  const targetNode = named ? graph.nodes.find((n) => n.id === named) : undefined;
  const targetId = targetNode?.id ?? labelColumn?.id;
  if (!targetId) {
    return {
      ok: false,
      message: 'No label column: name the target in the file’s training.target.',
    };
  }
  const targetData = nodes.find((n) => n.id === targetId);
  const dataset = targetData?.dataset ?? labelColumn?.dataset ?? nodes[0]!.dataset;
  const features = training?.inputs
    ? training.inputs.flatMap((id) => nodes.filter((n) => n.id === id))
    : nodes.filter((n) => n.dataset === dataset && n.id !== targetId && n.column !== 'y');
  if (features.length === 0 || features.length > 2) {
    return {
      ok: false,
      message: `The view draws one or two features; this model reads ${features.length}.`,
    };
  }
  const spec = datasets?.find((d) => d.id === dataset);
  const data = spec ? datasetData(spec) : null;
  if (data && !data.ok) return data;
  const train = splitView(graph, datasets, 'train', features, targetId, derive);
  if (!train) {
    return {
      ok: false,
      message: 'The training split has no samples, or its labels cannot be computed.',
    };
  }
  const test = splitView(graph, datasets, 'test', features, targetId, derive);
  const task = training?.task ?? (features.length === 1 ? 'regression' : 'classification');
  if (task === 'classification' && features.length !== 2) {
    return { ok: false, message: 'A decision boundary needs two features (x1, x2).' };
  }
  const both = (pick: (s: SplitView) => Float64Array) => [
    pick(train),
    ...(test ? [pick(test)] : []),
  ];
  const bounds =
    task === 'classification'
      ? dataBounds(
          both((s) => s.features[0]!),
          both((s) => s.features[1]!),
        )
      : dataBounds(
          both((s) => s.features[0]!),
          both((s) => s.target),
        );
  let grid: Record<NodeId, Float64Array>;
  let resolution: number;
  if (task === 'classification') {
    const columns = gridColumns(bounds, GRID_SIZE);
    grid = { [features[0]!.id]: columns.x1, [features[1]!.id]: columns.x2 };
    resolution = GRID_SIZE;
  } else {
    grid = { [features[0]!.id]: lineColumn(bounds.x, CURVE_POINTS) };
    resolution = CURVE_POINTS;
  }
  const chosen = prediction ?? (training?.prediction as NodeId | undefined) ?? null;
  return {
    ok: true,
    setup: {
      task,
      features,
      target: {
        id: targetId,
        name: targetData?.column ?? targetNode?.label ?? targetId,
      },
      prediction: chosen !== null && graph.nodes.some((n) => n.id === chosen) ? chosen : null,
      loss: graph.output ?? null,
      train,
      test,
      bounds,
      labelRange: labelRangeOf(both((s) => s.target).flatMap((c) => [...c])),
      grid,
      resolution,
    },
  };
};
