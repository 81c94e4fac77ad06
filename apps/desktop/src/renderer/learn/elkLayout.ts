import type { GraphSpec, NodeId, OpRegistry } from '@chainrule/graph-runtime';
import { autoLayout } from '@chainrule/graph-runtime';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode, ElkPort } from 'elkjs/lib/elk-api';

/** What {@link layoutGraph} needs of ELK: the main-thread bundle, or one in a worker. */
export interface ElkLayout {
  layout(graph: ElkNode): Promise<ElkNode>;
}
import type { XY } from '../document/editorDocument';

/** A node's size on the canvas; React Flow measures it, the fallback is a typical op node. */
export interface NodeSize {
  readonly width: number;
  readonly height: number;
}

/** The size of an op node before React Flow has measured it. */
export const DEFAULT_NODE_SIZE: NodeSize = { width: 170, height: 96 };

/** Options of {@link layoutGraph}. */
export interface LayoutGraphOptions {
  /** Measured node sizes; missing nodes get {@link DEFAULT_NODE_SIZE}. */
  readonly sizes?: ReadonlyMap<string, NodeSize>;
  /** Gap between layers (columns), in canvas units. Default {@link LAYER_GAP}. */
  readonly layerSpacing?: number;
  /** Gap between nodes of one layer. Default {@link NODE_GAP}. */
  readonly nodeSpacing?: number;
  /** The ELK to lay out with (a Web Worker's, see elkWorker.ts); by default one in this thread. */
  readonly elk?: ElkLayout;
}

/** Default gap between layers (columns), in canvas units. */
export const LAYER_GAP = 70;
/** Default gap between the nodes of one layer. */
export const NODE_GAP = 36;

// One ELK instance for the window: the bundled variant runs in this thread (no worker file to
// ship), and it holds no state between layouts.
let elk: InstanceType<typeof ELK> | null = null;

const portId = (node: string, port: string): string => `${node}\u0000${port}`;

/**
 * Lays a graph out left to right with ELK's layered algorithm, the way the seed is drawn: inputs
 * on the left, J on the right, every edge pointing right. Ports are respected: each node's input
 * ports sit on its west side in the op's port order (a above b), its output on the east side, so
 * the edge into port a never crosses the edge into port b. Returns the top-left corner of every
 * node, rounded to whole canvas units.
 * @example
 * const positions = await layoutGraph(doc.graph, standardRegistry);
 * store.edit('Tidy up', (doc) => moveNodes(doc, positions));
 */
export const layoutGraph = async (
  graph: GraphSpec,
  registry: OpRegistry,
  options: LayoutGraphOptions = {},
): Promise<Map<NodeId, XY>> => {
  const engine: ElkLayout = options.elk ?? (elk ??= new ELK());
  const children: ElkNode[] = graph.nodes.map((node) => {
    const size = options.sizes?.get(node.id) ?? DEFAULT_NODE_SIZE;
    const inputs = registry.get(node.op)?.inputs ?? [];
    const ports: ElkPort[] = inputs.map((port, index) => ({
      id: portId(node.id, port),
      // Evenly spaced down the west side, as the node draws its handles.
      y: ((index + 1) / (inputs.length + 1)) * size.height,
      x: 0,
      width: 1,
      height: 1,
      layoutOptions: { 'elk.port.side': 'WEST' },
    }));
    ports.push({
      id: portId(node.id, 'out'),
      x: size.width,
      y: size.height / 2,
      width: 1,
      height: 1,
      layoutOptions: { 'elk.port.side': 'EAST' },
    });
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      ports,
      // The handles' real positions, so ELK orders (and straightens) edges into the ports the
      // way the node draws them; FIXED_ORDER would need ELK's clockwise index (bottom-up on WEST).
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    };
  });
  const known = new Set(graph.nodes.map((node) => node.id as string));
  const edges = graph.edges
    .filter((edge) => known.has(edge.source) && known.has(edge.target))
    .map((edge) => ({
      id: edge.id,
      sources: [portId(edge.source, 'out')],
      targets: [portId(edge.target, edge.targetPort)],
    }));
  const laidOut = await engine.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(options.layerSpacing ?? LAYER_GAP),
      'elk.spacing.nodeNode': String(options.nodeSpacing ?? NODE_GAP),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'false',
      'elk.separateConnectedComponents': 'true',
    },
    children,
    edges,
  });
  const positions = new Map<NodeId, XY>();
  const byId = new Map(graph.nodes.map((node) => [node.id as string, node.id]));
  for (const child of laidOut.children ?? []) {
    const id = byId.get(child.id);
    if (id !== undefined) {
      positions.set(id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
    }
  }
  return positions;
};

/**
 * From this many nodes Tidy up uses graph-runtime's layered layout instead of ELK: linear, a few
 * milliseconds for 1,000 nodes, where ELK needs seconds (most of it loading and optimising its
 * own code in the worker, then seven crossing-minimisation passes). ELK's port-aware polish is
 * what small, read-closely graphs need; a big graph needs layers, order and no overlaps.
 */
export const BIG_LAYOUT = 300;

/**
 * Tidy up's layout: ELK ({@link layoutGraph}) below {@link BIG_LAYOUT} nodes, graph-runtime's
 * `autoLayout` (layers left to right, each ordered by its inputs' rows) from there, spaced for
 * the largest node so no two overlap. Same options and result as {@link layoutGraph}.
 */
export const tidyLayout = async (
  graph: GraphSpec,
  registry: OpRegistry,
  options: LayoutGraphOptions = {},
): Promise<Map<NodeId, XY>> => {
  if (graph.nodes.length < BIG_LAYOUT) return layoutGraph(graph, registry, options);
  let width = DEFAULT_NODE_SIZE.width;
  let height = DEFAULT_NODE_SIZE.height;
  for (const size of options.sizes?.values() ?? []) {
    width = Math.max(width, size.width);
    height = Math.max(height, size.height);
  }
  const laid = autoLayout(graph, {
    layerSpacing: width + (options.layerSpacing ?? LAYER_GAP),
    rowSpacing: height + (options.nodeSpacing ?? NODE_GAP) / 2,
  });
  const positions = new Map<NodeId, XY>();
  for (const node of graph.nodes) {
    const at = laid[node.id];
    if (at) positions.set(node.id, { x: Math.round(at.x), y: Math.round(at.y) });
  }
  return positions;
};
