import { classOf } from './colorScale';
import { extent } from './plot';

/**
 * The share of samples whose predicted class is their label's class, splitting both at the
 * middle of the label range (0.5 for 0/1 labels, 0 for -1/1). Samples whose prediction is not a
 * number count as wrong. NaN for an empty batch.
 * @example accuracy([0.9, 0.2, 0.6], [1, 0, 0], [0, 1]) // 2/3
 */
export const accuracy = (
  predictions: ArrayLike<number>,
  labels: ArrayLike<number>,
  labelRange: readonly [number, number],
): number => {
  const count = Math.min(predictions.length, labels.length);
  if (count === 0) return NaN;
  let right = 0;
  for (let i = 0; i < count; i++) {
    const p = predictions[i]!;
    if (Number.isFinite(p) && classOf(p, labelRange) === classOf(labels[i]!, labelRange)) right++;
  }
  return right / count;
};

/**
 * The low and high label of a classification target (its smallest and largest finite value),
 * or [0, 1] when the column has fewer than two distinct values.
 */
export const labelRangeOf = (labels: ArrayLike<number>): [number, number] => {
  const range = extent(labels);
  return range && range[0] < range[1] ? range : [0, 1];
};
