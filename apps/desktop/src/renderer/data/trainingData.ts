import type {
  GraphNode,
  GraphSpec,
  NodeId,
  OpRegistry,
  Runtime,
  RuntimeOptions,
} from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';
import { feedFor } from './datasetColumns';

/**
 * A runtime to train `doc` on: its flat graph (`graph`, composites expanded, dataset nodes as
 * one data node per column) fed with the training split of its datasets. Throws with a sentence
 * when the data cannot be fed (the training panel shows it).
 */
export const createTrainingRuntime = (
  doc: EditorDocument,
  graph: GraphSpec,
  registry: OpRegistry,
  createRuntime: (options: RuntimeOptions) => Runtime,
): Runtime => {
  const feed = feedFor(graph, doc.datasets, 'train');
  if (feed && !feed.ok) throw new Error(feed.message);
  const runtime = createRuntime({ registry, graph });
  if (feed) runtime.feed(feed.columns);
  return runtime;
};

/**
 * Writes trained values (by flat id) into the document: a top-level input's value, or a
 * parameter of a top-level composite instance (`h1/w1` → instance `h1`'s param `w1`). One pass
 * over the nodes, so a network with hundreds of parameters costs one copy per frame. Values of
 * ids the document does not hold are left out.
 */
export const withTrainedValues = (
  doc: EditorDocument,
  values: ReadonlyMap<NodeId, number>,
): EditorDocument => {
  const changes = new Map<string, Record<string, number>>();
  for (const [id, value] of values) {
    const slash = id.indexOf('/');
    const node = slash < 0 ? id : id.slice(0, slash);
    const param = slash < 0 ? 'value' : id.slice(slash + 1);
    // Deeper paths are parameters inside a definition, shared by its instances: not per node.
    if (param.includes('/')) continue;
    const entry = changes.get(node) ?? {};
    entry[param] = value;
    changes.set(node, entry);
  }
  let changed = false;
  const nodes = doc.graph.nodes.map((node): GraphNode => {
    const entry = changes.get(node.id);
    if (!entry) return node;
    const params = node.params ?? {};
    if (Object.entries(entry).every(([key, value]) => Object.is(params[key], value))) return node;
    changed = true;
    return { ...node, params: { ...params, ...entry } };
  });
  return changed ? { ...doc, graph: { ...doc.graph, nodes } } : doc;
};

/**
 * The flat graph with trained values (by flat id) that the document does not have yet: what the
 * canvas's runtime shows while a run plays (see the training controller's `liveValues`).
 * Unchanged nodes stay the same objects, so a runtime following it sets only these values.
 */
export const withLiveValues = (
  graph: GraphSpec,
  values: ReadonlyMap<NodeId, number> | null,
): GraphSpec => {
  if (!values || values.size === 0) return graph;
  let changed = false;
  const nodes = graph.nodes.map((node): GraphNode => {
    const value = values.get(node.id);
    if (value === undefined || Object.is(node.params?.['value'], value)) return node;
    changed = true;
    return { ...node, params: { ...node.params, value } };
  });
  return changed ? { ...graph, nodes } : graph;
};
