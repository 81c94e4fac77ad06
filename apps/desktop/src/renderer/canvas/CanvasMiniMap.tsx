import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useEffect, useMemo, useRef } from 'react';
import type { OpFlowNode } from './flowElements';
import { subscribeView } from './viewChanges';
import type { Box, Fit } from './miniMapScene';
import {
  boundsOf,
  centredOn,
  fitBounds,
  toFlow,
  toMiniMap,
  unite,
  viewRect,
  wheelFactor,
  zoomedAtCentre,
} from './miniMapScene';

/**
 * The minimap's outer size in CSS pixels, border included: small enough to leave the canvas to the
 * graph (React Flow's default is 200 × 150).
 */
const WIDTH = 150;
const HEIGHT = 96;
const BORDER = 1;
/** The canvas inside the border. */
const INNER_WIDTH = WIDTH - 2 * BORDER;
const INNER_HEIGHT = HEIGHT - 2 * BORDER;
/** Pixels between the drawn bounds and the minimap's edge. */
const PADDING = 5;
/** The least size of the view rectangle, in CSS pixels, so it stays findable. */
const MIN_VIEW = 4;

/**
 * styles.css's minimap colours (.minimap-node, --output, --focus), and the mask and view outline.
 * Constants rather than read with getComputedStyle, which forces a style recalculation per draw.
 */
const colors = {
  node: '#cbd5e1',
  output: '#0f172a',
  selected: '#2563eb',
  mask: 'rgba(241, 245, 249, 0.6)',
  view: '#94a3b8',
} as const;

const PLAIN = 0;
const OUTPUT = 1;
const SELECTED = 2;

/** What the minimap draws of the nodes: their boxes, how each is drawn, and their bounds. */
interface NodeScene {
  readonly boxes: readonly Box[];
  readonly kinds: Uint8Array;
  readonly bounds: Box | null;
}

// One box per node object: flowElements keeps a node's object while it is unchanged, so a drag or
// a selection in a 10,000-node graph makes new boxes only for the nodes it changed.
const boxCache = new WeakMap<OpFlowNode, Box>();
const boxOf = (node: OpFlowNode): Box => {
  let box = boxCache.get(node);
  if (!box) {
    box = {
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? node.measured?.width ?? 0,
      height: node.height ?? node.measured?.height ?? 0,
    };
    boxCache.set(node, box);
  }
  return box;
};

const sceneOf = (nodes: readonly OpFlowNode[]): NodeScene => {
  const boxes = nodes.map(boxOf);
  const kinds = new Uint8Array(nodes.length);
  nodes.forEach((node, index) => {
    kinds[index] = node.selected ? SELECTED : node.data.isOutput ? OUTPUT : PLAIN;
  });
  return { boxes, kinds, bounds: boundsOf(boxes) };
};

/** The nodes at `fit`, one path and one fill per kind; each at least one device pixel. */
const drawNodes = (
  context: CanvasRenderingContext2D,
  scene: NodeScene,
  fit: Fit,
  ratio: number,
): void => {
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, INNER_WIDTH, INNER_HEIGHT);
  const least = 1 / ratio;
  const { boxes, kinds } = scene;
  for (const [kind, color] of [
    [PLAIN, colors.node],
    [OUTPUT, colors.output],
    [SELECTED, colors.selected],
  ] as const) {
    context.beginPath();
    let any = false;
    for (let index = 0; index < boxes.length; index++) {
      if (kinds[index] !== kind) continue;
      const box = boxes[index]!;
      const width = box.width * fit.scale;
      const height = box.height * fit.scale;
      // Boxes a few pixels wide are inset half a pixel, so neighbours read as separate nodes.
      const inset = width >= 3 && height >= 3 ? 0.5 : 0;
      context.rect(
        box.x * fit.scale + fit.x + inset,
        box.y * fit.scale + fit.y + inset,
        Math.max(width - 2 * inset, least),
        Math.max(height - 2 * inset, least),
      );
      any = true;
    }
    if (!any) continue;
    context.fillStyle = color;
    context.fill();
  }
};

/**
 * The minimap: every node of the document (hidden ones, not mounted yet, too) as a small box on one
 * `<canvas>`, the output dark, the selection blue, the view outlined with the rest masked. Drawn
 * in the next frame after the view moves or the nodes change, never more than once a frame; the
 * nodes are drawn to an offscreen layer that is reused while the fit is the same (a pan inside the
 * graph), so a pan frame costs one image copy and the view rectangle however many nodes there are.
 *
 * Pressing on it centres the view there, dragging keeps panning; the wheel over it zooms the view
 * around its centre. Rendered as a child of `<ReactFlow>`.
 */
