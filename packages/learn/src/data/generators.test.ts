import { datasetGenerators, type DatasetGenerator } from '@chainrule/graph-runtime';
import { describe, expect, it } from 'vitest';
import { generateDataset } from './generators';
import { createRandom, shuffledIndices } from './random';

const generators = Object.keys(datasetGenerators) as DatasetGenerator[];
const classifiers = generators.filter((name) => name !== 'line');

/** Share of points whose label the rule gets right. */
const agreement = (
  rows: readonly (readonly number[])[],
  rule: (x1: number, x2: number) => number,
) => rows.filter(([x1, x2, y]) => rule(x1!, x2!) === y).length / rows.length;

describe('createRandom', () => {
  it('repeats per seed, differs between seeds, stays in [0, 1) and has mean ½ and normal variance 1', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(createRandom(6).next()).not.toBe(first[0]);
    const random = createRandom(11);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = random.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      const z = random.normal();
      squares += z * z;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    expect(squares / 20_000).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation', () => {
    const order = [...shuffledIndices(50, createRandom(2))];
    expect([...order].sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
    expect(order).not.toEqual([...Array(50).keys()]);
  });
});

describe('generateDataset', () => {
  it.each(generators)('%s: the same seed gives the same points; another seed, others', (name) => {
    const options = { size: 60, noise: 0.1, seed: 4 };
    const table = generateDataset(name, options);
    expect(table.columns).toEqual(datasetGenerators[name]);
    expect(table.rows).toHaveLength(60);
    expect(generateDataset(name, options)).toEqual(table);
    expect(generateDataset(name, { ...options, seed: 5 }).rows).not.toEqual(table.rows);
    for (const row of table.rows) {
      expect(row).toHaveLength(table.columns.length);
      expect(row.every(Number.isFinite)).toBe(true);
    }
  });

  it.each(classifiers)('%s: balanced 0/1 labels, coordinates within about −1 … 1', (name) => {
    const { rows } = generateDataset(name, { size: 401, noise: 0, seed: 1 });
    const ones = rows.filter((row) => row[2] === 1).length;
    expect(rows.every((row) => row[2] === 0 || row[2] === 1)).toBe(true);
    expect(Math.abs(ones - 200.5)).toBeLessThanOrEqual(0.5);
    const reach = Math.max(...rows.flatMap((row) => [Math.abs(row[0]!), Math.abs(row[1]!)]));
    expect(reach).toBeLessThan(name === 'gaussians' ? 1.6 : 1.01);
  });

  it('noise-free points follow each generator’s rule', () => {
    const clean = (name: DatasetGenerator) =>
      generateDataset(name, { size: 400, noise: 0, seed: 3 }).rows;
    expect(agreement(clean('circle'), (x1, x2) => (Math.hypot(x1, x2) <= 0.5 ? 1 : 0))).toBe(1);
    expect(agreement(clean('xor'), (x1, x2) => (x1 * x2 > 0 ? 1 : 0))).toBe(1);
    expect(agreement(clean('gaussians'), (x1, x2) => (x1 + x2 > 0 ? 1 : 0))).toBeGreaterThan(0.97);
    expect(agreement(clean('moons'), (x1, x2) => (x2 < 0.9 * x1 - 0.1 ? 1 : 0))).toBeGreaterThan(
      0.8,
    );
    // The spiral's arms: same radius, opposite angles, opposite labels.
    const spiral = clean('spiral');
    expect(spiral[0]![0]! + spiral[1]![0]!).toBeCloseTo(0, 12);
    expect(Math.hypot(spiral[398]![0]!, spiral[398]![1]!)).toBeCloseTo(199 / 200, 12);
    const line = clean('line');
    expect(line.every(([x, y]) => Math.abs(y! - (2 * x! + 1)) < 1e-12)).toBe(true);
  });

  it('adds noise of the asked standard deviation', () => {
    const rows = generateDataset('line', { size: 4000, noise: 0.3, seed: 9 }).rows;
    const residuals = rows.map(([x, y]) => y! - (2 * x! + 1));
    const sd = Math.sqrt(residuals.reduce((sum, r) => sum + r * r, 0) / residuals.length);
    expect(sd).toBeCloseTo(0.3, 1);
  });

  it('refuses sizes and noise that make no dataset', () => {
    expect(() => generateDataset('xor', { size: 0, noise: 0, seed: 1 })).toThrow(
      'A dataset needs a whole number of points ≥ 1, got 0',
    );
    expect(() => generateDataset('xor', { size: 10, noise: -1, seed: 1 })).toThrow(
      'The noise must be a number ≥ 0, got -1',
    );
  });
});
