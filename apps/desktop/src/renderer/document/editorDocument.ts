import type {
  CompositeDefinition,
  DatasetSpec,
  EdgeId,
  GraphEdge,
  GraphNode,
  GraphSpec,
  NodeId,
  NodeParams,
  PortName,
  TrainingSpec,
} from '@chainrule/graph-runtime';
import { edgeId, nodeId } from '@chainrule/graph-runtime';

/** A point on the canvas, in flow coordinates. */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/**
 * What a person edits and undoes: the graph's meaning plus its layout. Immutable: every edit
 * returns a new document that shares what did not change, so undo keeps whole snapshots cheaply
 * and the runtime binding finds what changed by comparing references.
 */
export interface EditorDocument {
  readonly graph: GraphSpec;
  readonly positions: Readonly<Record<string, XY>>;
  readonly name?: string;
  readonly description?: string;
  /** Composite ops defined in this document (format v2); their instances are nodes of the graph. */
  readonly definitions?: readonly CompositeDefinition[];
  /**
   * Set only on the view of an opened instance (composites/scope.ts): the definition whose inner
   * graph this is, so the canvas can draw its input ports as ports.
   */
  readonly opened?: CompositeDefinition;
  /** The data its dataset nodes output (issue 14). */
  readonly datasets?: readonly DatasetSpec[];
  /** What training on the data reads (task, prediction, target). */
  readonly training?: TrainingSpec;
}

/**
 * A table keyed by node id, without a prototype: ids such as `__proto__`, `constructor` or
 * `toString` (the format allows them) are plain keys, never Object.prototype's members. Every
 * position table of the editor is made here.
 * @example idTable([['__proto__', { x: 1, y: 2 }]])['__proto__'] // { x: 1, y: 2 }
 */
export const idTable = <T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> => {
  const table = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) table[key] = value;
  return table;
};

/** A copy of an id table (of any origin) as a prototype-free {@link idTable}. */
export const copyIdTable = <T>(table: Readonly<Record<string, T>>): Record<string, T> =>
  idTable(Object.entries(table));

/** A node's position: an own entry only, so `toString` never finds Object.prototype's. */
export const positionOf = (positions: Readonly<Record<string, XY>>, id: string): XY | undefined =>
  Object.prototype.hasOwnProperty.call(positions, id) ? positions[id] : undefined;

/** An empty document: where "New" starts. */
export const emptyDocument = (): EditorDocument => ({
  graph: { nodes: [], edges: [], output: null },
  positions: idTable(),
});

/** The name a node is shown by: its label, or its id when it has none. */
export const displayName = (node: GraphNode): string => node.label ?? node.id;

const indexes = new WeakMap<readonly GraphNode[], ReadonlyMap<string, GraphNode>>();

/**
 * The graph's nodes by id, built once per nodes array (documents are immutable, so an edit makes
 * a new array): a thousand node components can each look themselves up in O(1) per store change.
 */
export const nodesById = (nodes: readonly GraphNode[]): ReadonlyMap<string, GraphNode> => {
  let index = indexes.get(nodes);
  if (!index) {
    index = new Map(nodes.map((node) => [node.id as string, node]));
    indexes.set(nodes, index);
  }
  return index;
};

/**
 * The short name used in formulas: a label written as `u = b·c` is called `u`, so derivatives
 * read `dJ/du` rather than quoting the whole label.
 */
export const symbolName = (node: GraphNode): string => {
  const name = displayName(node);
  const head = name.split('=')[0]!.trim();
  return head === '' ? node.id : head;
};

/** Finds a node by id (linear: graphs a person edits by hand are small). */
export const findNode = (doc: EditorDocument, id: NodeId): GraphNode | undefined =>
  doc.graph.nodes.find((node) => node.id === id);

const withGraph = (doc: EditorDocument, graph: Partial<GraphSpec>): EditorDocument => ({
  ...doc,
  graph: { ...doc.graph, ...graph },
});

/** Adds a node at a position. */
export const addNode = (doc: EditorDocument, node: GraphNode, at: XY): EditorDocument => ({
  ...withGraph(doc, { nodes: [...doc.graph.nodes, node] }),
  positions: idTable([...Object.entries(doc.positions), [node.id, at]]),
});

/** Adds an edge as it is; check it first with `checkConnection`. */
export const addEdge = (doc: EditorDocument, edge: GraphEdge): EditorDocument =>
  withGraph(doc, { edges: [...doc.graph.edges, edge] });

/**
 * Removes nodes (with every edge touching them) and edges. Removing the output node clears the
 * output, because an output that is not a node would make the graph invalid.
 */
