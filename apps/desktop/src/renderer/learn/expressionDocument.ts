import type { EdgeId, GraphSpec, NodeId } from '@chainrule/graph-runtime';
import type { EditorDocument, XY } from '../document/editorDocument';
import { copyIdTable, freshEdgeId, idTable, takenIds } from '../document/editorDocument';

/** What the expression parser hands over: a graph and a left-to-right placement. */
export interface BuiltGraph {
  readonly graph: GraphSpec;
  readonly positions: ReadonlyMap<NodeId, XY>;
}

/** How an expression's graph lands on the canvas. */
export type ExpressionMode = 'replace' | 'insert';

/** Vertical gap between the existing graph and an inserted one, in canvas units. */
const INSERT_GAP = 160;

const freshNodeName = (taken: ReadonlySet<string>, wanted: string): string => {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}_${n}`)) return `${wanted}_${n}`;
};

/**
 * Puts an expression's graph into a document. `replace` makes the graph the whole document
 * (name and description kept); `insert` adds it below what is there, renaming clashing ids
 * (`a` → `a_2`, labels kept so it still reads `a`) and keeping the document's output J if it
 * has one. Pure: the caller makes it one undoable edit.
 * @example store.edit('Build from expression', (doc) => expressionDocument(doc, built, 'replace'));
 */
export const expressionDocument = (
  doc: EditorDocument,
  built: BuiltGraph,
  mode: ExpressionMode,
): EditorDocument => {
  if (mode === 'replace' || doc.graph.nodes.length === 0) {
    const positions = idTable<XY>();
    for (const node of built.graph.nodes)
      positions[node.id] = built.positions.get(node.id) ?? { x: 0, y: 0 };
    return { ...doc, graph: built.graph, positions };
  }
  const taken = takenIds(doc);
  const rename = new Map<string, NodeId>();
  for (const node of built.graph.nodes) {
    const id = freshNodeName(taken.nodes, node.id) as NodeId;
    taken.nodes.add(id);
    rename.set(node.id, id);
  }
  let bottom = -Infinity;
  let left = Infinity;
  for (const at of Object.values(doc.positions)) {
    bottom = Math.max(bottom, at.y);
    left = Math.min(left, at.x);
  }
  const offset: XY = Number.isFinite(bottom) ? { x: left, y: bottom + INSERT_GAP } : { x: 0, y: 0 };
  const positions = copyIdTable(doc.positions);
  const nodes = built.graph.nodes.map((node) => {
    const id = rename.get(node.id)!;
    const at = built.positions.get(node.id) ?? { x: 0, y: 0 };
    positions[id] = { x: at.x + offset.x, y: at.y + offset.y };
    // A renamed node keeps the name the person typed as its label.
    return id === node.id ? node : { ...node, id, label: node.label ?? node.id };
  });
  const edges = built.graph.edges.map((edge) => {
    const id: EdgeId = freshEdgeId(taken.edges);
    taken.edges.add(id);
    return { ...edge, id, source: rename.get(edge.source)!, target: rename.get(edge.target)! };
  });
  const builtOutput = built.graph.output ?? null;
  const output = doc.graph.output ?? (builtOutput === null ? null : rename.get(builtOutput)!);
  return {
    ...doc,
    graph: { nodes: [...doc.graph.nodes, ...nodes], edges: [...doc.graph.edges, ...edges], output },
    positions,
  };
};
