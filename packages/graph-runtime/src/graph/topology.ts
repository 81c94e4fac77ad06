import type { NodeId } from './ids';
import type { GraphSpec } from './types';

interface EdgeLike {
  readonly source: NodeId;
  readonly target: NodeId;
}

/**
 * Kahn's algorithm over node ids: returns the order, or the nodes left over when there is a
 * cycle. Iterative, linear time.
 */
const kahn = (
  nodes: readonly NodeId[],
  edges: readonly EdgeLike[],
): { order: NodeId[]; leftover: Set<NodeId> } => {
  const indegree = new Map<NodeId, number>();
  const consumers = new Map<NodeId, NodeId[]>();
  for (const id of nodes) {
    indegree.set(id, 0);
    consumers.set(id, []);
  }
  for (const edge of edges) {
    indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1);
    consumers.get(edge.source)?.push(edge.target);
  }
  const order: NodeId[] = [];
  for (const id of nodes) if (indegree.get(id) === 0) order.push(id);
  // `order` doubles as the queue: everything before `head` is settled.
  for (let head = 0; head < order.length; head++) {
    for (const next of consumers.get(order[head]!) ?? []) {
      const remaining = indegree.get(next)! - 1;
      indegree.set(next, remaining);
      if (remaining === 0) order.push(next);
    }
  }
  const leftover = new Set<NodeId>();
  if (order.length < nodes.length) {
    for (const [id, degree] of indegree) if (degree > 0) leftover.add(id);
  }
  return { order, leftover };
};

/**
 * Finds one cycle, returned as its node ids with the first repeated at the end
 * (`['a', 'b', 'a']`), or `null` for an acyclic graph. Iterative.
 * @public
 */
export const findCycle = (
  nodes: readonly NodeId[],
  edges: readonly EdgeLike[],
): NodeId[] | null => {
  const { leftover } = kahn(nodes, edges);
  if (leftover.size === 0) return null;
  // Every leftover node has a predecessor among the leftovers, so walking predecessors
  // must revisit a node: that revisit closes a cycle.
  const predecessor = new Map<NodeId, NodeId>();
  for (const edge of edges) {
    if (leftover.has(edge.source) && leftover.has(edge.target) && !predecessor.has(edge.target)) {
      predecessor.set(edge.target, edge.source);
    }
  }
  const start = leftover.values().next().value as NodeId;
  const seenAt = new Map<NodeId, number>();
  const walk: NodeId[] = [];
  let current: NodeId | undefined = start;
  while (current !== undefined && !seenAt.has(current)) {
    seenAt.set(current, walk.length);
    walk.push(current);
    current = predecessor.get(current);
  }
  if (current === undefined) return null;
  // walk goes backwards along edges; reverse the looping part to read in edge direction.
  const loop = walk.slice(seenAt.get(current)!).reverse();
  return [...loop, loop[0]!];
};

/**
 * The nodes of an acyclic graph in topological order (every edge goes from earlier to later).
 * Iterative, so a 100,000-node chain is fine on the default stack.
 * @throws Error naming the cycle's path when the graph has one.
 * @example topologicalOrder({ nodes, edges }) // ['a', 'b', 'c', 'u', 'v', 'J']
 * @public
 */
export const topologicalOrder = (graph: Pick<GraphSpec, 'nodes' | 'edges'>): NodeId[] => {
  const ids = graph.nodes.map((node) => node.id);
  const { order, leftover } = kahn(ids, graph.edges);
  if (leftover.size > 0) {
    const cycle = findCycle(ids, graph.edges);
    throw new Error(`the graph has a cycle: ${(cycle ?? [...leftover]).join(' → ')}`);
  }
  return order;
};
