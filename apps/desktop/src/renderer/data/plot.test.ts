import { describe, expect, it } from 'vitest';
import { dataBounds, gridColumns, lineColumn, niceTicks } from './plot';

describe('dataBounds', () => {
  it('pads the extent of every column, ignoring non-finite values', () => {
    const bounds = dataBounds(
      [[0, 1, NaN]],
      [
        [0, 2],
        [Infinity, -1],
      ],
      0.1,
    );
    expect(bounds.x[0]).toBeCloseTo(-0.1);
    expect(bounds.x[1]).toBeCloseTo(1.1);
    expect(bounds.y[0]).toBeCloseTo(-1.3);
    expect(bounds.y[1]).toBeCloseTo(2.3);
  });

  it('gives an empty or constant column a usable range', () => {
    expect(dataBounds([[]], [[5, 5]], 0.5)).toEqual({ x: [-1, 1], y: [2.5, 7.5] });
  });
});

describe('gridColumns', () => {
  it('puts lane row*n+col at the centre of that pixel, row 0 at the top', () => {
    const { x1, x2 } = gridColumns({ x: [0, 4], y: [0, 2] }, 4);
    expect(x1.length).toBe(16);
    expect([...x1.slice(0, 4)]).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(x2[0]).toBeCloseTo(1.75);
    expect(x2[15]).toBeCloseTo(0.25);
    expect(x1[15]).toBe(3.5);
  });
});

describe('lineColumn', () => {
  it('spans the range inclusively', () => {
    expect([...lineColumn([-1, 1], 5)]).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect([...lineColumn([2, 3], 1)]).toEqual([2]);
  });
});

describe('niceTicks', () => {
  it('picks round steps inside the range', () => {
    expect(niceTicks(-1.2, 1.2, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0, 100, 4)).toEqual([0, 50, 100]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  it('has no ticks for an empty or broken range', () => {
    expect(niceTicks(1, 1)).toEqual([]);
    expect(niceTicks(0, NaN)).toEqual([]);
  });
});
