import type { NodeId, NodeValue } from '@chainrule/graph-runtime';
import { useMemo, useRef } from 'react';
import { useEditor } from '../EditorContext';
import { useLiveDom } from '../canvas/liveDom';
import { formatNumber } from '../format/formatNumber';
import { useDataState } from './DataContext';
import { histogram } from './histogram';

const WIDTH = 46;
const HEIGHT = 14;
const BINS = 12;

/**
 * A varying node's batch at a glance, drawn into its box: a 12-bin histogram of its per-sample
 * values (a small canvas) and what the value line shows — the batch mean, or the selected
 * sample. Hidden on nodes that hold one value. Cheap at 5,000 nodes: only nodes in view are
 * mounted (React Flow culls the rest), a node that does not vary draws nothing, and each draw
 * waits for the next animation frame, so a training run draws each histogram once per frame.
 */
export const NodeBatch = ({ id }: { id: NodeId }) => {
  // Without data nothing varies: no subscription at all.
  const { size } = useDataState();
  return size === null ? null : <BatchStrip id={id} />;
};

const BatchStrip = ({ id }: { id: NodeId }) => {
  const { session, frames } = useEditor();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const caption = useRef<HTMLSpanElement>(null);
  const queued = useRef(false);
  const value$ = useMemo(() => session.nodeValue$(id), [session, id]);

  const draw = (): void => {
    queued.current = false;
    const element = canvas.current;
    const runtime = session.getRuntime();
    if (!element || !box.current || !runtime.hasNode(id)) return;
    const lanes = runtime.laneValues(id);
    if (!lanes) {
      box.current.hidden = true;
      return;
    }
    box.current.hidden = false;
    const sample = runtime.sample();
    if (caption.current) {
      caption.current.textContent =
        sample === null ? `mean of ${lanes.length}` : `sample ${sample + 1}`;
    }
    const shape = histogram(lanes, BINS);
    box.current.title = `${lanes.length} samples from ${formatNumber(shape.min)} to ${formatNumber(shape.max)}`;
    const ratio = window.devicePixelRatio || 1;
    if (element.width !== WIDTH * ratio) {
      element.width = WIDTH * ratio;
      element.height = HEIGHT * ratio;
    }
    const context = element.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, WIDTH, HEIGHT);
    const bar = WIDTH / BINS;
    context.fillStyle = '#93b4f5';
    for (let b = 0; b < BINS; b++) {
      const h = shape.peak === 0 ? 0 : Math.max(1, (shape.counts[b]! / shape.peak) * HEIGHT);
      context.fillRect(b * bar + 0.5, HEIGHT - h, bar - 1, h);
    }
    if (sample !== null && sample < lanes.length && shape.max > shape.min) {
      // Where the selected sample sits in the batch.
      const x = ((lanes[sample]! - shape.min) / (shape.max - shape.min)) * (WIDTH - 2) + 1;
      context.fillStyle = '#0f172a';
      context.fillRect(x - 1, 0, 2, HEIGHT);
    }
  };

  useLiveDom(value$, (value: NodeValue) => {
    if (!box.current) return;
    if (value.kind !== 'ok' || !value.batch) {
      box.current.hidden = true;
      return;
    }
    if (queued.current) return;
    queued.current = true;
    frames.schedule(draw);
  });

  return (
    <div ref={box} className="node-batch" data-testid={`batch-${id}`} hidden>
      <canvas ref={canvas} style={{ width: WIDTH, height: HEIGHT }} aria-hidden="true" />
      <span ref={caption} className="node-batch-caption" />
    </div>
  );
};
