import { useEffect, useRef } from 'react';
import { formatNumber } from '../format/formatNumber';
import type { BoundaryPicture, PlotFrame, SampleRef } from './boundaryPicture';
import { plotFrame, pointAt, toCanvas } from './boundaryPicture';
import { CLASS_COLOURS, classOf, css, paintHeatmap } from './colorScale';
import { lineColumn, niceTicks } from './plot';

const AXIS = '#64748b';
const GRID = 'rgb(15 23 42 / 0.08)';
const CURVE = '#0f172a';

/** Draws the heatmap: the n×n outputs into a small image, scaled up smoothly into the frame. */
const drawHeatmap = (
  context: CanvasRenderingContext2D,
  frame: PlotFrame,
  picture: BoundaryPicture,
  scratch: { canvas: HTMLCanvasElement | null },
): void => {
  const n = picture.resolution;
  if (!picture.values) return;
  const image = (scratch.canvas ??= document.createElement('canvas'));
  if (image.width !== n) image.width = image.height = n;
  const small = image.getContext('2d')!;
  const pixels = small.createImageData(n, n);
  paintHeatmap(picture.values, picture.labelRange, pixels.data);
  small.putImageData(pixels, 0, 0);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, frame.left, frame.top, frame.width, frame.height);
};

/** The fitted curve ŷ(x) of a regression, as a line across the frame. */
const drawCurve = (
  context: CanvasRenderingContext2D,
  frame: PlotFrame,
  picture: BoundaryPicture,
): void => {
  if (!picture.values) return;
  const xs = lineColumn(picture.bounds.x, picture.values.length);
  context.save();
  context.beginPath();
  context.rect(frame.left, frame.top, frame.width, frame.height);
  context.clip();
  context.strokeStyle = CURVE;
  context.lineWidth = 2.2;
  context.lineJoin = 'round';
  context.beginPath();
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = picture.values[i]!;
    if (!Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const at = toCanvas(frame, picture.bounds, xs[i]!, y);
    if (pen) context.lineTo(at.px, at.py);
    else context.moveTo(at.px, at.py);
    pen = true;
  }
  context.stroke();
  context.restore();
};

/** Ticks and numbers on both axes, and a light grid inside the frame. */
const drawAxes = (
  context: CanvasRenderingContext2D,
  frame: PlotFrame,
  picture: BoundaryPicture,
): void => {
  const { bounds } = picture;
  context.font = '10px system-ui, sans-serif';
  context.fillStyle = AXIS;
  context.strokeStyle = GRID;
  context.lineWidth = 1;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const tick of niceTicks(bounds.x[0], bounds.x[1], 5)) {
    const { px } = toCanvas(frame, bounds, tick, bounds.y[0]);
    context.beginPath();
    context.moveTo(Math.round(px) + 0.5, frame.top);
    context.lineTo(Math.round(px) + 0.5, frame.top + frame.height);
    context.stroke();
    context.fillText(formatNumber(tick, 3), px, frame.top + frame.height + 4);
  }
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of niceTicks(bounds.y[0], bounds.y[1], 5)) {
    const { py } = toCanvas(frame, bounds, bounds.x[0], tick);
    context.beginPath();
    context.moveTo(frame.left, Math.round(py) + 0.5);
    context.lineTo(frame.left + frame.width, Math.round(py) + 0.5);
    context.stroke();
    context.fillText(formatNumber(tick, 3), frame.left - 4, py);
  }
  context.strokeStyle = '#cbd5e1';
  context.strokeRect(frame.left + 0.5, frame.top + 0.5, frame.width - 1, frame.height - 1);
};

/**
 * The samples over the heatmap: training samples as filled dots with a white rim, test samples
 * as rings (white inside), both in their class colour; the selected sample gets a dark halo.
 */
const drawPoints = (
  context: CanvasRenderingContext2D,
  frame: PlotFrame,
  picture: BoundaryPicture,
): void => {
  const regression = picture.task === 'regression';
  for (const set of picture.points) {
    const test = set.split === 'test';
    for (let i = 0; i < set.x.length; i++) {
      const { px, py } = toCanvas(frame, picture.bounds, set.x[i]!, set.y[i]!);
      const colour = regression
        ? test
          ? CLASS_COLOURS[0]
          : CLASS_COLOURS[1]
        : CLASS_COLOURS[classOf(set.label[i]!, picture.labelRange)];
      context.beginPath();
      context.arc(px, py, test ? 3.4 : 3.2, 0, Math.PI * 2);
      if (test) {
        context.fillStyle = '#fff';
        context.fill();
        context.lineWidth = 1.8;
        context.strokeStyle = css(colour);
        context.stroke();
      } else {
        context.fillStyle = css(colour);
        context.fill();
        context.lineWidth = 1;
        context.strokeStyle = '#fff';
        context.stroke();
      }
    }
  }
  const selected = picture.selected;
  const set = selected && picture.points.find((s) => s.split === selected.split);
  if (selected && set && selected.index < set.x.length) {
    const { px, py } = toCanvas(
      frame,
      picture.bounds,
      set.x[selected.index]!,
      set.y[selected.index]!,
    );
    context.beginPath();
    context.arc(px, py, 7, 0, Math.PI * 2);
    context.lineWidth = 2.4;
    context.strokeStyle = '#0f172a';
    context.stroke();
  }
};

