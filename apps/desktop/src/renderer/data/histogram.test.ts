import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('bins values over their own range, the maximum in the last bin', () => {
    const h = histogram([0, 0.1, 0.5, 0.9, 1], 4);
    expect([...h.counts]).toEqual([2, 0, 1, 2]);
    expect(h.min).toBe(0);
    expect(h.max).toBe(1);
    expect(h.peak).toBe(2);
  });

  it('leaves out non-finite values and puts a constant batch in the middle bin', () => {
    expect([...histogram([3, 3, NaN, Infinity], 5).counts]).toEqual([0, 0, 2, 0, 0]);
    expect(histogram([NaN], 3).peak).toBe(0);
  });
});
