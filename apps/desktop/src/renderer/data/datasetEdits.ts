import type { DatasetSpec, NodeId } from '@chainrule/graph-runtime';
import { datasetGenerators, nodeId } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from '../document/editorDocument';
import { addNode, takenIds } from '../document/editorDocument';
import { DATASET_OP, datasetIdOf } from './datasetShape';

/** What a new dataset node starts with: the XOR points, a quarter held out for testing. */
export const NEW_DATASET: Omit<DatasetSpec, 'id'> = {
  columns: datasetGenerators.xor,
  source: { kind: 'generate', generator: 'xor', size: 200, noise: 0.1, seed: 1 },
  split: { test: 0.25, seed: 1 },
};

/** A name not yet used by a node or a dataset: `data`, then `data2`, `data3`… */
const freshDataId = (doc: EditorDocument): string => {
  const nodes = takenIds(doc).nodes;
  const datasets = new Set((doc.datasets ?? []).map((d) => d.id));
  for (let n = 1; ; n++) {
    const id = n === 1 ? 'data' : `data${n}`;
    if (!nodes.has(id) && !datasets.has(id)) return id;
  }
};

/**
 * Adds a dataset node at `at` with a dataset of its own (same id for both, so its columns'
 * flat ids read `data/x1`). Returns the document and the new node's id.
 */
export const addDatasetNode = (
  doc: EditorDocument,
  at: XY,
  spec: Omit<DatasetSpec, 'id'> = NEW_DATASET,
): { readonly doc: EditorDocument; readonly id: NodeId } => {
  const id = freshDataId(doc);
  const withNode = addNode(doc, { id: nodeId(id), op: DATASET_OP, params: { dataset: id } }, at);
  return {
    doc: { ...withNode, datasets: [...(doc.datasets ?? []), { id, ...spec }] },
    id: nodeId(id),
  };
};

/**
 * Replaces dataset `id` with `next` (new generator settings, an imported CSV). Edges that read a
 * column the new data no longer has are removed (a node cannot read a column that is gone);
 * every other edge stays, so swapping XOR for spiral keeps the network wired.
 */
export const replaceDataset = (
  doc: EditorDocument,
  id: string,
  next: DatasetSpec,
): EditorDocument => {
  const datasets = (doc.datasets ?? []).map((d) => (d.id === id ? next : d));
  const columns = new Set(next.columns);
  const feeding = new Set(
    doc.graph.nodes
      .filter((node) => node.op === DATASET_OP && datasetIdOf(node) === id)
      .map((node) => node.id as string),
  );
  const edges = doc.graph.edges.filter((edge) => {
    if (!feeding.has(edge.source)) return true;
    const port = (edge as { sourcePort?: string }).sourcePort;
    return port !== undefined && columns.has(port);
  });
  return {
    ...doc,
    datasets,
    graph: edges.length === doc.graph.edges.length ? doc.graph : { ...doc.graph, edges },
  };
};
