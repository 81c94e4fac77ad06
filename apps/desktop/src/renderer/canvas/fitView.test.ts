import { describe, expect, it } from 'vitest';
import { FIT_MARGIN, fitViewport } from './fitView';

const box = (x: number, y: number) => ({ position: { x, y }, width: 100, height: 50 });
const range = { minZoom: 0.5, maxZoom: 1.25, padding: 0.2 };

describe('fitViewport', () => {
  it('centres a graph that fits, at a zoom within the range', () => {
    // 300 × 150 of graph in an 800 × 600 view: the zoom tops out at 1.25.
    const view = fitViewport([box(0, 0), box(200, 100)], 800, 600, range)!;
    expect(view.zoom).toBe(1.25);
    expect(view.x + (300 / 2) * view.zoom).toBeCloseTo(400);
    expect(view.y + (150 / 2) * view.zoom).toBeCloseTo(300);
  });

  it('shows the start of a graph too wide for the view at the smallest zoom', () => {
    // 3,100 wide at zoom 0.5 is 1,550 px in an 800 px view: its left edge (x = 0) is in view.
    const view = fitViewport([box(0, 200), box(3000, 220)], 800, 600, range)!;
    expect(view.zoom).toBe(0.5);
    expect(view.x + 0 * view.zoom).toBe(FIT_MARGIN);
    // It fits vertically: centred there.
    expect(view.y + ((200 + 270) / 2) * view.zoom).toBeCloseTo(300);
  });

  it('keeps a graph too tall centred, and fits nothing for an empty graph', () => {
    const view = fitViewport([box(-50, -400), box(0, 3000)], 800, 600, range)!;
    expect(view.zoom).toBe(0.5);
    expect(view.y + ((-400 + 3050) / 2) * view.zoom).toBeCloseTo(300);
    expect(fitViewport([], 800, 600, range)).toBeNull();
    expect(fitViewport([box(0, 0)], 0, 600, range)).toBeNull();
  });
});
