/**
 * The geometry of the minimap (CanvasMiniMap.tsx): what part of the flow it shows, where that
 * lands in its pixels, and which flow point a pixel stands for. Pure and linear in the node count:
 * the bounds of 10,000 nodes are one pass with no allocation per node.
 *
 * Like React Flow's minimap, the minimap shows the bounds of all nodes united with the view, so
 * the view rectangle is always inside it, fitted into its pixels with the aspect ratio kept and
 * centred. Unlike it, every node counts: hidden ones (not mounted yet) too.
 */

/** A rectangle: a node's box or the view, in flow coordinates (or minimap pixels). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** React Flow's viewport transform: translation in screen pixels and zoom. */
export type Transform = readonly [x: number, y: number, zoom: number];

/** A viewport as `setViewport` takes it. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** How flow coordinates land in minimap pixels: `pixel = flow × scale + offset`. */
export interface Fit {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

/** The part of the flow the pane shows (`width` × `height` screen pixels), in flow coordinates. */
export const viewRect = ([x, y, zoom]: Transform, width: number, height: number): Box => ({
  // 0 − x rather than −x: no −0 for an unpanned view.
  x: (0 - x) / zoom,
  y: (0 - y) / zoom,
  width: width / zoom,
  height: height / zoom,
});

/** The smallest box holding every box, or null for none. */
export const boundsOf = (boxes: readonly Box[]): Box | null => {
  if (boxes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    if (box.x < left) left = box.x;
    if (box.y < top) top = box.y;
    if (box.x + box.width > right) right = box.x + box.width;
    if (box.y + box.height > bottom) bottom = box.y + box.height;
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
};

/** The smallest box holding both (just `b` when there is no `a`: an empty graph). */
export const unite = (a: Box | null, b: Box): Box => {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
};

/**
 * The scale and offset that fit `bounds` into `width` × `height` pixels, `padding` pixels in from
 * every edge, aspect ratio kept, centred on the axis with room to spare. A box with no area (one
 * point) is drawn at scale 1.
 */
export const fitBounds = (bounds: Box, width: number, height: number, padding: number): Fit => {
  const roomX = Math.max(width - 2 * padding, 1);
  const roomY = Math.max(height - 2 * padding, 1);
  const scaleX = bounds.width > 0 ? roomX / bounds.width : Infinity;
  const scaleY = bounds.height > 0 ? roomY / bounds.height : Infinity;
  const smaller = Math.min(scaleX, scaleY);
  const scale = Number.isFinite(smaller) ? smaller : 1;
  return {
    scale,
    x: width / 2 - (bounds.x + bounds.width / 2) * scale,
    y: height / 2 - (bounds.y + bounds.height / 2) * scale,
  };
};

/** The flow point a minimap pixel stands for. */
export const toFlow = (fit: Fit, px: number, py: number): { x: number; y: number } => ({
  x: (px - fit.x) / fit.scale,
  y: (py - fit.y) / fit.scale,
});

/** A flow box (the view, a node) in minimap pixels. */
export const toMiniMap = (fit: Fit, box: Box): Box => ({
  x: box.x * fit.scale + fit.x,
  y: box.y * fit.scale + fit.y,
  width: box.width * fit.scale,
  height: box.height * fit.scale,
});

/** The viewport at `zoom` that puts flow point `point` at the centre of a `width` × `height` pane. */
export const centredOn = (
  point: { readonly x: number; readonly y: number },
  zoom: number,
  width: number,
  height: number,
): Viewport => ({ x: width / 2 - point.x * zoom, y: height / 2 - point.y * zoom, zoom });

/**
 * The viewport zoomed by `factor` around the pane's centre (the flow point there stays there),
 * the zoom clamped to [`minZoom`, `maxZoom`].
 */
export const zoomedAtCentre = (
  transform: Transform,
  width: number,
  height: number,
  factor: number,
  minZoom: number,
  maxZoom: number,
): Viewport => {
  const [x, y, zoom] = transform;
  const next = Math.min(maxZoom, Math.max(minZoom, zoom * factor));
  const centre = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
  return centredOn(centre, next, width, height);
};

/**
 * The zoom factor of one wheel event, as React Flow's pane computes it (d3-zoom's wheel delta):
 * a notch of a mouse wheel (deltaY 100 in pixels) zooms by 2^0.2 ≈ 1.15; down zooms out.
 */
export const wheelFactor = (deltaY: number, deltaMode: number): number =>
  2 ** (-deltaY * (deltaMode === 1 ? 0.05 : deltaMode ? 1 : 0.002));
