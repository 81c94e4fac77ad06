import type { DatasetSpec, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { dataNodes, loadDatasetSync, trainingDataFor } from '@chainrule/learn';
import type { DataNode, LoadDatasetResult, LoadedDataset } from '@chainrule/learn';
import type { Split } from './boundaryPicture';

/** A dataset's rows as columns, split into training and test samples. */
export interface DatasetSplits {
  readonly train: Readonly<Record<string, Float64Array>>;
  readonly test: Readonly<Record<string, Float64Array>>;
}

/** A dataset's columns, or why it has none (a CSV file that cannot be read here, a bad spec). */
export type DatasetData =
  | { readonly ok: true; readonly splits: DatasetSplits }
  | { readonly ok: false; readonly message: string };

const loadedById = new WeakMap<DatasetSpec, LoadDatasetResult>();
const loadedOf = (spec: DatasetSpec): LoadDatasetResult => {
  let result = loadedById.get(spec);
  if (!result) loadedById.set(spec, (result = loadDatasetSync(spec)));
  return result;
};

/**
 * A dataset's columns, generated (or read from its inline rows) and split by `learn`'s one
 * loader, once per spec object: documents are immutable, so an unchanged dataset is the same
 * object and is never generated twice.
 */
export const datasetData = (spec: DatasetSpec): DatasetData => {
  const result = loadedOf(spec);
  return result.ok
    ? { ok: true, splits: { train: result.train, test: result.test } }
    : { ok: false, message: result.message };
};

export type { DataNode };

/** What to feed a runtime, or why it cannot be fed. */
export type Feed =
  | {
      readonly ok: true;
      readonly columns: Readonly<Record<NodeId, Float64Array>>;
      readonly size: number;
    }
  | { readonly ok: false; readonly message: string };

/**
 * The columns to feed a runtime of `graph` with one split of the document's datasets (each
 * data node gets its column, matched by `learn`'s `trainingDataFor`). `null` when the graph
 * has no data nodes (nothing to feed).
 */
export const feedFor = (
  graph: GraphSpec,
  datasets: readonly DatasetSpec[] | undefined,
  split: Split,
): Feed | null => {
  const nodes = dataNodes(graph);
  if (nodes.length === 0) return null;
  const loaded: LoadedDataset[] = [];
  for (const spec of datasets ?? []) {
    if (!nodes.some((node) => node.dataset === spec.id)) continue;
    const result = loadedOf(spec);
    if (!result.ok) return result;
    loaded.push(result);
  }
  const data = trainingDataFor(graph, loaded);
  if (!data.ok) return data;
  return split === 'train'
    ? { ok: true, columns: data.train, size: data.trainSize }
    : { ok: true, columns: data.test, size: data.testSize };
};
