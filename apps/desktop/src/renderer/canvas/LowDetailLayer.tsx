import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditor } from '../EditorContext';
import type { GradientFlowEdge, OpFlowNode } from './flowElements';
import type { Scene, SceneNode } from './lowDetailScene';
import { buildScene, TEXT_FROM } from './lowDetailScene';
import type { GateFrames } from './useMountGate';

/**
 * The colours of styles.css's custom properties (--ink, --error, …). Constants rather than read
 * with getComputedStyle: that forces a style recalculation of the page each time the layer
 * appears, which is a zoom step's whole budget.
 */
const colors = {
  ink: '#1e293b',
  border: '#cbd5e1',
  edge: '#94a3b8',
  error: '#b91c1c',
  errorSoft: '#fef2f2',
  blockedFill: '#f1f5f9',
  blocked: '#6b7280',
  output: '#0f172a',
  focus: '#2563eb',
} as const;

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

// Text widths by font and text: names and most values are the same from one frame to the next.
const widths = new Map<string, number>();
const widthOf = (context: CanvasRenderingContext2D, text: string): number => {
  const key = `${context.font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (widths.size > 20_000) widths.clear();
    width = context.measureText(text).width;
    widths.set(key, width);
  }
  return width;
};

/** `text` cut with … to fit `room` pixels in the context's current font ('' if little is left). */
const fit = (context: CanvasRenderingContext2D, text: string, room: number): string => {
  if (room <= 0) return '';
  if (widthOf(context, text) <= room) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (widthOf(context, `${text.slice(0, mid)}…`) <= room) low = mid;
    else high = mid - 1;
  }
  // A stub such as "n…" says nothing: draw nothing rather than that.
  return low < 3 ? '' : `${text.slice(0, low)}…`;
};

/** Whether a node is drawn as the common case: ok, not the output, not selected. */
const plain = (node: SceneNode): boolean => node.state === 'ok' && !node.isOutput && !node.selected;

/** The box of a node that is not {@link plain}: its state, the output's frame, the selection. */
const drawSpecialBox = (context: CanvasRenderingContext2D, node: SceneNode): void => {
  const { x, y, width, height } = node;
  context.fillStyle =
    node.state === 'error' ? colors.errorSoft : node.state === 'ok' ? '#fff' : colors.blockedFill;
  context.fillRect(x, y, width, height);
  context.lineWidth = node.isOutput || node.selected ? 2 : 1;
  context.strokeStyle = node.selected
    ? colors.focus
    : node.state === 'error'
      ? colors.error
      : node.state === 'blocked'
        ? colors.blocked
        : colors.output;
  context.setLineDash(node.state === 'blocked' ? [4, 3] : []);
  context.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  context.setLineDash([]);
};

const drawText = (context: CanvasRenderingContext2D, node: SceneNode): void => {
  const { x, y, width, height } = node;
  const problem = node.state !== 'ok';
  // Text only where a box can hold a readable line: two lines (name, value) from 30 px high,
  // one line ("name value") from 14 px; smaller boxes are shapes only (zoom in to read them).
  const pad = Math.max(2, width * 0.05);
  const room = width - 2 * pad;
  if (height >= 30) {
    const size = Math.min(16, Math.floor(height / 2.6));
    context.font = `600 ${size}px ${FONT}`;
    context.fillStyle = colors.ink;
    context.fillText(fit(context, node.name, room), x + pad, y + height * 0.38);
    context.font = `${size}px ${FONT}`;
    context.fillStyle = problem ? colors.error : colors.ink;
    context.fillText(fit(context, node.text, room), x + pad, y + height * 0.8);
  } else if (height >= TEXT_FROM) {
    const size = Math.min(12, Math.floor(height * 0.7));
    context.font = `${size}px ${FONT}`;
    context.fillStyle = problem ? colors.error : colors.ink;
    // "name value" whole, or else the name whole, or nothing.
    const line = [`${node.name} ${node.text}`, node.name].find(
      (candidate) => widthOf(context, candidate) <= room,
    );
    if (line) context.fillText(line, x + pad, y + height * 0.7);
  }
};

/** Draws a scene on a canvas of `width` × `height` CSS pixels at `ratio` device pixels each. */
export const drawScene = (
  context: CanvasRenderingContext2D,
  scene: Scene,
  ratio: number,
  width: number,
  height: number,
): void => {
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  // Edges simplified: one straight grey line per edge, all in one path.
  context.beginPath();
  const e = scene.edges;
  for (let index = 0; index < scene.edgeCount * 4; index += 4) {
    context.moveTo(e[index]!, e[index + 1]!);
    context.lineTo(e[index + 2]!, e[index + 3]!);
  }
  context.setLineDash([]);
  context.lineWidth = 1;
  context.strokeStyle = colors.edge;
  context.stroke();
  // Boxes: the plain ones (nearly all) as one path, filled and stroked once; then the others.
  context.beginPath();
  for (const node of scene.nodes) {
    if (plain(node)) context.rect(node.x + 0.5, node.y + 0.5, node.width - 1, node.height - 1);
  }
  context.fillStyle = '#fff';
  context.fill();
  context.strokeStyle = colors.border;
  context.stroke();
  for (const node of scene.nodes) if (!plain(node)) drawSpecialBox(context, node);
  context.textBaseline = 'alphabetic';
  // Text only once boxes are big enough to hold some (see drawText).
  if ((scene.nodes[0]?.height ?? 0) >= TEXT_FROM)
    for (const node of scene.nodes) drawText(context, node);
};

/**
 * Every node in view that is not in the DOM, drawn on one `<canvas>` under the DOM's nodes: as a
 * box with its name and value, edges as straight lines. Zoomed out (below `LOW_DETAIL_BELOW`)
 * that is every node in view; zoomed in, it is the nodes the mount gate (useMountGate.ts) has
 * not mounted yet, so a zoom or pan that brings many nodes into view shows them whole in its
 * first frame while their DOM arrives over the next ones; once every node in view is mounted it
 * draws nothing. It takes no pointer events: panning, zooming and clicks go to React Flow
 * (Canvas.tsx selects the node under a click when zoomed out). Redrawn in the gate's frame when
 * the view moves or the DOM's nodes change, and in the next frame when the flow elements change
 * or the runtime propagates; every number is read from the runtime at draw time, so it is never
 * stale.
 */
export const LowDetailLayer = ({
  nodes,
  edges,
  frames,
  overview,
}: {
  nodes: readonly OpFlowNode[];
  edges: readonly GradientFlowEdge[];
  frames: GateFrames;
  /** Whether this layer draws the whole view (useMountGate.ts). */
  overview: boolean;
}) => {
  const { session } = useEditor();
  const flowStore = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const elements = useRef({ nodes, edges });
  elements.current = { nodes, edges };
  const redraw = useRef<() => void>(() => undefined);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    let frame = 0;
    let blank = false;
    const draw = (): void => {
      cancelAnimationFrame(frame);
      frame = 0;
      const { transform, width, height } = flowStore.getState();
      const gate = frames.current();
      element.dataset['total'] = String(elements.current.nodes.length);
      // Every node in view is in the DOM: nothing to draw.
      if (gate.settled && !gate.overview) {
        if (!blank) context.clearRect(0, 0, element.width, element.height);
        // Out of the page's layers too: a canvas under the nodes makes the compositor sort
        // every node's paint against it on every frame.
        element.hidden = true;
        blank = true;
        element.dataset['drawn'] = '0';
        return;
      }
      element.hidden = false;
      blank = false;
      const ratio = window.devicePixelRatio || 1;
      if (element.width !== Math.round(width * ratio)) element.width = Math.round(width * ratio);
      if (element.height !== Math.round(height * ratio))
        element.height = Math.round(height * ratio);
      const scene = buildScene(
        elements.current.nodes,
        elements.current.edges,
        session.getRuntime(),
        gate.mounted,
        transform,
        width,
        height,
      );
      drawScene(context, scene, ratio, width, height);
      // For the UI bench and e2e: how many nodes this layer draws, of how many.
      element.dataset['drawn'] = String(scene.nodes.length);
    };
    const schedule = (): void => {
      frame ||= requestAnimationFrame(draw);
    };
    redraw.current = schedule;
    // The gate's frame: the view moved or the DOM's nodes changed; draw in that same frame.
    const unframe = frames.subscribe((gate) => {
      // For the UI bench and e2e: whether nodes in view are still waiting for the DOM.
      element.dataset['pending'] = gate.settled ? '0' : '1';
      if (gate.redraw || frame !== 0) draw();
    });
    let changes = session.getRuntime().transaction$.subscribe(schedule);
    const unruntime = session.subscribeRuntime(() => {
      changes.unsubscribe();
      changes = session.getRuntime().transaction$.subscribe(schedule);
      schedule();
    });
    draw();
    return () => {
      cancelAnimationFrame(frame);
      unframe();
      unruntime();
      changes.unsubscribe();
    };
  }, [flowStore, session, frames]);

  // New flow elements (any document change that shows: nodes, names, positions, selection,
  // edges; values come through the runtime): draw them in the next frame.
  useEffect(() => redraw.current(), [nodes, edges]);

  return (
    <canvas
      ref={canvas}
      className="low-detail-layer"
      data-testid="low-detail-layer"
      {...(overview
        ? { role: 'img', 'aria-label': 'The graph zoomed out: zoom in to edit nodes' }
        : { 'aria-hidden': true })}
    />
  );
};
