import type { GraphSpec, NodeId, OpRegistry } from '@chainrule/graph-runtime';
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
  /** Gap between layers (columns), in canvas units. Default 70. */
  readonly layerSpacing?: number;
  /** Gap between nodes of one layer. Default 36. */
  readonly nodeSpacing?: number;
  /** The ELK to lay out with (a Web Worker's, see elkWorker.ts); by default one in this thread. */
  readonly elk?: ElkLayout;
}

/**
 * From this many nodes, layouts trade ELK's thoroughness for speed (a 1,000-node Tidy up in about
 * a second): one crossing-minimisation pass instead of seven, longest-path layering, and simple
 * node placement, which also keeps big graphs compact (Brandes–Köpf stretched a 1,000-node
 * lattice to 48,000 canvas units tall; simple placement, 5,000).
 */
export const BIG_LAYOUT = 300;

/** ELK's options for a graph of `nodes` nodes (see {@link BIG_LAYOUT}). */
export const elkOptions = (
  nodes: number,
  spacing: { readonly layer: number; readonly node: number },
): Record<string, string> => ({
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(spacing.layer),
  'elk.spacing.nodeNode': String(spacing.node),
  'elk.layered.crossingMinimization.semiInteractive': 'false',
  'elk.separateConnectedComponents': 'true',
  ...(nodes < BIG_LAYOUT
    ? { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' }
    : {
        'elk.layered.thoroughness': '1',
        'elk.layered.layering.strategy': 'LONGEST_PATH',
        'elk.layered.nodePlacement.strategy': 'SIMPLE',
      }),
});

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
    layoutOptions: elkOptions(graph.nodes.length, {
      layer: options.layerSpacing ?? 70,
      node: options.nodeSpacing ?? 36,
    }),
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
