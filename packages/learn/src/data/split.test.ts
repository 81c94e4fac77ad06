import { describe, expect, it } from 'vitest';
import { splitRows } from './split';

const rows = Array.from({ length: 100 }, (_, k) => k);

describe('splitRows', () => {
  it('holds out round(test · n) rows chosen by the seed, keeping each part in order', () => {
    const split = splitRows(rows, { test: 0.25, seed: 1 });
    expect(split.test).toHaveLength(25);
    expect(split.train).toHaveLength(75);
    expect([...split.train, ...split.test].sort((a, b) => a - b)).toEqual(rows);
    expect(split.test).toEqual([...split.test].sort((a, b) => a - b));
    expect(splitRows(rows, { test: 0.25, seed: 1 })).toEqual(split);
    expect(splitRows(rows, { test: 0.25, seed: 2 }).test).not.toEqual(split.test);
  });

  it('keeps at least one training row and allows no test rows', () => {
    expect(splitRows([1, 2], { test: 0.9, seed: 1 }).train).toHaveLength(1);
    expect(splitRows(rows, { test: 0, seed: 1 })).toEqual({ train: rows, test: [] });
  });

  it('refuses a share outside 0 ≤ test < 1', () => {
    expect(() => splitRows(rows, { test: 1, seed: 1 })).toThrow('0 ≤ test < 1, got 1');
  });
});
