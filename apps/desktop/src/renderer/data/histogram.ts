import { extent } from './plot';

/** A batch's distribution: `counts[i]` samples fell in bin i of [min, max]. */
export interface Histogram {
  readonly counts: Uint32Array;
  readonly min: number;
  readonly max: number;
  /** The largest count (0 for an empty batch), for scaling bars. */
  readonly peak: number;
}

/**
 * Bins a batch of values into `bins` equal bins over their own range (non-finite values are
 * left out). A constant batch puts everything in the middle bin.
 * @example histogram([0, 0, 1], 2).counts // Uint32Array [2, 1]
 */
export const histogram = (values: ArrayLike<number>, bins: number): Histogram => {
  const counts = new Uint32Array(bins);
  const range = extent(values);
  if (!range) return { counts, min: 0, max: 0, peak: 0 };
  const [min, max] = range;
  const span = max - min;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const bin = span === 0 ? bins >> 1 : Math.min(bins - 1, Math.floor(((v - min) / span) * bins));
    counts[bin]! += 1;
  }
  let peak = 0;
  for (const count of counts) if (count > peak) peak = count;
  return { counts, min, max, peak };
};
