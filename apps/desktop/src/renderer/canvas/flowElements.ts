import type {
  CompositeDefinition,
  GraphEdge,
  GraphNode,
  OpRegistry,
} from '@chainrule/graph-runtime';
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { EditorState } from '../document/DocumentStore';
import type { XY } from '../document/editorDocument';
import { displayName, symbolName } from '../document/editorDocument';
import { compositeNodeShape } from '../composites/instanceShape';
import { DATASET_OP, datasetShape } from '../data/datasetShape';

/** What an op node component gets from the document. */
export interface OpNodeData extends Record<string, unknown> {
  readonly node: GraphNode;
  readonly isOutput: boolean;
  /** The names of the nodes feeding each port, for port tooltips. */
  readonly inputNames: Readonly<Record<string, string>>;
}

/** What an edge component gets from the document. */
export interface GradientEdgeData extends Record<string, unknown> {
  readonly sourceName: string;
  readonly targetName: string;
  readonly outputName: string | null;
  readonly port: string;
}

/** `instance`: a composite instance; `port`: an input port node inside an opened instance;
 * `dataset`: a dataset node (issue 14), one output per column. */
export type OpFlowNode = Node<OpNodeData, 'op' | 'instance' | 'port' | 'dataset'>;
export type GradientFlowEdge = Edge<GradientEdgeData, 'gradient'>;

/**
 * Every node has a fixed size (styles.css draws it to fill exactly this box), so React Flow knows
 * where every node and handle is without measuring the DOM: a 5,000-node file draws only the
 * nodes in view (culling) instead of rendering all of them once to measure them, and a node never
 * grows over its neighbours when a gradient or an error appears.
 */
export const NODE_WIDTH = 172;
/** Height of a function node: header, value line, gradient line. */
export const FUNCTION_NODE_HEIGHT = 92;
/** Height of a source node (input/const): header, value field and slider, gradient line. */
export const SOURCE_NODE_HEIGHT = 100;
const HANDLE = 10;

const nodeHeight = (source: boolean): number =>
  source ? SOURCE_NODE_HEIGHT : FUNCTION_NODE_HEIGHT;

/** Where OpNode draws its handles, in node coordinates: inputs down the left, the output right. */
const handlesOf = (inputs: readonly string[], height: number): NodeHandle[] => [
  ...inputs.map((port, index) => ({
    id: port,
    type: 'target' as const,
    position: Position.Left,
    x: -HANDLE / 2,
    y: ((index + 1) / (inputs.length + 1)) * height - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  })),
  {
    id: 'out',
    type: 'source' as const,
    position: Position.Right,
    x: NODE_WIDTH - HANDLE / 2,
    y: height / 2 - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  },
];

interface NodeCacheEntry {
  readonly node: GraphNode;
  /** The definition of an instance (its ports decide the node's shape). */
  readonly definition: CompositeDefinition | undefined;
  readonly position: XY | undefined;
  readonly selected: boolean;
  readonly isOutput: boolean;
  readonly inputNames: string;
  /** A dataset node's handles follow its dataset's columns. */
  readonly datasets: EditorState['doc']['datasets'];
  readonly flow: OpFlowNode;
}

interface EdgeCacheEntry {
  readonly edge: GraphEdge;
  readonly selected: boolean;
  readonly key: string;
  readonly flow: GradientFlowEdge;
}

/** Whether two versions of a node differ at most in `params.value` (what a value edit changes). */
const sameApartFromValue = (before: GraphNode, after: GraphNode): boolean => {
  if (before === after) return true;
  if (before.op !== after.op || before.label !== after.label) return false;
  const a = before.params ?? {};
  const b = after.params ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('value');
  for (const key of keys) if (!Object.is(a[key], b[key])) return false;
  return true;
};

/**
 * Turns the store's state into React Flow's nodes and edges, reusing the previous object for
 * every node and edge whose inputs did not change. React Flow skips re-rendering a node whose
 * object is the same, so a value edit re-renders only the edited node here; the others update
 * from their own runtime streams.
 */
