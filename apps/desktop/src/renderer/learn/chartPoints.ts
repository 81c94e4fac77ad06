/** A chart draws at most about this many points per series: more than its width in pixels. */
const MAX_POINTS = 400;

/**
 * The indices drawn of a series of `length` values: all of them up to {@link MAX_POINTS},
 * else every k-th and always the last, so a long run draws as fast as a short one.
 */
export const keptIndices = (length: number): number[] => {
  const stride = Math.max(1, Math.ceil(length / MAX_POINTS));
  const kept: number[] = [];
  for (let i = 0; i < length; i += stride) kept.push(i);
  if (length > 0 && kept[kept.length - 1] !== length - 1) kept.push(length - 1);
  return kept;
};
