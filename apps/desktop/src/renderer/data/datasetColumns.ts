import type { DatasetSpec, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import { dataNodes, loadDatasetSync } from '@chainrule/learn';
import type { DataNode } from '@chainrule/learn';
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

const loaded = new WeakMap<DatasetSpec, DatasetData>();

/**
 * A dataset's columns, generated (or read from its inline rows) and split by `learn`'s one
 * loader, once per spec object: documents are immutable, so an unchanged dataset is the same
 * object and is never generated twice.
 */
export const datasetData = (spec: DatasetSpec): DatasetData => {
  let data = loaded.get(spec);
  if (!data) {
    const result = loadDatasetSync(spec);
    data = result.ok
      ? { ok: true, splits: { train: result.train, test: result.test } }
      : { ok: false, message: result.message };
    loaded.set(spec, data);
  }
  return data;
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
 * The columns to feed a runtime of `graph` with one split of the document's datasets: each data
 * node gets its column. `null` when the graph has no data nodes (nothing to feed).
 */
export const feedFor = (
  graph: GraphSpec,
  datasets: readonly DatasetSpec[] | undefined,
  split: Split,
): Feed | null => {
  const nodes = dataNodes(graph);
  if (nodes.length === 0) return null;
  const columns: Record<NodeId, Float64Array> = {};
  let size = -1;
  for (const node of nodes) {
    const spec = datasets?.find((d) => d.id === node.dataset);
    if (!spec) return { ok: false, message: `No dataset “${node.dataset}” in this document.` };
    const data = datasetData(spec);
    if (!data.ok) return data;
    const column = data.splits[split][node.column];
    if (!column) {
      return { ok: false, message: `Dataset “${node.dataset}” has no column “${node.column}”.` };
    }
    if (size >= 0 && column.length !== size) {
      return {
        ok: false,
        message: `Datasets of different sizes (${size} and ${column.length} samples) cannot be fed together.`,
      };
    }
    size = column.length;
    columns[node.id] = column;
  }
  return { ok: true, columns, size };
};
