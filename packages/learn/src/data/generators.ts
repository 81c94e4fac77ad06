import { datasetGenerators, type DatasetGenerator } from '@chainrule/graph-runtime';
import { createRandom, type Random } from './random';

/** A table of numbers: column names and one row per sample, in column order. @public */
export interface DataTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly number[])[];
}

/** Settings of {@link generateDataset}. @public */
export interface GenerateOptions {
  /** How many points (a whole number ≥ 1). */
  readonly size: number;
  /** Standard deviation of the Gaussian noise added to the coordinates (≥ 0). */
  readonly noise: number;
  readonly seed: number;
}

/** One point of a two-class generator: coordinates before noise and the label (0 or 1). */
type Point = readonly [number, number, number];

/** The ideal point `i` of `n`, before noise; every generator alternates or splits its classes. */
type PointMaker = (i: number, n: number, random: Random) => Point;

const twoClass: Record<Exclude<DatasetGenerator, 'line'>, PointMaker> = {
  // A disc of label 1 (radius ≤ 0.5) inside a ring of label 0 (0.7 … 1).
  circle(i, _n, random) {
    const inside = i % 2 === 0;
    const radius = inside ? random.uniform(0, 0.5) : random.uniform(0.7, 1);
    const angle = random.uniform(0, 2 * Math.PI);
    return [radius * Math.cos(angle), radius * Math.sin(angle), inside ? 1 : 0];
  },
  // Four quadrants, label 1 where x1·x2 > 0; points keep a 0.05 margin from the axes.
  xor(i, _n, random) {
    const label = i % 2 === 0 ? 1 : 0;
    const x1 = random.uniform(0.05, 1) * (random.next() < 0.5 ? -1 : 1);
    const x2 = random.uniform(0.05, 1) * Math.sign(x1) * (label === 1 ? 1 : -1);
    return [x1, x2, label];
  },
  // Label 1 around (0.5, 0.5), label 0 around (−0.5, −0.5), spread 0.25.
  gaussians(i, _n, random) {
    const label = i % 2 === 0 ? 1 : 0;
    const centre = label === 1 ? 0.5 : -0.5;
    return [centre + 0.25 * random.normal(), centre + 0.25 * random.normal(), label];
  },
  // Two interleaved arms of 1.75 turns each (TensorFlow Playground's spiral), radius 0 … 1.
  spiral(i, n) {
    const label = i % 2 === 0 ? 1 : 0;
    const arm = Math.ceil(n / 2);
    const t = Math.floor(i / 2) / arm;
    const angle = 1.75 * t * 2 * Math.PI + (label === 1 ? 0 : Math.PI);
    return [t * Math.sin(angle), t * Math.cos(angle), label];
  },
  // scikit-learn's two moons, centred and scaled into about −1 … 1.
  moons(i, _n, random) {
    const label = i % 2 === 0 ? 0 : 1;
    const angle = random.uniform(0, Math.PI);
    const [x, y] =
      label === 0
        ? [Math.cos(angle), Math.sin(angle)]
        : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
    return [(x - 0.5) * 0.65, (y - 0.25) * 0.65 * 1.4, label];
  },
};

/**
 * Generates a dataset, the same points for the same seed on every machine:
 *
 * - `circle`, `xor`, `gaussians`, `spiral`, `moons`: columns `x1`, `x2`, `y`, with labels
 *   y ∈ {0, 1} alternating so both classes have ⌈size/2⌉ or ⌊size/2⌋ points; Gaussian noise of
 *   standard deviation `noise` is added to x1 and x2 (the label keeps the clean point's class).
 * - `line`: columns `x`, `y`: x uniform in [−1, 1], y = 2x + 1 plus noise.
 * @example generateDataset('spiral', { size: 200, noise: 0.05, seed: 1 }).rows[0] // [x1, x2, y]
 * @public
 */
export const generateDataset = (
  generator: DatasetGenerator,
  options: GenerateOptions,
): DataTable => {
  const { size, noise, seed } = options;
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`A dataset needs a whole number of points ≥ 1, got ${size}`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new RangeError(`The noise must be a number ≥ 0, got ${noise}`);
  }
  const random = createRandom(seed);
  const columns = datasetGenerators[generator];
  const rows: number[][] = [];
  if (generator === 'line') {
    for (let i = 0; i < size; i++) {
      const x = random.uniform(-1, 1);
      rows.push([x, 2 * x + 1 + noise * random.normal()]);
    }
    return { columns, rows };
  }
  const make = twoClass[generator];
  for (let i = 0; i < size; i++) {
    const [x1, x2, label] = make(i, size, random);
    rows.push([x1 + noise * random.normal(), x2 + noise * random.normal(), label]);
  }
  return { columns, rows };
};
