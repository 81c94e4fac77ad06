import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../format/formatNumber';
import { keptIndices } from './chartPoints';

/** One line of a {@link TraceChart}. */
export interface TraceSeries {
  readonly label: string;
  readonly values: readonly number[];
}

const COLOURS = [
  '#1d4ed8',
  '#c2410c',
  '#0f766e',
  '#7c3aed',
  '#be185d',
  '#4d7c0f',
  '#b45309',
  '#334155',
];

/** How often a chart redraws at most while its data grows: 10 times a second... */
const REDRAW_MS = 100;
/** ...and 4 times a second for more than this many series (a network's ~180 parameters). */
const MANY_SERIES = 12;
const MANY_SERIES_MS = 250;

/** A colour for series `index`, stable across renders. */
export const seriesColour = (index: number): string => COLOURS[index % COLOURS.length]!;

/**
 * A live line chart (uPlot, canvas-drawn, fast for thousands of points) of values against the
 * step number. The chart is created once per set of series names and then only fed new data,
 * so a running training redraws without rebuilding anything.
 */
export const TraceChart = ({
  title,
  series,
  height = 150,
  testId,
  logWhenPositive = false,
  steps,
}: {
  title: string;
  series: readonly TraceSeries[];
  /** The step of each value (default: 0, 1, 2, …), for traces sampled once per frame. */
  steps?: readonly number[];
  height?: number;
  testId?: string;
  /**
   * Draw the y axis logarithmically while every value is positive: a loss falls over orders of
   * magnitude, and on a linear axis everything after the first steps looks flat.
   */
  logWhenPositive?: boolean;
}) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const labels = series.map((s) => s.label).join('\u0000');
  const many = series.length > MANY_SERIES;
  const log =
    logWhenPositive &&
    series.length > 0 &&
    series.every((s) => s.values.length > 1 && s.values.every((v) => v > 0));

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height,
        // A legend of a few series names each line; one of a network's ~180 parameters would
        // be a table longer than the chart, rewritten every frame.
        legend: { show: !many, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, ...(log ? { y: { distr: 3 } } : {}) },
        axes: [
          {
            label: 'step',
            labelSize: 16,
            size: 30,
            stroke: '#64748b',
            grid: { stroke: '#eef2f7' },
          },
          { size: 48, stroke: '#64748b', grid: { stroke: '#eef2f7' } },
        ],
        series: [
          { label: 'step' },
          ...labels.split('\u0000').map((label, index) => ({
            label,
            stroke: seriesColour(index),
            width: 1.6,
            points: { show: false },
          })),
        ],
      },
      [[], ...labels.split('\u0000').map(() => [])],
      element,
    );
    chart.current = plot;
    const observer = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(200, element.clientWidth), height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [labels, height, log, many]);

  // The newest data, drawn at most every REDRAW_MS (MANY_SERIES_MS for many series) and always
  // ending on the newest data: a chart need not redraw for every training frame.
  const latest = useRef({ series, steps });
  latest.current = { series, steps };
  const drawn = useRef({ at: -Infinity, timer: null as ReturnType<typeof setTimeout> | null });
  useEffect(() => {
    const draw = () => {
      const plot = chart.current;
      drawn.current.timer = null;
      const { series: current, steps: xsteps } = latest.current;
      if (!plot || current.length === 0) return;
      drawn.current.at = performance.now();
      const length = current[0]!.values.length;
      const kept = keptIndices(length);
      const xs = kept.map((i) => (xsteps ? xsteps[i]! : i));
      plot.setData([xs, ...current.map((s) => kept.map((i) => s.values[i]!))]);
    };
    const wait = drawn.current.at + (many ? MANY_SERIES_MS : REDRAW_MS) - performance.now();
    if (wait <= 0) draw();
    else drawn.current.timer ??= setTimeout(draw, wait);
  });
  useEffect(
    () => () => {
      if (drawn.current.timer !== null) clearTimeout(drawn.current.timer);
    },
    [],
  );

  const last = series.map((s) => s.values[s.values.length - 1]);
  return (
    <figure className="learn-chart" data-testid={testId}>
      <figcaption className="muted small">
        {title}
        {log && ' (log scale)'}
      </figcaption>
      <div
        ref={box}
        className="learn-chart-plot"
        role="img"
        aria-label={`${title}: ${series
          .map(
            (s, i) => `${s.label} ${last[i] === undefined ? 'no data' : formatNumber(last[i]!, 4)}`,
          )
          .join(', ')}`}
      />
    </figure>
  );
};
