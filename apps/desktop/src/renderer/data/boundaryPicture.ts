import type { Bounds } from './plot';

/** Which split a sample belongs to. */
export type Split = 'train' | 'test';

/** The samples of one split, as columns: `x` (first feature), `y` (second feature or target). */
export interface PointSet {
  readonly split: Split;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The label of each sample (its class for classification; equal to `y` for regression). */
  readonly label: Float64Array;
}

/** A sample, by split and index within it. */
export interface SampleRef {
  readonly split: Split;
  readonly index: number;
}

/**
 * What the decision-boundary view draws, as plain typed arrays:
 * - `classification`: `values` is the model's output at each pixel of a `resolution`² grid
 *   (lane row·n + col, row 0 at the top, see `gridColumns`), drawn as a heatmap under the points;
 * - `regression`: `values` is the model's ŷ at `resolution` evenly spaced x across `bounds.x`,
 *   drawn as the fitted curve over the points.
 * `values` is null while there is nothing to draw (no model output yet), with `message` saying why.
 */
export interface BoundaryPicture {
  readonly task: 'classification' | 'regression';
  readonly bounds: Bounds;
  /** The low and high label (0/1 or -1/1): the heatmap's scale and the points' classes. */
  readonly labelRange: readonly [number, number];
  readonly resolution: number;
  readonly values: Float64Array | null;
  readonly message: string | null;
  readonly points: readonly PointSet[];
  readonly selected: SampleRef | null;
}

/** The drawing area inside the canvas: margins leave room for the axes' numbers. */
export interface PlotFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The plot area of a `width`×`height` canvas (CSS pixels). */
export const plotFrame = (width: number, height: number): PlotFrame => ({
  left: 34,
  top: 8,
  width: Math.max(1, width - 34 - 10),
  height: Math.max(1, height - 8 - 24),
});

/** Canvas position (CSS pixels) of a data point. */
export const toCanvas = (
  frame: PlotFrame,
  bounds: Bounds,
  x: number,
  y: number,
): { readonly px: number; readonly py: number } => ({
  px: frame.left + ((x - bounds.x[0]) / (bounds.x[1] - bounds.x[0])) * frame.width,
  py: frame.top + (1 - (y - bounds.y[0]) / (bounds.y[1] - bounds.y[0])) * frame.height,
});

/**
 * The sample drawn nearest to canvas position (px, py), if one is within `radius` pixels:
 * what a click on the view selects. Test points are checked after train points, so where two
 * overlap the one drawn on top wins.
 */
export const pointAt = (
  picture: Pick<BoundaryPicture, 'bounds' | 'points'>,
  frame: PlotFrame,
  px: number,
  py: number,
  radius = 6,
): SampleRef | null => {
  let best: SampleRef | null = null;
  let bestDistance = radius * radius;
  for (const set of picture.points) {
    for (let i = 0; i < set.x.length; i++) {
      const at = toCanvas(frame, picture.bounds, set.x[i]!, set.y[i]!);
      const d = (at.px - px) ** 2 + (at.py - py) ** 2;
      if (d <= bestDistance) {
        bestDistance = d;
        best = { split: set.split, index: i };
      }
    }
  }
  return best;
};