export const removeElements = (
  doc: EditorDocument,
  nodeIds: Iterable<NodeId>,
  edgeIds: Iterable<EdgeId> = [],
): EditorDocument => {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  if (goneNodes.size === 0 && goneEdges.size === 0) return doc;
  const positions = copyIdTable(doc.positions);
  for (const id of goneNodes) delete positions[id];
  const output = doc.graph.output ?? null;
  return {
    ...doc,
    graph: {
      nodes: doc.graph.nodes.filter((node) => !goneNodes.has(node.id)),
      edges: doc.graph.edges.filter(
        (edge) =>
          !goneEdges.has(edge.id) && !goneNodes.has(edge.source) && !goneNodes.has(edge.target),
      ),
      output: output !== null && goneNodes.has(output) ? null : output,
    },
    positions,
  };
};

const updateNode = (
  doc: EditorDocument,
  id: NodeId,
  update: (node: GraphNode) => GraphNode,
): EditorDocument => {
  let changed = false;
  const nodes = doc.graph.nodes.map((node) => {
    if (node.id !== id) return node;
    const next = update(node);
    changed ||= next !== node;
    return next;
  });
  return changed ? withGraph(doc, { nodes }) : doc;
};

/** Replaces a node's params (for `input`/`const`, `params.value` is its value). */
export const setParams = (doc: EditorDocument, id: NodeId, params: NodeParams): EditorDocument =>
  updateNode(doc, id, (node) => ({ ...node, params }));

/** Sets a source node's value, keeping its other params. */
export const setValue = (doc: EditorDocument, id: NodeId, value: number): EditorDocument =>
  updateNode(doc, id, (node) =>
    Object.is(node.params?.['value'], value)
      ? node
      : { ...node, params: { ...node.params, value } },
  );

/** Renames a node; an empty label falls back to the id. */
export const setLabel = (doc: EditorDocument, id: NodeId, label: string): EditorDocument =>
  updateNode(doc, id, (node) => {
    const trimmed = label.trim();
    if ((node.label ?? '') === trimmed) return node;
    const { label: _old, ...rest } = node;
    return trimmed === '' || trimmed === node.id ? rest : { ...rest, label: trimmed };
  });

/** Chooses the output J, or none. */
export const setOutput = (doc: EditorDocument, id: NodeId | null): EditorDocument =>
  (doc.graph.output ?? null) === id ? doc : withGraph(doc, { output: id });

/** Moves nodes; positions are layout only, so the graph (and the runtime) is untouched. */
export const moveNodes = (
  doc: EditorDocument,
  moves: ReadonlyMap<NodeId, XY> | Readonly<Record<string, XY>>,
): EditorDocument => {
  const entries = moves instanceof Map ? [...moves] : Object.entries(moves);
  const changes = entries.filter(([id, at]) => {
    const old = positionOf(doc.positions, id);
    return old !== undefined && (old.x !== at.x || old.y !== at.y);
  });
  if (changes.length === 0) return doc;
  return { ...doc, positions: idTable([...Object.entries(doc.positions), ...changes]) };
};

/**
 * A fresh node id for an op: inputs get the next free letter (`a`, `b`, `c`… as in the seed),
 * other ops their op id and a number (`mul1`, `mul2`).
 */
export const freshNodeId = (taken: ReadonlySet<string>, op: string): NodeId => {
  if (op === 'input') {
    for (const letter of 'abcdefghijklmnopqrstuvwxyz')
      if (!taken.has(letter)) return nodeId(letter);
  }
  const stem = op === 'input' ? 'x' : op;
  for (let n = 1; ; n++) if (!taken.has(`${stem}${n}`)) return nodeId(`${stem}${n}`);
};

/** A fresh edge id, `e1`, `e2`… */
export const freshEdgeId = (taken: ReadonlySet<string>): EdgeId => {
  for (let n = 1; ; n++) if (!taken.has(`e${n}`)) return edgeId(`e${n}`);
};

/** The ids in use, for {@link freshNodeId} / {@link freshEdgeId}. */
export const takenIds = (doc: EditorDocument): { nodes: Set<string>; edges: Set<string> } => ({
  nodes: new Set(doc.graph.nodes.map((node) => node.id)),
  edges: new Set(doc.graph.edges.map((edge) => edge.id)),
});

/** The edge into a port, if any. */
export const edgeIntoPort = (
  doc: EditorDocument,
  target: NodeId,
  port: PortName,
): GraphEdge | undefined =>
  doc.graph.edges.find((edge) => edge.target === target && edge.targetPort === port);
