import type { DatasetSpec, GraphSpec, Runtime } from '@chainrule/graph-runtime';
import { dataNodes } from '@chainrule/learn';
import { feedFor } from './datasetColumns';

/** What the canvas shows of the data: the batch size and the selected sample. */
export interface DataSessionState {
  /** How many training samples the canvas's runtime holds (B); null without data. */
  readonly size: number | null;
  /** The selected training sample (its lane), or null: nodes show the batch mean. */
  readonly sample: number | null;
  /** Why the data could not be fed (a missing dataset, a column that is not there). */
  readonly problem: string | null;
}

/**
 * Feeds the canvas's runtime with the training split of the document's datasets, and keeps the
 * selected sample. The editor session calls {@link DataSession.synced} after it built its
 * runtime or made it follow an edit; feeding happens only when the data could have changed
 * (a new runtime, other datasets, other data nodes), so an ordinary edit costs one comparison.
 */
export interface DataSession {
  /**
   * `replaced`: the node ids the runtime replaced in this sync (from `followGraph`); a replaced
   * data node is a new, unfed node.
   */
  synced(
    runtime: Runtime,
    datasets: readonly DatasetSpec[] | undefined,
    graph: GraphSpec,
    replaced?: ReadonlySet<string>,
  ): void;
  /** Shows one sample's values and gradients on every varying node, or (null) the batch mean. */
  select(sample: number | null): void;
  getState(): DataSessionState;
  subscribe(listener: () => void): () => void;
}

const EMPTY: DataSessionState = { size: null, sample: null, problem: null };

/** Creates the {@link DataSession} of one editor window. */
export const createDataSession = (): DataSession => {
  const listeners = new Set<() => void>();
  let state = EMPTY;
  let runtime: Runtime | null = null;
  let fedDatasets: readonly DatasetSpec[] | undefined;
  let fedKey = '';

  const publish = (next: DataSessionState): void => {
    if (
      next.size === state.size &&
      next.sample === state.sample &&
      next.problem === state.problem
    ) {
      return;
    }
    state = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    synced(next, datasets, graph, replaced) {
      // Which data nodes there are: one pass over the nodes, no allocation per node that is not
      // data, so an ordinary edit of a big graph stays cheap.
      const nodes = dataNodes(graph);
      const key = nodes.map((n) => `${n.id}\u0000${n.dataset}\u0000${n.column}`).join('\u0001');
      const replacedData = replaced !== undefined && nodes.some((n) => replaced.has(n.id));
      if (next === runtime && datasets === fedDatasets && key === fedKey && !replacedData) return;
      runtime = next;
      fedDatasets = datasets;
      fedKey = key;
      const feed = feedFor(graph, datasets, 'train');
      if (feed === null) {
        publish(EMPTY);
        return;
      }
      if (!feed.ok) {
        publish({ size: null, sample: null, problem: feed.message });
        return;
      }
      try {
        next.batch(() => {
          next.feed(feed.columns);
          const sample = state.sample !== null && state.sample < feed.size ? state.sample : null;
          next.setSample(sample);
        });
        publish({ size: feed.size, sample: next.sample(), problem: null });
      } catch (error) {
        publish({
          size: null,
          sample: null,
          problem: error instanceof Error ? error.message : String(error),
        });
      }
    },
    select(sample) {
      if (!runtime || state.size === null) return;
      const lane = sample !== null && sample >= 0 && sample < state.size ? sample : null;
      runtime.setSample(lane);
      publish({ ...state, sample: lane });
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