/**
 * The decision-boundary view: for 2-D classification, a heatmap of the model's output over the
 * (x1, x2) plane with the training and test samples drawn over it; for 1-D regression, the
 * fitted curve over the samples. Drawn on one <canvas> per change of `picture` (the caller
 * publishes at most one picture per animation frame). Clicking a sample selects it.
 */
export const BoundaryView = ({
  picture,
  size = 260,
  xLabel,
  yLabel,
  onSelect,
}: {
  picture: BoundaryPicture;
  size?: number;
  xLabel: string;
  yLabel: string;
  onSelect: (sample: SampleRef | null) => void;
}) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scratch = useRef<{ canvas: HTMLCanvasElement | null }>({ canvas: null });
  const draws = useRef(0);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = window.devicePixelRatio || 1;
    if (element.width !== Math.round(size * ratio)) {
      element.width = element.height = Math.round(size * ratio);
    }
    const context = element.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size, size);
    const frame = plotFrame(size, size);
    context.fillStyle = '#fff';
    context.fillRect(frame.left, frame.top, frame.width, frame.height);
    if (picture.task === 'classification') drawHeatmap(context, frame, picture, scratch.current);
    drawAxes(context, frame, picture);
    drawPoints(context, frame, picture);
    if (picture.task === 'regression') drawCurve(context, frame, picture);
    // For the UI bench and the e2e suite: how many pictures with model values were drawn.
    if (picture.values) element.dataset['refreshes'] = String(++draws.current);
  }, [picture, size]);

  const frame = plotFrame(size, size);
  const classification = picture.task === 'classification';
  const [lo, hi] = picture.labelRange;
  return (
    <figure className="boundary" data-testid="boundary-view">
      <div className="boundary-plot">
        <span className="boundary-y-label">{yLabel}</span>
        <canvas
          ref={canvas}
          data-testid="boundary-canvas"
          style={{ width: size, height: size }}
          role="img"
          aria-label={
            classification
              ? `Decision boundary: the model's output over ${xLabel} and ${yLabel}, with the samples`
              : `Fitted curve of ${yLabel} against ${xLabel}, with the samples`
          }
          tabIndex={0}
          title="Click a training point (or use ← →) to see that sample on every node; Esc clears"
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            onSelect(pointAt(picture, frame, event.clientX - box.left, event.clientY - box.top));
          }}
          onKeyDown={(event) => {
            const count = picture.points.find((set) => set.split === 'train')?.x.length ?? 0;
            const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
            if (event.key === 'Escape') onSelect(null);
            else if (step !== undefined && count > 0) {
              event.preventDefault();
              const at = picture.selected?.split === 'train' ? picture.selected.index : -1;
              onSelect({ split: 'train', index: (at + step + count) % count });
            }
          }}
        />
        <span className="boundary-x-label">{xLabel}</span>
      </div>
      <figcaption className="boundary-legend">
        {classification ? (
          <>
            <span className="legend-item">
              <i className="swatch dot" style={{ background: css(CLASS_COLOURS[0]) }} />
              class {formatNumber(lo, 3)}
            </span>
            <span className="legend-item">
              <i className="swatch dot" style={{ background: css(CLASS_COLOURS[1]) }} />
              class {formatNumber(hi, 3)}
            </span>
            <span className="legend-item">
              <i className="swatch dot" style={{ background: '#475569' }} /> train
            </span>
            <span className="legend-item">
              <i className="swatch ring" /> test
            </span>
            <span className="legend-item">
              <i className="swatch ramp" /> model output
            </span>
          </>
        ) : (
          <>
            <span className="legend-item">
              <i className="swatch dot" style={{ background: css(CLASS_COLOURS[1]) }} /> train
            </span>
            <span className="legend-item">
              <i className="swatch ring" style={{ borderColor: css(CLASS_COLOURS[0]) }} /> test
            </span>
            <span className="legend-item">
              <i className="swatch line" /> fitted ŷ
            </span>
          </>
        )}
      </figcaption>
      {picture.message && (
        <p className="muted small boundary-message" role="status">
          {picture.message}
        </p>
      )}
    </figure>
  );
};
