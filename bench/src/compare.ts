/**
 * Agreement checks between two evaluators: values and gradients must match within a relative
 * tolerance before anything is timed, so every ratio in the report compares equal work.
 */

/** The worst disagreement found, for the report. */
export interface Agreement {
  readonly ok: boolean;
  /** Largest |x − y| / max(|x|, |y|, floor) seen. */
  readonly worst: number;
  /** The first mismatch, described, when not ok. */
  readonly mismatch?: string;
}

/**
 * Whether x and y agree: |x − y| ≤ rtol · max(|x|, |y|, floor). The floor turns the test absolute
 * near zero, where a relative error means nothing (a gradient that cancels to 1e-17 vs 0).
 */
export const relativeError = (x: number, y: number, floor: number): number => {
  if (Object.is(x, y) || x === y) return 0;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return Number.POSITIVE_INFINITY;
  return Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);
};

/**
 * Compares two sequences read through accessors (node index → number) over `count` items.
 * @example compareSeries('value', n, (i) => a.values[i], (i) => engine.valueOf(ids[i]), 1e-9)
 */
export const compareSeries = (
  what: string,
  count: number,
  expected: (i: number) => number,
  actual: (i: number) => number,
  rtol: number,
  floor = 1,
  nameOf: (i: number) => string = String,
): Agreement => {
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const e = expected(i);
    const a = actual(i);
    const err = relativeError(e, a, floor);
    if (err > worst) worst = err;
    if (!(err <= rtol)) {
      return { ok: false, worst, mismatch: `${what} of ${nameOf(i)}: expected ${e}, got ${a}` };
    }
  }
  return { ok: true, worst };
};

/** Combines agreements: ok only if all are; the worst error of all. */
export const allAgree = (parts: readonly Agreement[]): Agreement => {
  const failed = parts.find((p) => !p.ok);
  const worst = Math.max(0, ...parts.map((p) => p.worst));
  return failed ? { ok: false, worst, mismatch: failed.mismatch! } : { ok: true, worst };
};
