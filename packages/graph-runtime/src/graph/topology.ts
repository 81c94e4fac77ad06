import type { NodeId } from './ids';
import type { GraphSpec } from './types';

interface EdgeLike {
  readonly source: NodeId;
  readonly target: NodeId;
}

/**
 * Kahn's algorithm over node ids: returns the order, or the nodes left over when there is a
 * cycle. Iterative and linear; ids are mapped to integers once so the inner loops run on typed
 * arrays (building a 100k-node runtime spends most of its time here otherwise).
 */
const kahn = (
  nodes: readonly NodeId[],
  edges: readonly EdgeLike[],
): { order: NodeId[]; leftover: Set<NodeId> } => {
  const count = nodes.length;
  const indexOf = new Map<NodeId, number>();
  for (let index = 0; index < count; index++) indexOf.set(nodes[index]!, index);
  const indegree = new Int32Array(count);
  // Consumers in compressed rows: firstConsumer[i]..firstConsumer[i + 1] index into consumers.
  const firstConsumer = new Int32Array(count + 1);
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  let edgeCount = 0;
  for (const edge of edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined) continue;
    sources[edgeCount] = source;
    targets[edgeCount] = target;
    edgeCount++;
    indegree[target]!++;
    firstConsumer[source + 1]!++;
  }
  for (let index = 0; index < count; index++) firstConsumer[index + 1]! += firstConsumer[index]!;
  const consumers = new Int32Array(edgeCount);
  const fill = firstConsumer.slice(0, count);
  for (let index = 0; index < edgeCount; index++)
    consumers[fill[sources[index]!]!++] = targets[index]!;
  const queue = new Int32Array(count);
  let tail = 0;
  for (let index = 0; index < count; index++) if (indegree[index] === 0) queue[tail++] = index;
  // Everything before `head` is settled.
  for (let head = 0; head < tail; head++) {
    const current = queue[head]!;
    for (let slot = firstConsumer[current]!; slot < firstConsumer[current + 1]!; slot++) {
      const next = consumers[slot]!;
      if (--indegree[next]! === 0) queue[tail++] = next;
    }
  }
  const order: NodeId[] = new Array<NodeId>(tail);
  for (let index = 0; index < tail; index++) order[index] = nodes[queue[index]!]!;
  const leftover = new Set<NodeId>();
  if (tail < count) {
    for (let index = 0; index < count; index++)
      if (indegree[index]! > 0) leftover.add(nodes[index]!);
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
