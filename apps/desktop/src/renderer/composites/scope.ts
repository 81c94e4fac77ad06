import type { CompositeDefinition, GraphNode, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';
import {
  definitionDocument,
  definitionNamed,
  definitionsOf,
  innerValue,
  parameterNames,
  parameterValue,
  replaceDefinition,
  withInnerDocument,
} from './model';

/**
 * Where the canvas is: the chain of opened instances, outermost first. `[]` is the document's
 * own graph; `['h1']` is the inside of instance `h1`; `['net', 'h1']` the inside of instance
 * `h1` of the definition `net` is an instance of. Its flat ids start with `net/h1/`.
 */
export type InstancePath = readonly NodeId[];

/** One opened instance along a path: the node and the definition it is an instance of. */
export interface PathStep {
  readonly instance: GraphNode;
  readonly definition: CompositeDefinition;
}

/**
 * The opened instances along `path`, or `null` when the path no longer leads anywhere (an
 * undo removed an instance, or changed its op).
 */
export const resolvePath = (doc: EditorDocument, path: InstancePath): PathStep[] | null => {
  const definitions = definitionsOf(doc);
  const steps: PathStep[] = [];
  let graph: GraphSpec = doc.graph;
  for (const id of path) {
    const instance = graph.nodes.find((node) => node.id === id);
    const definition = instance && definitionNamed(definitions, instance.op);
    if (!instance || !definition) return null;
    steps.push({ instance, definition });
    graph = definition.graph;
  }
  return steps;
};

/** The flat id of a node seen at `path`: `h1/mul1` for `mul1` inside `h1`. */
export const flatIdAt = (path: InstancePath, id: string): NodeId =>
  (path.length === 0 ? id : `${path.join('/')}/${id}`) as NodeId;

const views = new WeakMap<GraphNode, WeakMap<CompositeDefinition, EditorDocument>>();

/**
 * The document a person edits inside an opened instance: the definition's inner graph, its
 * parameter nodes showing THIS instance's values (what the runtime computes with), no output J
 * (J lives in the outer graph) and the document's definitions (so instances inside it work as
 * anywhere). The same object until the definition or the instance changes.
 */
export const scopeDocument = (doc: EditorDocument, path: InstancePath): EditorDocument | null => {
  if (path.length === 0) return doc;
  const steps = resolvePath(doc, path);
  if (!steps) return null;
  const { instance, definition } = steps[steps.length - 1]!;
  let byDefinition = views.get(instance);
  const cached = byDefinition?.get(definition);
  if (cached && cached.definitions === doc.definitions) return cached;
  const inner = definitionDocument(definition);
  const parameters = parameterNames(definition);
  const nodes = inner.graph.nodes.map((node) => {
    if (!parameters.has(node.id)) return node;
    const value = parameterValue(definition, instance, node.id);
    return Object.is(innerValue(node), value)
      ? node
      : { ...node, params: { ...node.params, value } };
  });
  const view: EditorDocument = {
    graph: { nodes, edges: inner.graph.edges, output: null },
    positions: inner.positions,
    ...(doc.definitions ? { definitions: doc.definitions } : {}),
    opened: definition,
  };
  if (!byDefinition) views.set(instance, (byDefinition = new WeakMap()));
  byDefinition.set(definition, view);
  return view;
};

/** Replaces the node `id` of the graph at `path` (the root graph, or an opened definition's). */
const updateNodeAt = (
  doc: EditorDocument,
  path: InstancePath,
  id: NodeId,
  update: (node: GraphNode) => GraphNode,
): EditorDocument => {
  const replaceIn = (graph: GraphSpec): GraphSpec => ({
    ...graph,
    nodes: graph.nodes.map((node) => (node.id === id ? update(node) : node)),
  });
  if (path.length === 0) return { ...doc, graph: replaceIn(doc.graph) };
  const steps = resolvePath(doc, path)!;
  const { definition } = steps[steps.length - 1]!;
  const inner = definitionDocument(definition);
  return replaceDefinition(
    doc,
    withInnerDocument(definition, replaceIn(inner.graph), inner.positions),
  );
};

/**
 * Writes an edit made to {@link scopeDocument}'s view back into the document: a parameter's new
 * value goes to the opened instance (its own weights), everything else to the definition (every
 * instance of it changes). The output J is not the inner graph's to choose, so it is ignored.
 * New definitions made inside (Make composite there) join the document's.
 */
export const writeScope = (
  doc: EditorDocument,
  path: InstancePath,
  view: EditorDocument,
  next: EditorDocument,
): EditorDocument => {
  if (next === view) return doc;
  if (path.length === 0) return next;
  let result =
    next.definitions !== view.definitions && next.definitions
      ? { ...doc, definitions: next.definitions }
      : doc;
  const steps = resolvePath(result, path);
  if (!steps) return doc;
  const { instance, definition } = steps[steps.length - 1]!;
  const parameters = parameterNames(definition);
  const inner = definitionDocument(definition);
  const originals = new Map(inner.graph.nodes.map((node) => [node.id as string, node]));
  const shown = new Map(view.graph.nodes.map((node) => [node.id as string, node]));
  const newValues: Record<string, number> = {};
  let nodesChanged = next.graph.nodes.length !== inner.graph.nodes.length;
  const nodes = next.graph.nodes.map((node, index) => {
    let written = node;
    if (parameters.has(node.id)) {
      const before = shown.get(node.id);
      const original = originals.get(node.id);
      if (node === before && original) written = original;
      else {
        if (!before || !Object.is(innerValue(before), innerValue(node)))
          newValues[node.id] = innerValue(node);
        // The definition keeps its default; the instance holds the value.
        const value = original ? innerValue(original) : innerValue(node);
        written =
          original && original.label === node.label && original.op === node.op
            ? original
            : { ...node, params: { ...node.params, value } };
      }
    }
    if (written !== inner.graph.nodes[index]) nodesChanged = true;
    return written;
  });
  const graph: GraphSpec =
    !nodesChanged && next.graph.edges === inner.graph.edges
      ? inner.graph
      : {
          nodes: nodesChanged ? nodes : inner.graph.nodes,
          edges: next.graph.edges,
          output: inner.graph.output ?? null,
        };
  const positions = next.positions === view.positions ? inner.positions : next.positions;
  result = replaceDefinition(result, withInnerDocument(definition, graph, positions));
  if (Object.keys(newValues).length > 0) {
    result = updateNodeAt(result, path.slice(0, -1), instance.id, (node) => ({
      ...node,
      params: { ...node.params, ...newValues },
    }));
  }
  return result;
};
