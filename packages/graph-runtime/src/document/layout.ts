import type { GraphSpec } from '../graph/types';
import type { Position } from './types';

/** Horizontal distance between layers, in canvas units. @public */
export const LAYER_SPACING = 200;
/** Vertical distance between nodes of one layer, in canvas units. @public */
export const ROW_SPACING = 100;

/**
 * A readable left-to-right layered layout: every node sits one layer right of its furthest
 * input, so data flows left to right like the seed's figure; within a layer, nodes are ordered
 * by the average row of their inputs (fewer crossings), and each layer is centred vertically.
 * Constants (`const` nodes) sit just left of their first consumer rather than in the first column,
 * so `3 · v` reads as in the seed. Iterative and linear-ish (a sort per layer), so 100,000 nodes are
 * fine; nodes on a cycle (an invalid graph) are placed in a column after everything else.
 *
 * Returns a `null`-prototype record keyed by node id.
 * @example autoLayout(spec)['J'] // { x: 600, y: 50 }
 * @public
 */
export const autoLayout = (graph: GraphSpec): Record<string, Position> => {
  const count = graph.nodes.length;
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, index);
  });
  const inputs: number[][] = Array.from({ length: count }, () => []);
  const consumers: number[][] = Array.from({ length: count }, () => []);
  for (const edge of graph.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    inputs[target]!.push(source);
    consumers[source]!.push(target);
  }

  // Longest-path layering by Kahn's algorithm.
  const layer = new Array<number>(count).fill(0);
  const remaining = inputs.map((list) => list.length);
  const order: number[] = [];
  for (let index = 0; index < count; index++) if (remaining[index] === 0) order.push(index);
  for (let head = 0; head < order.length; head++) {
    const node = order[head]!;
    for (const next of consumers[node]!) {
      layer[next] = Math.max(layer[next]!, layer[node]! + 1);
      if (--remaining[next]! === 0) order.push(next);
    }
  }
  let lastLayer = 0;
  for (const node of order) lastLayer = Math.max(lastLayer, layer[node]!);
  if (order.length < count) {
    for (let index = 0; index < count; index++) {
      if (remaining[index]! > 0) layer[index] = lastLayer + 1;
    }
  }

  // Pull constants right, next to their first consumer (inputs stay in the first column).
  for (let index = 0; index < count; index++) {
    if (graph.nodes[index]!.op !== 'const' || inputs[index]!.length > 0) continue;
    const targets = consumers[index]!;
    if (targets.length === 0) continue;
    let nearest = Infinity;
    for (const target of targets) nearest = Math.min(nearest, layer[target]!);
    layer[index] = Math.max(0, nearest - 1);
  }

  const layers: number[][] = [];
  for (let index = 0; index < count; index++) {
    const column = layer[index]!;
    while (layers.length <= column) layers.push([]);
    layers[column]!.push(index);
  }

  const row = new Array<number>(count).fill(0);
  const positions = Object.create(null) as Record<string, Position>;
  let minY = Infinity;
  layers.forEach((members, column) => {
    const key = new Map<number, number>();
    for (const node of members) {
      const sources = inputs[node]!;
      let sum = 0;
      let placed = 0;
      for (const source of sources) {
        if (layer[source]! < column) {
          sum += row[source]!;
          placed++;
        }
      }
      // Nodes without placed inputs keep document order, after the ones that follow their inputs.
      key.set(node, placed > 0 ? sum / placed : Number.MAX_SAFE_INTEGER);
    }
    members.sort((left, right) => key.get(left)! - key.get(right)! || left - right);
    const offset = (members.length - 1) / 2;
    members.forEach((node, position) => {
      row[node] = position - offset;
      minY = Math.min(minY, row[node]! * ROW_SPACING);
    });
  });
  for (let index = 0; index < count; index++) {
    const id = graph.nodes[index]!.id;
    if (indexOf.get(id) !== index) continue;
    positions[id] = { x: layer[index]! * LAYER_SPACING, y: row[index]! * ROW_SPACING - minY };
  }
  return positions;
};
