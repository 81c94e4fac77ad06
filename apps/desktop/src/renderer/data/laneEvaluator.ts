import type {
  GraphSpec,
  NodeId,
  OpRegistry,
  Runtime,
  RuntimeOptions,
} from '@chainrule/graph-runtime';
import { followGraph } from '../session/followGraph';

/**
 * Columns to feed: a flat data node id → one value per sample (all the same length). Every
 * other varying source of the graph is fed zeros (for a grid, the label column: nothing the
 * prediction depends on reads it).
 */
export type FeedColumns = Readonly<Record<NodeId, Float64Array>>;

/** Per-sample values of a node, or why there are none. */
export type LaneResult =
  | { readonly ok: true; readonly values: Float64Array }
  | { readonly ok: false; readonly message: string };

/** A node's single value (a loss reduced over the batch), or why there is none. */
export type ScalarResult =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/**
 * Evaluates a graph over many samples at once with a runtime of its own, in lanes: the columns
 * are fed (B = their length, e.g. a 64² grid = 4096 points, or the test split) and nodes' values
 * are read back. Between calls the runtime follows the graph incrementally (`followGraph`):
 * while training only parameter values change, so a call costs one batched forward pass. The
 * runtime has no output, so no gradients are computed.
 */
export interface LaneEvaluator {
  /**
   * Brings the runtime to `graph` fed with `columns` (cheap when neither changed); returns why
   * it could not (the engine refused the graph or the columns), or null.
   */
  sync(graph: GraphSpec, columns: FeedColumns): string | null;
  /** The per-sample values of `id` (a node that does not vary gets its value in every lane). */
  lanes(id: NodeId): LaneResult;
  /** The value of `id` when it is one number for the whole batch (a mean loss). */
  scalar(id: NodeId): ScalarResult;
  dispose(): void;
}

/** Creates a {@link LaneEvaluator}; `createRuntime` is the engine's (injected for tests). */
export const createLaneEvaluator = (options: {
  readonly registry: OpRegistry;
  readonly createRuntime: (options: RuntimeOptions) => Runtime;
}): LaneEvaluator => {
  const { registry } = options;
  let runtime: Runtime | null = null;
  /** The graph the runtime has now (the model's, without an output). */
  let followed: GraphSpec | null = null;
  let source: GraphSpec | null = null;
  let fed: FeedColumns | null = null;

  const varyingSources = (graph: GraphSpec): NodeId[] =>
    graph.nodes
      .filter((node) => {
        const op = registry.get(node.op);
        return op?.kind === 'source' && op.varying === true;
      })
      .map((node) => node.id);

  const drop = (): void => {
    runtime?.dispose();
    runtime = null;
    followed = source = fed = null;
  };

  const feed = (graph: GraphSpec, columns: FeedColumns): void => {
    const size = Object.values(columns)[0]?.length ?? 1;
    let zeros: Float64Array | null = null;
    const feedColumns: Record<NodeId, Float64Array> = {};
    for (const id of varyingSources(graph)) {
      feedColumns[id] = columns[id] ?? (zeros ??= new Float64Array(size));
    }
    runtime!.feed(feedColumns);
    fed = columns;
  };

  const failed = (error: unknown): { ok: false; message: string } => ({
    ok: false,
    message: error instanceof Error ? error.message : String(error),
  });

  const nodeOf = (id: NodeId) => {
    if (!runtime) throw new Error('Nothing to evaluate yet.');
    if (!runtime.hasNode(id)) throw new Error(`The graph has no node “${id}”.`);
    return runtime.node(id);
  };

  return {
    sync(graph, columns) {
      try {
        if (source !== graph) {
          const next: GraphSpec = { ...graph, output: null };
          let replacedSources = false;
          if (runtime && followed) {
            try {
              const replaced = followGraph(runtime, followed, next);
              const sources = new Set<string>(varyingSources(next));
              for (const id of replaced.nodes) if (sources.has(id)) replacedSources = true;
            } catch {
              drop();
            }
          }
          if (!runtime) {
            runtime = options.createRuntime({ registry, graph: next });
            replacedSources = true;
          }
          followed = next;
          source = graph;
          if (replacedSources) fed = null;
        }
        if (fed !== columns) feed(graph, columns);
        return null;
      } catch (error) {
        drop();
        return failed(error).message;
      }
    },
    lanes(id) {
      try {
        const node = nodeOf(id);
        const lanes = runtime!.laneValues(id);
        if (lanes) return { ok: true, values: lanes };
        const value = node.value();
        if (value.kind !== 'ok') return { ok: false, message: value.message };
        // A node that does not depend on the data: the same in every lane.
        return { ok: true, values: new Float64Array(runtime!.lanes()).fill(value.value) };
      } catch (error) {
        return failed(error);
      }
    },
    scalar(id) {
      try {
        const value = nodeOf(id).value();
        if (value.kind !== 'ok') return { ok: false, message: value.message };
        if (runtime!.isVarying(id)) {
          return { ok: false, message: 'It has one value per sample; reduce it with mean or sum.' };
        }
        return { ok: true, value: value.value };
      } catch (error) {
        return failed(error);
      }
    },
    dispose: drop,
  };
};
