import type {
  CompositeMap,
  GraphDocument,
  GraphEdge,
  GraphNode,
  GraphSpec,
  NodeParams,
  OpRegistry,
} from '@chainrule/graph-runtime';
import { flattenDocument, formatDocumentIssue } from '@chainrule/graph-runtime';
import type { EditorDocument } from '../document/editorDocument';

/** A document as the engine runs it: the plain graph and how the document maps onto it. */
export interface FlatGraph {
  readonly graph: GraphSpec;
  readonly map: CompositeMap;
}

/** How many of the flattener's problems a refusal names; the rest are counted. */
const SHOWN_PROBLEMS = 3;

/**
 * Flattens an editor document with the format's own `flattenDocument` (composite instances
 * and dataset nodes become plain nodes with path ids). A document without them comes back as
 * its own graph, the same object. A refusal is one message naming where each problem is.
 */
export const flattenEditorDocument = (
  doc: EditorDocument,
  registry: OpRegistry,
):
  | { readonly ok: true; readonly flat: FlatGraph }
  | { readonly ok: false; readonly message: string } => {
  const document = {
    ...(doc as Omit<EditorDocument, 'positions'>),
    layout: { positions: doc.positions },
  } as GraphDocument;
  const result = flattenDocument(document, { registry });
  if (result.ok) return { ok: true, flat: { graph: result.graph, map: result.map } };
  const shown = result.errors.slice(0, SHOWN_PROBLEMS).map(formatDocumentIssue);
  const more = result.errors.length - shown.length;
  return { ok: false, message: [...shown, ...(more > 0 ? [`…and ${more} more`] : [])].join('; ') };
};

const sameParams = (a: NodeParams | undefined, b: NodeParams | undefined): boolean => {
  if (a === b) return true;
  const left = a ?? {};
  const right = b ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.is(left[key], right[key]));
};

const sameNode = (a: GraphNode, b: GraphNode): boolean =>
  a.op === b.op && a.label === b.label && sameParams(a.params, b.params);

const sameEdge = (a: GraphEdge, b: GraphEdge): boolean =>
  a.source === b.source && a.target === b.target && a.targetPort === b.targetPort;

/**
 * `next` with every node and edge that equals its namesake in `prev` replaced by that object,
 * or `prev` itself when nothing differs. Flattening builds new inner nodes on every edit; the
 * runtime binding (`followGraph`) finds what changed by identity, so without this one value
 * edit would re-send every inner node's params.
 */
export const reuseUnchanged = (prev: GraphSpec, next: GraphSpec): GraphSpec => {
  if (prev === next) return prev;
  const oldNodes = new Map(prev.nodes.map((node) => [node.id as string, node]));
  const oldEdges = new Map(prev.edges.map((edge) => [edge.id as string, edge]));
  let same = prev.nodes.length === next.nodes.length && prev.edges.length === next.edges.length;
  const nodes = next.nodes.map((node, index) => {
    const old = oldNodes.get(node.id);
    const kept = old && (old === node || sameNode(old, node)) ? old : node;
    same &&= kept === prev.nodes[index];
    return kept;
  });
  const edges = next.edges.map((edge, index) => {
    const old = oldEdges.get(edge.id);
    const kept = old && (old === edge || sameEdge(old, edge)) ? old : edge;
    same &&= kept === prev.edges[index];
    return kept;
  });
  const output = next.output ?? null;
  if (same && (prev.output ?? null) === output) return prev;
  return { nodes, edges, output };
};
