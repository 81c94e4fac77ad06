import { createRandom } from '@chainrule/learn';

/**
 * A small seeded PRNG: the same seed always yields the same graph, so a benchmark run can be
 * reproduced and compared run to run. It is learn's `createRandom` (mulberry32), the one seeded
 * generator of Chainrule (datasets, splits and mini-batches use it too).
 */

/** A deterministic source of uniform numbers in [0, 1). */
export interface Prng {
  /** The next uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number;
}

/**
 * Creates a mulberry32 generator from a 32-bit seed.
 * @example const rng = createPrng(42); rng.int(10);
 */
export const createPrng = (seed: number): Prng => {
  const random = createRandom(seed);
  return { next: random.next, int: random.int, uniform: random.uniform };
};
