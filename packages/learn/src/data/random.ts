/**
 * A small seeded PRNG (mulberry32) for the dataset generators, the train/test split and the
 * trainer's mini-batches: the same seed gives the same numbers on every machine, so a dataset
 * saved as `{ generator, seed }` is the same points wherever it is opened.
 * @public
 */
export interface Random {
  /** The next uniform number in [0, 1). */
  next(): number;
  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A standard normal number (mean 0, standard deviation 1), by Box–Muller. */
  normal(): number;
  /** A uniform whole number in [0, n). */
  int(n: number): number;
}

/**
 * Creates a seeded generator; any finite seed works (it is reduced to 32 bits).
 * @example createRandom(7).next(); // the same number every time
 * @public
 */
export const createRandom = (seed: number): Random => {
  let state = Math.trunc(seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    // 1 − u is in (0, 1], so the logarithm is finite.
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    int: (n) => Math.floor(next() * n),
  };
};

/**
 * A seeded permutation of 0 … n−1 (Fisher–Yates).
 * @example shuffledIndices(4, 1); // e.g. [2, 0, 3, 1]
 * @public
 */
export const shuffledIndices = (n: number, random: Random): Uint32Array => {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const held = order[i]!;
    order[i] = order[j]!;
    order[j] = held;
  }
  return order;
};
