import type { NodeId, NodeValue, OpRegistry, Runtime } from '@chainrule/graph-runtime';
import type { EditorState } from '../document/DocumentStore';
import { displayName } from '../document/editorDocument';
import { formatNumber } from '../format/formatNumber';
import { GONE_VALUE } from '../session/editorSession';
import { FUNCTION_NODE_HEIGHT, NODE_WIDTH, SOURCE_NODE_HEIGHT } from './flowElements';

/**
 * Below this zoom the canvas is drawn by the low-detail layer (one `<canvas>`, LowDetailLayer.tsx)
 * instead of thousands of DOM nodes: a zoom step then costs one redraw of what is in view, not a
 * restyle and relayout of every mounted node. Above it, node text can be drawn at ≥ 11 screen
 * pixels in the DOM (styles.css caps names and values at 26 canvas pixels: 26 × 0.44 ≈ 11.4).
 */
export const LOW_DETAIL_BELOW = 0.44;

/** React Flow's viewport: translation in screen pixels and zoom. */
export type Transform = readonly [x: number, y: number, zoom: number];

/** One node as the low-detail layer draws it, in screen pixels. */
export interface SceneNode {
  readonly id: NodeId;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly name: string;
  /** The value as the DOM node shows it (6 significant digits), or the problem's message. */
  readonly text: string;
  readonly state: NodeValue['kind'];
  readonly isOutput: boolean;
  readonly selected: boolean;
}

/** What the low-detail layer draws: nodes in view and straight edges between their ports. */
export interface Scene {
  readonly nodes: readonly SceneNode[];
  /** Edge segments as flat screen coordinates: x1, y1, x2, y2 for each edge touching the view. */
  readonly edges: Float64Array;
  readonly edgeCount: number;
}

const nodeHeight = (registry: OpRegistry, op: string): number =>
  registry.get(op)?.kind === 'source' ? SOURCE_NODE_HEIGHT : FUNCTION_NODE_HEIGHT;

/** The value a view of `id` shows now: read synchronously from the runtime, never cached. */
export const currentValue = (runtime: Runtime, id: NodeId): NodeValue =>
  runtime.hasNode(id) ? runtime.node(id).value() : GONE_VALUE;

/** The text of a value, as the DOM node writes it (liveDom.writeValue). */
export const valueText = (value: NodeValue): string =>
  value.kind === 'ok' ? formatNumber(value.value) : value.message;

/**
 * Builds what the low-detail layer draws for a view of `width` × `height` screen pixels: every
 * node whose box touches the view (culled), with its name and its current value read from the
 * runtime, and every edge with an end in view, from the source's output (right middle) to the
 * target's port (left side, where OpNode draws that port's handle). Linear in the graph's size.
 */
export const buildScene = (
  state: Pick<EditorState, 'doc' | 'selection'>,
  runtime: Runtime,
  registry: OpRegistry,
  [tx, ty, zoom]: Transform,
  width: number,
  height: number,
): Scene => {
  const { graph, positions } = state.doc;
  const output = graph.output ?? null;
  const boxes = new Map<
    string,
    { x: number; y: number; h: number; visible: boolean; ports: readonly string[] }
  >();
  const nodes: SceneNode[] = [];
  const w = NODE_WIDTH * zoom;
  for (const node of graph.nodes) {
    const at = positions[node.id] ?? { x: 0, y: 0 };
    const x = at.x * zoom + tx;
    const y = at.y * zoom + ty;
    const h = nodeHeight(registry, node.op) * zoom;
    const visible = x + w >= 0 && y + h >= 0 && x <= width && y <= height;
    boxes.set(node.id, { x, y, h, visible, ports: registry.get(node.op)?.inputs ?? [] });
    if (!visible) continue;
    const value = currentValue(runtime, node.id);
    nodes.push({
      id: node.id,
      x,
      y,
      width: w,
      height: h,
      name: displayName(node),
      text: valueText(value),
      state: value.kind,
      isOutput: node.id === output,
      selected: state.selection.nodes.has(node.id),
    });
  }
  const edges = new Float64Array(graph.edges.length * 4);
  let count = 0;
  for (const edge of graph.edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!source || !target || !(source.visible || target.visible)) continue;
    const ports = target.ports;
    const index = Math.max(0, ports.indexOf(edge.targetPort));
    edges[count * 4] = source.x + w;
    edges[count * 4 + 1] = source.y + source.h / 2;
    edges[count * 4 + 2] = target.x;
    edges[count * 4 + 3] = target.y + ((index + 1) / (Math.max(1, ports.length) + 1)) * target.h;
    count++;
  }
  return { nodes, edges, edgeCount: count };
};

/**
 * The node under a point of the flow (canvas coordinates), for clicks on the low-detail layer:
 * the topmost (last drawn) node whose box contains it, or `null`.
 */
export const nodeAt = (
  state: Pick<EditorState, 'doc'>,
  registry: OpRegistry,
  point: { readonly x: number; readonly y: number },
): NodeId | null => {
  const { graph, positions } = state.doc;
  for (let index = graph.nodes.length - 1; index >= 0; index--) {
    const node = graph.nodes[index]!;
    const at = positions[node.id] ?? { x: 0, y: 0 };
    if (
      point.x >= at.x &&
      point.x <= at.x + NODE_WIDTH &&
      point.y >= at.y &&
      point.y <= at.y + nodeHeight(registry, node.op)
    )
      return node.id;
  }
  return null;
};
