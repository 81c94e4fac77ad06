import type { EdgeId, GraphEdge, GraphNode, NodeId } from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from '../document/editorDocument';
import { copyIdTable, freshEdgeId, freshNodeId, positionOf } from '../document/editorDocument';
import {
  definitionDocument,
  definitionNamed,
  definitionsOf,
  inputPortNames,
  outputOfEdge,
  parameterNames,
  parameterValue,
} from './model';

/** What {@link expandInstance} did, or why it did nothing. */
export type ExpandResult =
  | { readonly ok: true; readonly doc: EditorDocument; readonly nodeIds: readonly NodeId[] }
  | { readonly ok: false; readonly message: string };

/**
 * "Expand": inlines an instance back into plain nodes. Inner nodes keep their ids where the
 * graph has them free (so Make composite then Expand gives the graph back) and get fresh ones
 * where not; parameters become `input` nodes holding the instance's values; each input port
 * vanishes, its consumers reading whatever fed the instance's port; each edge out of the
 * instance now leaves the inner node behind that output. The definition stays in the library.
 * @example expandInstance(doc, nodeId('neuron2_1'))
 */
export const expandInstance = (doc: EditorDocument, id: NodeId): ExpandResult => {
  const instance = doc.graph.nodes.find((node) => node.id === id);
  const definition = instance && definitionNamed(definitionsOf(doc), instance.op);
  if (!instance || !definition) return { ok: false, message: `${id} is not a composite instance.` };
  const ports = inputPortNames(definition);
  const parameters = parameterNames(definition);
  const inner = definitionDocument(definition);

  const others = doc.graph.nodes.filter((node) => node.id !== id);
  const takenNodes = new Set<string>(others.map((node) => node.id));
  const rename = new Map<string, NodeId>();
  const added: GraphNode[] = [];
  const placed: XY[] = [];
  for (const node of inner.graph.nodes) {
    if (ports.has(node.id)) continue;
    const fresh = takenNodes.has(node.id) ? freshNodeId(takenNodes, node.op) : node.id;
    takenNodes.add(fresh);
    rename.set(node.id, fresh);
    placed.push(positionOf(inner.positions, node.id) ?? { x: 0, y: 0 });
    const value = parameters.has(node.id) ? parameterValue(definition, instance, node.id) : null;
    added.push({
      ...node,
      id: fresh,
      ...(value !== null ? { params: { ...node.params, value } } : {}),
    });
  }

  // What fed each input port of the instance.
  const feeders = new Map<string, GraphEdge>();
  for (const edge of doc.graph.edges) if (edge.target === id) feeders.set(edge.targetPort, edge);
  /** Where a value read inside now comes from: a renamed inner node, or a port's feeder. */
  const origin = (
    inner: NodeId,
    sourcePort: string | undefined,
  ): Pick<GraphEdge, 'source' | 'sourcePort'> | null => {
    if (ports.has(inner)) {
      const feeder = feeders.get(inner);
      if (!feeder) return null;
      return {
        source: feeder.source,
        ...(feeder.sourcePort !== undefined ? { sourcePort: feeder.sourcePort } : {}),
      };
    }
    return { source: rename.get(inner)!, ...(sourcePort !== undefined ? { sourcePort } : {}) };
  };

  const kept = doc.graph.edges.filter((edge) => edge.source !== id && edge.target !== id);
  const takenEdges = new Set<string>(kept.map((edge) => edge.id));
  const outgoing = doc.graph.edges.filter((edge) => edge.source === id);
  for (const edge of outgoing) takenEdges.add(edge.id);
  const edgeIdFor = (wanted: EdgeId): EdgeId => {
    const fresh = takenEdges.has(wanted) ? freshEdgeId(takenEdges) : wanted;
    takenEdges.add(fresh);
    return edgeId(fresh);
  };
  const edges: GraphEdge[] = [...kept];
  for (const edge of inner.graph.edges) {
    const from = origin(edge.source, edge.sourcePort);
    if (!from) continue; // the instance's port was not connected: neither is its consumer
    edges.push({
      id: edgeIdFor(edge.id),
      ...from,
      target: rename.get(edge.target)!,
      targetPort: edge.targetPort,
    });
  }
  for (const edge of outgoing) {
    const output = outputOfEdge(definition, edge);
    const from = output ? origin(output.node, undefined) : null;
    if (!from) continue;
    edges.push({ ...from, id: edge.id, target: edge.target, targetPort: edge.targetPort });
  }

  // Positions: the inner layout, its left edge and vertical middle where the instance was.
  const left = Math.min(...placed.map((p) => p.x));
  const middle = (Math.min(...placed.map((p) => p.y)) + Math.max(...placed.map((p) => p.y))) / 2;
  const anchor: XY = positionOf(doc.positions, id) ?? { x: 0, y: 0 };
  const positions = copyIdTable(doc.positions);
  delete positions[id];
  added.forEach((node, i) => {
    positions[node.id] = {
      x: anchor.x + placed[i]!.x - left,
      y: anchor.y + placed[i]!.y - middle,
    };
  });

  const index = doc.graph.nodes.findIndex((node) => node.id === id);
  const nodes = [...others];
  nodes.splice(index, 0, ...added);
  const output = doc.graph.output ?? null;
  const firstOutput = definition.outputs[0];
  const newOutput =
    output === id
      ? firstOutput && !ports.has(firstOutput.node)
        ? rename.get(firstOutput.node)!
        : null
      : output;
  return {
    ok: true,
    nodeIds: added.map((node) => nodeId(node.id)),
    doc: { ...doc, graph: { nodes, edges, output: newOutput }, positions },
  };
};
