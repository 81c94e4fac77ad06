import { topologicalIndexOrder } from '../graph/topology';
import type { GraphSpec } from '../graph/types';
import type { Position } from './types';

/** Horizontal distance between layers, in canvas units. @public */
export const LAYER_SPACING = 200;
/** Vertical distance between nodes of one layer, in canvas units. @public */
export const ROW_SPACING = 100;

/** Spacing for {@link autoLayout}, in canvas units. @public */
export interface AutoLayoutOptions {
  /** Horizontal distance between layers. Default {@link LAYER_SPACING}. */
  readonly layerSpacing?: number;
  /** Vertical distance between nodes of one layer. Default {@link ROW_SPACING}. */
  readonly rowSpacing?: number;
}

/**
 * The one layered layout of Chainrule (the app's ELK layout refines it on request): left to
 * right, every node one layer right of its furthest input, so data flows like the seed's figure;
 * within a layer, nodes are ordered by the average row of their inputs (fewer crossings), and
 * each layer is centred vertically. Constants (`const` nodes) sit just left of their first
 * consumer rather than in the first column, so `3 · v` reads as in the seed. Used for files
 * without positions and for graphs typed as expressions. Layers come from the one topological
 * sort ({@link topologicalIndexOrder}); iterative and linear-ish (a sort per layer), so 100,000
 * nodes are fine; nodes on a cycle (an invalid graph) are placed in a column after everything
 * else.
 *
 * Returns a `null`-prototype record keyed by node id.
 * @example autoLayout(spec)['J'] // { x: 600, y: 50 }
 * @public
 */
export const autoLayout = (
  graph: Pick<GraphSpec, 'nodes' | 'edges'>,
  options: AutoLayoutOptions = {},
): Record<string, Position> => {
  const layerSpacing = options.layerSpacing ?? LAYER_SPACING;
  const rowSpacing = options.rowSpacing ?? ROW_SPACING;
  const count = graph.nodes.length;
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, index);
  });
  const inputs: number[][] = Array.from({ length: count }, () => []);
  const consumers: number[][] = Array.from({ length: count }, () => []);
  const edgeSources = new Int32Array(graph.edges.length).fill(-1);
  const edgeTargets = new Int32Array(graph.edges.length).fill(-1);
  graph.edges.forEach((edge, index) => {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined || source === target) return;
    inputs[target]!.push(source);
    consumers[source]!.push(target);
    edgeSources[index] = source;
    edgeTargets[index] = target;
  });

  // Longest-path layering along the topological order.
  const layer = new Array<number>(count).fill(0);
  const { order, placed, leftoverIndegree } = topologicalIndexOrder(
    count,
    edgeSources,
    edgeTargets,
  );
  let lastLayer = 0;
  for (let position = 0; position < placed; position++) {
    const node = order[position]!;
    lastLayer = Math.max(lastLayer, layer[node]!);
    for (const next of consumers[node]!) layer[next] = Math.max(layer[next]!, layer[node]! + 1);
  }
  if (placed < count) {
    for (let index = 0; index < count; index++) {
      if (leftoverIndegree[index]! > 0) layer[index] = lastLayer + 1;
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
      minY = Math.min(minY, row[node]! * rowSpacing);
    });
  });
  for (let index = 0; index < count; index++) {
    const id = graph.nodes[index]!.id;
    if (indexOf.get(id) !== index) continue;
    positions[id] = { x: layer[index]! * layerSpacing, y: row[index]! * rowSpacing - minY };
  }
  return positions;
};