export const CanvasMiniMap = ({ nodes }: { readonly nodes: readonly OpFlowNode[] }) => {
  const flowStore = useStoreApi();
  const { setViewport } = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useMemo(() => sceneOf(nodes), [nodes]);
  const sceneNow = useRef(scene);
  const schedule = useRef<(() => void) | null>(null);
  /** The fit of the last draw: where a press lands in the flow. */
  const drawnFit = useRef<Fit | null>(null);
  /** The fit when the press started, kept while dragging so the view follows the pointer steadily. */
  const dragFit = useRef<Fit | null>(null);

  useEffect(() => {
    sceneNow.current = scene;
    schedule.current?.();
  }, [scene]);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    const layer = document.createElement('canvas');
    const layerContext = layer.getContext('2d');
    if (!element || !context || !layerContext) return;
    let frame = 0;
    // What the layer holds: the scene, fit and pixel ratio it was drawn for.
    let layerScene: NodeScene | null = null;
    let layerFit: Fit | null = null;
    let layerRatio = 0;
    const draw = (): void => {
      frame = 0;
      const current = sceneNow.current;
      const { transform, width, height } = flowStore.getState();
      const ratio = window.devicePixelRatio || 1;
      const pixelsWide = Math.round(INNER_WIDTH * ratio);
      const pixelsHigh = Math.round(INNER_HEIGHT * ratio);
      if (element.width !== pixelsWide) element.width = pixelsWide;
      if (element.height !== pixelsHigh) element.height = pixelsHigh;
      // Before React Flow measured the pane there is no view: the nodes alone.
      const view = width > 0 && height > 0 ? viewRect(transform, width, height) : null;
      const bounds = view ? unite(current.bounds, view) : current.bounds;
      const fit = bounds ? fitBounds(bounds, INNER_WIDTH, INNER_HEIGHT, PADDING) : null;
      drawnFit.current = fit;
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, element.width, element.height);
      if (!fit) return;
      if (
        current !== layerScene ||
        ratio !== layerRatio ||
        layerFit?.scale !== fit.scale ||
        layerFit.x !== fit.x ||
        layerFit.y !== fit.y ||
        layer.width !== pixelsWide ||
        layer.height !== pixelsHigh
      ) {
        if (layer.width !== pixelsWide) layer.width = pixelsWide;
        if (layer.height !== pixelsHigh) layer.height = pixelsHigh;
        drawNodes(layerContext, current, fit, ratio);
        if (current !== layerScene) element.dataset['nodes'] = String(current.boxes.length);
        layerScene = current;
        layerFit = fit;
        layerRatio = ratio;
      }
      context.drawImage(layer, 0, 0);
      if (!view) return;
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      const drawn = toMiniMap(fit, view);
      // Zoomed far into a big graph the view is a speck: drawn at least MIN_VIEW px, where it is.
      const viewWidth = Math.max(drawn.width, MIN_VIEW);
      const viewHeight = Math.max(drawn.height, MIN_VIEW);
      const viewX = drawn.x + (drawn.width - viewWidth) / 2;
      const viewY = drawn.y + (drawn.height - viewHeight) / 2;
      // The view on whole CSS pixels, its 1 px outline on the pixel's centre: crisp.
      const left = Math.round(viewX) + 0.5;
      const top = Math.round(viewY) + 0.5;
      const right = Math.round(viewX + viewWidth) - 0.5;
      const bottom = Math.round(viewY + viewHeight) - 0.5;
      context.beginPath();
      context.rect(0, 0, INNER_WIDTH, INNER_HEIGHT);
      context.rect(left, top, Math.max(right - left, 0), Math.max(bottom - top, 0));
      context.fillStyle = colors.mask;
      context.fill('evenodd');
      context.lineWidth = 1;
      context.strokeStyle = colors.view;
      context.strokeRect(left, top, Math.max(right - left, 0), Math.max(bottom - top, 0));
    };
    const later = (): void => {
      frame ||= requestAnimationFrame(draw);
    };
    schedule.current = later;
    const unflow = subscribeView(flowStore, later);
    draw();
    return () => {
      cancelAnimationFrame(frame);
      schedule.current = null;
      unflow();
    };
  }, [flowStore]);

  // Wheel: zoom the view around its centre. Not React's onWheel (passive: it cannot keep the wheel
  // from scrolling the page or reaching the pane).
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      event.stopPropagation();
      const { transform, width, height, minZoom, maxZoom } = flowStore.getState();
      if (width <= 0 || height <= 0) return;
      const factor = wheelFactor(event.deltaY, event.deltaMode);
      void setViewport(zoomedAtCentre(transform, width, height, factor, minZoom, maxZoom));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [flowStore, setViewport]);

  /** Centres the view on the flow point under the pointer, at the current zoom. */
  const panTo = (event: ReactPointerEvent<HTMLCanvasElement>, fit: Fit): void => {
    const { transform, width, height } = flowStore.getState();
    if (width <= 0 || height <= 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const point = toFlow(fit, event.clientX - rect.left, event.clientY - rect.top);
    void setViewport(centredOn(point, transform[2], width, height));
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    const fit = drawnFit.current;
    if (event.button !== 0 || !fit) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    dragFit.current = fit;
    panTo(event, fit);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>): void => {
    if (dragFit.current) panTo(event, dragFit.current);
  };
  const endDrag = (): void => {
    dragFit.current = null;
  };

  return (
    <Panel position="bottom-right">
      <div
        ref={wrapper}
        className="react-flow__minimap canvas-minimap nodrag nopan nowheel"
        style={{ width: WIDTH, height: HEIGHT, borderWidth: BORDER }}
      >
        <canvas
          ref={canvas}
          role="img"
          aria-label="Minimap"
          data-testid="minimap-canvas"
          style={{ width: INNER_WIDTH, height: INNER_HEIGHT }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onLostPointerCapture={endDrag}
        />
      </div>
    </Panel>
  );
};
