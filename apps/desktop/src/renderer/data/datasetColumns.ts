import type { DatasetSpec, GraphSpec, NodeId, OpRegistry } from '@chainrule/graph-runtime';
import { loadDatasetColumns } from '@chainrule/learn';
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
    try {
      data = { ok: true, splits: loadDatasetColumns(spec) };
    } catch (error) {
      data = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    loaded.set(spec, data);
  }
  return data;
};

/** A flat data node: which dataset and column it carries. */
export interface DataNode {
  readonly id: NodeId;
  readonly dataset: string;
  readonly column: string;
}

/** The flat graph's data nodes (varying sources with `{ dataset, column }` params), in order. */
export const dataNodesOf = (graph: GraphSpec, registry: OpRegistry): DataNode[] => {
  const found: DataNode[] = [];
  for (const node of graph.nodes) {
    const op = registry.get(node.op);
    if (op?.kind !== 'source' || op.varying !== true) continue;
    const params = (node.params ?? {}) as Record<string, unknown>;
    const dataset = params['dataset'];
    const column = params['column'];
    if (typeof dataset === 'string' && typeof column === 'string') {
      found.push({ id: node.id, dataset, column });
    }
  }
  return found;
};

/** What to feed a runtime, or why it cannot be fed. */
export type Feed =
  | { readonly ok: true; readonly columns: Readonly<Record<NodeId, Float64Array>>; readonly size: number }
  | { readonly ok: false; readonly message: string };

/**
 * The columns to feed a runtime of `graph` with one split of the document's datasets: each data
 * node gets its column. `null` when the graph has no data nodes (nothing to feed).
 */
export const feedFor = (
  graph: GraphSpec,
  datasets: readonly DatasetSpec[] | undefined,
  split: Split,
  registry: OpRegistry,
): Feed | null => {
  const nodes = dataNodesOf(graph, registry);
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