export const createFlowElementCache = (registry: OpRegistry) => {
  let nodeCache = new Map<string, NodeCacheEntry>();
  let edgeCache = new Map<string, EdgeCacheEntry>();
  let previousNodes: OpFlowNode[] = [];
  let previousEdges: GradientFlowEdge[] = [];

  const fixedSize = (node: GraphNode, datasets: EditorState['doc']['datasets']) => {
    if (node.op === DATASET_OP) {
      const shape = datasetShape(node, datasets);
      return {
        width: NODE_WIDTH,
        height: shape.height,
        measured: { width: NODE_WIDTH, height: shape.height },
        handles: shape.columns.map((column, index) => ({
          id: column,
          type: 'source' as const,
          position: Position.Right,
          x: NODE_WIDTH - HANDLE / 2,
          y: shape.handleY(index) - HANDLE / 2,
          width: HANDLE,
          height: HANDLE,
        })),
      };
    }
    const op = registry.get(node.op);
    const height = nodeHeight(op?.kind === 'source');
    // `measured` too: React Flow counts a node as initialised (fit view, culling, edges) only
    // once it has measured dimensions, which it would otherwise learn by rendering it.
    return {
      width: NODE_WIDTH,
      height,
      measured: { width: NODE_WIDTH, height },
      handles: handlesOf(op?.inputs ?? [], height),
    };
  };

  const nodes = (state: EditorState): OpFlowNode[] => {
    const { graph, positions } = state.doc;
    const composite = compositeNodeShape(state.doc);
    const output = graph.output ?? null;
    const names = new Map(graph.nodes.map((node) => [node.id as string, symbolName(node)]));
    const feeds = new Map<string, Record<string, string>>();
    for (const edge of graph.edges) {
      const into = feeds.get(edge.target) ?? {};
      into[edge.targetPort] = names.get(edge.source) ?? edge.source;
      feeds.set(edge.target, into);
    }
    const next = new Map<string, NodeCacheEntry>();
    let reused = true;
    const result = graph.nodes.map((node) => {
      const position = positions[node.id];
      const selected = state.selection.nodes.has(node.id);
      const isOutput = node.id === output;
      const inputNames = feeds.get(node.id) ?? {};
      const inputKey = Object.entries(inputNames).join('\u0000');
      const old = nodeCache.get(node.id);
      const shape = composite(node);
      const datasets = node.op === DATASET_OP ? state.doc.datasets : undefined;
      // A value edit changes only the node's params: the node component reads those from the
      // store itself, so the flow node (and with it React Flow's whole store) stays untouched.
      const entry: NodeCacheEntry =
        old &&
        old.definition === shape?.definition &&
        sameApartFromValue(old.node, node) &&
        old.position === position &&
        old.selected === selected &&
        old.isOutput === isOutput &&
        old.inputNames === inputKey &&
        old.datasets === datasets
          ? old
          : {
              node,
              definition: shape?.definition,
              position,
              selected,
              isOutput,
              inputNames: inputKey,
              datasets,
              flow: {
                id: node.id,
                type: node.op === DATASET_OP ? 'dataset' : (shape?.type ?? 'op'),
                position: position ?? { x: 0, y: 0 },
                selected,
                data: { node, isOutput, inputNames },
                ariaLabel: `${displayName(node)}: ${node.op} node${isOutput ? ', the output J' : ''}`,
                ...(shape?.size ?? fixedSize(node, datasets)),
              },
            };
      if (entry !== old) reused = false;
      next.set(node.id, entry);
      return entry.flow;
    });
    reused &&= result.length === previousNodes.length;
    nodeCache = next;
    // Same objects in the same order: hand React Flow the same array so it does no work at all.
    if (reused) return previousNodes;
    previousNodes = result;
    return result;
  };

  const edges = (state: EditorState): GradientFlowEdge[] => {
    const { graph } = state.doc;
    const byId = new Map(graph.nodes.map((node) => [node.id as string, node]));
    const outputNode = graph.output ? byId.get(graph.output) : undefined;
    const outputName = outputNode ? symbolName(outputNode) : null;
    const next = new Map<string, EdgeCacheEntry>();
    let reused = true;
    const result = graph.edges.map((edge) => {
      const source = byId.get(edge.source);
      const target = byId.get(edge.target);
      const sourceName = source ? symbolName(source) : edge.source;
      const targetName = target ? symbolName(target) : edge.target;
      const selected = state.selection.edges.has(edge.id);
      const key = `${sourceName}\u0000${targetName}\u0000${outputName ?? ''}`;
      const old = edgeCache.get(edge.id);
      const entry: EdgeCacheEntry =
        old && old.edge === edge && old.selected === selected && old.key === key
          ? old
          : {
              edge,
              selected,
              key,
              flow: {
                id: edge.id,
                type: 'gradient',
                source: edge.source,
                target: edge.target,
                sourceHandle: edge.sourcePort ?? 'out',
                targetHandle: edge.targetPort,
                selected,
                ariaLabel: `Edge from ${sourceName} into ${targetName}.${edge.targetPort}`,
                data: { sourceName, targetName, outputName, port: edge.targetPort },
              },
            };
      if (entry !== old) reused = false;
      next.set(edge.id, entry);
      return entry.flow;
    });
    reused &&= result.length === previousEdges.length;
    edgeCache = next;
    if (reused) return previousEdges;
    previousEdges = result;
    return result;
  };

  return { nodes, edges };
};
