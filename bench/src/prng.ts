/**
 * A small seeded PRNG (mulberry32): the same seed always yields the same graph, so a benchmark
 * run can be reproduced and compared run to run.
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
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
  };
};
