import type {
  CompositeDefinition,
  GraphEdge,
  GraphNode,
  NodeId,
  NodeParams,
  OpRegistry,
} from '@chainrule/graph-runtime';
import { nodeId } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from '../document/editorDocument';
import {
  copyIdTable,
  freshEdgeId,
  idTable,
  positionOf,
  takenIds,
} from '../document/editorDocument';
import {
  definitionNameProblem,
  definitionNamed,
  definitionsOf,
  freshDefinitionName,
  freshInstanceId,
  freshName,
  innerValue,
} from './model';

/** What {@link makeComposite} did, or why it did nothing. */
export type MakeCompositeResult =
  | {
      readonly ok: true;
      readonly doc: EditorDocument;
      readonly instance: NodeId;
      readonly definition: string;
    }
  | { readonly ok: false; readonly message: string };

/** Horizontal room left of the inner nodes for the input port nodes. */
const PORT_COLUMN = 240;
/** Vertical distance between two port nodes. */
const PORT_GAP = 120;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const sourceKey = (edge: GraphEdge): string => `${edge.source}\u0000${edge.sourcePort ?? ''}`;

/**
 * "Make composite": turns the selected nodes into a new definition plus one instance of it in
 * their place, rewiring every edge that crosses the boundary.
 * - Each outside value feeding the selection (a source node, or one output of an instance)
 *   becomes one input port, named after it; every selected node it fed now reads the port.
 * - Selected `input` nodes become parameters: trainable values each instance holds, the
 *   instance starting with their current values.
 * - Each selected node read from outside (and the output J, when selected) becomes an output:
 *   `out` when there is one, the node's id when there are several. With no such node, the
 *   selection's sinks are the outputs.
 * The instance sits where the selection was; the edges out of it keep their ids, so a view of
 * such an edge keeps following it.
 * @example makeComposite(doc, registry, ['w1', 'w2', 'b', 'mul1', 'mul2', 'add1', 'tanh1'], { name: 'neuron2' })
 */
