import type { GraphEdge, GraphNode, GraphSpec, Runtime } from '@chainrule/graph-runtime';

const sameEdge = (a: GraphEdge, b: GraphEdge): boolean =>
  a.source === b.source && a.target === b.target && a.targetPort === b.targetPort;

/**
 * The ids whose runtime node or edge is not the one it was before an edit: added, removed, or
 * removed and added again under the same id (an op change, a rebuild, an undo). A view of such an
 * id must let go of its old handle and subscribe to the new one.
 */
export interface ReplacedIds {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

const NOTHING_REPLACED: ReplacedIds = { nodes: new Set(), edges: new Set() };

/**
 * Brings a runtime from graph `prev` to graph `next` with incremental calls in one transaction,
 * so an edit re-evaluates only its downstream cone and emits once per changed node. Relies on
 * the editor's immutability: nodes and edges that did not change are the same objects, so a
 * value edit costs one reference comparison per node. Returns the ids it replaced.
 */
export const followGraph = (runtime: Runtime, prev: GraphSpec, next: GraphSpec): ReplacedIds => {
  if (prev === next) return NOTHING_REPLACED;
  const nextNodes = new Map<string, GraphNode>(next.nodes.map((node) => [node.id, node]));
  const nextEdges = new Map<string, GraphEdge>(next.edges.map((edge) => [edge.id, edge]));
  const prevNodes = new Map<string, GraphNode>(prev.nodes.map((node) => [node.id, node]));
  const prevEdges = new Map<string, GraphEdge>(prev.edges.map((edge) => [edge.id, edge]));
  const prevOutput = prev.output ?? null;
  const nextOutput = next.output ?? null;
  const nodes = new Set<string>();
  const edges = new Set<string>();

  runtime.batch(() => {
    // An output about to disappear must be let go of before its node is removed.
    if (prevOutput !== nextOutput && prevOutput !== null) runtime.setOutput(null);
    // Removals first, so a replacement edge can take a port its predecessor held.
    for (const edge of prev.edges) {
      const kept = nextEdges.get(edge.id);
      if (!kept || (kept !== edge && !sameEdge(kept, edge))) {
        runtime.removeEdge(edge.id);
        edges.add(edge.id);
      }
    }
    for (const node of prev.nodes) {
      const kept = nextNodes.get(node.id);
      if (!kept || kept.op !== node.op) {
        runtime.removeNode(node.id);
        nodes.add(node.id);
      }
    }
    for (const node of next.nodes) {
      const old = prevNodes.get(node.id);
      if (!old || old.op !== node.op) {
        runtime.addNode(node);
        nodes.add(node.id);
      } else if (old.params !== node.params) runtime.setParams(node.id, node.params ?? {});
    }
    for (const edge of next.edges) {
      const old = prevEdges.get(edge.id);
      // A removed node takes its edges with it: those are added again, as new runtime edges.
      const survived = old && (old === edge || sameEdge(old, edge)) && runtime.hasEdge(edge.id);
      if (!survived) {
        runtime.addEdge(edge);
        edges.add(edge.id);
      }
    }
    // Also when the output's node was replaced under the same id: removing it let go of the
    // output, and the new node is not the output until it is chosen again.
    if (runtime.output() !== nextOutput) runtime.setOutput(nextOutput);
  });
  return { nodes, edges };
};
