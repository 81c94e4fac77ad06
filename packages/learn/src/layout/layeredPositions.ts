import type { GraphSpec, NodeId } from '@chainrule/graph-runtime';

/** Math.max without spreading, which overflows the stack on 100,000-element arrays. */
const maxOf = (values: readonly number[]): number => {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
};

/** A node's top-left position on the canvas, in canvas units. @public */
export interface CanvasPosition {
  readonly x: number;
  readonly y: number;
}

/** Spacing for {@link layeredPositions}. @public */
export interface LayeredPositionsOptions {
  /** Horizontal distance between layers. Default 180. */
  readonly columnWidth?: number;
  /** Vertical distance between nodes of one layer. Default 100. */
  readonly rowHeight?: number;
}

/**
 * A quick left-to-right layered placement: each node sits one column right of its furthest
 * input, sources sit just left of their first consumer, and rows follow the consumers' rows in
 * port order, so expression trees come out as the seed draws them (a, b, c on the left, J on
 * the right). Iterative and linear-ish; the app's elkjs layout can refine it. Nodes on a cycle
 * (invalid graphs) are placed in a final column rather than dropped.
 * @example const positions = layeredPositions(graph); positions.get(nodeId('J')); // { x: 540, y: 0 }
 * @public
 */
export const layeredPositions = (
  graph: GraphSpec,
  options: LayeredPositionsOptions = {},
): Map<NodeId, CanvasPosition> => {
  const columnWidth = options.columnWidth ?? 180;
  const rowHeight = options.rowHeight ?? 100;
  const ids = graph.nodes.map((node) => node.id);
  const indexOf = new Map<NodeId, number>(ids.map((id, index) => [id, index]));
  const inputsOf: number[][] = ids.map(() => []);
  const consumersOf: { node: number; port: number }[][] = ids.map(() => []);
  const indegree = ids.map(() => 0);
  for (const edge of graph.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined) continue;
    inputsOf[target]!.push(source);
    // Ports sort a before b before x: the order the op lists them for binary ops.
    consumersOf[source]!.push({ node: target, port: edge.targetPort.charCodeAt(0) });
    indegree[target]!++;
  }

  // Longest-path layering in Kahn order.
  const order: number[] = [];
  for (let i = 0; i < ids.length; i++) if (indegree[i] === 0) order.push(i);
  const layer = ids.map(() => 0);
  for (let head = 0; head < order.length; head++) {
    const current = order[head]!;
    for (const { node } of consumersOf[current]!) {
      layer[node] = Math.max(layer[node]!, layer[current]! + 1);
      if (--indegree[node]! === 0) order.push(node);
    }
  }
  if (order.length < ids.length) {
    const last = maxOf(layer) + 1;
    for (let i = 0; i < ids.length; i++) {
      if (indegree[i]! > 0) {
        layer[i] = last;
        order.push(i);
      }
    }
  }
  // Pull each source right, next to its nearest consumer, so long edges do not cross the canvas.
  for (let i = 0; i < ids.length; i++) {
    if (inputsOf[i]!.length === 0 && consumersOf[i]!.length > 0) {
      let nearest = Infinity;
      for (const { node } of consumersOf[i]!) nearest = Math.min(nearest, layer[node]!);
      layer[i] = nearest - 1;
    }
  }

  const layerCount = maxOf(layer) + 1;
  // Bucket nodes by layer in one flat array (counting sort): long chains have one node per
  // layer, and a small array per layer would dominate the cost.
  const start = new Array<number>(layerCount + 1).fill(0);
  for (const l of layer) start[l + 1]!++;
  for (let l = 0; l < layerCount; l++) start[l + 1]! += start[l]!;
  const fill = start.slice(0, layerCount);
  const bucket = new Array<number>(ids.length);
  for (const index of order) bucket[fill[layer[index]!]!++] = index;
  let tallest = 1;
  for (let l = 0; l < layerCount; l++) tallest = Math.max(tallest, start[l + 1]! - start[l]!);

  // Rows right to left: a node's row follows its consumers' rows, then the port it feeds.
  const row = ids.map(() => 0);
  const key = ids.map(() => 0);
  for (let l = layerCount - 1; l >= 0; l--) {
    const from = start[l]!;
    const to = start[l + 1]!;
    if (to - from === 1) continue;
    for (let slot = from; slot < to; slot++) {
      const index = bucket[slot]!;
      const consumers = consumersOf[index]!;
      if (consumers.length === 0) {
        key[index] = (slot - from) * 1000;
      } else {
        let sum = 0;
        for (const { node, port } of consumers) sum += row[node]! * 1000 + port;
        key[index] = sum / consumers.length;
      }
    }
    const members = bucket.slice(from, to).sort((p, q) => key[p]! - key[q]!);
    members.forEach((index, position) => {
      row[index] = position;
    });
  }

  const positions = new Map<NodeId, CanvasPosition>();
  for (let l = 0; l < layerCount; l++) {
    const offset = ((tallest - (start[l + 1]! - start[l]!)) * rowHeight) / 2;
    for (let slot = start[l]!; slot < start[l + 1]!; slot++) {
      const index = bucket[slot]!;
      positions.set(ids[index]!, { x: l * columnWidth, y: offset + row[index]! * rowHeight });
    }
  }
  return positions;
};