export const makeComposite = (
  doc: EditorDocument,
  registry: OpRegistry,
  selected: Iterable<NodeId>,
  options: { readonly name?: string } = {},
): MakeCompositeResult => {
  const chosen = new Set<string>(selected);
  const nodes = doc.graph.nodes.filter((node) => chosen.has(node.id));
  if (nodes.length === 0) return { ok: false, message: 'Select the nodes to group first.' };
  const inside = new Set<string>(nodes.map((node) => node.id));
  const name = options.name ?? freshDefinitionName(doc, registry, 'composite');
  const problem = definitionNameProblem(doc, registry, name);
  if (problem) return { ok: false, message: problem };
  const definitions = definitionsOf(doc);
  const at = (id: string): XY => positionOf(doc.positions, id) ?? { x: 0, y: 0 };

  const incoming = doc.graph.edges.filter((e) => inside.has(e.target) && !inside.has(e.source));
  const outgoing = doc.graph.edges.filter((e) => inside.has(e.source) && !inside.has(e.target));
  const internal = doc.graph.edges.filter((e) => inside.has(e.source) && inside.has(e.target));

  // Input ports: one per outside value, top to bottom as their sources are drawn.
  const feeders = new Map<string, GraphEdge>();
  for (const edge of incoming)
    if (!feeders.has(sourceKey(edge))) feeders.set(sourceKey(edge), edge);
  const portNames = new Set<string>(inside);
  const ports = [...feeders.values()]
    .sort((a, b) => at(a.source).y - at(b.source).y)
    .map((edge) => {
      const wanted = edge.sourcePort ? `${edge.source}_${edge.sourcePort}` : edge.source;
      const port = freshName(portNames, IDENTIFIER.test(wanted) ? wanted : 'x');
      portNames.add(port);
      return { key: sourceKey(edge), port, feeder: edge };
    });
  const portOf = new Map(ports.map((p) => [p.key, p.port]));

  // Outputs: what the outside reads, and J.
  const output = doc.graph.output ?? null;
  const producers: string[] = [];
  for (const edge of outgoing) {
    if (edge.sourcePort !== undefined) {
      return {
        ok: false,
        message: `${edge.source} has several outputs used outside the selection; select its consumers too.`,
      };
    }
    if (!producers.includes(edge.source)) producers.push(edge.source);
  }
  // J first: the instance then stands for J through its first output.
  if (output !== null && inside.has(output)) {
    const at = producers.indexOf(output);
    if (at >= 0) producers.splice(at, 1);
    producers.unshift(output);
  }
  if (producers.length === 0) {
    const feedsInside = new Set(internal.map((edge) => edge.source as string));
    for (const node of nodes) if (!feedsInside.has(node.id)) producers.push(node.id);
  }
  const outputs = producers.map((node) => ({
    name: producers.length === 1 ? 'out' : node,
    node: nodeId(node),
  }));
  const outputName = new Map(outputs.map((o) => [o.node as string, o.name]));

  const parameters = nodes
    .filter((node) => node.op === 'input')
    .map((node) => ({ name: node.id as string, default: innerValue(node) }));
  const instanceParams: Record<string, number> = {};
  for (const parameter of parameters) instanceParams[parameter.name] = parameter.default;

  // The inner graph: the selection, one input node per port, and every edge into the selection.
  const innerEdges: GraphEdge[] = [
    ...internal,
    ...incoming.map((edge) => ({
      id: edge.id,
      source: nodeId(portOf.get(sourceKey(edge))!),
      target: edge.target,
      targetPort: edge.targetPort,
    })),
  ];
  const portNodes: GraphNode[] = ports.map(({ port }) => ({
    id: nodeId(port),
    op: 'input',
    params: { value: 0 },
  }));

  // Inner layout: the selection as it was drawn, shifted right of a column of port nodes.
  const xs = nodes.map((node) => at(node.id).x);
  const ys = nodes.map((node) => at(node.id).y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const middle = (top + Math.max(...ys)) / 2;
  const positions = idTable<XY>();
  for (const node of nodes) {
    const p = at(node.id);
    positions[node.id] = { x: p.x - left + PORT_COLUMN, y: p.y - top };
  }
  let nextY = -Infinity;
  for (const { port, feeder } of ports) {
    const consumers = incoming.filter((edge) => sourceKey(edge) === sourceKey(feeder));
    const wanted =
      consumers.reduce((sum, edge) => sum + positions[edge.target]!.y, 0) / consumers.length;
    nextY = Math.max(wanted, nextY + PORT_GAP);
    positions[port] = { x: 0, y: nextY };
  }

  const definition: CompositeDefinition = {
    name,
    inputs: ports.map((p) => p.port),
    ...(parameters.length > 0 ? { parameters } : {}),
    outputs,
    graph: { nodes: [...portNodes, ...nodes], edges: innerEdges, output: null },
    layout: { positions },
  };

  // The outer graph: the instance in place of the selection, the crossing edges rewired.
  const taken = takenIds(doc);
  const instance = freshInstanceId(taken.nodes, name);
  const instanceNode: GraphNode = {
    id: instance,
    op: name,
    ...(parameters.length > 0 ? { params: instanceParams as NodeParams } : {}),
  };
  const kept = doc.graph.edges.filter((e) => !inside.has(e.source) && !inside.has(e.target));
  const edgeIds = new Set<string>(kept.map((edge) => edge.id));
  const rewired: GraphEdge[] = [];
  for (const { port, feeder } of ports) {
    const id = freshEdgeId(new Set([...edgeIds, ...outgoing.map((edge) => edge.id)]));
    edgeIds.add(id);
    rewired.push({
      id,
      source: feeder.source,
      ...(feeder.sourcePort !== undefined ? { sourcePort: feeder.sourcePort } : {}),
      target: instance,
      targetPort: port,
    });
  }
  for (const edge of outgoing) {
    rewired.push({
      id: edge.id,
      source: instance,
      ...(outputs.length > 1 ? { sourcePort: outputName.get(edge.source)! } : {}),
      target: edge.target,
      targetPort: edge.targetPort,
    });
  }
  const outerPositions = copyIdTable(doc.positions);
  for (const id of inside) delete outerPositions[id];
  outerPositions[instance] = { x: left, y: middle };
  const firstIndex = doc.graph.nodes.findIndex((node) => inside.has(node.id));
  const outerNodes = doc.graph.nodes.filter((node) => !inside.has(node.id));
  outerNodes.splice(firstIndex, 0, instanceNode);
  return {
    ok: true,
    instance,
    definition: name,
    doc: {
      ...doc,
      graph: {
        nodes: outerNodes,
        edges: [...kept, ...rewired],
        output: output !== null && inside.has(output) ? instance : output,
      },
      positions: outerPositions,
      definitions: definitionNamed(definitions, name) ? definitions : [...definitions, definition],
    },
  };
};
