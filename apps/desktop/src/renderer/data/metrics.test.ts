import { describe, expect, it } from 'vitest';
import { accuracy, labelRangeOf } from './metrics';

describe('accuracy', () => {
  it('counts predictions on the same side of the middle as their label', () => {
    expect(accuracy([0.9, 0.2, 0.6], [1, 0, 0], [0, 1])).toBeCloseTo(2 / 3);
    expect(accuracy([0.3, -0.1], [1, -1], [-1, 1])).toBe(1);
  });

  it('counts a prediction that is not a number as wrong; an empty batch has none', () => {
    expect(accuracy([NaN, 1], [1, 1], [0, 1])).toBe(0.5);
    expect(accuracy([], [], [0, 1])).toBeNaN();
  });
});

describe('labelRangeOf', () => {
  it('is the smallest and largest label, or 0–1 without two labels', () => {
    expect(labelRangeOf([1, -1, 1])).toEqual([-1, 1]);
    expect(labelRangeOf([1, 1])).toEqual([0, 1]);
  });
});
