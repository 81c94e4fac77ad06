import type { NodeId, NodeValue, Runtime } from '@chainrule/graph-runtime';
import { nodeId } from '@chainrule/graph-runtime';
import { displayName } from '../document/editorDocument';
import { formatNumber } from '../format/formatNumber';
import { GONE_VALUE } from '../session/editorSession';
import type { GradientFlowEdge, OpFlowNode } from './flowElements';

/**
 * Below this zoom the canvas is drawn by the low-detail layer (one `<canvas>`, LowDetailLayer.tsx)
 * instead of thousands of DOM nodes: a zoom step then costs one redraw of what is in view, not a
 * restyle and relayout of every mounted node. Above it, node text can be drawn at ≥ 11 screen
 * pixels in the DOM (styles.css caps names and values at 26 canvas pixels: 26 × 0.44 ≈ 11.4).
 */
export const LOW_DETAIL_BELOW = 0.44;

/** The height (screen px) from which the layer draws a node's text (LowDetailLayer's drawText). */
export const TEXT_FROM = 14;

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

/** What the low-detail layer draws: nodes in view and straight edges between their handles. */
export interface Scene {
  readonly nodes: readonly SceneNode[];
  /** Edge segments as flat screen coordinates: x1, y1, x2, y2 for each edge touching the view. */
  readonly edges: Float64Array;
  readonly edgeCount: number;
}

/** The value a view of `id` shows now: read synchronously from the runtime, never cached. */
export const currentValue = (runtime: Runtime, id: NodeId): NodeValue =>
  runtime.hasNode(id) ? runtime.node(id).value() : GONE_VALUE;

/** The text of a value, as the DOM node writes it (liveDom.writeValue). */
export const valueText = (value: NodeValue): string =>
  value.kind === 'ok' ? formatNumber(value.value) : value.message;

/** Where a handle's middle is, in flow coordinates, or the box's `side` middle if it has none. */
const handleAt = (
  node: OpFlowNode,
  type: 'source' | 'target',
  id: string,
): { x: number; y: number } => {
  const width = node.width ?? 0;
  const height = node.height ?? 0;
  const handle = node.handles?.find((h) => h.type === type && h.id === id);
  return handle
    ? {
        x: node.position.x + handle.x + (handle.width ?? 0) / 2,
        y: node.position.y + handle.y + (handle.height ?? 0) / 2,
      }
    : { x: node.position.x + (type === 'source' ? width : 0), y: node.position.y + height / 2 };
};

/**
 * Builds what the low-detail layer draws for a view of `width` × `height` screen pixels: every
 * node whose box touches the view (culled) and that is not in the DOM (`inDom`), with its name
 * and its current value read from the runtime, and every edge with an end in view that the DOM
 * does not draw (an end not in the DOM), from the source's handle to the target's, where the
 * flow nodes (flowElements.ts, which also size every kind of node) put them. Linear in the
 * graph's size.
 */
export const buildScene = (
  nodes: readonly OpFlowNode[],
  edges: readonly GradientFlowEdge[],
  runtime: Runtime,
  inDom: ReadonlySet<string>,
  [tx, ty, zoom]: Transform,
  width: number,
  height: number,
): Scene => {
  const byId = new Map<string, { node: OpFlowNode; visible: boolean }>();
  const drawn: SceneNode[] = [];
  for (const node of nodes) {
    const x = node.position.x * zoom + tx;
    const y = node.position.y * zoom + ty;
    const w = (node.width ?? 0) * zoom;
    const h = (node.height ?? 0) * zoom;
    const visible = x + w >= 0 && y + h >= 0 && x <= width && y <= height;
    byId.set(node.id, { node, visible });
    if (!visible || inDom.has(node.id)) continue;
    const value = currentValue(runtime, nodeId(node.id));
    drawn.push({
      id: nodeId(node.id),
      x,
      y,
      width: w,
      height: h,
      name: displayName(node.data.node),
      // Boxes too small for text (LowDetailLayer draws none under 14 px) skip formatting it.
      text: h >= TEXT_FROM ? valueText(value) : '',
      state: value.kind,
      isOutput: node.data.isOutput,
      selected: Boolean(node.selected),
    });
  }
  const segments = new Float64Array(edges.length * 4);
  let count = 0;
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target || !(source.visible || target.visible)) continue;
    if (inDom.has(edge.source) && inDom.has(edge.target)) continue;
    const from = handleAt(source.node, 'source', edge.sourceHandle ?? 'out');
    const to = handleAt(target.node, 'target', edge.targetHandle ?? '');
    segments[count * 4] = from.x * zoom + tx;
    segments[count * 4 + 1] = from.y * zoom + ty;
    segments[count * 4 + 2] = to.x * zoom + tx;
    segments[count * 4 + 3] = to.y * zoom + ty;
    count++;
  }
  return { nodes: drawn, edges: segments, edgeCount: count };
};

/**
 * The node under a point of the flow (canvas coordinates), for clicks on the low-detail layer:
 * the topmost (last drawn) node whose box contains it, or `null`.
 */
export const nodeAt = (
  nodes: readonly OpFlowNode[],
  point: { readonly x: number; readonly y: number },
): NodeId | null => {
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index]!;
    const { x, y } = node.position;
    if (
      point.x >= x &&
      point.x <= x + (node.width ?? 0) &&
      point.y >= y &&
      point.y <= y + (node.height ?? 0)
    )
      return nodeId(node.id);
  }
  return null;
};
