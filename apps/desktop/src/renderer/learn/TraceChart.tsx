import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../format/formatNumber';

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
        legend: { show: true, live: true },
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
  }, [labels, height, log]);

  useEffect(() => {
    const plot = chart.current;
    if (!plot || series.length === 0) return;
    const length = series[0]!.values.length;
    const xs = steps ? [...steps] : Array.from({ length }, (_, i) => i);
    plot.setData([xs, ...series.map((s) => [...s.values])]);
  });

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
