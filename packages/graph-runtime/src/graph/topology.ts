import type { NodeId } from './ids';
import { listItems, quoteText } from './text';

/** Anything with a source and a target node id. @public */
export interface EdgeLike {
  readonly source: NodeId;
  readonly target: NodeId;
}

/**
 * The one topological sort of Chainrule (Kahn's algorithm) on integer node indices `0..count-1`
 * and edges given as parallel index arrays. Edges with a negative end are skipped (the engine
 * marks removed edges that way). Iterative and linear; the inner loops run on typed arrays.
 * Returns the order (its first `placed` entries) and the in-degrees left over: a node with a
 * positive leftover in-degree lies on, or behind, a cycle.
 * @example
 * const { order, placed } = topologicalIndexOrder(3, Int32Array.of(0, 1), Int32Array.of(1, 2), 2);
 * // order = [0, 1, 2], placed = 3
 * @public
 */
export const topologicalIndexOrder = (
  count: number,
  edgeSources: ArrayLike<number>,
  edgeTargets: ArrayLike<number>,
  edgeCount: number = edgeSources.length,
): { order: Int32Array; placed: number; leftoverIndegree: Int32Array } => {
  const indegree = new Int32Array(count);
  // Consumers in compressed rows: firstConsumer[i]..firstConsumer[i + 1] index into consumers.
  const firstConsumer = new Int32Array(count + 1);
  for (let index = 0; index < edgeCount; index++) {
    const source = edgeSources[index]!;
    const target = edgeTargets[index]!;
    if (source < 0 || target < 0) continue;
    indegree[target]!++;
    firstConsumer[source + 1]!++;
  }
  for (let index = 0; index < count; index++) firstConsumer[index + 1]! += firstConsumer[index]!;
  const consumers = new Int32Array(firstConsumer[count]!);
  const fill = firstConsumer.slice(0, count);
  for (let index = 0; index < edgeCount; index++) {
    const source = edgeSources[index]!;
    const target = edgeTargets[index]!;
    if (source < 0 || target < 0) continue;
    consumers[fill[source]!++] = target;
  }
  const order = new Int32Array(count);
  let tail = 0;
  for (let index = 0; index < count; index++) if (indegree[index] === 0) order[tail++] = index;
  // Everything before `head` is settled.
  for (let head = 0; head < tail; head++) {
    const current = order[head]!;
    for (let slot = firstConsumer[current]!; slot < firstConsumer[current + 1]!; slot++) {
      const next = consumers[slot]!;
      if (--indegree[next]! === 0) order[tail++] = next;
    }
  }
  return { order, placed: tail, leftoverIndegree: indegree };
};

/** Kahn over node ids: the order, or the nodes left over when there is a cycle. */
const kahn = (
  nodes: readonly NodeId[],
  edges: readonly EdgeLike[],
): { order: NodeId[]; leftover: Set<NodeId> } => {
  const count = nodes.length;
  const indexOf = new Map<NodeId, number>();
  for (let index = 0; index < count; index++) indexOf.set(nodes[index]!, index);
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  for (let index = 0; index < edges.length; index++) {
    const edge = edges[index]!;
    sources[index] = indexOf.get(edge.source) ?? -1;
    targets[index] = indexOf.get(edge.target) ?? -1;
  }
  const {
    order: indices,
    placed,
    leftoverIndegree,
  } = topologicalIndexOrder(count, sources, targets);
  const order: NodeId[] = new Array<NodeId>(placed);
  for (let index = 0; index < placed; index++) order[index] = nodes[indices[index]!]!;
  const leftover = new Set<NodeId>();
  if (placed < count) {
    for (let index = 0; index < count; index++)
      if (leftoverIndegree[index]! > 0) leftover.add(nodes[index]!);
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
export const topologicalOrder = (graph: {
  readonly nodes: readonly { readonly id: NodeId }[];
  readonly edges: readonly EdgeLike[];
}): NodeId[] => {
  const ids = graph.nodes.map((node) => node.id);
  const { order, leftover } = kahn(ids, graph.edges);
  if (leftover.size > 0) {
    const cycle = findCycle(ids, graph.edges);
    throw new Error(
      `the graph has a cycle: ${listItems((cycle ?? [...leftover]).map(quoteText), ' → ')}`,
    );
  }
  return order;
};
