import type {
  GraphEdge,
  GraphNode,
  NodeId,
  OpDefinition,
  OpRegistry,
} from '@chainrule/graph-runtime';
import { nodeId, sourceValueOf } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from './editorDocument';
import {
  copyIdTable,
  freshEdgeId,
  freshNodeId,
  idTable,
  positionOf,
  takenIds,
} from './editorDocument';

/**
 * A piece of a graph on the clipboard: some nodes, the edges between them (edges to nodes left
 * behind are dropped), and their positions. Plain data, so it can travel as JSON text.
 */
export interface GraphFragment {
  readonly kind: 'chainrule-fragment';
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly positions: Readonly<Record<string, XY>>;
}

/** Copies the given nodes and the edges internal to them. */
export const extractFragment = (doc: EditorDocument, ids: Iterable<NodeId>): GraphFragment => {
  const chosen = new Set(ids);
  const nodes = doc.graph.nodes.filter((node) => chosen.has(node.id));
  const edges = doc.graph.edges.filter(
    (edge) => chosen.has(edge.source) && chosen.has(edge.target),
  );
  const positions = idTable<XY>();
  for (const node of nodes)
    positions[node.id] = positionOf(doc.positions, node.id) ?? { x: 0, y: 0 };
  return { kind: 'chainrule-fragment', nodes, edges, positions };
};

/**
 * Pastes a fragment with fresh ids (so it can go into the graph it came from, or another),
 * shifted by `offset`. Labels are kept; a node whose label was its old id keeps showing that name.
 * Returns the new document and the ids of the pasted nodes, to select them.
 */
export const insertFragment = (
  doc: EditorDocument,
  fragment: GraphFragment,
  offset: XY,
): { doc: EditorDocument; nodeIds: NodeId[] } => {
  const taken = takenIds(doc);
  const renamed = new Map<NodeId, NodeId>();
  const nodes: GraphNode[] = [];
  const positions = copyIdTable(doc.positions);
  for (const node of fragment.nodes) {
    const id = freshNodeId(taken.nodes, node.op);
    taken.nodes.add(id);
    renamed.set(node.id, id);
    nodes.push({ ...node, id });
    const at = positionOf(fragment.positions, node.id) ?? { x: 0, y: 0 };
    positions[id] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  const edges: GraphEdge[] = [];
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    const id = freshEdgeId(taken.edges);
    taken.edges.add(id);
    edges.push({ id, source, target, targetPort: edge.targetPort });
  }
  return {
    doc: {
      ...doc,
      graph: {
        ...doc.graph,
        nodes: [...doc.graph.nodes, ...nodes],
        edges: [...doc.graph.edges, ...edges],
      },
      positions,
    },
    nodeIds: [...renamed.values()],
  };
};

/** Reads a fragment back from clipboard text, or `null` if the text is not one of ours. */
export const parseFragment = (text: string): GraphFragment | null => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const candidate = data as Partial<GraphFragment>;
  if (
    candidate.kind !== 'chainrule-fragment' ||
    !Array.isArray(candidate.nodes) ||
    !Array.isArray(candidate.edges) ||
    typeof candidate.positions !== 'object' ||
    candidate.positions === null
  ) {
    return null;
  }
  const isString = (value: unknown): value is string => typeof value === 'string';
  const nodes = candidate.nodes.filter(
    (node): node is GraphNode =>
      typeof node === 'object' && node !== null && isString(node.id) && isString(node.op),
  );
  const edges = candidate.edges.filter(
    (edge): edge is GraphEdge =>
      typeof edge === 'object' &&
      edge !== null &&
      isString(edge.source) &&
      isString(edge.target) &&
      isString(edge.targetPort),
  );
  const positions = idTable<XY>();
  for (const [id, at] of Object.entries(candidate.positions as Record<string, unknown>)) {
    const point = at as Partial<XY> | null;
    if (point && Number.isFinite(point.x) && Number.isFinite(point.y)) {
      positions[id] = { x: point.x!, y: point.y! };
    }
  }
  return {
    kind: 'chainrule-fragment',
    nodes: nodes.map((node) => ({ ...node, id: nodeId(node.id) })),
    edges,
    positions,
  };
};

/**
 * Makes a fragment from outside (clipboard text) safe to paste: drops nodes with unknown ops and
 * edges into ports that do not exist or are already filled inside the fragment, and gives a
 * source node without a finite value its op's default.
 */
export const sanitizeFragment = (fragment: GraphFragment, registry: OpRegistry): GraphFragment => {
  const nodes: GraphNode[] = [];
  const kept = new Map<string, OpDefinition>();
  for (const node of fragment.nodes) {
    const op = registry.get(node.op);
    if (!op || kept.has(node.id)) continue;
    kept.set(node.id, op);
    const label = typeof node.label === 'string' ? node.label : undefined;
    const base: GraphNode = label
      ? { id: node.id, op: node.op, label }
      : { id: node.id, op: node.op };
    if (op.kind === 'source') {
      const fallback = op.params.find((param) => param.name === 'value')?.default ?? 0;
      nodes.push({ ...base, params: { value: sourceValueOf(node.params) ?? fallback } });
    } else {
      nodes.push(base);
    }
  }
  const filled = new Set<string>();
  const edges = fragment.edges.filter((edge) => {
    const target = kept.get(edge.target);
    const key = `${edge.target}\u0000${edge.targetPort}`;
    if (!kept.has(edge.source) || !target || !target.inputs.includes(edge.targetPort)) return false;
    if (edge.source === edge.target || filled.has(key)) return false;
    filled.add(key);
    return true;
  });
  // A fragment from outside might still hold a cycle; keep only edges that go "forward" in the
  // order the nodes were listed, which cannot form one.
  const order = new Map(nodes.map((node, i) => [node.id as string, i]));
  return {
    ...fragment,
    nodes,
    edges: edges.filter((edge) => order.get(edge.source)! < order.get(edge.target)!),
  };
};
