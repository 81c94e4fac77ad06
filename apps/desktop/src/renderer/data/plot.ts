/** A rectangle of the data plane: x is the first feature (x1), y the second (x2) or the target. */
export interface Bounds {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/**
 * The smallest and largest finite value of a column, or null when it has none.
 * @example extent([3, NaN, -1]) // [-1, 3]
 */
export const extent = (values: ArrayLike<number>): [number, number] | null => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
};

const padded = (range: [number, number] | null, pad: number): [number, number] => {
  if (!range) return [-1, 1];
  const [lo, hi] = range;
  // A column with one value still gets an area around it.
  const span = hi - lo || Math.max(1, Math.abs(lo));
  return [lo - span * pad, hi + span * pad];
};

/**
 * The plane a plot shows: the extent of the points with a margin, so no point sits on the edge.
 * Non-finite values are ignored; an empty or constant column still gets a usable range.
 * @example dataBounds([0, 1], [0, 2], 0.1) // { x: [-0.1, 1.1], y: [-0.2, 2.2] }
 */
export const dataBounds = (
  xs: readonly ArrayLike<number>[],
  ys: readonly ArrayLike<number>[],
  pad = 0.08,
): Bounds => {
  const merge = (columns: readonly ArrayLike<number>[]) => {
    let range: [number, number] | null = null;
    for (const column of columns) {
      const r = extent(column);
      if (r) range = range ? [Math.min(range[0], r[0]), Math.max(range[1], r[1])] : r;
    }
    return range;
  };
  return { x: padded(merge(xs), pad), y: padded(merge(ys), pad) };
};

/**
 * The sample points of an n×n grid over `bounds`, as two columns in lane order: lane
 * `row * n + col` is the centre of pixel (col, row) of an n×n image whose row 0 is the top
 * (largest x2), so painting lane k into pixel k draws the plane the right way up.
 */
export const gridColumns = (
  bounds: Bounds,
  n: number,
): { readonly x1: Float64Array; readonly x2: Float64Array } => {
  const x1 = new Float64Array(n * n);
  const x2 = new Float64Array(n * n);
  const [xLo, xHi] = bounds.x;
  const [yLo, yHi] = bounds.y;
  for (let row = 0; row < n; row++) {
    const y = yHi - ((row + 0.5) / n) * (yHi - yLo);
    for (let col = 0; col < n; col++) {
      x1[row * n + col] = xLo + ((col + 0.5) / n) * (xHi - xLo);
      x2[row * n + col] = y;
    }
  }
  return { x1, x2 };
};

/** `n` evenly spaced points from `lo` to `hi` inclusive (a regression curve's x values). */
export const lineColumn = (range: readonly [number, number], n: number): Float64Array => {
  const column = new Float64Array(n);
  const [lo, hi] = range;
  for (let i = 0; i < n; i++) column[i] = n === 1 ? lo : lo + (i / (n - 1)) * (hi - lo);
  return column;
};

/**
 * About `count` round tick values (1, 2 or 5 times a power of ten apart) inside [lo, hi].
 * @example niceTicks(-1.2, 1.2, 5) // [-1, -0.5, 0, 0.5, 1]
 */
export const niceTicks = (lo: number, hi: number, count = 5): number[] => {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) {
    // Rounded to the step's decimals, so 0.1 * 3 prints as 0.3.
    ticks.push(Number((k * step).toFixed(Math.max(0, -Math.floor(Math.log10(step))))));
  }
  return ticks;
};
