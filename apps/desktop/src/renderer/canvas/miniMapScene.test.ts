import { describe, expect, it } from 'vitest';
import type { Box } from './miniMapScene';
import {
  boundsOf,
  centredOn,
  fitBounds,
  toFlow,
  toMiniMap,
  unite,
  viewRect,
  wheelFactor,
  zoomedAtCentre,
} from './miniMapScene';

const box = (x: number, y: number, width: number, height: number): Box => ({
  x,
  y,
  width,
  height,
});

describe('minimap scene', () => {
  it('gives the view in flow coordinates from the transform and pane size', () => {
    // Panned 100 px right and 50 px down, at zoom 2: the pane's corner shows flow (-50, -25).
    expect(viewRect([100, 50, 2], 800, 600)).toEqual(box(-50, -25, 400, 300));
    expect(viewRect([0, 0, 1], 800, 600)).toEqual(box(0, 0, 800, 600));
  });

  it('bounds every node box, whatever its order', () => {
    const boxes = [box(200, 0, 160, 50), box(-40, 30, 160, 50), box(0, 300, 160, 74)];
    expect(boundsOf(boxes)).toEqual(box(-40, 0, 400, 374));
    expect(boundsOf([...boxes].reverse())).toEqual(box(-40, 0, 400, 374));
    expect(boundsOf([box(5, 6, 7, 8)])).toEqual(box(5, 6, 7, 8));
  });

  it('has no node bounds for an empty graph, and then shows only the view', () => {
    expect(boundsOf([])).toBeNull();
    const view = box(-10, -20, 300, 200);
    expect(unite(null, view)).toEqual(view);
  });

  it('unites the nodes with the view, as React Flow’s minimap does', () => {
    // The view to the right of and overlapping the nodes.
    expect(unite(box(0, 0, 100, 100), box(50, -50, 200, 100))).toEqual(box(0, -50, 250, 150));
    // A view inside the nodes changes nothing.
    expect(unite(box(0, 0, 1000, 1000), box(10, 10, 20, 20))).toEqual(box(0, 0, 1000, 1000));
  });

  it('fits the bounds into the minimap with padding, aspect kept and centred', () => {
    // 1000 × 200 flow units into 150 × 96 px with 5 px padding: width is the limit (140 / 1000).
    const fit = fitBounds(box(0, 0, 1000, 200), 150, 96, 5);
    expect(fit.scale).toBeCloseTo(0.14);
    const drawn = toMiniMap(fit, box(0, 0, 1000, 200));
    expect(drawn.x).toBeCloseTo(5);
    expect(drawn.width).toBeCloseTo(140);
    expect(drawn.height).toBeCloseTo(28);
    // Centred vertically: as much room above as below.
    expect(drawn.y).toBeCloseTo((96 - 28) / 2);

    // A tall graph: height is the limit, centred horizontally.
    const tall = fitBounds(box(-500, 100, 200, 1720), 150, 96, 5);
    expect(tall.scale).toBeCloseTo(86 / 1720);
    const drawnTall = toMiniMap(tall, box(-500, 100, 200, 1720));
    expect(drawnTall.y).toBeCloseTo(5);
    expect(drawnTall.height).toBeCloseTo(86);
    expect(drawnTall.x + drawnTall.width / 2).toBeCloseTo(75);
  });

  it('fits a box with no area (one point) without dividing by zero', () => {
    const fit = fitBounds(box(10, 20, 0, 0), 150, 96, 5);
    expect(fit.scale).toBe(1);
    expect(toMiniMap(fit, box(10, 20, 0, 0))).toMatchObject({ x: 75, y: 48 });
    // A flat box scales by its one side.
    expect(fitBounds(box(0, 0, 280, 0), 150, 96, 5).scale).toBeCloseTo(0.5);
  });

  it('maps a minimap pixel back to the flow point drawn there', () => {
    const fit = fitBounds(box(-300, 40, 2400, 900), 150, 96, 5);
    for (const point of [
      { x: -300, y: 40 },
      { x: 2100, y: 940 },
      { x: 123.5, y: 456.25 },
    ]) {
      const pixel = toMiniMap(fit, box(point.x, point.y, 0, 0));
      const back = toFlow(fit, pixel.x, pixel.y);
      expect(back.x).toBeCloseTo(point.x);
      expect(back.y).toBeCloseTo(point.y);
    }
    // The minimap's centre is the bounds' centre.
    const centre = toFlow(fit, 75, 48);
    expect(centre.x).toBeCloseTo(900);
    expect(centre.y).toBeCloseTo(490);
  });

  it('draws the view rectangle where it is in the united bounds', () => {
    const nodes = box(0, 0, 1000, 600);
    const view = viewRect([-400, 0, 1], 800, 600); // flow x 400..1200: sticks out on the right
    const bounds = unite(nodes, view);
    expect(bounds).toEqual(box(0, 0, 1200, 600));
    const fit = fitBounds(bounds, 150, 96, 5);
    const drawn = toMiniMap(fit, view);
    // Its right edge is the bounds' right edge, inside the padding.
    expect(drawn.x + drawn.width).toBeCloseTo(145);
    expect(drawn.width).toBeCloseTo((800 / 1200) * 140);
  });

  it('centres the view on a point, at the current zoom', () => {
    const viewport = centredOn({ x: 500, y: 200 }, 0.5, 800, 600);
    expect(viewport).toEqual({ x: 400 - 250, y: 300 - 100, zoom: 0.5 });
    // That viewport's view rectangle has the point at its centre.
    const view = viewRect([viewport.x, viewport.y, viewport.zoom], 800, 600);
    expect(view.x + view.width / 2).toBeCloseTo(500);
    expect(view.y + view.height / 2).toBeCloseTo(200);
  });

  it('zooms around the pane’s centre, clamped to the flow’s zoom range', () => {
    const before = viewRect([100, -40, 1], 800, 600);
    const zoomed = zoomedAtCentre([100, -40, 1], 800, 600, 2, 0.05, 3);
    expect(zoomed.zoom).toBe(2);
    const after = viewRect([zoomed.x, zoomed.y, zoomed.zoom], 800, 600);
    expect(after.x + after.width / 2).toBeCloseTo(before.x + before.width / 2);
    expect(after.y + after.height / 2).toBeCloseTo(before.y + before.height / 2);
    expect(after.width).toBeCloseTo(before.width / 2);
    expect(zoomedAtCentre([0, 0, 2], 800, 600, 4, 0.05, 3).zoom).toBe(3);
    expect(zoomedAtCentre([0, 0, 0.1], 800, 600, 0.1, 0.05, 3).zoom).toBe(0.05);
  });

  it('zooms in on wheel up and out on wheel down, like the pane', () => {
    expect(wheelFactor(-100, 0)).toBeCloseTo(2 ** 0.2);
    expect(wheelFactor(100, 0)).toBeCloseTo(2 ** -0.2);
    // Lines (Firefox) and pages count more per unit.
    expect(wheelFactor(-3, 1)).toBeCloseTo(2 ** 0.15);
    expect(wheelFactor(0, 0)).toBe(1);
  });

  it('bounds 10,000 nodes in one linear pass', () => {
    const boxes: Box[] = [];
    for (let index = 0; index < 10_000; index++) {
      boxes.push(box((index % 100) * 220, Math.floor(index / 100) * 110, 160, 74));
    }
    expect(boundsOf(boxes)).toEqual(box(0, 0, 99 * 220 + 160, 99 * 110 + 74));
  });
});
