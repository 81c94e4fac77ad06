import type { Viewport } from '@xyflow/react';
import { getViewportForBounds } from '@xyflow/react';

/** A node's box as the fit needs it (a flow node: position and fixed size). */
export interface FitNode {
  readonly position: { readonly x: number; readonly y: number };
  readonly width?: number;
  readonly height?: number;
}

/** How the view fits a graph: the zoom range and the padding (a fraction of the view). */
export interface FitRange {
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly padding: number;
}

/** Screen pixels kept between the view's edge and a graph that does not fit whole. */
export const FIT_MARGIN = 24;

/**
 * The view that fits `nodes` into `width` × `height` screen pixels, centred, at a zoom within
 * `range` — but when the graph is wider than the view at the smallest zoom allowed (a gallery
 * example stops at the zoom where text is readable), the view shows its start, the left edge
 * where a left-to-right graph's inputs are, rather than cutting off both ends. (A graph too tall
 * stays centred: its inputs and its path to J usually run through its middle.) `null` for no
 * nodes.
 */
export const fitViewport = (
  nodes: readonly FitNode[],
  width: number,
  height: number,
  range: FitRange,
): Viewport | null => {
  if (nodes.length === 0 || width <= 0 || height <= 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + (node.width ?? 0));
    bottom = Math.max(bottom, node.position.y + (node.height ?? 0));
  }
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  const view = getViewportForBounds(
    bounds,
    width,
    height,
    range.minZoom,
    range.maxZoom,
    range.padding,
  );
  const { zoom } = view;
  const x = bounds.width * zoom + 2 * FIT_MARGIN > width ? FIT_MARGIN - left * zoom : view.x;
  return { x, y: view.y, zoom };
};
