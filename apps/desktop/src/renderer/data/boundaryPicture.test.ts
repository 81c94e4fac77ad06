import { describe, expect, it } from 'vitest';
import { plotFrame, pointAt, toCanvas } from './boundaryPicture';
import type { PointSet } from './boundaryPicture';

const bounds = { x: [0, 10], y: [0, 10] } as const;
const set = (split: 'train' | 'test', xs: number[], ys: number[]): PointSet => ({
  split,
  x: Float64Array.from(xs),
  y: Float64Array.from(ys),
  label: new Float64Array(xs.length),
});

describe('toCanvas', () => {
  it('maps the bounds onto the plot frame with y up', () => {
    const frame = plotFrame(144, 132);
    expect(toCanvas(frame, bounds, 0, 0)).toEqual({ px: frame.left, py: frame.top + frame.height });
    expect(toCanvas(frame, bounds, 10, 10)).toEqual({
      px: frame.left + frame.width,
      py: frame.top,
    });
  });
});

describe('pointAt', () => {
  const frame = plotFrame(144, 132); // a 100×100 plot area
  const points = [set('train', [1, 5], [1, 5]), set('test', [9], [9])];

  it('finds the nearest sample within the radius, with its split and index', () => {
    const at = toCanvas(frame, bounds, 5, 5);
    expect(pointAt({ bounds, points }, frame, at.px + 2, at.py - 1)).toEqual({
      split: 'train',
      index: 1,
    });
    const test = toCanvas(frame, bounds, 9, 9);
    expect(pointAt({ bounds, points }, frame, test.px, test.py)).toEqual({
      split: 'test',
      index: 0,
    });
  });

  it('finds nothing away from every point', () => {
    const at = toCanvas(frame, bounds, 3, 7);
    expect(pointAt({ bounds, points }, frame, at.px, at.py)).toBeNull();
  });
});
