import fc from 'fast-check';

/**
 * One seed per test run, printed when a property fails so the run can be replayed with
 * `FC_SEED=<seed> npx vitest run --project nodes`. A fresh seed each run widens coverage over
 * time; a failing seed is never lost because the message carries it.
 */
export const propertySeed: number = process.env['FC_SEED']
  ? Number(process.env['FC_SEED'])
  : Date.now() % 2 ** 31;

/**
 * `fc.assert` with the run's seed, rethrowing with the seed and the replay command up front
 * (fast-check's own message buries it below the counterexample).
 */
export const assertProperty = <T>(property: fc.IProperty<T>, numRuns = 200): void => {
  try {
    fc.assert(property, { seed: propertySeed, numRuns });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Property failed with seed ${String(propertySeed)} (replay: FC_SEED=${String(propertySeed)})\n${detail}`,
      { cause: error },
    );
  }
};

/** A finite double in [min, max] (never NaN, never ±Infinity). */
export const finiteIn = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A finite double whose magnitude is in [min, max], either sign: keeps clear of a kink at 0. */
export const awayFromZero = (min: number, max: number): fc.Arbitrary<number> =>
  fc.tuple(finiteIn(min, max), fc.boolean()).map(([x, negative]) => (negative ? -x : x));

/**
 * Relative error with an absolute floor of 1, the usual gradcheck measure: relative for large
 * numbers, absolute near zero, where a relative error would blow up on rounding noise.
 */
export const relativeError = (x: number, y: number): number =>
  Math.abs(x - y) / Math.max(1, Math.abs(x), Math.abs(y));
